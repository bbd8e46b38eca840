package fr.terrain.election.law;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.RealData;
import fr.terrain.election.StationResult;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.ResultsOptions;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.Results;
import fr.terrain.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Paris 1982 system on the real counts of ../shared/data, against published outcomes.
 * Shares below were summed by hand (awk) from paris_municipales_2020_t1_bv_long.csv.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParisRealDataTest {
    @TempDir
    static Path home;

    Store store;

    @BeforeAll
    void load() {
        store = Store.h2(home);
        Importer importer = new Importer(store, Progress.NONE, false);
        importer.results(RealData.file(RealData.RESULTS_2020), ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA);
        importer.results(RealData.file(RealData.RESULTS_2014), new ResultsOptions(null, null, null, null, 20, null),
                SourceCategory.OFFICIAL_OPEN_DATA);
    }

    @AfterAll
    void close() {
        store.close();
    }

    private CityAllocation paris1982(String election, int year, int round) {
        List<StationResult> stations = Results.load(store, election);
        VotingSystem.SectorVote v = VotingSystem.paris1982(year);
        return v.allocate(SectorBallots.bySector(v.table(), round, stations));
    }

    @Test
    void in2020OnlyThe7thIsWonInRoundOneAndDatiTakesItsFourSeats() {
        CityAllocation c = paris1982("paris-2020-t1", 2020, 1);
        assertThat(c.sectors()).hasSize(17).containsKey("1").doesNotContainKeys("2", "3", "4");
        CityAllocation.SectorOutcome seventh = c.sectors().get("7");
        // 7th: 15,146 exprimés, Dati 7,678 = 50.69 % > 50 %. 4 council seats: bonus 4/2 = 2; 2 by
        // highest average among the lists ≥ 5 % (Dati 7,678, Missoffe 3,506, Filippova 1,731,
        // Laporte 868): Dati 7,678 then Dati 3,839 > Missoffe 3,506 → Dati 4 (published: the 7th's
        // 4 councillors of Paris are Union de la droite, linternaute.com, June 2020).
        SeatAllocation council = seventh.council();
        assertThat(council.expressed()).isEqualTo(15_146);
        assertThat(council.bonusTo()).isEqualTo("Mme DATI Rachida");
        assertThat(council.seatsOf("Mme DATI Rachida")).isEqualTo(4);
        assertThat(council.eligible()).containsExactly("Mme DATI Rachida", "M. MISSOFFE Alexandre",
                "Mme FILIPPOVA Diana", "Mme LAPORTE Manon");
        // 10 arrondissement councillors (CGCT L.2511-8: 2 × 4 < 10): bonus 5; 5 by highest average:
        // Dati 7,678, Dati 3,839, Missoffe 3,506, Dati 2,559, Dati 1,919.5 (> Missoffe 1,753) → Dati 9, Missoffe 1.
        assertThat(seventh.arrondissement().seats()).containsEntry("Mme DATI Rachida", 9)
                .containsEntry("M. MISSOFFE Alexandre", 1);

        assertThat(c.sectorsGoingToRoundTwo()).hasSize(16).doesNotContain("7");
        assertThat(c.council()).containsEntry("Mme DATI Rachida", 4);
        assertThat(c.councilSeatsAllocated()).isEqualTo(4);
    }

    @Test
    void in2020TheOtherSectorsQualifyTheListsWithTenPercent() {
        Map<String, CityAllocation.SectorOutcome> s = paris1982("paris-2020-t1", 2020, 1).sectors();
        // Paris Centre (1st-4th summed): 29,762 exprimés; Weil 33.73 %, Rupin 21.07 %, Véron 20.48 %,
        // Rémy-Leleu 10.38 %, Lebreton 7.99 % (5-10 %: may merge only).
        assertThat(s.get("1").council().qualifiedForRoundTwo()).containsExactly("M. WEIL Ariel", "M. RUPIN Pacôme",
                "M. VÉRON Aurélien", "Mme RÉMY-LELEU Raphaëlle");
        assertThat(s.get("1").council().eligible()).contains("Mme LEBRETON Anne").hasSize(5);
        // 16th: Szpiner 47.81 % (no majority), Sebbah 23.56 %, Marre 8.06 %.
        assertThat(s.get("16").council().qualifiedForRoundTwo()).containsExactly("M. SZPINER Francis",
                "Mme SEBBAH Hanna");
        // 20th: Pliez 38.11, Didier 13.87, Calandra 12.53, Guhl 11.44, Simonnet 10.86, Nezzar 6.90 %.
        assertThat(s.get("20").council().qualifiedForRoundTwo()).containsExactly("M. PLIEZ Eric",
                "M. DIDIER François-Marie", "Mme CALANDRA Frédérique", "Mme GUHL Antoinette", "Mme SIMONNET Danielle");
        // 8th: Michel 1,047 of 10,292 = 10.17 % qualifies; Bordry 7.23 % does not.
        assertThat(s.get("8").council().qualifiedForRoundTwo()).contains("Mme MICHEL Athénaïs")
                .doesNotContain("Mme BORDRY Isabelle").hasSize(4);
        assertThat(s.get("16").council().seats().values()).containsOnly(0);
    }

    @Test
    void the20thIn2014RoundTwoMatchesThePublishedSeats() {
        // Round 2, 30 March 2014, 20th: Calandra 31,163, Périfan 17,690, Simonnet 7,732 (56,585 exprimés).
        // 14 councillors of Paris: bonus 7; 7 by highest average: C 31,163, P 17,690, C 15,581.5,
        // C 10,387.7, P 8,845, C 7,790.75, S 7,732 → C 4, P 2, S 1. Calandra 11.
        // 28 arrondissement councillors: bonus 14; 14 by highest average → C 8, P 4, S 2. Calandra 22.
        // Published: "sa liste obtient 11 sièges au conseil de Paris et 22 sièges au conseil
        // d'arrondissement" (menilmontant.typepad.fr/mon_weblog/2014/03/paris2014-2etour.html).
        CityAllocation c = paris1982("paris-2014-t2", 2014, 2);
        assertThat(c.sectors()).containsOnlyKeys("20");
        assertThat(c.sectorsWithoutResults()).hasSize(19);
        CityAllocation.SectorOutcome s = c.sectors().get("20");
        assertThat(s.council().seats()).containsExactly(Map.entry("CALANDRA Frédérique", 11),
                Map.entry("PERIFAN Atanase", 2), Map.entry("SIMONNET Danielle", 1));
        assertThat(s.arrondissement().seats()).containsExactly(Map.entry("CALANDRA Frédérique", 22),
                Map.entry("PERIFAN Atanase", 4), Map.entry("SIMONNET Danielle", 2));
    }
}
