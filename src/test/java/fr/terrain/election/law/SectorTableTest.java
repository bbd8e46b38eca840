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

    @Test
    void lyonElects73CouncillorsIn9SectorsAsTableauNo3Says() {
        // Code électoral, tableau n° 3: 4 + 5 + 12 + 5 + 8 + 9 + 9 + 12 + 9 = 73.
        SectorTable lyon = SectorTable.of("lyon", 2020);
        assertThat(lyon.sectors()).hasSize(9);
        assertThat(lyon.sectors().stream().map(Sector::councilSeats)).containsExactly(4, 5, 12, 5, 8, 9, 9, 12, 9);
        assertThat(lyon.councilSeats()).isEqualTo(73);
        // L.2511-8: 2 × seats, at least 10: 10, 10, 24, 10, 16, 18, 18, 24, 18 = 148; 73 + 148 = 221
        // elected in all, the figure Lyon published for 2020.
        assertThat(lyon.arrondissementSeats()).isEqualTo(148);
        assertThat(lyon.councilSeats() + lyon.arrondissementSeats()).isEqualTo(221);
        assertThat(lyon.sectorOf(3).orElseThrow().councilSeats()).isEqualTo(12);
        assertThat(lyon.sectorOf(10)).isEmpty();
    }

    @Test
    void marseilleElects101CouncillorsIn8SectorsOfTwoArrondissementsAsTableauNo4Says() {
        // Code électoral, tableau n° 4: 11 + 8 + 11 + 15 + 15 + 13 + 16 + 12 = 101.
        SectorTable marseille = SectorTable.of("marseille", 2020);
        assertThat(marseille.sectors()).hasSize(8);
        assertThat(marseille.councilSeats()).isEqualTo(101);
        assertThat(marseille.sectors()).allSatisfy(s -> assertThat(s.arrondissements()).hasSize(2));
        assertThat(marseille.sectors().stream().flatMap(s -> s.arrondissements().stream()).sorted())
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        Sector first = marseille.sectorOf(7).orElseThrow();
        assertThat(first.name()).isEqualTo("1");
        assertThat(first.arrondissements()).containsExactly(1, 7);
        assertThat(first.councilSeats()).isEqualTo(11);
        // Published sector councils: the 7th (13e, 14e) has 48 members, 16 of them in the conseil
        // municipal (16 + 2 × 16); the 3rd (4e, 5e) 33, 11 of them (11 + 2 × 11).
        Sector seventh = marseille.sectorOf(13).orElseThrow();
        assertThat(seventh.councilSeats() + seventh.arrondissementSeats()).isEqualTo(48);
        Sector third = marseille.sectorOf(5).orElseThrow();
        assertThat(third.councilSeats() + third.arrondissementSeats()).isEqualTo(33);
        assertThat(marseille.arrondissementSeats()).isEqualTo(202);
        assertThatThrownBy(() -> SectorTable.of("toulouse", 2020)).hasMessageContaining("ville inconnue");
    }

    @Test
    void marseilleUnderThe1982LawAddsUpItsSectorsAndUnderThe2025LawElects101CityWide() {
        VotingSystem.SectorVote v = VotingSystem.plm1982("marseille", 2020);
        Sector first = v.table().sectors().get(0);   // 11 seats
        Sector second = v.table().sectors().get(1);  // 8 seats
        // Sector 1, round 1: A 6,000 of 10,000 (60 %): bonus 11/2 = 5.5 → 6; 5 by highest average
        // among A 6,000, B 4,000: A 6,000, B 4,000, A 3,000, B 2,000, A 2,000 (tie: A has more votes,
        // and 2 seats remain for the 2 tied lists) → A 3, B 2. A 9, B 2.
        // Sector 2, round 2: B 5,500, A 4,500: bonus 4 to B; 4 by highest average: B 5,500, A 4,500,
        // B 2,750, A 2,250 → B 2, A 2. B 6, A 2.
        CityAllocation c = v.allocate(Map.of(first, Ballot.of(1, List.of(ListResult.of("A", 6_000), ListResult.of("B", 4_000))),
                second, Ballot.of(2, List.of(ListResult.of("B", 5_500), ListResult.of("A", 4_500)))));
        assertThat(c.sectors().get("1").council().seats()).containsEntry("A", 9).containsEntry("B", 2);
        assertThat(c.sectors().get("2").council().seats()).containsEntry("B", 6).containsEntry("A", 2);
        assertThat(c.council()).containsEntry("A", 11).containsEntry("B", 8);
        // Arrondissement seats of sector 1: 22 (2 × 11), the same rule: bonus 11 to A, 11 by highest
        // average: A 6,000/k, B 4,000/k → A 7 (6,000/7 = 857 > 4,000/5 = 800), B 4 → A 18, B 4.
        assertThat(c.sectors().get("1").arrondissement().seats()).containsEntry("A", 18).containsEntry("B", 4);

        VotingSystem.CityWideCouncil reform = VotingSystem.plm2025("marseille");
        assertThat(reform.councilSeats()).isEqualTo(101);
        // 101 seats, round 2: A 40,000, B 35,000, C 25,000. Bonus 101/4 = 25.25 → 26 to A; 75 by highest
        // average ≈ 30, 26.25, 18.75: divisor 1,340: A 29.9, B 26.1, C 18.7 → 29 + 26 + 18 = 73; next
        // averages A 40,000/30 = 1,333.3, B 35,000/27 = 1,296.3, C 25,000/19 = 1,315.8 → A (30), then
        // C 1,315.8 > B 1,296.3 → C (19). A 30, B 26, C 19 = 75. Council A 56, B 26, C 19.
        CityAllocation city = reform.allocate(Ballot.of(2, List.of(ListResult.of("A", 40_000), ListResult.of("B", 35_000),
                ListResult.of("C", 25_000))), Map.of(first, Ballot.of(2, List.of(ListResult.of("A", 10), ListResult.of("B", 5)))));
        assertThat(city.cityWide().bonusSeats()).isEqualTo(26);
        assertThat(city.council()).containsEntry("A", 56).containsEntry("B", 26).containsEntry("C", 19);
    }
}
