package fr.terrain.ingest.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The damage done to a file once its text is written, shared by the CSV and GeoJSON recipes:
 * character edits, re-encoding, byte edits and truncation. Positions are taken modulo the length,
 * so one recipe applies to any text and reads back in a failure report.
 */
final class Damage {
    private Damage() {}

    /** How the text becomes bytes; characters an encoding lacks become {@code ?}. */
    enum Encoding {
        UTF_8(StandardCharsets.UTF_8),
        UTF_8_BOM(StandardCharsets.UTF_8, 0xEF, 0xBB, 0xBF),
        WINDOWS_1252(Charset.forName("windows-1252")),
        ISO_8859_1(StandardCharsets.ISO_8859_1),
        UTF_16LE_BOM(StandardCharsets.UTF_16LE, 0xFF, 0xFE),
        UTF_16BE_BOM(StandardCharsets.UTF_16BE, 0xFE, 0xFF),
        UTF_16LE(StandardCharsets.UTF_16LE),
        UTF_32BE(Charset.forName("UTF-32BE"));

        private final Charset charset;
        private final byte[] bom;

        Encoding(Charset charset, int... bom) {
            this.charset = charset;
            this.bom = new byte[bom.length];
            for (int i = 0; i < bom.length; i++) {
                this.bom[i] = (byte) bom[i];
            }
        }

        byte[] encode(String text) {
            byte[] body = text.getBytes(charset);
            byte[] out = Arrays.copyOf(bom, bom.length + body.length);
            System.arraycopy(body, 0, out, bom.length, body.length);
            return out;
        }
    }

    /** One edit of the text at a position. */
    record TextEdit(Kind kind, int at, String text) {
        enum Kind { DELETE, INSERT, REPLACE, DUPLICATE_RANGE, DELETE_RANGE }

        void apply(StringBuilder s) {
            if (s.isEmpty() && kind != Kind.INSERT) {
                return;
            }
            int i = s.isEmpty() ? 0 : at % s.length();
            switch (kind) {
                case DELETE -> s.deleteCharAt(i);
                case INSERT -> s.insert(i, text);
                case REPLACE -> s.replace(i, i + 1, text);
                case DUPLICATE_RANGE -> s.insert(i, s.substring(i, Math.min(s.length(), i + 1 + text.length() * 7)));
                case DELETE_RANGE -> s.delete(i, Math.min(s.length(), i + 1 + text.length() * 7));
            }
        }
    }

    /** One edit of the bytes: a flipped bit, a lost or extra byte, or the end of the file. */
    record ByteEdit(Kind kind, int at, int value) {
        enum Kind { FLIP, DELETE, INSERT, TRUNCATE }

        byte[] apply(byte[] b) {
            if (b.length == 0) {
                return kind == Kind.INSERT ? new byte[] {(byte) value} : b;
            }
            int i = at % b.length;
            return switch (kind) {
                case FLIP -> {
                    byte[] out = b.clone();
                    out[i] ^= (byte) (1 << (value & 7));
                    yield out;
                }
                case DELETE -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
                    out.write(b, 0, i);
                    out.write(b, i + 1, b.length - i - 1);
                    yield out.toByteArray();
                }
                case INSERT -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 1);
                    out.write(b, 0, i);
                    out.write(value);
                    out.write(b, i, b.length - i);
                    yield out.toByteArray();
                }
                case TRUNCATE -> Arrays.copyOf(b, i);
            };
        }
    }

    /** Everything done after the text is written. */
    record Surface(List<TextEdit> textEdits, Encoding encoding, List<ByteEdit> byteEdits) {
        byte[] apply(String text) {
            StringBuilder s = new StringBuilder(text);
            textEdits.forEach(e -> e.apply(s));
            byte[] bytes = encoding.encode(s.toString());
            for (ByteEdit e : byteEdits) {
                bytes = e.apply(bytes);
            }
            return bytes;
        }
    }

    /** Characters that break CSV and JSON, and a few that only change meaning. */
    static final List<String> INSERTS = List.of(";", ",", "\t", "\"", "\n", "\r\n", "\r", "\0", "0", "7", "-", " ",
            "a", "é", "€", "\uFEFF", "\u00a0", "😀", "99999999999", ".", "e", "{", "}", "[", "]", ":", "\\",
            "\\u0000", "\\ud800", "null", "1e400", "\"\"", "NaN", "\u0085", "\u2028");

    static Arbitrary<Surface> surfaces() {
        Arbitrary<TextEdit> edit = Combinators.combine(Arbitraries.of(TextEdit.Kind.class), positions(),
                Arbitraries.of(INSERTS)).as(TextEdit::new);
        Arbitrary<ByteEdit> byteEdit = Combinators.combine(
                Arbitraries.frequency(Tuple.of(3, ByteEdit.Kind.FLIP), Tuple.of(2, ByteEdit.Kind.DELETE),
                        Tuple.of(2, ByteEdit.Kind.INSERT), Tuple.of(3, ByteEdit.Kind.TRUNCATE)),
                positions(), Arbitraries.integers().between(0, 255)).as(ByteEdit::new);
        Arbitrary<Encoding> encoding = Arbitraries.frequency(Tuple.of(12, Encoding.UTF_8), Tuple.of(3, Encoding.UTF_8_BOM),
                Tuple.of(3, Encoding.WINDOWS_1252), Tuple.of(2, Encoding.ISO_8859_1), Tuple.of(2, Encoding.UTF_16LE_BOM),
                Tuple.of(2, Encoding.UTF_16BE_BOM), Tuple.of(1, Encoding.UTF_16LE), Tuple.of(1, Encoding.UTF_32BE));
        return Combinators.combine(few(edit, 3), encoding, few(byteEdit, 2)).as(Surface::new);
    }

    static Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 1 << 20);
    }

    /** Mostly none or one, sometimes a few: most variants stay close enough to real to reach deep code. */
    static <T> Arbitrary<List<T>> few(Arbitrary<T> element, int max) {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(List.<T>of())),
                Tuple.of(3, element.list().ofMinSize(1).ofMaxSize(1)),
                Tuple.of(2, element.list().ofMinSize(2).ofMaxSize(max)));
    }
}
