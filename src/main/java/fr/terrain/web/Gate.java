package fr.terrain.web;

import fr.terrain.account.Account;
import fr.terrain.account.Permission;
import fr.terrain.account.Secrets;
import fr.terrain.store.ApiToken;
import fr.terrain.store.ApiTokens;
import fr.terrain.store.Store;
import fr.terrain.store.WebSession;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that decides who may call what. Before every request it finds the caller (an
 * {@code Authorization: Bearer} API token, else the session cookie); before every matched route it
 * checks the session's CSRF token on changes, then the route's {@link Permission}.
 * Static assets (scripts, styles, WebJars) are public; every page is a route.
 */
public final class Gate {
    /** The permission a route requires, as Javalin carries it to {@code ctx.routeRoles()}. */
    public record Access(Permission permission) implements RouteRole {}

    /** Marks a public form that does not act with the session's rights ({@link WebRoute#tokenForm}). */
    public enum TokenForm implements RouteRole { INSTANCE }

    /** Header (or form field {@value #CSRF_FIELD}) carrying the session's CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "_csrf";

    private static final String SESSION = "terrain.session";
    private static final String CREDENTIAL = "terrain.credential";
    private static final Set<HandlerType> CHANGES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);
    private static final Duration TOKEN_USE_WRITTEN_EVERY = Duration.ofMinutes(1);

    private final Store store;
    private final WebSessions sessions;

    Gate(Store store, WebSessions sessions) {
        this.store = store;
        this.sessions = sessions;
    }

    /** The roles to register a route with: its permission, or none for a public route. */
    static RouteRole[] roles(WebRoute route) {
        if (route.tokenForm()) {
            return new RouteRole[] {TokenForm.INSTANCE};
        }
        return route.permission().map(p -> new RouteRole[] {new Access(p)}).orElseGet(() -> new RouteRole[0]);
    }

    /** Guards every request of the app with the store's accounts, sessions and tokens. */
    static void install(Javalin app, Store store) {
        Gate gate = new Gate(store, new WebSessions(store, Clock.systemUTC()));
        app.before(gate::identify);
        app.beforeMatched(gate::authorize);
    }

    /**
     * Asks whether the request's credential (its token, or its session) still holds: a request that lasts, as a live
     * stream does, asks again, or a disabled account kept hearing of the outcomes of its sectors (found by a crawl).
     */
    static java.util.function.BooleanSupplier credential(Context ctx) {
        java.util.function.BooleanSupplier check = ctx.attribute(CREDENTIAL);
        return check != null ? check : () -> false;
    }

    /** The session behind the request, when the caller signed in with the cookie (not with a token). */
    static Optional<WebSession> session(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SESSION));
    }

    private void identify(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            Optional<ApiToken> token = bearer(authorization);
            if (token.isEmpty()) {
                ctx.header("WWW-Authenticate", "Bearer");
                ctx.status(401).contentType("application/json").result(Json.write(java.util.Map.of("error",
                        "jeton d'API inconnu, révoqué ou mal formé (attendu : Authorization: Bearer JETON)")));
                ctx.skipRemainingHandlers();
                return;
            }
            Instant now = sessions.now();
            ApiTokens.markUsed(store, token.get().id(), now, now.minus(TOKEN_USE_WRITTEN_EVERY));
            CurrentUser.set(ctx, token.get().account());
            long id = token.get().id();
            ctx.attribute(CREDENTIAL, (java.util.function.BooleanSupplier) () -> ApiTokens.find(store, id)
                    .filter(ApiToken::usable).isPresent());
            return;
        }
        Optional<WebSession> session = sessions.find(ctx);
        if (session.isPresent()) {
            CurrentUser.set(ctx, session.get().account());
            ctx.attribute(SESSION, session.get());
            ctx.attribute(CREDENTIAL, (java.util.function.BooleanSupplier) () -> sessions.live(session.get()));
        }
    }

    private Optional<ApiToken> bearer(String authorization) {
        if (authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        if (token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        return ApiTokens.findByHash(store, Secrets.sha256(token)).filter(ApiToken::usable);
    }

    private void authorize(Context ctx) {
        Optional<WebSession> session = session(ctx);
        if (session.isPresent() && CHANGES.contains(ctx.method()) && !ctx.path().equals(AuthRoutes.LOGIN)
                && !ctx.routeRoles().contains(TokenForm.INSTANCE)) {
            String sent = ctx.header(CSRF_HEADER);
            if (sent == null) {
                sent = ctx.formParam(CSRF_FIELD);
            }
            if (!Secrets.constantTimeEquals(sent, session.get().csrfToken())) {
                Replies.error(ctx, 403, "jeton CSRF manquant ou invalide : renvoyez l'en-tête " + CSRF_HEADER
                        + " (donné par /api/me) ou le champ " + CSRF_FIELD + " du formulaire ; rechargez la page si besoin");
                ctx.skipRemainingHandlers();
                return;
            }
        }
        Optional<Permission> required = ctx.routeRoles().stream().filter(Access.class::isInstance)
                .map(r -> ((Access) r).permission()).findFirst();
        if (required.isEmpty()) {
            return;
        }
        Optional<Account> user = CurrentUser.find(ctx);
        if (user.isEmpty()) {
            if (Replies.wantsPage(ctx) && Replies.isRead(ctx)) {
                toLogin(ctx);
            } else {
                ctx.header("WWW-Authenticate", "Bearer");
                Replies.error(ctx, 401, "connexion requise");
            }
            ctx.skipRemainingHandlers();
        } else if (!user.get().has(required.get())) {
            Replies.error(ctx, 403, "accès refusé : le rôle « " + user.get().role().frenchName() + " » ("
                    + user.get().role().label() + ") ne donne pas accès " + required.get().accessTo());
            ctx.skipRemainingHandlers();
        }
    }

    private static void toLogin(Context ctx) {
        String target = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        ctx.status(302).header("Location", AuthRoutes.LOGIN + "?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
    }
}
