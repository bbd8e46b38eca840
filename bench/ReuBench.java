import fr.terrain.ingest.CsvTable;
import fr.terrain.ingest.ImportReport;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.ReuAddressReader;
import fr.terrain.ingest.TextInput;
import fr.terrain.store.Store;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;

/**
 * REU import (`terrain import reu`) on one file, in one JVM: the raw parse rate of the same file with the same CSV
 * library (FastCSV, every field read, as ImportBench), Terrain's reader alone (parse, validate, keep the positions in
 * their compact form; no drawing, no database), then the import (read, draw every commune's contours, write in one
 * transaction) into a new H2 store or PostgreSQL schema, with or without --communes.
 * Usage: java -Xmx2g -cp terrain.jar:out ReuBench FILE LABEL h2|postgresql [COMMUNES|-]
 * The raw parse runs once untimed first (the file into the page cache, FastCSV compiled), then timed; the reader and
 * the import once each (the whole national import: 6 to 8 minutes on 2 quiet cores).
 * Peak heap: the sum of the heap pools' peaks (a loose upper bound: G1 fills what the cap allows before it collects),
 * and the largest old generation seen after a collection, polled every 100 ms (close to the live data).
 * Prints one Markdown table row; progress lines on stderr.
 */
public final class ReuBench {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String label = args[1];
        String db = args[2];
        Set<String> communes = args.length > 3 && !args[3].equals("-")
                ? ReuAddressReader.communes(Arrays.asList(args[3].split(","))) : Set.of();

        ImportBench.rawParse(file); // untimed: the file into the page cache, the parser compiled
        long t0 = System.nanoTime();
        long rows = ImportBench.rawParse(file);
        double raw = rows / ImportBench.seconds(t0);
        System.err.printf(Locale.ROOT, "raw parse: %,d rows, %,.0f rows/s%n", rows, raw);
        long t1 = System.nanoTime();
        try (CsvTable t = CsvTable.open(TextInput.detect(file))) {
            ReuAddressReader.read(t, communes);
        }
        double reader = rows / ImportBench.seconds(t1);
        System.err.printf(Locale.ROOT, "reader: %,.0f rows/s%n", reader);

        VoterBench.resetPeaks();
        LiveHeap live = new LiveHeap();
        Thread poller = Thread.ofPlatform().daemon(true).start(live);
        double seconds;
        ImportReport report;
        Path dir = Files.createTempDirectory("bench-reu");
        String url = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        String schema = "bench_reu_" + System.nanoTime();
        try (Store store = db.equals("h2") ? Store.h2(dir) : Store.url(url, null, null, schema)) {
            long t2 = System.nanoTime();
            report = new Importer(store, new LogProgress(), false).reu(file, 2022, communes);
            seconds = ImportBench.seconds(t2);
        } finally {
            poller.interrupt();
            ImportBench.delete(dir);
            if (!db.equals("h2")) {
                try (var c = DriverManager.getConnection(url)) {
                    c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
        report.notes().forEach(n -> System.err.println("  " + n));
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %,d | %,.0f | %,.0f (%.0f %%) | %,d | %.1f s | %,.0f | %.1f %% | %d MiB | %d MiB |%n",
                label, communes.isEmpty() ? "toutes" : String.join(",", communes.stream().sorted().toList()),
                db.equals("h2") ? "H2" : "PostgreSQL", rows, raw, reader, 100 * reader / raw, report.rowsStored(),
                seconds, rows / seconds, 100 * rows / seconds / raw, VoterBench.peakHeap() >> 20, live.max >> 20);
    }

    /** The largest old generation left after a collection, polled: close to the peak of live data. */
    static final class LiveHeap implements Runnable {
        volatile long max;

        @Override
        public void run() {
            MemoryPoolMXBean old = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP && p.getName().contains("Old")).findFirst().orElseThrow();
            while (!Thread.currentThread().isInterrupted()) {
                var after = old.getCollectionUsage();
                if (after != null) {
                    max = Math.max(max, after.getUsed());
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** One line per phase and per 10 %, on stderr, with the time since the import started. */
    static final class LogProgress implements Progress {
        private final long start = System.nanoTime();
        private String label;
        private long total;
        private int decile;

        @Override
        public void start(String label, long total) {
            this.label = label;
            this.total = total;
            this.decile = 0;
        }

        @Override
        public void update(long done) {
            int d = total <= 0 ? 0 : (int) (10 * Math.min(done, total) / total);
            if (d > decile) {
                decile = d;
                System.err.printf(Locale.ROOT, "  %s : %d %% (%.0f s)%n", label, d * 10, ImportBench.seconds(start));
            }
        }

        @Override
        public void finish() {}
    }
}
