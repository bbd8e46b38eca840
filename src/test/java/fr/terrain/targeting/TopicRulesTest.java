package fr.terrain.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.terrain.election.StationCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Topic scores from INSEE figures; every figure below is worked by hand. */
class TopicRulesTest {
    static final Measure HLM = new Measure("hlm", "logements sociaux", List.of("HLM"), List.of(), "");
    static final Measure YOUNG = new Measure("jeunes", "jeunes", List.of("JEUNES"), List.of(), "");
    static final TopicRules RULES = new TopicRules(List.of(
            new TopicRules.Topic("logement", "logement", List.of(new TopicRules.Signal(HLM, 1, true, null, null))),
            new TopicRules.Topic("jeunesse", "jeunesse", List.of(new TopicRules.Signal(YOUNG, 1, true, null, null)))));

    static Map<StationCode, Map<String, Double>> stations(double[] hlm, double[] young) {
        Map<StationCode, Map<String, Double>> out = new LinkedHashMap<>();
        for (int i = 0; i < hlm.length; i++) {
            out.put(new StationCode(12, i + 1), Map.of("HLM", hlm[i], "JEUNES", young[i]));
        }
        return out;
    }

    /**
     * Most stations without social housing: the interquartile range of 0, 0, 0, 0, 5 is 0 (quartiles at positions 1
     * and 3 of the sorted values, both 0), and dividing by it (or by the 1e-9 it fell back to) gave the one station
     * with some a score of 5·10⁹, so « logement » drowned every other topic there however the figures compared. The
     * spread falls back to the standard deviation: mean 1, mean of squares 5, variance 5 − 1 = 4, sd 2; median 0;
     * z = (5 − 0) / 2 = 2.5.
     */
    @Test
    void aMeasureMostStationsShareDoesNotDivideByAZeroSpread() {
        var topics = RULES.scoreIndicators(stations(new double[] {0, 0, 0, 0, 5}, new double[] {1, 2, 3, 4, 5}), 3);

        TopicRules.TopicMatch housing = topics.get(new StationCode(12, 5)).stream()
                .filter(m -> m.id().equals("logement")).findFirst().orElseThrow();
        assertThat(housing.score()).isCloseTo(2.5, within(1e-9));
    }

    /**
     * Every station alike on a measure: it tells nothing about any of them, so it scores nothing anywhere (its
     * standard deviation is 0 too: divided by it, every station's score would be 0 / 0, NaN).
     */
    @Test
    void aMeasureEveryStationSharesScoresNothing() {
        var topics = RULES.scoreIndicators(stations(new double[] {3, 3, 3, 3}, new double[] {1, 2, 3, 4}), 3);

        topics.values().forEach(list -> assertThat(list).extracting(TopicRules.TopicMatch::id).doesNotContain("logement"));
    }
}
