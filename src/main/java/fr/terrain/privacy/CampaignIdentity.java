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
        List<String> recipients, List<String> processors) {
    public static final String MISSING = "à renseigner";

    public CampaignIdentity {
        Objects.requireNonNull(controller, "controller");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(dpo, "dpo");
        Objects.requireNonNull(election, "election");
        recipients = List.copyOf(recipients);
        processors = List.copyOf(processors);
    }

    /** From settings: {@code campaign.controller}, {@code campaign.address}, {@code campaign.contact},
     * {@code campaign.dpo}, {@code campaign.election}, {@code register.recipients} and
     * {@code register.processors} (items separated by {@code ;}). */
    public static CampaignIdentity fromSettings(Map<String, String> s) {
        return new CampaignIdentity(value(s, "campaign.controller"), value(s, "campaign.address"),
                value(s, "campaign.contact"), value(s, "campaign.dpo"), value(s, "campaign.election"),
                list(s, "register.recipients", "l'équipe de campagne, selon les rôles de ses comptes (voir ci-dessous)"),
                list(s, "register.processors", "hébergeur de la base et du serveur : " + MISSING));
    }

    /**
     * The settings an answer to a person needs and that are not set ({@code campaign.controller},
     * {@code campaign.address}, {@code campaign.contact}), in that order; the DPO is optional for a campaign.
     */
    public List<String> missing() {
        List<String> out = new java.util.ArrayList<>();
        if (MISSING.equals(controller)) {
            out.add("campaign.controller");
        }
        if (MISSING.equals(address)) {
            out.add("campaign.address");
        }
        if (MISSING.equals(contact)) {
            out.add("campaign.contact");
        }
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
