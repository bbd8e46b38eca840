package fr.terrain.atlas;

import fr.terrain.election.StationResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The counts of one area in one round: a station's own count, or counts interpolated from other
 * boundaries (hence decimals).
 *
 * @param listVotes votes (voix) by list label, in ballot order
 */
public record Counts(double registered, double voters, double expressed, Map<String, Double> listVotes) {
    public Counts {
        Objects.requireNonNull(listVotes, "listVotes");
        listVotes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(listVotes));
        if (registered < 0 || voters < 0 || expressed < 0) {
            throw new IllegalArgumentException("des effectifs ne peuvent pas être négatifs");
        }
    }

    public static Counts of(StationResult r) {
        Map<String, Double> votes = new LinkedHashMap<>();
        for (StationResult.ListVotes v : r.votes()) {
            votes.merge(v.list().label(), (double) v.votes(), Double::sum);
        }
        return new Counts(r.registered(), r.voters(), r.expressed(), votes);
    }

    /** The sum of several areas' counts (a sector, a whole city). */
    public Counts plus(Counts other) {
        Map<String, Double> votes = new LinkedHashMap<>(listVotes);
        other.listVotes.forEach((label, n) -> votes.merge(label, n, Double::sum));
        return new Counts(registered + other.registered, voters + other.voters, expressed + other.expressed, votes);
    }

    public static final Counts ZERO = new Counts(0, 0, 0, Map.of());
}
