package fr.terrain.ingest;

/**
 * A text cell of a CSV file that a campaign opens in a spreadsheet. A name, a street or a topic taken from an
 * imported file or typed on a phone may begin with {@code =}, {@code +}, {@code -} or {@code @}: Excel and
 * LibreOffice would run it as a formula (a link sending the neighbouring cells elsewhere, a command), quotes or
 * not. Such a cell is written with a leading apostrophe, which spreadsheets show as text and do not display.
 */
public final class CsvCell {
    private CsvCell() {}

    /** The value a spreadsheet reads as text, never as a formula; for a writer that quotes cells itself. */
    public static String neutral(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\n', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> "'" + value;
            default -> value;
        };
    }

    /** The value as one cell of a line separated by {@code separator}: neutral, and quoted when it has to be. */
    public static String text(String value, char separator) {
        if (value == null) {
            return "";
        }
        String s = neutral(value);
        return s.indexOf(separator) >= 0 || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
