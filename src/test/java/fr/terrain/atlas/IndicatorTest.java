package fr.terrain.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import fr.terrain.election.StationCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndicatorTest {
    private static StationInputs station(double registered, double voters, double expressed, Map<String, Double> votes) {
        return new StationInputs(new Counts(registered, voters, expressed, votes), Map.of());
    }

    private static final StationInputs S = station(200, 150, 100, Map.of("A", 30.0, "B", 20.0, "C", 50.0));

    @Test
    void turnoutAndAbstentionAreShareOfRegistered() {
        assertThat(Indicator.FromResult.TURNOUT.value(S)).isEqualTo(75.0);
        assertThat(Indicator.FromResult.ABSTENTION.value(S)).isEqualTo(50.0);
        assertThat(Indicator.FromResult.ABSTENTION_RATE.value(S)).isEqualTo(25.0);
        assertThat(Indicator.FromResult.REGISTERED.value(S)).isEqualTo(200.0);
    }

    @Test
    void aStationWithoutCountHasNoFigure() {
        StationInputs none = new StationInputs(null, Map.of());
        assertThat(Indicator.FromResult.TURNOUT.value(none)).isNull();
        assertThat(new Indicator.ListShare(List.of("A")).value(none)).isNull();
        assertThat(Indicator.FromResult.TURNOUT.value(station(0, 0, 0, Map.of()))).isNull();
    }

    @Test
    void aBlocSharesAddUpItsListsVotes() {
        assertThat(new Indicator.ListShare(List.of("A")).value(S)).isEqualTo(30.0);
        assertThat(new Indicator.ListShare(List.of("A", "B")).value(S)).isEqualTo(50.0);
        assertThat(new Indicator.ListShare(List.of("A", "Z")).value(S)).isEqualTo(30.0);
    }

    @Test
    void aListThatDidNotRunInAStationHasNoShareThere() {
        assertThat(new Indicator.ListShare(List.of("Z")).value(S)).isNull();
        assertThatThrownBy(() -> new Indicator.ListShare(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProfileIndicatorReadsTheInterpolatedFigure() {
        Indicator i = new Indicator.FromProfile("DISP_MED18", "Revenu médian", "Median income", Unit.EUROS);
        assertThat(i.value(new StationInputs(null, Map.of("DISP_MED18", 31_000.0)))).isEqualTo(31_000.0);
        assertThat(i.value(S)).isNull();
        assertThat(i.id()).isEqualTo("iris:DISP_MED18");
    }

    @Test
    void aComparisonGivesTheChangeInPercentagePointsOnADivergingScale() {
        StationCode a = StationCode.parse("7-1");
        StationCode b = StationCode.parse("7-2");
        StationCode c = StationCode.parse("7-3");
        Map<StationCode, StationInputs> now = new LinkedHashMap<>();
        now.put(a, station(100, 60, 50, Map.of()));
        now.put(b, station(100, 40, 30, Map.of()));
        now.put(c, station(100, 50, 40, Map.of()));
        Map<StationCode, StationInputs> then = Map.of(a, station(100, 50, 40, Map.of()), b, station(200, 100, 90, Map.of()));

        Choropleth ch = Choropleth.of(Indicator.FromResult.TURNOUT, now, Optional.of(then));

        assertThat(ch.values()).containsOnlyKeys(a, b); // c has nothing to compare with
        assertThat(ch.values().get(a)).isCloseTo(10.0, within(1e-9));
        assertThat(ch.values().get(b)).isCloseTo(-10.0, within(1e-9));
        assertThat(ch.unit()).isEqualTo(Unit.POINTS);
        assertThat(ch.scale().kind()).isEqualTo(Scale.Kind.DIVERGING);
        assertThat(ch.scale().colour(0)).isEqualTo("#f7f7f7");
    }
}
