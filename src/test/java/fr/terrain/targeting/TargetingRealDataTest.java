package fr.terrain.targeting;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.RealData;
import fr.terrain.election.Candidacy;
import fr.terrain.election.Election;
import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import fr.terrain.election.StationResult;
import fr.terrain.geo.Lambert93;
import fr.terrain.ingest.CsvTable;
import fr.terrain.ingest.DerivedRoundReader;
import fr.terrain.ingest.GeoReaders;
import fr.terrain.ingest.IrisTableReader;
import fr.terrain.ingest.ResultsFile;
import fr.terrain.ingest.ResultsFormat;
import fr.terrain.ingest.ResultsOptions;
import fr.terrain.ingest.TargetingFiles;
import fr.terrain.ingest.TextInput;
import fr.terrain.territory.IndicatorCatalog;
import fr.terrain.territory.IrisIndicator;
import fr.terrain.territory.IrisToStations;
import fr.terrain.territory.StationCrosswalk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;

/**
 * Targeting on the real Paris files: the acceptance run (Paris 2020 round 1, left bloc, 897
 * stations), the three backtests quoted in {@code docs/targeting.md} and the 2020 → 2026 out-of-time
 * test. Times are printed, never asserted.
 */
class TargetingRealDataTest {
    static ResultsFile.Round paris2020;
    static ResultsFile.Round paris2014;
    static ResultsFile.Round pres2012;
    static List<PollingStation> stations2020;
    static List<PollingStation> stations2012;
    static List<StationInput> inputs2020;
    static final Bloc LEFT_2020 = TargetingFiles.readBloc(Path.of("docs/examples/bloc-gauche-paris-2020.json"));
    static final Bloc LEFT_2014 = TargetingFiles.readBloc(Path.of("docs/examples/bloc-gauche-paris-2014-20e.json"));
    static final Bloc LEFT_2012 = TargetingFiles.readBloc(Path.of("docs/examples/bloc-gauche-presidentielle-2012.json"));

    static ResultsFile.Round read(String file, ResultsOptions options) {
        try (CsvTable t = CsvTable.open(TextInput.detect(RealData.file(file)))) {
            return ResultsFormat.recognise(t).orElseThrow().read(t, options).rounds().get(0);
        }
    }

    @BeforeAll
    static void load() {
        long start = System.nanoTime();
        paris2020 = read(RealData.RESULTS_2020, ResultsOptions.none());
        paris2014 = read(RealData.RESULTS_2014, new ResultsOptions(null, null, null, null, 20, null));
        pres2012 = read(RealData.PRES_2012, ResultsOptions.none());
        stations2020 = GeoReaders.stations(RealData.file(RealData.STATIONS_2020), null).values();
        stations2012 = GeoReaders.stations(RealData.file(RealData.STATIONS_2012), null).values();
        var iris = GeoReaders.irisContours(RealData.file(RealData.IRIS_CONTOURS_2013), null).values();
        List<IrisIndicator> indicators = new ArrayList<>();
        for (String table : List.of(RealData.RP2016_POPULATION, RealData.FILOSOFI_2018,
                "paris-iris-insee/rp2016_iris_paris_logement.csv", "paris-iris-insee/rp2016_iris_paris_menages.csv")) {
            try (CsvTable t = CsvTable.open(TextInput.detect(RealData.file(table)))) {
                indicators.addAll(IrisTableReader.read(t, null).values());
            }
        }
        var carried = IrisToStations.interpolate(iris, stations2020, indicators, List.of());
        Map<StationCode, Map<String, Double>> figures = new HashMap<>();
        carried.byStation().forEach((code, values) -> {
            Map<String, Double> m = new HashMap<>();
            values.forEach((k, v) -> {
                if (v.kind() != IndicatorCatalog.Kind.NOT_INTERPOLATED && !Double.isNaN(v.value())) {
                    m.put(k, v.value());
                }
            });
            figures.put(code, m);
        });
        Map<StationCode, PollingStation> byCode = new HashMap<>();
        stations2020.forEach(s -> byCode.put(s.code(), s));
        Election e = paris2020.election();
        inputs2020 = new ArrayList<>();
        for (StationResult r : paris2020.results()) {
            Point c = byCode.get(r.station()).contour().getInteriorPoint();
            double[] xy = Lambert93.project(c.getX(), c.getY());
            inputs2020.add(new StationInput(r.station(), Sectors.of(e, r.station()), r,
                    figures.getOrDefault(r.station(), Map.of()), xy[0], xy[1]));
        }
        System.out.printf("real data read and IRIS carried onto 2020 stations: %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    /** A reference round (on 2012 boundaries) carried onto the 2020 stations. */
    static Map<StationCode, BlocCounts> carried(ResultsFile.Round round, Bloc bloc) {
        StationCrosswalk crosswalk = StationCrosswalk.between(stations2012, stations2020);
        Map<String, Candidacy> lists = new HashMap<>();
        round.candidacies().forEach(c -> lists.put(c.label(), c));
        Map<StationCode, BlocCounts> out = new HashMap<>();
        crosswalk.apply(round.results()).forEach((code, c) -> {
            if (c.coveredShare() >= 0.5) {
                out.put(code, BlocCounts.of(c, lists, bloc, round.election().id()));
            }
        });
        return out;
    }

    @Test
    void theLeftBlocFileMatchesThePublishedParisTotalsOfHidalgoAndBelliard() {
        long ours = 0;
        for (StationResult r : paris2020.results()) {
            ours += (long) BlocCounts.of(r, LEFT_2020, "paris-2020-t1").ours();
        }
        // Paris en commun 162,219 + EELV 59,649 (published Paris totals) + the six LFI lists identified: 15,327
        assertThat(ours).isEqualTo(162_219 + 59_649 + 15_327);
    }

    @Test
    void targetReturnsAll897StationsWithFiniteBoundedEstimatesOnParis2020() {
        TopicRules topics = TargetingFiles.defaultTopicRules();
        Plan plan = null;
        for (int run = 1; run <= 3; run++) {
            long start = System.nanoTime();
            plan = Targeting.plan("paris-2020-t1", LEFT_2020, inputs2020, Map.of(), Map.of(), Budget.total(2000), topics,
                    Parameters.DEFAULTS);
            System.out.printf("full plan for Paris (897 stations, 2000 h, topics), run %d: %d ms%n", run,
                    (System.nanoTime() - start) / 1_000_000);
        }
        assertThat(plan.stations()).hasSize(897);
        assertThat(plan.hoursAllocated()).isCloseTo(2000, org.assertj.core.data.Offset.offset(1e-6));
        for (Plan.StationPlan r : plan.stations()) {
            StationEstimate e = r.estimate();
            assertThat(e.sympatheticAbstainers().low()).isGreaterThanOrEqualTo(0);
            assertThat(e.sympatheticAbstainers().high()).isLessThanOrEqualTo(e.abstainers().value() + 1e-9);
            assertThat(e.persuadables().high()).isLessThanOrEqualTo(e.expressed() - e.ourVotes() + 1e-9);
            assertThat(e.turnout().low()).isBetween(0.0, 1.0);
            assertThat(e.blocShare().high()).isBetween(0.0, 1.0);
            assertThat(r.score()).isFinite().isNotNegative();
            assertThat(r.expectedGain()).isFinite().isNotNegative();
        }
        long withTopics = plan.stations().stream().filter(r -> !r.topics().isEmpty()).count();
        assertThat(withTopics).isGreaterThan(850);
        Plan.StationPlan best = plan.stations().stream().max(java.util.Comparator.comparingDouble(Plan.StationPlan::score))
                .orElseThrow();
        System.out.printf("best station %s (sector %s): score %.3f votes/h, %s%n", best.station(), best.estimate().sector(),
                best.score(), best.topics());
        System.out.printf("expected gain of 2000 h: %.1f votes; sectors: %s%n", plan.expectedGain(),
                plan.sectors().stream().map(s -> s.sector() + "=" + Math.round(s.hours()) + "h").toList());
    }

    @Test
    void crossValidationOnParis2020() {
        Map<StationCode, BlocCounts> ref = carried(pres2012, LEFT_2012);
        Backtest.Result withSwing = Backtest.run("paris-2020-t1", LEFT_2012, inputs2020, "paris-pres-2012-t1", ref, 10, 1,
                Parameters.DEFAULTS);
        Backtest.Result alone = Backtest.run("paris-2020-t1", LEFT_2020, inputs2020, null, Map.of(), 10, 1,
                Parameters.DEFAULTS);
        print("CV Paris 2020 (covariates + neighbours, no reference)", alone);
        print("2012 presidential → 2020 municipal through the crosswalk", withSwing);
        for (Backtest.Score s : alone.scores()) {
            assertThat(s.model()).isLessThan(s.arrondissementMean());
        }
    }

    @Test
    void from2014To2020InThe20th() {
        Map<StationCode, BlocCounts> ref = carried(paris2014, LEFT_2014);
        List<StationInput> twentieth = inputs2020.stream().filter(s -> s.station().arrondissement() == 20).toList();
        Backtest.Result r = Backtest.run("paris-2020-t1", LEFT_2014, twentieth, "paris-2014-t1", ref, 10, 1,
                Parameters.DEFAULTS);
        print("2014 → 2020, 20th arrondissement", r);
    }

    @Test
    void transitionsFromThe2012PresidentialGiveSympatheticAbstainersWithinTheStationBounds() {
        Map<StationCode, BlocCounts> ref = carried(pres2012, LEFT_2012);
        Plan plan = null;
        for (int run = 1; run <= 3; run++) {
            long start = System.nanoTime();
            plan = Targeting.plan("paris-2020-t1", LEFT_2012, inputs2020, "paris-pres-2012-t1", ref, Map.of(),
                    Budget.total(2000), TargetingFiles.defaultTopicRules(), Parameters.DEFAULTS);
            System.out.printf("full plan for Paris with 2012 transitions, run %d: %d ms%n", run,
                    (System.nanoTime() - start) / 1_000_000);
        }
        Transitions.Fit t = plan.transitions();
        assertThat(t).isNotNull();
        assertThat(plan.stations()).hasSize(897);
        assertThat(plan.stationsWithTransitions()).isEqualTo(ref.size()).isGreaterThan(890);
        System.out.printf("TRANSITIONS 2012 t1 -> 2020 t1, %d stations, rmse %.4f (rows from %s, columns to %s)%n",
                t.stations(), t.rmse(), Transitions.FROM, Transitions.TO);
        for (int k = 0; k < Transitions.FROM.size(); k++) {
            StringBuilder row = new StringBuilder(String.format("TRANSITIONS %-11s", Transitions.FROM.get(k)));
            for (int j = 0; j < Transitions.TO.size(); j++) {
                row.append(String.format(" %5.1f%% [%4.1f–%4.1f]", 100 * t.rates()[k][j], 100 * t.low()[k][j],
                        100 * t.high()[k][j]));
                assertThat(t.rates()[k][j]).isBetween(0.0, 1.0);
            }
            System.out.println(row);
            assertThat(java.util.Arrays.stream(t.rates()[k]).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        }
        double sympathetic = 0;
        double abstainers = 0;
        double oneElection = 0;
        Map<StationCode, StationEstimate> fallback = new HashMap<>();
        Estimator.estimate(inputs2020, LEFT_2012, "paris-2020-t1", Map.of(), Parameters.DEFAULTS)
                .forEach(e -> fallback.put(e.station(), e));
        for (Plan.StationPlan r : plan.stations()) {
            StationEstimate e = r.estimate();
            assertThat(e.sympatheticAbstainers().low()).isGreaterThanOrEqualTo(e.sympatheticBounds().low() - 1e-9)
                    .isGreaterThanOrEqualTo(0);
            assertThat(e.sympatheticAbstainers().high()).isLessThanOrEqualTo(e.sympatheticBounds().high() + 1e-9)
                    .isLessThanOrEqualTo(e.abstainers().value() + 1e-9);
            sympathetic += e.sympatheticAbstainers().value();
            abstainers += e.abstainers().value();
            oneElection += fallback.get(e.station()).sympatheticAbstainers().value();
        }
        System.out.printf("TRANSITIONS sympathetic abstainers in Paris: %.0f of %.0f abstainers (%.1f %%); one-election model: %.0f (%.1f %%)%n",
                sympathetic, abstainers, 100 * sympathetic / abstainers, oneElection, 100 * oneElection / abstainers);
        // are the rates stable across sectors? (the Goodman assumption) — one fit per sector, printed
        Map<String, List<Integer>> bySector = new java.util.TreeMap<>(Targeting::compareSectors);
        for (int i = 0; i < inputs2020.size(); i++) {
            if (ref.containsKey(inputs2020.get(i).station())) {
                bySector.computeIfAbsent(inputs2020.get(i).sector(), k -> new ArrayList<>()).add(i);
            }
        }
        StringBuilder sectors = new StringBuilder("TRANSITIONS by sector, ours -> abstention:");
        bySector.forEach((sector, idx) -> {
            double[][] x = new double[idx.size()][];
            double[][] y = new double[idx.size()][];
            double[] w = new double[idx.size()];
            for (int j = 0; j < idx.size(); j++) {
                StationInput s = inputs2020.get(idx.get(j));
                BlocCounts now = BlocCounts.of(s.result(), LEFT_2012, "paris-2020-t1");
                x[j] = Transitions.from(ref.get(s.station()));
                y[j] = Transitions.to(now);
                w[j] = now.registered();
            }
            Transitions.Fit f = Transitions.fit(x, y, w, 50, 1, 0.9);
            sectors.append(String.format(" %s: %.0f%% [%.0f–%.0f]", sector, 100 * f.oursToAbstention(), 100 * f.low()[0][4],
                    100 * f.high()[0][4]));
        });
        System.out.println(sectors);
    }

    /** The 2026 first round as voted (left bloc: Grégoire + Chikirou) and the crosswalk from the 2020 stations. */
    record Round2026(List<Forecast.Observed> observed, fr.terrain.geo.Crosswalk<StationCode, StationCode> crosswalk) {}

    static Round2026 round2026() {
        Map<StationCode, org.locationtech.jts.geom.Geometry> contours = new java.util.LinkedHashMap<>();
        List<Forecast.Observed> observed = new ArrayList<>();
        for (DerivedRoundReader.Station s : DerivedRoundReader.read(RealData.file(RealData.DERIVED_2026)).values()) {
            contours.put(s.code(), s.contour());
            observed.add(new Forecast.Observed(s.code(), s.registered(), s.voters(),
                    Math.min(1, (s.shares().get("gregoire") + s.shares().get("chikirou")) / 100)));
        }
        return new Round2026(observed, StationCrosswalk.between(stations2020, contours).crosswalk());
    }

    @Test
    void estimatesOf2020CarriedOntoThe2026StationsAgainstThe2026FirstRound() {
        Round2026 later = round2026();
        Forecast.Result r = Forecast.run("paris-2020-t1", LEFT_2020, inputs2020, later.crosswalk(), later.observed(), 100,
                Parameters.DEFAULTS);
        System.out.println("FORECAST compared " + r.compared().size() + ", left out " + r.leftOut());
        for (Forecast.Score s : r.scores()) {
            System.out.printf(java.util.Locale.ROOT, "FORECAST %-12s %-15s n=%d rho=%.4f shift=%+.3f mae=%.4f top=%.3f%n",
                    s.target(), s.estimate(), s.stations(), s.spearman(), s.meanShift(), s.maeAfterShift(), s.topHits());
        }
        // 15-99 has a 1 m² placeholder contour outside the 2020 stations (the city's 2024 file gives 4-99 the same one)
        assertThat(r.leftOut()).containsExactly(new StationCode(15, 99));
        assertThat(r.compared()).hasSize(902);
        // recomputed by a python3 stdlib script (the crosswalk on a 5 m raster, scanline-filled polygons, instead of
        // JTS overlays; docs/targeting.md "2020 → 2026"): rho, shift (points), MAE after shift (points), top-100 hits
        double[][] checked = {
            {0.8443, 16.656, 2.4080, 0.850}, {0.3623, 16.629, 4.7291, 0.343},
            {0.9582, 6.714, 3.6045, 0.660}, {0.8832, 6.575, 5.8046, 0.345},
            {0.9464, -4.248, 2.9753, 0.680}, {0.8490, -4.340, 4.1397, 0.453}};
        int row = 0;
        for (Forecast.Target t : Forecast.Target.values()) {
            for (Forecast.Estimate e : List.of(Forecast.Estimate.RAW, Forecast.Estimate.ARRONDISSEMENT)) {
                Forecast.Score s = r.score(t, e);
                double[] c = checked[row++];
                assertThat(s.spearman()).as(t + " " + e).isCloseTo(c[0], org.assertj.core.data.Offset.offset(0.003));
                assertThat(s.meanShift()).as(t + " " + e).isCloseTo(c[1], org.assertj.core.data.Offset.offset(0.01));
                assertThat(s.maeAfterShift()).as(t + " " + e).isCloseTo(c[2], org.assertj.core.data.Offset.offset(0.005));
                assertThat(s.topHits()).as(t + " " + e).isCloseTo(c[3], org.assertj.core.data.Offset.offset(0.011));
            }
            // the finding: smoothing towards covariates and neighbours loses to the station's own 2020 figure, and
            // target's partial pooling is within a hair of it (turnout: identical, target does not smooth it)
            Forecast.Score raw = r.score(t, Forecast.Estimate.RAW);
            Forecast.Score smoothed = r.score(t, Forecast.Estimate.SMOOTHED);
            Forecast.Score target = r.score(t, Forecast.Estimate.TARGET);
            assertThat(smoothed.spearman()).as(t.name()).isLessThan(raw.spearman());
            assertThat(smoothed.maeAfterShift()).as(t.name()).isGreaterThan(raw.maeAfterShift());
            assertThat(target.spearman()).as(t.name()).isCloseTo(raw.spearman(), org.assertj.core.data.Offset.offset(0.005));
        }
        assertThat(r.score(Forecast.Target.TURNOUT, Forecast.Estimate.TARGET)).usingRecursiveComparison()
                .ignoringFields("estimate").isEqualTo(r.score(Forecast.Target.TURNOUT, Forecast.Estimate.RAW));
    }

    /**
     * The transitions model's sympathetic abstainers (reference: the 2012 presidential, as {@code terrain target
     * --reference paris-pres-2012-t1} computes them) carried onto 2026, beside the one-election estimates.
     */
    @Test
    void transitionsFromThe2012PresidentialCarriedOntoThe2026Stations() {
        Round2026 later = round2026();
        Map<StationCode, BlocCounts> ref = carried(pres2012, LEFT_2012);
        Forecast.Result r = Forecast.run("paris-2020-t1", LEFT_2012, inputs2020, "paris-pres-2012-t1", ref,
                later.crosswalk(), later.observed(), 100, Parameters.DEFAULTS);
        System.out.println("FORECAST with reference: compared " + r.compared().size() + ", transitions at "
                + r.transitionStations() + " stations");
        for (Forecast.Score s : r.scores()) {
            System.out.printf(java.util.Locale.ROOT, "FORECAST+REF %-12s %-15s n=%d rho=%.4f shift=%+.3f mae=%.4f top=%.3f%n",
                    s.target(), s.estimate(), s.stations(), s.spearman(), s.meanShift(), s.maeAfterShift(), s.topHits());
        }
        // the 2012 -> 2020 backtest's coverage: the two 2020 stations less than half covered get the one-election model
        assertThat(r.transitionStations()).isEqualTo(895);
        assertThat(r.compared()).hasSize(902);
        // the bloc file's 2020 lists are those of bloc-gauche-paris-2020.json: the one-election rows are the checked
        // ones (estimatesOf2020CarriedOntoThe2026StationsAgainstThe2026FirstRound)
        Forecast.Score raw = r.score(Forecast.Target.SYMPATHETIC, Forecast.Estimate.RAW);
        assertThat(raw.spearman()).isCloseTo(0.9464, org.assertj.core.data.Offset.offset(0.003));
        Forecast.Score target = r.score(Forecast.Target.SYMPATHETIC, Forecast.Estimate.TARGET);
        Forecast.Score transitions = r.score(Forecast.Target.SYMPATHETIC, Forecast.Estimate.TRANSITIONS);
        // Checked by a python3 stdlib script (docs/targeting.md, "The transitions model out of time"): it takes the
        // per-2020-station transitions estimate from Java but reads the 2020 CSV and the 2026 file itself and carries
        // crudely (the 2020 station containing each 2026 polygon's vertex mean). It finds rho 0.933 for transitions
        // against 0.942 as is and 0.944 target, shift -0.08 points, MAE after shift 2.67 against 3.04 and 2.94, top
        // 100 64 % against 69 % and 68 %: the same order as asserted here (its crude carrying lowers every rho by
        // 0.005-0.01).
        assertThat(transitions.spearman()).isLessThan(raw.spearman()).isLessThan(target.spearman())
                .isCloseTo(0.933, org.assertj.core.data.Offset.offset(0.015));
        assertThat(transitions.meanShift()).isCloseTo(-0.08, org.assertj.core.data.Offset.offset(0.1));
        assertThat(transitions.maeAfterShift()).isLessThan(target.maeAfterShift());
        assertThat(transitions.topHits()).isLessThanOrEqualTo(target.topHits());
    }

    static void print(String what, Backtest.Result r) {
        for (Backtest.Score s : r.scores()) {
            System.out.printf("BACKTEST %s — %s, %d stations: model %.2f, arrondissement mean %.2f, uniform swing %.2f,"
                    + " transitions %.2f (MAE, points)%n", what, s.target(), s.stations(), s.model(), s.arrondissementMean(),
                    s.uniformSwing(), s.transitions());
        }
    }
}
