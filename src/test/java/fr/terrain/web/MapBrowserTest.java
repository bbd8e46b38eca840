package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import fr.terrain.RealData;
import fr.terrain.account.Role;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.ResultsOptions;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.Store;
import fr.terrain.web.map.MapSettings;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The strategic map in a real browser (Debian's Chromium driven by Playwright) on the real Paris
 * data of 2020: one server for the class on the run's browser, a director signed in once through the
 * login form. Chromium is required: without it the test fails, it never skips.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapBrowserTest {
    /** For a test that launches a browser of its own; the others share {@link Chromium}'s. */
    static final Path CHROMIUM = Chromium.EXECUTABLE;
    static final List<String> CHROMIUM_ARGS = Chromium.ARGS;

    /** A French page of a new browser context signed in with this session's cookie. */
    static Page signedIn(Browser browser, TestAccounts.Session session) {
        return signedIn(browser, session, new Browser.NewContextOptions());
    }

    /** The same with the context's options (a phone's viewport, touch). */
    static Page signedIn(Browser browser, TestAccounts.Session session, Browser.NewContextOptions options) {
        BrowserContext context = browser.newContext(options.setLocale("fr-FR"));
        context.addCookies(List.of(new com.microsoft.playwright.options.Cookie(WebSessions.COOKIE, session.cookie())
                .setDomain("localhost").setPath("/")));
        return context.newPage();
    }
    static final String NO_VALUE = "#d9d9d9";
    static final String DATI = "Mme DATI Rachida";

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    static Path home;

    Store store;
    Javalin app;
    Browser browser;
    BrowserContext director;
    final List<BrowserContext> extraContexts = new ArrayList<>();

    @BeforeAll
    void startServerAndBrowser() {
        store = Store.h2(home);
        Importer importer = new Importer(store, Progress.NONE, false);
        importer.results(RealData.file(RealData.RESULTS_2020), ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA);
        importer.stations(RealData.file(RealData.STATIONS_2020), null);
        importer.arrondissements(RealData.file(RealData.ARRONDISSEMENTS));
        importer.iris(RealData.file(RealData.IRIS_CONTOURS_2013), null);
        importer.iris(RealData.file(RealData.RP2016_POPULATION), null);
        TestAccounts.user(store, "directrice", Role.DIRECTOR);
        TestAccounts.user(store, "militant", Role.CANVASSER);
        TestAccounts.user(store, "analyste", Role.ANALYST);
        app = WebApp.create(store, new MapSettings(null, null)).start(0);

        browser = chromium.browser();
        director = browser.newContext(Chromium.desktop());
        Page page = director.newPage();
        signIn(page, "directrice");
        assertThat(page.url()).as("a director lands on the map").endsWith("/carte");
        page.close();
    }

    @AfterEach
    void closeExtraContexts() {
        extraContexts.forEach(BrowserContext::close);
        extraContexts.clear();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.stop();
        }
        if (store != null) {
            store.close();
        }
    }

    String url(String path) {
        return "http://localhost:" + app.port() + path;
    }

    /** Fills in and submits the real login form, as a person would. */
    void signIn(Page page, String name) {
        page.navigate(url("/login"));
        page.fill("#name", name);
        page.fill("#password", TestAccounts.PASSWORD);
        page.click("button[type=submit]");
        page.waitForURL(url -> !url.contains("/login"));
    }

    BrowserContext newContext() {
        BrowserContext c = browser.newContext(Chromium.desktop());
        extraContexts.add(c);
        return c;
    }

    /** A fresh page of the signed-in director with the map drawn. */
    Page map(String query) {
        Page page = director.newPage();
        page.navigate(url("/carte" + query));
        page.waitForFunction("() => document.body.dataset.map === 'ready'");
        return page;
    }

    static Map<String, String> fillByStation(Page page) {
        @SuppressWarnings("unchecked")
        Map<String, String> fills = (Map<String, String>) page.evaluate(
                "() => Object.fromEntries([...document.querySelectorAll('path.bv')].map(p => [p.dataset.code, p.getAttribute('fill')]))");
        return fills;
    }

    static int recolours(Page page) {
        Object n = page.evaluate("() => Number(document.body.dataset.recolours || 0)");
        return ((Number) n).intValue();
    }

    static void waitForRecolours(Page page, int atLeast) {
        page.waitForFunction("n => Number(document.body.dataset.recolours || 0) >= n", atLeast);
    }

    /** Moves the real mouse onto a point of the station's polygon (not its box: polygons are not convex). */
    static void pointAt(Page page, String code) {
        @SuppressWarnings("unchecked")
        Map<String, Number> point = (Map<String, Number>) page.evaluate("""
                code => {
                  const path = document.querySelector(`path.bv[data-code="${code}"]`);
                  const r = path.getBoundingClientRect();
                  for (let step = 16; step >= 1; step /= 2)
                    for (let y = r.top + 1; y < r.bottom; y += step)
                      for (let x = r.left + 1; x < r.right; x += step)
                        if (document.elementFromPoint(x, y) === path) return {x, y};
                  return null;
                }""", code);
        assertThat(point).as("a visible point of station " + code).isNotNull();
        page.mouse().move(point.get("x").doubleValue(), point.get("y").doubleValue());
    }

    static String normalised(String text) {
        return text.replaceAll("[\\s\\u00a0\\u202f]+", " ").strip();
    }

    @Test
    void theDirectorSeesOnePolygonPerStationOfParis() throws Exception {
        Page page = map("");
        assertThat(page.locator("path.bv").count()).isEqualTo(897);
        assertThat(page.evaluate("() => document.body.dataset.stations")).isEqualTo("897");
        assertThat(page.locator("path.bv[data-code='7-3']").count()).isEqualTo(1);
        assertThat(normalised(page.textContent("#legend"))).contains("Participation");
        Path artefacts = Files.createDirectories(Path.of("target", "artefacts"));
        page.screenshot(new Page.ScreenshotOptions().setPath(artefacts.resolve("carte-paris-2020.png")));
        page.close();
    }

    /** On a phone every control of the map is in view at once (a select was cut by the edge of a panel that scrolled). */
    @Test
    void onAPhoneNoControlIsCutByItsPanel() {
        BrowserContext phone = browser.newContext(Chromium.phone());
        extraContexts.add(phone);
        Page page = phone.newPage();
        signIn(page, "directrice");
        page.navigate(url("/carte"));
        page.waitForFunction("() => document.body.dataset.map === 'ready'");
        @SuppressWarnings("unchecked")
        List<Object> cut = (List<Object>) page.evaluate("() => { const panel = document.querySelector('.controls')"
                + ".getBoundingClientRect(); return [...document.querySelectorAll('.controls select')]"
                + ".filter(s => s.getClientRects().length).filter(s => { const r = s.getBoundingClientRect();"
                + " return r.top < panel.top || r.bottom > panel.bottom; }).map(s => s.id); }");
        assertThat(cut).as("selects outside the panel's visible box").isEmpty();
        assertThat(page.locator(".controls select:visible").count()).isGreaterThanOrEqualTo(4);
        assertThat(((Number) page.evaluate("() => document.querySelector('#map').getBoundingClientRect().height"))
                .doubleValue()).as("the map keeps its size below").isGreaterThan(400);
    }

    @Test
    void changingTheIndicatorRecoloursTheMap() {
        Page page = map("");
        Map<String, String> turnout = fillByStation(page);
        int before = recolours(page);

        page.selectOption("#indicator", "registered");
        waitForRecolours(page, before + 1);

        Map<String, String> registered = fillByStation(page);
        assertThat(page.evaluate("() => document.body.dataset.indicator")).isEqualTo("registered");
        assertThat(registered.keySet()).isEqualTo(turnout.keySet());
        // Both indicators use the same seven-class sequential palette: what changes is which station gets which colour.
        assertThat(new HashSet<>(turnout.values())).hasSize(7).doesNotContain(NO_VALUE);
        assertThat(new HashSet<>(registered.values())).hasSize(7).doesNotContain(NO_VALUE);
        assertThat(new HashSet<>(registered.entrySet())).as("stations change colour").isNotEqualTo(new HashSet<>(turnout.entrySet()));
        long changed = turnout.keySet().stream().filter(code -> !turnout.get(code).equals(registered.get(code))).count();
        assertThat(changed).as("stations whose colour changed").isGreaterThan(897 / 4);
        assertThat(normalised(page.textContent("#legend"))).contains("Inscrits").doesNotContain("Participation");
        assertThat(page.locator("path.bv").count()).as("recolouring keeps the polygons").isEqualTo(897);
        page.close();
    }

    /**
     * An indicator the server refuses (the plan's hours, with no bloc saved) shows its error, and leaves neither the
     * colours nor the legend of the indicator before it, which would read as this one's.
     */
    @Test
    void anIndicatorTheServerRefusesLeavesNoColourNorLegendOfTheOneBefore() {
        store.jdbi().useHandle(h -> h.execute("DELETE FROM bloc")); // another test of the class may have saved one
        Page page = map("");
        assertThat(normalised(page.textContent("#legend"))).contains("Participation");
        page.selectOption("#indicator", "plan:hours");
        page.waitForSelector("#error:not([hidden])");
        assertThat(page.textContent("#error")).contains("bloc");
        assertThat(page.textContent("#legend")).isEmpty();
        assertThat(new HashSet<>(fillByStation(page).values())).containsOnly(NO_VALUE);
        page.close();
    }

    /**
     * A legend's classes read as different bounds: Paris has few farmers, so the census's weighted counts by station
     * (and their shares) have breaks a unit or a tenth apart, which rounded alike (« 1 – 1 », « 0,1 % – 0,1 % »).
     */
    @Test
    void aLegendNeverReadsTwoDifferentBoundsAlike() {
        Page page = map("");
        @SuppressWarnings("unchecked")
        List<String> farmers = (List<String>) page.evaluate("() => [...document.querySelectorAll('#indicator option')]"
                + ".filter(o => o.textContent.includes('agriculteurs exploitants')).map(o => o.value)");
        assertThat(farmers).isNotEmpty();
        int n = recolours(page);
        for (String indicator : farmers) {
            page.selectOption("#indicator", indicator);
            waitForRecolours(page, ++n);
            for (String row : page.locator("#legend .row").allInnerTexts()) {
                String[] bounds = normalised(row).split(" – ");
                if (bounds.length == 2) {
                    assertThat(bounds[0]).as("%s: %s", indicator, row).isNotEqualTo(bounds[1]);
                }
            }
        }
        page.close();
    }

    /**
     * An organizer of a commune the round has no results for (Concarneau, on Paris 2020): no station to draw, so the
     * page says why, and the legend has no class to read (it read « ≤ pas de donnée » beside a coloured square).
     */
    @Test
    void anOrganizerWithoutStationsInTheRoundIsToldWhyAndGetsNoEmptyClass() {
        TestAccounts.user(store, "orga-concarneau", Role.ORGANIZER, 29039);
        Page page = newContext().newPage();
        signIn(page, "orga-concarneau");
        page.navigate(url("/carte"));
        page.waitForFunction("() => document.body.dataset.map === 'ready'");
        assertThat(page.evaluate("() => document.body.dataset.stations")).isEqualTo("0");
        assertThat(page.locator("#notice").isVisible()).isTrue();
        assertThat(page.locator("#notice").innerText()).contains("Aucun bureau de vote à montrer",
                "n’a pas de résultats dans vos secteurs");
        assertThat(page.locator("#legend .row").allInnerTexts()).extracting(MapBrowserTest::normalised)
                .containsExactly("pas de donnée");

        // the director's map of the same round: its stations, no such notice, classes in the legend
        Page director = map("");
        assertThat(director.locator("#notice").innerText()).doesNotContain("Aucun bureau de vote à montrer");
        assertThat(director.locator("#legend .row").count()).isGreaterThan(2);
        director.close();
    }

    @Test
    void theTooltipOfStation7_3GivesItsTurnoutAndRegisteredVoters() {
        Page page = map("");
        pointAt(page, "7-3");
        Locator tip = page.locator(".leaflet-tooltip .bv-tip[data-code='7-3']");
        tip.waitFor();
        String text = normalised(tip.textContent());
        // 573 votants / 1 318 inscrits, read by hand in the source file
        assertThat(text).contains("Bureau 7-3").contains("43,5 %").contains("Inscrits : 1 318");
        page.close();
    }

    @Test
    void theShareOfDatisListColoursOnlyTheSeventh() {
        Page page = map("");
        int n = recolours(page);
        page.selectOption("#indicator", "list-share");
        waitForRecolours(page, ++n);
        Locator dati = page.locator("#lists label[data-label='" + DATI.toLowerCase() + "'] input");
        if (!dati.isChecked()) {
            dati.check();
            waitForRecolours(page, ++n);
        }
        @SuppressWarnings("unchecked")
        List<String> checked = (List<String>) page.evaluate("() => [...document.querySelectorAll('#lists input:checked')].map(i => i.value)");
        for (String other : checked) {
            if (!DATI.equals(other)) {
                page.locator("#lists label[data-label='" + other.toLowerCase() + "'] input").uncheck();
                waitForRecolours(page, ++n);
            }
        }
        assertThat(page.locator("#lists input:checked").count()).isEqualTo(1);

        Map<String, String> fills = fillByStation(page);
        Map<String, String> seventh = new HashMap<>();
        fills.forEach((code, fill) -> {
            if (code.startsWith("7-")) {
                seventh.put(code, fill);
            }
        });
        assertThat(seventh).hasSize(25);
        assertThat(seventh.values()).as("Dati's list ran in the 7th").doesNotContain(NO_VALUE);
        fills.keySet().removeAll(seventh.keySet());
        assertThat(fills).hasSize(897 - 25);
        assertThat(new HashSet<>(fills.values())).as("no value elsewhere").containsExactly(NO_VALUE);
        page.close();
    }

    @Test
    void clickingAStationOpensItsPanelWithItsResults() {
        Page page = map("");
        pointAt(page, "7-3");
        page.mouse().down();
        page.mouse().up();
        Locator panel = page.locator("#panel[data-code='7-3']");
        panel.waitFor();
        assertThat(panel.isVisible()).isTrue();
        String counts = normalised(page.innerText("#panel table.counts"));
        assertThat(counts).contains("Inscrits 1 318").contains("Votants 573").contains("Exprimés 569");
        Locator dati = page.locator("#panel table.lists tr", new Page.LocatorOptions().setHasText(DATI));
        assertThat(normalised(dati.innerText())).contains("309").contains("54,31");
        page.close();
    }

    @Test
    void theTableSortsByANumericColumn() {
        Page page = map("");
        page.click("button[data-view=table]");
        page.waitForSelector("#table tbody tr");
        assertThat(page.locator("#table tbody tr").count()).isEqualTo(897);
        // the indicator is the turnout: one Participation column, not the turnout's and the indicator's
        assertThat(page.locator("#table th").allTextContents()).containsOnlyOnce("Participation").hasSize(8);
        assertThat(page.locator("#table tbody tr:first-child td").count()).isEqualTo(8);
        Locator header = page.locator("#table th[data-key=registered]");
        header.click();
        assertThat(header.getAttribute("aria-sort")).isEqualTo("descending");
        assertThat(firstValues(page, 4)).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        header.click();
        assertThat(header.getAttribute("aria-sort")).isEqualTo("ascending");
        List<Long> ascending = firstValues(page, 4);
        assertThat(ascending).isSorted();
        assertThat(ascending.getFirst()).isPositive();
        page.close();
    }

    /** The first rows' registered voters (the fourth column), formatted in French. */
    static List<Long> firstValues(Page page, int rows) {
        List<Long> out = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            String text = page.textContent("#table tbody tr:nth-child(" + i + ") td:nth-child(4)");
            out.add(Long.parseLong(text.replaceAll("\\D", "")));
        }
        return out;
    }

    @Test
    void aCanvasserIsRefusedTheMapAndAnAnalystSeesIt() {
        Page canvasser = newContext().newPage();
        signIn(canvasser, "militant");
        assertThat(canvasser.url()).as("a canvasser lands on their own page").endsWith("/militant");
        Response refused = canvasser.navigate(url("/carte"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(normalised(canvasser.textContent("h1"))).isEqualTo("Accès refusé");
        assertThat(canvasser.locator("#map").count()).as("no map is ever shown").isZero();
        assertThat(canvasser.locator("script").count()).isZero();

        Page analyst = newContext().newPage();
        signIn(analyst, "analyste");
        assertThat(analyst.url()).endsWith("/carte");
        analyst.waitForFunction("() => document.body.dataset.map === 'ready'");
        assertThat(analyst.locator("path.bv").count()).isEqualTo(897);
        // From the analyst's own browser session, a person list is refused (aggregates only).
        Object status = analyst.evaluate("() => fetch('/api/voters?contest=paris-2020&view=list').then(r => r.status)");
        assertThat(((Number) status).intValue()).isEqualTo(403);
    }

    @Test
    void pagesCarryTheSecurityHeadersAndChangesNeedTheCsrfToken() {
        Page page = director.newPage();
        Response carte = page.navigate(url("/carte"));
        page.waitForFunction("() => document.body.dataset.map === 'ready'");
        Map<String, String> headers = carte.allHeaders();
        assertThat(headers.get("content-security-policy")).contains("script-src 'self';");
        assertThat(headers.get("x-content-type-options")).isEqualTo("nosniff");
        assertThat(headers.get("x-frame-options")).isEqualTo("DENY");
        // An inline script injected into the page is blocked by the policy.
        page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.appendChild(s); }");
        assertThat(page.evaluate("() => window.injected === undefined")).isEqualTo(true);
        // With the session cookie but without the CSRF token, a change is refused; with it, accepted.
        String bloc = "{\"name\": \"essai\", \"ours\": {\"paris-2020-t1\": [\"Mme DATI Rachida\"]}}";
        Object without = page.evaluate("b => fetch('/api/blocs', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                + " body: b}).then(r => r.status)", bloc);
        assertThat(((Number) without).intValue()).isEqualTo(403);
        Object with = page.evaluate("b => fetch('/api/me').then(r => r.json()).then(me => fetch('/api/blocs', {method: 'POST',"
                + " headers: {'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken}, body: b})).then(r => r.status)", bloc);
        assertThat(((Number) with).intValue()).isEqualTo(201);
        page.close();
    }

    /** The blocs page fills its choices (session.js's option()) and draws the chosen round's lists. */
    @Test
    void theBlocsPageOffersTheRoundAndDrawsItsLists() {
        Page page = director.newPage();
        page.navigate(url("/blocs"));
        page.locator("#lists tbody tr").first().waitFor();
        assertThat(page.locator("#election option").allTextContents()).containsExactly("paris-2020-t1");
        assertThat(page.inputValue("#election")).isEqualTo("paris-2020-t1");
        assertThat(page.locator("#bloc option").first().textContent()).isEqualTo("— nouveau bloc —");
        assertThat(page.locator("#lists tbody tr[data-label='" + DATI + "']").count()).as("a list of the 2020 round").isEqualTo(1);
        assertThat(page.isHidden("#message")).as("no error").isTrue();
        page.close();
    }

    @Test
    void theDataPageSaysWhatIsLoadedInFrenchWords() {
        Page page = director.newPage();
        page.navigate(url("/donnees"));
        page.locator("#elections tbody tr").first().waitFor();
        // the official 2020 file: 897 stations, 9,561 result rows, held on 15 March 2020
        assertThat(normalised(page.locator("#elections tbody tr").first().innerText()))
                .isEqualTo("paris-2020-t1 municipales 15/03/2020 1er tour 897 9 561 2020 897");
        assertThat(page.locator("nav.menu [aria-current=page]").innerText()).isEqualTo("Données");
        assertThat(normalised(page.locator("#database").innerText())).matches("Base : .* — \\d+ import\\(s\\)\\.");
        page.close();
    }

    @Test
    void theLanguageButtonSwitchesToEnglish() {
        BrowserContext english = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)
                .setStorageState(director.storageState()));
        extraContexts.add(english);
        Page page = english.newPage();
        page.navigate(url("/carte"));
        page.waitForFunction("() => document.body.dataset.map === 'ready'");
        assertThat(normalised(page.textContent("button[data-view=map]"))).isEqualTo("Carte");

        page.evaluate("() => { window.beforeReload = true; }");
        page.click("#lang");
        page.waitForFunction("() => !window.beforeReload && document.body.dataset.map === 'ready'");
        assertThat(page.evaluate("() => document.documentElement.lang")).isEqualTo("en");
        assertThat(normalised(page.textContent("button[data-view=map]"))).isEqualTo("Map");
        assertThat(normalised(page.textContent("button[data-view=table]"))).isEqualTo("Table");
        assertThat(normalised(page.textContent("#lang"))).isEqualTo("FR");
        assertThat(normalised(page.textContent("nav.menu [aria-current=page]"))).isEqualTo("Strategic map");
        assertThat(normalised(page.textContent("nav.menu a[href='/terrain/progression']"))).isEqualTo("Canvassing progress");
        assertThat(normalised(page.textContent("#legend"))).contains("no data");
        page.waitForFunction("() => document.querySelector('[data-user]').textContent !== ''");
        assertThat(page.textContent("[data-user]")).endsWith(" (campaign director)");
    }
}
