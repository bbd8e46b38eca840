import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import fr.terrain.ingest.CsvTable;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.ResultsFormat;
import fr.terrain.ingest.ResultsOptions;
import fr.terrain.ingest.TextInput;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Results import throughput (list rows per second) on H2 and PostgreSQL, each as a ratio to the
 * raw parse rate of the same file with the same CSV library (FastCSV), measured in the same run.
 * Usage: java -cp terrain.jar:out ImportBench FILE LABEL REPEATS [pg-url]
 * (-Dwarmups=N, default 2; -Dwarmup.seconds=S, default 5). Each path (raw parse, reader, H2 import,
 * PostgreSQL import) first runs untimed, N times and for S seconds at least, so that the medians
 * compare compiled code, not the JIT's first passes: on the 9,561-row Paris file a cold import took
 * ten times a warm one, and the reader alone still took twice its steady time after two runs.
 * Each import goes into a new store (its connections are new: PostgreSQL plans every statement and loads
 * every table's description for the first time) and into a store already open (emptied after each run).
 * Prints one Markdown table row per database.
 */
public final class ImportBench {
    /**
     * What {@code terrain import results} is told: the city ({@code -Dterritory=demo} for the generated national file,
     * whose stations go past Paris's 20 arrondissements, as its LISEZMOI says; Paris by default).
     */
    static final ResultsOptions OPTIONS = new ResultsOptions(null, null, null, null, null, System.getProperty("territory"));

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String label = args[1];
        int repeats = Integer.parseInt(args[2]);
        String pg = args.length > 3 ? args[3] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

        long rows = rawParse(file); // row count
        double warmup = Double.parseDouble(System.getProperty("warmup.seconds", "5"));
        int warmups = Integer.getInteger("warmups", 2);
        warm(warmups, warmup, () -> rawParse(file));
        warm(warmups, warmup, () -> readOnly(file));
        warm(warmups, warmup, () -> importH2(file));
        warm(warmups, warmup, () -> importPostgres(file, pg));
        Path openH2 = Files.createTempDirectory("bench-h2-open");
        String openSchema = "bench_open_" + System.nanoTime();
        try (Store h2Store = Store.h2(openH2); Store pgStore = Store.url(pg, null, null, openSchema)) {
            warm(warmups, warmup, () -> importOpen(h2Store, file));
            warm(warmups, warmup, () -> importOpen(pgStore, file));
            measure(file, label, repeats, pg, rows, h2Store, pgStore);
        } finally {
            delete(openH2);
            try (var c = DriverManager.getConnection(pg)) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + openSchema + " CASCADE");
            }
        }
    }

    static void measure(Path file, String label, int repeats, String pg, long rows, Store h2Store, Store pgStore)
            throws Exception {
        List<Double> raw = new ArrayList<>();
        List<Double> reader = new ArrayList<>();
        List<Double> h2 = new ArrayList<>();
        List<Double> postgres = new ArrayList<>();
        List<Double> h2Open = new ArrayList<>();
        List<Double> postgresOpen = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            rawParse(file);
            raw.add(rows / seconds(t0));
            long t1 = System.nanoTime();
            readOnly(file);
            reader.add(rows / seconds(t1));
            h2.add(rows / importH2(file));
            postgres.add(rows / importPostgres(file, pg));
            h2Open.add(rows / importOpen(h2Store, file));
            postgresOpen.add(rows / importOpen(pgStore, file));
        }
        double r = median(raw);
        double d = median(reader);
        row(label, rows, r, d, "H2", median(h2), median(h2Open));
        row(label, rows, r, d, "PostgreSQL", median(postgres), median(postgresOpen));
    }

    static void row(String label, long rows, double raw, double reader, String database, double fresh, double open) {
        System.out.printf(Locale.ROOT, "| %s | %,d | %,.0f | %,.0f (%.0f %%) | %s | %,.0f | %.0f %% | %,.0f | %.0f %% |%n",
                label, rows, raw, reader, 100 * reader / raw, database, fresh, 100 * fresh / raw, open, 100 * open / raw);
    }

    interface Run {
        void run() throws Exception;
    }

    /** Runs a path untimed at least {@code times} times and for at least {@code seconds}. */
    static void warm(int times, double seconds, Run path) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < times || seconds(t0) < seconds; i++) {
            path.run();
        }
    }

    /** Reads every field of every record with FastCSV: the rate no importer of this file can beat. */
    static long rawParse(Path file) throws Exception {
        long rows = 0;
        long chars = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(';')
                .ofCsvRecord(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            for (CsvRecord rec : reader) {
                for (String f : rec.getFields()) {
                    chars += f.length();
                }
                rows++;
            }
        }
        if (chars == 0) {
            throw new IllegalStateException("empty file");
        }
        return rows - 1; // header
    }

    /** Terrain's reader alone: detection, parse, validation and sums, no database. */
    static void readOnly(Path file) {
        try (CsvTable t = CsvTable.open(TextInput.detect(file))) {
            ResultsFormat.recognise(t).orElseThrow().read(t, OPTIONS);
        }
    }

    static double importH2(Path file) throws Exception {
        Path dir = Files.createTempDirectory("bench-h2");
        try (Store store = Store.h2(dir)) {
            return timedImport(store, file);
        } finally {
            delete(dir);
        }
    }

    static void delete(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * An import into a store already open, whose connections have served earlier imports (as in the web app, or a
     * folder import after its first file); then, untimed, the store is emptied of what it wrote, so that every run
     * starts from the same empty tables as in a new store.
     */
    static double importOpen(Store store, Path file) {
        double s = timedImport(store, file);
        store.jdbi().useTransaction(h -> {
            for (String table : List.of("station_result", "candidacy", "import_log", "election")) {
                h.execute("DELETE FROM " + table);
            }
        });
        return s;
    }

    static double importPostgres(Path file, String url) throws Exception {
        String schema = "bench_" + System.nanoTime();
        try (Store store = Store.url(url, null, null, schema)) {
            return timedImport(store, file);
        } finally {
            try (var c = DriverManager.getConnection(url)) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    static double timedImport(Store store, Path file) {
        Importer importer = new Importer(store, Progress.NONE, false);
        long t0 = System.nanoTime();
        importer.results(file, OPTIONS, SourceCategory.OFFICIAL_OPEN_DATA);
        return seconds(t0);
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
