package fr.terrain.store;

import java.sql.SQLException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.JdbiException;

/**
 * Work that two requests may do at the same moment (a phone's batch sent twice, a form submitted by a double click):
 * the one that loses the race on a unique key runs again, and then finds what the other committed.
 */
final class Races {
    private static final int ATTEMPTS = 8;

    private Races() {}

    /**
     * {@code work} in a transaction, run again (up to {@link #ATTEMPTS} times, backing off) when it loses a race to a
     * concurrent copy of itself; {@code what} names the work in the final refusal.
     */
    static <T> T retrying(Store store, String what, HandleCallback<T, RuntimeException> work) {
        JdbiException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return store.jdbi().inTransaction(work);
            } catch (JdbiException e) {
                if (!raced(e)) {
                    throw e;
                }
                last = e;
                try {
                    Thread.sleep(1L << attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw new StoreException(what + " impossible après " + ATTEMPTS + " essais concurrents : " + last.getMessage());
    }

    /** Whether a failure is a lost race (unique key, serialization, deadlock, lock timeout) worth running again. */
    private static boolean raced(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.equals("23505") || state.startsWith("40") || state.equals("HYT00") || s.getErrorCode() == 90131) {
                    return true;
                }
            }
        }
        return false;
    }
}
