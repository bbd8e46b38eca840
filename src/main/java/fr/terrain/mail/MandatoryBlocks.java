package fr.terrain.mail;

import java.util.ArrayList;
import java.util.List;

/**
 * The check a message must pass before it is handed to SMTP: the sender identity complete, and
 * in both the HTML and the text the sender, the list and the election, the precise origin of the
 * recipient's address and the unsubscribe link; the List-Unsubscribe header with the one-click
 * URL and List-Unsubscribe-Post (RFC 8058); one To:, the checked recipient.
 */
public final class MandatoryBlocks {
    private MandatoryBlocks() {}

    /** What is missing (in French), empty when the message may go. */
    public static List<String> missing(RenderedMessage m, SenderIdentity sender, CheckedRecipient r,
            String unsubscribeUrl) {
        List<String> out = new ArrayList<>(sender.missing().stream().map(k -> "réglage manquant : " + k).toList());
        String origin = r.facts().origin().text();
        String footerLink = m.unsubscribeLink() == null ? "" : m.unsubscribeLink();
        if (footerLink.isBlank()) {
            out.add("lien de désinscription absent");
        }
        for (var part : List.of(new String[] {"HTML", m.html(), MessageRenderer.escape(origin),
                    MessageRenderer.escape(footerLink), MessageRenderer.escape(sender.controller()),
                    MessageRenderer.escape(sender.list()), MessageRenderer.escape(sender.election())},
                new String[] {"texte", m.text(), origin, footerLink, sender.controller(), sender.list(), sender.election()})) {
            String body = part[1];
            if (body == null || !body.contains(part[2])) {
                out.add("origine de l'adresse absente (" + part[0] + ")");
            }
            if (body == null || !body.contains(part[3])) {
                out.add("lien de désinscription absent (" + part[0] + ")");
            }
            if (body == null || !body.contains(part[4])) {
                out.add("identité de l'expéditeur absente (" + part[0] + ")");
            }
            if (body == null || !body.contains(part[5]) || !body.contains(part[6])) {
                out.add("liste ou élection absente (" + part[0] + ")");
            }
        }
        String lu = m.headers().get("List-Unsubscribe");
        if (lu == null || !lu.contains("<" + unsubscribeUrl + ">") || !unsubscribeUrl.startsWith("https://")
                && !unsubscribeUrl.startsWith("http://")) {
            out.add("en-tête List-Unsubscribe absent ou sans l'adresse de désinscription");
        }
        if (!MessageRenderer.LIST_UNSUBSCRIBE_POST.equals(m.headers().get("List-Unsubscribe-Post"))) {
            out.add("en-tête List-Unsubscribe-Post: List-Unsubscribe=One-Click absent (RFC 8058)");
        }
        if (!m.to().equals(r.email()) || m.to().contains(",") || m.to().contains(";")) {
            out.add("le destinataire du message n'est pas le seul destinataire vérifié");
        }
        return out;
    }
}
