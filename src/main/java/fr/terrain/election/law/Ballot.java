package fr.terrain.election.law;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The count of one round in one constituency (a commune, a sector, or a whole city): suffrages
 * exprimés and the votes of each list. Lists are kept by decreasing votes, then by name.
 *
 * @param expressed suffrages exprimés; at least the sum of the lists' votes (a source may count
 *     votes for lists it does not detail)
 */
public record Ballot(int round, long expressed, List<ListResult> lists) {

    public Ballot {
        if (round != 1 && round != 2) {
            throw new IllegalArgumentException("le tour doit être 1 ou 2, trouvé " + round);
        }
        if (lists == null || lists.isEmpty()) {
            throw new IllegalArgumentException("aucune liste");
        }
        Set<String> names = new HashSet<>();
        long sum = 0;
        for (ListResult l : lists) {
            if (!names.add(l.list())) {
                throw new IllegalArgumentException("liste en double : " + l.list());
            }
            sum += l.votes();
        }
        if (expressed < sum) {
            throw new IllegalArgumentException("les voix des listes (" + sum + ") dépassent les suffrages exprimés ("
                    + expressed + ")");
        }
        if (expressed <= 0) {
            throw new IllegalArgumentException("aucun suffrage exprimé");
        }
        lists = lists.stream().sorted(Comparator.comparingLong(ListResult::votes).reversed()
                .thenComparing(ListResult::list)).toList();
    }

    /** A count whose exprimés are exactly the sum of the lists' votes. */
    public static Ballot of(int round, List<ListResult> lists) {
        return new Ballot(round, lists.stream().mapToLong(ListResult::votes).sum(), lists);
    }

    /** At least {@code percent} % of the exprimés, compared exactly in integers. */
    public boolean reaches(ListResult l, int percent) {
        return l.votes() * 100 >= (long) percent * expressed;
    }

    /** More than half of the exprimés (majorité absolue). */
    public boolean hasAbsoluteMajority(ListResult l) {
        return l.votes() * 2 > expressed;
    }
}
