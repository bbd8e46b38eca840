import fr.terrain.election.StationCode;
import fr.terrain.election.StationResult;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.ResultsOptions;
import fr.terrain.ingest.TargetingFiles;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.Elections;
import fr.terrain.store.Results;
import fr.terrain.store.Store;
import fr.terrain.store.TargetingData;
import fr.terrain.targeting.Bloc;
import fr.terrain.targeting.BlocCounts;
import fr.terrain.targeting.Budget;
import fr.terrain.targeting.Parameters;
import fr.terrain.targeting.Plan;
import fr.terrain.targeting.Targeting;
import fr.terrain.targeting.TopicRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The full targeting plan (estimates, score, allocation of the volunteer hours by half-hours, topics)
 * on the real Paris 2020 first round (897 stations, IRIS figures, with and without the 2012
 * presidential as reference round) and on the national synthetic results (69,000 stations, one
 * round, no contours nor IRIS), each in a temporary H2 store. Baselines measured in the same run:
 * loading the round's results from the store, and one pass over the stations computing their bloc
 * counts. Medians of REPEATS runs after two warm-ups.
 *
 * <p>Usage: java -cp terrain.jar:out TargetBench SHARED_DATA_DIR NATIONAL_RESULTS_CSV [REPEATS]
 * Prints a Markdown table, then the targets of the issue.
 */
public final class TargetBench {
    record Row(String label, int stations, String model, double hours, double loadResults, double pass,
            double loadInputs, double plan) {}

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args[0]);
        Path national = Path.of(args[1]);
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<Row> rows = new ArrayList<>();
        Path home = Files.createTempDirectory("bench-target");
        try (Store store = Store.h2(home)) {
            Importer importer = new Importer(store, Progress.NONE, false);
            importer.results(shared.resolve("paris-municipales-2020-t1/paris_municipales_2020_t1_bv_long.csv"),
                    ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA);
            importer.results(shared.resolve("paris-presidentielle-2012-bv/paris_presidentielle_2012_bv_long.csv"),
                    ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA);
            importer.stations(shared.resolve("paris-bureaux-de-vote-geo/secteurs_bv_paris_2020.geojson"), 2020);
            importer.stations(shared.resolve("paris-bureaux-de-vote-2012/secteurs_bv_paris_2012.geojson"), 2012);
            importer.iris(shared.resolve("paris-iris-contours/contours_iris_paris_2013.geojson"), null);
            for (String table : List.of("rp2016_iris_paris_population_age_csp.csv", "filosofi_2018_revenus_disponibles_iris_paris.csv",
                    "rp2016_iris_paris_logement.csv", "rp2016_iris_paris_menages.csv")) {
                importer.iris(shared.resolve("paris-iris-insee").resolve(table), null);
            }
            Bloc left2020 = TargetingFiles.readBloc(Path.of("docs/examples/bloc-gauche-paris-2020.json"));
            Bloc left2012 = TargetingFiles.readBloc(Path.of("docs/examples/bloc-gauche-presidentielle-2012.json"));
            rows.add(measure(store, "Paris 2020 t1 (réel)", "paris-2020-t1", null, left2020, 2000, repeats));
            rows.add(measure(store, "Paris 2020 t1 (réel), référence présidentielle 2012 t1", "paris-2020-t1",
                    "paris-pres-2012-t1", left2012, 2000, repeats));
        } finally {
            delete(home);
        }
        home = Files.createTempDirectory("bench-target");
        try (Store store = Store.h2(home)) {
            long t0 = System.nanoTime();
            new Importer(store, Progress.NONE, false).results(national,
                    new ResultsOptions(null, null, null, null, null, "demo"), SourceCategory.OFFICIAL_OPEN_DATA);
            System.err.printf(Locale.ROOT, "national results imported in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            String id = Elections.list(store).getFirst().id();
            List<String> lists = new ArrayList<>(Results.candidacies(store, id).keySet());
            Collections.sort(lists);
            // an arbitrary bloc of the synthetic candidates: two ours, one neighbour
            Bloc bloc = new Bloc("bloc synthétique", Map.of(id, lists.subList(0, 2)), Map.of(id, lists.subList(2, 3)));
            rows.add(measure(store, "national synthétique (" + id + ")", id, null, bloc, 100_000, repeats));
            rows.add(measure(store, "national synthétique, le même tour pris pour référence (chemin des transitions, chronométrage seul)",
                    id, id, bloc, 100_000, repeats));
        } finally {
            delete(home);
        }
        System.out.println("| round | stations | sympathetic abstainers | hours | load results (baseline) | pass over stations (baseline) | load inputs (store → StationInput, reference) | full plan (median) | plan / load results |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %s | %,.0f | %,.0f ms | %,.1f ms | %,.0f ms | %,.0f ms | %.2f |%n", r.label(),
                    r.stations(), r.model(), r.hours(), r.loadResults(), r.pass(), r.loadInputs(), r.plan(),
                    r.plan() / r.loadResults());
        }
        System.out.println();
        System.out.println("| target (issue 5) | measured | target | |");
        System.out.println("|---|---:|---:|---|");
        target("full plan, Paris (897 stations, no reference)", rows.get(0).plan(), 2000);
        target("full plan, Paris with 2012 transitions", rows.get(1).plan(), 2000);
        target("full plan, national synthetic (69,000 stations)", rows.get(2).plan(), 60_000);
    }

    static void target(String what, double ms, double limit) {
        System.out.printf(Locale.ROOT, "| %s | %,.0f ms | < %,.0f ms | %s |%n", what, ms, limit, ms < limit ? "met" : "**missed**");
    }

    static Row measure(Store store, String label, String election, String reference, Bloc bloc, double hours, int repeats) {
        TopicRules topics = TargetingFiles.defaultTopicRules();
        Results.load(store, election); // warm-ups
        List<StationResult> results = Results.load(store, election);
        double loadResults = median(repeats, () -> Results.load(store, election));
        double pass = median(repeats, () -> {
            double ours = 0;
            for (StationResult r : results) {
                ours += BlocCounts.of(r, bloc, election).ours();
            }
            return ours;
        });
        TargetingData.Stations stations = TargetingData.stations(store, election);
        Map<StationCode, BlocCounts> ref = reference == null ? Map.of() : TargetingData.reference(store, reference, stations, bloc);
        double loadInputs = median(repeats, () -> {
            TargetingData.Stations s = TargetingData.stations(store, election);
            return reference == null ? s : TargetingData.reference(store, reference, s, bloc);
        });
        Plan[] last = new Plan[1];
        Supplier<Object> plan = () -> last[0] = Targeting.plan(election, bloc, stations.stations(), reference, ref, Map.of(),
                Budget.total(hours), topics, Parameters.DEFAULTS);
        plan.get(); // warm-ups
        plan.get();
        double planMs = median(repeats, plan);
        String model = last[0].transitions() == null ? "one-election model"
                : String.format(Locale.ROOT, "transitions (%d of %d stations)", last[0].stationsWithTransitions(),
                        last[0].stations().size());
        System.err.printf(Locale.ROOT, "%s: plan %.0f ms, %s%n", label, planMs, model);
        return new Row(label, stations.stations().size(), model, hours, loadResults, pass, loadInputs, planMs);
    }

    static double median(int repeats, Supplier<Object> work) {
        List<Double> times = new ArrayList<>();
        Object sink = null;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            sink = work.get();
            times.add((System.nanoTime() - t0) / 1e6);
        }
        if (sink == null) {
            throw new IllegalStateException("nothing measured");
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    static void delete(Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
