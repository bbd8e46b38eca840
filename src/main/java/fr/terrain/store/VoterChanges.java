package fr.terrain.store;

import java.sql.Timestamp;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Every change of the voter rows, recorded in its own transaction ({@code voter_change}, V33): whatever writes or deletes
 * voter rows calls {@link #record}, and {@link FieldData#votersVersion} counts the records. {@code VoterWritersTest}
 * finds every statement that writes the voter table and checks its class records the change.
 */
final class VoterChanges {
    /** Why the voter rows changed, as {@code voter_change.kind} says it. */
    enum Kind {
        IMPORT, SUPPRESSION, ERASURE, RETENTION;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private VoterChanges() {}

    /**
     * Records a change of {@code rows} voter rows in the transaction of {@code h} (a change of no row is not one): an
     * appended row, which no other change waits for.
     */
    static void record(Handle h, Kind kind, long rows) {
        if (rows > 0) {
            h.createUpdate("INSERT INTO voter_change (kind, voter_rows, changed_at) VALUES (:k, :n, :at)")
                    .bind("k", kind.id()).bind("n", rows).bind("at", Timestamp.from(Instant.now())).execute();
        }
    }

    /** How many changes of the voter rows were committed: grows at every one. */
    static long count(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM voter_change").mapTo(Long.class).one();
    }
}
