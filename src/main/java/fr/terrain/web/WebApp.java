package fr.terrain.web;

import fr.terrain.account.Account;
import fr.terrain.account.Permission;
import fr.terrain.account.Role;
import fr.terrain.field.AddressMatcher;
import fr.terrain.store.FieldData;
import fr.terrain.store.Geography;
import fr.terrain.store.Status;
import fr.terrain.store.Store;
import fr.terrain.store.TrackingEvents;
import fr.terrain.web.map.MapRoutes;
import fr.terrain.web.map.MapSettings;
import fr.terrain.web.simulation.SimulationRoutes;
import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.router.EndpointNotFound;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The web app. Every feature contributes a list of {@link WebRoute}s; the whole route table is
 * visible in {@link #routes}; {@link Gate} checks each route's permission before its handler runs.
 * Static assets (scripts, styles, WebJars) are public; pages and API answers go through routes.
 */
public final class WebApp {
    /**
     * Pages load scripts only from this site (no inline script), so that a name or a place taken
     * from an imported file can never run as code; images may come from a configured tile server.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";

    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

    private WebApp() {}

    /** @throws BadSetting when a {@code TERRAIN_…} variable of the environment holds what the app cannot use */
    public static Javalin create(Store store) {
        return create(store, MapSettings.fromEnvironment());
    }

    public static Javalin create(Store store, MapSettings settings) {
        return create(store, settings, List.of());
    }

    /**
     * The app with extra routes tried before all others (a benchmark's baseline handler, so that it pays the same
     * route matching as the tracking endpoints, which come first).
     */
    public static Javalin create(Store store, MapSettings settings, List<WebRoute> first) {
        return create(store, settings, first, ClientAddress.fromEnvironment());
    }

    /** A setting of the environment the app cannot start with; its message names the variable and what it expects. */
    public static final class BadSetting extends IllegalArgumentException {
        BadSetting(String message) {
            super(message);
        }
    }

    static Javalin create(Store store, MapSettings settings, List<WebRoute> first, ClientAddress clients) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.gzipOnlyCompression();
            config.staticFiles.add(files -> {
                files.hostedPath = "/assets";
                files.directory = "/web/assets";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            config.appData(DemoNotice.KEY, new DemoNotice(store));
            config.appData(ClientAddress.KEY, clients);
            config.appData(Menu.HOLDS_TURF, name -> fr.terrain.store.FieldStore.holdsTurf(store, name));
        });
        // a page opened in a tab (a link of a page loaded earlier) gets a page, an API call its JSON
        app.exception(HttpResponseException.class, (e, ctx) -> {
            if (Replies.wantsPage(ctx)) {
                Replies.error(ctx, e.getStatus(), e.getMessage());
            } else {
                ctx.status(e.getStatus()).contentType(ContentType.APPLICATION_JSON)
                        .result(Json.compact(Map.of("error", e.getMessage())));
            }
        });
        // anything a handler did not expect: logged with its trace for the administrator (without the addresses its
        // messages may quote), a French reply that tells the caller nothing of the inside (Javalin's: "Server Error")
        app.exception(Exception.class, (e, ctx) -> {
            LoggerFactory.getLogger(WebApp.class).error("erreur interne : {} {} : {}", ctx.method(), ctx.path(),
                    LogSafe.describe(e), LogSafe.trace(e));
            Replies.error(ctx, 500, "erreur interne du serveur ; elle est consignée dans son journal");
        });
        // an address no route serves: Javalin's own reply is English ("Endpoint GET /x not found")
        app.exception(EndpointNotFound.class, (e, ctx) -> Replies.error(ctx, 404, Replies.wantsPage(ctx)
                ? "Aucune page de Terrain à l'adresse " + ctx.path() + "." : "introuvable : " + ctx.method() + " " + ctx.path()));
        app.before(ctx -> {
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY).header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "same-origin").header("X-Frame-Options", "DENY");
            if (Cookies.secure(ctx)) { // behind TLS (directly or through a proxy): browsers keep to HTTPS for a year
                ctx.header("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
            }
            // no text of Terrain holds a NUL, and PostgreSQL refuses one in any text it is given (an error 500 where
            // H2 answered: the sign-in form, filters, corrections): refused here, once for every route
            if (holdsNul(ctx)) {
                Replies.error(ctx, 400, "caractère nul (U+0000) dans la requête : refusé");
                ctx.skipRemainingHandlers();
            }
        });
        Gate.install(app, store);
        FieldRoutes field = new FieldRoutes(store);
        MapRoutes map = new MapRoutes(store, settings, field.sectorNames);
        List<WebRoute> all = new ArrayList<>(first);
        all.addAll(routes(store, map, field));
        for (WebRoute r : all) {
            app.addHttpHandler(r.method(), r.path(), r.handler(), Gate.roles(r));
        }
        app.events(e -> {
            e.serverStarted(() -> Thread.ofVirtual().name("map-warm-up").start(map::warmUp));
            // a live stream never ends by itself: a stop that waits for the requests under way would wait for it
            e.serverStopping(field::closeStreams);
            e.serverStopped(() -> TrackingEvents.flush(store)); // the opens and clicks still queued
        });
        return app;
    }

    /**
     * Whether the request's address or body holds a NUL character: as sent, encoded in the address or a form
     * ({@code %00}), or escaped in a JSON string (a JSON body's « %00 » is text, an e-mail's link say).
     */
    static boolean holdsNul(Context ctx) {
        String query = ctx.queryString();
        if (ctx.path().contains("%00") || ctx.path().indexOf('\0') >= 0 || query != null && (query.contains("%00")
                || query.indexOf('\0') >= 0)) {
            return true;
        }
        if (ctx.method() == io.javalin.http.HandlerType.GET || ctx.method() == io.javalin.http.HandlerType.HEAD
                || ctx.contentLength() == 0) {
            return false;
        }
        String body = ctx.body();
        boolean form = String.valueOf(ctx.contentType()).startsWith("application/x-www-form-urlencoded");
        return body.indexOf('\0') >= 0 || (form ? body.contains("%00") : body.contains("\\u0000"));
    }

    /** Requests being handled at this moment (a live stream waiting for news is not one). */
    public static int requestsInFlight(Javalin app) {
        return statistics(app).getDispatchedActive();
    }

    /**
     * Stops the app gracefully with Jetty's own mechanism: the port is closed at once (new connections refused), the
     * requests under way get up to {@code wait} to finish (counted by the {@code StatisticsHandler} Javalin installs),
     * then whatever remains is cut. Returns whether every request finished in time.
     */
    public static boolean stop(Javalin app, java.time.Duration wait) {
        statistics(app).getServer().setStopTimeout(wait.toMillis());
        try {
            app.stop();
            return true;
        } catch (io.javalin.util.JavalinException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.util.concurrent.TimeoutException) {
                    return false;
                }
            }
            throw e;
        }
    }

    private static org.eclipse.jetty.server.handler.StatisticsHandler statistics(Javalin app) {
        return app.jettyServer().server().getChildHandlerByClass(org.eclipse.jetty.server.handler.StatisticsHandler.class);
    }

    /** Where {@code /} leads an account: the DPO to the compliance page, the headquarters to the map, a canvasser home. */
    static String startPage(Account account) {
        return account.role() == Role.DPO ? "/conformite"
                : account.has(Permission.READ_AGGREGATES) ? "/carte" : "/militant";
    }

    /** Every route of the app with the permission it requires. */
    public static List<WebRoute> routes(Store store) {
        FieldRoutes field = new FieldRoutes(store);
        return routes(store, new MapRoutes(store, MapSettings.fromEnvironment(), field.sectorNames), field);
    }

    private static List<WebRoute> routes(Store store, MapRoutes map, FieldRoutes field) {
        // Javalin tries routes in this order, one regular expression each: the tracking endpoints, which take most of
        // the traffic after a send (every open and click), come first instead of after some sixty others
        List<WebRoute> routes = new ArrayList<>(new TrackingRoutes(store).routes());
        routes.addAll(AuthRoutes.routes(store));
        routes.add(WebRoute.get("/", Permission.SIGNED_IN, ctx -> ctx.redirect(startPage(CurrentUser.of(ctx)))));
        routes.add(WebRoute.get("/militant", Permission.SIGNED_IN, ctx -> Pages.send(ctx, "militant.html")));
        routes.add(WebRoute.get("/donnees", Permission.READ_AGGREGATES, ctx -> Pages.send(ctx, "donnees.html")));
        // what is loaded reads every contour, address and voter (seconds at national scale): once per version of each
        ByDataVersion<Status> loaded = new ByDataVersion<>(store, (s, version) -> Status.loaded(s));
        ByDataVersion<List<Status.VoterStatus>> voters = new ByDataVersion<>(store, FieldData::votersVersion,
                (s, version) -> Status.voters(s));
        routes.add(WebRoute.get("/api/status", Permission.READ_AGGREGATES, ctx -> {
            Status status = loaded.current().withVoters(voters.current());
            // the file's path or the server's address are the administrator's business: others read the kind only
            if (!CurrentUser.of(ctx).has(Permission.MANAGE_USERS)) {
                status = status.withDatabase(store.dialect() == Store.Dialect.H2 ? "H2" : "PostgreSQL");
            }
            ctx.contentType(ContentType.APPLICATION_JSON).result(Json.write(status));
        }));
        routes.addAll(map.routes());
        routes.addAll(new SimulationRoutes(store).routes());
        routes.addAll(AuditRoutes.routes(store));
        routes.addAll(ComplianceRoutes.routes(store));
        routes.addAll(VoterRoutes.routes(store, field.sectorNames));
        // the BAN addresses' matcher (seconds to build at Paris scale), shared by the pages that match voters to it
        ByDataVersion<AddressMatcher> matchers = new ByDataVersion<>(store,
                (s, version) -> AddressMatcher.of(Geography.addresses(s)));
        routes.addAll(UnmatchedRoutes.routes(store, matchers, field.sectorNames));
        routes.addAll(new RightsRoutes(store).routes());
        routes.addAll(AccountRoutes.routes(store, field.sectorNames));
        routes.addAll(field.routes());
        routes.addAll(TurfCutRoutes.routes(store, matchers, field.sectorNames));
        routes.addAll(VolunteerRoutes.routes(store, field.sectorNames));
        routes.addAll(CanvassRoutes.routes());
        routes.addAll(new MailRoutes(store, field.sectorNames).routes());
        routes.addAll(new CampaignStatsRoutes(store, field.sectorNames).routes());
        return routes;
    }
}
