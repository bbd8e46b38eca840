package fr.terrain.ingest.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * How to turn a real CSV file into a small damaged variant: take the header and a window (or a
 * random subset) of its lines, damage cells, columns and lines, write it with some separator and
 * line ending, then damage the text and the bytes. Printed in full when a property fails.
 */
record CsvRecipe(Sample sample, List<TableOp> ops, Layout layout, Damage.Surface surface) {

    /** A real file as header and lines of fields; none of the real files quotes a field. */
    record Seed(String fileName, List<List<String>> lines, char separator) {
        static Seed of(Path file) {
            try {
                return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Seed parse(String fileName, String text) {
            List<String> raw = text.lines().filter(l -> !l.isBlank()).toList();
            char separator = raw.get(0).contains(";") ? ';' : ',';
            List<List<String>> lines = raw.stream()
                    .map(l -> List.of(l.split(String.valueOf(separator), -1))).toList();
            return new Seed(fileName, lines, separator);
        }

        List<String> header() {
            return lines.get(0);
        }

        int dataLines() {
            return lines.size() - 1;
        }
    }

    /** Which data lines to keep: {@code length} from {@code start}, or that many picked anywhere. */
    record Sample(int start, int length, boolean scattered, long seed) {
        List<List<String>> apply(Seed s) {
            List<List<String>> table = new ArrayList<>();
            table.add(new ArrayList<>(s.header()));
            int n = s.dataLines();
            int k = Math.min(length, n);
            if (scattered) {
                Random r = new Random(seed);
                TreeSet<Integer> picked = new TreeSet<>();
                while (picked.size() < k) {
                    picked.add(1 + r.nextInt(n));
                }
                picked.forEach(i -> table.add(new ArrayList<>(s.lines().get(i))));
            } else {
                int first = start % n;
                for (int i = 0; i < k; i++) {
                    table.add(new ArrayList<>(s.lines().get(1 + (first + i) % n)));
                }
            }
            return table;
        }
    }

    /** How lines are written. {@code quoted}: fields holding a separator, quote or newline are quoted as CSV wants. */
    record Layout(Character separator, boolean quoted, String lineEnding, boolean finalNewline) {
        String write(List<List<String>> table, char original) {
            char sep = separator == null ? original : separator;
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < table.size(); i++) {
                if (i > 0) {
                    s.append(lineEnding);
                }
                List<String> fields = table.get(i);
                for (int j = 0; j < fields.size(); j++) {
                    if (j > 0) {
                        s.append(sep);
                    }
                    String f = fields.get(j);
                    boolean needsQuotes = f.indexOf(sep) >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0
                            || f.indexOf('\r') >= 0;
                    s.append(quoted && needsQuotes ? '"' + f.replace("\"", "\"\"") + '"' : f);
                }
            }
            if (finalNewline) {
                s.append(lineEnding);
            }
            return s.toString();
        }
    }

    /** The bytes of the variant. */
    byte[] bytes(Seed seed) {
        List<List<String>> table = sample.apply(seed);
        char sep = layout.separator() == null ? seed.separator() : layout.separator();
        for (TableOp op : ops) {
            op.apply(table, sep);
        }
        return surface.apply(layout.write(table, seed.separator()));
    }

    /** Writes the variant to {@code dir}, under the real file's name (names carry years and arrondissements). */
    Path write(Seed seed, Path dir) {
        Path f = dir.resolve(seed.fileName());
        try {
            Files.write(f, bytes(seed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    // ---- damage to the table: row 0 is the header (until DropHeader or a shuffle moves it)

    sealed interface TableOp {
        void apply(List<List<String>> table, char separator);
    }

    record MutateCell(int row, int column, Cell damage, int at) implements TableOp {
        public void apply(List<List<String>> t, char sep) {
            if (t.size() > 1) {
                List<String> line = t.get(1 + row % (t.size() - 1));
                if (!line.isEmpty()) {
                    int c = column % line.size();
                    line.set(c, damage.apply(line.get(c), at, sep));
                }
            }
        }
    }

    record MutateHeader(int column, Cell damage, int at) implements TableOp {
        public void apply(List<List<String>> t, char sep) {
            if (!t.isEmpty() && !t.get(0).isEmpty()) {
                List<String> header = t.get(0);
                int c = column % header.size();
                header.set(c, damage.apply(header.get(c), at, sep));
            }
        }
    }

    /** Puts one column's value into another column of the same line: a value of the wrong kind. */
    record CopyCell(int row, int from, int to) implements TableOp {
        public void apply(List<List<String>> t, char sep) {
            if (!t.isEmpty()) {
                List<String> line = t.get(row % t.size());
                if (!line.isEmpty()) {
                    line.set(to % line.size(), line.get(from % line.size()));
                }
            }
        }
    }

    record DropColumn(int column) implements TableOp {
        public void apply(List<List<String>> t, char sep) {
            if (!t.isEmpty() && !t.get(0).isEmpty()) {
                int c = column % t.get(0).size();
                t.forEach(line -> {
                    if (c < line.size()) {
                        line.remove(c);
                    }
                });
            }
        }
    }

    record ShuffleColumns(long seed) implements TableOp {
        public void apply(List<List<String>> t, char sep) {
            if (t.isEmpty()) {
                return;
            }
            int width = t.get(0).size();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(seed));
            for (int r = 0; r < t.size(); r++) {
                List<String> line = t.get(r);
                List<String> moved = new ArrayList<>(line.size());
                for (int i : order) {
                    if (i < line.size()) {
                        moved.add(line.get(i));
                    }
                }
                for (int i = width; i < line.size(); i++) {
                    moved.add(line.get(i));
                }
                t.set(r, moved);
            }
        }
    }

    /** Shuffles the data lines, or every line with the header among them. */
    record ShuffleLines(long seed, boolean headerToo) implements TableOp {
        public void apply(List<List<String>> t, char sep) {
            Collections.shuffle(headerToo ? t : t.subList(Math.min(1, t.size()), t.size()), new Random(seed));
        }
    }

    record DropHeader() implements TableOp {
        public void apply(List<List<String>> t, char sep) {
            if (!t.isEmpty()) {
                t.remove(0);
            }
        }
    }

    record DuplicateLine(int row) implements TableOp {
        public void apply(List<List<String>> t, char sep) {
            if (!t.isEmpty()) {
                int r = row % t.size();
                t.add(r, new ArrayList<>(t.get(r)));
            }
        }
    }

    /** A line that lost its last fields, or gained some. */
    record CutLine(int row, int keep) implements TableOp {
        public void apply(List<List<String>> t, char sep) {
            if (!t.isEmpty()) {
                List<String> line = t.get(row % t.size());
                int n = keep % (line.size() + 3);
                while (line.size() > n) {
                    line.remove(line.size() - 1);
                }
                while (line.size() < n) {
                    line.add(line.size() % 2 == 0 ? "" : "12");
                }
            }
        }
    }

    /** An empty or blank line somewhere. */
    record BlankLine(int row, String content) implements TableOp {
        public void apply(List<List<String>> t, char sep) {
            t.add(t.isEmpty() ? 0 : row % (t.size() + 1), new ArrayList<>(List.of(content)));
        }
    }

    /** Damage to one value. */
    enum Cell {
        EMPTY, BLANK, NEGATIVE, ZERO, HUGE, OVERFLOW, MAX_INT, DECIMAL, WHOLE_DECIMAL, COMMA_DECIMAL, EXPONENT,
        SPACED, NBSP, LETTERS, DIGITS, NO_PUNCTUATION, DASH, QUOTE, SEPARATOR, NEWLINE, NUL, LONG, ACCENT, EMOJI,
        UPPER, LOWER, BUMP, BAD_DATE, NOT_A_NUMBER, PLUS, LEADING_ZEROS, DROP_CHAR;

        String apply(String v, int at, char sep) {
            int i = v.isEmpty() ? 0 : at % (v.length() + 1);
            return switch (this) {
                case EMPTY -> "";
                case BLANK -> "   ";
                case NEGATIVE -> "-" + v;
                case ZERO -> "0";
                case HUGE -> "99999999999999999999";
                case OVERFLOW -> "2147483648";
                case MAX_INT -> "2147483647";
                case DECIMAL -> v + ".5";
                case WHOLE_DECIMAL -> v + ".0";
                case COMMA_DECIMAL -> v + ",5";
                case EXPONENT -> v + "e400";
                case SPACED -> " " + insert(v, i, " ") + " ";
                case NBSP -> insert(v, i, "\u00a0");
                case LETTERS -> v.replace('0', 'O').replace('1', 'l').replace('5', 'S').replaceAll("[2-46-9]", "x");
                case DIGITS -> v.replaceAll("[a-z]", "4").replaceAll("[A-Z]", "1");
                case NO_PUNCTUATION -> v.replaceAll("[^\\p{L}\\p{N}]", "");
                case DASH -> insert(v, i, "-");
                case QUOTE -> insert(v, i, "\"");
                case SEPARATOR -> insert(v, i, String.valueOf(sep));
                case NEWLINE -> insert(v, i, "\n");
                case NUL -> insert(v, i, "\0");
                case LONG -> (v.isEmpty() ? "x" : v).repeat(1 + 400 / Math.max(1, v.length()));
                case ACCENT -> insert(v, i, "é");
                case EMOJI -> insert(v, i, "😀");
                case UPPER -> v.toUpperCase();
                case LOWER -> v.toLowerCase();
                case BUMP -> bump(v);
                case BAD_DATE -> at % 2 == 0 ? "2020-02-30" : "31/04/2019";
                case NOT_A_NUMBER -> at % 2 == 0 ? "NaN" : "Infinity";
                case PLUS -> "+" + v;
                case LEADING_ZEROS -> "0000000000000" + v;
                case DROP_CHAR -> v.isEmpty() ? v : v.substring(0, i % v.length()) + v.substring(i % v.length() + 1);
            };
        }

        private static String insert(String v, int i, String what) {
            return v.substring(0, Math.min(i, v.length())) + what + v.substring(Math.min(i, v.length()));
        }

        /** The last digit plus one: a date a day later, a count off by one. */
        private static String bump(String v) {
            for (int i = v.length() - 1; i >= 0; i--) {
                char c = v.charAt(i);
                if (c >= '0' && c <= '9') {
                    return v.substring(0, i) + (char) (c == '9' ? '0' : c + 1) + v.substring(i + 1);
                }
            }
            return v + "1";
        }
    }

    // ---- generators

    static Arbitrary<CsvRecipe> any() {
        Arbitrary<Sample> sample = Combinators.combine(Damage.positions(),
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)), Tuple.of(8, Arbitraries.integers().between(1, 12)),
                        Tuple.of(4, Arbitraries.integers().between(13, 40))),
                Arbitraries.of(false, true), Arbitraries.longs()).as(Sample::new);
        Arbitrary<Cell> cell = Arbitraries.of(Cell.class);
        Arbitrary<Integer> at = Damage.positions();
        Arbitrary<TableOp> op = Arbitraries.frequencyOf(
                Tuple.of(10, Combinators.combine(at, at, cell, at).as(MutateCell::new)),
                Tuple.of(3, Combinators.combine(at, cell, at).as(MutateHeader::new)),
                Tuple.of(2, Combinators.combine(at, at, at).as(CopyCell::new)),
                Tuple.of(2, at.map(DropColumn::new)),
                Tuple.of(2, Arbitraries.longs().map(ShuffleColumns::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.longs(), Arbitraries.of(false, false, true)).as(ShuffleLines::new)),
                Tuple.of(1, Arbitraries.just(new DropHeader())),
                Tuple.of(2, at.map(DuplicateLine::new)),
                Tuple.of(2, Combinators.combine(at, at).as(CutLine::new)),
                Tuple.of(1, Combinators.combine(at, Arbitraries.of("", "   ", ";;;", ",,", "\t")).as(BlankLine::new)));
        Arbitrary<Layout> layout = Combinators.combine(
                Arbitraries.of(';', ',', '\t').injectNull(0.6),
                Arbitraries.of(true, false),
                Arbitraries.frequency(Tuple.of(5, "\n"), Tuple.of(3, "\r\n"), Tuple.of(1, "\r")),
                Arbitraries.of(true, false)).as(Layout::new);
        return Combinators.combine(sample, Damage.few(op, 4), layout, Damage.surfaces()).as(CsvRecipe::new);
    }
}
