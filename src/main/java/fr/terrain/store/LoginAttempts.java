package fr.terrain.store;

import java.time.Instant;

/** The audit of sign-in attempts ({@code login_attempt}), also used to slow down password guessing. */
public final class LoginAttempts {
    private LoginAttempts() {}

    public static void record(Store store, String userName, String ip, boolean succeeded, Instant now) {
        store.jdbi().useHandle(h -> h.createUpdate("INSERT INTO login_attempt (attempted_at, user_name, ip, succeeded)"
                        + " VALUES (:now, :name, :ip, :ok)")
                .bind("now", Times.bind(now)).bind("name", truncate(userName, 64)).bind("ip", truncate(ip, 64))
                .bind("ok", succeeded).execute());
    }

    /** Failures for this name from this address since the instant, not counting those before a success. */
    public static int recentFailures(Store store, String userName, String ip, Instant since) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM login_attempt a"
                        + " WHERE a.user_name = :name AND a.ip = :ip AND NOT a.succeeded AND a.attempted_at >= :since"
                        + " AND NOT EXISTS (SELECT 1 FROM login_attempt b WHERE b.user_name = a.user_name AND b.ip = a.ip"
                        + " AND b.succeeded AND b.attempted_at > a.attempted_at)")
                .bind("name", truncate(userName, 64)).bind("ip", truncate(ip, 64)).bind("since", Times.bind(since))
                .mapTo(Integer.class).one());
    }

    /** Failures from this address, whatever the name, since the instant. */
    public static int recentFailuresFrom(Store store, String ip, Instant since) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM login_attempt"
                        + " WHERE ip = :ip AND NOT succeeded AND attempted_at >= :since")
                .bind("ip", truncate(ip, 64)).bind("since", Times.bind(since)).mapTo(Integer.class).one());
    }

    private static String truncate(String s, int max) {
        String v = s == null ? "" : s;
        return v.length() <= max ? v : v.substring(0, max);
    }
}
