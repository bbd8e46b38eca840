package fr.terrain.store;

import fr.terrain.election.Candidacy;
import fr.terrain.election.StationCode;
import fr.terrain.election.StationResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the counts of one round back as domain values. */
public final class Results {
    private Results() {}

    /** The lists of a round, by label. */
    public static Map<String, Candidacy> candidacies(Store store, String electionId) {
        Map<String, Candidacy> out = new HashMap<>();
        store.jdbi().useHandle(h -> h.createQuery("SELECT label, nuance, panel FROM candidacy WHERE election_id = :e")
                .bind("e", electionId)
                .map((rs, ctx) -> new Candidacy(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3)))
                .forEach(c -> out.put(c.label(), c)));
        return out;
    }

    /** The rounds that have counts loaded. */
    public static java.util.Set<String> electionsWithResults(Store store) {
        return new java.util.HashSet<>(store.jdbi().withHandle(h -> h.createQuery(
                "SELECT DISTINCT election_id FROM station_result").mapTo(String.class).list()));
    }

    /** Every station count of a round, ordered by station code. */
    public static List<StationResult> load(Store store, String electionId) {
        Map<String, Candidacy> lists = candidacies(store, electionId);
        return store.jdbi().withHandle(h -> h.createQuery("SELECT station_code, registered, voters, blank, invalid,"
                        + " blank_and_invalid, expressed, proxies, list_votes FROM station_result WHERE election_id = :e")
                .bind("e", electionId)
                .map((rs, ctx) -> new StationResult(StationCode.parse(rs.getString(1)), rs.getInt(2), rs.getInt(3),
                        (Integer) rs.getObject(4), (Integer) rs.getObject(5), (Integer) rs.getObject(6), rs.getInt(7),
                        (Integer) rs.getObject(8), ListVotesJson.decode(rs.getString(9), lists)))
                .list()).stream().sorted((a, b) -> a.station().compareTo(b.station())).toList();
    }
}
