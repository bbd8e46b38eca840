package fr.terrain.territory;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.territory.IndicatorCatalog.Kind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IndicatorCatalogTest {
    @Test
    void censusVariablesAreCountsAndFilosofiVariablesAreAverages() {
        assertThat(IndicatorCatalog.kindOf("P16_POP75P")).isEqualTo(Kind.COUNT);
        assertThat(IndicatorCatalog.kindOf("C16_POP15P_CS3")).isEqualTo(Kind.COUNT);
        assertThat(IndicatorCatalog.kindOf("C11_POP15P")).isEqualTo(Kind.COUNT);
        assertThat(IndicatorCatalog.kindOf("P16_RP_LOCHLMV")).isEqualTo(Kind.COUNT);
        assertThat(IndicatorCatalog.kindOf("DISP_MED18")).isEqualTo(Kind.AVERAGE);
        assertThat(IndicatorCatalog.kindOf("DISP_TP6018")).isEqualTo(Kind.AVERAGE);
        assertThat(IndicatorCatalog.kindOf("DISP_D918")).isEqualTo(Kind.AVERAGE);
        assertThat(IndicatorCatalog.kindOf("DISP_NOTE18")).isEqualTo(Kind.NOT_INTERPOLATED);
        assertThat(IndicatorCatalog.kindOf("taux_maison")).as("unknown: averaged, which stays in range").isEqualTo(Kind.AVERAGE);
    }

    @Test
    void commonIndicatorsHaveAFrenchLabel() {
        assertThat(IndicatorCatalog.describe("DISP_MED18").label()).isEqualTo("Revenu disponible médian (€/UC) (2018)");
        assertThat(IndicatorCatalog.describe("DISP_TP6018").label()).isEqualTo("Taux de pauvreté (%) (2018)");
        assertThat(IndicatorCatalog.describe("DISP_D118").label()).startsWith("1er décile");
        assertThat(IndicatorCatalog.describe("P16_POP75P").label()).isEqualTo("Population de 75 ans et plus (2016)");
        assertThat(IndicatorCatalog.describe("C16_POP15P_CS3").label()).contains("cadres");
    }

    @Test
    void ratesAreRecomputedFromCountsOnlyWhenEveryCountIsThere() {
        Set<String> ages = Set.of("P16_POP0014", "P16_POP1529", "P16_POP3044", "P16_POP4559", "P16_POP6074", "P16_POP75P");
        var rate = IndicatorCatalog.ratesFor(ages).stream().filter(r -> r.code().equals("PART_P16_POP75P")).findFirst().orElseThrow();
        assertThat(rate.label()).isEqualTo("Part des 75 ans et plus (2016)");
        Map<String, Double> counts = Map.of("P16_POP0014", 10.0, "P16_POP1529", 20.0, "P16_POP3044", 30.0, "P16_POP4559", 20.0,
                "P16_POP6074", 10.0, "P16_POP75P", 10.0);
        assertThat(rate.of(counts)).contains(0.1);
        assertThat(IndicatorCatalog.ratesFor(Set.of("P16_POP75P"))).isEmpty();
        assertThat(IndicatorCatalog.ratesFor(Set.of("C11_POP15P_CS1", "C11_POP15P_CS2", "C11_POP15P_CS3", "C11_POP15P_CS4",
                "C11_POP15P_CS5", "C11_POP15P_CS6", "C11_POP15P_CS7", "C11_POP15P_CS8")))
                .extracting(IndicatorCatalog.Rate::code).contains("PART_C11_POP15P_CS3");
    }

    @Test
    void thePopulationIsTheLatestCensusTotalOrItsAgeBands() {
        Set<String> bands16 = Set.of("P16_POP0014", "P16_POP1529", "P16_POP3044", "P16_POP4559", "P16_POP6074", "P16_POP75P");
        assertThat(IndicatorCatalog.populationCounts(bands16)).contains(List.of("P16_POP0014", "P16_POP1529", "P16_POP3044",
                "P16_POP4559", "P16_POP6074", "P16_POP75P"));
        assertThat(IndicatorCatalog.populationCounts(Set.of("P13_POP", "P19_POP", "DISP_MED18"))).contains(List.of("P19_POP"));
        assertThat(IndicatorCatalog.populationCounts(Set.of("DISP_MED18"))).isEmpty();
    }
}
