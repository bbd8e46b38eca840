package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import fr.terrain.account.Role;
import fr.terrain.account.Secrets;
import fr.terrain.field.Suggestions;
import fr.terrain.privacy.ConsentChannel;
import fr.terrain.field.WeeklySlot;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.ConsentLedger;
import fr.terrain.store.InvitationLinks;
import fr.terrain.store.Store;
import fr.terrain.store.TurfRows;
import fr.terrain.store.Volunteers;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages a volunteer uses on a phone, one-handed (390×844, touch): every control they touch offers at least
 * 44×44 CSS px to the finger (Apple HIG; WCAG 2.2 2.5.5), the page does not scroll sideways, and on the canvassing
 * page the next door and its outcome buttons stay in view without scrolling. Also, on a phone, the assignment page's
 * status message does not cover the « Accepter toutes les suggestions » button.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TapTargetsBrowserTest {
    /** The smallest side of a tap target, in CSS px. */
    static final int MIN = 44;

    /**
     * The controls of the page under the minimum: every visible button, link, field, list, summary or role=button, measured
     * by its own box or, for a field inside a label, the label's (the label takes the tap too).
     */
    static final String SMALL_TARGETS = smallTargets("button, a, input, select, summary, [role=button]");

    /** As {@link #SMALL_TARGETS}, among the elements {@code selector} picks (a CSS selector without quotes). */
    static String smallTargets(String selector) {
        return """
            min => [...document.querySelectorAll('SELECTOR')]
              .filter(el => el.type !== 'hidden' && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
              .map(el => {
                const own = el.getBoundingClientRect();
                const label = el.closest('label');
                const box = label ? label.getBoundingClientRect() : own;
                const w = Math.max(own.width, box.width), h = Math.max(own.height, box.height);
                const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.type && el.tagName !== 'BUTTON' ? '[' + el.type + ']' : '')
                  + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                  + ' « ' + ((label || el).textContent || el.value || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 30) + ' »';
                return {name, w, h};
              })
              .filter(t => t.w < min || t.h < min)
              .map(t => t.name + ' ' + Math.round(t.w) + '×' + Math.round(t.h))""".replace("SELECTOR", selector);
    }

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    static Path home;

    Store store;
    Javalin app;
    Browser browser;
    long turf;
    TestAccounts.Session organizer;
    String invitation;

    @BeforeAll
    void start() {
        store = Store.h2(home);
        ConsentLedger.addNotice(store, "porte-2026-01", ConsentChannel.CANVASS_OPINION, "Nous faisons campagne pour la liste"
                + " Terrain. Si vous le voulez bien, nous notons votre avis ; vous pouvez refuser.", "test");
        // a canvasser of the 16th and her turf along the rue de Passy, as in CanvassBrowserTest
        AccountRecord sarah = TestAccounts.user(store, "sarah", Role.CANVASSER, 16);
        Volunteers.setAvailability(store, sarah.id(), List.of(new WeeklySlot(DayOfWeek.SATURDAY, LocalTime.of(9, 0),
                LocalTime.of(13, 0))), Optional.of(new Suggestions.Point(2.2790, 48.8570)), Instant.now());
        long plan = TurfRows.plan(store, "16e-essai");
        List<TurfRows.Door> doors = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int number = 2 + 2 * i;
            doors.add(new TurfRows.Door("75116_7150_" + String.format("%05d", number), number + " rue de Passy",
                    2.2800 + 0.0003 * i, 48.8575 - 0.0001 * i, 1 + i % 3));
        }
        turf = TurfRows.turf(store, plan, 1, 16, 2.2795, 48.8577, 15, "transports", doors);
        TurfRows.assign(store, turf, sarah.id());
        // the organizer's side: two free turfs, one Sarah can take (2 h), one nobody can (5 h, longer than any slot)
        organizer = TestAccounts.session(store, TestAccounts.user(store, "orga16", Role.ORGANIZER, 16));
        TurfRows.turf(store, plan, 2, 16, 2.2810, 48.8560, 120, "logement", List.of());
        TurfRows.turf(store, plan, 3, 16, 2.2700, 48.8600, 300, "logement", List.of());
        invitation = Secrets.randomToken(32);
        InvitationLinks.create(store, Secrets.sha256(invitation), Role.CANVASSER, Set.of(16), Optional.empty(), "orga16",
                Instant.now(), Instant.now().plus(Duration.ofDays(7)));
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

    BrowserContext phone() {
        return browser.newContext(Chromium.phone());
    }

    /** The small targets of the page as it stands, each named with where it was seen; and whether it scrolls sideways. */
    @SuppressWarnings("unchecked")
    static List<String> measure(Page page, String where) {
        List<String> found = new ArrayList<>();
        for (Object small : (List<Object>) page.evaluate(SMALL_TARGETS, MIN)) {
            found.add(where + ": " + small);
        }
        int width = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
        if (width > 390) {
            found.add(where + ": the page is " + width + " px wide");
        }
        return found;
    }

    @Test
    void everyControlAVolunteerTouchesOnAPhoneIsAtLeast44PxSquare() {
        List<String> small = new ArrayList<>();
        try (BrowserContext phone = phone()) {
            Page page = phone.newPage();
            page.navigate(url("/login?next=/terrain/porte-a-porte"));
            small.addAll(measure(page, "/login"));
            page.fill("#name", "sarah");
            page.fill("#password", TestAccounts.PASSWORD);
            page.locator("button[type=submit]").tap();
            page.waitForURL(u -> u.endsWith("/terrain/porte-a-porte"));
            page.waitForFunction("() => document.body.dataset.view === 'list-ready'");
            small.addAll(measure(page, "porte-à-porte, mes tournées"));

            page.locator("#turfs a").first().tap();
            page.waitForFunction("() => document.body.dataset.view === 'turf-ready'");
            // the next door and the five outcomes, in view as the turf opens: no scrolling before the first tap
            double viewport = ((Number) page.evaluate("() => innerHeight")).doubleValue();
            var outcomes = page.locator("#outcomes").boundingBox();
            if (outcomes.y + outcomes.height > viewport) {
                small.add("porte-à-porte, une tournée: the outcome buttons end at " + Math.round(outcomes.y + outcomes.height)
                        + " px, below the " + Math.round(viewport) + " px of the screen");
            }
            // a door whose address takes two lines (« 277 Boulevard du Puits, BAT A ESC 1 »): still all in view
            page.evaluate("() => document.getElementById('door-label').textContent = '277 Boulevard du Puits, BAT A ESC 1'");
            var wrapped = page.locator("#outcomes").boundingBox();
            if (wrapped.y + wrapped.height > viewport) {
                small.add("porte-à-porte, une adresse sur deux lignes: the outcome buttons end at "
                        + Math.round(wrapped.y + wrapped.height) + " px, below the " + Math.round(viewport) + " px");
            }
            page.locator("#door-list summary").tap(); // « Toutes les portes »
            page.locator("#outcomes button[data-outcome='opened']").tap(); // the conversation; nothing recorded yet
            page.locator("#consent").tap();
            assertThat(page.isVisible("#conversation")).isTrue();
            assertThat(page.locator("#doors li button").count()).isEqualTo(6);
            small.addAll(measure(page, "porte-à-porte, une tournée"));
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/artefacts/telephone/porte-a-porte-tournee.png")).setFullPage(true));
            page.locator("#cancel-opened").tap();
            assertThat(page.evaluate("() => document.body.dataset.pending")).as("nothing was recorded").isEqualTo("0");

            page.navigate(url("/terrain/disponibilites"));
            page.waitForFunction("() => document.body.dataset.ready === 'yes'");
            assertThat(page.locator("#slots tr").count()).as("her Saturday morning").isEqualTo(1);
            small.addAll(measure(page, "disponibilités"));

            page.navigate(url("/militant")); // where a canvasser lands from « / »
            assertThat(page.locator("a[href='/terrain/porte-a-porte']").count()).isEqualTo(1);
            small.addAll(measure(page, "espace militant"));
        }
        try (BrowserContext phone = phone()) {
            Page page = phone.newPage();
            page.navigate(url("/invitation/" + invitation));
            assertThat(page.textContent("h1")).isEqualTo("Rejoindre la campagne");
            small.addAll(measure(page, "invitation"));
        }
        assertThat(small).as("controls under " + MIN + "×" + MIN + " px at 390×844 (or out of view)").isEmpty();
    }

    /** At 390 px the status line after « Suggérer » wraps: it must stay clear of the button it sits next to. */
    @Test
    void theSuggestionsMessageDoesNotCoverTheAcceptAllButtonOnAPhone() {
        try (BrowserContext phone = phone()) {
            phone.addCookies(List.of(new com.microsoft.playwright.options.Cookie(WebSessions.COOKIE, organizer.cookie())
                    .setDomain("localhost").setPath("/")));
            Page page = phone.newPage();
            page.navigate(url("/terrain/affectation"));
            page.waitForFunction("() => document.body.dataset.ready === 'yes'");
            page.locator("#suggest").tap();
            page.locator("#accept-all:not([hidden])").waitFor();
            assertThat(page.textContent("#status")).isEqualTo("1 suggestion(s) ; 1 tournée(s) sans bénévole disponible.");
            // every box the message draws (one per line when it wraps), padding and border included
            @SuppressWarnings("unchecked")
            List<String> overlaps = (List<String>) page.evaluate("""
                    () => {
                      const boxes = el => [...el.getClientRects()].map(r => ({l: r.left, t: r.top, r: r.right, b: r.bottom}));
                      const meet = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
                      const status = boxes(document.getElementById('status'));
                      const out = [];
                      for (const id of ['accept-all', 'suggest'])
                        for (const b of boxes(document.getElementById(id)))
                          for (const s of status)
                            if (meet(s, b)) out.push('#status ' + JSON.stringify(s) + ' covers #' + id + ' ' + JSON.stringify(b));
                      return out;
                    }""");
            Path artefacts = Path.of("target", "artefacts", "telephone");
            page.screenshot(new Page.ScreenshotOptions().setPath(artefacts.resolve("affectation-suggestions.png")));
            assertThat(overlaps).as("the message and the buttons").isEmpty();
            int width = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
            assertThat(width).isLessThanOrEqualTo(390);
        }
    }

    /**
     * An organizer on a phone opens headquarters' pages from the menu: its links and the sign-out button at a finger's
     * size, and each as wide as its words (the row that scrolls sideways must not squeeze them into each other), on the
     * pages with the common header and on the map's, which holds the menu too.
     */
    @Test
    void theHeadquartersMenuIsTappableOnAPhone() {
        try (BrowserContext phone = phone()) {
            phone.addCookies(List.of(new com.microsoft.playwright.options.Cookie(WebSessions.COOKIE, organizer.cookie())
                    .setDomain("localhost").setPath("/")));
            Page page = phone.newPage();
            for (String path : List.of("/terrain/progression", "/carte", "/plan")) {
                page.navigate(url(path));
                page.locator("nav.menu a").first().waitFor();
                assertThat(page.locator("nav.menu a").count()).as(path + ": the organizer's pages").isGreaterThan(3);
                @SuppressWarnings("unchecked")
                List<Object> small = (List<Object>) page.evaluate(smallTargets(".bar a, .bar button"), MIN);
                assertThat(small).as(path + ": menu controls under " + MIN + " px at 390×844 (they were 30 px tall)")
                        .isEmpty();
                @SuppressWarnings("unchecked")
                List<Object> squeezed = (List<Object>) page.evaluate("() => [...document.querySelectorAll('.bar a,"
                        + " .bar button')].filter(e => e.getClientRects().length && e.scrollWidth > e.clientWidth + 1)"
                        + ".map(e => e.textContent.trim())");
                assertThat(squeezed).as(path + ": menu entries narrower than their words").isEmpty();
            }
        }
    }
}
