package fr.terrain.territory;

import static fr.terrain.territory.Shapes.box;
import static fr.terrain.territory.Shapes.station;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import fr.terrain.field.Address;
import fr.terrain.territory.StationIndicators.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

/**
 * Two IRIS side by side (west, east) and two stations: 11-1 covers the west IRIS and the western
 * half of the east one, 11-2 the other half. West: 100 children and 100 people of 75+, median
 * income 20,000; east: 300 children, 100 people of 75+, median 40,000, poverty rate withheld.
 */
class IrisToStationsTest {
    static final String WEST = "751110101";
    static final String EAST = "751110102";
    static final String NO_FIGURES = "751110103";
    static final String CHANGED = "751110199";
    static final StationCode S1 = new StationCode(11, 1);
    static final StationCode S2 = new StationCode(11, 2);
    /** Shares computed in Lambert-93 on 0.001° boxes are exact to about 1e-5. */
    static final Offset<Double> CLOSE = within(0.01);

    final List<Iris> iris = List.of(new Iris("2013", WEST, "Ouest", "H", box(0, 0, 2, 2)),
            new Iris("2013", EAST, "Est", "H", box(2, 0, 4, 2)),
            new Iris("2013", NO_FIGURES, "Jardin", "D", box(0, 2, 4, 3)));
    final List<PollingStation> stations = List.of(station(2020, "11-1", box(0, 0, 3, 2), null),
            station(2020, "11-2", box(3, 0, 4, 2), null));

    static List<IrisIndicator> figures(boolean withChangedCode) {
        List<IrisIndicator> out = new ArrayList<>();
        ages(out, WEST, 100, 100);
        ages(out, EAST, 300, 100);
        out.add(new IrisIndicator("filosofi-2018", WEST, "DISP_MED18", 20_000.0));
        out.add(new IrisIndicator("filosofi-2018", EAST, "DISP_MED18", 40_000.0));
        out.add(new IrisIndicator("filosofi-2018", WEST, "DISP_TP6018", 12.0));
        out.add(new IrisIndicator("filosofi-2018", EAST, "DISP_TP6018", null));
        if (withChangedCode) {
            ages(out, CHANGED, 400, 0);
        }
        return out;
    }

    static void ages(List<IrisIndicator> out, String iris, double children, double old) {
        for (String band : List.of("P16_POP1529", "P16_POP3044", "P16_POP4559", "P16_POP6074")) {
            out.add(new IrisIndicator("rp-2016", iris, band, 0.0));
        }
        out.add(new IrisIndicator("rp-2016", iris, "P16_POP0014", children));
        out.add(new IrisIndicator("rp-2016", iris, "P16_POP75P", old));
    }

    double value(StationIndicators r, StationCode s, String code) {
        return r.find(s, code).orElseThrow().value();
    }

    @Test
    void countsAreSplitByAreaAndTheShareOf75PlusIsRecomputedFromTheSplitCounts() {
        StationIndicators r = IrisToStations.interpolate(iris, stations, figures(false), List.of());
        assertThat(r.method()).isEqualTo(Method.AREA);
        assertThat(value(r, S1, "P16_POP75P")).isCloseTo(150, CLOSE);
        assertThat(value(r, S1, "P16_POP0014")).isCloseTo(250, CLOSE);
        assertThat(value(r, S2, "P16_POP75P")).isCloseTo(50, CLOSE);
        assertThat(value(r, S1, "PART_P16_POP75P")).isCloseTo(150.0 / 400, within(1e-4));
        assertThat(value(r, S2, "PART_P16_POP75P")).isCloseTo(50.0 / 200, within(1e-4));
        assertThat(r.find(S1, "PART_P16_POP75P").orElseThrow().label()).isEqualTo("Part des 75 ans et plus (2016)");
    }

    @Test
    void aMedianIsAveragedOverThePopulationEachIrisBringsToTheStation() {
        StationIndicators r = IrisToStations.interpolate(iris, stations, figures(false), List.of());
        // 11-1: west brings 200 people at 20,000, half of east brings 200 at 40,000
        assertThat(value(r, S1, "DISP_MED18")).isCloseTo(30_000, within(5.0));
        assertThat(value(r, S2, "DISP_MED18")).isCloseTo(40_000, within(1e-6));
    }

    @Test
    void aWithheldPovertyRateLeavesTheRestAndSaysHowMuchIsMissing() {
        StationIndicators r = IrisToStations.interpolate(iris, stations, figures(false), List.of());
        var s1 = r.find(S1, "DISP_TP6018").orElseThrow();
        assertThat(s1.value()).isEqualTo(12.0, within(1e-9));
        assertThat(s1.withheldShare()).isCloseTo(0.5, within(1e-4));
        var s2 = r.find(S2, "DISP_TP6018").orElseThrow();
        assertThat(s2.value()).isNaN();
        assertThat(s2.withheldShare()).isEqualTo(1.0);
    }

    @Test
    void aTableCodeMissingFromTheContoursIsReportedWithWhatItCarriedNotDropped() {
        StationIndicators r = IrisToStations.interpolate(iris, stations, figures(true), List.of());
        assertThat(r.report().irisWithoutContour()).containsExactly(CHANGED);
        assertThat(r.report().lostCounts().get("P16_POP0014")).isCloseTo(400, CLOSE);
        assertThat(r.report().contoursWithoutFigures()).containsExactly(NO_FIGURES);
        assertThat(r.report().irisWithoutStation()).as("it only touches the stations along a line").containsExactly(NO_FIGURES);
        assertThat(r.total("P16_POP0014")).isCloseTo(400, CLOSE);
    }

    @Test
    void addressesPutTheEastIrisWhereItsAddressesAre() {
        List<Address> addresses = List.of(address("w", Shapes.at(1, 1)), address("e1", Shapes.at(3.5, 1)),
                address("e2", Shapes.at(3.5, 1.2)), address("e3", Shapes.at(3.6, 0.5)));
        StationIndicators r = IrisToStations.interpolate(iris, stations, figures(false), addresses);
        assertThat(r.method()).isEqualTo(Method.ADDRESSES);
        assertThat(value(r, S1, "P16_POP75P")).isCloseTo(100, within(1e-9));
        assertThat(value(r, S2, "P16_POP75P")).isCloseTo(100, within(1e-9));
        assertThat(r.report().irisSplitByArea()).containsExactly(NO_FIGURES);
    }

    static Address address(String id, Coordinate c) {
        return new Address("75111_0001_" + id, null, 1, null, "rue Test", "75011", "75111", "Paris 11e", c.x, c.y);
    }

    @Test
    void withoutIrisContoursTheArrondissementTotalIsSpreadByStationArea() {
        StationIndicators r = IrisToStations.interpolate(List.of(), stations, figures(true), List.of());
        assertThat(r.method()).isEqualTo(Method.ARRONDISSEMENT);
        assertThat(r.method().code()).isEqualTo("arrondissement");
        // 100 + 300 + 400 children in the 11th, stations of area 3 and 1
        assertThat(value(r, S1, "P16_POP0014")).isCloseTo(600, CLOSE);
        assertThat(value(r, S2, "P16_POP0014")).isCloseTo(200, CLOSE);
        assertThat(value(r, S2, "DISP_MED18")).as("population-weighted mean of the arrondissement")
                .isCloseTo((200 * 20_000.0 + 400 * 40_000.0) / 600, within(1e-6));
    }

    @Test
    void withoutAnyContourTheArrondissementTotalIsSpreadByRegisteredVoters() {
        List<PollingStation> points = List.of(station(2020, "11-1", null, 100), station(2020, "11-2", null, 300));
        StationIndicators r = IrisToStations.interpolate(List.of(), points, figures(false), List.of());
        assertThat(value(r, S1, "P16_POP0014")).isCloseTo(100, within(1e-9));
        assertThat(value(r, S2, "P16_POP0014")).isCloseTo(300, within(1e-9));
        assertThat(IrisToStations.arrondissementOf("751200101")).contains(20);
        assertThat(IrisToStations.arrondissementOf("693830101")).contains(3);
        assertThat(IrisToStations.arrondissementOf("132050101")).contains(5);
        assertThat(IrisToStations.arrondissementOf("290190101")).isEmpty();
    }

    @Test
    void theTotalOfACountIsKeptWhenStationsCoverTheIris() {
        StationIndicators r = IrisToStations.interpolate(iris, stations, figures(false), List.of());
        assertThat(r.total("P16_POP0014") + r.total("P16_POP75P")).isCloseTo(600, within(600 * 1e-6));
        assertThat(r.byStation().keySet()).containsExactly(S1, S2);
        assertThat(Map.copyOf(r.report().lostCounts())).allSatisfy((k, v) -> assertThat(v).isCloseTo(0, within(1e-6)));
    }
}
