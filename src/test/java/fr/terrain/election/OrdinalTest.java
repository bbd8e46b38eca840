package fr.terrain.election;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrdinalTest {
    @Test
    void theFirstIsPremierAndTheOthersE() {
        assertThat(Ordinal.of(1)).isEqualTo("1er");
        assertThat(Ordinal.of(2)).isEqualTo("2e");
        assertThat(Ordinal.of(11)).isEqualTo("11e");
        assertThat(Ordinal.of(20)).isEqualTo("20e");
        assertThat(Ordinal.of(21)).isEqualTo("21e"); // « vingt et unième »: only one itself is « premier »
    }
}
