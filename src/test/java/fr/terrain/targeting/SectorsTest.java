package fr.terrain.targeting;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.election.Election;
import fr.terrain.election.ElectionKind;
import fr.terrain.election.StationCode;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The sector a station's seats are won in, as the seat counts see it. The demo city's seats are Paris's (terrain seats and
 * simulate group its 1st–4th arrondissements as sector 1 from 2020): targeting said sectors 1, 2, 3 and 4, so a
 * simulation's weight for sector 1 reached the 1st alone (found by a crawl).
 */
class SectorsTest {
    static Election election(String territory, int year) {
        return new Election(territory + "-" + year + "-t1", territory + "-" + year, ElectionKind.MUNICIPALES, territory, 1,
                LocalDate.of(year, 3, 15), null);
    }

    @Test
    void theDemoCitysSectorsAreParissOfTheYear() {
        for (String territory : new String[] {"paris", "demo"}) {
            assertThat(Sectors.of(election(territory, 2026), StationCode.parse("3-12"))).as(territory).isEqualTo("1");
            assertThat(Sectors.of(election(territory, 2026), StationCode.parse("12-4"))).as(territory).isEqualTo("12");
            assertThat(Sectors.of(election(territory, 2014), StationCode.parse("3-12"))).as(territory).isEqualTo("3");
        }
        // Marseille: two arrondissements a sector (the 1st and 7th form the 1st); a commune without sectors: its areas
        assertThat(Sectors.of(election("marseille", 2020), StationCode.parse("7-1"))).isEqualTo("1");
        assertThat(Sectors.of(election("concarneau", 2026), StationCode.parse("3-12"))).isEqualTo("3");
    }
}
