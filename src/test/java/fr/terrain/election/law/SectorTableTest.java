package fr.terrain.election.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SectorTableTest {

    @Test
    void parisElects163CouncillorsIn2014And2020() {
        assertThat(SectorTable.PARIS_2014.sectors()).hasSize(20);
        assertThat(SectorTable.PARIS_2014.councilSeats()).isEqualTo(163);
        // 527 elected in 2014 (paris.fr): 163 councillors of Paris + 364 arrondissement councillors.
        assertThat(SectorTable.PARIS_2014.arrondissementSeats()).isEqualTo(364);
        assertThat(SectorTable.PARIS_2020.sectors()).hasSize(17);
        assertThat(SectorTable.PARIS_2020.councilSeats()).isEqualTo(163);
        assertThat(SectorTable.PARIS_2020.arrondissementSeats()).isEqualTo(340); // Paris Centre 16 instead of 4 × 10
        assertThat(SectorTable.PARIS_2020.sectorOf(3).orElseThrow().name()).isEqualTo("1");
        assertThat(SectorTable.PARIS_2020.sectorOf(3).orElseThrow().councilSeats()).isEqualTo(8);
    }

    @Test
    void arrondissementCouncilsAreTwiceTheCouncillorsBetweenTenAndForty() {
        // CGCT L.2511-8: 1 → 10 (floor), 7 → 14, 18 → 36, 25 → 40 (ceiling).
        assertThat(List.of(1, 7, 18, 25).stream().map(SectorTable::arrondissementCouncillors)).containsExactly(10, 14, 36, 40);
    }

    @Test
    void anArrondissementCannotBeInTwoSectors() {
        assertThatThrownBy(() -> new SectorTable("x", "X", "test", List.of(Sector.of("1", 3, 10, 1, 2),
                Sector.of("2", 3, 10, 2)))).hasMessageContaining("l'arrondissement 2");
    }

    @Test
    void aCityOfGroupedArrondissementsIsAConfigurationNotNewCode() {
        // Marseille-like: 2 sectors of 2 arrondissements (illustrative seat counts, not the law's).
        SectorTable t = new SectorTable("demo", "Demo", "test", List.of(Sector.of("1", 3, 10, 1, 7), Sector.of("2", 4, 10, 2, 3)));
        VotingSystem.SectorVote v = new VotingSystem.SectorVote("demo-1982", t);
        // Sector 1, round 2: A 600, B 400, 3 seats: bonus 1 (3/2 = 1.5 ↓) to A, 2 by highest average:
        // A 600, B 400 → A 2, B 1. Sector 2, round 2: B 700, A 300, 4 seats: bonus 2 to B, 2 by highest
        // average: B 700, B 350 > A 300 → B 4, A 0. Council: A 2, B 5.
        CityAllocation c = v.allocate(Map.of(t.sectors().get(0), Ballot.of(2, List.of(ListResult.of("A", 600),
                ListResult.of("B", 400))), t.sectors().get(1), Ballot.of(2, List.of(ListResult.of("B", 700),
                ListResult.of("A", 300)))));
        assertThat(c.council()).containsEntry("A", 2).containsEntry("B", 5);
    }

    @Test
    void theCityWideCouncilOf2025GivesAQuarterAsBonus() {
        // 163 seats, round 2: A 45,000, B 35,000, C 20,000 (100,000). Bonus 163/4 = 40.75 → 41 to A.
        // 122 seats by highest average ≈ proportional: A 45 % → 55, B 35 % → 43 (42.7), C 20 % → 24 (24.4).
        VotingSystem.CityWideCouncil v = VotingSystem.paris2025();
        Ballot city = Ballot.of(2, List.of(ListResult.of("A", 45_000), ListResult.of("B", 35_000), ListResult.of("C", 20_000)));
        Sector seventh = SectorTable.PARIS_2020.sectorOf(7).orElseThrow();
        CityAllocation c = v.allocate(city, Map.of(seventh, Ballot.of(2, List.of(ListResult.of("A", 10), ListResult.of("B", 5)))));
        assertThat(c.cityWide().bonusSeats()).isEqualTo(41);
        assertThat(c.council()).containsEntry("A", 96).containsEntry("B", 43).containsEntry("C", 24);
        assertThat(c.council().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(163);
    }
}
