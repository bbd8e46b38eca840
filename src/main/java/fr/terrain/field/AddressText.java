package fr.terrain.field;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a street and a house number written by hand (an electoral list, a form) are brought to one
 * comparable form, the way the postal norm (AFNOR NF Z10-011) and the BAN's {@code nom_afnor} write
 * them: upper case without accents, punctuation as spaces, abbreviations expanded, articles dropped.
 */
public final class AddressText {
    private AddressText() {}

    /** Street types and titles as abbreviated on lists and by the postal norm, with their full word. */
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("AV", "AVENUE"), Map.entry("AVE", "AVENUE"), Map.entry("AVN", "AVENUE"),
            Map.entry("BD", "BOULEVARD"), Map.entry("BLD", "BOULEVARD"), Map.entry("BOUL", "BOULEVARD"),
            Map.entry("BVD", "BOULEVARD"), Map.entry("PL", "PLACE"), Map.entry("FG", "FAUBOURG"),
            Map.entry("FBG", "FAUBOURG"), Map.entry("IMP", "IMPASSE"), Map.entry("PAS", "PASSAGE"),
            Map.entry("PASS", "PASSAGE"), Map.entry("SQ", "SQUARE"), Map.entry("VLA", "VILLA"),
            Map.entry("ALL", "ALLEE"), Map.entry("CHE", "CHEMIN"), Map.entry("CHEM", "CHEMIN"),
            Map.entry("RTE", "ROUTE"), Map.entry("QU", "QUAI"), Map.entry("CRS", "COURS"), Map.entry("CR", "COURS"),
            Map.entry("CTE", "CITE"), Map.entry("HAM", "HAMEAU"), Map.entry("RPT", "ROND POINT"),
            Map.entry("SEN", "SENTIER"), Map.entry("GAL", "GENERAL"), Map.entry("MAL", "MARECHAL"),
            Map.entry("PDT", "PRESIDENT"), Map.entry("PRES", "PRESIDENT"), Map.entry("DR", "DOCTEUR"),
            Map.entry("PROF", "PROFESSEUR"), Map.entry("ST", "SAINT"), Map.entry("STE", "SAINTE"),
            Map.entry("CDT", "COMMANDANT"), Map.entry("CNE", "CAPITAINE"), Map.entry("LT", "LIEUTENANT"),
            Map.entry("COL", "COLONEL"), Map.entry("MGR", "MONSEIGNEUR"), Map.entry("NTRE", "NOTRE"),
            Map.entry("ND", "NOTRE DAME"));

    /** Abbreviations that are only a street type when they open the label: {@code R} is rue, not a letter. */
    private static final Map<String, String> LEADING = Map.of("R", "RUE", "C", "COURS", "Q", "QUAI", "P", "PLACE");

    /** Articles and linking words the postal norm drops from long labels; dropped everywhere so both forms meet. */
    private static final Set<String> ARTICLES = Set.of("DE", "DU", "DES", "LA", "LE", "LES", "L", "D", "AU", "AUX",
            "EN", "ET", "A", "SUR", "SOUS");

    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^A-Z0-9]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** Upper case, no accents, every run of punctuation or space as one space: {@code l'Écluse} → {@code L ECLUSE}. */
    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFD);
        s = MARKS.matcher(s).replaceAll("").toUpperCase(Locale.ROOT).replace("Œ", "OE").replace("Æ", "AE");
        return NOT_ALPHANUMERIC.matcher(s).replaceAll(" ").strip();
    }

    /**
     * The comparable form of a street: type and name folded, abbreviations expanded, articles
     * dropped. {@code BD DE LA VILLETTE}, {@code Boulevard de la Villette} and {@code boulevard
     * Villette} give the same key. Idempotent: the key of a key is itself.
     *
     * @param type the street type in its own column (lists have one), or null when the name holds it
     */
    public static String streetKey(String type, String name) {
        String folded = fold((type == null ? "" : type) + " " + (name == null ? "" : name));
        if (folded.isEmpty()) {
            return "";
        }
        StringBuilder key = new StringBuilder(folded.length() + 16);
        boolean first = true;
        for (String word : folded.split(" ")) {
            String full = first ? LEADING.getOrDefault(word, WORDS.getOrDefault(word, word)) : WORDS.getOrDefault(word, word);
            if (ARTICLES.contains(full)) {
                continue;
            }
            first = false; // the type is the first word kept, so a key read again gives itself
            if (!key.isEmpty()) {
                key.append(' ');
            }
            key.append(full);
        }
        return key.toString();
    }

    /**
     * A house number as written on a list: {@code 12}, {@code 12 BIS}, {@code 12B}, {@code 12 ter},
     * {@code 12-14}, {@code 12/14}, {@code 12 à 14}, {@code 0012}.
     *
     * @param number the first number
     * @param suffix the repetition index as the BAN writes it ({@code b}, {@code t}, {@code q}, a
     *               letter), or null
     * @param last the last number of a range ({@code 14} in {@code 12-14}), or {@code number}
     */
    public record HouseNumber(int number, String suffix, int last) {
        /** Parses a house number, or returns null when there is none ({@code ""}, {@code S/N}). */
        public static HouseNumber parse(String text) {
            String folded = RANGE_WORD.matcher(fold(text)).replaceAll("$1 $2");
            Matcher m = NUMBER.matcher(folded);
            if (!m.matches()) {
                return null;
            }
            int number = Integer.parseInt(m.group(1));
            String suffix = suffix(m.group(2));
            int last = number;
            if (m.group(3) != null) {
                int end = Integer.parseInt(m.group(3));
                if (end > number && end - number <= 20) {
                    last = end;
                }
            }
            return number > 99_999 ? null : new HouseNumber(number, suffix, last);
        }

        /** {@code 12 à 14}, {@code 12 au 14}, {@code 12 et 14}: the word between two numbers means a range. */
        private static final Pattern RANGE_WORD = Pattern.compile("(\\d) (?:A|AU|ET) (\\d)");
        private static final Pattern NUMBER = Pattern.compile(
                "0*(\\d{1,5})(?: ?(BIS|TER|QUATER|QUINQUIES|[A-Z]))?(?: 0*(\\d{1,5})(?: ?(?:BIS|TER|QUATER|[A-Z]))?)?");

        private static String suffix(String word) {
            if (word == null) {
                return null;
            }
            return switch (word) {
                case "BIS" -> "b";
                case "TER" -> "t";
                case "QUATER" -> "q";
                case "QUINQUIES" -> "c";
                default -> word.toLowerCase(Locale.ROOT);
            };
        }
    }

    /** The BAN's repetition index in the same form as {@link HouseNumber#suffix()}: lower case, or null. */
    public static String banSuffix(String rep) {
        if (rep == null || rep.isBlank()) {
            return null;
        }
        HouseNumber n = HouseNumber.parse("1 " + rep);
        return n != null && n.suffix() != null ? n.suffix() : rep.strip().toLowerCase(Locale.ROOT);
    }
}
