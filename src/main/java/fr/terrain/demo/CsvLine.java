package fr.terrain.demo;

/**
 * One line of a delimited file. Values are never quoted, as in the official files: a value that
 * holds the separator, a quote or a line break is a bug of the generator and fails loudly.
 */
final class CsvLine {
    private final char separator;
    private final StringBuilder text = new StringBuilder(256);
    private boolean first = true;

    CsvLine(char separator) {
        this.separator = separator;
    }

    CsvLine clear() {
        text.setLength(0);
        first = true;
        return this;
    }

    CsvLine add(String value) {
        separate();
        if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == separator || c == '"' || c == '\n' || c == '\r') {
                    throw new IllegalStateException("value would need quoting: " + value);
                }
            }
            text.append(value);
        }
        return this;
    }

    CsvLine add(long value) {
        separate();
        text.append(value);
        return this;
    }

    /** A decimal with a fixed number of places, dot as decimal mark. */
    CsvLine add(double value, int places) {
        separate();
        appendFixed(text, value, places);
        return this;
    }

    /** A decimal written as Java writes a double (the census tables' full-precision estimates). */
    CsvLine addFull(double value) {
        separate();
        text.append(value);
        return this;
    }

    private void separate() {
        if (!first) {
            text.append(separator);
        }
        first = false;
    }

    CharSequence text() {
        return text;
    }

    /** Faster than String.format, and locale-proof: {@code 2.367234}, {@code -31.8}. */
    static void appendFixed(StringBuilder out, double value, int places) {
        long scale = 1;
        for (int i = 0; i < places; i++) {
            scale *= 10;
        }
        long units = Math.round(Math.abs(value) * scale);
        if (value < 0 && units != 0) {
            out.append('-');
        }
        out.append(units / scale);
        if (places > 0) {
            out.append('.');
            String fraction = Long.toString(units % scale);
            for (int i = fraction.length(); i < places; i++) {
                out.append('0');
            }
            out.append(fraction);
        }
    }

    /** The double a reader parses from {@link #appendFixed} with the same places. */
    static double rounded(double value, int places) {
        double scale = StrictMath.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
