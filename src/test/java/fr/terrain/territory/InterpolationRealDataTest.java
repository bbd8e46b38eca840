package fr.terrain.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.terrain.RealData;
import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import fr.terrain.election.StationResult;
import fr.terrain.field.Address;
import fr.terrain.ingest.BanAddressReader;
import fr.terrain.ingest.CsvTable;
import fr.terrain.ingest.GeoReaders;
import fr.terrain.ingest.IrisTableReader;
import fr.terrain.ingest.StationResultsFormat;
import fr.terrain.ingest.ResultsOptions;
import fr.terrain.ingest.TextInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interpolation on the real Paris files of {@code ../shared/data}: IRIS 2013 contours, RP 2016 and
 * Filosofi 2018 tables, polling stations of 2012 and 2020, the 2012 presidential results. The
 * figures asserted here are those quoted in {@code docs/interpolation.md}.
 */
class InterpolationRealDataTest {
    /** Σ of the six age bands of RP 2016 over the table (SOURCE.md: 2,145,823). */
    static final double RP2016_POPULATION = 2_145_823.0618;

    static List<Iris> iris2013;
    static List<PollingStation> stations2020;
    static List<PollingStation> stations2012;
    static List<IrisIndicator> indicators = new ArrayList<>();

    @BeforeAll
    static void read() {
        iris2013 = GeoReaders.irisContours(RealData.file(RealData.IRIS_CONTOURS_2013), null).values();
        stations2020 = GeoReaders.stations(RealData.file(RealData.STATIONS_2020), null).values();
        stations2012 = GeoReaders.stations(RealData.file(RealData.STATIONS_2012), null).values();
        for (String table : List.of(RealData.RP2016_POPULATION, RealData.FILOSOFI_2018)) {
            try (CsvTable t = CsvTable.open(TextInput.detect(RealData.file(table)))) {
                indicators.addAll(IrisTableReader.read(t, null).values());
            }
        }
    }

    static double populationOf(StationIndicators result) {
        return List.of("P16_POP0014", "P16_POP1529", "P16_POP3044", "P16_POP4559", "P16_POP6074", "P16_POP75P").stream()
                .mapToDouble(result::total).sum();
    }

    /** Prints the time of a second and third run, once the JIT has seen the code (never asserted). */
    static void warmTiming(Runnable r, String what) {
        for (int i = 0; i < 2; i++) {
            long start = System.nanoTime();
            r.run();
            System.out.printf("%s, run %d: %d ms%n", what, i + 2, (System.nanoTime() - start) / 1_000_000);
        }
    }

    @Test
    void theParisPopulationOfRp2016IsKeptWhenCarriedFromIris2013OntoThe897StationsOf2020() {
        long start = System.nanoTime();
        StationIndicators result = IrisToStations.interpolate(iris2013, stations2020, indicators, List.of());
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("IRIS 2013 → stations 2020 by area: %d ms%n", millis);

        assertThat(result.method()).isEqualTo(StationIndicators.Method.AREA);
        // two stations of the 8th lie in activity IRIS only, which the RP 2016 file (type H) leaves out
        assertThat(result.report().stationsWithoutFigures()).containsExactlyInAnyOrder(new StationCode(8, 10),
                new StationCode(8, 13));
        assertThat(result.byStation().size()).isEqualTo(897 - 2);
        assertThat(result.report().stationsWithoutIris()).isEmpty();
        double population = populationOf(result);
        double lost = result.report().lostCounts().entrySet().stream().filter(e -> e.getKey().startsWith("P16_POP"))
                .mapToDouble(Map.Entry::getValue).sum();
        System.out.printf("population %.1f of %.1f, lost %.1f; IRIS without contour %s; contours without figures %d;"
                + " partly covered %d; IRIS reaching no station %s%n", population, RP2016_POPULATION, lost,
                result.report().irisWithoutContour(), result.report().contoursWithoutFigures().size(),
                result.report().irisPartlyCovered().size(), result.report().irisWithoutStation());
        warmTiming(() -> IrisToStations.interpolate(iris2013, stations2020, indicators, List.of()), "IRIS → stations");
        assertThat(result.report().irisWithoutContour()).as("RP 2016 and Filosofi 2018 codes all exist in IRIS 2013").isEmpty();
        assertThat(population + lost).isCloseTo(RP2016_POPULATION, within(1.0));
        assertThat(population).isCloseTo(RP2016_POPULATION, within(RP2016_POPULATION * 1e-6));

        // rates are recomputed from the station's counts, and the median is a population-weighted mean
        StationIndicators.StationIndicator old = result.find(new StationCode(16, 1), "PART_P16_POP75P").orElseThrow();
        assertThat(old.kind()).isEqualTo(IndicatorCatalog.Kind.RATE);
        assertThat(old.value()).isBetween(0.05, 0.3);
        var medians = result.byStation().values().stream().map(m -> m.get("DISP_MED18")).filter(v -> v != null)
                .mapToDouble(StationIndicators.StationIndicator::value).summaryStatistics();
        System.out.printf("median income on %d stations, from %.0f to %.0f%n", medians.getCount(), medians.getMin(),
                medians.getMax());
        assertThat(medians.getCount()).isGreaterThan(880);
        assertThat(medians.getMin()).isGreaterThan(10_000);
        assertThat(medians.getMax()).isLessThan(80_000);
        var poverty = result.byStation().values().stream().map(m -> m.get("DISP_TP6018")).filter(v -> v != null).toList();
        long partial = poverty.stream().filter(v -> v.withheldShare() > 0 && v.withheldShare() < 1).count();
        long unknown = poverty.stream().filter(v -> Double.isNaN(v.value())).count();
        System.out.printf("poverty rate: %d stations, %d partial (some IRIS withheld), %d unknown (all withheld)%n",
                poverty.size(), partial, unknown);
        assertThat(poverty).filteredOn(v -> Double.isNaN(v.value())).allSatisfy(v -> assertThat(v.withheldShare()).isEqualTo(1));
        assertThat(partial).isPositive();
    }

    @Test
    void banAddressesWeightTheSplitWhereTheyExistAndAreaElsewhere() {
        List<Address> addresses = new ArrayList<>();
        for (String f : List.of(RealData.BAN_FAUBOURG, RealData.BAN_BUTTE)) {
            try (CsvTable t = CsvTable.open(TextInput.detect(RealData.file(f)))) {
                BanAddressReader.read(t, addresses::add);
            }
        }
        long start = System.nanoTime();
        StationIndicators result = IrisToStations.interpolate(iris2013, stations2020, indicators, addresses);
        System.out.printf("with %d addresses: %d ms, %d IRIS split by area for lack of address%n", addresses.size(),
                (System.nanoTime() - start) / 1_000_000, result.report().irisSplitByArea().size());
        assertThat(result.method()).isEqualTo(StationIndicators.Method.ADDRESSES);
        assertThat(result.report().irisSplitByArea()).hasSizeBetween(800, 991);
        assertThat(populationOf(result)).isCloseTo(RP2016_POPULATION, within(RP2016_POPULATION * 1e-6));
    }

    @Test
    void withoutIrisContoursTheArrondissementTotalsAreSpreadOverTheirStations() {
        StationIndicators result = IrisToStations.interpolate(List.of(), stations2020, indicators, List.of());
        assertThat(result.method()).isEqualTo(StationIndicators.Method.ARRONDISSEMENT);
        assertThat(result.report().irisWithoutStation()).isEmpty();
        assertThat(populationOf(result)).isCloseTo(RP2016_POPULATION, within(1e-3));
    }

    @Test
    void registeredVotersOfThe2012PresidentialKeepTheirTotalOnThe2020Stations() {
        List<StationResult> round1;
        try (CsvTable t = CsvTable.open(TextInput.detect(RealData.file(RealData.PRES_2012)))) {
            round1 = StationResultsFormat.PRESIDENTIELLE_BV.read(t, ResultsOptions.none()).rounds().get(0).results();
        }
        long start = System.nanoTime();
        StationCrosswalk cw = StationCrosswalk.between(stations2012, stations2020);
        Map<StationCode, StationCrosswalk.InterpolatedCount> mapped = cw.apply(round1);
        long millis = (System.nanoTime() - start) / 1_000_000;
        warmTiming(() -> StationCrosswalk.between(stations2012, stations2020).apply(round1), "2012 → 2020");

        double registered2012 = round1.stream().mapToDouble(StationResult::registered).sum();
        double registered2020 = mapped.values().stream().mapToDouble(StationCrosswalk.InterpolatedCount::registered).sum();
        double hollande2012 = round1.stream().flatMap(r -> r.votes().stream())
                .filter(v -> v.list().label().contains("Hollande")).mapToDouble(StationResult.ListVotes::votes).sum();
        String hollande = mapped.values().iterator().next().listVotes().keySet().stream().filter(l -> l.contains("Hollande"))
                .findFirst().orElseThrow();
        double hollande2020 = mapped.values().stream().mapToDouble(c -> c.listVotes().get(hollande)).sum();
        System.out.printf("2012 → 2020: %d ms; registered %.0f → %.1f (%.3f %%); not carried %s; partly covered %d;"
                + " Hollande %.0f → %.1f%n", millis, registered2012, registered2020,
                100 * (registered2020 - registered2012) / registered2012, cw.notCarried(round1),
                cw.crosswalk().partlyCovered().size(), hollande2012, hollande2020);

        cw.crosswalk().partlyCovered().forEach(c -> System.out.printf("2012 station %s: %.1f %% covered by 2020 stations%n",
                c, 100 * cw.crosswalk().coveredShare(c)));
        assertThat(round1).hasSize(869);
        assertThat(mapped).hasSize(897);
        assertThat(registered2020).isCloseTo(registered2012, within(registered2012 * 0.01));
        assertThat(mapped.values()).allSatisfy(c -> assertThat(c.turnout()).isBetween(0.5, 1.0));
    }
}
