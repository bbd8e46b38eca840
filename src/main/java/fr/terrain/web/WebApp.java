package fr.terrain.web;

import fr.terrain.store.Status;
import fr.terrain.store.Store;
import io.javalin.Javalin;
import io.javalin.http.ContentType;

/**
 * The web app. For now one page saying what is loaded, and its JSON; the strategic map comes
 * with its own issue.
 */
public final class WebApp {
    private WebApp() {}

    public static Javalin create(Store store) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.staticFiles.add("/web");
        });
        app.get("/api/status", ctx -> ctx.contentType(ContentType.APPLICATION_JSON).result(Json.write(Status.read(store))));
        return app;
    }
}
