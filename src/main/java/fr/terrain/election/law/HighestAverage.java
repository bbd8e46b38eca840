package fr.terrain.election.law;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Proportional representation by the highest average (représentation proportionnelle à la plus
 * forte moyenne, Code électoral art. L.262), i.e. the D'Hondt method: each seat goes to the list
 * whose votes divided by (seats it already has + 1) is largest. Giving first the seats of the
 * electoral quotient, as the law describes it, yields the same seats.
 *
 * <p>Averages are compared exactly by cross-multiplication. Equal averages only matter when fewer
 * seats remain than tied lists; then the seat goes to the list with more votes, then to "le plus âgé
 * des candidats susceptibles d'être proclamés élus" (art. L.262 al. 5): one birth date per list, that
 * of the candidate the seat would elect (docs/electoral-law.md discusses the other reading).
 */
public final class HighestAverage {
    private HighestAverage() {}

    /** Seats per list, in the order of {@code lists}. */
    public static int[] allocate(List<ListResult> lists, int seats) {
        if (seats < 0) {
            throw new IllegalArgumentException("nombre de sièges négatif : " + seats);
        }
        int[] won = new int[lists.size()];
        if (seats == 0) {
            return won;
        }
        if (lists.isEmpty() || lists.stream().allMatch(l -> l.votes() == 0)) {
            throw new IllegalArgumentException("aucune liste admise à la répartition de " + seats + " siège(s)");
        }
        int left = seats;
        while (left > 0) {
            List<Integer> tied = bestAverages(lists, won);
            if (tied.size() <= left) {
                for (int i : tied) {
                    won[i]++;
                }
                left -= tied.size();
            } else {
                tied.sort(Comparator.<Integer>comparingLong(i -> lists.get(i).votes()).reversed());
                List<Integer> winners = breakTie(lists, tied, left);
                for (int i : winners) {
                    won[i]++;
                }
                left = 0;
            }
        }
        return won;
    }

    private static List<Integer> bestAverages(List<ListResult> lists, int[] won) {
        List<Integer> best = new ArrayList<>();
        for (int i = 0; i < lists.size(); i++) {
            if (lists.get(i).votes() == 0) {
                continue;
            }
            if (best.isEmpty()) {
                best.add(i);
                continue;
            }
            int b = best.get(0);
            // votes_i / (won_i + 1) compared with votes_b / (won_b + 1)
            int c = Long.compare(Math.multiplyExact(lists.get(i).votes(), won[b] + 1L),
                    Math.multiplyExact(lists.get(b).votes(), won[i] + 1L));
            if (c > 0) {
                best.clear();
                best.add(i);
            } else if (c == 0) {
                best.add(i);
            }
        }
        return best;
    }

    /** The {@code seats} lists among {@code tied} (sorted by votes) that win the last seats. */
    private static List<Integer> breakTie(List<ListResult> lists, List<Integer> tied, int seats) {
        List<Integer> order = new ArrayList<>(tied);
        order.sort(Comparator.<Integer>comparingLong(i -> lists.get(i).votes()).reversed()
                .thenComparing(i -> lists.get(i).oldestCandidateBirthDate(),
                        Comparator.nullsLast(Comparator.naturalOrder())));
        ListResult lastIn = lists.get(order.get(seats - 1));
        ListResult firstOut = lists.get(order.get(seats));
        if (lastIn.votes() == firstOut.votes()) {
            // every list with these votes competes on age, not only the two either side of the cut:
            // one without a date (sorted last) might be the oldest
            List<ListResult> sameVotes = order.stream().map(lists::get).filter(l -> l.votes() == lastIn.votes()).toList();
            if (sameVotes.stream().anyMatch(l -> l.oldestCandidateBirthDate() == null)) {
                throw new UnresolvedTie("égalité de moyenne et de voix entre " + String.join(", ",
                        sameVotes.stream().map(l -> "« " + l.list() + " »").toList())
                        + " pour le dernier siège : « le plus âgé des candidats susceptibles d'être proclamés élus »"
                        + " l'emporte (art. L.262) — donnez pour chaque liste la date de naissance de son prochain"
                        + " candidat dans l'ordre de la liste (oldest_candidate_birth_date)");
            }
            if (lastIn.oldestCandidateBirthDate().equals(firstOut.oldestCandidateBirthDate())) {
                throw new UnresolvedTie("égalité complète (moyenne, voix, âge du plus âgé) entre « " + lastIn.list()
                        + " » et « " + firstOut.list() + " » : le Code électoral ne départage pas davantage");
            }
        }
        return order.subList(0, seats);
    }
}
