package fr.terrain.targeting;

import fr.terrain.election.Candidacy;
import fr.terrain.election.StationResult;
import fr.terrain.territory.StationCrosswalk.InterpolatedCount;
import java.util.Map;

/**
 * One station's counts seen through a bloc: inscrits, votants, exprimés, votes of our lists and of
 * the neighbour lists. Fractional when carried from another boundary vintage.
 */
public record BlocCounts(double registered, double voters, double expressed, double ours, double neighbours) {

    public BlocCounts {
        for (double v : new double[] {registered, voters, expressed, ours, neighbours}) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("compte négatif ou non fini : " + v);
            }
        }
    }

    public static BlocCounts of(StationResult r, Bloc bloc, String electionId) {
        double ours = 0;
        double neighbours = 0;
        for (StationResult.ListVotes v : r.votes()) {
            switch (bloc.sideOf(electionId, v.list())) {
                case OURS -> ours += v.votes();
                case NEIGHBOUR -> neighbours += v.votes();
                case OTHER -> { }
            }
        }
        return new BlocCounts(r.registered(), r.voters(), r.expressed(), ours, neighbours);
    }

    /** Counts carried from another vintage; {@code lists} gives the nuance of each label (may be empty). */
    public static BlocCounts of(InterpolatedCount c, Map<String, Candidacy> lists, Bloc bloc, String electionId) {
        double ours = 0;
        double neighbours = 0;
        for (var e : c.listVotes().entrySet()) {
            Candidacy list = lists.getOrDefault(e.getKey(), Candidacy.named(e.getKey()));
            switch (bloc.sideOf(electionId, list)) {
                case OURS -> ours += e.getValue();
                case NEIGHBOUR -> neighbours += e.getValue();
                case OTHER -> { }
            }
        }
        return new BlocCounts(c.registered(), c.voters(), c.expressed(), ours, neighbours);
    }

    /** Abstentions: inscrits − votants (never negative). */
    public double abstainers() {
        return Math.max(0, registered - voters);
    }

    /** Our share of exprimés, NaN without expressed votes. */
    public double share() {
        return expressed > 0 ? ours / expressed : Double.NaN;
    }

    /** Votants / inscrits, NaN without registered voters. */
    public double turnout() {
        return registered > 0 ? voters / registered : Double.NaN;
    }
}
