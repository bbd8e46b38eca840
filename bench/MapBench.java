import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import fr.terrain.account.Account;
import fr.terrain.account.PasswordHasher;
import fr.terrain.account.Role;
import fr.terrain.account.Secrets;
import fr.terrain.ingest.FolderImport;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.ResultsOptions;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.Accounts;
import fr.terrain.store.ApiTokens;
import fr.terrain.store.Store;
import fr.terrain.web.WebApp;
import fr.terrain.web.map.MapSettings;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The strategic map's costs, server and browser, on the real Paris 2020 data (897 stations) and on
 * the generator's large city (10,000 stations), each in a temporary H2 store:
 * the station GeoJSON's size (raw and gzipped), the server's time to answer it warm (median of 50
 * requests after 10 warm-ups, over HTTP on localhost, with a trivial route as baseline in the same
 * run), and in headless Chromium (Playwright) the time from navigation to the map drawn and the
 * time to recolour it after an indicator change.
 *
 * <p>Usage: java -cp terrain.jar:playwright jars:out MapBench SHARED_DATA_DIR LARGE_CITY_DIR [CHROMIUM]
 * (LARGE_CITY_DIR from {@code terrain generate city --scale large --only arrondissements,stations,results}).
 * Prints three Markdown tables: server and browser (one row per city), and Paris against its targets.
 */
public final class MapBench {
    static final int WARM_UPS = 10;
    static final int REQUESTS = 50;
    static final int PAGE_LOADS = 5;
    static final int RECOLOURS = 10;
    static final String PASSWORD = "mot de passe du banc";
    static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    record City(String label, String election, String indicator, Store store) {}

    record ServerRow(String label, int stations, long rawBytes, long gzipBytes, double geojsonMs, double geojsonP90,
            double figuresMs, double baselineMs) {}

    record BrowserRow(String label, int stations, String renderer, double readyMs, double paintedMs, double wallMs,
            double recolourMs, double recolourPaintedMs) {}

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args[0]);
        Path large = Path.of(args[1]);
        Path chromium = Path.of(args.length > 2 ? args[2] : "/usr/bin/chromium");
        if (!Files.isExecutable(chromium)) {
            System.err.println("MapBench: Chromium not found at " + chromium + " (apt-get install chromium)");
            System.exit(2);
        }
        List<ServerRow> server = new ArrayList<>();
        List<BrowserRow> browser = new ArrayList<>();
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser chrome = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium)
                        .setHeadless(true).setArgs(CHROMIUM_ARGS))) {
            for (String which : List.of("paris", "large")) {
                Path home = Files.createTempDirectory("bench-map");
                try (Store store = Store.h2(home)) {
                    City city = which.equals("paris") ? loadParis(store, shared) : loadLarge(store, large);
                    Javalin app = WebApp.create(store, new MapSettings(null, null)).start(0);
                    try {
                        server.add(measureServer(city, app.port()));
                        browser.add(measureBrowser(city, app.port(), chrome));
                    } finally {
                        app.stop();
                    }
                } finally {
                    delete(home);
                }
            }
        }
        System.out.println("| city | stations | GeoJSON raw | GeoJSON gzip | GeoJSON (median, p90) | /api/figures (recolour) | /api/settings (baseline) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (ServerRow r : server) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %,.0f KB | %,.0f KB | %.1f ms, %.1f ms | %.1f ms | %.2f ms |%n", r.label(),
                    r.stations(), r.rawBytes() / 1024.0, r.gzipBytes() / 1024.0, r.geojsonMs(), r.geojsonP90(), r.figuresMs(),
                    r.baselineMs());
        }
        System.out.println();
        System.out.println("| city | stations | renderer | navigation → drawn (page) | → painted | wall clock (Playwright) | recolour (terrainTimings) | recolour → painted |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|---:|");
        for (BrowserRow r : browser) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %s | %,.0f ms | %,.0f ms | %,.0f ms | %,.0f ms | %,.0f ms |%n", r.label(),
                    r.stations(), r.renderer(), r.readyMs(), r.paintedMs(), r.wallMs(), r.recolourMs(), r.recolourPaintedMs());
        }
        printTargets(server.getFirst(), browser.getFirst());
    }

    /** Paris against the targets of the map's issue; the other city has no target, it shows the trend. */
    static void printTargets(ServerRow server, BrowserRow browser) {
        System.out.println();
        System.out.println("| Paris 2020 | measured | target | |");
        System.out.println("|---|---:|---:|---|");
        target("station GeoJSON, gzipped", server.gzipBytes() / 1024.0, 400, "%,.0f KB");
        target("server time for the GeoJSON (median, warm)", server.geojsonMs(), 50, "%.1f ms");
        target("navigation → map drawn", browser.readyMs(), 1500, "%,.0f ms");
        target("recolour after an indicator change", browser.recolourMs(), 200, "%,.0f ms");
    }

    static void target(String what, double measured, double limit, String format) {
        String unit = format.substring(format.indexOf(' '));
        System.out.printf(Locale.ROOT, "| %s | " + format + " | ≤ %,.0f%s | %s |%n", what, measured, limit, unit,
                measured <= limit ? "met" : "**missed**");
    }

    static City loadParis(Store store, Path shared) {
        Importer importer = new Importer(store, Progress.NONE, false);
        importer.results(shared.resolve("paris-municipales-2020-t1/paris_municipales_2020_t1_bv_long.csv"),
                ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA);
        importer.stations(shared.resolve("paris-bureaux-de-vote-geo/secteurs_bv_paris_2020.geojson"), null);
        importer.arrondissements(shared.resolve("paris-arrondissements/arrondissements.geojson"));
        importer.iris(shared.resolve("paris-iris-contours/contours_iris_paris_2013.geojson"), null);
        importer.iris(shared.resolve("paris-iris-insee/rp2016_iris_paris_population_age_csp.csv"), null);
        return new City("Paris 2020 t1 (réel)", "paris-2020-t1", "turnout", store);
    }

    static City loadLarge(Store store, Path dir) {
        List<FolderImport.Entry> entries = new FolderImport(new Importer(store, Progress.NONE, false), "demo").run(dir, e -> { });
        for (FolderImport.Entry e : entries) {
            if (e instanceof FolderImport.Failed f) {
                throw new IllegalStateException("import of " + f.file() + " failed: " + f.error());
            }
        }
        return new City("large city 2020 t1 (synthétique)", "demo-2020-t1", "turnout", store);
    }

    static String token(Store store, String name) {
        AccountRecord user = Accounts.add(store, Account.of(name, Role.DIRECTOR, Set.of()),
                new PasswordHasher(new PasswordHasher.Cost(64, 1, 1)).hash(PASSWORD), Instant.now());
        String token = "trn_" + Secrets.randomToken(32);
        ApiTokens.create(store, user.id(), Secrets.sha256(token), token.substring(0, 12), "bench", Instant.now());
        return token;
    }

    // ---------------------------------------------------------------- server

    static ServerRow measureServer(City city, int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = token(city.store(), "bench-api");
        String base = "http://localhost:" + port;
        String geojson = base + "/api/stations.geojson?election=" + city.election() + "&indicator=" + city.indicator();
        String figures = base + "/api/figures?election=" + city.election() + "&indicator=registered";
        byte[] raw = get(http, token, geojson, false).body();
        byte[] gz = get(http, token, geojson, true).body();
        int stations = new com.fasterxml.jackson.databind.ObjectMapper().readTree(raw).get("features").size();
        List<Double> g = timed(http, token, geojson);
        List<Double> f = timed(http, token, figures);
        List<Double> s = timed(http, token, base + "/api/settings");
        return new ServerRow(city.label(), stations, raw.length, gz.length, percentile(g, 50), percentile(g, 90),
                percentile(f, 50), percentile(s, 50));
    }

    static HttpResponse<byte[]> get(HttpClient http, String token, String url, boolean gzip) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (gzip) {
            b.header("Accept-Encoding", "gzip");
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " → " + r.statusCode());
        }
        return r;
    }

    /** Milliseconds per request, gzipped as a browser asks, after warm-ups. */
    static List<Double> timed(HttpClient http, String token, String url) throws Exception {
        for (int i = 0; i < WARM_UPS; i++) {
            get(http, token, url, true);
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            long t0 = System.nanoTime();
            get(http, token, url, true);
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        return ms;
    }

    // ---------------------------------------------------------------- browser

    /** Notes when the page says the map is ready, and the next frame after it (the map painted). */
    static final String WATCH_READY = """
            new MutationObserver((records, observer) => {
              if (document.body && document.body.dataset.map === 'ready' && !window.__readyAt) {
                window.__readyAt = performance.now();
                observer.disconnect();
                requestAnimationFrame(() => setTimeout(() => { window.__paintedAt = performance.now(); }));
              }
            }).observe(document, {attributes: true, subtree: true, attributeFilter: ['data-map']});
            """;

    /** Changes the indicator as a user would and times the recolour up to the next frame. */
    static final String RECOLOUR = """
            indicator => new Promise(resolve => {
              const before = Number(document.body.dataset.recolours || 0);
              const t0 = performance.now();
              new MutationObserver((records, observer) => {
                if (Number(document.body.dataset.recolours || 0) > before) {
                  observer.disconnect();
                  requestAnimationFrame(() => setTimeout(() => resolve({
                    painted: performance.now() - t0, recolour: window.terrainTimings.lastRecolour})));
                }
              }).observe(document.body, {attributes: true, attributeFilter: ['data-recolours']});
              const select = document.getElementById('indicator');
              select.value = indicator;
              select.dispatchEvent(new Event('change'));
            })""";

    static BrowserRow measureBrowser(City city, int port, Browser chrome) {
        String name = "bench-browser-" + city.election();
        Accounts.add(city.store(), Account.of(name, Role.DIRECTOR, Set.of()),
                new PasswordHasher(new PasswordHasher.Cost(64, 1, 1)).hash(PASSWORD), Instant.now());
        String base = "http://localhost:" + port;
        Browser.NewContextOptions options = new Browser.NewContextOptions().setViewportSize(1280, 900).setLocale("fr-FR");
        String signedIn;
        try (BrowserContext login = chrome.newContext(options)) {
            Page page = login.newPage();
            page.navigate(base + "/login");
            page.fill("#name", name);
            page.fill("#password", PASSWORD);
            page.click("button[type=submit]");
            page.waitForURL(u -> !u.contains("/login"));
            signedIn = login.storageState();
        }
        String url = base + "/carte?election=" + city.election() + "&indicator=" + city.indicator();
        List<Double> ready = new ArrayList<>();
        List<Double> painted = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        List<Double> recolour = new ArrayList<>();
        List<Double> recolourPainted = new ArrayList<>();
        int stations = 0;
        String renderer = "?";
        for (int run = 0; run <= PAGE_LOADS; run++) { // run 0 warms the server and the browser up
            // a fresh context each time: the session cookie, an empty cache
            try (BrowserContext context = chrome.newContext(options.setStorageState(signedIn))) {
                Page page = context.newPage();
                page.addInitScript(WATCH_READY);
                long t0 = System.nanoTime();
                page.navigate(url);
                page.waitForFunction("() => window.__paintedAt");
                double w = (System.nanoTime() - t0) / 1e6;
                if (run == 0) {
                    stations = Integer.parseInt((String) page.evaluate("() => document.body.dataset.stations"));
                    renderer = (Boolean) page.evaluate("() => !!document.querySelector('#map canvas')") ? "canvas" : "SVG";
                    continue;
                }
                ready.add(((Number) page.evaluate("() => window.__readyAt")).doubleValue());
                painted.add(((Number) page.evaluate("() => window.__paintedAt")).doubleValue());
                wall.add(w);
                if (run == 1) {
                    for (int i = 0; i < RECOLOURS; i++) {
                        @SuppressWarnings("unchecked")
                        Map<String, Number> r = (Map<String, Number>) page.evaluate(RECOLOUR,
                                i % 2 == 0 ? "registered" : city.indicator());
                        recolour.add(r.get("recolour").doubleValue());
                        recolourPainted.add(r.get("painted").doubleValue());
                    }
                }
            }
        }
        return new BrowserRow(city.label(), stations, renderer, percentile(ready, 50), percentile(painted, 50),
                percentile(wall, 50), percentile(recolour, 50), percentile(recolourPainted, 50));
    }

    // ---------------------------------------------------------------- helpers

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    static void delete(Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
