package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import fr.terrain.account.Role;
import fr.terrain.field.Suggestions;
import fr.terrain.field.WeeklySlot;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.Accounts;
import fr.terrain.store.FieldFixtures;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import fr.terrain.store.TurfRows;
import fr.terrain.store.Volunteers;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages an organizer of the 19th works with once volunteers and turfs exist (Chromium through Playwright):
 * the team page on a phone, and the assignment page when a volunteer holding turfs has left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganizerPagesBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    static Path home;

    Store store;
    Javalin app;
    Browser browser;
    TestAccounts.Session organizer;
    AccountRecord nadia;
    AccountRecord theo;
    long nadiasTurf;
    long theosTurf;
    long freeTurf;
    long concarneauTurf;

    @BeforeAll
    void start() {
        store = TestStores.h2(home);
        organizer = TestAccounts.session(store, TestAccounts.user(store, "orga19", Role.ORGANIZER, 19));
        nadia = TestAccounts.user(store, "nadia", Role.CANVASSER, 19);
        theo = TestAccounts.user(store, "theo", Role.CANVASSER, 19);
        Volunteers.addTeam(store, "19e Buttes-Chaumont", 19, Instant.now(), "test");
        Volunteers.setAvailability(store, nadia.id(), List.of(new WeeklySlot(DayOfWeek.SATURDAY, LocalTime.of(9, 0),
                LocalTime.of(13, 0)), new WeeklySlot(DayOfWeek.WEDNESDAY, LocalTime.of(18, 0), LocalTime.of(21, 0))),
                Optional.of(new Suggestions.Point(2.3820, 48.8800)), Instant.now());
        long plan = TurfRows.plan(store, "19e samedi");
        nadiasTurf = TurfRows.turf(store, plan, 1, 19, 2.3820, 48.8800, 95, "logement", List.of());
        theosTurf = TurfRows.turf(store, plan, 2, 19, 2.3850, 48.8820, 100, "logement", List.of());
        freeTurf = TurfRows.turf(store, plan, 3, 19, 2.3870, 48.8830, 90, "logement", List.of());
        TurfRows.assign(store, nadiasTurf, nadia.id());
        TurfRows.assign(store, theosTurf, theo.id());
        // a commune the direction works in too (ADR 0032), named by its BAN address; the organizer of the 19th sees none of it
        FieldFixtures.banAddress(store, "29039_essais_00001", 1, "Rue des Essais", "29039", "Concarneau", -3.91, 47.87);
        store.jdbi().useHandle(h -> h.execute("INSERT INTO station (vintage, code, arrondissement, bureau_number)"
                + " VALUES (2022, '29039-1', 29039, 1)"));
        Volunteers.addTeam(store, "Centre-ville", 29039, Instant.now(), "test");
        concarneauTurf = TurfRows.turf(store, TurfRows.plan(store, "Concarneau samedi"), 1, 29039, -3.91, 47.87, 60,
                "logement", List.of());
        app = WebApp.create(store).start(0);
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

    String url(String path) {
        return "http://localhost:" + app.port() + path;
    }

    Page signedIn(Browser.NewContextOptions options) {
        return MapBrowserTest.signedIn(browser, organizer, options);
    }

    Long assignee(long turfId) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT assigned_to FROM turf WHERE id = :t").bind("t", turfId)
                .mapTo(Long.class).findOne().orElse(null));
    }

    @Test
    void theTeamPageListingVolunteersFitsAPhone() {
        Page page = signedIn(new Browser.NewContextOptions().setViewportSize(390, 844).setIsMobile(true).setHasTouch(true));
        page.navigate(url("/terrain/equipes"));
        page.waitForFunction("() => document.body.dataset.ready === 'yes'");
        assertThat(page.locator("#volunteers tbody tr[data-volunteer]").count()).as("orga19, nadia, theo").isEqualTo(3);
        // an organizer of the 19th only creates teams in the 19th: the arrondissement is filled in (it was empty, and
        // « Créer l'équipe » refused the form until they typed it)
        assertThat(page.inputValue("#team-arrondissement")).isEqualTo("19");
        int width = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
        assertThat(width).as("the page's width on a 390 px phone").isLessThanOrEqualTo(390);
        page.context().close();
    }

    @Test
    void aMistypedSectorInTheInvitationFormIsRefusedSayingWhatToWrite() {
        Page page = signedIn(new Browser.NewContextOptions().setViewportSize(1280, 900));
        page.navigate(url("/terrain/equipes"));
        page.waitForFunction("() => document.body.dataset.ready === 'yes'");
        // the 19th written as its commune code: the page shows what the command line would say (ADR 0032)
        page.fill("#invite-sectors", "19, 75119");
        page.click("#invite button[type=submit]");
        page.locator("#invite-status.error").waitFor();
        assertThat(page.locator("#invite-status").innerText()).isEqualTo("secteurs : « 75119 » est Paris 19e : écrivez 19");
        assertThat(page.locator("#invitation").isHidden()).isTrue();

        page.fill("#invite-sectors", "19");
        page.click("#invite button[type=submit]");
        page.locator("#invitation:not([hidden])").waitFor();
        assertThat(page.locator("#invitation-link").innerText()).contains("/invitation/");
        page.context().close();
    }

    /** The direction's pages name a commune's team and turf as the BAN does, not by its code (ADR 0032). */
    @Test
    void aCommunesTeamAndTurfAreNamedByTheCommune() {
        Page page = MapBrowserTest.signedIn(browser, TestAccounts.session(store, TestAccounts.user(store, "direction",
                Role.DIRECTOR)), new Browser.NewContextOptions().setViewportSize(1280, 900));
        page.navigate(url("/terrain/equipes"));
        page.waitForFunction("() => document.body.dataset.ready === 'yes'");
        assertThat(page.locator("#teams li").allInnerTexts())
                .containsExactlyInAnyOrder("19e Buttes-Chaumont · 19e", "Centre-ville · Concarneau (29039)");
        page.navigate(url("/terrain/affectation"));
        page.waitForFunction("() => document.body.dataset.ready === 'yes'");
        assertThat(page.locator(".card[data-turf='" + concarneauTurf + "'] strong").innerText())
                .isEqualTo("Tournée 1 · Concarneau samedi · Concarneau (29039)");
        // volunteers of the 19th may lend a hand in Concarneau, but the choice and its message say they are from elsewhere
        var pick = page.locator(".card[data-turf='" + concarneauTurf + "'] select");
        assertThat(pick.locator("option[value='" + nadia.id() + "']").innerText()).isEqualTo("nadia (autre secteur)");
        assertThat(page.locator(".card[data-turf='" + freeTurf + "'] select option[value='" + nadia.id() + "']")
                .innerText()).isEqualTo("nadia");
        pick.selectOption(String.valueOf(nadia.id()));
        page.waitForFunction("() => document.getElementById('status').textContent.startsWith('Tournée confiée')");
        assertThat(page.locator("#status").innerText())
                .isEqualTo("Tournée confiée à nadia, bénévole d'un autre secteur.");
        page.locator(".card[data-turf='" + concarneauTurf + "'] select").selectOption(""); // given back: other tests' state
        page.waitForFunction("() => document.getElementById('status').textContent === 'Tournée libérée.'");
        page.navigate(url("/terrain/tournees"));
        page.waitForFunction("() => document.querySelectorAll('#sector option[value=\"29039\"]').length === 1");
        assertThat(page.locator("#sector option[value='29039']").innerText()).isEqualTo("Concarneau (29039) · 1 bureau");
        page.navigate(url("/terrain/porte-a-porte"));
        page.waitForFunction("() => document.body.dataset.view === 'list-ready'");
        assertThat(page.locator("#turfs a[data-turf='" + concarneauTurf + "'] strong").innerText())
                .startsWith("Tournée 1 du plan « Concarneau samedi » · Concarneau (29039) · bureau");
        page.context().close();
    }

    /**
     * A turf given by someone else since the page was loaded is not silently given again: the page is told who holds
     * it now and shows it (two organizers at once were both told « confiée », the last one won; found by a crawl).
     */
    @Test
    void aTurfGivenMeanwhileBySomeoneElseIsSaidNotReplaced() {
        Page page = MapBrowserTest.signedIn(browser, TestAccounts.session(store, TestAccounts.user(store, "direction2",
                Role.DIRECTOR)), new Browser.NewContextOptions().setViewportSize(1280, 900));
        page.navigate(url("/terrain/affectation"));
        page.waitForFunction("() => document.body.dataset.ready === 'yes'");
        assertThat(page.locator(".card[data-turf='" + concarneauTurf + "'] select").inputValue()).isEmpty();
        fr.terrain.store.FieldStore.assign(store, new fr.terrain.field.TurfScope.All(), concarneauTurf, nadia.id(),
                "autre-organisateur");
        try {
            page.locator(".card[data-turf='" + concarneauTurf + "'] select").selectOption(String.valueOf(nadia.id()));
            page.waitForFunction("() => document.getElementById('status').className === 'error'");
            assertThat(page.locator("#status").innerText()).contains("a changé de mains entre-temps : elle est confiée"
                    + " à nadia");
            page.waitForFunction("id => document.querySelector(`.card[data-turf='${id}'] select`).value === '"
                    + nadia.id() + "'", String.valueOf(concarneauTurf));
            assertThat(fr.terrain.store.AuditLog.all(store).stream().filter(e -> e.action().equals("field.assign")
                    && e.actor().equals("direction2"))).isEmpty();
        } finally {
            fr.terrain.store.FieldStore.assign(store, new fr.terrain.field.TurfScope.All(), concarneauTurf, null, "test");
            page.context().close();
        }
    }

    @Test
    void aSuggestionsDistanceIsWrittenTheFrenchWay() {
        Page page = signedIn(new Browser.NewContextOptions().setViewportSize(1366, 850));
        page.navigate(url("/terrain/affectation"));
        page.waitForFunction("() => document.body.dataset.ready === 'yes'");
        page.click("#suggest");
        var suggestion = page.locator(".card[data-turf='" + freeTurf + "'].suggested");
        suggestion.waitFor();
        // Nadia's home (2.3820, 48.8800) to the turf's start (2.3870, 48.8830): 334 m north, 366 m east, 495 m
        assertThat(suggestion.innerText()).contains("Suggestion : nadia (0,5 km)");
        page.context().close();
    }

    @Test
    void aRefusedSlotOnTheAvailabilityPageIsNamedByItsRowNotByTheApisField() {
        Page page = MapBrowserTest.signedIn(browser, TestAccounts.session(store, nadia), new Browser.NewContextOptions()
                .setViewportSize(390, 844).setIsMobile(true).setHasTouch(true));
        page.navigate(url("/terrain/disponibilites"));
        page.waitForFunction("() => document.body.dataset.ready === 'yes'");
        assertThat(page.locator("#slots tr").count()).as("Nadia's two slots").isEqualTo(2);
        page.click("#add-slot");
        page.locator("#slots tr").nth(2).locator(".start").fill("15:00");
        page.locator("#slots tr").nth(2).locator(".end").fill("14:00");
        page.click("#availability button[type=submit]");
        page.locator("#status.error").waitFor();
        // the volunteer sees rows, not the JSON the page sends (« availability[2] : … »)
        assertThat(page.locator("#status").innerText()).startsWith("Créneau 3 : ").doesNotContain("availability");
        page.context().close();
    }

    @Test
    void withoutABlocThePlanPageDoesNotAskAnOrganizerToCreateOne() {
        Page page = signedIn(new Browser.NewContextOptions().setViewportSize(1366, 850));
        page.navigate(url("/plan"));
        page.waitForFunction("() => !document.getElementById('message').hidden");
        // blocs are the direction's (MANAGE_DATA): the page Blocs is read-only for an organizer
        assertThat(page.locator("#message").innerText()).doesNotContain("créez-en").contains("direction de campagne");
        page.context().close();
    }

    @Test
    void onAPhoneTheAssignmentAndTeamPagesControlsAreSizedForAThumb() {
        // drag and drop needs a mouse: on a phone each turf's list is the way to give it, and it must take a finger
        Page page = signedIn(new Browser.NewContextOptions().setViewportSize(390, 844).setIsMobile(true).setHasTouch(true));
        page.navigate(url("/terrain/affectation"));
        page.waitForFunction("() => document.body.dataset.ready === 'yes'");
        page.click("#suggest");
        page.locator(".card.suggested").first().waitFor();
        @SuppressWarnings("unchecked")
        List<String> small = (List<String>) page.evaluate("() => [...document.querySelectorAll("
                + "'main select, main button, .card a')].filter(e => e.offsetParent !== null).map(e => {"
                + " const r = e.getBoundingClientRect();"
                + " return r.width < 44 || r.height < 44 ? (e.textContent || e.getAttribute('aria-label') || e.tagName).trim()"
                + " .slice(0, 30) + ' ' + Math.round(r.width) + '×' + Math.round(r.height) : null; }).filter(x => x)");
        assertThat(small).as("controls under 44 × 44 CSS px").isEmpty();
        assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
        // and the team page, where volunteers are put in teams and invited
        page.navigate(url("/terrain/equipes"));
        page.waitForFunction("() => document.body.dataset.ready === 'yes'");
        @SuppressWarnings("unchecked")
        List<String> smallOnTeams = (List<String>) page.evaluate("() => [...document.querySelectorAll("
                + "'main select, main button, main input')].filter(e => e.offsetParent !== null).map(e => {"
                + " const r = e.getBoundingClientRect();"
                + " return r.width < 44 || r.height < 44 ? (e.id || e.getAttribute('aria-label') || e.textContent).trim()"
                + " .slice(0, 30) + ' ' + Math.round(r.width) + '×' + Math.round(r.height) : null; }).filter(x => x)");
        assertThat(smallOnTeams).as("controls of the team page under 44 × 44 CSS px").isEmpty();
        page.context().close();
    }

    @Test
    void aTurfHeldByAVolunteerWhoLeftStaysOnTheAssignmentPageAndCanBeTakenBack() {
        Accounts.disable(store, "theo"); // the account is disabled, the turf stays assigned to it
        Page page = signedIn(new Browser.NewContextOptions().setViewportSize(1280, 900));
        page.navigate(url("/terrain/affectation"));
        page.waitForFunction("() => document.body.dataset.ready === 'yes'");
        assertThat(page.locator(".card[data-turf='" + freeTurf + "']").count()).isEqualTo(1);
        assertThat(page.locator(".zone[data-user='" + nadia.id() + "'] .card[data-turf='" + nadiasTurf + "']").count())
                .isEqualTo(1);
        var held = page.locator(".zone[data-user='" + theo.id() + "']");
        assertThat(held.locator(".card[data-turf='" + theosTurf + "']").count()).as("Théo's turf, under his name").isEqualTo(1);
        assertThat(held.locator("h3").innerText()).contains("theo").contains("désactivé");
        assertThat(held.locator("select").inputValue()).as("the turf's list names who holds it").isEqualTo(String.valueOf(theo.id()));

        held.locator(".card[data-turf='" + theosTurf + "'] select").selectOption("");
        page.waitForSelector("#unassigned .card[data-turf='" + theosTurf + "']");
        assertThat(assignee(theosTurf)).isNull();
        assertThat(page.locator(".zone[data-user='" + theo.id() + "']").count()).as("nothing left under Théo").isZero();
        page.context().close();
    }
}
