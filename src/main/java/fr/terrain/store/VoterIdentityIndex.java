package fr.terrain.store;

import javax.sql.DataSource;

/**
 * The voter table's birth-date index, which finds a person's voter rows (rights requests, erasure).
 * On H2 it is dropped before an electoral list is loaded and built again after the load commits:
 * its keys arrive in random order (a list is sorted by station and name), so keeping it up to date
 * row by row rewrote pages all over the index and cost half the CPU of a 1.35-million-voter import,
 * where building it again is one sorted pass. The load itself stays all or nothing; while the index
 * is being built, a lookup by birth date scans the table (slower, same answer), and a store opened
 * after a crash in between builds it again ({@link #ensure}). PostgreSQL keeps it: COPY is fast
 * enough with it.
 */
public final class VoterIdentityIndex {
    private static final String CREATE = "CREATE INDEX IF NOT EXISTS voter_birth_date ON voter (birth_date)";

    private VoterIdentityIndex() {}

    /** H2: drops the index before a load; returns whether it did (false on PostgreSQL). */
    public static boolean suspend(Store store) {
        if (store.dialect() != Store.Dialect.H2) {
            return false;
        }
        store.jdbi().useHandle(h -> h.execute("DROP INDEX IF EXISTS voter_birth_date"));
        return true;
    }

    /** Builds the index again after a load, whether the load committed or rolled back. */
    public static void restore(Store store) {
        store.jdbi().useHandle(h -> h.execute(CREATE));
    }

    /** At opening: the index exists (a process stopped between {@link #suspend} and {@link #restore} left none). */
    static void ensure(DataSource dataSource) {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute(CREATE);
        } catch (java.sql.SQLException e) {
            throw new StoreException("index voter_birth_date : " + e.getMessage(), e);
        }
    }
}
