package fr.terrain.election.simulation;

import fr.terrain.election.law.Sector;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The expected round-1 result of one sector: its exprimés and each list's votes, each list tagged
 * with its camp. The shares of this count are the model's expectation.
 */
public record SectorCount(Sector sector, long expressed, List<ListCount> lists) {

    /** One list of the sector. */
    public record ListCount(String list, String camp, long votes) {
        public ListCount {
            Objects.requireNonNull(list, "list");
            Objects.requireNonNull(camp, "camp");
            if (votes < 0) {
                throw new IllegalArgumentException("voix négatives pour " + list);
            }
        }
    }

    public SectorCount {
        Objects.requireNonNull(sector, "sector");
        lists = List.copyOf(lists);
        if (lists.isEmpty()) {
            throw new IllegalArgumentException("le secteur " + sector.name() + " n'a aucune liste");
        }
        Set<String> names = new HashSet<>();
        long sum = 0;
        for (ListCount l : lists) {
            if (!names.add(l.list())) {
                throw new IllegalArgumentException("liste en double dans le secteur " + sector.name() + " : " + l.list());
            }
            sum += l.votes();
        }
        if (sum <= 0 || expressed < sum) {
            throw new IllegalArgumentException("secteur " + sector.name() + " : " + sum + " voix de listes pour "
                    + expressed + " exprimés");
        }
    }

    public long listVotes() {
        return lists.stream().mapToLong(ListCount::votes).sum();
    }

    /** The camp's share of the exprimés (0 when it has no list here). */
    public double share(String camp) {
        return (double) lists.stream().filter(l -> l.camp().equals(camp)).mapToLong(ListCount::votes).sum() / expressed;
    }
}
