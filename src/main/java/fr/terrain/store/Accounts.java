package fr.terrain.store;

import fr.terrain.account.Account;
import fr.terrain.account.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** Reads and writes of {@code app_user}. */
public final class Accounts {
    static final String COLUMNS = "u.id, u.name, u.role, u.sectors, u.password_hash, u.created_at, u.disabled";

    private Accounts() {}

    /** Adds an account; fails if the name is taken. */
    public static AccountRecord add(Store store, Account account, String passwordHash, Instant now) {
        return add(store, account, passwordHash, now, null);
    }

    /** Adds an account and, when {@code actor} is given, its audit entry in the same transaction. */
    public static AccountRecord add(Store store, Account account, String passwordHash, Instant now, String actor) {
        return store.jdbi().inTransaction(h -> {
            if (find(h, account.name()).isPresent()) {
                throw new StoreException("le compte « " + account.name() + " » existe déjà");
            }
            AccountRecord added = insert(h, account, passwordHash, now);
            if (actor != null) {
                AuditLog.append(h, now, actor, "user.add", "user:" + account.name(), 0,
                        "rôle " + account.role().label() + ", " + scope(account.role(), sectors(account)));
            }
            return added;
        });
    }

    /** Inserts an enabled account under a random id (docs/adr/0030); the caller checked the name is free. */
    static AccountRecord insert(Handle h, Account account, String passwordHash, Instant now) {
        h.createUpdate("INSERT INTO app_user (id, name, role, sectors, password_hash, created_at, disabled)"
                        + " VALUES (:id, :name, :role, :sectors, :hash, :now, FALSE)")
                .bind("id", RandomIds.next(h, RandomIds.Table.APP_USER)).bind("name", account.name())
                .bind("role", account.role().label()).bind("sectors", sectors(account)).bind("hash", passwordHash)
                .bind("now", Times.bind(now)).execute();
        return find(h, account.name()).orElseThrow();
    }

    public static Optional<AccountRecord> find(Store store, String name) {
        return store.jdbi().withHandle(h -> find(h, name));
    }

    public static List<AccountRecord> list(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM app_user u ORDER BY u.name")
                .map((rs, ctx) -> map(rs)).list());
    }

    public static long count(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM app_user").mapTo(Long.class).one());
    }

    /** Disables an account and ends its sessions; false if there is no such account. */
    public static boolean disable(Store store, String name) {
        return disable(store, name, null);
    }

    /** Disables an account, audited as done by {@code actor} (when given) in the same transaction. */
    public static boolean disable(Store store, String name, String actor) {
        return store.jdbi().inTransaction(h -> {
            int n = h.createUpdate("UPDATE app_user SET disabled = TRUE WHERE name = :name").bind("name", name).execute();
            endSessions(h, name);
            // a volunteer who leaves takes their profile along (display name, starting point, availability): it
            // served only to send them canvassing; their outcomes stay, attributed to the (disabled) account
            int profile = h.createUpdate("DELETE FROM volunteer WHERE user_id IN (SELECT id FROM app_user WHERE name = :name)")
                    .bind("name", name).execute();
            if (n > 0 && actor != null) {
                AuditLog.append(h, Instant.now(), actor, "user.disable", "user:" + name, profile,
                        profile > 0 ? "sessions fermées, profil de bénévole effacé" : "sessions fermées");
            }
            return n > 0;
        });
    }

    /** Replaces the password hash and ends the account's sessions; false if there is no such account. */
    public static boolean setPassword(Store store, String name, String passwordHash) {
        return setPassword(store, name, passwordHash, null);
    }

    /** Replaces the password hash, audited as done by {@code actor} (when given) in the same transaction. */
    public static boolean setPassword(Store store, String name, String passwordHash, String actor) {
        return store.jdbi().inTransaction(h -> {
            int n = h.createUpdate("UPDATE app_user SET password_hash = :hash WHERE name = :name")
                    .bind("hash", passwordHash).bind("name", name).execute();
            endSessions(h, name);
            if (n > 0 && actor != null) {
                AuditLog.append(h, Instant.now(), actor, "user.password", "user:" + name, 0, "sessions fermées");
            }
            return n > 0;
        });
    }

    private static void endSessions(Handle h, String name) {
        h.createUpdate("DELETE FROM web_session WHERE user_id IN (SELECT id FROM app_user WHERE name = :name)")
                .bind("name", name).execute();
    }

    static Optional<AccountRecord> find(Handle h, String name) {
        return h.createQuery("SELECT " + COLUMNS + " FROM app_user u WHERE u.name = :name").bind("name", name)
                .map((rs, ctx) -> map(rs)).findOne();
    }

    /** For the audit log: « secteurs 11,12 », « tous secteurs », « aucun secteur » (« secteurs [] » before). */
    static String scope(Role role, String sectors) {
        return role.seesAllSectors() ? "tous secteurs" : sectors.isEmpty() ? "aucun secteur" : "secteurs " + sectors;
    }

    static String sectors(Account account) {
        return account.sectors().stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static Account account(ResultSet rs) throws SQLException {
        String label = rs.getString("role");
        Role role = Role.find(label).orElseThrow(() -> new StoreException("rôle inconnu en base : " + label));
        String sectors = rs.getString("sectors");
        TreeSet<Integer> set = sectors.isBlank() ? new TreeSet<>()
                : Arrays.stream(sectors.split(",")).map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
        return new Account(rs.getString("name"), role, set);
    }

    static AccountRecord map(ResultSet rs) throws SQLException {
        return new AccountRecord(rs.getLong("id"), account(rs), rs.getString("password_hash"),
                Times.read(rs, "created_at"), rs.getBoolean("disabled"));
    }
}
