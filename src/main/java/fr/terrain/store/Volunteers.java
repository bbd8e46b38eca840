package fr.terrain.store;

import fr.terrain.account.Account;
import fr.terrain.account.Role;
import fr.terrain.election.SectorCodes;
import fr.terrain.field.Suggestions;
import fr.terrain.field.WeeklySlot;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import org.jdbi.v3.core.Handle;

/**
 * Teams, volunteers' field profiles and their weekly availability ({@code team}, {@code volunteer},
 * {@code volunteer_availability}). A volunteer is an account of the field roles (canvasser or
 * organizer); the profile row is created by an invitation, or on first change for an account made
 * with {@code terrain user add}, so every such account is listed, with its login as name until then.
 */
public final class Volunteers {
    /** A team of volunteers, in one arrondissement. */
    public record Team(long id, String name, int arrondissement) {}

    /** Turfs a volunteer holds in one arrondissement: assigned and not finished, and their walking minutes. */
    public record Held(int turfs, double minutes) {}

    /**
     * A volunteer.
     *
     * @param held by arrondissement, the turfs assigned to them and not finished (some door without an outcome)
     */
    public record Volunteer(long userId, Account account, String displayName, Optional<Team> team,
            Optional<Suggestions.Point> home, List<WeeklySlot> slots, Map<Integer, Held> held, boolean disabled) {
        public Volunteer {
            held = Map.copyOf(held);
        }

        /** The arrondissements they canvass: their account's sectors and their team's. */
        public Set<Integer> sectors() {
            Set<Integer> s = new java.util.TreeSet<>(account.sectors());
            team.ifPresent(t -> s.add(t.arrondissement()));
            return s;
        }

        /** Turfs held, all sectors together (their week is one, whoever gave them the turfs). */
        public int turfsHeld() {
            return held.values().stream().mapToInt(Held::turfs).sum();
        }

        /** The walking minutes of those turfs. */
        public double minutesHeld() {
            return held.values().stream().mapToDouble(Held::minutes).sum();
        }

        /**
         * The volunteer as an organizer of {@code sectors} (empty: every sector) may see them: their sectors among
         * those, their team only when it is of those, and the turfs they hold there. Nothing of another sector — its
         * team's name, its turfs — reaches an organizer through a volunteer the two sectors share.
         */
        public Volunteer seenFrom(Optional<Set<Integer>> sectors) {
            if (sectors.isEmpty()) {
                return this;
            }
            Set<Integer> mine = sectors.get();
            SortedSet<Integer> shared = new java.util.TreeSet<>(account.sectors());
            shared.retainAll(mine);
            Map<Integer, Held> heldThere = new HashMap<>(held);
            heldThere.keySet().retainAll(mine);
            return new Volunteer(userId, new Account(account.name(), account.role(), shared), displayName,
                    team.filter(t -> mine.contains(t.arrondissement())), home, slots, heldThere, disabled);
        }

        /** Whether an organizer of {@code sectors} (empty: every sector) sees them. */
        public boolean within(Optional<Set<Integer>> sectors) {
            return sectors.isEmpty() || sectors().stream().anyMatch(sectors.get()::contains);
        }

        public Suggestions.Volunteer forSuggestion() {
            return new Suggestions.Volunteer(userId, sectors(), home, slots, turfsHeld(), minutesHeld());
        }
    }

    static final int MAX_NAME = 100;

    private Volunteers() {}

    /**
     * Adds a team in a sector (an arrondissement or a commune, {@link SectorCodes}); fails if its sector already has a
     * team of that name (other sectors may).
     */
    public static Team addTeam(Store store, String name, int arrondissement, Instant now, String actor) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > MAX_NAME) {
            throw new StoreException("nom d'équipe vide ou trop long (100 caractères au plus)");
        }
        SectorCodes.problem(arrondissement).ifPresent(p -> {
            throw new StoreException(p);
        });
        return store.jdbi().inTransaction(h -> {
            if (team(h, clean, arrondissement).isPresent()) {
                throw new StoreException("l'équipe « " + clean + " » existe déjà "
                        + Geography.sectorNames(h, List.of(arrondissement)).in(List.of(arrondissement)));
            }
            h.createUpdate("INSERT INTO team (id, name, arrondissement, created_at) VALUES (:id, :n, :a, :now)")
                    .bind("id", RandomIds.next(h, RandomIds.Table.TEAM)).bind("n", clean).bind("a", arrondissement)
                    .bind("now", Times.bind(now)).execute();
            AuditLog.append(h, now, actor, "team.add", "team:" + clean, 0, "secteur " + arrondissement);
            return team(h, clean, arrondissement).orElseThrow();
        });
    }

    /** The teams of that name, one per arrondissement at most, by arrondissement. */
    public static List<Team> teamsNamed(Store store, String name) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT id, name, arrondissement FROM team WHERE name = :n"
                + " ORDER BY arrondissement").bind("n", name).map((rs, ctx) -> team(rs)).list());
    }

    public static Optional<Team> team(Store store, long id) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT id, name, arrondissement FROM team WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> team(rs)).findOne());
    }

    static Optional<Team> team(Handle h, String name, int arrondissement) {
        return h.createQuery("SELECT id, name, arrondissement FROM team WHERE name = :n AND arrondissement = :a")
                .bind("n", name).bind("a", arrondissement).map((rs, ctx) -> team(rs)).findOne();
    }

    /** Teams of the given arrondissements (empty: all), by arrondissement then name. */
    public static List<Team> teams(Store store, Optional<Set<Integer>> within) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT id, name, arrondissement FROM team"
                        + " ORDER BY arrondissement, name").map((rs, ctx) -> team(rs)).list())
                .stream().filter(t -> within.isEmpty() || within.get().contains(t.arrondissement())).toList();
    }

    /** Volunteers (accounts of the field roles) seen by an organizer of {@code within} (empty: all), by name. */
    public static List<Volunteer> list(Store store, Optional<Set<Integer>> within) {
        return store.jdbi().withHandle(h -> read(h, Optional.empty())).stream().filter(v -> v.within(within)).toList();
    }

    public static Optional<Volunteer> find(Store store, long userId) {
        return store.jdbi().withHandle(h -> read(h, Optional.of(userId))).stream().findFirst();
    }

    private static List<Volunteer> read(Handle h, Optional<Long> only) {
        Map<Long, List<WeeklySlot>> slots = new HashMap<>();
        h.createQuery("SELECT user_id, day_of_week, starts_at, ends_at FROM volunteer_availability"
                        + (only.isPresent() ? " WHERE user_id = :id" : "") + " ORDER BY user_id, day_of_week, starts_at")
                .bindMap(only.isPresent() ? Map.<String, Object>of("id", only.get()) : Map.<String, Object>of())
                .map((rs, ctx) -> {
                    slots.computeIfAbsent(rs.getLong("user_id"), k -> new ArrayList<>()).add(new WeeklySlot(
                            DayOfWeek.of(rs.getInt("day_of_week")), rs.getObject("starts_at", LocalTime.class),
                            rs.getObject("ends_at", LocalTime.class)));
                    return 0;
                }).list();
        Map<Long, Map<Integer, Held>> loads = new HashMap<>();
        h.createQuery("SELECT t.assigned_to, t.arrondissement, COUNT(*) AS n, SUM(t.minutes) AS m FROM turf t"
                        + " WHERE t.assigned_to IS NOT NULL"
                        + " AND t.door_count > (SELECT COUNT(DISTINCT o.door_id) FROM door_outcome o WHERE o.turf_id = t.id"
                        + " AND o.superseded_at IS NULL)"
                        + " GROUP BY t.assigned_to, t.arrondissement")
                .map((rs, ctx) -> loads.computeIfAbsent(rs.getLong("assigned_to"), k -> new HashMap<>())
                        .put(rs.getInt("arrondissement"), new Held(rs.getInt("n"), rs.getDouble("m")))).list();
        return h.createQuery("SELECT " + Accounts.COLUMNS + ", v.display_name, v.home_lon, v.home_lat,"
                        + " t.id AS team_id, t.name AS team_name, t.arrondissement AS team_arrondissement"
                        + " FROM app_user u LEFT JOIN volunteer v ON v.user_id = u.id LEFT JOIN team t ON t.id = v.team_id"
                        + " WHERE u.role IN ('canvasser', 'organizer')" + (only.isPresent() ? " AND u.id = :id" : "")
                        + " ORDER BY COALESCE(v.display_name, u.name), u.id")
                .bindMap(only.isPresent() ? Map.<String, Object>of("id", only.get()) : Map.<String, Object>of())
                .map((rs, ctx) -> {
                    long id = rs.getLong("id");
                    Account account = Accounts.account(rs);
                    String display = rs.getString("display_name");
                    double lon = rs.getDouble("home_lon");
                    Optional<Suggestions.Point> home = rs.wasNull() ? Optional.empty()
                            : Optional.of(new Suggestions.Point(lon, rs.getDouble("home_lat")));
                    long teamId = rs.getLong("team_id");
                    Optional<Team> team = rs.wasNull() ? Optional.empty()
                            : Optional.of(new Team(teamId, rs.getString("team_name"), rs.getInt("team_arrondissement")));
                    return new Volunteer(id, account, display == null ? account.name() : display, team, home,
                            slots.getOrDefault(id, List.of()), loads.getOrDefault(id, Map.of()), rs.getBoolean("disabled"));
                }).list();
    }

    /**
     * Replaces a volunteer's weekly slots and home point (creating their profile if the account
     * has none yet); false if the account is not of a field role.
     */
    public static boolean setAvailability(Store store, long userId, List<WeeklySlot> slots, Optional<Suggestions.Point> home,
            Instant now) {
        for (int i = 0; i < slots.size(); i++) {
            for (int j = i + 1; j < slots.size(); j++) {
                if (slots.get(i).overlaps(slots.get(j))) {
                    // numbered as the page lists them (« créneau 1 », « créneau 3 »), the page's first word capitalised
                    throw new StoreException("Les créneaux " + (i + 1) + " et " + (j + 1) + " se chevauchent : "
                            + describe(slots.get(i)) + " et " + describe(slots.get(j)));
                }
            }
        }
        return store.jdbi().inTransaction(h -> {
            if (!ensureProfile(h, userId, now)) {
                return false;
            }
            h.createUpdate("UPDATE volunteer SET home_lon = :lon, home_lat = :lat WHERE user_id = :id")
                    .bind("lon", home.map(Suggestions.Point::lon).orElse(null))
                    .bind("lat", home.map(Suggestions.Point::lat).orElse(null)).bind("id", userId).execute();
            h.createUpdate("DELETE FROM volunteer_availability WHERE user_id = :id").bind("id", userId).execute();
            for (WeeklySlot s : slots) {
                h.createUpdate("INSERT INTO volunteer_availability (user_id, day_of_week, starts_at, ends_at)"
                                + " VALUES (:id, :d, :s, :e)")
                        .bind("id", userId).bind("d", s.day().getValue()).bind("s", s.start()).bind("e", s.end()).execute();
            }
            return true;
        });
    }

    /** Puts a volunteer in a team (or none), audited; false if the account is not of a field role. */
    public static boolean setTeam(Store store, long userId, Optional<Long> teamId, Instant now, String actor) {
        return store.jdbi().inTransaction(h -> {
            if (!ensureProfile(h, userId, now)) {
                return false;
            }
            h.createUpdate("UPDATE volunteer SET team_id = :t WHERE user_id = :id")
                    .bind("t", teamId.orElse(null)).bind("id", userId).execute();
            AuditLog.append(h, now, actor, "volunteer.team", "user-id:" + userId, 1,
                    teamId.map(t -> "équipe n° " + t).orElse("sans équipe"));
            return true;
        });
    }

    private static boolean ensureProfile(Handle h, long userId, Instant now) {
        Optional<String> name = h.createQuery("SELECT name FROM app_user WHERE id = :id AND role IN ('canvasser', 'organizer')")
                .bind("id", userId).mapTo(String.class).findOne();
        if (name.isEmpty()) {
            return false;
        }
        boolean exists = h.createQuery("SELECT COUNT(*) FROM volunteer WHERE user_id = :id").bind("id", userId)
                .mapTo(Integer.class).one() > 0;
        if (!exists) {
            h.createUpdate("INSERT INTO volunteer (user_id, display_name, created_at) VALUES (:id, :n, :now)")
                    .bind("id", userId).bind("n", name.get()).bind("now", Times.bind(now)).execute();
        }
        return true;
    }

    /** Turfs without a canvasser in the given arrondissements (empty: all), for suggestions. */
    public static List<Suggestions.OpenTurf> openTurfs(Store store, Optional<Set<Integer>> within) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT id, arrondissement, start_lon, start_lat, minutes FROM turf"
                        + " WHERE assigned_to IS NULL ORDER BY id")
                .map((rs, ctx) -> new Suggestions.OpenTurf(rs.getLong("id"), rs.getInt("arrondissement"),
                        rs.getDouble("start_lon"), rs.getDouble("start_lat"), rs.getDouble("minutes"))).list())
                .stream().filter(t -> within.isEmpty() || within.get().contains(t.arrondissement())).toList();
    }

    static String describe(WeeklySlot s) {
        return s.day().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.FRENCH) + " " + s.start() + "–" + s.end();
    }

    private static Team team(ResultSet rs) throws SQLException {
        return new Team(rs.getLong("id"), rs.getString("name"), rs.getInt("arrondissement"));
    }

    /** Whether the role is one a volunteer profile belongs to. */
    public static boolean fieldRole(Role role) {
        return role == Role.CANVASSER || role == Role.ORGANIZER;
    }
}
