package fr.terrain.web;

import fr.terrain.account.Permission;
import fr.terrain.store.Status;
import fr.terrain.store.Store;
import io.javalin.Javalin;
import io.javalin.http.ContentType;
import java.util.ArrayList;
import java.util.List;

/**
 * The web app. Every feature contributes a list of {@link WebRoute}s; the whole route table is
 * visible in {@link #routes}; {@link Gate} checks each route's permission before its handler runs.
 */
public final class WebApp {
    private WebApp() {}

    public static Javalin create(Store store) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.staticFiles.add("/web");
        });
        Gate.install(app, store);
        for (WebRoute r : routes(store)) {
            app.addHttpHandler(r.method(), r.path(), r.handler(), Gate.roles(r));
        }
        return app;
    }

    /** Every route of the app with the permission it requires. */
    public static List<WebRoute> routes(Store store) {
        List<WebRoute> routes = new ArrayList<>(AuthRoutes.routes(store));
        routes.add(WebRoute.get("/api/status", Permission.READ_AGGREGATES,
                ctx -> ctx.contentType(ContentType.APPLICATION_JSON).result(Json.write(Status.read(store)))));
        return routes;
    }
}
