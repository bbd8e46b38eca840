package fr.terrain.store;

import fr.terrain.election.SectorNames;
import fr.terrain.election.StationCode;
import fr.terrain.field.Address;
import fr.terrain.field.Door;
import fr.terrain.field.OutcomeReport;
import fr.terrain.field.Start;
import fr.terrain.field.Turf;
import fr.terrain.field.TurfScope;
import fr.terrain.privacy.ConsentChannel;
import fr.terrain.privacy.ConsentEvent;
import fr.terrain.targeting.TopicRules;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Saved turf plans, their assignment, and the outcomes canvassers bring back (V7 tables,
 * docs/field.md). Recording is idempotent on the phone's client id, under concurrency, on H2 and
 * PostgreSQL alike: the unique constraint on {@code door_outcome.client_id} decides, and an insert
 * that loses the race is answered "already" (docs/adr/0007).
 */
public final class FieldStore {
    /** A batch holds at most this many outcomes. */
    public static final int MAX_BATCH = 500;

    /** A saved plan and the ids of its turfs, in turf number order. */
    public record SavedPlan(long id, String name, List<Long> turfIds) {}

    /** A saved turf as organizers and canvassers see it; {@code done} = doors with an outcome. */
    public record SavedTurf(long id, String plan, int number, int arrondissement, List<String> stations, int doorCount,
            int voters, int walkingMetres, double minutes, String topic, String startLabel, double startLon,
            double startLat, Long assigneeId, String assigneeName, String assigneeLogin, int done) {}

    /** One door of a turf, in walking order. */
    public record TurfDoor(int position, String doorId, String label, double lon, double lat, int voters, String station) {}

    /** An outcome already on the server (never the opinion: that is not sent back). */
    public record StoredOutcome(String clientId, String doorId, String outcome, String topic, Instant recordedAt) {}

    public record TurfDetail(SavedTurf turf, List<TurfDoor> doors, List<StoredOutcome> outcomes) {}

    public enum Status { STORED, ALREADY, REJECTED }

    /** What became of one submitted outcome. */
    public record Result(String clientId, Status status, String error, boolean duplicateDoor) {
        static Result rejected(String clientId, String error) {
            return new Result(clientId, Status.REJECTED, error, false);
        }
    }

    private FieldStore() {}

    // ---- plans and turfs -------------------------------------------------------------------

    /**
     * Saves a cut as a plan: one turf row per turf (its arrondissement is its first station's),
     * its doors in walking order. A plan name is used once.
     *
     * @param topics talking point by turf number, with the figures behind it (may be empty)
     */
    public static SavedPlan savePlan(Store store, String name, String contest, String parameters, String by,
            List<Turf> turfs, Map<Integer, TopicRules.TopicMatch> topics) {
        return savePlan(store, name, contest, parameters, by, turfs, topics, new TurfScope.All());
    }

    /**
     * Saves a plan for someone who sees the plans of {@code seen}: its name must be unused among those plans only. A
     * plan of another sector may bear the same name (V23), so that an organizer never learns another sector's plan
     * names from a refusal; the command line, which sees every plan, keeps names unique.
     */
    public static SavedPlan savePlan(Store store, String name, String contest, String parameters, String by,
            List<Turf> turfs, Map<Integer, TopicRules.TopicMatch> topics, TurfScope seen) {
        if (name == null || !name.matches("[\\p{L}\\p{N} ._'-]{1,100}")) {
            throw new StoreException("nom de plan invalide (1 à 100 lettres, chiffres, espaces, . _ ' -) : " + name);
        }
        if (turfs.isEmpty()) {
            throw new StoreException("aucune tournée à enregistrer");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return store.jdbi().inTransaction(h -> {
            // first, so that a save of the same name under way ends before the check below (V24)
            h.createUpdate("INSERT INTO turf_plan_name_claim (name) VALUES (:n)").bind("n", name).execute();
            h.createUpdate("DELETE FROM turf_plan_name_claim WHERE name = :n").bind("n", name).execute();
            if (planSummaries(h, seen).stream().anyMatch(p -> p.name().equals(name))) {
                throw new StoreException("le plan « " + name + " » existe déjà : un plan enregistré ne change pas,"
                        + " choisissez un autre nom");
            }
            long planId = RandomIds.next(h, RandomIds.Table.TURF_PLAN);
            h.createUpdate("INSERT INTO turf_plan (id, name, contest, parameters, created_by, created_at)"
                            + " VALUES (:id, :n, :c, :p, :b, :t)").bind("id", planId).bind("n", name).bind("c", contest)
                    .bind("p", parameters.length() > 2000 ? parameters.substring(0, 2000) : parameters).bind("b", by)
                    .bind("t", Times.bind(now)).execute();
            List<Long> ids = RandomIds.next(h, RandomIds.Table.TURF, turfs.size());
            for (int i = 0; i < turfs.size(); i++) {
                Turf t = turfs.get(i);
                long id = ids.get(i);
                TopicRules.TopicMatch topic = topics.get(t.number());
                h.createUpdate("INSERT INTO turf (id, plan_id, number, arrondissement, stations, door_count, voters,"
                                + " walking_metres, minutes, start_label, start_lon, start_lat, topic, topic_evidence) VALUES"
                                + " (:id, :p, :n, :a, :s, :d, :v, :w, :m, :sl, :sx, :sy, :topic, :evidence)")
                        .bind("id", id).bind("p", planId).bind("n", t.number()).bind("a", t.stations().get(0).arrondissement())
                        .bind("s", String.join(",", t.stations().stream().map(StationCode::toString).toList()))
                        .bind("d", t.doors()).bind("v", t.voters()).bind("w", (int) Math.round(t.walkingMetres()))
                        .bind("m", Math.round(t.minutes() * 10) / 10.0).bind("sl", cut(t.start().label(), 200))
                        .bind("sx", t.start().lon()).bind("sy", t.start().lat())
                        .bind("topic", topic == null ? null : cut(topic.label(), 100))
                        .bind("evidence", topic == null ? null : cut(topic.evidence(), 500)).execute();
                var batch = h.prepareBatch("INSERT INTO turf_door (turf_id, position, door_id, station_code, label, lon, lat,"
                        + " voters) VALUES (:t, :p, :d, :s, :l, :x, :y, :v)");
                int position = 1;
                for (Door d : t.walk()) {
                    batch.bind("t", id).bind("p", position++).bind("d", d.id())
                            .bind("s", d.station() == null ? null : d.station().toString()).bind("l", cut(d.label(), 300))
                            .bind("x", d.address().lon()).bind("y", d.address().lat()).bind("v", d.voters()).add();
                }
                batch.execute();
            }
            int doors = turfs.stream().mapToInt(Turf::doors).sum();
            AuditLog.append(h, now, by, "field.plan.save", "plan:" + planId, doors, "plan « " + name + " » enregistré : "
                    + turfs.size() + " tournée(s), " + doors + " portes (adresses et nombre d'électeurs, sans nom) ; "
                    + cut(parameters, 300));
            return new SavedPlan(planId, name, ids);
        });
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** Whether the account of that name holds at least one turf (assigned to them, finished or not). */
    public static boolean holdsTurf(Store store, String name) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM turf t JOIN app_user u ON u.id = t.assigned_to"
                + " WHERE u.name = :n").bind("n", name).mapTo(Long.class).one() > 0);
    }

    /** The account id of a user name, if the account exists and is enabled. */
    public static Optional<Long> userId(Store store, String name) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT id FROM app_user WHERE name = :n AND disabled = FALSE")
                .bind("n", name).mapTo(Long.class).findOne());
    }

    private static final String TURF_COLUMNS = "t.id, p.name AS plan, t.number, t.arrondissement, t.stations, t.door_count,"
            + " t.voters, t.walking_metres, t.minutes, t.topic, t.start_label, t.start_lon, t.start_lat, t.assigned_to,"
            + " COALESCE(v.display_name, u.name) AS assignee_name, u.name AS assignee_login,"
            + " (SELECT COUNT(DISTINCT o.door_id) FROM door_outcome o WHERE o.turf_id = t.id AND o.superseded_at IS NULL) AS done"
            + " FROM turf t JOIN turf_plan p ON p.id = t.plan_id LEFT JOIN app_user u ON u.id = t.assigned_to"
            + " LEFT JOIN volunteer v ON v.user_id = t.assigned_to";

    /** The turfs in scope, by plan then number. */
    public static List<SavedTurf> turfs(Store store, TurfScope scope) {
        return store.jdbi().withHandle(h -> turfs(h, scope, null));
    }

    private static List<SavedTurf> turfs(Handle h, TurfScope scope, Long only) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        switch (scope) {
            case TurfScope.None n -> {
                return List.of();
            }
            case TurfScope.All a -> { }
            case TurfScope.Sectors s -> {
                if (s.arrondissements().isEmpty()) {
                    return List.of();
                }
                where.append(" AND t.arrondissement IN (<sectors>)");
            }
            case TurfScope.AssignedTo a -> where.append(" AND t.assigned_to = :me");
        }
        if (only != null) {
            where.append(" AND t.id = :only");
        }
        var q = h.createQuery("SELECT " + TURF_COLUMNS + where + " ORDER BY p.name, t.number");
        if (scope instanceof TurfScope.Sectors s) {
            q.bindList("sectors", List.copyOf(s.arrondissements()));
        }
        if (scope instanceof TurfScope.AssignedTo a) {
            q.bind("me", a.userId());
        }
        if (only != null) {
            q.bind("only", only);
        }
        return q.map((rs, ctx) -> new SavedTurf(rs.getLong("id"), rs.getString("plan"), rs.getInt("number"),
                rs.getInt("arrondissement"), List.of(rs.getString("stations").split(",")), rs.getInt("door_count"),
                rs.getInt("voters"), rs.getInt("walking_metres"), rs.getDouble("minutes"), rs.getString("topic"),
                rs.getString("start_label"), rs.getDouble("start_lon"), rs.getDouble("start_lat"),
                rs.getObject("assigned_to", Long.class), rs.getString("assignee_name"), rs.getString("assignee_login"),
                rs.getInt("done"))).list();
    }

    /** A turf in scope with its doors in walking order and the outcomes already recorded; empty when out of scope. */
    public static Optional<TurfDetail> turf(Store store, TurfScope scope, long id) {
        return store.jdbi().withHandle(h -> {
            List<SavedTurf> found = turfs(h, scope, id);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            List<TurfDoor> doors = h.createQuery("SELECT position, door_id, label, lon, lat, voters, station_code FROM turf_door"
                            + " WHERE turf_id = :t ORDER BY position").bind("t", id)
                    .map((rs, ctx) -> new TurfDoor(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                            rs.getDouble(5), rs.getInt(6), rs.getString(7))).list();
            List<StoredOutcome> outcomes = h.createQuery("SELECT client_id, door_id, outcome, topic, recorded_at FROM door_outcome"
                            + " WHERE turf_id = :t AND superseded_at IS NULL ORDER BY recorded_at, id").bind("t", id)
                    .map((rs, ctx) -> new StoredOutcome(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Times.read(rs, "recorded_at"))).list();
            return Optional.of(new TurfDetail(found.get(0), doors, outcomes));
        });
    }

    /**
     * A saved turf as its walk list prints it.
     *
     * @param topic its talking point and the figures behind it, or null
     */
    public record Printable(String plan, String contest, Turf turf, TopicRules.TopicMatch topic) {}

    /**
     * The saved turf rebuilt as the cut made it: each door at its saved position with its BAN address as imported
     * now (street and number, for the map's street names and the door list), the complement taken from the saved
     * label; a door whose address is no longer imported keeps its saved label as its street.
     */
    public static Printable printable(Store store, TurfDetail d) {
        Map<String, Address> addresses = new HashMap<>();
        Geography.addresses(store, d.doors().stream().map(x -> banId(x.doorId())).distinct().toList())
                .forEach(a -> addresses.put(a.banId(), a));
        List<Door> walk = new ArrayList<>();
        for (TurfDoor x : d.doors()) {
            String ban = banId(x.doorId());
            Address a = addresses.get(ban);
            // a BAN id begins with its commune's INSEE code (75112_…); an address no longer imported keeps its label
            Address at = a == null
                    ? new Address(ban, null, 0, null, x.label(), null, ban.matches("\\d[\\dAB]\\d{3}_.*")
                            ? ban.substring(0, 5) : "00000", null, x.lon(), x.lat())
                    : new Address(ban, a.fantoirId(), a.number(), a.suffix(), a.street(), a.postcode(), a.inseeCode(),
                            a.commune(), x.lon(), x.lat());
            // the complement as the label saved it (« 12 Rue X, APT 4 »), even if the BAN spells the street otherwise now
            int comma = x.label().indexOf(", ");
            String complement = a != null && x.doorId().contains("/") && comma >= 0 ? x.label().substring(comma + 2) : null;
            walk.add(new Door(x.doorId(), at, complement, x.station() == null ? null : StationCode.parse(x.station()),
                    x.voters()));
        }
        SavedTurf t = d.turf();
        Map<String, Object> saved = store.jdbi().withHandle(h -> h.createQuery("SELECT p.contest, t.topic_evidence FROM turf t"
                + " JOIN turf_plan p ON p.id = t.plan_id WHERE t.id = :t").bind("t", t.id()).mapToMap().one());
        String evidence = (String) saved.get("topic_evidence");
        return new Printable(t.plan(), (String) saved.get("contest"), new Turf(t.number(),
                t.stations().stream().map(StationCode::parse).toList(), walk, t.voters(), t.walkingMetres(), t.minutes(),
                new Start(t.startLabel(), t.startLon(), t.startLat())),
                t.topic() == null ? null : new TopicRules.TopicMatch(null, t.topic(), 0, evidence == null ? "" : evidence));
    }

    /** The BAN id a door id begins with (the complement follows a {@code /}). */
    private static String banId(String doorId) {
        int slash = doorId.indexOf('/');
        return slash < 0 ? doorId : doorId.substring(0, slash);
    }

    /** The ids of a plan's turfs, by number. */
    public static List<Long> turfIdsOfPlan(Store store, long planId) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT id FROM turf WHERE plan_id = :p ORDER BY number")
                .bind("p", planId).mapTo(Long.class).list());
    }

    /** The id of turf {@code number} of plan {@code planId}. */
    public static Optional<Long> turfId(Store store, long planId, int number) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT t.id FROM turf t WHERE t.plan_id = :p AND t.number = :n")
                .bind("p", planId).bind("n", number).mapTo(Long.class).findOne());
    }

    /**
     * The plan a command names: by its name, or {@code #ID} (a name holds no {@code #}). Plans of different sectors may
     * share a name (V23): a name borne by several is refused with their ids and arrondissements, to choose from.
     */
    public static Optional<PlanSummary> planNamed(Store store, String nameOrId) {
        return store.jdbi().withHandle(h -> {
            List<PlanSummary> all = planSummaries(h, new TurfScope.All());
            if (nameOrId.matches("#\\d{1,18}")) {
                long id = Long.parseLong(nameOrId.substring(1));
                return all.stream().filter(p -> p.id() == id).findFirst();
            }
            List<PlanSummary> named = all.stream().filter(p -> p.name().equals(nameOrId)).toList();
            if (named.size() > 1) {
                Map<Long, java.util.SortedSet<Integer>> sectors = new HashMap<>();
                h.createQuery("SELECT plan_id, arrondissement FROM turf").map((rs, ctx) -> sectors
                        .computeIfAbsent(rs.getLong(1), k -> new java.util.TreeSet<>()).add(rs.getInt(2))).list();
                SectorNames names = Geography.sectorNames(h, sectors.values().stream().flatMap(Set::stream).toList());
                throw new StoreException("plusieurs plans s'appellent « " + nameOrId + " » : " + named.stream()
                        .map(p -> "#" + p.id() + " (" + names.list(sectors.getOrDefault(p.id(), new java.util.TreeSet<>()))
                                + ")")
                        .collect(java.util.stream.Collectors.joining(", ")) + " ; désignez-le par son numéro, --plan #N");
            }
            return named.stream().findFirst();
        });
    }

    /**
     * A saved plan as the cutting page lists it.
     *
     * <p>Counts are of the turfs in the reader's scope; a plan cut across sectors shows an organizer its turfs in
     * their sectors, and how many lie elsewhere (which they may neither see nor delete).
     *
     * @param assigned its turfs given to a canvasser
     * @param outcomes door outcomes recorded on its turfs (a plan with some is not deleted)
     * @param turfsElsewhere its turfs out of the reader's scope: 0 for a plan they may delete
     */
    public record PlanSummary(long id, String name, String contest, String createdBy, Instant createdAt, int turfs,
            int doors, int assigned, long outcomes, int turfsElsewhere) {}

    /**
     * The plans with a turf in scope (an organizer's: cut in their sectors), newest first, counted over those turfs: a
     * plan cut across two sectors was left out of each organizer's list while its turfs were on their other pages.
     */
    public static List<PlanSummary> planSummaries(Store store, TurfScope scope) {
        return store.jdbi().withHandle(h -> planSummaries(h, scope));
    }

    private static List<PlanSummary> planSummaries(Handle h, TurfScope scope) {
        final class PlanCounts {
            int turfs;
            int doors;
            int assigned;
            long outcomes;
            int elsewhere;
        }
        record Row(long plan, int sector, Long assignee, int doors, long outcomes) {}
        Map<Long, PlanCounts> counts = new HashMap<>();
        h.createQuery("SELECT t.plan_id, t.arrondissement, t.assigned_to, t.door_count,"
                        + " (SELECT COUNT(*) FROM door_outcome o WHERE o.turf_id = t.id) FROM turf t")
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getInt(2), (Long) rs.getObject(3), rs.getInt(4), rs.getLong(5)))
                .forEach(r -> {
                    PlanCounts c = counts.computeIfAbsent(r.plan(), k -> new PlanCounts());
                    if (!scope.covers(r.sector(), r.assignee())) {
                        c.elsewhere++;
                        return;
                    }
                    c.turfs++;
                    c.doors += r.doors();
                    c.assigned += r.assignee() == null ? 0 : 1;
                    c.outcomes += r.outcomes();
                });
        return h.createQuery("SELECT p.id, p.name, p.contest, p.created_by, p.created_at FROM turf_plan p"
                        + " ORDER BY p.created_at DESC, p.id DESC")
                .map((rs, ctx) -> {
                    PlanCounts c = counts.getOrDefault(rs.getLong("id"), new PlanCounts());
                    return new PlanSummary(rs.getLong("id"), rs.getString("name"), rs.getString("contest"),
                            rs.getString("created_by"), Times.read(rs, "created_at"), c.turfs, c.doors, c.assigned,
                            c.outcomes, c.elsewhere);
                })
                .filter(p -> p.turfs() > 0).list();
    }

    /**
     * Deletes a plan all of whose turfs are in scope, with its turfs and their doors, and writes it to the audit log;
     * false when there is no such plan in scope. Refused when door outcomes are recorded on it (the campaign's record,
     * exported with terrain turfs outcomes, which goes with the list by the retention policy), while a turf of it is
     * assigned (the canvasser's phone may hold outcomes it has not sent yet), and for {@link #LATE_SYNC} after a turf
     * of it was taken from someone (their phone may still send its doors).
     */
    public static boolean deletePlan(Store store, TurfScope scope, long planId, String by) {
        return store.jdbi().inTransaction(h -> {
            // its turfs locked first, as recording an outcome locks them: a batch under way is counted below, a later
            // one finds no turf; an outcome is never deleted unseen
            h.createQuery("SELECT id FROM turf WHERE plan_id = :p ORDER BY id FOR UPDATE").bind("p", planId)
                    .mapTo(Long.class).list();
            Optional<PlanSummary> plan = planSummaries(h, scope).stream().filter(p -> p.id() == planId).findFirst();
            if (plan.isEmpty()) {
                return false;
            }
            PlanSummary p = plan.get();
            if (p.turfsElsewhere() > 0) { // deleting it would take other sectors' turfs with it
                throw new StoreException("le plan « " + p.name() + " » a aussi " + p.turfsElsewhere() + " tournée(s) hors"
                        + " de vos secteurs : seule la direction peut le supprimer");
            }
            if (p.outcomes() > 0) {
                throw new StoreException("le plan « " + p.name() + " » a " + p.outcomes() + " résultat(s) de porte-à-porte :"
                        + " il est conservé (ses résultats partent avec la liste, selon la politique de conservation)");
            }
            if (p.assigned() > 0) { // a phone may hold outcomes not yet sent for them
                throw new StoreException("le plan « " + p.name() + " » a " + p.assigned() + " tournée(s) attribuée(s) :"
                        + " retirez d'abord les attributions (page Affectation), un téléphone peut garder des résultats"
                        + " pas encore envoyés");
            }
            lateSenders(h, planId, Instant.now()).ifPresent(until -> {
                throw new StoreException("le plan « " + p.name() + " » a des tournées retirées depuis moins de "
                        + LATE_SYNC.toDays() + " jours (" + until.holders() + ") : le téléphone d'un militant peut encore"
                        + " envoyer des portes, qui seraient perdues ; suppression possible à partir du "
                        + PARIS_TIME.format(until.after()));
            });
            h.createUpdate("DELETE FROM turf_plan WHERE id = :p").bind("p", planId).execute();
            AuditLog.append(h, Instant.now(), by, "field.plan.delete", "plan:" + planId, p.doors(),
                    "plan « " + p.name() + " » supprimé : " + p.turfs() + " tournée(s), " + p.doors() + " portes");
            return true;
        });
    }

    private static final java.time.format.DateTimeFormatter PARIS_TIME = java.time.format.DateTimeFormatter
            .ofPattern("dd/MM/yyyy 'à' HH:mm").withZone(java.time.ZoneId.of("Europe/Paris"));

    /** Who may still send doors for a plan's turfs taken from them, and from when none may. */
    private record LateSenders(String holders, Instant after) {}

    /**
     * The past holders of the plan's turfs taken from them less than {@link #LATE_SYNC} ago, whose phones may still
     * send their doors ({@link TurfAccess#admits}); empty when there are none.
     */
    private static Optional<LateSenders> lateSenders(Handle h, long planId, Instant now) {
        record Late(String name, Instant until) {}
        List<Late> late = h.createQuery("SELECT u.name, x.held_until FROM turf_past_holder x JOIN turf t ON t.id ="
                        + " x.turf_id JOIN app_user u ON u.id = x.user_id WHERE t.plan_id = :p AND x.held_until > :since"
                        + " ORDER BY u.name")
                .bind("p", planId).bind("since", Times.bind(now.minus(LATE_SYNC)))
                .map((rs, ctx) -> new Late(rs.getString(1), Times.read(rs, "held_until"))).list();
        if (late.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LateSenders(String.join(", ", late.stream().map(Late::name).distinct().toList()),
                late.stream().map(Late::until).max(Instant::compareTo).orElseThrow().plus(LATE_SYNC)));
    }

    /** Plan names, newest first. */
    public static List<String> plans(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT name FROM turf_plan ORDER BY created_at DESC, id DESC")
                .mapTo(String.class).list());
    }

    /**
     * Assigns a turf in scope to a user (or nobody, {@code userId} null). Returns false when the turf
     * is not in scope; refuses a user who is unknown, disabled, or whose role does not canvass.
     */
    public static boolean assign(Store store, TurfScope scope, long turfId, Long userId, String by) {
        return assign(store, scope, turfId, userId, Optional.empty(), by);
    }

    /** Who a page saw holding a turf ({@code userId} null: nobody) when it asked to give it to someone else. */
    public record Holder(Long userId) {}

    /** The turf changed hands since the page that asks was loaded: nothing is changed, the page is told who holds it. */
    public static final class HolderChanged extends RuntimeException {
        public HolderChanged(String message) {
            super(message);
        }
    }

    /**
     * The same, refused ({@link HolderChanged}) when the turf is no longer held by {@code expected}: of two organizers
     * giving one turf at once, or one working from a page loaded earlier, the second is told instead of silently
     * replacing the first's choice (both were told « confiée », found by a crawl).
     */
    public static boolean assign(Store store, TurfScope scope, long turfId, Long userId, Optional<Holder> expected,
            String by) {
        return store.jdbi().inTransaction(h -> {
            // the turf locked first, as deleting its plan locks it: a deletion under way finds it assigned and keeps
            // the plan, or is done and the turf is not found here (it was « assigned », and audited, once deleted)
            if (h.createQuery("SELECT id FROM turf WHERE id = :t FOR UPDATE").bind("t", turfId).mapTo(Long.class)
                    .findOne().isEmpty()) {
                return false;
            }
            List<SavedTurf> t = turfs(h, scope, turfId);
            if (t.isEmpty()) {
                return false;
            }
            if (userId != null) {
                AccountRecord user = h.createQuery("SELECT " + Accounts.COLUMNS + " FROM app_user u WHERE u.id = :u")
                        .bind("u", userId).map((rs, ctx) -> Accounts.map(rs)).findOne()
                        .orElseThrow(() -> new StoreException("utilisateur inconnu : n° " + userId));
                if (user.disabled()) {
                    throw new StoreException("le compte n° " + userId + " est désactivé");
                }
                int sector = t.get(0).arrondissement();
                if (user.account().role() == fr.terrain.account.Role.ORGANIZER && !user.account().seesSector(sector)) {
                    // an organizer sees the turfs of their sectors, not those given to them: they could not open it
                    throw new StoreException(user.name() + " organise d'autres secteurs (" + user.account().sectors()
                            + ") : une tournée du secteur " + sector + " lui resterait invisible");
                }
                if (!user.account().has(fr.terrain.account.Permission.CANVASS_OWN_TURFS)) {
                    throw new StoreException("le rôle « " + user.account().role().frenchName()
                            + " » ne fait pas de porte-à-porte");
                }
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Long holder = t.get(0).assigneeId();
            if (expected.isPresent() && !java.util.Objects.equals(expected.get().userId(), holder)) {
                throw new HolderChanged("la tournée " + t.get(0).number() + " du plan « " + t.get(0).plan() + " » a changé"
                        + " de mains entre-temps : " + (holder == null ? "elle n'est plus attribuée"
                        : "elle est confiée à " + t.get(0).assigneeName()) + " ; la page est à jour, choisissez à nouveau");
            }
            if (holder != null && !holder.equals(userId)) {
                // the holder may still be offline with doors to send: they stay theirs to send for a while
                // every holder of the week, not the last one only: a turf that changed hands twice refused the first
                // holder's offline doors (found by a crawl)
                h.createUpdate("DELETE FROM turf_past_holder WHERE turf_id = :t AND user_id = :u").bind("t", turfId)
                        .bind("u", holder).execute();
                h.createUpdate("INSERT INTO turf_past_holder (turf_id, user_id, held_until) VALUES (:t, :u, :until)")
                        .bind("t", turfId).bind("u", holder).bind("until", Times.bind(now)).execute();
            }
            h.createUpdate("UPDATE turf SET assigned_to = :u, assigned_at = :at WHERE id = :t").bind("u", userId)
                    .bind("at", userId == null ? null : Times.bind(now)).bind("t", turfId).execute();
            AuditLog.append(h, Instant.now(), by, "field.assign", "turf:" + turfId, 0,
                    userId == null ? "tournée sans attribution" : "tournée attribuée au compte n° " + userId);
            return true;
        });
    }

    // ---- outcomes ------------------------------------------------------------------------------

    /**
     * Records a batch of outcomes for a canvasser, each once: an outcome whose client id is already
     * stored (a retry, a duplicated batch, a concurrent copy) is {@link Status#ALREADY} and changes
     * nothing. One transaction per batch; when a concurrent transaction wins the race on a client id
     * the batch is run again and that item comes out "already".
     */
    public static List<Result> record(Store store, TurfScope scope, long canvasserId, String canvasserName,
            List<OutcomeReport> batch, Instant now) {
        if (batch.size() > MAX_BATCH) {
            throw new StoreException("au plus " + MAX_BATCH + " résultats par envoi, reçu " + batch.size());
        }
        Instant received = now.truncatedTo(ChronoUnit.MICROS);
        // PostgreSQL waits for a concurrent insert of the same client id, then skips it; H2 (no ON
        // CONFLICT) fails on the unique key and the batch runs again, finding the row committed
        String onConflict = store.dialect() == Store.Dialect.POSTGRESQL ? " ON CONFLICT (client_id) DO NOTHING" : "";
        return Races.retrying(store, "enregistrement", h -> recordIn(h, onConflict, scope, canvasserId, canvasserName,
                batch, received));
    }

    private record Existing(long turfId, String doorId, long canvasserId, boolean duplicateDoor) {}

    /** A turf's arrondissement and talking point (null when it has none). */
    public record TurfFacts(int arrondissement, String topic) {}

    /** The arrondissement and talking point of each of these turfs that exists. */
    public static Map<Long, TurfFacts> facts(Store store, java.util.Collection<Long> turfIds) {
        Map<Long, TurfFacts> out = new HashMap<>();
        if (turfIds.isEmpty()) {
            return out;
        }
        store.jdbi().useHandle(h -> h.createQuery("SELECT id, arrondissement, topic FROM turf WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(new java.util.TreeSet<>(turfIds)))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), new TurfFacts(rs.getInt(2), rs.getString(3))))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /**
     * How long after a turf was taken from them its last holder's phone may still send its doors: a phone offline for
     * days, not for ever.
     */
    public static final Duration LATE_SYNC = Duration.ofDays(7);

    /**
     * Who may record on a turf: its sector and holder, and each of its past holders for a while after it was taken
     * from them ({@code pastHolders}: account → when).
     */
    private record TurfAccess(int arrondissement, Long assignee, Map<Long, Instant> pastHolders) {
        /**
         * Whether an outcome received at {@code received} is in scope: as the turf is now, or by a past holder within
         * {@link #LATE_SYNC} of it being taken from them — whenever the phone says it was recorded. A canvasser in a
         * basement learns it only when her phone reads her turfs again (the page then stops her); the doors she
         * knocked meanwhile are real, on addresses she was given, and refusing them lost them (a phone's clock proves
         * nothing either way).
         */
        boolean admits(TurfScope scope, Instant received) {
            return scope.covers(arrondissement, assignee) || (scope instanceof TurfScope.AssignedTo a
                    && pastHolders.containsKey(a.userId())
                    && !received.isAfter(pastHolders.get(a.userId()).plus(LATE_SYNC)));
        }
    }

    private static List<Result> recordIn(Handle h, String onConflict, TurfScope scope, long canvasserId, String canvasserName,
            List<OutcomeReport> batch, Instant received) {
        Set<Long> turfIds = new HashSet<>();
        Set<String> clientIds = new HashSet<>();
        Set<String> notices = new HashSet<>();
        for (OutcomeReport r : batch) {
            turfIds.add(r.turfId());
            clientIds.add(r.clientId());
            if (r.noticeVersion() != null) {
                notices.add(r.noticeVersion());
            }
        }
        if (batch.isEmpty()) {
            return List.of();
        }
        Map<Long, TurfAccess> turfs = new HashMap<>();
        // the batch's turfs locked (in id order, as deletePlan locks a plan's): a plan deleted meanwhile waits for
        // this batch's outcomes and then keeps its plan, or goes first and this batch finds no turf
        record Locked(long id, int arrondissement, Long assignee) {}
        List<Locked> locked = h.createQuery("SELECT id, arrondissement, assigned_to FROM turf WHERE id IN (<ids>)"
                        + " ORDER BY id FOR UPDATE").bindList("ids", List.copyOf(turfIds))
                .map((rs, ctx) -> new Locked(rs.getLong(1), rs.getInt(2), rs.getObject(3, Long.class))).list();
        Map<Long, Map<Long, Instant>> past = new HashMap<>(); // read once the turfs are locked, as assign writes them
        h.createQuery("SELECT turf_id, user_id, held_until FROM turf_past_holder WHERE turf_id IN (<ids>)")
                .bindList("ids", List.copyOf(turfIds))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), Map.entry(rs.getLong(2), Times.read(rs, "held_until"))))
                .forEach(e -> past.computeIfAbsent(e.getKey(), k -> new HashMap<>()).put(e.getValue().getKey(),
                        e.getValue().getValue()));
        for (Locked t : locked) {
            turfs.put(t.id(), new TurfAccess(t.arrondissement(), t.assignee(), past.getOrDefault(t.id(), Map.of())));
        }
        Set<String> doors = new HashSet<>();
        h.createQuery("SELECT turf_id, door_id FROM turf_door WHERE turf_id IN (<ids>)").bindList("ids", List.copyOf(turfIds))
                .map((rs, ctx) -> rs.getLong(1) + "\n" + rs.getString(2)).forEach(doors::add);
        Map<String, Existing> existing = existing(h, clientIds);
        Set<String> canvassNotices = new HashSet<>();
        if (!notices.isEmpty()) {
            h.createQuery("SELECT version FROM consent_notice WHERE channel = :c AND version IN (<v>)")
                    .bind("c", ConsentChannel.CANVASS_OPINION.id()).bindList("v", List.copyOf(notices))
                    .mapTo(String.class).forEach(canvassNotices::add);
        }
        Result[] results = new Result[batch.size()];
        Map<String, Boolean> inThisBatch = new HashMap<>();
        // rows are claimed in client id order, so that concurrent copies of a batch wait on each other
        // instead of deadlocking
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> batch.get(a).clientId().compareTo(batch.get(b).clientId()) != 0
                ? batch.get(a).clientId().compareTo(batch.get(b).clientId()) : Integer.compare(a, b));
        for (int i : order) {
            OutcomeReport r = batch.get(i);
            if (inThisBatch.containsKey(r.clientId())) {
                results[i] = new Result(r.clientId(), Status.ALREADY, null, inThisBatch.get(r.clientId()));
                continue;
            }
            Existing e = existing.get(r.clientId());
            if (e != null) {
                results[i] = same(e, r, canvasserId);
                continue;
            }
            TurfAccess t = turfs.get(r.turfId());
            if (t == null || !t.admits(scope, received)) {
                results[i] = Result.rejected(r.clientId(), "tournée n° " + r.turfId() + " inconnue ou qui ne vous est pas"
                        + " attribuée");
                continue;
            }
            if (!doors.contains(r.turfId() + "\n" + r.doorId())) {
                results[i] = Result.rejected(r.clientId(), "la porte « " + r.doorId() + " » n'est pas dans la tournée n° "
                        + r.turfId());
                continue;
            }
            if (r.hasOpinion() && !canvassNotices.contains(r.noticeVersion())) {
                results[i] = Result.rejected(r.clientId(), "consent.notice_version : « " + r.noticeVersion() + " » n'est pas"
                        + " une mention du canal canvass-opinion (GET /api/field/notice)");
                continue;
            }
            boolean duplicateDoor = h.createQuery("SELECT COUNT(*) FROM door_outcome WHERE door_id = :d AND superseded_at IS NULL AND"
                            + " (canvasser_id IS NULL OR canvasser_id <> :me)").bind("d", r.doorId()).bind("me", canvasserId)
                    .mapTo(Long.class).one() > 0;
            int inserted = h.createUpdate("INSERT INTO door_outcome (client_id, turf_id, door_id, canvasser_id, outcome, topic,"
                            + " recorded_at, received_at, duplicate_door) VALUES (:c, :t, :d, :u, :o, :topic, :rec, :rcv, :dup)"
                            + onConflict)
                    .bind("c", r.clientId()).bind("t", r.turfId()).bind("d", r.doorId()).bind("u", canvasserId)
                    .bind("o", r.outcome().id()).bind("topic", r.topic()).bind("rec", Times.bind(r.recordedAt()))
                    .bind("rcv", Times.bind(received)).bind("dup", duplicateDoor).execute();
            if (inserted == 0) { // a concurrent request stored it between our read and our insert
                Existing now = existing(h, Set.of(r.clientId())).get(r.clientId());
                results[i] = now == null ? Result.rejected(r.clientId(), "conflit, renvoyez") : same(now, r, canvasserId);
                continue;
            }
            if (r.hasOpinion()) {
                recordOpinion(h, r, canvasserName, received);
            }
            inThisBatch.put(r.clientId(), duplicateDoor);
            results[i] = new Result(r.clientId(), Status.STORED, null, duplicateDoor);
        }
        return List.of(results);
    }

    private static Result same(Existing e, OutcomeReport r, long canvasserId) {
        if (e.turfId() != r.turfId() || !e.doorId().equals(r.doorId()) || e.canvasserId() != canvasserId) {
            return Result.rejected(r.clientId(), "client_id déjà utilisé pour un autre résultat : générez-en un nouveau");
        }
        return new Result(r.clientId(), Status.ALREADY, null, e.duplicateDoor());
    }

    private static Map<String, Existing> existing(Handle h, Set<String> clientIds) {
        Map<String, Existing> out = new HashMap<>();
        h.createQuery("SELECT client_id, turf_id, door_id, canvasser_id, duplicate_door FROM door_outcome"
                        + " WHERE client_id IN (<ids>)").bindList("ids", List.copyOf(clientIds))
                .map((rs, ctx) -> Map.entry(rs.getString(1), new Existing(rs.getLong(2), rs.getString(3),
                        rs.getObject(4) == null ? -1 : rs.getLong(4), rs.getBoolean(5))))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * The person who opened the door and consented is a person row without identity (no name,
     * no birth date: the canvasser never asks), whose consent is appended to the ledger with the
     * notice read; the outcome then carries the opinion and names that consent.
     */
    private static void recordOpinion(Handle h, OutcomeReport r, String canvasserName, Instant received) {
        long person = RandomIds.next(h, RandomIds.Table.PERSON);
        h.createUpdate("INSERT INTO person (id, birth_name, first_names, birth_date, created_at)"
                        + " VALUES (:id, NULL, NULL, NULL, :t)").bind("id", person)
                .bind("t", LocalDateTime.ofInstant(received, ZoneOffset.UTC)).execute();
        // a phone whose clock runs ahead cannot date a consent after the server received it
        Instant givenAt = r.consentGivenAt().isAfter(received) ? received : r.consentGivenAt();
        ConsentEvent given = ConsentLedger.append(h, person, new ConsentEvent(0, ConsentChannel.CANVASS_OPINION,
                ConsentEvent.Kind.GIVEN, givenAt, "canvass", r.noticeVersion(), null,
                "door_outcome " + r.clientId(), canvasserName, received));
        h.createUpdate("UPDATE door_outcome SET support_level = :s, consent_event_id = :e, notice_version = :n"
                        + " WHERE client_id = :c").bind("s", r.supportLevel()).bind("e", given.id())
                .bind("n", r.noticeVersion()).bind("c", r.clientId()).execute();
    }

    // ---- corrections (« Corriger la dernière porte », docs/adr/0020) ------------------------------

    /**
     * How long after recording a door its canvasser may still correct it: the correction's time (on the phone, moved by
     * its clock's lag as outcomes are) at most this long after the outcome's. The page offers « Corriger » for 10
     * minutes; the server allows 5 more for a tap made at the last second and a slow network.
     */
    public static final Duration CORRECTION_WINDOW = Duration.ofMinutes(15);

    /**
     * A correction made in time offline still reaches the server late; but not later than this after the outcome was
     * received: the phone's clock proves nothing, and a door's figures should not change days after.
     */
    public static final Duration CORRECTION_ARRIVAL = Duration.ofHours(24);

    /**
     * A correction as the phone sends it: its own client id, the client id of the outcome it withdraws, when the
     * canvasser tapped « Corriger ». A different outcome for the door is an ordinary new outcome, sent after it.
     */
    public record Correction(String clientId, String corrects, Instant recordedAt) {
        public Correction {
            java.util.Objects.requireNonNull(recordedAt, "recordedAt");
            if (clientId == null || !clientId.matches(OutcomeReport.CLIENT_ID)) {
                throw new IllegalArgumentException("client_id : 1 à 64 lettres, chiffres, - ou _");
            }
            if (corrects == null || !corrects.matches(OutcomeReport.CLIENT_ID)) {
                throw new IllegalArgumentException("corrects : client_id du résultat à corriger");
            }
        }
    }

    /** What an applied correction withdrew (for the live stream: which sector changed). */
    public record Corrected(Result result, Integer arrondissement) {}

    /**
     * Withdraws outcomes their canvasser mis-tapped: each target row stays, marked superseded (when, by whom, by which
     * correction), and progress, targeting and the export leave it aside. Only the account that recorded the outcome,
     * within {@link #CORRECTION_WINDOW}; an outcome carrying an opinion loses it, with the consent it named and that
     * consent's anonymous person ({@link #eraseOpinion}: erased, not superseded). Idempotent on the correction's client id: resent or
     * duplicated, it is {@link Status#ALREADY}; a concurrent copy waits on the target row's lock.
     */
    public static List<Corrected> correct(Store store, long canvasserId, String canvasserName, List<Correction> batch,
            Instant now) {
        if (batch.size() > MAX_BATCH) {
            throw new StoreException("au plus " + MAX_BATCH + " corrections par envoi, reçu " + batch.size());
        }
        Instant received = now.truncatedTo(ChronoUnit.MICROS);
        return Races.retrying(store, "correction", h -> correctIn(h, canvasserId, canvasserName, batch, received));
    }

    private static List<Corrected> correctIn(Handle h, long canvasserId, String canvasserName, List<Correction> batch,
            Instant received) {
        record Target(long id, String doorId, String outcome, long canvasserId, Instant recordedAt, Instant receivedAt,
                boolean opinion, Instant supersededAt, String correctionId, int arrondissement) {}
        List<Corrected> out = new ArrayList<>();
        // targets locked in client id order, so that concurrent copies of a batch wait on each other
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparing((Integer i) -> batch.get(i).corrects()).thenComparing(i -> i));
        Corrected[] results = new Corrected[batch.size()];
        for (int i : order) {
            Correction c = batch.get(i);
            Optional<String> usedFor = h.createQuery("SELECT client_id FROM door_outcome WHERE correction_id = :c")
                    .bind("c", c.clientId()).mapTo(String.class).findOne();
            if (usedFor.isPresent()) {
                results[i] = new Corrected(usedFor.get().equals(c.corrects())
                        ? new Result(c.clientId(), Status.ALREADY, null, false)
                        : Result.rejected(c.clientId(), "client_id déjà utilisé pour une autre correction : générez-en un"
                                + " nouveau"), null);
                continue;
            }
            Optional<Target> found = h.createQuery("SELECT o.id, o.door_id, o.outcome, o.canvasser_id, o.recorded_at,"
                            + " o.received_at, o.support_level, o.consent_event_id, o.superseded_at, o.correction_id,"
                            + " t.arrondissement FROM door_outcome o JOIN turf t ON t.id = o.turf_id WHERE o.client_id = :c"
                            + " FOR UPDATE")
                    .bind("c", c.corrects())
                    .map((rs, ctx) -> new Target(rs.getLong("id"), rs.getString("door_id"), rs.getString("outcome"),
                            rs.getObject("canvasser_id") == null ? -1 : rs.getLong("canvasser_id"),
                            Times.read(rs, "recorded_at"), Times.read(rs, "received_at"),
                            rs.getObject("support_level") != null || rs.getObject("consent_event_id") != null,
                            Times.read(rs, "superseded_at"), rs.getString("correction_id"), rs.getInt("arrondissement")))
                    .findOne();
            if (found.isEmpty() || found.get().canvasserId() != canvasserId) {
                // another's outcome answers as one that does not exist: whether it does is not theirs to learn
                results[i] = new Corrected(Result.rejected(c.clientId(), "porte introuvable parmi celles que vous avez"
                        + " notées : seul·e le ou la militant·e qui a noté une porte peut la corriger"), null);
                continue;
            }
            Target t = found.get();
            if (t.supersededAt() != null) {
                results[i] = new Corrected(c.clientId().equals(t.correctionId())
                        ? new Result(c.clientId(), Status.ALREADY, null, false)
                        : Result.rejected(c.clientId(), "cette porte est déjà corrigée"), null);
                continue;
            }
            if (c.recordedAt().isAfter(t.recordedAt().plus(CORRECTION_WINDOW))
                    || received.isAfter(t.receivedAt().plus(CORRECTION_ARRIVAL))) {
                results[i] = new Corrected(Result.rejected(c.clientId(), "trop tard pour corriger cette porte : une porte se"
                        + " corrige dans les " + CORRECTION_WINDOW.toMinutes() + " minutes où elle a été notée"), null);
                continue;
            }
            h.createUpdate("UPDATE door_outcome SET superseded_at = :at, superseded_by = :u, correction_id = :c"
                            + " WHERE id = :id AND superseded_at IS NULL").bind("at", Times.bind(received))
                    .bind("u", canvasserId).bind("c", c.clientId()).bind("id", t.id()).execute();
            int erased = t.opinion() ? eraseOpinion(h, t.id()) : 0;
            AuditLog.append(h, received, canvasserName, "field.outcome.correct", "door_outcome:" + t.id(), 1 + erased,
                    "porte « " + t.doorId() + " » corrigée par qui l'a notée : résultat « " + t.outcome()
                            + " » remplacé ou annulé (correction " + c.clientId() + ")" + (t.opinion()
                                    ? " ; opinion et consentement de la personne rencontrée effacés (RGPD art. 9 : une"
                                            + " opinion notée par erreur n'est pas gardée), " + erased
                                            + " enregistrement(s) : consentement et personne anonyme"
                                    : ""));
            results[i] = new Corrected(new Result(c.clientId(), Status.STORED, null, false), t.arrondissement());
        }
        out.addAll(List.of(results));
        return out;
    }

    /**
     * Erases the opinion of a corrected outcome with the consent it named (docs/adr/0020, amended): the row keeps what
     * happened at the door, not the support level, the consent nor the notice; the consent's anonymous person, whom
     * nothing else holds, goes with its consent history ({@link Erasure#deleteIfOrphan}). A political opinion noted by
     * mistake (wrong door, wrong outcome) is inaccurate special-category data with no purpose left (GDPR art. 5(1)(d),
     * art. 9): erased at once, not superseded. Returns the consent and person rows deleted.
     */
    static int eraseOpinion(Handle h, long outcomeId) {
        List<Long> persons = h.createQuery("SELECT e.person_id FROM door_outcome o JOIN consent_event e"
                + " ON e.id = o.consent_event_id WHERE o.id = :o").bind("o", outcomeId).mapTo(Long.class).list();
        h.createUpdate("UPDATE door_outcome SET support_level = NULL, consent_event_id = NULL, notice_version = NULL"
                + " WHERE id = :o").bind("o", outcomeId).execute();
        int n = 0;
        for (long person : persons) {
            n += Erasure.deleteIfOrphan(h, person);
        }
        return n;
    }

    /** An outcome row as the record keeps it, superseded or not (for tests and the outcomes export). */
    public record OutcomeRow(String clientId, String doorId, String outcome, Long canvasserId, Instant supersededAt,
            Long supersededBy, String correctionId) {}

    /** Every outcome row of a turf, superseded ones included, in the order they were received. */
    public static List<OutcomeRow> outcomeRows(Store store, long turfId) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT client_id, door_id, outcome, canvasser_id, superseded_at,"
                        + " superseded_by, correction_id FROM door_outcome WHERE turf_id = :t ORDER BY received_at, id")
                .bind("t", turfId)
                .map((rs, ctx) -> new OutcomeRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, Long.class), Times.read(rs, "superseded_at"), rs.getObject(6, Long.class),
                        rs.getString(7))).list());
    }

    /** How many outcome rows there are (for tests and benchmarks). */
    public static long outcomeCount(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM door_outcome").mapTo(Long.class).one());
    }

    /** Every stored client id with its count (more than one would be a doubled outcome). */
    public static Map<String, Long> clientIdCounts(Store store) {
        Map<String, Long> out = new LinkedHashMap<>();
        store.jdbi().useHandle(h -> h.createQuery("SELECT client_id, COUNT(*) FROM door_outcome GROUP BY client_id")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    // ---- headquarters ----------------------------------------------------------------------------

    /** How progress is grouped. */
    public enum By { STATION, SECTOR, TURF, VOLUNTEER }

    /**
     * Progress by station, sector (arrondissement), turf or volunteer, over the turfs of the given
     * arrondissements (empty: all). A door cut in two plans counts once for its station and sector.
     */
    public static List<fr.terrain.field.Tally> progress(Store store, By by, Set<Integer> sectors) {
        String filter = sectors.isEmpty() ? "" : " AND t.arrondissement IN (<sectors>)";
        String doorsSql = switch (by) {
            case STATION -> "SELECT d.station_code AS k, COUNT(DISTINCT d.door_id) AS n FROM turf_door d JOIN turf t"
                    + " ON t.id = d.turf_id WHERE d.station_code IS NOT NULL" + filter + " GROUP BY d.station_code";
            case SECTOR -> "SELECT t.arrondissement AS k, COUNT(DISTINCT d.door_id) AS n FROM turf_door d JOIN turf t"
                    + " ON t.id = d.turf_id WHERE 1 = 1" + filter + " GROUP BY t.arrondissement";
            case TURF -> "SELECT t.id AS k, t.door_count AS n FROM turf t WHERE 1 = 1" + filter;
            case VOLUNTEER -> "SELECT t.assigned_to AS k, SUM(t.door_count) AS n FROM turf t WHERE t.assigned_to IS NOT NULL"
                    + filter + " GROUP BY t.assigned_to";
        };
        String key = switch (by) {
            case STATION -> "d.station_code";
            case SECTOR -> "t.arrondissement";
            case TURF -> "t.id";
            case VOLUNTEER -> "o.canvasser_id";
        };
        String covered = by == By.VOLUNTEER ? "COUNT(DISTINCT CASE WHEN t.assigned_to = o.canvasser_id THEN o.door_id END)"
                : "COUNT(DISTINCT o.door_id)";
        String outcomesSql = "SELECT " + key + " AS k, COUNT(DISTINCT o.door_id) AS knocked, " + covered + " AS covered,"
                + " COUNT(*) AS visits, SUM(CASE WHEN o.outcome = 'opened' THEN 1 ELSE 0 END) AS opened,"
                + " SUM(CASE WHEN o.outcome = 'refused' THEN 1 ELSE 0 END) AS refused,"
                + " SUM(CASE WHEN o.outcome = 'leaflet' THEN 1 ELSE 0 END) AS leaflets,"
                + " SUM(CASE WHEN o.outcome = 'absent' THEN 1 ELSE 0 END) AS absent,"
                + " SUM(CASE WHEN o.outcome = 'come-back' THEN 1 ELSE 0 END) AS come_back"
                + " FROM door_outcome o JOIN turf t ON t.id = o.turf_id"
                + (by == By.STATION ? " JOIN turf_door d ON d.turf_id = o.turf_id AND d.door_id = o.door_id" : "")
                + " WHERE " + key + " IS NOT NULL AND o.superseded_at IS NULL" + filter + " GROUP BY " + key;
        return store.jdbi().withHandle(h -> {
            Map<String, Long> doors = new LinkedHashMap<>();
            var dq = h.createQuery(doorsSql);
            var oq = h.createQuery(outcomesSql);
            if (!sectors.isEmpty()) {
                dq.bindList("sectors", List.copyOf(sectors));
                oq.bindList("sectors", List.copyOf(sectors));
            }
            dq.map((rs, ctx) -> Map.entry(rs.getString("k"), rs.getLong("n"))).forEach(e -> doors.put(e.getKey(), e.getValue()));
            Map<String, long[]> done = new HashMap<>();
            oq.map((rs, ctx) -> Map.entry(rs.getString("k"), new long[] {rs.getLong("knocked"), rs.getLong("covered"),
                    rs.getLong("visits"), rs.getLong("opened"), rs.getLong("refused"), rs.getLong("leaflets"),
                    rs.getLong("absent"), rs.getLong("come_back")})).forEach(e -> done.put(e.getKey(), e.getValue()));
            Map<String, String> labels = labels(h, by);
            Set<String> keys = new java.util.TreeSet<>(comparator(by));
            keys.addAll(doors.keySet());
            keys.addAll(done.keySet());
            List<fr.terrain.field.Tally> out = new ArrayList<>();
            for (String k : keys) {
                long[] d = done.getOrDefault(k, new long[8]);
                out.add(new fr.terrain.field.Tally(k, labels.getOrDefault(k, k), doors.getOrDefault(k, 0L), d[0], d[1],
                        d[2], d[3], d[4], d[5], d[6], d[7]));
            }
            if (by == By.TURF || by == By.VOLUNTEER) {
                out.sort(java.util.Comparator.comparing(fr.terrain.field.Tally::label));
            }
            return out;
        });
    }

    private static java.util.Comparator<String> comparator(By by) {
        return switch (by) {
            case STATION -> java.util.Comparator.comparing(StationCode::parse);
            case SECTOR, TURF, VOLUNTEER -> java.util.Comparator.comparingLong(Long::parseLong);
        };
    }

    private static Map<String, String> labels(Handle h, By by) {
        Map<String, String> out = new HashMap<>();
        switch (by) {
            case STATION -> { }
            case SECTOR -> {
                List<Integer> sectors = h.createQuery("SELECT DISTINCT arrondissement FROM turf").mapTo(Integer.class).list();
                SectorNames names = Geography.sectorNames(h, sectors);
                sectors.forEach(a -> out.put(String.valueOf(a), names.brief(a)));
            }
            case TURF -> h.createQuery("SELECT t.id, p.name, t.number FROM turf t JOIN turf_plan p ON p.id = t.plan_id")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2) + " n° " + String.format("%03d", rs.getInt(3))))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            case VOLUNTEER -> h.createQuery("SELECT u.id, COALESCE(v.display_name, u.name) FROM app_user u"
                            + " LEFT JOIN volunteer v ON v.user_id = u.id")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** Share of each station's doors with an outcome, over every saved turf (for the map and targeting). */
    public static Map<StationCode, Double> coverageByStation(Store store) {
        Map<StationCode, Double> out = new HashMap<>();
        for (fr.terrain.field.Tally t : progress(store, By.STATION, Set.of())) {
            if (t.coverage() != null) {
                out.put(StationCode.parse(t.key()), t.coverage());
            }
        }
        return out;
    }

    /**
     * Registered voters behind the doors with an outcome, by station, over every saved turf: targeting shrinks the
     * station's reservoir by that share of its registered voters. Voters, not doors: the reservoir counts
     * {@code registered / registered_per_door} doors (one registered voter a door by default) while a door of the list
     * holds a household (2.8 voters on the demo), so counting doors left two thirds of a station canvassed from end to
     * end in the plan. A door cut in two plans counts once.
     */
    public static Map<StationCode, Long> votersReachedByStation(Store store) {
        Map<StationCode, Long> out = new HashMap<>();
        store.jdbi().useHandle(h -> h.createQuery("SELECT d.station_code, d.door_id, MAX(d.voters) FROM turf_door d"
                        + " WHERE d.station_code IS NOT NULL AND EXISTS (SELECT 1 FROM door_outcome o"
                        + " WHERE o.turf_id = d.turf_id AND o.door_id = d.door_id AND o.superseded_at IS NULL) GROUP BY d.station_code, d.door_id")
                .map((rs, ctx) -> Map.entry(StationCode.parse(rs.getString(1)), rs.getLong(3)))
                .forEach(e -> out.merge(e.getKey(), e.getValue(), Long::sum)));
        return out;
    }

    /**
     * The topics discussed at each station's opened doors ({@link fr.terrain.targeting.FieldTopics}): conversations,
     * answers given with consent, favourable ones (4 or 5), each counted in doors: a door visited twice counts once.
     * Aggregates only.
     */
    public static Map<StationCode, List<fr.terrain.targeting.FieldTopics.Heard>> heardByStation(Store store) {
        Map<StationCode, List<fr.terrain.targeting.FieldTopics.Heard>> out = new HashMap<>();
        store.jdbi().useHandle(h -> h.createQuery("SELECT d.station_code, o.topic, COUNT(DISTINCT o.door_id) AS conversations,"
                        + " COUNT(DISTINCT CASE WHEN o.support_level IS NOT NULL THEN o.door_id END) AS consented,"
                        + " COUNT(DISTINCT CASE WHEN o.support_level >= 4 THEN o.door_id END) AS favourable"
                        + " FROM door_outcome o JOIN turf_door d ON d.turf_id = o.turf_id AND d.door_id = o.door_id"
                        + " WHERE o.outcome = 'opened' AND o.superseded_at IS NULL AND o.topic IS NOT NULL AND o.topic <> ''"
                        + " AND d.station_code IS NOT NULL GROUP BY d.station_code, o.topic")
                .map((rs, ctx) -> Map.entry(StationCode.parse(rs.getString(1)), new fr.terrain.targeting.FieldTopics.Heard(
                        rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5))))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue())));
        return out;
    }

    /** The canvass-opinion notice to read before any opinion is recorded: the newest registered. */
    public static Optional<ConsentLedger.Notice> canvassNotice(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT version FROM consent_notice WHERE channel = :c"
                        + " ORDER BY created_at DESC, version DESC").bind("c", ConsentChannel.CANVASS_OPINION.id())
                .mapTo(String.class).findFirst().flatMap(v -> ConsentLedger.notice(h, v)));
    }

    /** One outcome as exported for a person to check: never the support level. */
    public record ExportedOutcome(int turf, String doorId, String label, String station, String outcome, String topic,
            Instant recordedAt, String canvasser, boolean duplicateDoor) {}

    /** Every outcome of a plan's turfs, by turf then walking order then time (the caller audits the export). */
    public static List<ExportedOutcome> exportOutcomes(Store store, long planId) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT t.number, o.door_id, d.label, d.station_code, o.outcome,"
                        + " o.topic, o.recorded_at, COALESCE(v.display_name, u.name) AS canvasser, o.duplicate_door"
                        + " FROM door_outcome o JOIN turf t ON t.id = o.turf_id JOIN turf_plan p ON p.id = t.plan_id"
                        + " JOIN turf_door d ON d.turf_id = o.turf_id AND d.door_id = o.door_id"
                        + " LEFT JOIN app_user u ON u.id = o.canvasser_id LEFT JOIN volunteer v ON v.user_id = o.canvasser_id"
                        + " WHERE p.id = :p AND o.superseded_at IS NULL ORDER BY t.number, d.position, o.recorded_at, o.id").bind("p", planId)
                .map((rs, ctx) -> new ExportedOutcome(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), Times.read(rs, "recorded_at"), rs.getString("canvasser"),
                        rs.getBoolean("duplicate_door"))).list());
    }
}
