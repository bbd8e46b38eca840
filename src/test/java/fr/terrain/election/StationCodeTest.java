package fr.terrain.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class StationCodeTest {
    @Test
    void parsesTheParisSpellingWithLeadingZerosAndSpaces() {
        assertThat(StationCode.parse("15-12")).isEqualTo(new StationCode(15, 12));
        assertThat(StationCode.parse(" 05 - 007 ")).isEqualTo(new StationCode(5, 7));
        assertThat(StationCode.parse("007-0012")).isEqualTo(new StationCode(7, 12));
        assertThat(StationCode.parse("0000099999-99999")).isEqualTo(new StationCode(99_999, 99_999));
        assertThat(new StationCode(15, 12)).hasToString("15-12");
    }

    @Test
    void refusesWhatIsNotABureauCode() {
        for (String bad : List.of("", "15", "15-", "-3", "a-1", "0-1", "1-0", "15-12-3", "123456-1", "1-123456",
                "+1-2", "1-+2", "١-٢")) {
            assertThatThrownBy(() -> StationCode.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void electionIdsFollowTheCityYearRoundConvention() {
        Election municipal = Election.of(ElectionKind.MUNICIPALES, "paris", 1, LocalDate.of(2020, 3, 15));
        Election presidential = Election.of(ElectionKind.PRESIDENTIELLE, "paris", 2, LocalDate.of(2012, 5, 6));
        assertThat(municipal.id()).isEqualTo("paris-2020-t1");
        assertThat(municipal.contest()).isEqualTo("paris-2020");
        assertThat(presidential.id()).isEqualTo("paris-pres-2012-t2");
        assertThat(Election.contestOf("paris-pres-2012-t2")).isEqualTo("paris-pres-2012");
    }

    @Test
    void anElectionRefusesARoundOtherThanOneOrTwo() {
        assertThatThrownBy(() -> new Election("x-2020-t3", "x-2020", ElectionKind.MUNICIPALES, "x", 3,
                LocalDate.of(2020, 1, 1), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resultsVintageIsTheNewestNotLaterThanTheElection() {
        Election e2014 = Election.of(ElectionKind.MUNICIPALES, "paris", 1, LocalDate.of(2014, 3, 23));
        assertThat(StationVintages.forElection(e2014, List.of(2012, 2019, 2020, 2024), List.of())).contains(2012);
        Election e2020 = Election.of(ElectionKind.MUNICIPALES, "paris", 1, LocalDate.of(2020, 3, 15));
        assertThat(StationVintages.forElection(e2020, List.of(2012, 2019, 2020, 2024), List.of())).contains(2020);
        assertThat(StationVintages.forElection(e2014, List.of(2019), List.of())).isEmpty();
        Election pinned = new Election("paris-2020-t1", "paris-2020", ElectionKind.MUNICIPALES, "paris", 1,
                LocalDate.of(2020, 3, 15), 2019);
        assertThat(StationVintages.forElection(pinned, List.of(2020), List.of())).contains(2019);
    }

    /** A vintage of other communes (the REU's, 2022) does not take a Paris round of 2022 from the 2020 boundaries. */
    @Test
    void theNewestVintageHoldingTheResultsStationsWinsOverANewerOneOfOtherCommunes() {
        Election e2022 = Election.of(ElectionKind.PRESIDENTIELLE, "paris", 1, LocalDate.of(2022, 4, 10));
        List<Integer> available = List.of(2019, 2020, 2022, 2024);
        assertThat(StationVintages.forElection(e2022, available, List.of(2019, 2020, 2024))).contains(2020);
        assertThat(StationVintages.forElection(e2022, available, List.of())).as("no results: the year").contains(2022);
        assertThat(StationVintages.forElection(e2022, available, List.of(2024))).as("none shared before: the year")
                .contains(2022);
        Election pinned = new Election("paris-pres-2022-t1", "paris-pres-2022", ElectionKind.PRESIDENTIELLE, "paris", 1,
                LocalDate.of(2022, 4, 10), 2022);
        assertThat(StationVintages.forElection(pinned, available, List.of(2020))).as("explicit wins").contains(2022);
    }

    @Test
    void resultChecksNameEachBrokenSum() {
        Candidacy a = Candidacy.named("M. A");
        StationResult ok = new StationResult(new StationCode(1, 1), 100, 60, 2, 3, null, 55, null,
                List.of(new StationResult.ListVotes(a, 55)));
        assertThat(ResultChecks.violations(ok)).isEmpty();
        StationResult bad = new StationResult(new StationCode(1, 1), 50, 60, 2, 3, null, 55, null,
                List.of(new StationResult.ListVotes(a, 54)));
        assertThat(ResultChecks.violations(bad)).hasSize(2)
                .anySatisfy(v -> assertThat(v).contains("somme des voix (54)"))
                .anySatisfy(v -> assertThat(v).contains("plus de votants (60) que d'inscrits (50)"));
    }
}
