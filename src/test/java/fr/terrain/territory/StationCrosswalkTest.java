package fr.terrain.territory;

import static fr.terrain.territory.Shapes.box;
import static fr.terrain.territory.Shapes.station;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.terrain.election.Candidacy;
import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import fr.terrain.election.StationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 2012: 1-1 west, 1-2 east, 1-3 without contour; 2020: 1-1 takes the west and half the east. */
class StationCrosswalkTest {
    final List<PollingStation> from = List.of(station(2012, "1-1", box(0, 0, 1, 1), null),
            station(2012, "1-2", box(1, 0, 2, 1), null), station(2012, "1-3", null, null));
    final List<PollingStation> to = List.of(station(2020, "1-1", box(0, 0, 1.5, 1), null),
            station(2020, "1-2", box(1.5, 0, 2, 1), null));

    static StationResult result(String code, int registered, int voters, int a, int b) {
        return new StationResult(StationCode.parse(code), registered, voters, null, null, voters - a - b, a + b, null,
                List.of(new StationResult.ListVotes(Candidacy.named("A"), a), new StationResult.ListVotes(Candidacy.named("B"), b)));
    }

    final List<StationResult> results = List.of(result("1-1", 1000, 800, 500, 280), result("1-2", 600, 300, 90, 200),
            result("1-3", 50, 40, 20, 20));

    @Test
    void countsFollowTheAreaAndRatesAreRecomputedFromThem() {
        var mapped = StationCrosswalk.between(from, to).apply(results);
        var big = mapped.get(new StationCode(1, 1));
        assertThat(big.registered()).isCloseTo(1300, within(0.1));
        assertThat(big.voters()).isCloseTo(950, within(0.1));
        assertThat(big.expressed()).isCloseTo(925, within(0.1));
        assertThat(big.listVotes().get("A")).isCloseTo(545, within(0.1));
        assertThat(big.turnout()).isCloseTo(950.0 / 1300, within(1e-4));
        assertThat(big.share("B")).isCloseTo(380.0 / 925, within(1e-4));
        assertThat(big.coveredShare()).isCloseTo(1, within(1e-5));
        var small = mapped.get(new StationCode(1, 2));
        assertThat(small.registered()).isCloseTo(300, within(0.1));
        assertThat(small.turnout()).as("the east station's turnout, not an average of rates").isCloseTo(0.5, within(1e-4));
    }

    @Test
    void aResultWhoseStationHasNoContourIsListedAsNotCarried() {
        var cw = StationCrosswalk.between(from, to);
        assertThat(cw.sourcesWithoutContour()).containsExactly(new StationCode(1, 3));
        assertThat(cw.notCarried(results)).containsExactly(new StationCode(1, 3));
        double carried = cw.apply(results).values().stream().mapToDouble(StationCrosswalk.InterpolatedCount::registered).sum();
        assertThat(carried).isCloseTo(1600, within(0.1));
    }

    @Test
    void aTargetPartlyCoveredByStationsWithResultsSaysSo() {
        var mapped = StationCrosswalk.between(from, to).apply(List.of(results.get(0)));
        assertThat(mapped.get(new StationCode(1, 1)).coveredShare()).isCloseTo(2.0 / 3, within(1e-4));
        assertThat(mapped).doesNotContainKey(new StationCode(1, 2));
    }
}
