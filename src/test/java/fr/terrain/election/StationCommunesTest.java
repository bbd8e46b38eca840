package fr.terrain.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StationCommunesTest {
    private static StationCode code(String text) {
        return StationCode.parse(text);
    }

    @Test
    void aRoundOfOneArrondissementHoldsTheWholeCityButNoOtherCommune() {
        StationCommunes twentieth = StationCommunes.of(List.of(code("20-1"), code("20-2")));
        assertThat(twentieth.holds(code("1-1"))).isTrue();
        assertThat(twentieth.holds(code("99-3"))).isTrue();
        assertThat(twentieth.holds(code("29039-1"))).isFalse();
        assertThat(twentieth.holds(code("1001-1"))).isFalse();
    }

    @Test
    void aCommuneNumberedPerCommuneHoldsItsOwnStationsOnly() {
        StationCommunes concarneau = StationCommunes.of(List.of(code("29039-1")));
        assertThat(concarneau.holds(code("29039-17"))).isTrue();
        assertThat(concarneau.holds(code("29046-1"))).isFalse();
        assertThat(concarneau.holds(code("7-3"))).isFalse();
        assertThat(StationCommunes.of(List.of()).holds(code("7-3"))).isFalse();
    }
}
