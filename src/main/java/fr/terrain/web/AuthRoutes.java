package fr.terrain.web;

import fr.terrain.account.Account;
import fr.terrain.account.PasswordHasher;
import fr.terrain.account.Permission;
import fr.terrain.account.Secrets;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.Accounts;
import fr.terrain.store.LoginAttempts;
import fr.terrain.store.Store;
import fr.terrain.store.WebSession;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in and out: {@code GET /login} (the form), {@code POST /login}, {@code POST /logout},
 * {@code GET /api/me} (who am I, and the CSRF token a page sends back with its changes).
 *
 * <p>The login form has no session yet, so it is protected by a double-submit token: the same
 * random value in a cookie scoped to {@code /login} and in a hidden field. Five failed attempts for
 * a name from one address (or thirty from one address) block that address for fifteen minutes.
 */
final class AuthRoutes {
    static final String LOGIN = "/login";
    static final String LOGOUT = "/logout";
    static final String ME = "/api/me";
    static final String LOGIN_CSRF_COOKIE = "terrain_login_csrf";
    static final int MAX_FAILURES_PER_NAME = 5;
    static final int MAX_FAILURES_PER_ADDRESS = 30;
    static final Duration LOCKOUT = Duration.ofMinutes(15);

    private final Store store;
    private final WebSessions sessions;
    private final PasswordHasher hasher;

    AuthRoutes(Store store, WebSessions sessions, PasswordHasher hasher) {
        this.store = store;
        this.sessions = sessions;
        this.hasher = hasher;
    }

    static List<WebRoute> routes(Store store) {
        return new AuthRoutes(store, new WebSessions(store, Clock.systemUTC()), PasswordHasher.standard()).routes();
    }

    List<WebRoute> routes() {
        return List.of(
                WebRoute.open(HandlerType.GET, LOGIN, this::loginPage),
                WebRoute.open(HandlerType.POST, LOGIN, this::login),
                WebRoute.open(HandlerType.POST, LOGOUT, this::logout),
                WebRoute.get(ME, Permission.SIGNED_IN, this::me));
    }

    private void loginPage(Context ctx) {
        String next = safeNext(ctx.queryParam("next"));
        if (CurrentUser.find(ctx).isPresent()) {
            ctx.status(303).header("Location", next);
            return;
        }
        showForm(ctx, 200, next, "", "");
    }

    private void showForm(Context ctx, int status, String next, String name, String error) {
        String token = Secrets.randomToken(32);
        Cookies.set(ctx, LOGIN_CSRF_COOKIE, token, LOGIN, Duration.ofHours(2), "Strict");
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).contentType(ContentType.TEXT_HTML).result(DemoNotice.into(ctx, Replies.page("login.html",
                Map.of("csrf", token, "next", next, "name", name, "error", error, "hidden", error.isEmpty() ? "hidden" : ""))));
    }

    private void login(Context ctx) {
        String next = safeNext(ctx.formParam("next"));
        String name = ctx.formParam("name");
        String password = ctx.formParam("password");
        String shownName = name == null || name.length() > 64 ? "" : name.strip();
        if (!Secrets.constantTimeEquals(ctx.formParam("_csrf"), ctx.cookie(LOGIN_CSRF_COOKIE))) {
            refuse(ctx, 403, next, shownName, "Le formulaire a expiré ou ne vient pas de Terrain : réessayez.");
            return;
        }
        if (name == null || name.isBlank() || password == null || password.isEmpty()) {
            refuse(ctx, 400, next, shownName, "Indiquez votre nom d'utilisateur et votre mot de passe.");
            return;
        }
        if (name.length() > 64 || password.length() > 1024) {
            refuse(ctx, 400, next, shownName, "Nom d'utilisateur ou mot de passe trop long.");
            return;
        }
        name = name.strip();
        Instant now = sessions.now();
        String ip = ClientAddress.of(ctx);
        if (LoginAttempts.recentFailures(store, name, ip, now.minus(LOCKOUT)) >= MAX_FAILURES_PER_NAME
                || LoginAttempts.recentFailuresFrom(store, ip, now.minus(LOCKOUT)) >= MAX_FAILURES_PER_ADDRESS) {
            ctx.header("Retry-After", String.valueOf(LOCKOUT.toSeconds()));
            refuse(ctx, 429, next, shownName, "Trop de tentatives de connexion : réessayez dans "
                    + LOCKOUT.toMinutes() + " minutes.");
            return;
        }
        Optional<AccountRecord> user = Accounts.find(store, name);
        boolean ok = user.isPresent() ? hasher.verify(password, user.get().passwordHash()) && !user.get().disabled()
                : hasher.verifyNothing(password);
        LoginAttempts.record(store, name, ip, ok, now);
        if (!ok) {
            refuse(ctx, 401, next, shownName, "Nom d'utilisateur ou mot de passe incorrect.");
            return;
        }
        if (hasher.needsRehash(user.get().passwordHash())) {
            Accounts.setPassword(store, name, hasher.hash(password));
        }
        sessions.discard(ctx); // a new id at every sign-in: a planted cookie never becomes a session
        WebSessions.Opened opened = sessions.open(ctx, user.get());
        Cookies.clear(ctx, LOGIN_CSRF_COOKIE, LOGIN);
        if (Replies.wantsPage(ctx) || !wantsJson(ctx)) {
            ctx.status(303).header("Location", next);
        } else {
            ctx.json(describe(user.get().account(), opened.csrfToken()));
        }
    }

    private void refuse(Context ctx, int status, String next, String name, String message) {
        if (wantsJson(ctx)) {
            Replies.error(ctx, status, message);
        } else {
            showForm(ctx, status, next, name, message);
        }
    }

    private void logout(Context ctx) {
        sessions.close(ctx);
        if (Replies.wantsPage(ctx) || !wantsJson(ctx)) {
            ctx.status(303).header("Location", LOGIN);
        } else {
            ctx.status(204);
        }
    }

    private void me(Context ctx) {
        Account account = CurrentUser.of(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(ContentType.APPLICATION_JSON).result(Json.write(describe(account,
                Gate.session(ctx).map(WebSession::csrfToken).orElse(null))));
    }

    private static Map<String, Object> describe(Account account, String csrfToken) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("name", account.name());
        me.put("role", account.role().label());
        me.put("role_name", account.role().frenchName());
        me.put("role_name_en", account.role().englishName());
        me.put("sectors", account.sectors());
        me.put("allSectors", account.role().seesAllSectors());
        me.put("permissions", account.role().permissions().stream().map(Enum::name).sorted().toList());
        me.put("csrfToken", csrfToken);
        return me;
    }

    private static boolean wantsJson(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("application/json");
    }

    /** Where to go after signing in: a path of this site only, never another site (no open redirect). */
    static String safeNext(String next) {
        if (next == null || next.isEmpty() || next.length() > 2000 || !next.startsWith("/") || next.startsWith("//")
                || next.startsWith(LOGIN) || next.startsWith(LOGOUT)) {
            return "/";
        }
        for (char c : next.toCharArray()) {
            if (c < 0x21 || c == 0x7f || c == '\\') {
                return "/";
            }
        }
        try {
            URI uri = new URI(next);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? next : "/";
        } catch (java.net.URISyntaxException e) {
            return "/";
        }
    }
}
