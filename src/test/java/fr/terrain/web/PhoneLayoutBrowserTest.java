package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import fr.terrain.account.Role;
import fr.terrain.demo.CityGenerator;
import fr.terrain.ingest.FolderImport;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.store.Store;
import fr.terrain.web.map.MapSettings;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a phone (390 px wide, Chromium), no page of the app scrolls sideways: wide tables scroll inside their own box,
 * headers and forms wrap. Every page an administrator can open, on the small demo city; each page's screenshot is
 * written to {@code target/artefacts/telephone/} for a person to look at.
 */
class PhoneLayoutBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path home;

    @Test
    void noPageIsWiderThanAPhone() throws Exception {
        Path city = Files.createDirectories(home.resolve("ville"));
        CityGenerator.generate(city, new CityGenerator.Settings(CityGenerator.Scale.SMALL, 1L), Progress.NONE);
        try (Store store = Store.h2(Files.createDirectories(home.resolve("base")))) {
            new FolderImport(new Importer(store, Progress.NONE, false), CityGenerator.TERRITORY).run(city, e -> { });
            TestAccounts.Session admin = TestAccounts.session(store, TestAccounts.user(store, "admin", Role.ADMIN));
            Javalin app = WebApp.create(store, new MapSettings(null, null)).start(0);
            Browser browser = chromium.browser();
            try {
                BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                        .setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true).setLocale("fr-FR"));
                phone.addCookies(List.of(new com.microsoft.playwright.options.Cookie(WebSessions.COOKIE, admin.cookie())
                        .setDomain("localhost").setPath("/")));
                Page page = phone.newPage();
                List<String> wide = new ArrayList<>();
                List<String> walked = new ArrayList<>();
                for (WebRoute route : WebApp.routes(store)) {
                    if (route.method() != HandlerType.GET || route.permission().isEmpty() || route.path().contains("{")
                            || route.path().startsWith("/api/") || route.path().contains(".")) {
                        continue;
                    }
                    var response = page.navigate("http://localhost:" + app.port() + route.path());
                    if (response.status() != 200 || !response.headerValue("content-type").startsWith("text/html")) {
                        continue;
                    }
                    // tables fill from the API after the load (no network idle: the progress page keeps a live stream)
                    page.waitForTimeout(1000);
                    int width = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
                    walked.add(route.path());
                    // for a person to look at: target/artefacts/telephone/<page>.png
                    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/artefacts/telephone",
                            route.path().substring(1).replace('/', '-') + ".png")));
                    if (width > 390) {
                        wide.add(route.path() + " (" + width + " px: " + page.evaluate("() => [...document.querySelectorAll"
                                + "('body *')].filter(e => e.getBoundingClientRect().right > 391 && !e.closest('.scroll'))"
                                + ".slice(0, 3).map(e => e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''))"
                                + ".join(', ')") + ")");
                    }
                }
                assertThat(walked).contains("/carte", "/donnees", "/blocs", "/campagnes", "/audit", "/conformite",
                        "/terrain/disponibilites").hasSizeGreaterThan(15);
                assertThat(wide).as("pages wider than the phone").isEmpty();
            } finally {
                app.stop();
            }
        }
    }
}
