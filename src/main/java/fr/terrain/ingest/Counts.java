package fr.terrain.ingest;

/** Counts in an import report's notes, written as the report prints its own. */
final class Counts {
    private Counts() {}

    /** {@code 70 658}: thousands apart, with a plain space. */
    static String french(long n) {
        return java.text.NumberFormat.getIntegerInstance(java.util.Locale.FRANCE).format(n).replace('\u202f', ' ')
                .replace('\u00a0', ' ');
    }
}
