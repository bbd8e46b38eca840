package fr.terrain.election;

import java.util.Collection;
import java.util.Optional;

/** Which vintage of polling-station boundaries an election's results refer to. */
public final class StationVintages {
    private StationVintages() {}

    /**
     * The election's explicit vintage when it has one, else the newest available vintage not
     * later than the election year (2014 results use the 2012 boundaries when no 2014 file exists).
     */
    public static Optional<Integer> forElection(Election e, Collection<Integer> available) {
        if (e.stationVintage() != null) {
            return Optional.of(e.stationVintage());
        }
        return available.stream().filter(v -> v <= e.year()).max(Integer::compare);
    }
}
