package fr.terrain.election;

import java.util.Collection;
import java.util.Optional;

/** Which vintage of polling-station boundaries an election's results refer to. */
public final class StationVintages {
    private StationVintages() {}

    /**
     * The election's explicit vintage when it has one, else the newest available vintage not later than the election
     * year (2014 results use the 2012 boundaries when no 2014 file exists), preferring the vintages that hold some of
     * the election's result stations ({@code sharingCodes}): a vintage of other communes (INSEE's REU, ADR 0028,
     * imported as 2022) must not take Paris's 2022 rounds from the 2020 boundaries their codes are in. When none is
     * shared (no results yet, or none matches), the year alone.
     */
    public static Optional<Integer> forElection(Election e, Collection<Integer> available, Collection<Integer> sharingCodes) {
        if (e.stationVintage() != null) {
            return Optional.of(e.stationVintage());
        }
        return sharingCodes.stream().filter(v -> v <= e.year() && available.contains(v)).max(Integer::compare)
                .or(() -> available.stream().filter(v -> v <= e.year()).max(Integer::compare));
    }
}
