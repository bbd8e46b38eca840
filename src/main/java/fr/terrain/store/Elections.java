package fr.terrain.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.terrain.election.Election;
import fr.terrain.election.ElectionKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
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
        add(store, rounds, false, null);
    }

    /**
     * Adds the rounds of an election, or with {@code replace} changes the values of those declared otherwise (a
     * mistyped date, which moves the electoral list's retention: each change is audited, by {@code by}); without it a
     * round declared otherwise is refused and nothing is written.
     *
     * @return the rounds as they were before each change, by id
     */
    public static java.util.Map<String, Election> add(Store store, List<Election> rounds, boolean replace, String by) {
        return store.jdbi().inTransaction(h -> {
            java.util.Map<String, Election> replaced = new java.util.LinkedHashMap<>();
            for (Election e : rounds) {
                Optional<Election> existing = find(h, e.id());
                if (existing.isPresent() && !existing.get().equals(e)) {
                    Election was = existing.get();
                    if (!replace) {
                        throw new StoreException("l'élection " + e.id() + " existe déjà avec d'autres valeurs : " + words(was)
                                + " (--replace pour les remplacer)");
                    }
                    h.createUpdate("UPDATE election SET kind = :kind, territory = :territory, election_date = :date,"
                                    + " station_vintage = :vintage WHERE id = :id")
                            .bind("id", e.id()).bind("kind", e.kind().label()).bind("territory", e.territory())
                            .bind("date", e.date()).bind("vintage", e.stationVintage()).execute();
                    AuditLog.append(h, java.time.Instant.now(), by, "election.change", "election:" + e.id(), 0,
                            words(was) + " → " + words(e));
                    changed(h, "election:" + e.id());
                    replaced.put(e.id(), was);
                }
                if (existing.isEmpty()) {
                    insert(h, e);
                }
            }
            return replaced;
        });
    }

    /** A round in words, not the record's {@code Election[id=…, stationVintage=null]}. */
    public static String words(Election e) {
        return e.kind().label() + ", tour " + e.round() + " le " + fr.terrain.election.Paris.day(e.date())
                + (e.territory().equals(Election.contestOf(e.id()).replaceFirst("-.*", "")) ? "" : ", " + e.territory())
                + (e.stationVintage() == null ? "" : ", découpage " + e.stationVintage());
    }

    /**
     * What {@link #remove} took away: the rounds, their lists and station results, and the blocs that still name one of
     * the rounds (left as they are: a bloc says nothing of an election that is not there).
     */
    public record Removal(List<Election> rounds, long lists, long results, List<String> blocsNamingThem) {}

    /**
     * Removes an election imported or declared by mistake (a results file imported under a mistyped {@code --election}),
     * in one transaction with its audit entry: {@code id} a round ({@code paris-2020-t2}) or a whole election
     * ({@code paris-2026}, every round), with its lists and station results. The contest's electoral list and turf plans
     * need its rounds (their retention counts from the last): removing any round under them is refused, as removing the
     * last one would bring the deletion of the list forward.
     *
     * @return empty when no such round or election exists
     */
    public static Optional<Removal> remove(Store store, String id, String by) {
        return store.jdbi().inTransaction(h -> {
            List<Election> rounds = find(h, id).map(List::of).orElseGet(() -> rounds(h, id));
            if (rounds.isEmpty()) {
                return Optional.empty();
            }
            String contest = rounds.getFirst().contest();
            long voters = count(h, "SELECT COUNT(*) FROM voter WHERE contest = :c", contest);
            long plans = count(h, "SELECT COUNT(*) FROM turf_plan WHERE contest = :c", contest);
            if (voters > 0 || plans > 0) {
                throw new StoreException(contest + " garde " + (voters > 0 ? "sa liste électorale ("
                        + fr.terrain.election.Paris.count(voters) + " électeur(s))" : "") + (voters > 0 && plans > 0 ? " et " : "")
                        + (plans > 0 ? plans + " plan(s) de tournées" : "") + ", dont la conservation se compte depuis son"
                        + " dernier tour : ses tours restent (une date mal tapée se corrige par terrain election add …"
                        + " --replace ; la liste part avec la politique de conservation, terrain retention run ; un plan"
                        + " avec terrain turfs delete)");
            }
            List<String> ids = rounds.stream().map(Election::id).toList();
            long lists = h.createUpdate("DELETE FROM candidacy WHERE election_id IN (<ids>)").bindList("ids", ids).execute();
            long results = h.createUpdate("DELETE FROM station_result WHERE election_id IN (<ids>)").bindList("ids", ids)
                    .execute();
            h.createUpdate("DELETE FROM election WHERE id IN (<ids>)").bindList("ids", ids).execute();
            // the caches derived from the data rebuild (Geography.dataVersion): the count of elections alone could come
            // back to what it was with the next one added; and the file of a round removed imports again (its import's
            // target named here), instead of « déjà importé, rien à faire »
            ids.forEach(round -> changed(h, "results:" + round));
            List<String> blocs = h.createQuery("SELECT name, definition FROM bloc ORDER BY name")
                    .map((rs, ctx) -> java.util.Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                    .filter(b -> namesAny(b.getValue(), ids))
                    .map(java.util.Map.Entry::getKey).toList();
            AuditLog.append(h, java.time.Instant.now(), by, "election.remove", "election:" + id, results,
                    String.join(", ", ids) + " supprimé(s) : " + lists + " liste(s), " + results + " résultat(s) par bureau");
            return Optional.of(new Removal(rounds, lists, results, blocs));
        });
    }

    /** Whether a bloc's definition ranks the lists of one of these rounds (in « ours » or « neighbours »). */
    private static boolean namesAny(String definition, List<String> rounds) {
        JsonNode root;
        try {
            root = BLOC_JSON.readTree(definition);
        } catch (JsonProcessingException e) {
            return rounds.stream().anyMatch(definition::contains); // saved blocs are checked: said rather than missed
        }
        return Stream.of("ours", "neighbours").map(root::path)
                .anyMatch(side -> rounds.stream().anyMatch(side::has));
    }

    private static final ObjectMapper BLOC_JSON = new ObjectMapper();

    /**
     * Recorded for {@link Geography#dataVersion}, which the caches of derived data compare, and for the imports: a file
     * imported before its target ({@code results:paris-2014-t1}) was removed is imported again.
     */
    private static void changed(Handle h, String what) {
        h.createUpdate("INSERT INTO data_change (what, changed_at) VALUES (:w, :at)").bind("w", what)
                .bind("at", Times.bind(java.time.Instant.now())).execute();
    }

    private static long count(Handle h, String sql, String contest) {
        return h.createQuery(sql).bind("c", contest).mapTo(Long.class).one();
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
