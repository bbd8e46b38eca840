package fr.terrain.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScaleTest {
    @Test
    void sequentialClassesHoldEqualNumbersOfStations() {
        List<Double> values = IntStream.rangeClosed(1, 70).mapToObj(i -> (double) i).toList();
        Scale s = Scale.sequential(values);
        assertThat(s.breaks()).containsExactly(10.0, 20.0, 30.0, 40.0, 50.0, 60.0);
        assertThat(s.colours()).hasSize(7);
        long[] perClass = new long[7];
        values.forEach(v -> perClass[s.colours().indexOf(s.colour(v))]++);
        assertThat(perClass).containsOnly(10);
    }

    @Test
    void fewDistinctValuesGiveFewerClassesSpreadOverThePalette() {
        Scale s = Scale.sequential(List.of(1.0, 1.0, 1.0, 2.0, 2.0, 2.0));
        assertThat(s.breaks()).containsExactly(1.0);
        assertThat(s.colours()).containsExactly("#ffffcc", "#0c2c84");
        assertThat(Scale.sequential(List.of()).colours()).hasSize(1);
    }

    @Test
    void divergingScalesAreSymmetricAroundZero() {
        Scale s = Scale.diverging(List.of(-7.0, -3.0, 0.0, 2.0, 7.0));
        assertThat(s.breaks()).hasSize(6);
        for (int i = 0; i < 3; i++) {
            assertThat(s.breaks().get(i)).isEqualTo(-s.breaks().get(5 - i));
        }
        assertThat(s.colour(0)).isEqualTo("#f7f7f7");
        assertThat(s.colour(7)).isEqualTo("#542788");
        assertThat(s.colour(-7)).isEqualTo("#b35806");
    }

    @Test
    void legendBoundsAreRoundedToThreeSignificantDigits() {
        assertThat(Scale.nice(49.800000000000004)).isEqualTo(49.8);
        assertThat(Scale.nice(123_456)).isEqualTo(123_000);
        assertThat(Scale.nice(0.012345)).isEqualTo(0.0123);
    }

    @Test
    void categoriesGetOneColourEachByIndex() {
        Scale s = Scale.categorical(List.of("logement", "transports", "sécurité"));
        assertThat(s.kind()).isEqualTo(Scale.Kind.CATEGORICAL);
        assertThat(s.labels()).containsExactly("logement", "transports", "sécurité");
        assertThat(List.of(s.colour(0), s.colour(1), s.colour(2))).doesNotHaveDuplicates()
                .containsExactlyElementsOf(s.colours());
    }
}
