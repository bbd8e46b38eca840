package fr.terrain.web;

import fr.terrain.account.Secrets;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.Sessions;
import fr.terrain.store.Store;
import fr.terrain.store.WebSession;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Server-side sessions behind the {@code terrain_session} cookie. The cookie holds 256 random
 * bits; the store keeps only their SHA-256, so a copy of the database opens no session. A session
 * ends after {@link #IDLE} without a request, or {@link #LIFETIME} after sign-in, whichever comes
 * first.
 */
final class WebSessions {
    static final String COOKIE = "terrain_session";
    static final Duration IDLE = Duration.ofHours(8);
    static final Duration LIFETIME = Duration.ofHours(24);
    /** Activity is written at most once a minute per session. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** A session just opened: the cookie value (never stored) and the page's CSRF token. */
    record Opened(String cookieValue, String csrfToken) {}

    private final Store store;
    private final Clock clock;

    WebSessions(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    /** Opens a session for the account, writes its cookie, and drops sessions that have expired. */
    Opened open(Context ctx, AccountRecord user) {
        Instant now = now();
        Sessions.deleteExpired(store, now.minus(IDLE), now);
        Opened opened = new Opened(Secrets.randomToken(32), Secrets.randomToken(32));
        Sessions.create(store, Secrets.sha256(opened.cookieValue()), user.id(), opened.csrfToken(), now, now.plus(LIFETIME));
        Cookies.set(ctx, COOKIE, opened.cookieValue(), "/", LIFETIME, "Lax");
        return opened;
    }

    /** The live session named by the request's cookie; an expired one is deleted. */
    Optional<WebSession> find(Context ctx) {
        String value = ctx.cookie(COOKIE);
        if (value == null || value.isEmpty() || value.length() > 100) {
            return Optional.empty();
        }
        String idHash = Secrets.sha256(value);
        Optional<WebSession> found = Sessions.find(store, idHash);
        Instant now = now();
        if (found.isPresent() && ended(found.get(), now)) {
            Sessions.delete(store, idHash);
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            Cookies.clear(ctx, COOKIE, "/");
            return found;
        }
        Sessions.touch(store, idHash, now, now.minus(TOUCH_EVERY));
        return found;
    }

    /**
     * Whether a session found earlier still holds (not signed out, not expired, its account not disabled), without
     * recording activity: a stream left open is not someone using the app.
     */
    boolean live(WebSession session) {
        Instant now = now();
        return Sessions.find(store, session.idHash()).filter(s -> !ended(s, now)).isPresent();
    }

    /** Past its lifetime, or idle too long. */
    private static boolean ended(WebSession s, Instant now) {
        return !now.isBefore(s.expiresAt()) || !now.isBefore(s.lastSeenAt().plus(IDLE));
    }

    /** Ends the request's session on the server and clears its cookie. */
    void close(Context ctx) {
        if (discard(ctx)) {
            Cookies.clear(ctx, COOKIE, "/");
        }
    }

    /** Ends the request's session on the server (before a new one replaces it); false if there was none. */
    boolean discard(Context ctx) {
        String value = ctx.cookie(COOKIE);
        if (value == null || value.isEmpty()) {
            return false;
        }
        Sessions.delete(store, Secrets.sha256(value));
        return true;
    }
}
