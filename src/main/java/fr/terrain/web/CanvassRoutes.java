package fr.terrain.web;

import fr.terrain.account.Permission;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The canvassing page (issue 7, item 5): {@code /terrain/porte-a-porte}, phone-first, and its
 * service worker. The page talks only to the field API ({@code /api/field/…}); the worker keeps
 * the page, its scripts, Leaflet and the turfs in the phone's cache so that it opens and works
 * without network, and outcomes wait in IndexedDB until they are synced.
 */
final class CanvassRoutes {
    static final String PAGE = "/terrain/porte-a-porte";
    /**
     * The worker's script. It lives under {@code /terrain/}, so it may control the page; it is
     * public (it holds no data, and a browser re-fetches it to look for updates even when the
     * session has ended) and never cached by HTTP, so a new version reaches phones at once.
     */
    static final String WORKER = "/terrain/porte-a-porte-sw.js";

    private CanvassRoutes() {}

    static List<WebRoute> routes() {
        return List.of(
                WebRoute.get(PAGE, Permission.CANVASS_OWN_TURFS, ctx -> Pages.send(ctx, "porte-a-porte.html")),
                WebRoute.open(HandlerType.GET, WORKER, CanvassRoutes::worker));
    }

    private static void worker(Context ctx) {
        ctx.header("Cache-Control", "no-cache").header("Service-Worker-Allowed", PAGE)
                .contentType("text/javascript; charset=utf-8").result(script());
    }

    private static byte[] script() {
        try (InputStream in = CanvassRoutes.class.getResourceAsStream("/web/worker/porte-a-porte-sw.js")) {
            if (in == null) {
                throw new IllegalStateException("script du service worker absent du jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
