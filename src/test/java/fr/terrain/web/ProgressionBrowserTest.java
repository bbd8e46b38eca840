package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import fr.terrain.account.Role;
import fr.terrain.field.TurfScope;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.FieldFixtures;
import fr.terrain.store.FieldStore;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headquarters page in a real browser (Debian's Chromium driven by Playwright): the director
 * signs in, reads the table, and sees it change without reloading when a canvasser's phone syncs.
 */
class ProgressionBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path home;

    Store store;
    Javalin app;
    Browser browser;
    long turf11;
    String camille;

    @BeforeEach
    void start() {
        store = TestStores.h2(home);
        turf11 = FieldFixtures.save(store).turfIds().get(0);
        AccountRecord c = TestAccounts.user(store, "camille", Role.CANVASSER, 11);
        FieldStore.assign(store, new TurfScope.All(), turf11, c.id(), "test");
        camille = TestAccounts.token(store, c);
        TestAccounts.user(store, "directrice", Role.DIRECTOR);
        app = WebApp.create(store).start(0);
        browser = chromium.browser();
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
    }

    String url(String path) {
        return "http://localhost:" + app.port() + path;
    }

    /** The 11th's row, with French number spacing (narrow no-break spaces) read as plain spaces. */
    static java.util.List<String> cells(Page page) {
        return page.locator("#progress tbody tr[data-key=\"11\"] td").allTextContents().stream()
                .map(t -> t.replace('\u202f', ' ').replace('\u00a0', ' ')).toList();
    }

    /** The progress page, reached through the sign-in form as this user. */
    Page progression(String user, String query) {
        Page page = browser.newContext(new Browser.NewContextOptions().setLocale("fr-FR")).newPage();
        page.navigate(url("/login?next=/terrain/progression" + query));
        page.fill("#name", user);
        page.fill("#password", TestAccounts.PASSWORD);
        page.click("button[type=submit]");
        page.waitForURL(u -> u.contains("/terrain/progression"));
        return page;
    }

    /** An analyst may not see per-volunteer tallies (personal data): the page does not offer them. */
    @Test
    void anAnalystIsNotOfferedTheVolunteersGrouping() {
        TestAccounts.user(store, "analyste", Role.ANALYST);
        Page page = progression("analyste", "");
        page.waitForFunction("() => !document.querySelector('#by option[value=volunteer]')");
        assertThat(page.locator("#by option").allTextContents()).containsExactly("bureau de vote",
                "secteur (arrondissement ou commune)", "tournée");
        page.context().close();
    }

    @Test
    void theTableFollowsThePhonesLive() throws Exception {
        Page page = progression("directrice", "?by=sector");
        page.waitForFunction("() => document.querySelector('#progress tbody tr[data-key=\"11\"]')");
        assertThat(page.textContent("#group")).isEqualTo("Secteur");
        assertThat(cells(page)).containsExactly("11e", "3", "0", "0", "0", "0", "0", "0", "0", "0 %");
        page.waitForFunction("() => document.getElementById('live').textContent === 'en direct'");

        HttpResponse<String> sync = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/api/field/outcomes")))
                .header("Authorization", "Bearer " + camille).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FieldApiTest.batch(turf11, "p-1", "A1", "opened", "p-2", "A2",
                        "refused"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(200);
        // no reload: the stream's event makes the page read the figures again
        page.waitForFunction("() => document.querySelector('#progress tbody tr[data-key=\"11\"] td:nth-child(3)')"
                + ".textContent === '2'");
        // by hand: 3 doors in the 11th, 2 knocked, 2 visits, 1 contact (opened), 1 refusal, coverage 2/3
        assertThat(cells(page)).containsExactly("11e", "3", "2", "2", "1", "1", "0", "0", "0", "66,7 %");
        assertThat(page.textContent("#live")).startsWith("en direct — dernier envoi : 2 résultat(s)");
        // a second visit to a door already knocked: one more visit (an absent), the same doors knocked — the page says
        // which columns count doors and which count visits, so that 3 outcomes for 2 doors read as they should
        HttpResponse<String> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/api/field/outcomes")))
                .header("Authorization", "Bearer " + camille).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FieldApiTest.batch(turf11, "p-3", "A2", "absent"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        page.waitForFunction("() => document.querySelector('#progress tbody tr[data-key=\"11\"] td:nth-child(4)')"
                + ".textContent === '3'");
        assertThat(cells(page)).containsExactly("11e", "3", "2", "3", "1", "1", "0", "1", "0", "66,7 %");
        assertThat(page.locator("#progress thead th").allTextContents()).containsSubsequence("Portes frappées", "Visites",
                "Contacts");
        assertThat(page.textContent("#counting")).contains("Portes frappées compte chaque porte une fois")
                .contains("Visites compte chaque résultat noté");
        page.selectOption("#by", "turf");
        page.waitForFunction("() => document.getElementById('group').textContent === 'Tournée'");
        assertThat(page.locator("#progress tbody tr").first().locator("td").first().textContent()).isEqualTo("essai n° 001");
        assertThat(page.getAttribute("#csv", "href")).isEqualTo("/api/field/progress.csv?by=turf");
    }
}
