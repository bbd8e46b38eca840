package fr.terrain.store;

import fr.terrain.privacy.AuditEntry;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The audit log in the store: entries are only ever appended (never updated or deleted by
 * Terrain), one at a time, each chained to the one before.
 */
public final class AuditLog {
    private AuditLog() {}

    /** Appends an entry in its own transaction. */
    public static AuditEntry append(Store store, String actor, String action, String target, long records, String detail) {
        return store.jdbi().inTransaction(h -> append(h, Instant.now(), actor, action, target, records, detail));
    }

    /**
     * Appends within the caller's transaction (an import writes its audit entry with its data), which holds the
     * audit log's lock until it ends: another append waits for it, then reads this entry as its previous one.
     */
    public static AuditEntry append(Handle h, Instant at, String actor, String action, String target, long records,
            String detail) {
        if (!h.isInTransaction()) { // a lock taken outside a transaction would end with its statement
            return h.inTransaction(t -> append(t, at, actor, action, target, records, detail));
        }
        if (h.createQuery("SELECT id FROM " + Tables.AUDIT_LOCK + " WHERE id = 1 FOR UPDATE").mapTo(Integer.class)
                .findOne().isEmpty()) {
            throw new StoreException("journal d'audit : la ligne de verrou a disparu de la table " + Tables.AUDIT_LOCK
                    + " (INSERT INTO " + Tables.AUDIT_LOCK + " (id) VALUES (1) la rétablit)");
        }
        AuditEntry previous = h.createQuery("SELECT " + COLUMNS + " FROM audit_entry ORDER BY seq DESC LIMIT 1")
                .map((rs, ctx) -> map(rs)).findOne().orElse(null);
        AuditEntry e = AuditEntry.next(previous, at.truncatedTo(java.time.temporal.ChronoUnit.MICROS), actor, action,
                target, records, detail == null ? "" : detail);
        h.createUpdate("INSERT INTO audit_entry (" + COLUMNS + ") VALUES (:seq, :at, :actor, :action, :target, :records,"
                        + " :detail, :prev, :hash)")
                .bind("seq", e.seq()).bind("at", LocalDateTime.ofInstant(e.at(), ZoneOffset.UTC)).bind("actor", e.actor())
                .bind("action", e.action()).bind("target", e.target()).bind("records", e.records())
                .bind("detail", e.detail()).bind("prev", e.previousHash()).bind("hash", e.hash()).execute();
        return e;
    }

    /** Every entry, in order. */
    public static List<AuditEntry> all(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM audit_entry ORDER BY seq")
                .map((rs, ctx) -> map(rs)).list());
    }

    /**
     * The entries at or after {@code since} (UTC) and by {@code actor}, when given, in order; at
     * most {@code limit} of the latest ones when {@code limit} is positive.
     */
    public static List<AuditEntry> list(Store store, java.util.Optional<Instant> since, java.util.Optional<String> actor,
            int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        since.ifPresent(s -> where.append(" AND at >= :since"));
        actor.ifPresent(a -> where.append(" AND actor = :actor"));
        String sql = "SELECT " + COLUMNS + " FROM audit_entry" + where + " ORDER BY seq DESC"
                + (limit > 0 ? " LIMIT " + limit : "");
        List<AuditEntry> latestFirst = store.jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            since.ifPresent(s -> q.bind("since", LocalDateTime.ofInstant(s, ZoneOffset.UTC)));
            actor.ifPresent(a -> q.bind("actor", a));
            return q.map((rs, ctx) -> map(rs)).list();
        });
        return latestFirst.reversed();
    }

    private static final String COLUMNS = "seq, at, actor, action, target, records, detail, prev_hash, hash";

    private static AuditEntry map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getObject("at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                rs.getString("actor"), rs.getString("action"), rs.getString("target"), rs.getLong("records"),
                rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
