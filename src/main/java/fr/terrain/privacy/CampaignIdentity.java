package fr.terrain.privacy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who is responsible for the campaign's data, as the register of processing activities must
 * say (GDPR art. 30(1)(a)): the controller, how to reach them and their DPO, and who receives or
 * processes the data on their behalf. Read from settings ({@code campaign.*}, {@code register.*});
 * what is not set reads « à renseigner » so that the gap shows in the register.
 */
public record CampaignIdentity(String controller, String address, String contact, String dpo, String election,
        List<String> recipients, List<String> processors, String transfers) {
    public static final String MISSING = "à renseigner";

    public CampaignIdentity {
        Objects.requireNonNull(controller, "controller");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(dpo, "dpo");
        Objects.requireNonNull(election, "election");
        Objects.requireNonNull(transfers, "transfers");
        recipients = List.copyOf(recipients);
        processors = List.copyOf(processors);
    }

    /** The recipients when none are set: the register lists the roles after it. */
    static final String DEFAULT_RECIPIENTS = "l'équipe de campagne, selon les rôles de ses comptes (voir ci-dessous)";

    /** The processors' list when none is set: the gap shows. */
    static final String NO_PROCESSORS = "hébergeur de la base et du serveur, prestataire d'envoi des courriels : " + MISSING;

    /** From settings: {@code campaign.controller}, {@code campaign.address}, {@code campaign.contact},
     * {@code campaign.dpo}, {@code campaign.election}, {@code register.recipients},
     * {@code register.processors} (items separated by {@code ;}) and {@code register.transfers} (transfers
     * outside the European Union and their safeguards, or that there are none). */
    public static CampaignIdentity fromSettings(Map<String, String> s) {
        return new CampaignIdentity(value(s, "campaign.controller"), value(s, "campaign.address"),
                value(s, "campaign.contact"), value(s, "campaign.dpo"), value(s, "campaign.election"),
                list(s, "register.recipients", DEFAULT_RECIPIENTS),
                list(s, "register.processors", NO_PROCESSORS), value(s, "register.transfers"));
    }

    /**
     * The settings an answer to a person needs and that are not set, in the order of the file: without them the
     * answer says « à renseigner ». A campaign without a DPO says so ({@code campaign.dpo=aucun délégué désigné}),
     * and one that transfers nothing outside the Union too ({@code register.transfers=aucun}).
     */
    public List<String> missing() {
        List<String> out = new java.util.ArrayList<>();
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("campaign.controller", controller);
        values.put("campaign.address", address);
        values.put("campaign.contact", contact);
        values.put("campaign.dpo", dpo);
        values.put("register.processors", processors.equals(List.of(NO_PROCESSORS)) ? MISSING : "");
        values.put("register.transfers", transfers);
        values.forEach((key, v) -> {
            if (MISSING.equals(v)) {
                out.add(key);
            }
        });
        return List.copyOf(out);
    }

    private static String value(Map<String, String> s, String key) {
        String v = s.get(key);
        return v == null || v.isBlank() ? MISSING : v.strip();
    }

    private static List<String> list(Map<String, String> s, String key, String fallback) {
        String v = s.get(key);
        if (v == null || v.isBlank()) {
            return List.of(fallback);
        }
        return java.util.Arrays.stream(v.split(";")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }
}
