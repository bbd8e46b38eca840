package fr.terrain.store;

import fr.terrain.election.Election;
import fr.terrain.election.ElectionKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads and writes of the {@code election} table. */
public final class Elections {
    private static final String COLUMNS = "id, contest, kind, territory, round_number, election_date, station_vintage";

    private Elections() {}

    static Optional<Election> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM election WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne();
    }

    static void insert(Handle h, Election e) {
        h.createUpdate("INSERT INTO election (" + COLUMNS + ") VALUES (:id, :contest, :kind, :territory, :round, :date,"
                        + " :vintage)")
                .bind("id", e.id()).bind("contest", e.contest()).bind("kind", e.kind().label())
                .bind("territory", e.territory()).bind("round", e.round()).bind("date", e.date())
                .bind("vintage", e.stationVintage()).execute();
    }

    public static List<Election> list(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM election ORDER BY election_date, id")
                .map((rs, ctx) -> map(rs)).list());
    }

    /** The rounds of a contest ({@code paris-2026} → its t1 and t2), in order. */
    public static List<Election> rounds(Store store, String contest) {
        return store.jdbi().withHandle(h -> rounds(h, contest));
    }

    static List<Election> rounds(Handle h, String contest) {
        return h.createQuery("SELECT " + COLUMNS + " FROM election WHERE contest = :c ORDER BY round_number")
                .bind("c", contest).map((rs, ctx) -> map(rs)).list();
    }

    public static Optional<Election> find(Store store, String id) {
        return store.jdbi().withHandle(h -> find(h, id));
    }

    /** Adds the rounds of an election; fails if one exists with other values. */
    public static void add(Store store, List<Election> rounds) {
        store.jdbi().useTransaction(h -> {
            for (Election e : rounds) {
                Optional<Election> existing = find(h, e.id());
                if (existing.isPresent() && !existing.get().equals(e)) {
                    Election was = existing.get(); // in words, not the record's Election[id=…, stationVintage=null]
                    throw new StoreException("l'élection " + e.id() + " existe déjà avec d'autres valeurs : "
                            + was.kind().label() + ", tour " + was.round() + " le "
                            + fr.terrain.election.Paris.day(was.date())
                            + (was.stationVintage() == null ? "" : ", découpage " + was.stationVintage()));
                }
                if (existing.isEmpty()) {
                    insert(h, e);
                }
            }
        });
    }

    private static ElectionKind kind(String label) {
        return ElectionKind.find(label).orElseThrow(() -> new StoreException("unknown election kind " + label));
    }

    private static Election map(ResultSet rs) throws SQLException {
        return new Election(rs.getString("id"), rs.getString("contest"), kind(rs.getString("kind")),
                rs.getString("territory"), rs.getInt("round_number"), rs.getObject("election_date", java.time.LocalDate.class),
                (Integer) rs.getObject("station_vintage"));
    }
}
