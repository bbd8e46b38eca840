package fr.terrain.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import fr.terrain.targeting.FieldTopics.Heard;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Topics heard at the doors re-rank a station's topics; every figure below is worked by hand. */
class FieldTopicsTest {
    static final Measure M = Measure.COVARIATES.get(0);
    static final TopicRules RULES = new TopicRules(List.of(topic("logement", "logement"), topic("transports", "transports"),
            topic("securite", "sécurité")));

    static TopicRules.Topic topic(String id, String label) {
        return new TopicRules.Topic(id, label, List.of(new TopicRules.Signal(M, 1, true, null, null)));
    }

    static TopicRules.TopicMatch match(String id, double score) {
        return new TopicRules.TopicMatch(id, id, score, "INSEE");
    }

    @Test
    void topicsReceivedBetterThanTheCityMoveUpAndWorseMoveDown() {
        List<TopicRules.TopicMatch> insee = List.of(match("logement", 2.0), match("transports", 1.0));
        List<Heard> heard = List.of(
                // shrunk with K = 10 answers at the city's 50 %: (16 + 5) / (20 + 10) = 0.70 → × 1.4 → 1.4
                new Heard("transports", 25, 20, 16),
                // (1 + 5) / (10 + 10) = 0.30 → × 0.6 → 1.2
                new Heard("logement", 12, 10, 1),
                // not suggested by INSEE here; recorded by its label: (9 + 5) / (10 + 10) = 0.70 → × 1.4 from the median
                // of the station's suggested scores, 1.5 → 2.1
                new Heard("sécurité", 10, 10, 9),
                // not a topic of the rules: never added
                new Heard("autre", 10, 10, 10));
        List<TopicRules.TopicMatch> out = FieldTopics.rerank(insee, heard, 0.5, RULES, 3);
        assertThat(out).extracting(TopicRules.TopicMatch::id).containsExactly("securite", "transports", "logement");
        assertThat(out.get(0).score()).isCloseTo(2.1, within(1e-9));
        assertThat(out.get(0).label()).isEqualTo("sécurité");
        assertThat(out.get(1).score()).isCloseTo(1.4, within(1e-9));
        assertThat(out.get(2).score()).isCloseTo(1.2, within(1e-9));
        assertThat(out.get(1).evidence()).startsWith("INSEE ; porte-à-porte : 25 conversation(s), 16 favorable(s) sur 20 avis");
    }

    @Test
    void conversationsWithoutConsentedAnswersChangeNothingAndAPoorlyReceivedNewTopicIsNotAdded() {
        List<TopicRules.TopicMatch> insee = List.of(match("logement", 2.0), match("transports", 1.0));
        List<Heard> heard = List.of(new Heard("transports", 40, 0, 0), new Heard("securite", 10, 10, 2));
        List<TopicRules.TopicMatch> out = FieldTopics.rerank(insee, heard, 0.5, RULES, 3);
        assertThat(out).extracting(TopicRules.TopicMatch::id).containsExactly("logement", "transports");
        assertThat(out.get(1).score()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void theCityRateIsOverEveryConsentedAnswer() {
        assertThat(FieldTopics.cityRate(List.of(List.of(new Heard("a", 5, 4, 3)), List.of(new Heard("b", 3, 2, 1)))))
                .isCloseTo(4.0 / 6, within(1e-12));
        assertThat(FieldTopics.cityRate(List.of())).isEqualTo(0.5);
        assertThatThrownBy(() -> new Heard("a", 2, 3, 0)).hasMessageContaining("incohérents");
    }
}
