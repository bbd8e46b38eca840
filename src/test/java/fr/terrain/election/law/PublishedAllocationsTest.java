package fr.terrain.election.law;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seat allocations published for past elections, recomputed from the published counts. Each test
 * cites its source; the arithmetic is in the comments.
 */
class PublishedAllocationsTest {

    /**
     * Paris 2014, 14th arrondissement, round 2 (30 March 2014). Counts: Ministry of the Interior's
     * provisional results as reproduced by autourdemontparnasse.fr, « Paris 2014 : les résultats du
     * second tour », 31 March 2014: Carine PETIT (LUG) 26,575 (53.08 %), Nathalie KOSCIUSKO-MORIZET
     * (LUD) 23,482 (46.91 %); 51,771 votants, 1,714 blancs ou nuls, so 50,057 exprimés = the sum.
     * Published outcome (same page): Petit 8 conseillers de Paris (herself and 7 named), NKM 2 (herself
     * and Éric Azière); in the arrondissement council, 15 more for the majority and 5 more for the
     * opposition (named).
     *
     * <p>By hand. Council, 10 seats (tableau n° 2 of 2013): bonus 10/2 = 5 to Petit; 5 by highest
     * average: P 26,575, N 23,482, P 13,287.5, N 11,741, P 8,858.3 (next N 7,827.3) → P 3, N 2: Petit
     * 8, NKM 2. Arrondissement, 20 seats (CGCT L.2511-8: 2 × 10): bonus 10; 10 by highest average:
     * P 26,575, 13,287.5, 8,858.3, 6,643.8, 5,315 and N 23,482, 11,741, 7,827.3, 5,870.5, 4,696.4
     * (next P 4,429.2 < 4,696.4) → P 5, N 5: Petit 15, NKM 5.
     */
    @Test
    void paris2014FourteenthRoundTwoAsPublished() {
        VotingSystem.SectorVote v = VotingSystem.plm1982("paris", 2014);
        Sector fourteenth = v.table().sectorOf(14).orElseThrow();
        assertThat(fourteenth.councilSeats()).isEqualTo(10);
        assertThat(fourteenth.arrondissementSeats()).isEqualTo(20);
        CityAllocation c = v.allocate(Map.of(fourteenth, new Ballot(2, 50_057,
                List.of(ListResult.of("Mme Carine PETIT", 26_575), ListResult.of("Mme Nathalie KOSCIUSKO-MORIZET", 23_482)))));
        CityAllocation.SectorOutcome o = c.sectors().get("14");
        assertThat(o.council().bonusTo()).isEqualTo("Mme Carine PETIT");
        assertThat(o.council().seats()).containsEntry("Mme Carine PETIT", 8).containsEntry("Mme Nathalie KOSCIUSKO-MORIZET", 2);
        assertThat(o.arrondissement().seats()).containsEntry("Mme Carine PETIT", 15)
                .containsEntry("Mme Nathalie KOSCIUSKO-MORIZET", 5);
    }

    /**
     * Paris 2014, 13th arrondissement, round 2: Jérôme Coumet (PS) 62.42 %, Édith Gallois
     * (UMP-UDI-Modem) 37.57 %; published: « Sièges au Conseil de Paris : PS : 11, UMP : 2 »
     * (parisdepeches.fr, « Municipales à Paris : 13ème et 14ème pour le PS… », 31 March 2014). Only
     * shares were published there, so the counts below are the shares × 100 — the highest average
     * depends on ratios only, and no average comes within rounding of another.
     *
     * <p>By hand. 13 seats: bonus 13/2 = 6.5 → 7 to Coumet; 6 by highest average: C 6,242, G 3,757,
     * C 3,121, C 2,080.7, G 1,878.5, C 1,560.5 (next C 1,248.4, G 1,252.3, both below) → C 4, G 2:
     * Coumet 11, Gallois 2.
     */
    @Test
    void paris2014ThirteenthRoundTwoAsPublished() {
        SeatAllocation a = ListVoting.allocate("paris-1982", 13, new BonusRule.Half(),
                Ballot.of(2, List.of(ListResult.of("Coumet", 6_242), ListResult.of("Gallois", 3_757))));
        assertThat(a.seats()).containsEntry("Coumet", 11).containsEntry("Gallois", 2);
    }
}
