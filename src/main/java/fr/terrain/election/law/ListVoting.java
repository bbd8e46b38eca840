package fr.terrain.election.law;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The list vote of communes of 1,000 inhabitants or more (Code électoral art. L.260 to L.262 and
 * L.264), the rule every system here applies to one constituency:
 *
 * <ol>
 *   <li>Round 1: a list with the absolute majority of the exprimés gets the bonus; without one,
 *       no seat is given and round 2 is open to the lists with at least 10 % of the exprimés
 *       (L.264: only them, so a single list when only one reaches it); when none does, the law is
 *       silent and the two best lists stand in.
 *   <li>Round 2: the list with the most votes gets the bonus; on equal votes, the list whose
 *       candidates have the higher average age (L.262 al. 2) — unless the bonus is empty (one seat),
 *       when the seat's own tie rule decides (al. 5).
 *   <li>The other seats go by the highest average to every list with at least 5 % of the
 *       exprimés, the bonus list included (L.262 al. 1 to 3).
 * </ol>
 */
public final class ListVoting {
    private ListVoting() {}

    public static SeatAllocation allocate(String system, int seatsTotal, BonusRule bonus, Ballot ballot) {
        List<ListResult> lists = ballot.lists();
        List<String> eligible = lists.stream().filter(l -> ballot.reaches(l, 5)).map(ListResult::list).toList();
        Map<String, Long> votes = new LinkedHashMap<>();
        lists.forEach(l -> votes.put(l.list(), l.votes()));
        Map<String, Integer> seats = new LinkedHashMap<>();
        lists.forEach(l -> seats.put(l.list(), 0));

        ListResult winner = null;
        int bonusSeats = bonus.seats(seatsTotal);
        if (ballot.round() == 1) {
            winner = lists.stream().filter(ballot::hasAbsoluteMajority).findFirst().orElse(null);
            if (winner == null) {
                return new SeatAllocation(system, seatsTotal, 1, ballot.expressed(), null, 0, eligible,
                        qualifiedForRoundTwo(ballot), votes, seats);
            }
        } else if (bonusSeats > 0 || lists.size() == 1 || lists.get(1).votes() < lists.get(0).votes()) {
            winner = roundTwoWinner(lists);
        }
        // else an empty bonus (one seat: 1/2 rounded down) on a tie at the top: the average-age rule
        // gives nothing; the seat itself is decided by the highest average and its own tie rule (al. 5)
        List<ListResult> admitted = lists.stream().filter(l -> ballot.reaches(l, 5)).toList();
        if (admitted.isEmpty() && bonusSeats < seatsTotal) {
            throw new IllegalArgumentException("aucune liste n'atteint 5 % des suffrages exprimés : les sièges"
                    + " restants ne peuvent pas être répartis (art. L.262)");
        }
        int[] proportional = HighestAverage.allocate(admitted, seatsTotal - bonusSeats);
        for (int i = 0; i < admitted.size(); i++) {
            seats.put(admitted.get(i).list(), proportional[i]);
        }
        if (winner == null) {
            long top = lists.get(0).votes();
            winner = lists.stream().filter(l -> l.votes() == top)
                    .max(java.util.Comparator.comparingInt(l -> seats.get(l.list()))).orElseThrow();
        }
        seats.merge(winner.list(), bonusSeats, Integer::sum);
        return new SeatAllocation(system, seatsTotal, ballot.round(), ballot.expressed(), winner.list(), bonusSeats,
                eligible, List.of(), votes, seats);
    }

    /**
     * Lists with ≥ 10 % of the exprimés (L.264 al. 2: « Seules peuvent se présenter au second tour… »),
     * even when that is one list: unlike L.210-1, L.264 lets no runner-up stand. When no list reaches
     * 10 % L.264 is silent; the two with the most votes stand in (not a rule of the text).
     */
    public static List<String> qualifiedForRoundTwo(Ballot ballot) {
        List<ListResult> lists = ballot.lists();
        List<String> qualified = new ArrayList<>(lists.stream().filter(l -> ballot.reaches(l, 10))
                .map(ListResult::list).toList());
        boolean noneReachesTenPercent = qualified.isEmpty();
        for (int i = 0; noneReachesTenPercent && qualified.size() < 2 && i < lists.size(); i++) {
            if (!qualified.contains(lists.get(i).list()) && lists.get(i).votes() > 0) {
                qualified.add(lists.get(i).list());
            }
        }
        return qualified;
    }

    private static ListResult roundTwoWinner(List<ListResult> lists) {
        ListResult first = lists.get(0);
        List<ListResult> tied = lists.stream().filter(l -> l.votes() == first.votes()).toList();
        if (tied.size() == 1) {
            return first;
        }
        if (tied.stream().anyMatch(l -> l.averageAge() == null)) {
            throw new UnresolvedTie("égalité de voix en tête entre " + names(tied) + " : la prime revient à la liste"
                    + " dont les candidats ont la moyenne d'âge la plus élevée (art. L.262) — donnez average_age");
        }
        double oldest = tied.stream().mapToDouble(ListResult::averageAge).max().orElseThrow();
        List<ListResult> oldestLists = tied.stream().filter(l -> l.averageAge() == oldest).toList();
        if (oldestLists.size() > 1) {
            throw new UnresolvedTie("égalité de voix et de moyenne d'âge entre " + names(oldestLists)
                    + " : le Code électoral ne départage pas davantage");
        }
        return oldestLists.get(0);
    }

    private static String names(List<ListResult> lists) {
        return String.join(", ", lists.stream().map(l -> "« " + l.list() + " »").toList());
    }
}
