package fr.terrain.privacy;

import java.net.IDN;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalisation of the identifiers the suppression list compares: an objection written "Hélène
 * d'Arcy, 12 r. de la Paix" must match the list's "HELENE D ARCY", "12 RUE DE LA PAIX".
 * <ul>
 * <li>e-mail: trimmed, Unicode NFC, lower-cased — accented local parts too (RFC 6531) — and a domain
 * written as IDNA A-labels ({@code xn--…}) given in letters, so each mailbox has one spelling;</li>
 * <li>phone: E.164, French numbers by default ({@code 06 12 34 56 78} → {@code +33612345678});</li>
 * <li>names and addresses: upper case, accents and ligatures removed, punctuation as spaces,
 * spaces collapsed; common street-type abbreviations spelt out.</li>
 * </ul>
 * A name is the surname and the first given name only (lists give every first name, letters rarely).
 */
public final class Identifiers {
    private static final Map<String, String> STREET_TYPES = Map.ofEntries(Map.entry("R", "RUE"),
            Map.entry("BD", "BOULEVARD"), Map.entry("BLD", "BOULEVARD"), Map.entry("BLVD", "BOULEVARD"),
            Map.entry("AV", "AVENUE"), Map.entry("AVE", "AVENUE"), Map.entry("PL", "PLACE"), Map.entry("IMP", "IMPASSE"),
            Map.entry("CHE", "CHEMIN"), Map.entry("CHEM", "CHEMIN"), Map.entry("ALL", "ALLEE"), Map.entry("QU", "QUAI"),
            Map.entry("SQ", "SQUARE"), Map.entry("PASS", "PASSAGE"), Map.entry("PAS", "PASSAGE"), Map.entry("RTE", "ROUTE"),
            Map.entry("FG", "FAUBOURG"), Map.entry("FBG", "FAUBOURG"), Map.entry("CRS", "COURS"), Map.entry("VLA", "VILLA"),
            Map.entry("CITE", "CITE"), Map.entry("HAM", "HAMEAU"), Map.entry("RES", "RESIDENCE"));

    private static final Pattern EDGE_SPACE = Pattern.compile("^[\\s\\p{Z}]+|[\\s\\p{Z}]+$");
    /** Spaces (a no-break space too), control and format characters (a zero-width space pasted along). */
    private static final Pattern INVISIBLE = Pattern.compile("[\\s\\p{Z}\\p{Cc}\\p{Cf}]");
    private static final Pattern MAILBOX = Pattern.compile("[^@<>\",;]+@[^@<>\",;]+\\.[^@<>\",;]+");

    private Identifiers() {}

    /** Upper case, no accents or ligatures, punctuation as spaces, single spaces, trimmed. */
    public static String text(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE").replace("ß", "ss");
        t = Normalizer.normalize(t, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        t = t.toUpperCase(Locale.ROOT);
        t = t.replaceAll("[^\\p{L}\\p{N}]+", " ");
        return t.strip();
    }

    /**
     * An e-mail address as every comparison takes it — import, sign-up, suppression list, erasure and access,
     * tracking: trimmed, in Unicode NFC, lower-cased whole (the local part too, accents included:
     * {@code Élodie.Müller@Exemple.FR} is {@code élodie.müller@exemple.fr}), and a domain's IDNA A-labels written in
     * letters (the domain {@code xn--exemple--i1a.fr} is {@code exemple-é.fr}). Rejects what is not one address.
     */
    public static String email(String s) {
        String e = s == null ? "" : EDGE_SPACE.matcher(s).replaceAll("");
        e = Normalizer.normalize(Normalizer.normalize(e, Normalizer.Form.NFC).toLowerCase(Locale.ROOT),
                Normalizer.Form.NFC);
        int at = e.indexOf('@');
        if (at < 1 || at != e.lastIndexOf('@') || at == e.length() - 1 || INVISIBLE.matcher(e).find()) {
            throw new IllegalArgumentException("adresse électronique invalide : " + s);
        }
        String domain = e.substring(at + 1);
        if (domain.contains("xn--")) {
            // ToUnicode gives back a label it cannot decode faithfully (an IDNA2008-only one) as it was
            domain = Normalizer.normalize(IDN.toUnicode(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT),
                    Normalizer.Form.NFC);
        }
        return e.substring(0, at + 1) + domain;
    }

    /**
     * {@link #email} of an address a mail server will take: a dot in the domain, none of {@code <>",;} (which
     * would split a header). What the contacts import and the sign-up page accept.
     */
    public static String mailbox(String s) {
        String e = email(s);
        if (!MAILBOX.matcher(e).matches()) {
            throw new IllegalArgumentException("adresse électronique invalide : " + s);
        }
        return e;
    }

    /**
     * A phone number in E.164: {@code 06 12 34 56 78}, {@code 06.12.34.56.78}, {@code +33 (0)6 12 34 56 78}
     * and {@code 0033612345678} all give {@code +33612345678}. A number of another country must be
     * written with its prefix (+ or 00).
     */
    public static String phone(String s) {
        if (s == null) {
            throw new IllegalArgumentException("numéro de téléphone vide");
        }
        String t = s.strip().replace("(0)", "");
        boolean plus = t.startsWith("+");
        String digits = t.replaceAll("[\\s.\\-/()]", "");
        if (plus) {
            digits = digits.substring(1);
        }
        if (!digits.matches("\\d+")) {
            throw new IllegalArgumentException("numéro de téléphone invalide : " + s);
        }
        String international;
        if (plus) {
            international = digits;
        } else if (digits.startsWith("00")) {
            international = digits.substring(2);
        } else if (digits.length() == 10 && digits.startsWith("0") && digits.charAt(1) != '0') {
            international = "33" + digits.substring(1);
        } else {
            throw new IllegalArgumentException("numéro de téléphone invalide (10 chiffres commençant par 0, ou +indicatif) : "
                    + s);
        }
        if (international.startsWith("330")) {
            international = "33" + international.substring(3); // +33 0612… written with its trunk 0
        }
        if (international.startsWith("33") && international.length() != 11) {
            throw new IllegalArgumentException("numéro français invalide (9 chiffres après +33) : " + s);
        }
        if (international.length() < 8 || international.length() > 15 || international.startsWith("0")) {
            throw new IllegalArgumentException("numéro de téléphone invalide : " + s);
        }
        return "+" + international;
    }

    /** Surname and first given name, normalised: "D'ARCY", "Hélène Marie" → "D ARCY HELENE". */
    public static String name(String surname, String firstNames) {
        String last = text(surname);
        if (last.isEmpty()) {
            throw new IllegalArgumentException("nom vide");
        }
        String first = text(firstNames);
        int space = first.indexOf(' ');
        return (last + " " + (space < 0 ? first : first.substring(0, space))).strip();
    }

    /** A street line ("12 bis r. de la Paix") and a postcode, normalised with street types spelt out. */
    public static String address(String streetLine, String postcode) {
        List<String> words = new ArrayList<>();
        for (String w : text(streetLine).split(" ")) {
            if (!w.isEmpty()) {
                words.add(STREET_TYPES.getOrDefault(w, w));
            }
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("adresse vide");
        }
        return (String.join(" ", words) + " " + text(postcode)).strip();
    }

    public static Identifier emailOf(String email) {
        return new Identifier(Identifier.Kind.EMAIL, email(email));
    }

    public static Identifier phoneOf(String phone) {
        return new Identifier(Identifier.Kind.PHONE, phone(phone));
    }

    public static Identifier nameAddress(String surname, String firstNames, String streetLine, String postcode) {
        return new Identifier(Identifier.Kind.NAME_ADDRESS, name(surname, firstNames) + "|" + address(streetLine, postcode));
    }

    public static Identifier nameBirthDate(String surname, String firstNames, LocalDate birthDate) {
        return new Identifier(Identifier.Kind.NAME_BIRTH_DATE, name(surname, firstNames) + "|" + birthDate);
    }

    /**
     * The identifiers of a person as an electoral list gives them: name + birth date and name +
     * address, under the birth name and under the usage name when there is one.
     */
    public static Set<Identifier> ofListedPerson(String birthName, String usageName, String firstNames,
            LocalDate birthDate, String addressNumber, String streetType, String streetName, String postcode) {
        Set<Identifier> out = new LinkedHashSet<>();
        String street = String.join(" ", nonNull(addressNumber), nonNull(streetType), nonNull(streetName));
        for (String surname : new String[] {birthName, usageName}) {
            if (surname == null || text(surname).isEmpty()) {
                continue;
            }
            if (birthDate != null) {
                out.add(nameBirthDate(surname, firstNames, birthDate));
            }
            if (!text(street).isEmpty()) {
                out.add(nameAddress(surname, firstNames, street, postcode));
            }
        }
        return out;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
