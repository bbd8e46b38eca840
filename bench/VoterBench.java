import fr.terrain.election.Election;
import fr.terrain.election.ElectionKind;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.Elections;
import fr.terrain.store.Store;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Electoral-list import: wall time, rows per second and peak heap, on H2 or PostgreSQL, with the
 * raw FastCSV parse rate of the same file as baseline, in the same JVM.
 * Usage: java -Xmx1g -cp terrain.jar:out VoterBench FILE h2|postgresql
 * Prints one Markdown table row.
 */
public final class VoterBench {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String db = args[1];
        long t0 = System.nanoTime();
        long rows = ImportBench.rawParse(file);
        double rawRate = rows / ImportBench.seconds(t0);
        resetPeaks();

        double seconds;
        if (db.equals("h2")) {
            Path dir = Files.createTempDirectory("bench-voters");
            try (Store store = Store.h2(dir)) {
                seconds = timedImport(store, file);
            } finally {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } else {
            String url = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
            String schema = "bench_voters_" + System.nanoTime();
            try (Store store = Store.url(url, null, null, schema)) {
                seconds = timedImport(store, file);
            } finally {
                try (var c = DriverManager.getConnection(url)) {
                    c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
        double rate = rows / seconds;
        System.out.printf(Locale.ROOT, "| %s | %,d | %.1f s | %,.0f | %,.0f | %.0f %% | %d MiB | %.0f min |%n",
                db.equals("h2") ? "H2" : "PostgreSQL", rows, seconds, rate, rawRate, 100 * rate / rawRate,
                peakHeap() >> 20, 49_000_000 / rate / 60);
    }

    static double timedImport(Store store, Path file) {
        Elections.add(store, List.of(new Election("bench-2026-t1", "bench-2026", ElectionKind.MUNICIPALES, "bench", 1,
                LocalDate.of(2026, 3, 15), null)));
        long t0 = System.nanoTime();
        new Importer(store, Progress.NONE, false).voters(file, "bench-2026", SourceCategory.ELECTORAL_LIST, "bench",
                LocalDate.of(2026, 1, 1), Map.of(), null);
        return ImportBench.seconds(t0);
    }

    static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the peak heap in use. */
    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
