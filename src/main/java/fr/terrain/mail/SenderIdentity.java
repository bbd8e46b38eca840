package fr.terrain.mail;

import fr.terrain.privacy.CampaignIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who sends, for which list and which election: the mentions every message carries (PRIVACY.md,
 * "Every message"). From settings: the campaign's identity ({@code campaign.controller},
 * {@code campaign.address}, {@code campaign.contact}, {@code campaign.election}) and
 * {@code mail.list} (the list, « Paris en commun »), {@code mail.from} (the From: address),
 * {@code mail.base-url} (where the unsubscribe page is served).
 */
public record SenderIdentity(String controller, String address, String contact, String list, String election,
        String fromAddress, String baseUrl) {

    public static SenderIdentity fromSettings(Map<String, String> s) {
        CampaignIdentity id = CampaignIdentity.fromSettings(s);
        return new SenderIdentity(id.controller(), id.address(), id.contact(), value(s, "mail.list"), id.election(),
                value(s, "mail.from"), value(s, "mail.base-url").replaceAll("/+$", ""));
    }

    private static String value(Map<String, String> s, String key) {
        String v = s.get(key);
        return v == null || v.isBlank() ? CampaignIdentity.MISSING : v.strip();
    }

    /** What is missing for a send: the settings keys to fill in. */
    public List<String> missing() {
        List<String> out = new ArrayList<>();
        check(out, controller, "campaign.controller (qui envoie)");
        check(out, address, "campaign.address (son adresse)");
        check(out, contact, "campaign.contact (comment la joindre)");
        check(out, list, "mail.list (la liste)");
        check(out, election, "campaign.election (l'élection)");
        check(out, fromAddress, "mail.from (adresse d'expédition)");
        check(out, baseUrl, "mail.base-url (adresse publique du serveur Terrain, pour la désinscription)");
        if (!fromAddress.contains("@")) {
            out.add("mail.from n'est pas une adresse électronique : " + fromAddress);
        }
        return out;
    }

    private static void check(List<String> out, String v, String key) {
        if (v == null || v.isBlank() || v.equals(CampaignIdentity.MISSING)) {
            out.add(key);
        }
    }

    /** The domain of the From: address, for Message-IDs: {@code Paris Demain <equipe@parisdemain.fr>} gives the address's. */
    public String domain() {
        String address = fromAddress.strip();
        int open = address.lastIndexOf('<');
        int close = address.lastIndexOf('>');
        if (open >= 0 && close > open) {
            address = address.substring(open + 1, close);
        }
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "" : address.substring(at + 1).strip();
        return domain.matches("[A-Za-z0-9.-]+") ? domain : "terrain.invalid";
    }
}
