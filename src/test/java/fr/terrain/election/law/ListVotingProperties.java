package fr.terrain.election.law;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties every allocation must have, whatever the votes. */
class ListVotingProperties {

    /** Lists with distinct ages and birth dates, so that every tie the law foresees can be broken. */
    @Provide
    Arbitrary<List<ListResult>> lists() {
        return Arbitraries.longs().between(0, 200_000).list().ofMinSize(1).ofMaxSize(9).map(votes -> {
            List<ListResult> out = new ArrayList<>();
            for (int i = 0; i < votes.size(); i++) {
                out.add(new ListResult("L" + i, votes.get(i), 40.0 + i * 0.5, LocalDate.of(1930 + i, 1, 1)));
            }
            return out;
        }).filter(l -> l.stream().mapToLong(ListResult::votes).sum() > 0);
    }

    @Provide
    Arbitrary<Integer> rounds() {
        return Arbitraries.of(1, 2);
    }

    private static SeatAllocation allocate(int seats, int round, List<ListResult> lists) {
        return new VotingSystem.Commune(seats).allocate(Ballot.of(round, lists));
    }

    @Property
    void seatsAlwaysSumToTheTotal(@ForAll("lists") List<ListResult> lists, @ForAll @IntRange(min = 1, max = 69) int seats,
            @ForAll("rounds") int round) {
        SeatAllocation a = allocate(seats, round, lists);
        int sum = a.seats().values().stream().mapToInt(Integer::intValue).sum();
        assertThat(sum).isEqualTo(a.goesToRoundTwo() ? 0 : seats);
        assertThat(a.seats().keySet()).hasSize(lists.size());
    }

    @Property
    void theBonusListNeverGetsFewerSeatsThanAListWithFewerVotes(@ForAll("lists") List<ListResult> lists,
            @ForAll @IntRange(min = 1, max = 69) int seats, @ForAll("rounds") int round) {
        SeatAllocation a = allocate(seats, round, lists);
        Assume.that(a.bonusTo() != null);
        long bonusVotes = a.votes().get(a.bonusTo());
        a.votes().forEach((list, v) -> {
            if (v < bonusVotes) {
                assertThat(a.seatsOf(a.bonusTo())).isGreaterThanOrEqualTo(a.seatsOf(list));
            }
        });
    }

    @Property
    void listsUnderFivePercentGetNothing(@ForAll("lists") List<ListResult> lists,
            @ForAll @IntRange(min = 1, max = 69) int seats, @ForAll("rounds") int round) {
        SeatAllocation a = allocate(seats, round, lists);
        long expressed = a.expressed();
        a.votes().forEach((list, v) -> {
            if (v * 20 < expressed) {
                assertThat(a.seatsOf(list)).as(list).isZero();
                assertThat(a.eligible()).doesNotContain(list);
            }
        });
    }

    @Property(maxDiscardRatio = 20)
    void moreVotesNeverLoseAListASeat(@ForAll("lists") List<ListResult> lists,
            @ForAll @IntRange(min = 1, max = 69) int seats, @ForAll("rounds") int round,
            @ForAll @IntRange(min = 0, max = 8) int which, @ForAll @IntRange(min = 1, max = 50_000) int more) {
        Assume.that(which < lists.size());
        SeatAllocation before = allocate(seats, round, lists);
        List<ListResult> shifted = new ArrayList<>(lists);
        ListResult l = lists.get(which);
        shifted.set(which, l.withVotes(l.votes() + more));
        SeatAllocation after = allocate(seats, round, shifted);
        // Within one system: both outcomes allocate seats (a round 1 that now goes to round 2 gives none to anybody).
        Assume.that(!before.goesToRoundTwo() && !after.goesToRoundTwo());
        assertThat(after.seatsOf(l.list())).isGreaterThanOrEqualTo(before.seatsOf(l.list()));
    }

    @Property(maxDiscardRatio = 20)
    void roundTwoIsOpenToTheListsWithTenPercentOrElseToTheTwoBest(@ForAll("lists") List<ListResult> lists,
            @ForAll @IntRange(min = 1, max = 69) int seats) {
        Assume.that(lists.stream().filter(l -> l.votes() > 0).count() >= 2);
        SeatAllocation a = allocate(seats, 1, lists);
        Assume.that(a.goesToRoundTwo());
        Ballot ballot = Ballot.of(1, lists);
        List<String> tenPercent = ballot.lists().stream().filter(l -> ballot.reaches(l, 10)).map(ListResult::list).toList();
        // L.264: exactly the lists with ≥ 10 %, however few; the two best only when none reaches it.
        if (tenPercent.isEmpty()) {
            assertThat(a.qualifiedForRoundTwo()).hasSize(2);
        } else {
            assertThat(a.qualifiedForRoundTwo()).containsExactlyElementsOf(tenPercent);
        }
    }

}
