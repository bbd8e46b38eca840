package fr.terrain.store;

import java.time.Instant;
import java.util.Optional;

/** Reads and writes of {@code web_session}, keyed by the SHA-256 of the cookie value. */
public final class Sessions {
    private Sessions() {}

    public static void create(Store store, String idHash, long userId, String csrfToken, Instant now, Instant expiresAt) {
        store.jdbi().useHandle(h -> h.createUpdate("INSERT INTO web_session (id_hash, user_id, csrf_token, created_at,"
                        + " last_seen_at, expires_at) VALUES (:id, :user, :csrf, :now, :now, :expires)")
                .bind("id", idHash).bind("user", userId).bind("csrf", csrfToken).bind("now", Times.bind(now))
                .bind("expires", Times.bind(expiresAt)).execute());
    }

    /** The session and its account, unless the account is disabled (expiry is the caller's rule). */
    public static Optional<WebSession> find(Store store, String idHash) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT s.id_hash, s.csrf_token, s.created_at AS session_created_at,"
                        + " s.last_seen_at, s.expires_at, " + Accounts.COLUMNS + " FROM web_session s JOIN app_user u ON u.id = s.user_id"
                        + " WHERE s.id_hash = :id AND NOT u.disabled")
                .bind("id", idHash)
                .map((rs, ctx) -> new WebSession(rs.getString("id_hash"), Accounts.account(rs), rs.getString("csrf_token"),
                        Times.read(rs, "session_created_at"), Times.read(rs, "last_seen_at"), Times.read(rs, "expires_at")))
                .findOne());
    }

    /** Records activity, at most once per {@code notBefore} interval (one write a minute, not one a request). */
    public static void touch(Store store, String idHash, Instant now, Instant ifSeenBefore) {
        store.jdbi().useHandle(h -> h.createUpdate("UPDATE web_session SET last_seen_at = :now"
                        + " WHERE id_hash = :id AND last_seen_at < :before")
                .bind("now", Times.bind(now)).bind("id", idHash).bind("before", Times.bind(ifSeenBefore)).execute());
    }

    public static void delete(Store store, String idHash) {
        store.jdbi().useHandle(h -> h.createUpdate("DELETE FROM web_session WHERE id_hash = :id").bind("id", idHash)
                .execute());
    }

    /** Deletes sessions idle since {@code idleBefore} or past their end; returns how many. */
    public static int deleteExpired(Store store, Instant idleBefore, Instant now) {
        return store.jdbi().withHandle(h -> h.createUpdate("DELETE FROM web_session"
                        + " WHERE last_seen_at < :idle OR expires_at <= :now")
                .bind("idle", Times.bind(idleBefore)).bind("now", Times.bind(now)).execute());
    }
}
