package fr.terrain.web;

import fr.terrain.account.Permission;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        script(); // a worker whose files are not all in the jar stops the server at its start, not at a phone's request
        return List.of(
                WebRoute.get(PAGE, Permission.CANVASS_OWN_TURFS, ctx -> Pages.send(ctx, "porte-a-porte.html")),
                WebRoute.open(HandlerType.GET, WORKER, CanvassRoutes::worker));
    }

    private static void worker(Context ctx) {
        ctx.header("Cache-Control", "no-cache").header("Service-Worker-Allowed", PAGE)
                .contentType("text/javascript; charset=utf-8").result(script());
    }

    /** Where the worker's script writes the version of its cache, which the server fills in. */
    static final String VERSION_MARK = "@VERSION@";

    /** The worker as served: its version read once, from the jar's files. */
    private static final class Served {
        static final byte[] SCRIPT = script(CanvassRoutes::resource).getBytes(StandardCharsets.UTF_8);
    }

    /** The worker's script as served. */
    static byte[] script() {
        return Served.SCRIPT;
    }

    /**
     * The worker's script with its cache's version: the start of a SHA-256 of the script and of every file its
     * {@code SHELL} lists (page, scripts, style, Leaflet), as {@code resources} gives them. A change to any of them is
     * a new version, whose activation replaces the phone's cached copies all together (the worker's comment says why);
     * nobody has to remember to bump it. The page's file is its template: what {@link Menu} and {@link DemoNotice} add
     * at each request is not in the digest (the network-first fetch still refreshes it).
     *
     * @param resources a file of the jar by its path ({@code /web/assets/porte-a-porte.js}); throws when there is none
     */
    static String script(java.util.function.Function<String, byte[]> resources) {
        String script = new String(resources.apply("/web/worker/porte-a-porte-sw.js"), StandardCharsets.UTF_8);
        if (!script.contains(VERSION_MARK)) {
            throw new IllegalStateException("le script du service worker n'a pas de marque " + VERSION_MARK);
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(script.getBytes(StandardCharsets.UTF_8));
        for (String url : shell(script)) {
            sha.update(url.getBytes(StandardCharsets.UTF_8));
            sha.update(resources.apply(resourceOf(url)));
        }
        return script.replace(VERSION_MARK, HexFormat.of().formatHex(sha.digest(), 0, 6));
    }

    /** The URLs the worker's {@code SHELL} array lists ({@code PAGE} for the page). */
    static List<String> shell(String script) {
        Matcher array = Pattern.compile("const SHELL = \\[(.*?)];", Pattern.DOTALL).matcher(script);
        if (!array.find()) {
            throw new IllegalStateException("le script du service worker n'a pas de tableau SHELL");
        }
        List<String> urls = new ArrayList<>();
        for (String entry : array.group(1).split(",")) {
            String e = entry.strip();
            if (e.equals("PAGE")) {
                urls.add(PAGE);
            } else if (e.length() > 2 && e.startsWith("'") && e.endsWith("'")) {
                urls.add(e.substring(1, e.length() - 1));
            } else if (!e.isEmpty()) {
                throw new IllegalStateException("entrée du tableau SHELL illisible : " + e);
            }
        }
        return urls;
    }

    /** The jar's file that a URL of the shell serves (as WebApp and Pages serve them). */
    static String resourceOf(String url) {
        if (url.equals(PAGE)) {
            return "/web/pages/porte-a-porte.html";
        }
        if (url.startsWith("/assets/")) {
            return "/web" + url;
        }
        if (url.startsWith("/webjars/")) {
            return "/META-INF/resources" + url;
        }
        throw new IllegalStateException("fichier du tableau SHELL servi par aucune route connue : " + url);
    }

    /** A file of the jar by its path; throws when there is none. */
    static byte[] resource(String path) {
        try (InputStream in = CanvassRoutes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("fichier absent du jar : " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
