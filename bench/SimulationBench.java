import fr.terrain.election.simulation.Camps;
import fr.terrain.election.simulation.Simulation;
import fr.terrain.election.simulation.SimulationResult;
import fr.terrain.election.simulation.Transfers;
import fr.terrain.election.simulation.VoteModel;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.ResultsOptions;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.Store;
import fr.terrain.web.simulation.SimulationJson;
import fr.terrain.web.simulation.SimulationSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * The simulation's speed on the real Paris 2020 first round (17 sectors, 163 seats, 182 lists in
 * the camps of docs/examples/camps-paris-2020.json): 100,000 draws, median of REPEATS runs after
 * one warm-up, on the common fork-join pool (all cores) and, as the baseline measured in the same
 * run, on a pool of one thread. Loading the data is not timed.
 *
 * <p>Usage: java -cp terrain.jar:out SimulationBench SHARED_DATA_DIR [REPEATS]. Prints a Markdown table.
 */
public final class SimulationBench {
    static final int DRAWS = 100_000;

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path home = Files.createTempDirectory("terrain-simbench-");
        try (Store store = Store.h2(home)) {
            new Importer(store, Progress.NONE, false).results(
                    data.resolve("paris-municipales-2020-t1/paris_municipales_2020_t1_bv_long.csv"), ResultsOptions.none(),
                    SourceCategory.OFFICIAL_OPEN_DATA);
            Camps camps = SimulationJson.camps(SimulationJson.example("paris-2020").orElseThrow(), "camps-paris-2020.json");
            VoteModel model = SimulationSetup.build(store, "paris-1982", "paris-2020-t1", camps, null, null).model();
            int cores = ForkJoinPool.getCommonPoolParallelism() + 1; // the calling thread works too
            ForkJoinPool one = new ForkJoinPool(1);
            Simulation.run(model, Transfers.DEFAULT, DRAWS, 7); // warm-up
            List<Double> all = new ArrayList<>();
            List<Double> single = new ArrayList<>();
            SimulationResult r = null;
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                r = Simulation.run(model, Transfers.DEFAULT, DRAWS, i + 1);
                all.add((System.nanoTime() - t0) / 1e9);
                long t1 = System.nanoTime();
                int seed = i + 1;
                one.submit(() -> Simulation.run(model, Transfers.DEFAULT, DRAWS, seed)).get();
                single.add((System.nanoTime() - t1) / 1e9);
            }
            one.shutdown();
            // the 2025 law: the same draws, 17 arrondissement ballots and one city-wide council ballot each
            VoteModel reform = SimulationSetup.build(store, "paris-2025", "paris-2020-t1", camps, null, null).model();
            Simulation.run(reform, Transfers.DEFAULT, DRAWS, 7); // warm-up
            List<Double> reformTimes = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                Simulation.run(reform, Transfers.DEFAULT, DRAWS, i + 1);
                reformTimes.add((System.nanoTime() - t0) / 1e9);
            }
            System.out.println("| run | threads | draws | time (median of " + repeats + ") | draws/s | sector decisions/s |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            row("common pool", cores, median(all), model.sectors().size());
            row("one thread (baseline)", 1, median(single), model.sectors().size());
            row("paris-2025, common pool", cores, median(reformTimes), reform.sectors().size() + 1);
            System.out.printf(Locale.ROOT, "%nLast run: majority %d of %d seats; P(no majority) %.3f.%n", r.majority(),
                    r.councilSeats(), r.pNoMajority());
        }
    }

    static void row(String label, int threads, double seconds, int sectors) {
        System.out.printf(Locale.ROOT, "| %s | %d | %,d | %.2f s | %,.0f | %,.0f |%n", label, threads, DRAWS, seconds,
                DRAWS / seconds, DRAWS * (double) sectors / seconds);
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
