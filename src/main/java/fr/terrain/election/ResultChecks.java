package fr.terrain.election;

import java.util.ArrayList;
import java.util.List;

/** The arithmetic a station count must satisfy; each violation is described in French-law terms. */
public final class ResultChecks {
    private ResultChecks() {}

    public static List<String> violations(StationResult r) {
        List<String> out = new ArrayList<>();
        long sum = 0; // a loop, not a stream: imports check every station of a national file
        for (StationResult.ListVotes v : r.votes()) {
            sum += v.votes();
        }
        if (!r.votes().isEmpty() && sum != r.expressed()) {
            out.add("bureau " + r.station() + " : la somme des voix (" + sum + ") diffère des exprimés ("
                    + r.expressed() + ")");
        }
        r.blankOrInvalid().ifPresent(bn -> {
            if (r.expressed() + bn != r.voters()) {
                out.add("bureau " + r.station() + " : exprimés + blancs + nuls (" + (r.expressed() + bn)
                        + ") diffère des votants (" + r.voters() + ")");
            }
        });
        if (r.voters() > r.registered()) {
            out.add("bureau " + r.station() + " : plus de votants (" + r.voters() + ") que d'inscrits ("
                    + r.registered() + ")");
        }
        return out;
    }
}
