package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import fr.terrain.RealData;
import fr.terrain.account.Role;
import fr.terrain.account.Secrets;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.ResultsOptions;
import fr.terrain.mail.RecipientRef;
import fr.terrain.mail.UnsubscribeToken;
import fr.terrain.privacy.ConsentChannel;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.ConsentLedger;
import fr.terrain.store.HashKeyFile;
import fr.terrain.store.InvitationLinks;
import fr.terrain.store.MailFixture;
import fr.terrain.store.MailStore;
import fr.terrain.store.MailTracking;
import fr.terrain.store.Store;
import fr.terrain.store.TrackingLinks;
import fr.terrain.store.TurfRows;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * RGAA 4.1 (WCAG 2.1 AA) in Chromium, as a volunteer with a screen reader or a keyboard meets the pages: axe-core's
 * rules of WCAG 2.1 A and AA run on every page, signed in with the role that uses it (the canvassing page on a phone,
 * with a turf, in each of its states), and any violation of impact « serious » or « critical » fails the test, each
 * named by page, rule and element. axe checks what a machine can (names, labels, contrast, language, structure); the
 * keyboard test below plays what it cannot: recording a door with consent with Tab, Space and Enter only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityBrowserTest {
    /** axe-core's tags for WCAG 2.0 and 2.1, levels A and AA: what RGAA 4.1 asks. */
    static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    /** The impacts that fail the test; « moderate » and « minor » are left to review (docs/adr/0023-accessibility.md). */
    static final Set<String> BLOCKING = Set.of("serious", "critical");

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    static Path home;

    Store store;
    Javalin app;
    Browser browser;
    TestAccounts.Session canvasser;
    /** A second canvasser and turf, for the keyboard test: the door the axe test records does not change its next door. */
    TestAccounts.Session keyboardUser;
    long keyboardTurf;
    TestAccounts.Session director;
    String invitation;
    String signup;
    String unsubscribe;
    String trackingRefusal;
    /**
     * axe's moderate and minor violations, and what it could not decide: not failures, for a person to review, written to
     * target/artefacts/accessibilite-a-revoir.txt.
     */
    final List<String> toReview = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        Files.writeString(home.resolve("mail.properties"), "mail.list=Paris Demain\nmail.from=equipe@parisdemain.fr\n"
                + "mail.signup-notice=inscription-1\n", StandardCharsets.UTF_8);
        store = Store.h2(home);
        Importer importer = new Importer(store, Progress.NONE, false);
        importer.results(RealData.file(RealData.RESULTS_2020), ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA);
        importer.stations(RealData.file(RealData.STATIONS_2020), null);
        importer.arrondissements(RealData.file(RealData.ARRONDISSEMENTS));
        ConsentLedger.addNotice(store, "porte-2026-01", ConsentChannel.CANVASS_OPINION, "Nous faisons campagne pour la liste"
                + " Terrain. Si vous le voulez bien, nous notons votre avis ; vous pouvez refuser.", "test");
        ConsentLedger.addNotice(store, "inscription-1", ConsentChannel.EMAIL, "Paris Demain utilise votre adresse pour"
                + " vous envoyer ses messages de campagne jusqu'au 31 mars 2026.", "test");
        // a canvasser of the 16th and her turf along the rue de Passy, as in CanvassBrowserTest
        AccountRecord sarah = TestAccounts.user(store, "sarah", Role.CANVASSER, 16);
        canvasser = TestAccounts.session(store, sarah);
        director = TestAccounts.session(store, TestAccounts.user(store, "directrice", Role.DIRECTOR));
        long plan = TurfRows.plan(store, "16e-essai");
        TurfRows.assign(store, TurfRows.turf(store, plan, 1, 16, 2.2795, 48.8577, 15, "transports", passy(0)), sarah.id());
        AccountRecord karim = TestAccounts.user(store, "karim", Role.CANVASSER, 16);
        keyboardUser = TestAccounts.session(store, karim);
        keyboardTurf = TurfRows.turf(store, plan, 2, 16, 2.2795, 48.8577, 15, "transports", passy(1));
        TurfRows.assign(store, keyboardTurf, karim.id());
        invitation = Secrets.randomToken(32);
        InvitationLinks.create(store, Secrets.sha256(invitation), Role.CANVASSER, Set.of(16), Optional.empty(), "directrice",
                Instant.now(), Instant.now().plus(Duration.ofDays(7)));
        signup = Secrets.randomToken(32);
        MailStore.addSignup(store, Secrets.sha256(signup), "lea@exemple.fr", "Léa", 20, Set.of(), "inscription-1",
                Instant.now(), Instant.now().plus(Duration.ofHours(48)));
        app = WebApp.create(store).start(0);
        MailFixture.Sent sent = MailFixture.campaign(store, "lettre", 10);
        unsubscribe = UnsubscribeToken.of(HashKeyFile.load(home), sent.outbox().get(0));
        MailTracking.setEnabled(store, true, "test");
        String tracked = TrackingLinks.of(store, url("")).rewrite(url("/inscription"),
                new RecipientRef(sent.outbox().get(1), sent.campaignId(), "<m1@example.org>"));
        trackingRefusal = tracked.substring(tracked.lastIndexOf('/') + 1);
        browser = chromium.browser();
    }

    /** Six doors along the rue de Passy, even numbers on one side, odd on the other. */
    static List<TurfRows.Door> passy(int side) {
        List<TurfRows.Door> doors = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int number = 2 + 2 * i - side;
            doors.add(new TurfRows.Door("75116_7150_" + String.format("%05d", number), number + " rue de Passy",
                    2.2800 + 0.0003 * i, 48.8575 - 0.0001 * i - 0.0002 * side, 1 + i % 3));
        }
        return doors;
    }

    @AfterAll
    void stop() throws java.io.IOException {
        Path artefact = Path.of("target", "artefacts", "accessibilite-a-revoir.txt");
        Files.createDirectories(artefact.getParent());
        Files.write(artefact, toReview, StandardCharsets.UTF_8);
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

    /**
     * The serious and critical WCAG 2.1 A/AA violations of the page as it stands, one line each: page, rule, element
     * (the moderate and minor ones go to {@link #toReview}).
     */
    List<String> violations(Page page, String where) {
        // axe.run in the page itself: the default mode runs each frame apart and opens a blank page to merge them, which
        // took 2–3 s a check; the pages have no frame of their own to look into (the campaign preview's is sandboxed,
        // an author's e-mail). Both modes wrote the same findings on these pages (2026-12-02), in half the time.
        AxeResults results = new AxeBuilder(page).withTags(WCAG_21_AA).setLegacyMode(true).analyze();
        assertThat(results.getErrorMessage()).as("axe on " + where).isNull();
        List<String> found = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            for (CheckedNode node : rule.getNodes()) {
                String impact = node.getImpact() != null ? node.getImpact() : rule.getImpact();
                (BLOCKING.contains(impact) ? found : toReview).add(finding(where, rule, node, impact));
            }
        }
        for (Rule rule : results.getIncomplete()) { // what axe could not decide (a text over a picture, say)
            for (CheckedNode node : rule.getNodes()) {
                // but a name on an element without a role (a map's <div aria-label>) is one a screen reader may not say
                (rule.getId().equals("aria-prohibited-attr") ? found : toReview)
                        .add("à vérifier · " + finding(where, rule, node, node.getImpact()));
            }
        }
        // two of RGAA's that axe's WCAG tags leave out (its best practices): a main landmark (12.6), a first-level title (9.1)
        if ((Boolean) page.evaluate("() => !document.querySelector('main, [role=main]')")) {
            found.add(where + " · no <main> landmark (RGAA 12.6)");
        }
        if ((Boolean) page.evaluate("() => !document.querySelector('h1')")) {
            found.add(where + " · no <h1> (RGAA 9.1)");
        }
        return found;
    }

    static String finding(String where, Rule rule, CheckedNode node, String impact) {
        return where + " · " + rule.getId() + " (" + impact + ") · " + node.getTarget() + " · " + rule.getHelp();
    }

    /** The page at this path once it has loaded what it asks the server for, checked. */
    List<String> check(Page page, String path) {
        page.navigate(url(path));
        page.waitForLoadState(LoadState.NETWORKIDLE);
        return violations(page, path);
    }

    /** The same for a page that keeps a request open (a live stream): checked once this expression holds. */
    List<String> check(Page page, String path, String ready) {
        page.navigate(url(path));
        page.waitForFunction(ready);
        return violations(page, path);
    }

    /** The canvassing page of this canvasser, in a context of its own, once it lists her turfs. */
    Page myTurfs(TestAccounts.Session who, Browser.NewContextOptions options) {
        Page page = MapBrowserTest.signedIn(browser, who, options);
        page.navigate(url(CanvassRoutes.PAGE));
        page.waitForFunction("() => document.body.dataset.view === 'list-ready'");
        return page;
    }

    @Test
    void theCanvassingPageOnAPhoneHasNoSeriousViolationInAnyOfItsStates() {
        List<String> found = new ArrayList<>();
        Page page = myTurfs(canvasser, Chromium.phone());
        try {
            found.addAll(violations(page, "porte-à-porte, mes tournées"));
            page.locator("#turfs a").first().tap();
            page.waitForFunction("() => document.body.dataset.view === 'turf-ready'");
            found.addAll(violations(page, "porte-à-porte, une tournée"));
            page.locator("#outcomes button[data-outcome='absent']").tap();
            page.waitForFunction("() => document.body.dataset.doneDoors === '1'");
            page.locator("#door-list summary").tap();
            found.addAll(violations(page, "porte-à-porte, une porte notée, toutes les portes"));
            page.locator("#correct").tap();
            found.addAll(violations(page, "porte-à-porte, corriger"));
            page.locator("#correct-keep").tap();
            page.locator("#outcomes button[data-outcome='opened']").tap();
            page.locator("#consent").tap();
            found.addAll(violations(page, "porte-à-porte, porte ouverte"));
            page.locator("#cancel-opened").tap();
            found.addAll(check(page, "/terrain/disponibilites"));
            found.addAll(check(page, "/militant"));
        } finally {
            page.context().close();
        }
        assertThat(found).as("serious or critical WCAG 2.1 A/AA violations").isEmpty();
    }

    /** On a phone, these pages' controls also offer 44×44 px to the finger: a message's link is mostly opened there. */
    @Test
    void signInInvitationAndThePublicMailPagesHaveNoSeriousViolation() {
        List<String> found = new ArrayList<>();
        for (Browser.NewContextOptions options : List.of(Chromium.phone(), Chromium.desktop())) {
            try (BrowserContext context = browser.newContext(options)) {
                Page page = context.newPage();
                for (String path : List.of("/login", "/invitation/" + invitation, "/inscription",
                        "/inscription/confirmer?t=" + signup, "/desinscription?t=" + unsubscribe,
                        "/t/refus/" + trackingRefusal, "/desinscription?t=inconnu")) {
                    boolean phone = options.isMobile != null;
                    found.addAll(check(page, path).stream().map(v -> (phone ? "téléphone " : "") + v).toList());
                    if (phone) { // what a finger touches on a phone, as on the volunteers' pages (TapTargetsBrowserTest)
                        found.addAll(TapTargetsBrowserTest.measure(page, path));
                    }
                }
                page.navigate(url("/login"));
                page.fill("#name", "sarah");
                page.fill("#password", "pas le bon");
                page.click("button[type=submit]");
                page.waitForLoadState(LoadState.NETWORKIDLE);
                found.addAll(violations(page, "/login, mot de passe erroné"));
            }
        }
        assertThat(found).as("serious or critical WCAG 2.1 A/AA violations, and controls under 44×44 px on a phone").isEmpty();
    }

    /**
     * A form's error and a field's hint are read with the field (RGAA 11.2 and 11.10): on the sign-in and invitation
     * forms, a screen reader that lands on the field says the server's refusal and the rule to follow, not only the
     * label; the error alone, shown at the top of the form, is not heard from the field.
     */
    @Test
    void formErrorsAndHintsAreReadWithTheirFields() {
        try (BrowserContext context = browser.newContext(Chromium.phone())) {
            Page page = context.newPage();
            page.navigate(url("/login"));
            page.fill("#name", "sarah");
            page.fill("#password", "pas le bon mot de passe");
            page.click("button[type=submit]");
            page.locator(".error:not([hidden])").waitFor();
            String refused = page.textContent(".error").strip();
            described(page, "#name", refused);
            described(page, "#password", refused);

            page.navigate(url("/invitation/" + invitation));
            String rule = "12 caractères au moins, sans votre nom d'utilisateur ; une phrase de plusieurs mots est plus sûre"
                    + " et plus facile à retenir.";
            described(page, "#name", "Lettres, chiffres, point, tiret, _ ou @.");
            described(page, "#password", rule);
            page.fill("#name", "leila");
            page.fill("#display_name", "Leïla");
            page.fill("#password", "une longue phrase de passe");
            page.fill("#password2", "une autre phrase de passe");
            page.click("button[type=submit]");
            page.locator(".error:not([hidden])").waitFor();
            described(page, "#password", page.textContent(".error").strip() + " " + rule);
        }
    }

    /** The field's accessible description, as a screen reader says it after its name, is this text. */
    static void described(Page page, String field, String expected) {
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator(field))
                .hasAccessibleDescription(expected);
    }

    @Test
    void theHeadquartersPagesHaveNoSeriousViolation() {
        List<String> found = new ArrayList<>();
        Page page = MapBrowserTest.signedIn(browser, director, Chromium.desktop());
        try {
            for (String path : List.of("/carte", "/plan", "/blocs", "/simulation", TurfCutRoutes.PAGE,
                    "/terrain/affectation", "/terrain/equipes", "/campagnes", "/campagnes/lettre/suivi", "/droits",
                    "/donnees", UnmatchedRoutes.PAGE)) {
                found.addAll(check(page, path));
            }
            found.addAll(check(page, "/terrain/progression", "() => document.getElementById('live').textContent === 'en direct'"));
        } finally {
            page.context().close();
        }
        // the accounts page is the administrator's
        Page admin = MapBrowserTest.signedIn(browser, TestAccounts.session(store,
                TestAccounts.user(store, "admin-a11y", Role.ADMIN)), Chromium.desktop());
        try {
            found.addAll(check(admin, AccountRoutes.PAGE));
        } finally {
            admin.context().close();
        }
        assertThat(found).as("serious or critical WCAG 2.1 A/AA violations").isEmpty();
    }

    /**
     * Tab until the focus is on an element matching the selector (at most 60 presses), noting on the way each element
     * that took the focus without showing it (no outline nor box-shadow: WCAG 2.4.7).
     */
    static void tabTo(Page page, String selector, List<String> unseen) {
        for (int i = 0; i < 60; i++) {
            page.keyboard().press("Tab");
            Object seen = page.evaluate("""
                    () => {
                      const el = document.activeElement, s = getComputedStyle(el);
                      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 || s.boxShadow !== 'none'
                        ? '' : el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' « ' + (el.textContent || '').trim().slice(0, 30) + ' »';
                    }""");
            if (!"".equals(seen)) {
                unseen.add((String) seen);
            }
            if ((Boolean) page.evaluate("s => document.activeElement.matches(s)", selector)) {
                return;
            }
        }
        throw new AssertionError("Tab never reached " + selector);
    }

    static String focused(Page page) {
        return (String) page.evaluate("() => { const el = document.activeElement;"
                + " return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' + el.textContent.trim().replace(/\\s+/g, ' '); }");
    }

    /**
     * A canvasser who uses the keyboard alone (a screen reader's user does) records a door where the person consented
     * and gave an opinion, then an absent one: Tab, Enter and Space reach the turf, « Ouvert », the consent box, the
     * support level and « Enregistrer la porte »; opening the conversation takes the focus into it, and recording a
     * door brings it back to the next door, so that the screen reader says which door comes next; offline, the count
     * of doors not sent is read out. Every control reached shows its focus.
     */
    @Test
    void aDoorWithConsentIsRecordedWithTheKeyboardAlone() {
        List<String> unseen = new ArrayList<>();
        Page page = myTurfs(keyboardUser, Chromium.desktop());
        try {
            tabTo(page, "#turfs a", unseen);
            page.keyboard().press("Enter");
            page.waitForFunction("() => document.body.dataset.view === 'turf-ready'");
            assertThat(page.textContent("#door-label")).isEqualTo("1 rue de Passy");

            tabTo(page, "#outcomes button[data-outcome='opened']", unseen);
            page.keyboard().press("Enter");
            page.locator("#conversation:not([hidden])").waitFor();
            assertThat((Boolean) page.evaluate("() => document.getElementById('conversation').contains(document.activeElement)"))
                    .as("the focus goes into the conversation form (it was on « Ouvert », now hidden): " + focused(page))
                    .isTrue();
            tabTo(page, "#consent", unseen);
            page.keyboard().press("Space");
            assertThat(page.isChecked("#consent")).isTrue();
            tabTo(page, "input[name=support]", unseen);
            page.keyboard().press("Space"); // the first level, 1
            for (int i = 0; i < 3; i++) {
                page.keyboard().press("ArrowDown");
            }
            assertThat(page.isChecked("#support input[value='4']")).as("4 · plutôt pour, chosen with the arrows").isTrue();
            tabTo(page, "#save-opened", unseen);
            page.context().setOffline(true); // a stairwell: the door waits on the phone, and she hears so
            page.keyboard().press("Enter");
            page.waitForFunction("() => document.body.dataset.doneDoors === '1' && document.body.dataset.pending === '1'");
            assertThat(page.evaluate("() => document.getElementById('pending-count').closest('[role=status], [aria-live]')"
                    + ".textContent.trim().replace(/\\s+/g, ' ')")).as("the live region of the count, without the button")
                    .isEqualTo("1 porte en attente de synchronisation");
            page.context().setOffline(false);
            page.waitForFunction("() => document.body.dataset.pending === '0'");
            assertThat(focused(page)).as("after recording, the focus is on the next door").startsWith("div#door")
                    .contains("3 rue de Passy");
            page.keyboard().press("Tab");
            assertThat(focused(page)).as("and the next Tab reaches its first outcome").isEqualTo("button Absent");
            page.keyboard().press("Space"); // a button takes Space as well as Enter
            page.waitForFunction("() => document.body.dataset.doneDoors === '2'");
            assertThat(focused(page)).as("an outcome button too brings the focus to the next door").startsWith("div#door")
                    .contains("5 rue de Passy");
        } finally {
            page.context().close();
        }
        long stored = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM door_outcome WHERE turf_id = :t"
                + " AND outcome = 'opened' AND support_level = 4 AND consent_event_id IS NOT NULL").bind("t", keyboardTurf)
                .mapTo(Long.class).one());
        assertThat(stored).as("the door, its opinion and the consent reached the server").isEqualTo(1);
        assertThat(unseen).as("controls that took the focus without showing it").isEmpty();
    }
}
