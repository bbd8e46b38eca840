package fr.terrain.ingest;

/** Counts as French readers write them, in import notes and reports. */
public final class Counts {
    private Counts() {}

    /** {@code 70 658}: thousands apart, with a plain space. */
    public static String french(long n) {
        return java.text.NumberFormat.getIntegerInstance(java.util.Locale.FRANCE).format(n).replace('\u202f', ' ')
                .replace('\u00a0', ' ');
    }
}
