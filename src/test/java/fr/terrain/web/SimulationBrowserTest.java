package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import fr.terrain.RealData;
import fr.terrain.account.Role;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.ResultsOptions;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.Store;
import fr.terrain.web.map.MapSettings;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulation page in Debian's Chromium (Playwright) on the real Paris 2020 first round: one
 * row per sector, the seat histogram drawn, no script error (the page runs under the CSP).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulationBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    static Path home;

    Store store;
    Javalin app;
    Browser browser;

    @BeforeAll
    void start() {
        store = Store.h2(home);
        new Importer(store, Progress.NONE, false).results(RealData.file(RealData.RESULTS_2020), ResultsOptions.none(),
                SourceCategory.OFFICIAL_OPEN_DATA);
        TestAccounts.user(store, "directrice", Role.DIRECTOR);
        app = WebApp.create(store, new MapSettings(null, null)).start(0);
        browser = chromium.browser();
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

    /** Signs the director in through the real form; returns the app's address. */
    String signIn(Page page) {
        String base = "http://localhost:" + app.port();
        page.navigate(base + "/login");
        page.fill("#name", "directrice");
        page.fill("#password", TestAccounts.PASSWORD);
        page.click("button[type=submit]");
        page.waitForURL(url -> !url.contains("/login"));
        return base;
    }

    @Test
    void thePageShowsOneRowPerSectorAndDrawsTheHistogram() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900).setLocale("fr-FR"));
        Page page = context.newPage();
        List<String> errors = new ArrayList<>();
        page.onPageError(errors::add);
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                errors.add(m.text());
            }
        });
        String base = signIn(page);

        page.navigate(base + "/carte");
        page.click("a[href='/simulation']");
        page.waitForURL(url -> url.contains("/simulation"));
        page.waitForFunction("() => document.body.dataset.simulation === 'ready'");

        assertThat(page.locator("#sectors tbody tr").count()).isEqualTo(17);
        assertThat(page.locator("#sectors tbody tr[data-sector='7']").innerText()).contains("Mme DATI Rachida");
        assertThat(page.evaluate("() => document.body.dataset.histogram")).isEqualTo("drawn");
        Object painted = page.evaluate("() => { const c = document.getElementById('histogram');"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }");
        assertThat(((Number) painted).intValue()).as("painted pixels of the histogram").isGreaterThan(1000);

        page.selectOption("#camps", "paris-2020");
        page.click("#run");
        page.waitForFunction("() => document.body.dataset.simulation === 'ready' && location.search.includes('camps=paris-2020')");
        page.waitForFunction("() => document.querySelector('#camps-table tbody').innerText.includes('droite-dati')"
                + " || !document.getElementById('error').hidden");
        assertThat(page.locator("#error").isHidden()).as(page.locator("#error").innerText()).isTrue();
        assertThat(page.locator("#sectors tbody tr").count()).isEqualTo(17);
        page.click("#lang");
        assertThat(page.locator("#sectors thead").innerText()).contains("Tipping point");
        page.click("#lang");

        // The 2025 system, with a transfer matrix pasted: the council is elected city-wide.
        page.selectOption("#system", "paris-2025");
        page.fill("#transfers", "{\"lrem-buzyn\": {\"droite-dati\": 0.6, \"gauche-hidalgo\": 0.2}}");
        page.click("#run");
        page.waitForFunction("() => document.body.dataset.simulation !== 'running' && location.search.includes('system=paris-2025')");
        assertThat(page.locator("#error").isHidden()).as(page.locator("#error").innerText()).isTrue();
        assertThat(page.locator("#sectors-title").innerText()).contains("conseils d'arrondissement");
        assertThat(page.locator("#summary").innerText()).contains("163 sièges", "majorité absolue à 82");
        assertThat(page.locator("#sectors tbody tr").count()).isEqualTo(17);
        assertThat(page.locator("#sectors tbody tr[data-sector='7'] td").nth(1).innerText()).isEqualTo("10");

        Path shot = Path.of("target/artefacts/simulation-paris-2020.png");
        page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
        assertThat(errors).isEmpty();

        // The CSV example uploaded as a file fills the box and runs.
        page.setInputFiles("#transfers-file", Path.of("docs/examples/transfers-paris-2020.csv"));
        page.waitForFunction("() => document.getElementById('transfers').value.startsWith('from;to;share')");
        page.click("#run");
        page.waitForFunction("() => document.body.dataset.simulation !== 'running'");
        assertThat(page.locator("#error").isHidden()).as(page.locator("#error").innerText()).isTrue();

        // A bad matrix: the French error names the line and the column.
        page.fill("#transfers", "{\n  \"autres\": {\"gauche-hidalgo\": 2}\n}");
        page.click("#run");
        page.waitForFunction("() => document.body.dataset.simulation === 'error'");
        assertThat(page.locator("#error").innerText()).contains("transfers : ligne 2, colonne 32", "entre 0 et 1");
        assertThat(page.locator("main.sim").isHidden()).as("the figures of the run before, under this one's error").isTrue();

        // the 2025 system without a camps file: each sector's head of list is a list of its own, and the page says so
        page.selectOption("#camps", "label");
        page.fill("#transfers", "");
        page.click("#run");
        page.waitForFunction("() => document.body.dataset.simulation === 'ready' && location.search.includes('camps=label')");
        assertThat(page.locator("main.sim").isVisible()).isTrue();
        assertThat(page.locator("#warnings").isVisible()).isTrue();
        assertThat(page.locator("#warnings li").first().innerText()).contains("sans fichier de camps",
                "chaque tête de liste de secteur");
        page.selectOption("#system", "paris-1982");
        page.click("#run");
        page.waitForFunction("() => document.body.dataset.simulation === 'ready' && location.search.includes('system=paris-1982')");
        assertThat(page.locator("#warnings").isHidden()).as(page.locator("#warnings").innerText()).isTrue();
        // the browser logs the refused request itself; nothing else may have gone wrong
        assertThat(errors).allSatisfy(e -> assertThat(e).contains("status of 400"));
        context.close();
    }

    /**
     * The histogram's axis counts draws in thousands: written as the page's language writes them, not the browser's;
     * the user's role is in that language too.
     */
    @Test
    void theHistogramsNumbersAndTheUsersRoleReadInThePagesLanguageWhateverTheBrowsers() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)
                .setLocale("en-US"));
        Page page = context.newPage();
        String base = signIn(page);
        page.navigate(base + "/simulation?lang=fr");
        page.waitForFunction("() => document.body.dataset.simulation === 'ready' && document.body.dataset.histogram");
        String ticks = "(locale) => Chart.getChart(document.getElementById('histogram')).scales.y.ticks"
                + ".map(t => [t.value, t.label, new Intl.NumberFormat(locale).format(t.value)])";
        assertThat(page.evaluate("() => Math.max(...Chart.getChart(document.getElementById('histogram')).scales.y.ticks"
                + ".map(t => t.value))")).as("a tick of a thousand draws or more, written differently in French and"
                + " in English").satisfies(max -> assertThat(((Number) max).doubleValue()).isGreaterThanOrEqualTo(1000));
        assertThat((List<?>) page.evaluate(ticks, "fr-FR")).allSatisfy(t -> assertThat(((List<?>) t).get(1))
                .as("tick %s", t).isEqualTo(((List<?>) t).get(2)));
        page.waitForFunction("() => document.querySelector('[data-user]').textContent !== ''");
        assertThat(page.locator("[data-user]").innerText()).isEqualTo("directrice (direction de campagne)");
        page.click("#lang");
        page.waitForFunction("() => document.documentElement.lang === 'en'");
        assertThat(page.locator("[data-user]").innerText()).isEqualTo("directrice (campaign director)");
        assertThat((List<?>) page.evaluate(ticks, "en-GB")).allSatisfy(t -> assertThat(((List<?>) t).get(1))
                .as("tick %s", t).isEqualTo(((List<?>) t).get(2)));
        context.close();
    }
}

