package fr.terrain.mail.smtp;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * How one recipient's address is handed to the SMTP server (RCPT TO and the To: header), given whether the server
 * offers SMTPUTF8 (RFC 6531). An ASCII address goes as it is; so does any address to a server that offers SMTPUTF8
 * (the session allows UTF-8, and Angus Mail then adds SMTPUTF8 to MAIL FROM). To another server, a domain in letters
 * ({@code exemple-é.fr}) goes as its IDNA A-label ({@code xn--exemple--i1a.fr}) when that spelling decodes back to
 * the same name; an accented local part ({@code élodie.müller@…}) cannot go at all: Angus Mail would write its UTF-8
 * bytes regardless and such a server may refuse them or file the message under a mangled name. That recipient is
 * refused with the reason, and the campaign goes on.
 */
final class EnvelopeAddress {
    /** What to do with a recipient. */
    sealed interface Route permits Send, Refuse {}

    /** Send to this spelling of the address. */
    record Send(String address) implements Route {}

    /** Do not send; {@code reason} says why, in French. */
    record Refuse(String reason) implements Route {}

    private EnvelopeAddress() {}

    static Route of(String address, boolean serverOffersSmtpUtf8) {
        if (ascii(address) || serverOffersSmtpUtf8) {
            return new Send(address);
        }
        int at = address.lastIndexOf('@');
        String local = address.substring(0, Math.max(at, 0));
        String domain = address.substring(at + 1);
        if (!ascii(local)) {
            return new Refuse("adresse accentuée avant « @ » (adresse internationalisée, RFC 6531) : le serveur SMTP"
                    + " n'annonce pas l'extension SMTPUTF8 qu'il faut pour la lui confier ; non envoyé");
        }
        return aLabels(domain).<Route>map(d -> new Send(local + "@" + d)).orElseGet(() -> new Refuse("nom de domaine"
                + " « " + domain + " » sans écriture ASCII fidèle (IDNA) : le serveur SMTP n'annonce pas l'extension"
                + " SMTPUTF8 qu'il faut pour le lui confier ; non envoyé"));
    }

    /**
     * The domain in A-labels, if they decode back to the same name: the JDK's IDNA2003 would turn {@code straße.de}
     * into {@code strasse.de}, another domain since IDNA2008, and so gives nothing here.
     */
    static Optional<String> aLabels(String domain) {
        String unicode = Normalizer.normalize(domain.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
        try {
            String ascii = IDN.toASCII(unicode);
            String back = Normalizer.normalize(IDN.toUnicode(ascii).toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
            return back.equals(unicode) && ascii(ascii) ? Optional.of(ascii.toLowerCase(Locale.ROOT)) : Optional.empty();
        } catch (IllegalArgumentException notADomain) {
            return Optional.empty();
        }
    }

    static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
