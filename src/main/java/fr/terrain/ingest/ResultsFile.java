package fr.terrain.ingest;

import fr.terrain.election.Candidacy;
import fr.terrain.election.Election;
import fr.terrain.election.StationResult;
import java.util.List;

/** What a results file holds: one or more rounds, each with its lists and station counts. */
public record ResultsFile(String format, List<Round> rounds, List<Problem> warnings, List<String> notes) {

    public record Round(Election election, List<Candidacy> candidacies, List<StationResult> results) {
        public long listRows() {
            return results.stream().mapToLong(r -> r.votes().size()).sum();
        }
    }

    public long listRows() {
        return rounds.stream().mapToLong(Round::listRows).sum();
    }
}
