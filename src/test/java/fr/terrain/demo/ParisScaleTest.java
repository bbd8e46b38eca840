package fr.terrain.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.demo.CityGenerator.Kind;
import fr.terrain.demo.CityGenerator.Scale;
import fr.terrain.demo.CityGenerator.Settings;
import fr.terrain.election.StationCode;
import fr.terrain.ingest.GeoReaders;
import fr.terrain.ingest.Progress;
import fr.terrain.territory.Iris;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.index.strtree.STRtree;

/** The demo city at full size: the totals of a Paris-sized electorate, and the invariants at that size. */
class ParisScaleTest {

    @Test
    void theDemoCityHasTheSizeOfParisAndKeepsEveryInvariant(@TempDir Path dir) {
        var manifest = CityGenerator.generate(dir, new Settings(Scale.PARIS, 1L), Progress.NONE);

        var stations = DemoFiles.stations(dir);
        assertThat(stations).hasSizeBetween(850, 950);
        var r2020 = CityChecks.resultsAddUp(dir.resolve("demo_municipales_2020_t1_bv_long.csv"), 2020, "2020-03-15");
        var r2026 = CityChecks.resultsAddUp(dir.resolve("demo_municipales_2026_t1_bv_long.csv"), 2026, "2026-03-15");
        assertThat(r2020.keySet()).isEqualTo(r2026.keySet()).isEqualTo(stations.keySet());
        long registered = r2026.values().stream().mapToLong(CityChecks.Totals::registered).sum();
        assertThat((double) registered).isCloseTo(1_350_000, Percentage.withPercentage(5));
        assertThat(r2026.values()).allSatisfy(t -> assertThat(t.registered()).isBetween(1_100, 1_900));
        double turnout2020 = turnout(r2020);
        double turnout2026 = turnout(r2026);
        assertThat(turnout2020).isBetween(0.3, 0.6);
        assertThat(turnout2026).isBetween(0.4, 0.75);

        CityChecks.stationsTileArrondissements(dir);
        List<Iris> iris = GeoReaders.irisContours(dir.resolve(CityGenerator.IRIS_FILE), null).values();
        assertThat(iris).hasSizeBetween(900, 1_100);

        Map<String, StationCode> bureauOfAddress = CityChecks.addressesLieInBureaux(dir);
        assertThat(bureauOfAddress).hasSizeBetween(50_000, 150_000);
        CityChecks.votersLiveInTheirBureaux(dir, bureauOfAddress, r2026);
        assertThat(manifest.files(Kind.ELECTORAL_LIST)).singleElement()
                .satisfies(f -> assertThat(f.records()).isEqualTo(registered));

        assertThat(leadingShares(dir.resolve("demo_municipales_2026_t1_bv_long.csv")))
                .allSatisfy((arrondissement, share) -> assertThat(share).as("leading list in %d", arrondissement)
                        .isBetween(0.2, 0.8));

        // turnout is spatially correlated, and follows the incomes INSEE-style tables give for the place
        assertThat(CityChecks.neighbourCorrelationOfTurnout(dir, r2026)).isGreaterThan(0.4);
        assertThat(turnoutAgainstMedianIncome(dir, iris, r2026)).isGreaterThan(0.3);
    }

    /** The share of the leading list in each arrondissement: contests, not plebiscites. */
    private static Map<Integer, Double> leadingShares(Path results) {
        Map<Integer, Map<String, Long>> votes = new java.util.TreeMap<>();
        DemoFiles.forEachRow(results, ";", row -> votes.computeIfAbsent(row.integer("num_arrond"), a -> new HashMap<>())
                .merge(row.get("tete_de_liste"), (long) row.integer("nb_voix"), Long::sum));
        Map<Integer, Double> out = new java.util.TreeMap<>();
        votes.forEach((a, byList) -> out.put(a, (double) byList.values().stream().mapToLong(Long::longValue).max()
                .orElseThrow() / byList.values().stream().mapToLong(Long::longValue).sum()));
        return out;
    }

    private static double turnout(Map<StationCode, CityChecks.Totals> results) {
        long voters = results.values().stream().mapToLong(CityChecks.Totals::voters).sum();
        long registered = results.values().stream().mapToLong(CityChecks.Totals::registered).sum();
        return (double) voters / registered;
    }

    /** Correlation between a bureau's turnout and the median income of the IRIS at its centre. */
    private static double turnoutAgainstMedianIncome(Path dir, List<Iris> iris,
            Map<StationCode, CityChecks.Totals> results) {
        Map<String, Double> median = new HashMap<>();
        DemoFiles.forEachRow(dir.resolve(IrisTables.FILOSOFI_FILE), ";",
                row -> median.put(row.get("IRIS"), Double.valueOf(row.get("DISP_MED18"))));
        STRtree index = new STRtree();
        iris.forEach(i -> index.insert(i.contour().getEnvelopeInternal(), i));
        List<double[]> pairs = new ArrayList<>();
        DemoFiles.stations(dir).values().forEach(s -> {
            var centre = s.contour().getInteriorPoint();
            for (Object o : index.query(centre.getEnvelopeInternal())) {
                Iris i = (Iris) o;
                if (i.contour().covers(centre) && median.containsKey(i.code())) {
                    pairs.add(new double[] {results.get(s.code()).turnout(), median.get(i.code())});
                    return;
                }
            }
        });
        assertThat(pairs.size()).isGreaterThan(results.size() / 2);
        return CityChecks.correlation(pairs.stream().mapToDouble(p -> p[0]).toArray(),
                pairs.stream().mapToDouble(p -> p[1]).toArray());
    }
}
