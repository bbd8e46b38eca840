package fr.terrain.ingest;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.RecordWrapper;
import fr.terrain.election.Text;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A delimited text file with a header line, read one row at a time (constant memory), whatever
 * its encoding, separator, line endings or column order. Columns are found by any of their known
 * header spellings, compared without case, accents or punctuation.
 */
public final class CsvTable implements Closeable, Iterable<CsvTable.Row> {
    private final TextInput input;
    private final CsvReader<Row> reader;
    private final Iterator<Row> records;
    private final List<String> header;
    private final List<String> normalizedHeader;
    private final AtomicLong bytesRead = new AtomicLong();
    /** SHA-256 of the bytes read, so that an import need not read its file once more to log it. */
    private final MessageDigest digest = sha256Digest();
    private volatile boolean endOfFile;
    private String sha256;
    private long lastLine = 1;
    /** Values of {@link Column#repeats() repeating} columns, one String per spelling. */
    private final Interner interner = new Interner();

    private CsvTable(TextInput input) throws IOException {
        this.input = input;
        InputStream raw = new FilterInputStream(Files.newInputStream(input.path())) {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    bytesRead.addAndGet(n);
                    digest.update(b, off, n);
                } else if (n < 0) {
                    endOfFile = true;
                }
                return n;
            }

            @Override
            public long skip(long n) {
                throw new UnsupportedOperationException("every byte is digested");
            }
        };
        raw.readNBytes(input.bomLength());
        var decoder = input.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.reader = CsvReader.builder()
                .fieldSeparator(input.separator())
                .skipEmptyLines(true)
                .ignoreDifferentFieldCount(true)
                .build(new Rows(), new InputStreamReader(raw, decoder));
        this.records = reader.iterator();
        Row first;
        try {
            first = readRecord();
        } catch (InputError e) {
            reader.close(); // a refused header line must not leave the file open
            throw e;
        }
        if (first == null) {
            reader.close();
            throw InputError.of(input.fileName(), "fichier vide : une ligne d'en-tête est attendue");
        }
        List<String> names = new ArrayList<>(first.fieldCount());
        for (int i = 0; i < first.fieldCount(); i++) {
            String name = first.field(i);
            requireNoNul(name, first.line(), i);
            names.add(name.strip());
        }
        this.header = List.copyOf(names);
        this.normalizedHeader = header.stream().map(CsvTable::normalize).toList();
    }

    public static CsvTable open(TextInput input) {
        try {
            return new CsvTable(input);
        } catch (IOException e) {
            throw InputError.unreadable(input.fileName(), e);
        }
    }

    /** Header spelling normalised for comparison: {@code "N° Bureau"} → {@code "nbureau"}. */
    public static String normalize(String name) {
        return Text.fold(name).replaceAll("[^a-z0-9]", "");
    }

    public String fileName() {
        return input.fileName();
    }

    public TextInput input() {
        return input;
    }

    public List<String> header() {
        return header;
    }

    public long bytesRead() {
        return bytesRead.get();
    }

    /** The file's SHA-256 once every byte has been read, else empty. */
    public synchronized java.util.Optional<String> sha256() {
        if (endOfFile && sha256 == null) {
            sha256 = java.util.HexFormat.of().formatHex(digest.digest());
        }
        return java.util.Optional.ofNullable(sha256);
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column whose header is one of the spellings. */
    public Optional<Column> column(String... spellings) {
        for (String s : spellings) {
            int i = normalizedHeader.indexOf(normalize(s));
            if (i >= 0) {
                return Optional.of(new Column(i, header.get(i)));
            }
        }
        return Optional.empty();
    }

    public Column requireColumn(String... spellings) {
        return column(spellings).orElseThrow(() -> new InputError(new Problem(fileName(), 1, 0, null,
                "colonne manquante : " + Arrays.stream(spellings).collect(Collectors.joining(" ou "))
                        + " ; l'en-tête contient : " + String.join(", ", header))));
    }

    public boolean hasColumn(String... spellings) {
        return column(spellings).isPresent();
    }

    private Row readRecord() throws IOException {
        try {
            if (!records.hasNext()) {
                return null;
            }
            Row r = records.next();
            lastLine = r.line();
            return r;
        } catch (UncheckedIOException e) {
            throw decodingError(e.getCause());
        } catch (CsvParseException e) {
            throw new InputError(new Problem(fileName(), lastLine + 1, 0, null,
                    "CSV mal formé : " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())));
        }
    }

    private InputError decodingError(IOException cause) {
        if (cause instanceof CharacterCodingException) {
            return new InputError(new Problem(fileName(), lastLine + 1, 0, null,
                    "octets invalides en " + input.charset().displayName()
                            + " (l'encodage détecté au début du fichier)"));
        }
        return InputError.unreadable(fileName(), cause);
    }

    @Override
    public Iterator<Row> iterator() {
        return new Iterator<>() {
            private Row pending;

            @Override
            public boolean hasNext() {
                if (pending == null) {
                    try {
                        pending = readRecord();
                    } catch (IOException e) {
                        throw decodingError(e);
                    }
                }
                return pending != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = pending;
                pending = null;
                return row;
            }
        };
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern WHOLE_WITH_ZERO_DECIMALS = Pattern.compile("[+-]?\\d{1,10}[.,]0+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * No value read from a file may hold a NUL character: PostgreSQL refuses it, and it means a binary
     * file or a misread encoding. Checked on the values read (the header and every cell an importer
     * reads), not on columns no importer reads — nothing of those is stored.
     */
    private void requireNoNul(String value, long line, int index) {
        if (value.indexOf('\0') >= 0) {
            throw nulCharacter(line, index);
        }
    }

    private InputError nulCharacter(long line, int index) {
        return new InputError(new Problem(fileName(), line, index + 1, null,
                "caractère nul (octet 0) : fichier binaire, ou encodage mal reconnu"));
    }

    /** Returned by {@link #parseIntOr} for a value that is not a plain int. */
    private static final long NOT_AN_INT = Long.MIN_VALUE;

    /** {@link #parseInt} without boxing, on {@code chars[from, to)}: the value, or {@link #NOT_AN_INT}. */
    private static long parseIntOr(char[] chars, int from, int to) {
        int i = from;
        boolean negative = false;
        if (to > from && (chars[from] == '-' || chars[from] == '+')) {
            negative = chars[from] == '-';
            i++;
        }
        if (to == i || to - i > 10) {
            return NOT_AN_INT;
        }
        long n = 0;
        for (; i < to; i++) {
            char ch = chars[i];
            if (ch < '0' || ch > '9') {
                return NOT_AN_INT;
            }
            n = n * 10 + (ch - '0');
        }
        n = negative ? -n : n;
        return n < Integer.MIN_VALUE || n > Integer.MAX_VALUE ? NOT_AN_INT : n;
    }

    /** An optionally signed integer of at most 10 digits that fits an int, else null. */
    static Integer parseInt(String s) {
        long n = parseIntOr(s.toCharArray(), 0, s.length());
        return n == NOT_AN_INT ? null : (int) n;
    }

    /**
     * A column of the header: 0-based index and the header text as written. The values of a column that
     * {@link #repeats()} are read as one String per spelling (a list's label on each of its stations' rows),
     * which spares a copy per row and makes later lookups by that value cheap.
     */
    public record Column(int index, String name, boolean repeats) {
        public Column(int index, String name) {
            this(index, name, false);
        }

        /** This column, its values read as one String per spelling. */
        public Column repeating() {
            return new Column(index, name, true);
        }
    }

    /**
     * Keeps each record's fields in one array (FastCSV's callback API), instead of one String per
     * field: most fields of a large file are numbers, parsed in place, or never read.
     */
    private final class Rows extends AbstractBaseCsvCallbackHandler<Row> {
        private char[] chars = new char[256];
        private int[] ends = new int[32];
        private int length;

        @Override
        protected void handleBegin(long startingLineNumber) {
            length = 0;
        }

        @Override
        protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
            if (length + len > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + len));
            }
            if (index >= ends.length) {
                ends = Arrays.copyOf(ends, ends.length * 2);
            }
            System.arraycopy(buf, offset, chars, length, len);
            length += len;
            ends[index] = length;
        }

        @Override
        protected RecordWrapper<Row> buildRecord() {
            return wrapRecord(new Row(getStartingLineNumber(), Arrays.copyOf(chars, length),
                    Arrays.copyOf(ends, getFieldCount())));
        }
    }

    /**
     * One String per spelling of the values of repeating columns, looked up by their characters
     * (open addressing). Bounded: past {@link #MAX} spellings, values are no longer shared.
     */
    private static final class Interner {
        private static final int MAX = 1 << 14;
        private String[] table = new String[64];
        private int size;

        String intern(char[] chars, int from, int to) {
            int hash = 0;
            for (int i = from; i < to; i++) {
                hash = 31 * hash + chars[i];
            }
            int mask = table.length - 1;
            int slot = (hash ^ (hash >>> 16)) & mask;
            for (String s; (s = table[slot]) != null; slot = (slot + 1) & mask) {
                if (s.length() == to - from && s.hashCode() == hash && same(s, chars, from)) {
                    return s;
                }
            }
            String s = new String(chars, from, to - from);
            if (size < MAX) {
                table[slot] = s;
                if (++size * 2 > table.length) {
                    grow();
                }
            }
            return s;
        }

        private static boolean same(String s, char[] chars, int from) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) != chars[from + i]) {
                    return false;
                }
            }
            return true;
        }

        private void grow() {
            String[] old = table;
            table = new String[old.length * 2];
            int mask = table.length - 1;
            for (String s : old) {
                if (s != null) {
                    int hash = s.hashCode();
                    int slot = (hash ^ (hash >>> 16)) & mask;
                    while (table[slot] != null) {
                        slot = (slot + 1) & mask;
                    }
                    table[slot] = s;
                }
            }
        }
    }

    /** One data row; every accessor reports a bad value with its line and column. */
    public final class Row {
        private final long line;
        /** The fields' characters one after the other; field i ends at {@code ends[i]}. */
        private final char[] chars;
        private final int[] ends;
        /** The stripped bounds of the field last located by {@link #locate}. */
        private int from;
        private int to;

        private Row(long line, char[] chars, int[] ends) {
            this.line = line;
            this.chars = chars;
            this.ends = ends;
        }

        public long line() {
            return line;
        }

        public int fieldCount() {
            return ends.length;
        }

        /** Field {@code i} as written, not stripped. */
        private String field(int i) {
            int start = i == 0 ? 0 : ends[i - 1];
            return new String(chars, start, ends[i] - start);
        }

        /** Sets {@link #from} and {@link #to} to field {@code i} without its surrounding white space. */
        private void locate(int i) {
            int start = i == 0 ? 0 : ends[i - 1];
            int end = ends[i];
            while (start < end && Character.isWhitespace(chars[start])) {
                start++;
            }
            while (end > start && Character.isWhitespace(chars[end - 1])) {
                end--;
            }
            from = start;
            to = end;
        }

        public InputError error(Column c, String message) {
            return new InputError(new Problem(fileName(), line(), c == null ? 0 : c.index() + 1,
                    c == null ? null : c.name(), message));
        }

        /** The trimmed value, or null when the cell is empty or absent. */
        public String text(Column c) {
            if (c == null || c.index() >= ends.length) {
                return null;
            }
            locate(c.index());
            if (from == to) {
                return null;
            }
            for (int i = from; i < to; i++) {
                if (chars[i] == '\0') {
                    throw nulCharacter(line, c.index());
                }
            }
            return c.repeats() ? interner.intern(chars, from, to) : new String(chars, from, to - from);
        }

        /** Whether the cell's trimmed value is {@code value} (null: empty or absent), read without a copy. */
        public boolean textEquals(Column c, String value) {
            if (c == null || c.index() >= ends.length) {
                return value == null;
            }
            locate(c.index());
            if (value == null || from == to) {
                return value == null && from == to;
            }
            if (value.length() != to - from) {
                return false;
            }
            for (int i = 0; i < value.length(); i++) {
                if (value.charAt(i) != chars[from + i]) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The first {@code length} characters of the cell's trimmed value in upper case, or null when it is shorter:
         * enough to tell which rows to skip without reading them further.
         */
        public String prefix(Column c, int length) {
            if (c == null || c.index() >= ends.length) {
                return null;
            }
            locate(c.index());
            if (to - from < length) {
                return null;
            }
            char[] head = new char[length];
            for (int i = 0; i < length; i++) {
                head[i] = Character.toUpperCase(chars[from + i]);
            }
            return new String(head);
        }

        public String requiredText(Column c) {
            if (c.index() >= ends.length) {
                throw error(c, "la ligne a " + ends.length + " champs, l'en-tête "
                        + header.size());
            }
            String v = text(c);
            if (v == null) {
                throw error(c, "valeur vide");
            }
            return v;
        }

        /** {@link #text}, at most {@code max} characters: the width of the column that stores it. */
        public String text(Column c, int max) {
            return fitting(c, text(c), max);
        }

        /** {@link #requiredText}, at most {@code max} characters: the width of the column that stores it. */
        public String requiredText(Column c, int max) {
            return fitting(c, requiredText(c), max);
        }

        private String fitting(Column c, String v, int max) {
            if (v != null && v.length() > max) {
                throw error(c, "valeur trop longue : " + v.length() + " caractères, au plus " + max);
            }
            return v;
        }

        /** Field {@code c} as a plain int parsed in place, or {@link #NOT_AN_INT} (absent, empty or spelled otherwise). */
        private long plainInt(Column c) {
            if (c == null || c.index() >= ends.length) {
                return NOT_AN_INT;
            }
            locate(c.index());
            return parseIntOr(chars, from, to);
        }

        public int integer(Column c) {
            long n = plainInt(c); // the hot path of imports: no copy, no boxing
            if (n != NOT_AN_INT) {
                return (int) n;
            }
            if (c != null && c.index() >= ends.length) {
                missing(c);
            }
            Integer spelled = optionalInteger(c); // thousands separators, 12.0, or the located error
            if (spelled == null) {
                throw error(c, "attendu un nombre entier, trouvé une valeur vide");
            }
            return spelled;
        }

        /** A whole number; {@code 12.0} is accepted (spreadsheet exports), {@code 12.5} is not. */
        public Integer optionalInteger(Column c) {
            long plain = plainInt(c);
            if (plain != NOT_AN_INT) {
                return (int) plain;
            }
            String v = c == null ? null : (c.index() >= ends.length ? missing(c) : text(c));
            if (v == null) {
                return null;
            }
            Integer n;
            String digits = v.replace("\u00a0", "").replace(" ", "");
            n = parseInt(digits);
            if (n != null) {
                return n;
            }
            if (WHOLE_WITH_ZERO_DECIMALS.matcher(digits).matches()) {
                return optionalWhole(c, digits.substring(0, digits.indexOf(digits.contains(".") ? '.' : ',')));
            }
            throw error(c, "attendu un nombre entier, trouvé \"" + v + "\"");
        }

        private Integer optionalWhole(Column c, String digits) {
            long n = Long.parseLong(digits);
            if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                throw error(c, "nombre trop grand : " + digits);
            }
            return (int) n;
        }

        public int count(Column c) {
            int n = integer(c);
            if (n < 0) {
                throw error(c, "attendu un effectif (0 ou plus), trouvé " + n);
            }
            return n;
        }

        public Integer optionalCount(Column c) {
            Integer n = optionalInteger(c);
            if (n != null && n < 0) {
                throw error(c, "attendu un effectif (0 ou plus), trouvé " + n);
            }
            return n;
        }

        /** A decimal number with {@code .} or, in {@code ;}-separated files, {@code ,}. */
        public Double optionalDecimal(Column c) {
            String v = c == null ? null : (c.index() >= ends.length ? missing(c) : text(c));
            if (v == null) {
                return null;
            }
            String s = v.replace("\u00a0", "").replace(" ", "");
            if (input.separator() != ',') {
                s = s.replace(',', '.');
            }
            if (!DECIMAL.matcher(s).matches()) {
                throw error(c, "attendu un nombre, trouvé \"" + v + "\"");
            }
            double d = Double.parseDouble(s);
            if (Double.isInfinite(d)) {
                throw error(c, "nombre hors limites : \"" + v + "\"");
            }
            return d;
        }

        public double decimal(Column c) {
            Double d = optionalDecimal(c);
            if (d == null) {
                throw error(c, "attendu un nombre, trouvé une valeur vide");
            }
            return d;
        }

        private String missing(Column c) {
            throw error(c, "la ligne a " + ends.length + " champs, l'en-tête " + header.size());
        }

        /**
         * Rejects a line with fewer fields than the header (a truncated line) or with extra
         * non-empty fields (a shifted line); empty trailing fields are tolerated.
         */
        public void requireWidth() {
            int n = ends.length;
            if (n < header.size()) {
                throw new InputError(new Problem(fileName(), line(), n + 1, null,
                        "attendu " + header.size() + " champs comme l'en-tête, trouvé " + n));
            }
            for (int i = header.size(); i < n; i++) {
                locate(i);
                if (from < to) {
                    throw new InputError(new Problem(fileName(), line(), i + 1, null,
                            "attendu " + header.size() + " champs comme l'en-tête, trouvé " + n));
                }
            }
        }
    }
}
