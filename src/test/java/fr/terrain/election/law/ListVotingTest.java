package fr.terrain.election.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The list vote of Code électoral L.260–L.264, one hand-worked example per rule and per tie. */
class ListVotingTest {

    private static SeatAllocation commune(int seats, int round, ListResult... lists) {
        return new VotingSystem.Commune(seats).allocate(Ballot.of(round, List.of(lists)));
    }

    @Test
    void bonusIsHalfTheSeatsRoundedUpAboveFourAndDownBelowFour() {
        BonusRule half = new BonusRule.Half();
        // 1/2 = 0.5 → 0 ; 2/2 = 1 ; 3/2 = 1.5 → 1 ; 4/2 = 2 exactly ; 5/2 = 2.5 → 3 ; 33/2 = 16.5 → 17 ; 163/2 → 82
        assertThat(List.of(1, 2, 3, 4, 5, 33, 163).stream().map(half::seats)).containsExactly(0, 1, 1, 2, 3, 17, 82);
    }

    @Test
    void paris2025BonusIsAQuarterOfTheSeatsRoundedUp() {
        // L.272-4-1: "égal au quart du nombre des sièges à pourvoir, arrondi, le cas échéant, à l'entier
        // supérieur". 163 / 4 = 40.75 → 41 (Paris); 73 / 4 = 18.25 → 19 (Lyon); 101 / 4 = 25.25 → 26
        // (Marseille); 8 / 4 = 2 exactly; 1 / 4 = 0.25 → 1.
        BonusRule quarter = new BonusRule.Quarter();
        assertThat(List.of(163, 73, 101, 8, 1).stream().map(quarter::seats)).containsExactly(41, 19, 26, 2, 1);
    }

    @Test
    void anAbsoluteMajorityInRoundOneTakesTheBonusAndItsShareOfTheRest() {
        // 19 seats, A 884 and B 544 of 1,428 exprimés: A has 61.9 % > 50 %, bonus 19/2 = 9.5 → 10.
        // 9 seats by highest average: A 884, B 544, A 442, A 294.7, B 272, A 221, B 181.3, A 176.8,
        // then A 884/6 = 147.3 beats B 544/4 = 136 → A 6, B 3. Total A 16, B 3 (the worked example
        // of o61.fr/?p=1454 for a commune of 1,672 inhabitants).
        SeatAllocation a = commune(19, 1, ListResult.of("A", 884), ListResult.of("B", 544));
        assertThat(a.bonusTo()).isEqualTo("A");
        assertThat(a.bonusSeats()).isEqualTo(10);
        assertThat(a.seats()).containsExactly(entry("A", 16), entry("B", 3));
        assertThat(a.goesToRoundTwo()).isFalse();
    }

    @Test
    void withoutAMajorityRoundOneGivesNoSeatAndQualifiesListsWithTenPercent() {
        // 1,000 exprimés: A 450 (45 %, no majority), B 300, C 150 (15 %), D 99 (9.9 %), E 1.
        // Round 2 is open to A, B, C (≥ 100 votes); D misses 10 % by one vote but reaches 5 %.
        SeatAllocation a = commune(29, 1, ListResult.of("A", 450), ListResult.of("B", 300), ListResult.of("C", 150),
                ListResult.of("D", 99), ListResult.of("E", 1));
        assertThat(a.goesToRoundTwo()).isTrue();
        assertThat(a.qualifiedForRoundTwo()).containsExactly("A", "B", "C");
        assertThat(a.eligible()).containsExactly("A", "B", "C", "D");
        assertThat(a.bonusTo()).isNull();
        assertThat(a.seats().values()).containsOnly(0);
    }

    @Test
    void whenOnlyOneListReachesTenPercentOnlyThatListMayStandInRoundTwo() {
        // 1,000 exprimés: A 490 (49 %, no majority), then B 95, C 90, D 85, E 80, F 80, G 80, all under
        // 10 %. Code électoral art. L.264 al. 2 (version of loi n° 2007-128, Légifrance text as published
        // by etalab/codes-juridiques-francais): « Seules peuvent se présenter au second tour les listes
        // ayant obtenu au premier tour un nombre de suffrages au moins égal à 10 % du total des suffrages
        // exprimés. » Unlike the departmental rule (L.210-1) it lets no runner-up stand: A alone (B to G,
        // all ≥ 5 %, may only merge into A).
        SeatAllocation a = commune(15, 1, ListResult.of("A", 490), ListResult.of("B", 95), ListResult.of("C", 90),
                ListResult.of("D", 85), ListResult.of("E", 80), ListResult.of("F", 80), ListResult.of("G", 80));
        assertThat(a.goesToRoundTwo()).isTrue();
        assertThat(a.qualifiedForRoundTwo()).containsExactly("A");
    }

    @Test
    void whenNoListReachesTenPercentTheTwoBestStandInRoundTwo() {
        // L.264 is silent when no list reaches 10 % (it would let none stand); the engine's stand-in,
        // not a rule of the text (docs/electoral-law.md), is the two lists with the most votes.
        // 11 lists, 99 + 98 + … + 90 = 945 and 55: all under 100 of 1,000 → the two best, 99 and 98.
        List<ListResult> lists = new java.util.ArrayList<>();
        for (int v = 99; v >= 90; v--) {
            lists.add(ListResult.of("L" + v, v));
        }
        lists.add(ListResult.of("L55", 55));
        SeatAllocation a = new VotingSystem.Commune(15).allocate(Ballot.of(1, lists));
        assertThat(a.qualifiedForRoundTwo()).containsExactly("L99", "L98");
    }

    @Test
    void seatsGoToListWithMostVotesInRoundTwo() {
        // 29 seats, round 2, 10,000 exprimés: A 4,500, B 4,200, C 1,000, D 300 (3 % < 5 %: no seat).
        // Bonus to A: 29/2 = 14.5 → 15. 14 seats by highest average among A, B, C:
        // A 4500 2250 1500 1125 900 750 642.9 | B 4200 2100 1400 1050 840 700 | C 1000
        // (next would be B 600) → A 7, B 6, C 1. Total A 22, B 6, C 1, D 0.
        SeatAllocation a = commune(29, 2, ListResult.of("A", 4500), ListResult.of("B", 4200), ListResult.of("C", 1000),
                ListResult.of("D", 300));
        assertThat(a.bonusTo()).isEqualTo("A");
        assertThat(a.bonusSeats()).isEqualTo(15);
        assertThat(a.seats()).containsExactly(entry("A", 22), entry("B", 6), entry("C", 1), entry("D", 0));
        assertThat(a.eligible()).containsExactly("A", "B", "C");
        assertThat(a.qualifiedForRoundTwo()).isEmpty();
    }

    @Test
    void listsUnderFivePercentGetNoSeatEvenWhenTheirAverageWouldWinOne() {
        // 40 seats, round 2, 1,000 exprimés: A 600, B 351, C 49 (4.9 %). Bonus 40/2 = 20 to A.
        // 20 seats by highest average between A and B only: A 13, B 7 (A's 13th at 600/13 = 46.2,
        // B's 7th at 351/7 = 50.1). Had C been admitted, its 49 would have beaten 46.2 for the last
        // seat. A 33, B 7, C 0.
        SeatAllocation a = commune(40, 2, ListResult.of("A", 600), ListResult.of("B", 351), ListResult.of("C", 49));
        assertThat(a.seats()).containsExactly(entry("A", 33), entry("B", 7), entry("C", 0));
    }

    @Test
    void bonusOnEqualVotesGoesToTheListWithTheOlderCandidates() {
        // Round 2, 7 seats, A and B 500 votes each: the bonus (7/2 = 3.5 → 4) goes to B, whose
        // candidates average 51.0 years against 48.2. 3 seats by highest average: A 500 and B 500 tie
        // with 3 seats left, both get one; then A 250 and B 250 tie for the last seat with equal votes:
        // it goes to A, whose candidate next in line (born 1940) is older than B's (born 1950). A 2, B 5.
        SeatAllocation a = commune(7, 2, new ListResult("A", 500, 48.2, LocalDate.of(1940, 1, 1)),
                new ListResult("B", 500, 51.0, LocalDate.of(1950, 6, 1)));
        assertThat(a.bonusTo()).isEqualTo("B");
        assertThat(a.seats()).containsEntry("A", 2).containsEntry("B", 5);
    }

    @Test
    void aSeatOnEqualAveragesGoesToTheListWithMoreVotes() {
        // Round 1, 3 seats, A 600 of 900 (66.7 %): bonus 3/2 = 1.5 → 1. Two seats by highest
        // average: A 600 first; then A 600/2 = 300 and B 300/1 = 300 tie for the last seat: A has
        // more votes. A 3, B 0 although B has 33 %.
        SeatAllocation a = commune(3, 1, ListResult.of("A", 600), ListResult.of("B", 300));
        assertThat(a.seats()).containsExactly(entry("A", 3), entry("B", 0));
    }

    @Test
    void aTieTheCountCannotBreakIsReportedNotGuessed() {
        // 2 seats, round 2: A 400 and B 400. Bonus 1: equal votes, no average age → cannot decide.
        assertThatThrownBy(() -> commune(2, 2, ListResult.of("A", 400), ListResult.of("B", 400)))
                .isInstanceOf(UnresolvedTie.class).hasMessageContaining("average_age");
        // With ages: bonus to B (older); 1 seat, A 400 and B 400 tie on average and votes → birth dates.
        assertThatThrownBy(() -> commune(2, 2, new ListResult("A", 400, 40.0, null), new ListResult("B", 400, 45.0, null)))
                .isInstanceOf(UnresolvedTie.class).hasMessageContaining("oldest_candidate_birth_date");
    }

    @Test
    void withOneSeatATieAtTheTopIsBrokenForTheSeatNotForAnEmptyBonus() {
        // Round 2, 1 seat (Paris's 1st sector in 2014), A 400 and B 400. L.262 al. 2: the bonus is
        // 1/2 = 0.5 rounded down (fewer than four seats) = 0 seats, so the average-age rule for the
        // bonus gives nothing. The one seat goes by highest average: A 400/1 = B 400/1, equal votes,
        // so al. 5: the older of the candidates the seat would elect — B's (born 1940) against A's
        // (born 1950). B 1, A 0, without any average age.
        SeatAllocation a = commune(1, 2, new ListResult("A", 400, null, LocalDate.of(1950, 1, 1)),
                new ListResult("B", 400, null, LocalDate.of(1940, 1, 1)));
        assertThat(a.seats()).containsEntry("A", 0).containsEntry("B", 1);
        assertThat(a.bonusTo()).isEqualTo("B");
        assertThat(a.bonusSeats()).isZero();
    }

    @Test
    void aTieOnlyMattersWhenFewerSeatsRemainThanTiedLists() {
        // Round 1, A 600, B 200, C 200 of 1,000 (A 60 %).
        // 9 seats: bonus 9/2 = 4.5 → 5; 4 seats: A 600, A 300, then A 200, B 200, C 200 tie with 2 seats
        // left: A (more votes) takes one, B and C still tie on votes with no birth dates → reported.
        assertThatThrownBy(() -> commune(9, 1, ListResult.of("A", 600), ListResult.of("B", 200), ListResult.of("C", 200)))
                .isInstanceOf(UnresolvedTie.class);
        // 10 seats: bonus 5; 5 seats: A 600, A 300, then the three-way tie at 200 with 3 seats left:
        // each gets one, no tie-break needed. A 5 + 3 = 8, B 1, C 1.
        assertThat(commune(10, 1, ListResult.of("A", 600), ListResult.of("B", 200), ListResult.of("C", 200)).seats())
                .containsExactly(entry("A", 8), entry("B", 1), entry("C", 1));
    }

    @Test
    void aTieIsReportedWhenTheAgeOfAnyListTiedOnVotesIsUnknown() {
        // L.262 al. 5: on equal averages and equal votes the last seat goes to the oldest of the
        // candidates who could be proclaimed elected, so every list in that tie needs its date.
        // Round 2, 8 seats, A 600, B 200, C 200, D 200 of 1,200. Bonus 8/2 = 4 to A. 4 seats by
        // highest average: A 600, A 300, then A 200, B 200, C 200, D 200 tie with 2 seats left:
        // A (600 votes) takes one; B, C and D tie on votes (200) for the last seat. B's candidate
        // was born in 1950, C's in 1960, D's date is not given: D's candidate may be older than
        // B's, so the count cannot say who gets the seat — it must not go to B.
        assertThatThrownBy(() -> commune(8, 2, ListResult.of("A", 600),
                new ListResult("B", 200, null, LocalDate.of(1950, 1, 1)),
                new ListResult("C", 200, null, LocalDate.of(1960, 1, 1)), ListResult.of("D", 200)))
                .isInstanceOf(UnresolvedTie.class).hasMessageContaining("« D »")
                .hasMessageContaining("oldest_candidate_birth_date");
        // With D's candidate born in 1945, the oldest: D takes the last seat. A 4 + 3 = 7, D 1.
        assertThat(commune(8, 2, ListResult.of("A", 600), new ListResult("B", 200, null, LocalDate.of(1950, 1, 1)),
                new ListResult("C", 200, null, LocalDate.of(1960, 1, 1)),
                new ListResult("D", 200, null, LocalDate.of(1945, 1, 1))).seats())
                .containsExactly(entry("A", 7), entry("B", 0), entry("C", 0), entry("D", 1));
    }

    @Test
    void theBonusListAverageCountsOnlyItsProportionalSeats() {
        // Conseil d'État, 30 janvier 2015, n° 382627: averages use the seats won proportionally, not
        // the bonus. 7 seats, round 1: A 550, B 450 of 1,000. Bonus 7/2 = 3.5 → 4 to A; 3 seats:
        // A 550, B 450, then A 275 against B 225 → A. A 4 + 2 = 6, B 1. Counting the bonus in A's
        // average would give the third seat to B (550/6 = 91.7 < 225): A 5, B 2 — the error the
        // Conseil d'État censured.
        assertThat(commune(7, 1, ListResult.of("A", 550), ListResult.of("B", 450)).seats())
                .containsExactly(entry("A", 6), entry("B", 1));
    }

    @Test
    void invalidCountsAreRefused() {
        assertThatThrownBy(() -> ListResult.of("A", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ballot(1, 10, List.of(ListResult.of("A", 11))))
                .hasMessageContaining("dépassent les suffrages exprimés");
        assertThatThrownBy(() -> Ballot.of(1, List.of(ListResult.of("A", 1), ListResult.of("A", 2))))
                .hasMessageContaining("double");
        assertThatThrownBy(() -> new VotingSystem.Commune(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static java.util.Map.Entry<String, Integer> entry(String k, int v) {
        return java.util.Map.entry(k, v);
    }
}
