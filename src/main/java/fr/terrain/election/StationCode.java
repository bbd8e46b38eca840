package fr.terrain.election;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code of a polling station (bureau de vote) as Paris writes it: {@code <area>-<number>},
 * e.g. {@code 15-12} for bureau 12 of the 15th arrondissement. The area is the arrondissement in
 * Paris, Lyon and Marseille, and a commune or département number elsewhere.
 */
public record StationCode(int area, int number) implements Comparable<StationCode> {

    private static final Pattern CODE = Pattern.compile("\\s*0*(\\d{1,5})\\s*-\\s*0*(\\d{1,5})\\s*");

    public StationCode {
        if (area < 1 || area > 99_999) {
            throw new IllegalArgumentException("l'arrondissement (ou la zone) doit être entre 1 et 99999, trouvé " + area);
        }
        if (number < 1 || number > 99_999) {
            throw new IllegalArgumentException("le numéro de bureau doit être entre 1 et 99999, trouvé " + number);
        }
    }

    /** Parses {@code 15-12} (leading zeros and spaces tolerated). */
    public static StationCode parse(String text) {
        int dash = text == null ? -1 : text.indexOf('-');
        if (dash > 0 && dash <= 5 && text.length() - dash - 1 <= 5 && digits(text, 0, dash)
                && digits(text, dash + 1, text.length())) { // the usual spelling, without a regular expression
            return new StationCode(Integer.parseInt(text, 0, dash, 10),
                    Integer.parseInt(text, dash + 1, text.length(), 10));
        }
        Matcher m = CODE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("attendu un code de bureau comme 15-12, trouvé \"" + text + "\"");
        }
        return new StationCode(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    private static boolean digits(String text, int from, int to) {
        if (from == to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The arrondissement, in cities divided into arrondissements. */
    public int arrondissement() {
        return area;
    }

    @Override
    public String toString() {
        return area + "-" + number;
    }

    /** Spreads codes over hash buckets (the record default collides for area × number grids). */
    @Override
    public int hashCode() {
        return area * 100_003 + number;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StationCode c && c.area == area && c.number == number;
    }

    @Override
    public int compareTo(StationCode o) {
        return area != o.area ? Integer.compare(area, o.area) : Integer.compare(number, o.number);
    }
}
