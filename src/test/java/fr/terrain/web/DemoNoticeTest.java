package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import fr.terrain.RealData;
import fr.terrain.account.Role;
import fr.terrain.demo.CityGenerator;
import fr.terrain.ingest.FolderImport;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.ResultsOptions;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.Store;
import fr.terrain.web.map.MapSettings;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's synthetic city is labelled as such from the first page a visitor sees: the login page and every
 * signed-in page carry the thin bar in the HTML the server sends (no script needed), and a store of real imports
 * shows none. Two servers for the class: the small demo city imported as {@code terrain demo} imports it, and the
 * real Paris results of 2020.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoNoticeTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    private static final String BAR = "class=\"synthetic-data\"";
    private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @TempDir
    static Path home;

    Store demoStore;
    Store realStore;
    Javalin demo;
    Javalin real;
    String demoAdmin;
    String realAdmin;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startTheDemoCityAndTheRealData() throws IOException {
        Path city = Files.createDirectories(home.resolve("ville"));
        CityGenerator.generate(city, new CityGenerator.Settings(CityGenerator.Scale.SMALL, 1L), Progress.NONE);
        demoStore = Store.h2(Files.createDirectories(home.resolve("demo")));
        List<FolderImport.Entry> imported = new FolderImport(new Importer(demoStore, Progress.NONE, false),
                CityGenerator.TERRITORY).run(city, e -> { });
        assertThat(imported).noneMatch(e -> e instanceof FolderImport.Failed);
        demoAdmin = TestAccounts.session(demoStore, TestAccounts.user(demoStore, "demo", Role.ADMIN)).header();
        // signs in through the form, which rehashes the cheap test password and so closes the account's sessions
        TestAccounts.user(demoStore, "navigateur", Role.DIRECTOR);
        demo = WebApp.create(demoStore, new MapSettings(null, null)).start(0);

        realStore = Store.h2(Files.createDirectories(home.resolve("reel")));
        new Importer(realStore, Progress.NONE, false).results(RealData.file(RealData.RESULTS_2020),
                ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA);
        realAdmin = TestAccounts.session(realStore, TestAccounts.user(realStore, "directrice", Role.ADMIN)).header();
        real = WebApp.create(realStore, new MapSettings(null, null)).start(0);
    }

    @AfterAll
    void stop() {
        Stream.of(demo, real).filter(a -> a != null).forEach(Javalin::stop);
        Stream.of(demoStore, realStore).filter(s -> s != null).forEach(Store::close);
    }

    @Test
    void theDemoAddressLeadsToALoginPageThatSaysTheDataAreSynthetic() throws Exception {
        HttpResponse<String> home = get(demo, "/", null);
        assertThat(home.statusCode()).isEqualTo(302);
        String login = home.headers().firstValue("Location").orElseThrow();
        assertThat(login).startsWith("/login");

        HttpResponse<String> page = get(demo, login, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(bodyStart(page.body())).as("the bar opens the body, before the form")
                .startsWith("<p " + BAR + " role=\"note\">" + DemoNotice.TEXT + "</p>");
        assertThat(page.body()).contains("Données synthétiques de démonstration").contains(".synthetic-data {");
    }

    @Test
    void theLoginFormShownAgainAfterAFailureKeepsTheBar() throws Exception {
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(url(demo, "/login")))
                .header("Accept", HTML).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=demo&password=faux")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403); // no login CSRF cookie: the form is shown again
        assertThat(refused.body()).contains(BAR).contains(DemoNotice.TEXT);
    }

    @Test
    void everySignedInPageOfTheDemoCarriesTheBar() throws Exception {
        List<String> pages = new ArrayList<>();
        for (WebRoute route : WebApp.routes(demoStore)) {
            if (route.method() != HandlerType.GET || route.permission().isEmpty() || route.path().contains("{")
                    || route.path().startsWith("/api/")) {
                continue;
            }
            HttpResponse<String> r = get(demo, route.path(), demoAdmin);
            assertThat(r.headers().firstValue("Location").orElse("")).as(route.path()).doesNotStartWith("/login");
            if (r.statusCode() == 200 && r.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                assertThat(bodyStart(r.body())).as(route.path()).startsWith("<p " + BAR);
                pages.add(route.path());
            }
        }
        assertThat(pages).as("the pages walked").contains("/carte", "/donnees", "/plan", "/simulation", "/audit",
                "/conformite").hasSizeGreaterThan(10);
    }

    @Test
    void aStoreOfRealImportsShowsNoBar() throws Exception {
        HttpResponse<String> login = get(real, "/login", null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<form").doesNotContain(BAR).doesNotContain("synthétiques");
        for (String path : List.of("/carte", "/donnees", "/plan")) {
            HttpResponse<String> page = get(real, path, realAdmin);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains("<html lang=\"fr\">").doesNotContain(BAR)
                    .doesNotContain(DemoNotice.TEXT);
        }
    }

    @Test
    void everyPageHasAPlaceForTheBar() throws IOException {
        try (Stream<Path> pages = Files.list(Path.of("src/main/resources/web/pages"))) {
            for (Path page : pages.toList()) {
                String html = Pages.html(page.getFileName().toString());
                String labelled = DemoNotice.withBar(html);
                assertThat(bodyStart(labelled)).as(page.toString()).startsWith("<p " + BAR);
                assertThat(labelled.indexOf(".synthetic-data {")).as(page.toString())
                        .isBetween(0, labelled.indexOf("</head>"));
            }
        }
    }

    @Test
    void theBarIsAThinVisibleStripOnTheLoginPageAndAboveTheMap() {
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 800).setLocale("fr-FR"))) {
            Page page = context.newPage();
            page.navigate(url(demo, "/"));
            assertThat(URLDecoder.decode(page.url(), StandardCharsets.UTF_8)).contains("/login");
            Locator bar = page.locator(".synthetic-data");
            assertThat(bar.isVisible()).as("bar on the login page").isTrue();
            assertThat(bar.innerText()).contains("Données synthétiques de démonstration");
            BoundingBox onLogin = bar.boundingBox();
            assertThat(onLogin.height).as("a thin bar").isLessThan(60);
            assertThat(onLogin.y).as("above the login card").isLessThan(page.locator("main").boundingBox().y);

            page.fill("#name", "navigateur");
            page.fill("#password", TestAccounts.PASSWORD);
            page.click("button[type=submit]");
            page.waitForURL(u -> u.endsWith("/carte"));
            page.waitForFunction("() => document.body.dataset.map === 'ready'");
            bar = page.locator(".synthetic-data");
            assertThat(bar.isVisible()).as("bar on the map").isTrue();
            assertThat(bar.innerText()).contains("Données synthétiques de démonstration");
            BoundingBox onMap = bar.boundingBox();
            assertThat(onMap.y).as("across the top of the page").isEqualTo(0);
            assertThat(onMap.width).isEqualTo(1280);
            assertThat(onMap.height).as("a thin bar").isLessThan(40);
            BoundingBox map = page.locator("#map").boundingBox();
            assertThat(map.y).as("the map below the bar").isGreaterThanOrEqualTo(onMap.height);
            assertThat(map.height).as("the map still fills the page").isGreaterThan(500);
        }
    }

    /** What follows the body's opening tag. */
    private static String bodyStart(String html) {
        int body = html.indexOf("<body");
        assertThat(body).as("a <body> tag").isNotNegative();
        return html.substring(html.indexOf('>', body) + 1).stripLeading();
    }

    private HttpResponse<String> get(Javalin app, String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(app, path))).header("Accept", HTML);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String url(Javalin app, String path) {
        return "http://localhost:" + app.port() + path;
    }
}
