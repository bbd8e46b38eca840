package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import fr.terrain.account.Role;
import fr.terrain.field.TurfScope;
import fr.terrain.privacy.ConsentChannel;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.ConsentLedger;
import fr.terrain.store.FieldStore;
import fr.terrain.store.StoreException;
import fr.terrain.store.TurfRows;
import fr.terrain.store.Store;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canvassing page on a phone (Debian's Chromium driven by Playwright, 390×844, touch): a
 * canvasser signs in, opens her turf, loses the network, records five doors, reloads the page
 * without network (the service worker serves it), gets the network back and syncs; the server then
 * holds exactly five outcomes, and sending the same batch again adds none. Then the field situations that could lose
 * or double a door, or leave one readable on a shared phone, each on a turf of its own (docs/field.md lists them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CanvassBrowserTest {
    static final String NOTICE = "porte-2026-01";

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    static Path home;

    Store store;
    Javalin app;
    Browser browser;
    long turf;
    AccountRecord organizer20;
    AccountRecord ines;
    AccountRecord marc;
    long turf20a;
    long turf20b;
    /** Requests the server received for the canvassing page and the field API. */
    final AtomicInteger fieldRequests = new AtomicInteger();
    /** A request the server holds without answering until released (a connection that stalls), for paths matching. */
    record Stall(Predicate<String> path, CountDownLatch release) {}
    final AtomicReference<Stall> stall = new AtomicReference<>();
    /** Requests held so far. */
    final AtomicInteger stalled = new AtomicInteger();
    /** While set, the server serves this text as the canvassing page's worker: a version a phone installed before. */
    final AtomicReference<String> olderWorker = new AtomicReference<>();

    @BeforeAll
    void start() {
        store = Store.h2(home);
        ConsentLedger.addNotice(store, NOTICE, ConsentChannel.CANVASS_OPINION, "Nous faisons campagne pour la liste Terrain."
                + " Si vous le voulez bien, nous notons votre avis sur notre liste ; vous pouvez refuser, et demander à tout"
                + " moment qu'il soit effacé (contact@terrain.example).", "test");
        AccountRecord camille = TestAccounts.user(store, "camille", Role.CANVASSER, 12);
        AccountRecord other = TestAccounts.user(store, "autre", Role.CANVASSER, 12);
        long plan = TurfRows.plan(store, "12e-essai");
        // Rue de Picpus, even side going up, then the odd side coming back (real BAN positions, rounded)
        List<TurfRows.Door> doors = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            boolean even = i < 4;
            int number = even ? 2 + 2 * i : 1 + 2 * (7 - i);
            doors.add(new TurfRows.Door("75112_7469_" + String.format("%05d", number), number + " rue de Picpus",
                    2.3960 + 0.0004 * (even ? i : 7 - i), 48.8455 - 0.0003 * (even ? i : 7 - i) + (even ? 0.0001 : -0.0001),
                    1 + i % 3));
        }
        turf = TurfRows.turf(store, plan, 1, 12, 2.3955, 48.8460, 20.5, "transports", doors);
        long notMine = TurfRows.turf(store, plan, 2, 12, 2.40, 48.84, 30, "logement",
                List.of(new TurfRows.Door("75112_9999_00001", "1 rue Autre", 2.40, 48.84, 2)));
        TurfRows.assign(store, turf, camille.id());
        TurfRows.assign(store, notMine, other.id());
        // a turf of the 1st arrondissement, for the list's « 1er »
        AccountRecord lucie = TestAccounts.user(store, "lucie", Role.CANVASSER, 1);
        long first = TurfRows.turf(store, TurfRows.plan(store, "1er-essai"), 1, 1, 2.3470, 48.8620, 15, "transports",
                List.of(new TurfRows.Door("75101_0001_00001", "1 rue du Louvre", 2.3410, 48.8610, 2)));
        TurfRows.assign(store, first, lucie.id());
        // the assignment page's sector, kept apart from the canvassing test's
        organizer20 = TestAccounts.user(store, "orga20", Role.ORGANIZER, 20);
        ines = TestAccounts.user(store, "ines", Role.CANVASSER, 20);
        marc = TestAccounts.user(store, "marc", Role.CANVASSER, 20);
        long plan20 = TurfRows.plan(store, "20e-essai");
        turf20a = TurfRows.turf(store, plan20, 1, 20, 2.3990, 48.8640, 100, "transports", List.of());
        turf20b = TurfRows.turf(store, plan20, 2, 20, 2.4100, 48.8550, 100, "logement", List.of());
        app = WebApp.create(store);
        app.before(ctx -> {
            if (ctx.path().startsWith("/api/field/") || ctx.path().startsWith("/terrain/porte-a-porte")) {
                fieldRequests.incrementAndGet();
            }
            String older = olderWorker.get();
            if (older != null && ctx.path().equals(CanvassRoutes.WORKER)) {
                ctx.header("Cache-Control", "no-cache").contentType("text/javascript; charset=utf-8").result(older);
                ctx.skipRemainingHandlers();
                return;
            }
            Stall held = stall.get();
            if (held != null && held.path().test(ctx.path())) {
                stalled.incrementAndGet();
                held.release().await(60, TimeUnit.SECONDS);
            }
        });
        app.start(0);
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

    /** The real login form, then the page asked for. */
    void signIn(Page page, String name, String next) {
        page.navigate(url("/login?next=" + next));
        page.fill("#name", name);
        page.fill("#password", TestAccounts.PASSWORD);
        page.click("button[type=submit]");
        page.waitForURL(u -> u.endsWith(next));
    }

    /** The outcomes of Camille's turf (the other tests record on turfs of their own). */
    long outcomes() {
        return outcomesOf(turf);
    }

    /** The door outcomes the server holds for a turf. */
    long outcomesOf(long turfId) {
        return count("SELECT COUNT(*) FROM door_outcome WHERE turf_id = " + turfId);
    }

    long count(String sql) {
        return store.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** The items of the canvassing page's IndexedDB outbox (any page of the origin can read them). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> outbox(Page page) {
        return (List<Map<String, Object>>) page.evaluate("""
                () => new Promise((resolve, reject) => {
                  const open = indexedDB.open('terrain-porte-a-porte');
                  open.onsuccess = () => {
                    const all = open.result.transaction('outbox').objectStore('outbox').getAll();
                    all.onsuccess = () => resolve(all.result);
                    all.onerror = () => reject(all.error);
                  };
                })""");
    }

    static String pending(Page page) {
        return (String) page.evaluate("() => document.body.dataset.pending");
    }

    /** Taps an outcome's button on the turf's page. */
    static void tap(Page page, String outcome) {
        page.locator("#outcomes button[data-outcome='" + outcome + "']").tap();
    }

    /** Waits until the page shows {@code view} ({@code list-ready}: the turfs; {@code turf-ready}: one turf). */
    static void waitView(Page page, String view) {
        page.waitForFunction("v => document.body.dataset.view === v", view);
    }

    /** Waits until every door recorded is sent and no sync is running (30 s at most: a retry may come first). */
    static void waitAllSent(Page page) {
        page.waitForFunction("() => document.body.dataset.pending === '0' && document.body.dataset.sync === 'idle'", null,
                new Page.WaitForFunctionOptions().setTimeout(30_000));
    }

    /** The worker's only cache once the new version has dropped {@code older} (10 s at most; else every cache's name). */
    static Object cacheAfterUpdate(Page page, String older) {
        return page.evaluate("""
                async older => {
                  for (let waited = 0; waited < 10000; waited += 100) {
                    const keys = await caches.keys();
                    if (keys.length === 1 && keys[0] !== older) return keys[0];
                    await new Promise(r => setTimeout(r, 100));
                  }
                  return (await caches.keys()).join(', ');
                }""", older);
    }

    /** A phone's browser (390 × 844, touch, French). */
    BrowserContext phone() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setIsMobile(true)
                .setHasTouch(true).setLocale("fr-FR"));
    }

    @Test
    void fiveDoorsRecordedOfflineSurviveAReloadAndReachTheServerExactlyOnce() throws Exception {
        BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true).setLocale("fr-FR"));
        Page page = phone.newPage();
        signIn(page, "camille", "/terrain/porte-a-porte");
        waitView(page, "list-ready");
        assertThat(page.evaluate("() => document.body.dataset.offline")).as("the service worker controls the page").isEqualTo("ready");
        assertThat(page.locator("#turfs a").count()).as("only her own turf is listed").isEqualTo(1);

        page.locator("#turfs a").first().tap();
        waitView(page, "turf-ready");
        assertThat(page.locator("#map path.door-next").count()).as("the next door is highlighted").isEqualTo(1);
        assertThat(page.locator("#map path.door-todo").count()).isEqualTo(7);
        assertThat(page.locator("#map path.leaflet-interactive").count()).as("route + start + 8 doors and their reach")
                .isEqualTo(18);
        assertThat(page.textContent("#door-label")).isEqualTo("2 rue de Picpus");
        assertThat(page.inputValue("#topic")).as("the turf's talking point is preselected").isEqualTo("transports");
        // 8 doors × 40 m (TurfRows), written as the cutting page writes distances
        assertThat(page.textContent("#turf-summary")).contains("8 portes", "0,3 km à pied");

        phone.setOffline(true);
        int before = fieldRequests.get();
        for (String outcome : List.of("absent", "refused", "leaflet", "come-back")) {
            String door = (String) page.evaluate("() => document.body.dataset.door");
            if (outcome.equals("absent")) { // a double tap: one door recorded, not two (pending counts 5 below)
                page.evaluate("() => { const b = document.querySelector('#outcomes button[data-outcome=\"absent\"]');"
                        + " b.click(); b.click(); }");
            } else {
                tap(page, outcome);
            }
            page.waitForFunction("d => document.body.dataset.door !== d", door);
        }
        // doors 2, 4, 6, 8 (even side) are done: the walk turns back along the odd side
        assertThat(page.textContent("#door-label")).isEqualTo("7 rue de Picpus");
        // the fifth door opens: opinion locked until the notice is read and the person consents
        tap(page, "opened");
        assertThat(page.isVisible("#conversation")).isTrue();
        assertThat(page.textContent("#notice")).contains("Nous faisons campagne");
        assertThat(page.isDisabled("#support input[value='4']")).as("locked before consent").isTrue();
        page.locator("#consent").tap();
        assertThat(page.isDisabled("#support input[value='4']")).as("unlocked after consent").isFalse();
        page.locator("#support input[value='4']").tap();
        page.locator("#save-opened").tap();
        page.waitForFunction("() => document.body.dataset.pending === '5'");
        assertThat(page.textContent("#sync")).contains("5").contains("en attente de synchronisation");
        assertThat(outcomes()).as("nothing reached the server while offline").isZero();

        Response reloaded = page.reload();
        assertThat(reloaded.fromServiceWorker()).as("the page came from the service worker").isTrue();
        waitView(page, "turf-ready");
        assertThat(pending(page)).isEqualTo("5");
        assertThat(page.textContent("#door-label")).as("the sixth door is next").isEqualTo("5 rue de Picpus");
        assertThat(page.locator("#doors li.done").count()).isEqualTo(5);
        assertThat(page.textContent("#network")).isEqualTo("hors ligne");
        assertThat(fieldRequests.get()).as("no request reached the server while offline").isEqualTo(before);
        Path artefacts = Files.createDirectories(Path.of("target", "artefacts"));
        page.screenshot(new Page.ScreenshotOptions().setPath(artefacts.resolve("porte-a-porte-hors-ligne.png")).setFullPage(true));

        List<Map<String, Object>> batch = outbox(page);
        assertThat(batch).hasSize(5);

        phone.setOffline(false);
        page.waitForFunction("() => document.body.dataset.pending === '0'", null, new Page.WaitForFunctionOptions().setTimeout(30_000));
        assertThat(outcomes()).isEqualTo(5);
        // the doors the server now holds stay done on the phone: its turf was read offline, before they were sent
        assertThat(page.textContent("#door-label")).as("still the sixth door after the sync").isEqualTo("5 rue de Picpus");
        assertThat(page.locator("#doors li.done").count()).isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE support_level = 4 AND consent_event_id IS NOT NULL"
                + " AND notice_version = '" + NOTICE + "' AND topic = 'transports'")).as("the opinion came with its consent").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE support_level IS NOT NULL AND turf_id = " + turf)).isEqualTo(1);

        // The same batch again, as a phone that never got the answer would send it: nothing new.
        page.evaluate("""
                items => new Promise((resolve, reject) => {
                  const open = indexedDB.open('terrain-porte-a-porte');
                  open.onsuccess = () => {
                    const t = open.result.transaction('outbox', 'readwrite');
                    for (const i of items) t.objectStore('outbox').put(i);
                    t.oncomplete = () => resolve();
                    t.onerror = () => reject(t.error);
                  };
                })""", batch);
        Object syncs = page.evaluate("() => Number(document.body.dataset.syncs || 0)");
        page.locator("#sync-now").tap();
        page.waitForFunction("n => Number(document.body.dataset.syncs || 0) > n", syncs);
        assertThat(pending(page)).isEqualTo("0");
        assertThat(page.evaluate("() => document.body.dataset.sync")).isEqualTo("idle");
        @SuppressWarnings("unchecked")
        Map<String, Object> again = (Map<String, Object>) page.evaluate("""
                items => fetch('/api/me').then(r => r.json()).then(me => fetch('/api/field/outcomes', {method: 'POST',
                  headers: {'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken},
                  body: JSON.stringify({outcomes: items.map(i => { const o = Object.assign({}, i); delete o.rejected; delete o.error; delete o.by; return o; })})}))
                  .then(r => r.json())""", batch);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) again.get("results");
        assertThat(results).hasSize(5).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("already"));
        assertThat(outcomes()).as("resubmitting the same batch adds none").isEqualTo(5);

        // online, a door recorded moves the page on to the next one once it is sent, without a reload
        String sixth = (String) page.evaluate("() => document.body.dataset.door");
        Object syncsBefore = page.evaluate("() => Number(document.body.dataset.syncs || 0)");
        tap(page, "absent");
        page.waitForFunction("n => Number(document.body.dataset.syncs || 0) > n && document.body.dataset.pending === '0'",
                syncsBefore);
        assertThat(outcomes()).isEqualTo(6);
        assertThat(page.evaluate("() => document.body.dataset.door")).as("the next door, not the one just sent").isNotEqualTo(sixth);
        assertThat(page.textContent("#door-label")).isNotEqualTo("5 rue de Picpus");
        assertThat(page.locator("#doors li.done").count()).isEqualTo(6);

        // signing out deletes from the phone the outcomes the server already has; asked offline, it waits for the
        // network and then happens by itself (the session stayed open on a shared phone)
        assertThat(outbox(page)).hasSize(6).allSatisfy(i -> assertThat(i.get("sent")).isEqualTo(true));
        assertThat(page.evaluate("() => localStorage.getItem('terrain-porte-a-porte-derniere')")).isNotNull();
        phone.setOffline(true);
        page.locator("#logout button").tap();
        page.locator("#logout-warning:not([hidden])").waitFor();
        assertThat(page.textContent("#logout-left")).startsWith("Pas de réseau : la déconnexion se fera dès son retour");
        phone.setOffline(false);
        page.waitForURL("**/login**");
        assertThat(outbox(page)).isEmpty();
        assertThat(page.evaluate("() => localStorage.getItem('terrain-porte-a-porte-derniere')"))
                .as("the last door (address, outcome) goes with the sign-out").isNull();
        phone.close();
    }

    /**
     * A door already noted can be chosen again (« revenir plus tard » asks for a return visit), and a phone two
     * canvassers share keeps each one's unsent doors for them: the second never sends (nor gets refused) the first's.
     */
    /** The canvassing page works offline without session.js: it writes the 1st arrondissement « 1er » itself. */
    @Test
    void theTurfListWritesTheFirstArrondissementPremier() {
        try (BrowserContext phone = phone()) {
            Page page = phone.newPage();
            signIn(page, "lucie", "/terrain/porte-a-porte");
            waitView(page, "list-ready");
            assertThat(page.textContent("#turfs a strong")).contains(" · 1er · bureau ").doesNotContain("1e ·");
            // headquarters' pages are not a canvasser's: no link to them (it led to « accès refusé »)
            assertThat(page.locator("#hq").isVisible()).as("« Retour au QG » shown to a canvasser").isFalse();
        }
    }

    /** An organizer's phone lists every turf of their sectors: their own first, each other one saying who holds it. */
    @Test
    void anOrganizersListPutsTheirOwnTurfsFirst() {
        AccountRecord zoe = TestAccounts.user(store, "zoe-orga", Role.ORGANIZER, 14);
        AccountRecord yann = TestAccounts.user(store, "yann", Role.CANVASSER, 14);
        long plan14 = TurfRows.plan(store, "14e-orga");
        long free = TurfRows.turf(store, plan14, 1, 14, 2.326, 48.833, 10, "transports", List.of());
        long yanns = TurfRows.turf(store, plan14, 2, 14, 2.327, 48.834, 10, "transports", List.of());
        long hers = TurfRows.turf(store, plan14, 3, 14, 2.328, 48.835, 10, "transports", List.of());
        TurfRows.assign(store, yanns, yann.id());
        TurfRows.assign(store, hers, zoe.id());
        // both came by invitation, with a display name other than their login: her own turf was « confiée à Zoé
        // Martin », listed after the others (found by a crawl)
        for (AccountRecord a : List.of(zoe, yann)) {
            store.jdbi().useHandle(h -> h.createUpdate("INSERT INTO volunteer (user_id, display_name, created_at)"
                    + " VALUES (:u, :d, CURRENT_TIMESTAMP)").bind("u", a.id())
                    .bind("d", a == zoe ? "Zoé Martin" : "Yann Le Goff").execute());
        }
        try (BrowserContext phone = phone()) {
            Page page = phone.newPage();
            signIn(page, "zoe-orga", "/terrain/porte-a-porte");
            waitView(page, "list-ready");
            List<String> order = page.locator("#turfs a").all().stream().map(a -> a.getAttribute("data-turf")).toList();
            assertThat(order).containsExactly(String.valueOf(hers), String.valueOf(free), String.valueOf(yanns));
            List<String> lines = page.locator("#turfs a").allInnerTexts();
            assertThat(lines.get(0)).doesNotContain("confiée").doesNotContain("non attribuée");
            assertThat(lines.get(1)).contains("non attribuée");
            assertThat(lines.get(2)).contains("confiée à Yann Le Goff");
            page.waitForFunction("() => !document.getElementById('hq').hidden");
            assertThat(page.locator("#hq").isVisible()).as("« Retour au QG » for an organizer").isTrue();
        }
    }

    @Test
    void aNotedDoorCanBeVisitedAgainAndASharedPhoneKeepsEachOnesDoors() {
        AccountRecord chloe = TestAccounts.user(store, "chloe", Role.CANVASSER, 13);
        AccountRecord hugo = TestAccounts.user(store, "hugo", Role.CANVASSER, 13);
        long plan13 = TurfRows.plan(store, "13e-essai");
        long turfChloe = TurfRows.turf(store, plan13, 1, 13, 2.3560, 48.8320, 10, "transports", List.of(
                new TurfRows.Door("75113_1111_00001", "1 rue Essai", 2.3561, 48.8321, 2),
                new TurfRows.Door("75113_1111_00003", "3 rue Essai", 2.3563, 48.8322, 1)));
        long turfHugo = TurfRows.turf(store, plan13, 2, 13, 2.3600, 48.8300, 10, "logement", List.of(
                new TurfRows.Door("75113_2222_00002", "2 rue Autre", 2.3601, 48.8301, 1)));
        TurfRows.assign(store, turfChloe, chloe.id());
        TurfRows.assign(store, turfHugo, hugo.id());
        BrowserContext phone = phone();
        Page page = phone.newPage();
        signIn(page, "chloe", "/terrain/porte-a-porte");
        waitView(page, "list-ready");
        page.locator("#turfs a").first().tap();
        waitView(page, "turf-ready");
        assertThat(page.evaluate("() => document.body.dataset.door")).isEqualTo("75113_1111_00001");

        // « revenir plus tard » on the first door, then the first door chosen again from the list: a second visit
        tap(page, "come-back");
        page.waitForFunction("() => document.body.dataset.door === '75113_1111_00003' && document.body.dataset.pending === '0'");
        page.locator("#door-list summary").tap(); // « Toutes les portes »
        page.locator("#doors li button").first().tap();
        page.waitForFunction("() => document.body.dataset.door === '75113_1111_00001'");
        assertThat(page.textContent("#door-rank")).contains("déjà notée");
        tap(page, "absent");
        page.waitForFunction("() => document.body.dataset.door === '75113_1111_00003' && document.body.dataset.pending === '0'");
        assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE turf_id = " + turfChloe
                + " AND door_id = '75113_1111_00001'")).as("both visits are kept").isEqualTo(2);

        // the phone cannot reach the server's outcomes: Chloé's next door waits; she signs out, Hugo signs in
        page.route("**/api/field/outcomes", route -> route.abort());
        tap(page, "leaflet");
        page.waitForFunction("() => document.body.dataset.pending === '1'");
        page.locator("#logout button").tap();
        page.locator("#logout-anyway").tap(); // told that one door waits on the phone
        page.waitForURL("**/login**");
        page.unrouteAll();
        signIn(page, "hugo", "/terrain/porte-a-porte");
        page.waitForFunction("() => document.body.dataset.view === 'list-ready' && document.body.dataset.others === '1'");
        assertThat(pending(page)).as("Hugo has nothing to send").isEqualTo("0");
        assertThat(page.textContent("#others")).contains("1 porte(s) notée(s) sur ce téléphone par un autre compte");
        page.locator("#sync-now").tap();
        page.waitForFunction("() => document.body.dataset.sync === 'idle'");
        assertThat(outbox(page)).filteredOn(i -> !Boolean.TRUE.equals(i.get("sent"))).singleElement()
                .satisfies(i -> assertThat(i.get("rejected")).as("never sent under Hugo's session").isNull());
        assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE turf_id = " + turfChloe)).isEqualTo(2);

        // Chloé back: her door goes
        page.locator("#logout button").tap();
        page.waitForURL("**/login**");
        signIn(page, "chloe", "/terrain/porte-a-porte");
        waitView(page, "list-ready");
        page.waitForFunction("() => document.body.dataset.pending === '0' && document.body.dataset.others === '0'", null,
                new Page.WaitForFunctionOptions().setTimeout(30_000));
        assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE turf_id = " + turfChloe
                + " AND door_id = '75113_1111_00003' AND outcome = 'leaflet'")).isEqualTo(1);
        phone.close();
    }

    /**
     * The list read with network is enough to work without it: a turf never opened before opens offline (its doors
     * were kept on the phone with the list), and its doors can be recorded.
     */
    @Test
    void aTurfNeverOpenedOpensOfflineOnceTheListWasRead() {
        AccountRecord nadia = TestAccounts.user(store, "nadia", Role.CANVASSER, 14);
        long plan14 = TurfRows.plan(store, "14e-essai");
        long first = TurfRows.turf(store, plan14, 1, 14, 2.3260, 48.8330, 10, "transports", List.of(
                new TurfRows.Door("75114_3333_00001", "1 rue Essai", 2.3261, 48.8331, 2)));
        long second = TurfRows.turf(store, plan14, 2, 14, 2.3280, 48.8310, 10, "logement", List.of(
                new TurfRows.Door("75114_4444_00002", "2 rue Seconde", 2.3281, 48.8311, 3),
                new TurfRows.Door("75114_4444_00004", "4 rue Seconde", 2.3283, 48.8312, 1)));
        TurfRows.assign(store, first, nadia.id());
        TurfRows.assign(store, second, nadia.id());
        try (BrowserContext phone = phone()) {
            Page page = phone.newPage();
            signIn(page, "nadia", "/terrain/porte-a-porte");
            waitView(page, "list-ready");
            // the phone's copy of the turf, never opened, is there a moment after the list
            assertThat(page.evaluate("""
                    async id => {
                      for (let waited = 0; waited < 10000; waited += 100) {
                        if (await caches.match('/api/field/turfs/' + id)) return true;
                        await new Promise(r => setTimeout(r, 100));
                      }
                      return false;
                    }""", String.valueOf(second))).as("the turf is kept on the phone").isEqualTo(true);
            assertThat(page.evaluate("() => document.body.dataset.offline")).isEqualTo("ready");

            phone.setOffline(true);
            page.locator("#turfs a[data-turf='" + second + "']").tap();
            page.waitForFunction("() => document.body.dataset.view === 'turf-ready' || !document.getElementById('message').hidden");
            assertThat(page.isHidden("#message")).as("no « pas encore en cache »").isTrue();
            assertThat(page.textContent("#door-label")).isEqualTo("2 rue Seconde");
            tap(page, "absent");
            page.waitForFunction("() => document.body.dataset.pending === '1'");
            assertThat(page.textContent("#door-label")).isEqualTo("4 rue Seconde");

            phone.setOffline(false);
            page.waitForFunction("() => document.body.dataset.pending === '0'", null, new Page.WaitForFunctionOptions().setTimeout(30_000));
            assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE turf_id = " + second)).isEqualTo(1);
        }
    }

    /** A turf taken back by the organizer leaves the phone: offline, it no longer opens from the worker's copy. */
    @Test
    void aTurfTakenBackNoLongerOpensOffline() {
        AccountRecord yanis = TestAccounts.user(store, "yanis", Role.CANVASSER, 15);
        long taken = TurfRows.turf(store, TurfRows.plan(store, "15e-essai"), 1, 15, 2.2920, 48.8410, 10, "transports",
                List.of(new TurfRows.Door("75115_5555_00001", "1 rue Reprise", 2.2921, 48.8411, 2)));
        TurfRows.assign(store, taken, yanis.id());
        try (BrowserContext phone = phone()) {
            Page page = phone.newPage();
            signIn(page, "yanis", "/terrain/porte-a-porte");
            waitView(page, "list-ready");
            page.locator("#turfs a").first().tap();
            waitView(page, "turf-ready");
            assertThat(page.textContent("#door-label")).isEqualTo("1 rue Reprise");

            TurfRows.assign(store, taken, null);
            page.locator("#back").tap(); // the list, read with network: the turf is no longer in it
            waitView(page, "list-ready");
            assertThat(page.locator("#turfs a").count()).isZero();
            assertThat(page.evaluate("""
                    async id => {
                      for (let waited = 0; waited < 5000; waited += 100) {
                        if (!await caches.match('/api/field/turfs/' + id)) return true;
                        await new Promise(r => setTimeout(r, 100));
                      }
                      return false;
                    }""", String.valueOf(taken))).as("its doors leave the phone").isEqualTo(true);
            phone.setOffline(true);
            page.evaluate("id => { location.hash = '#tournee-' + id; }", String.valueOf(taken));
            page.waitForFunction("() => document.body.dataset.view === 'turf-ready' || !document.getElementById('message').hidden");
            assertThat(page.isVisible("#message")).as("the turf does not open").isTrue();
            assertThat(page.isVisible("#door-label")).isFalse();
        }
    }

    @Test
    void anotherCanvassersTurfIsNotFound() {
        BrowserContext phone = phone();
        Page page = phone.newPage();
        signIn(page, "autre", "/terrain/porte-a-porte");
        waitView(page, "list-ready");
        page.navigate(url("/terrain/porte-a-porte#tournee-" + turf));
        page.waitForFunction("() => !document.getElementById('message').hidden");
        assertThat(page.textContent("#message")).contains("Tournée introuvable");
        // a sync that succeeds afterwards (the button, the 30 s timer, the network back) must not take the explanation
        // away, and no door can be recorded on a turf that did not open
        Object syncs = page.evaluate("() => Number(document.body.dataset.syncs || 0)");
        page.locator("#sync-now").tap();
        page.waitForFunction("n => Number(document.body.dataset.syncs || 0) > n && document.body.dataset.sync === 'idle'", syncs);
        assertThat(page.isVisible("#message")).as("the explanation stays").isTrue();
        assertThat(page.textContent("#message")).contains("Tournée introuvable");
        assertThat(page.isVisible("#outcomes button[data-outcome='absent']")).as("no outcome button without a turf").isFalse();
        phone.close();
    }

    /** A door's label is an address from an imported file: on the map's tooltip it is text, never markup. */
    @Test
    void aDoorsLabelIsShownAsTextOnTheMap() {
        AccountRecord paul = TestAccounts.user(store, "paul-etiquette", Role.CANVASSER, 12);
        long plan = TurfRows.plan(store, "12e-etiquettes");
        long marked = TurfRows.turf(store, plan, 1, 12, 2.3955, 48.8460, 5, "transports", List.of(new TurfRows.Door(
                "75112_0001_00003", "3 <img id=\"injected\" src=\"/assets/terrain.css\"><b>rue</b> de Picpus", 2.3960,
                48.8455, 1)));
        TurfRows.assign(store, marked, paul.id());
        BrowserContext phone = phone();
        Page page = phone.newPage();
        signIn(page, "paul-etiquette", "/terrain/porte-a-porte");
        waitView(page, "list-ready");
        page.navigate(url("/terrain/porte-a-porte#tournee-" + marked));
        page.waitForSelector("#map path.door-next");
        page.locator("#map path.door-next").hover(new com.microsoft.playwright.Locator.HoverOptions().setForce(true));
        page.waitForSelector(".leaflet-tooltip");
        assertThat(page.textContent(".leaflet-tooltip")).contains("1. 3 <img id=\"injected\"");
        assertThat(page.locator(".leaflet-tooltip img, .leaflet-tooltip b").count()).isZero();
        phone.close();
    }

    /** A door on the map is chosen by a finger's tap beside its 11 px dot, not only right on it. */
    @Test
    void aDoorIsChosenByATapBesideItsDot() {
        AccountRecord noor = TestAccounts.user(store, "noor-doigt", Role.CANVASSER, 5);
        long turfId = ownTurf("5e-doigt", noor, 5, 3);
        BrowserContext phone = phone();
        Page page = openTurf(phone, "noor-doigt", turfId);
        String next = (String) page.evaluate("() => document.body.dataset.door");
        var dot = page.locator("#map path.door-todo").last().boundingBox();
        assertThat(dot.width).as("the dot drawn").isLessThan(20);
        // 20 px right of the dot's centre: off the dot, within a finger's width of it (Chromium's own touch adjustment
        // reached 12–15 px)
        page.touchscreen().tap(dot.x + dot.width / 2 + 20, dot.y + dot.height / 2);
        page.waitForFunction("d => document.body.dataset.door !== d", next);
        assertThat(page.textContent("#door-rank")).contains("(choisie)");
        assertThat(page.textContent("#door-label")).isEqualTo("5 rue Essai"); // the last door of the three
        phone.close();
    }

    /**
     * Before the campaign registers its notice the server answers 404 for it: the volunteer is told why no opinion can be
     * noted and what to do, not « Notice indisponible » as if the network had failed.
     */
    @Test
    void aDoorWithoutARegisteredNoticeSaysWhyNoOpinionCanBeNoted() {
        AccountRecord ewa = TestAccounts.user(store, "ewa-sans-mention", Role.CANVASSER, 4);
        long turfId = ownTurf("4e-sans-mention", ewa, 4, 2);
        // this class's store has a notice: the server's answer without one, given to the page (no service worker, so
        // that the page's own request meets the route)
        BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setIsMobile(true).setHasTouch(true).setLocale("fr-FR")
                .setServiceWorkers(com.microsoft.playwright.options.ServiceWorkerPolicy.BLOCK));
        phone.route("**/api/field/notice", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                .setStatus(200).setContentType("application/json")
                .setBody("{\"version\":null,\"text\":null,\"reason\":\"aucune mention\"}")));
        Page page = openTurf(phone, "ewa-sans-mention", turfId);
        page.locator("#outcomes button[data-outcome='opened']").tap();
        page.waitForFunction("() => document.getElementById('notice').textContent.includes('pas encore enregistré')");
        assertThat(page.textContent("#notice")).isEqualTo("La campagne n'a pas encore enregistré la mention à lire :"
                + " aucun avis ne peut être noté (la porte s'enregistre sans). Prévenez votre organisateur.");
        assertThat(page.isDisabled("#consent")).isTrue();
        phone.close();
    }

    /** A turf of one arrondissement for one test's own canvasser, its doors numbered 1, 3, 5… on « rue Essai ». */
    long ownTurf(String plan, AccountRecord canvasser, int arrondissement, int doors) {
        List<TurfRows.Door> list = new ArrayList<>();
        for (int i = 0; i < doors; i++) {
            list.add(new TurfRows.Door(String.format("751%02d_7777_%05d", arrondissement, 1 + 2 * i), (1 + 2 * i) + " rue Essai",
                    2.35 + 0.0002 * i, 48.85 + 0.0001 * i, 1 + i % 2));
        }
        long id = TurfRows.turf(store, TurfRows.plan(store, plan), 1, arrondissement, 2.35, 48.85, 10, "transports", list);
        FieldStore.assign(store, new TurfScope.All(), id, canvasser.id(), "test");
        return id;
    }

    /**
     * « Corriger la dernière porte »: a « Refus » tapped for « Absent », sent at once, is corrected from the page; the
     * server keeps the wrong row superseded and counts the right one; the same correction batch sent again (twice in
     * one body) changes nothing; « annuler » puts the door back to do; offline, a door corrected before it was sent
     * reaches the server as its right outcome only; a correction the server refuses as too late is shown in French.
     */
    @Test
    void aMisTappedDoorIsCorrectedOnceAndACorrectionOfAnUnsentDoorNeverReachesTheServer() {
        AccountRecord zoe = TestAccounts.user(store, "zoe", Role.CANVASSER, 15);
        long turfId = ownTurf("15e-corriger", zoe, 15, 3);
        BrowserContext phone = phone();
        Page page = openTurf(phone, "zoe", turfId);
        assertThat(page.isVisible("#correct")).as("nothing to correct yet").isFalse();
        String first = (String) page.evaluate("() => document.body.dataset.door");
        tap(page, "refused");
        page.waitForFunction("d => document.body.dataset.door !== d", first);
        waitAllSent(page);
        assertThat(outcomesOf(turfId)).isEqualTo(1);
        assertThat(page.isVisible("#correct")).isTrue();
        var box = page.locator("#correct").boundingBox();
        assertThat(Math.min(box.width, box.height)).as("a 44 px tap target").isGreaterThanOrEqualTo(44);
        assertThat(page.textContent("#last-label")).contains("1 rue Essai").contains("refus");

        page.locator("#correct").tap();
        assertThat(page.locator("#correct-choices button[data-outcome='absent']").boundingBox().height).isGreaterThanOrEqualTo(44);
        page.locator("#correct-choices button[data-outcome='absent']").tap();
        page.waitForFunction("() => document.querySelector('#last-label').textContent.includes('absent')"
                + " && document.body.dataset.pending === '0' && document.body.dataset.sync === 'idle'", null,
                new Page.WaitForFunctionOptions().setTimeout(30_000));
        List<FieldStore.OutcomeRow> rows = FieldStore.outcomeRows(store, turfId);
        assertThat(rows).extracting(FieldStore.OutcomeRow::outcome).containsExactly("refused", "absent");
        assertThat(rows.get(0).supersededAt()).as("the wrong one stays, superseded").isNotNull();
        assertThat(rows.get(0).supersededBy()).isEqualTo(zoe.id());
        assertThat(rows.get(1).supersededAt()).isNull();
        var tally = FieldStore.progress(store, FieldStore.By.TURF, java.util.Set.of(15)).get(0);
        assertThat(List.of(tally.knocked(), tally.visits(), tally.refused(), tally.absent())).containsExactly(1L, 1L, 0L, 1L);
        assertThat(page.locator("#doors li.done").count()).isEqualTo(1);

        // the correction batch the page sent, sent again twice in one body: applied once
        @SuppressWarnings("unchecked")
        Map<String, Object> again = (Map<String, Object>) page.evaluate("""
                items => fetch('/api/me').then(r => r.json()).then(me => fetch('/api/field/corrections', {method: 'POST',
                  headers: {'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken},
                  body: JSON.stringify({corrections: items.concat(items).map(i => ({client_id: i.client_id,
                    corrects: i.corrects, recorded_at: i.recorded_at}))})})).then(r => r.json())""",
                outbox(page).stream().filter(i -> "correction".equals(i.get("kind"))).toList());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) again.get("results");
        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("already"));
        assertThat(FieldStore.outcomeRows(store, turfId)).hasSize(2);

        // « annuler »: the door is back to do, and shown
        page.locator("#correct").tap();
        page.locator("#correct-choices button[data-undo]").tap();
        page.waitForFunction("d => document.body.dataset.door === d && document.body.dataset.correctable === ''"
                + " && document.body.dataset.pending === '0' && document.body.dataset.sync === 'idle'", first,
                new Page.WaitForFunctionOptions().setTimeout(30_000));
        assertThat(FieldStore.outcomeRows(store, turfId)).extracting(r -> r.supersededAt() != null).containsExactly(true, true);
        assertThat(page.locator("#doors li.done").count()).isZero();
        assertThat(FieldStore.progress(store, FieldStore.By.TURF, java.util.Set.of(15)).get(0).knocked()).isZero();

        // offline: the wrong door is replaced on the phone, and only the right one ever reaches the server
        phone.setOffline(true);
        int before = fieldRequests.get();
        tap(page, "refused");
        page.waitForFunction("d => document.body.dataset.door !== d && document.body.dataset.pending === '1'", first);
        page.locator("#correct").tap();
        page.locator("#correct-choices button[data-outcome='leaflet']").tap();
        page.waitForFunction("() => document.querySelector('#last-label').textContent.includes('tract')"
                + " && document.body.dataset.pending === '1'");
        assertThat(outbox(page).stream().filter(i -> !Boolean.TRUE.equals(i.get("sent"))).map(i -> i.get("outcome")).toList())
                .containsExactly("leaflet");
        assertThat(fieldRequests.get()).isEqualTo(before);
        phone.setOffline(false);
        waitAllSent(page);
        rows = FieldStore.outcomeRows(store, turfId);
        assertThat(rows).extracting(FieldStore.OutcomeRow::outcome).containsExactly("refused", "absent", "leaflet");
        assertThat(rows.get(2).supersededAt()).isNull();
        var after = FieldStore.progress(store, FieldStore.By.TURF, java.util.Set.of(15)).get(0);
        assertThat(List.of(after.knocked(), after.refused(), after.leaflets())).containsExactly(1L, 0L, 1L);

        // a correction the server refuses (made 20 minutes after the door) is shown in French; the door's outcome stands
        page.evaluate("""
                c => new Promise((resolve, reject) => {
                  const open = indexedDB.open('terrain-porte-a-porte');
                  open.onsuccess = () => {
                    const t = open.result.transaction('outbox', 'readwrite');
                    t.objectStore('outbox').put(c);
                    t.oncomplete = () => resolve();
                    t.onerror = () => reject(t.error);
                  };
                })""", Map.of("kind", "correction", "client_id", "trop-tard-1", "corrects", rows.get(2).clientId(),
                "turf_id", asNumber(turfId), "door_id", rows.get(2).doorId(), "by", "zoe",
                "recorded_at", java.time.Instant.now().plus(java.time.Duration.ofMinutes(20)).toString()));
        page.locator("#sync-now").tap();
        page.waitForFunction("() => !document.querySelector('#rejected').hidden", null,
                new Page.WaitForFunctionOptions().setTimeout(30_000));
        assertThat(page.textContent("#rejected")).contains("trop tard pour corriger cette porte");
        assertThat(FieldStore.outcomeRows(store, turfId).get(2).supersededAt()).isNull();
        phone.close();
    }

    /** Signs in on a phone and opens the turf. */
    Page openTurf(BrowserContext phone, String name, long turfId) {
        return openTurf(phone.newPage(), name, turfId);
    }

    Page openTurf(Page page, String name, long turfId) {
        signIn(page, name, "/terrain/porte-a-porte");
        waitView(page, "list-ready");
        page.locator("#turfs a[data-turf='" + turfId + "']").tap();
        waitView(page, "turf-ready");
        return page;
    }

    /**
     * « Autre sujet » is one of the topics the page offers: a door opened to talk about something else reaches the
     * server (it was refused as a free-text note, and the door, with any opinion and its consent, stayed on the phone).
     */
    @Test
    void aDoorWhereAnotherSubjectWasDiscussedIsStored() {
        AccountRecord alice = TestAccounts.user(store, "alice-autre", Role.CANVASSER, 16);
        long turfId = ownTurf("16e-autre", alice, 16, 2);
        try (BrowserContext phone = phone()) {
            Page page = openTurf(phone, "alice-autre", turfId);
            tap(page, "opened");
            page.selectOption("#topic", "autre");
            page.locator("#consent").tap();
            page.locator("#support input[value='3']").tap();
            Object syncs = page.evaluate("() => Number(document.body.dataset.syncs || 0)");
            page.locator("#save-opened").tap();
            page.waitForFunction("n => Number(document.body.dataset.syncs || 0) > n && document.body.dataset.pending === '0'", syncs);
            assertThat(page.isHidden("#rejected")).as("not refused: %s", page.textContent("#rejected")).isTrue();
            assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE turf_id = " + turfId + " AND topic = 'autre'"
                    + " AND support_level = 3 AND consent_event_id IS NOT NULL")).isEqualTo(1);
        }
    }

    /**
     * The organizer takes a turf back from a canvasser who is knocking doors in a basement, then deletes its plan: the
     * deletion waits while the canvasser's phone may still send the doors recorded before (the late-sync week), so
     * that those doors reach the server instead of being refused for a turf that no longer exists.
     */
    @Test
    void aPlanIsNotDeletedWhileItsLastHoldersPhoneMayStillSendItsDoors() {
        AccountRecord sami = TestAccounts.user(store, "sami", Role.CANVASSER, 17);
        long turfId = ownTurf("17e-supprime", sami, 17, 3);
        long planId = count("SELECT plan_id FROM turf WHERE id = " + turfId);
        try (BrowserContext phone = phone()) {
            Page page = openTurf(phone, "sami", turfId);
            phone.setOffline(true);
            tap(page, "absent");
            page.waitForFunction("() => document.body.dataset.pending === '1'");

            FieldStore.assign(store, new TurfScope.All(), turfId, null, "orga17");
            assertThatThrownBy(() -> FieldStore.deletePlan(store, new TurfScope.All(), planId, "orga17"))
                    .isInstanceOf(StoreException.class).hasMessageContaining("sami").hasMessageContaining("7 jours");
            assertThat(count("SELECT COUNT(*) FROM turf WHERE id = " + turfId)).isEqualTo(1);

            phone.setOffline(false);
            waitAllSent(page);
            assertThat(page.isHidden("#rejected")).as("not refused: %s", page.textContent("#rejected")).isTrue();
            assertThat(outcomesOf(turfId)).isEqualTo(1);
        }
    }

    /**
     * The phone sends its doors on a connection that stalls: the server gets the batch but no answer ever comes back.
     * The page gives up after 30 s and sends again (the server ignores the copy), instead of waiting for ever — which
     * held every later sync, the « Synchroniser » button's and the network's return included, until a reload.
     */
    @Test
    void aSyncTheServerNeverAnswersIsGivenUpAndSentAgain() {
        AccountRecord leo = TestAccounts.user(store, "leo-attente", Role.CANVASSER, 19);
        long turfId = ownTurf("19e-attente", leo, 19, 2);
        try (BrowserContext phone = phone()) {
            Page page = phone.newPage();
            page.clock().install(); // the page's 30 s are made to pass at once
            openTurf(page, "leo-attente", turfId);
            page.waitForFunction("() => Number(document.body.dataset.syncs || 0) > 0 && document.body.dataset.sync === 'idle'");
            CountDownLatch answer = new CountDownLatch(1);
            stalled.set(0);
            stall.set(new Stall("/api/field/outcomes"::equals, answer));
            try {
                tap(page, "absent");
                page.waitForCondition(() -> stalled.get() == 1);
                stall.set(null); // the next attempt gets through
                page.clock().fastForward(31_000);
                page.waitForFunction("() => document.body.dataset.pending === '0'", null,
                        new Page.WaitForFunctionOptions().setTimeout(20_000));
            } finally {
                answer.countDown();
            }
            assertThat(outcomesOf(turfId)).isEqualTo(1);
        }
    }

    /**
     * A shared phone: the canvasser signs out from another page (« Mes disponibilités ») and hands the phone over. The
     * next person, even offline, finds neither her turf (addresses) nor her doors already sent (outcomes of addresses).
     */
    @Test
    void signingOutFromAnotherPageLeavesNoTurfOnThePhone() {
        AccountRecord rose = TestAccounts.user(store, "rose-partage", Role.CANVASSER, 18);
        long turfId = ownTurf("18e-partage", rose, 18, 2);
        try (BrowserContext phone = phone()) {
            Page page = openTurf(phone, "rose-partage", turfId);
            Object syncs = page.evaluate("() => Number(document.body.dataset.syncs || 0)");
            tap(page, "absent");
            page.waitForFunction("n => Number(document.body.dataset.syncs || 0) > n && document.body.dataset.pending === '0'", syncs);
            assertThat(outbox(page)).singleElement().satisfies(i -> assertThat(i.get("sent")).isEqualTo(true));
            assertThat(page.evaluate("id => caches.match('/api/field/turfs/' + id).then(r => !!r)", String.valueOf(turfId)))
                    .isEqualTo(true);

            page.navigate(url("/terrain/disponibilites"));
            page.locator("#logout button").tap();
            page.waitForURL("**/login**");
            assertThat(page.evaluate("""
                    async () => {
                      for (let waited = 0; waited < 10000; waited += 100) {
                        let kept = 0;
                        for (const name of await caches.keys()) kept += (await (await caches.open(name)).keys()).length;
                        if (kept === 0) return true;
                        await new Promise(r => setTimeout(r, 100));
                      }
                      return false;
                    }""")).as("nothing left in the worker's cache").isEqualTo(true);
            assertThat(page.evaluate("""
                    async () => {
                      for (let waited = 0; waited < 10000; waited += 100) {
                        const left = await new Promise(resolve => {
                          const open = indexedDB.open('terrain-porte-a-porte');
                          open.onsuccess = () => {
                            const all = open.result.transaction('outbox').objectStore('outbox').count();
                            all.onsuccess = () => { open.result.close(); resolve(all.result); };
                          };
                        });
                        if (left === 0) return true;
                        await new Promise(r => setTimeout(r, 100));
                      }
                      return false;
                    }""")).as("no door already sent left in the outbox").isEqualTo(true);

            phone.setOffline(true);
            page.navigate(url("/terrain/porte-a-porte#tournee-" + turfId));
            assertThat(page.content()).doesNotContain("rue Essai");
        }
    }

    /**
     * A phone installed the page's previous version (worker and cache v1) and recorded doors offline, one of them in
     * the oldest outbox format (no account, no « sent »). A new version is deployed; the phone gets signal again: the
     * new worker takes over, the doors are sent, the old cache is gone, and the turf still opens offline.
     */
    @Test
    void aPhoneWithThePreviousVersionUpdatesAndSendsItsDoors() throws Exception {
        AccountRecord jade = TestAccounts.user(store, "jade-maj", Role.CANVASSER, 9);
        long turfId = ownTurf("9e-maj", jade, 9, 3);
        olderWorker.set(new String(CanvassBrowserTest.class.getResourceAsStream("/web/porte-a-porte-sw-v1.js").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8));
        try (BrowserContext phone = phone()) {
            Page page = openTurf(phone, "jade-maj", turfId);
            assertThat(page.evaluate("() => caches.keys()")).asList().containsExactly("terrain-porte-a-porte-v1");
            phone.setOffline(true);
            tap(page, "absent");
            page.waitForFunction("() => document.body.dataset.pending === '1'");
            page.evaluate("""
                    turf => new Promise((resolve, reject) => {
                      const open = indexedDB.open('terrain-porte-a-porte');
                      open.onsuccess = () => {
                        const t = open.result.transaction('outbox', 'readwrite');
                        t.objectStore('outbox').put({client_id: crypto.randomUUID(), turf_id: turf, door_id: '75109_7777_00005',
                          outcome: 'leaflet', recorded_at: new Date().toISOString()});
                        t.oncomplete = () => resolve();
                        t.onerror = () => reject(t.error);
                      };
                    })""", asNumber(turfId));
            page.reload();
            page.waitForFunction("() => document.body.dataset.view === 'turf-ready' && document.body.dataset.pending === '2'");

            olderWorker.set(null); // the new version is deployed
            phone.setOffline(false);
            page.reload();
            waitAllSent(page);
            assertThat(outcomesOf(turfId)).isEqualTo(2);
            assertThat(cacheAfterUpdate(page, "terrain-porte-a-porte-v1")).isEqualTo(CURRENT_CACHE);

            phone.setOffline(true);
            page.reload();
            waitView(page, "turf-ready");
            assertThat(page.textContent("#door-label")).isEqualTo("3 rue Essai");
        } finally {
            olderWorker.set(null);
        }
    }

    /**
     * A phone on version 2 (the worker whose cache had no shared tooltip script) recorded a door offline and reopened the
     * turf offline; version 3 is deployed and the phone has signal: the door is sent, only the v3 cache is left, and the
     * turf opens offline with its doors' tooltips, whose script (assets/infobulle.js, shared with the turf-cutting page)
     * came into the new cache.
     */
    @Test
    void aPhoneOnVersion2UpdatesAndItsTurfStillOpensOfflineWithItsTooltips() throws Exception {
        AccountRecord lina = TestAccounts.user(store, "lina-v3", Role.CANVASSER, 8);
        long turfId = ownTurf("8e-v3", lina, 8, 3);
        olderWorker.set(new String(CanvassBrowserTest.class.getResourceAsStream("/web/porte-a-porte-sw-v2.js").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8));
        try (BrowserContext phone = phone()) {
            Page page = openTurf(phone, "lina-v3", turfId);
            assertThat(page.evaluate("() => caches.keys()")).asList().containsExactly("terrain-porte-a-porte-v2");
            phone.setOffline(true);
            tap(page, "absent");
            page.waitForFunction("() => document.body.dataset.pending === '1'");
            // v2's cache holds the page and script as the server now serves them, not the shared tooltip script:
            // the turf opens all the same
            page.reload();
            page.waitForFunction("() => document.body.dataset.view === 'turf-ready' && document.body.dataset.pending === '1'");

            olderWorker.set(null); // version 3 is deployed
            phone.setOffline(false);
            page.reload();
            waitAllSent(page);
            assertThat(outcomesOf(turfId)).isEqualTo(1);
            assertThat(cacheAfterUpdate(page, "terrain-porte-a-porte-v2")).isEqualTo(CURRENT_CACHE);

            phone.setOffline(true);
            page.reload();
            waitView(page, "turf-ready");
            // ownTurf's doors are 1, 3, 5 rue Essai; the first is done, so the second door is next
            assertThat(page.textContent("#door-label")).isEqualTo("3 rue Essai");
            page.locator("#map path.door-next").hover(new com.microsoft.playwright.Locator.HoverOptions().setForce(true));
            page.waitForSelector(".leaflet-tooltip");
            assertThat(page.textContent(".leaflet-tooltip")).isEqualTo("2. 3 rue Essai");
        } finally {
            olderWorker.set(null);
        }
    }

    /** The cache of the worker this build serves (its version a digest of its files, CanvassRoutes.script). */
    static final String CURRENT_CACHE = currentCache();

    private static String currentCache() {
        return "terrain-porte-a-porte-" + CanvassWorkerVersionTest.version(new String(CanvassRoutes.script(),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The page's files a version of the worker must hold, all of them, to open the page offline (SHELL in the worker). */
    static final List<String> SHELL = List.of("/terrain/porte-a-porte", "/assets/porte-a-porte.js", "/assets/infobulle.js",
            "/assets/porte-a-porte.css", "/webjars/leaflet/1.9.4/dist/leaflet.js", "/webjars/leaflet/1.9.4/dist/leaflet.css");

    /**
     * Asks the phone's browser to look for a new version of the canvassing page's worker (as it does when the page opens)
     * and waits until that version is in place ({@code activated}) or given up ({@code redundant}), 20 s at most.
     */
    static Object update(Page page) {
        return page.evaluate("""
                async () => {
                  const reg = await navigator.serviceWorker.getRegistration('/terrain/porte-a-porte');
                  await reg.update().catch(() => null);
                  const worker = reg.installing || reg.waiting || reg.active;
                  for (let waited = 0; waited < 20000 && !['activated', 'redundant'].includes(worker.state); waited += 100) {
                    await new Promise(r => setTimeout(r, 100));
                  }
                  return worker.state;
                }""");
    }

    /** The paths a cache of the worker holds. */
    @SuppressWarnings("unchecked")
    static List<String> cached(Page page, String cache) {
        return (List<String>) page.evaluate("""
                async name => (await (await caches.open(name)).keys()).map(r => new URL(r.url).pathname)""", cache);
    }

    /** A phone on version 2 of the worker, with its canvasser's turf opened (so cached), version 3 deployed meanwhile. */
    Page onVersion2(BrowserContext phone, String name, long turfId) throws Exception {
        olderWorker.set(new String(CanvassBrowserTest.class.getResourceAsStream("/web/porte-a-porte-sw-v2.js").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8));
        try {
            Page page = openTurf(phone, name, turfId);
            assertThat(page.evaluate("() => caches.keys()")).asList().containsExactly("terrain-porte-a-porte-v2");
            return page;
        } finally {
            olderWorker.set(null); // version 3 is deployed
        }
    }

    /**
     * Version 3 is deployed and a canvasser opens the page as she enters a stairwell: the signal drops while the phone
     * fetches the new version's files, and the page's script never comes. The phone keeps version 2 and its whole cache
     * (the new version used to take over without the script and delete version 2's cache: offline, the page no longer
     * worked and no door could be recorded); offline the turf opens, a door is recorded, and it is sent back online.
     */
    @Test
    void anUpdateCutOffHalfwayLeavesThePhoneOnTheVersionItHadWhole() throws Exception {
        AccountRecord maud = TestAccounts.user(store, "maud-escalier", Role.CANVASSER, 9);
        long turfId = ownTurf("9e-escalier", maud, 9, 3);
        try (BrowserContext phone = phone()) {
            Page page = onVersion2(phone, "maud-escalier", turfId);
            // the worker's requests go through the context's routes (Chromium): the script's request fails as offline
            phone.route("**/assets/porte-a-porte.js", route -> route.abort("internetdisconnected"));
            page.reload();
            waitView(page, "turf-ready");
            assertThat(update(page)).as("version 3, missing the page's script, is given up").isEqualTo("redundant");
            assertThat(page.evaluate("() => caches.keys()")).asList().containsExactly("terrain-porte-a-porte-v2");

            phone.setOffline(true);
            page.reload();
            waitView(page, "turf-ready");
            assertThat(page.textContent("#door-label")).isEqualTo("1 rue Essai");
            tap(page, "absent");
            page.waitForFunction("() => document.body.dataset.pending === '1'");
            assertThat(outcomesOf(turfId)).isZero();

            phone.unroute("**/assets/porte-a-porte.js");
            phone.setOffline(false);
            waitAllSent(page);
            assertThat(outcomesOf(turfId)).isEqualTo(1);
        }
    }

    /**
     * The server answers an error for one of version 3's files (Leaflet's style) as the phone fetches them: the phone
     * stays on version 2. Once the file comes again, the next opening of the page installs version 3 whole: its cache
     * holds every file of the page and the turf version 2 kept, version 2's cache is gone, and the turf opens offline.
     */
    @Test
    void anUpdateGivenUpIsInstalledWholeOnceEveryFileComes() throws Exception {
        AccountRecord gael = TestAccounts.user(store, "gael-reprise", Role.CANVASSER, 8);
        long turfId = ownTurf("8e-reprise-maj", gael, 8, 3);
        try (BrowserContext phone = phone()) {
            Page page = onVersion2(phone, "gael-reprise", turfId);
            phone.route("**/leaflet.css", route -> route.fulfill(new Route.FulfillOptions().setStatus(503).setBody("indisponible")));
            page.reload();
            waitView(page, "turf-ready");
            assertThat(update(page)).isEqualTo("redundant");
            assertThat(page.evaluate("() => caches.keys()")).asList().containsExactly("terrain-porte-a-porte-v2");

            phone.unroute("**/leaflet.css");
            page.reload();
            waitView(page, "turf-ready");
            assertThat(update(page)).isEqualTo("activated");
            assertThat(cacheAfterUpdate(page, "terrain-porte-a-porte-v2")).isEqualTo(CURRENT_CACHE);
            assertThat(cached(page, CURRENT_CACHE)).containsAll(SHELL).contains("/api/field/turfs/" + turfId);

            phone.setOffline(true);
            page.reload();
            waitView(page, "turf-ready");
            assertThat(page.textContent("#door-label")).isEqualTo("1 rue Essai");
        }
    }

    /**
     * A first visit whose worker could not install (a file of the page did not come): the page works online but would
     * not open offline, and says so — the canvasser reopens it with network before going out — until a visit installs it.
     */
    @Test
    void aFirstVisitWithoutOfflineModeSaysSoUntilTheWorkerIsInstalled() {
        AccountRecord hugo = TestAccounts.user(store, "hugo-premiere", Role.CANVASSER, 9);
        long turfId = ownTurf("9e-premiere", hugo, 9, 3);
        try (BrowserContext phone = phone()) {
            phone.route("**/leaflet.css", route -> route.fulfill(new Route.FulfillOptions().setStatus(503).setBody("indisponible")));
            Page page = openTurf(phone, "hugo-premiere", turfId);
            assertThat(page.evaluate("() => document.body.dataset.offline")).isEqualTo("none");
            assertThat(page.isVisible("#offline-note")).isTrue();
            assertThat(page.textContent("#offline-note")).contains("pas encore disponible hors connexion");

            phone.unroute("**/leaflet.css");
            page.reload();
            waitView(page, "turf-ready");
            page.waitForFunction("() => document.body.dataset.offline === 'ready'");
            assertThat(page.isVisible("#offline-note")).isFalse();
        }
    }

    /** Two tabs of the page on one turf: a door recorded in one is done, and counted, in the other at once. */
    @Test
    void twoTabsOnOneTurfAgreeOnTheDoorsDoneAndTheCount() {
        AccountRecord theo = TestAccounts.user(store, "theo-onglets", Role.CANVASSER, 10);
        long turfId = ownTurf("10e-onglets", theo, 10, 3);
        try (BrowserContext phone = phone()) {
            Page first = openTurf(phone, "theo-onglets", turfId);
            Page second = phone.newPage();
            second.navigate(url("/terrain/porte-a-porte#tournee-" + turfId));
            waitView(second, "turf-ready");
            assertThat(second.evaluate("() => document.body.dataset.door")).isEqualTo("75110_7777_00001");

            phone.setOffline(true);
            tap(first, "absent");
            first.waitForFunction("() => document.body.dataset.pending === '1'");
            second.waitForFunction("() => document.body.dataset.pending === '1' && document.body.dataset.door === '75110_7777_00003'");
            assertThat(second.textContent("#pending-count")).isEqualTo("1");

            phone.setOffline(false);
            first.waitForFunction("() => document.body.dataset.pending === '0'", null, new Page.WaitForFunctionOptions().setTimeout(30_000));
            second.waitForFunction("() => document.body.dataset.pending === '0'");
            assertThat(second.evaluate("() => document.body.dataset.door")).isEqualTo("75110_7777_00003");
            assertThat(outcomesOf(turfId)).isEqualTo(1);
        }
    }

    /**
     * Signing out with doors not sent yet. Offline, the sign-out waits for the network (the server closes the session:
     * the form would end on the browser's error page, the session still open). Online, the page first sends what it
     * can; what the server did not take is said, and the canvasser chooses to stay or to go. Gone, the doors wait on
     * the phone for her next sign-in.
     */
    @Test
    void signingOutWithDoorsNotSentSaysSoAndTheyGoAtTheNextSignIn() {
        AccountRecord eva = TestAccounts.user(store, "eva-depart", Role.CANVASSER, 11);
        long turfId = ownTurf("11e-depart", eva, 11, 3);
        try (BrowserContext phone = phone()) {
            Page page = openTurf(phone, "eva-depart", turfId);
            phone.setOffline(true);
            tap(page, "absent");
            page.waitForFunction("() => document.body.dataset.pending === '1'");

            page.locator("#logout button").tap();
            page.waitForSelector("#logout-warning:not([hidden])");
            assertThat(page.textContent("#logout-warning")).contains("Pas de réseau").contains("1 porte");
            assertThat(page.isHidden("#logout-anyway")).as("offline, no sign-out to offer").isTrue();
            page.locator("#logout-stay").tap();
            assertThat(page.isHidden("#logout-warning")).isTrue();
            assertThat(page.url()).contains("/terrain/porte-a-porte");

            // the network is back but the server does not take the door
            page.route("**/api/field/outcomes", route -> route.abort());
            phone.setOffline(false);
            page.locator("#logout button").tap();
            page.waitForSelector("#logout-warning:not([hidden])");
            assertThat(page.textContent("#logout-warning")).contains("1 porte").contains("prochaine connexion");
            page.locator("#logout-anyway").tap();
            page.waitForURL("**/login**");
            page.unrouteAll();
            assertThat(outbox(page)).singleElement().satisfies(i -> assertThat(i.get("sent")).isNull());

            signIn(page, "eva-depart", "/terrain/porte-a-porte");
            waitAllSent(page);
            assertThat(outcomesOf(turfId)).isEqualTo(1);

            // with network, signing out sends first: nothing is left behind
            phone.setOffline(true);
            page.locator("#turfs a[data-turf='" + turfId + "']").tap();
            waitView(page, "turf-ready");
            tap(page, "leaflet");
            page.waitForFunction("() => document.body.dataset.pending === '1'");
            phone.setOffline(false);
            page.locator("#logout button").tap();
            page.waitForURL("**/login**");
            assertThat(outcomesOf(turfId)).isEqualTo(2);
        }
    }

    /**
     * One bar of signal in a stairwell: the server does not answer. The turf opens from the phone's copy after a few
     * seconds instead of waiting for an answer that does not come.
     */
    @Test
    void aTurfOpensFromThePhonesCopyWhenTheNetworkStalls() {
        AccountRecord noe = TestAccounts.user(store, "noe-lent", Role.CANVASSER, 8);
        long turfId = ownTurf("8e-lent", noe, 8, 2);
        try (BrowserContext phone = phone()) {
            Page page = phone.newPage();
            signIn(page, "noe-lent", "/terrain/porte-a-porte");
            waitView(page, "list-ready");
            assertThat(page.evaluate("""
                    async id => {
                      for (let waited = 0; waited < 10000; waited += 100) {
                        if (await caches.match('/api/field/turfs/' + id)) return true;
                        await new Promise(r => setTimeout(r, 100));
                      }
                      return false;
                    }""", String.valueOf(turfId))).isEqualTo(true);
            CountDownLatch answer = new CountDownLatch(1);
            stall.set(new Stall(p -> p.startsWith("/api/field/turfs/"), answer));
            try {
                page.locator("#turfs a[data-turf='" + turfId + "']").tap();
                page.waitForFunction("() => document.body.dataset.view === 'turf-ready'", null,
                        new Page.WaitForFunctionOptions().setTimeout(15_000));
                assertThat(page.textContent("#door-label")).isEqualTo("1 rue Essai");
            } finally {
                stall.set(null);
                answer.countDown();
            }
        }
    }

    /**
     * The session ends (8 h without activity) while a canvasser records doors in a basement: back online, the doors
     * stay on the phone and she is told; the sign-in page, then her doors go, under her account. An account disabled
     * meanwhile cannot sign in again: its doors stay on the phone, and another account signing in there never sends them.
     */
    @Test
    void doorsRecordedWhenTheSessionEndsWaitForTheirOwnAccount() {
        AccountRecord ines2 = TestAccounts.user(store, "ines-session", Role.CANVASSER, 7);
        AccountRecord karim = TestAccounts.user(store, "karim-parti", Role.CANVASSER, 7);
        long hers = ownTurf("7e-session", ines2, 7, 3);
        long his = TurfRows.turf(store, count("SELECT plan_id FROM turf WHERE id = " + hers), 2, 7, 2.32, 48.85, 10,
                "transports", List.of(new TurfRows.Door("75107_8888_00002", "2 rue Partie", 2.3201, 48.8501, 1)));
        FieldStore.assign(store, new TurfScope.All(), his, karim.id(), "test");
        try (BrowserContext phone = phone()) {
            Page page = openTurf(phone, "ines-session", hers);
            phone.setOffline(true);
            for (String outcome : List.of("absent", "leaflet")) {
                String door = (String) page.evaluate("() => document.body.dataset.door");
                tap(page, outcome);
                page.waitForFunction("d => document.body.dataset.door !== d", door);
            }
            page.waitForFunction("() => document.body.dataset.pending === '2'");
            store.jdbi().useHandle(h -> h.createUpdate("UPDATE web_session SET last_seen_at = :t WHERE user_id = :u")
                    .bind("t", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusHours(9)).bind("u", ines2.id()).execute());

            phone.setOffline(false);
            page.waitForFunction("() => !document.getElementById('message').hidden");
            assertThat(page.textContent("#message")).contains("Session terminée").contains("reconnectez-vous");
            assertThat(pending(page)).isEqualTo("2");
            assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE turf_id = " + hers)).isZero();
            page.locator("#message a").tap(); // « Se reconnecter »
            page.waitForURL("**/login**");
            page.fill("#name", "ines-session");
            page.fill("#password", TestAccounts.PASSWORD);
            page.click("button[type=submit]");
            page.waitForURL(u -> u.contains("/terrain/porte-a-porte"));
            assertThat(page.url()).as("back on the turf that was open").endsWith("#tournee-" + hers);
            waitAllSent(page);
            assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE turf_id = " + hers)).isEqualTo(2);
            assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE turf_id = " + hers + " AND canvasser_id = " + ines2.id()))
                    .isEqualTo(2);
        }

        try (BrowserContext phone = phone()) {
            Page page = openTurf(phone, "karim-parti", his);
            phone.setOffline(true);
            tap(page, "refused");
            page.waitForFunction("() => document.body.dataset.pending === '1'");
            fr.terrain.store.Accounts.disable(store, "karim-parti");
            phone.setOffline(false);
            page.waitForFunction("() => !document.getElementById('message').hidden");
            assertThat(page.textContent("#message")).contains("Session terminée");
            page.reload();
            page.waitForURL("**/login**");
            page.fill("#name", "karim-parti");
            page.fill("#password", TestAccounts.PASSWORD);
            page.click("button[type=submit]");
            assertThat(page.url()).contains("/login");
            signIn(page, "ines-session", "/terrain/porte-a-porte");
            page.waitForFunction("() => document.body.dataset.view === 'list-ready' && document.body.dataset.others === '1'");
            assertThat(pending(page)).isEqualTo("0");
            assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE turf_id = " + his)).isZero();
            assertThat(outbox(page)).filteredOn(i -> !Boolean.TRUE.equals(i.get("sent"))).singleElement()
                    .satisfies(i -> assertThat(i.get("rejected")).isNull());
        }
    }

    /**
     * Days in basements: 600 doors wait on the phone (two batches), one of them a door the turf does not have. Back
     * online the server first answers 500; the phone tries again: the 599 good ones are stored once, the bad one is
     * refused and said, nothing else stays « en attente ».
     */
    @Test
    void sixHundredDoorsWaitingSurviveAServerErrorAndOneRefusal() {
        AccountRecord mila = TestAccounts.user(store, "mila-longue", Role.CANVASSER, 6);
        long turfId = ownTurf("6e-longue", mila, 6, 3);
        try (BrowserContext phone = phone()) {
            Page page = openTurf(phone, "mila-longue", turfId);
            phone.setOffline(true);
            page.evaluate("""
                    ([turf, who]) => new Promise((resolve, reject) => {
                      const open = indexedDB.open('terrain-porte-a-porte');
                      open.onsuccess = () => {
                        const t = open.result.transaction('outbox', 'readwrite');
                        const start = Date.now() - 3 * 86400000;
                        for (let i = 0; i < 600; i++) {
                          t.objectStore('outbox').put({client_id: crypto.randomUUID(), turf_id: turf, by: who,
                            door_id: i === 300 ? '75106_0000_99999' : '75106_7777_0000' + (1 + 2 * (i % 3)),
                            outcome: i % 2 ? 'absent' : 'leaflet', recorded_at: new Date(start + i * 60000).toISOString()});
                        }
                        t.oncomplete = () => resolve();
                        t.onerror = () => reject(t.error);
                      };
                    })""", List.of(asNumber(turfId), "mila-longue"));
            page.reload();
            page.waitForFunction("() => document.body.dataset.view === 'turf-ready' && document.body.dataset.pending === '600'");

            AtomicInteger posts = new AtomicInteger();
            page.route("**/api/field/outcomes", route -> {
                if (posts.incrementAndGet() == 1) {
                    route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(500)
                            .setContentType("application/json").setBody("{\"error\": \"erreur interne\"}"));
                } else {
                    route.resume();
                }
            });
            phone.setOffline(false);
            page.waitForFunction("() => document.body.dataset.pending === '0' && document.body.dataset.sync === 'idle'", null,
                    new Page.WaitForFunctionOptions().setTimeout(60_000));
            assertThat(posts.get()).as("the 500, then two batches").isEqualTo(3);
            assertThat(outcomesOf(turfId)).isEqualTo(599);
            assertThat(page.textContent("#rejected")).startsWith("1 porte(s) refusée(s)").contains("75106_0000_99999");
        }
    }

    /**
     * A door where the person consented and gave an opinion, mis-tapped (ADR 0020, amended): « Corriger » is offered
     * as for any door and says the opinion and consent will be erased; sent, « annuler » supersedes the row on the
     * server with its opinion and consent erased (nothing left to count); offline, the door corrected before it was
     * sent never brings its opinion to the server, and the phone keeps none of it.
     */
    @Test
    void aDoorWithAnOpinionIsCorrectedAndItsOpinionAndConsentDoNotSurvive() {
        AccountRecord yves = TestAccounts.user(store, "yves-opinion", Role.CANVASSER, 14);
        long turfId = ownTurf("14e-opinion", yves, 14, 3);
        try (BrowserContext phone = phone()) {
            Page page = openTurf(phone, "yves-opinion", turfId);
            String first = (String) page.evaluate("() => document.body.dataset.door");
            tap(page, "opened");
            page.locator("#consent").tap();
            page.locator("#support input[value='4']").tap();
            page.locator("#save-opened").tap();
            page.waitForFunction("d => document.body.dataset.door !== d", first);
            waitAllSent(page);
            assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE support_level = 4 AND turf_id = " + turfId)).isEqualTo(1);
            assertThat(page.isVisible("#correct")).as("an opinion door is corrected like any other").isTrue();
            page.locator("#correct").tap();
            assertThat(page.textContent("#correct-opinion")).contains("opinion", "effacés");
            assertThat(page.isVisible("#correct-opinion")).isTrue();
            page.locator("#correct-choices button[data-undo]").tap();
            page.waitForFunction("d => document.body.dataset.door === d && document.body.dataset.correctable === ''"
                    + " && document.body.dataset.pending === '0' && document.body.dataset.sync === 'idle'", first,
                    new Page.WaitForFunctionOptions().setTimeout(30_000));
            assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE turf_id = " + turfId + " AND superseded_at IS NOT NULL"
                    + " AND support_level IS NULL AND consent_event_id IS NULL")).as("superseded, opinion erased").isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM consent_event WHERE evidence LIKE 'door_outcome %' AND recorded_by = 'yves-opinion'"))
                    .isZero();
            assertThat(FieldStore.progress(store, FieldStore.By.TURF, java.util.Set.of(14)).get(0).knocked()).isZero();

            // offline: the opinion door corrected before it left the phone never reaches the server
            phone.setOffline(true);
            int before = fieldRequests.get();
            tap(page, "opened");
            page.locator("#consent").tap();
            page.locator("#support input[value='2']").tap();
            page.locator("#save-opened").tap();
            page.waitForFunction("() => document.body.dataset.pending === '1'");
            page.locator("#correct").tap();
            page.locator("#correct-choices button[data-outcome='absent']").tap();
            page.waitForFunction("() => document.querySelector('#last-label').textContent.includes('absent')"
                    + " && document.body.dataset.pending === '1'");
            assertThat(outbox(page)).noneSatisfy(i -> assertThat(i).containsKey("support_level"));
            assertThat(fieldRequests.get()).isEqualTo(before);
            phone.setOffline(false);
            waitAllSent(page);
            assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE turf_id = " + turfId + " AND support_level IS NOT NULL"))
                    .isZero();
            assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE turf_id = " + turfId + " AND outcome = 'absent'"
                    + " AND superseded_at IS NULL")).isEqualTo(1);
        }
    }

    /**
     * A phone whose clock is five hours late records an opinion offline: synced, the door and the consent are dated by
     * the server's clock, and the opinion arrives with its consent.
     */
    @Test
    void aPhoneFiveHoursLateRecordsAnOpinionDatedRightWithItsConsent() {
        AccountRecord hugo2 = TestAccounts.user(store, "hugo-horloge", Role.CANVASSER, 5);
        long turfId = ownTurf("5e-horloge", hugo2, 5, 2);
        try (BrowserContext phone = phone()) {
            Page page = phone.newPage();
            page.clock().install(new com.microsoft.playwright.Clock.InstallOptions()
                    .setTime(System.currentTimeMillis() - java.time.Duration.ofHours(5).toMillis()));
            openTurf(page, "hugo-horloge", turfId);
            phone.setOffline(true);
            tap(page, "opened");
            page.locator("#consent").tap();
            page.locator("#support input[value='5']").tap();
            page.locator("#save-opened").tap();
            page.waitForFunction("() => document.body.dataset.pending === '1'");
            phone.setOffline(false);
            page.waitForFunction("() => document.body.dataset.pending === '0'", null, new Page.WaitForFunctionOptions().setTimeout(30_000));
            java.time.Instant now = java.time.Instant.now();
            var row = store.jdbi().withHandle(h -> h.createQuery("SELECT o.recorded_at, c.effective_at FROM door_outcome o JOIN"
                    + " consent_event c ON c.id = o.consent_event_id WHERE o.turf_id = :t AND o.support_level = 5")
                    .bind("t", turfId).map((rs, ctx) -> List.of(rs.getObject(1, java.time.OffsetDateTime.class).toInstant(),
                            rs.getObject(2, java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC))).one());
            assertThat(row).allSatisfy(t -> assertThat(java.time.Duration.between(t, now).abs())
                    .isLessThan(java.time.Duration.ofMinutes(5)));
        }
    }

    /**
     * The organizer gives a turf to someone else while its canvasser is on it: the door she records before her phone
     * learns it is kept (she knocked it; the turf was hers a moment ago), then the page tells her the turf was taken and
     * offers no more buttons — instead of letting her record doors the server refused, shown as « refusée(s) » for ever.
     */
    @Test
    void aTurfGivenToSomeoneElseKeepsTheDoorsDoneUntilThePhoneKnowsAndThenStopsIt() {
        AccountRecord zoe = TestAccounts.user(store, "zoe-reprise", Role.CANVASSER, 4);
        AccountRecord next = TestAccounts.user(store, "tom-reprise", Role.CANVASSER, 4);
        long turfId = ownTurf("4e-reprise", zoe, 4, 3);
        try (BrowserContext phone = phone()) {
            Page page = openTurf(phone, "zoe-reprise", turfId);
            phone.setOffline(true);
            tap(page, "absent");
            page.waitForFunction("() => document.body.dataset.pending === '1'");

            FieldStore.assign(store, new TurfScope.All(), turfId, next.id(), "orga4");
            // still in the basement, she does not know: the next door too
            tap(page, "leaflet");
            page.waitForFunction("() => document.body.dataset.pending === '2'");

            phone.setOffline(false);
            page.waitForFunction("() => document.body.dataset.pending === '0' && !document.getElementById('message').hidden", null,
                    new Page.WaitForFunctionOptions().setTimeout(30_000));
            assertThat(page.isHidden("#rejected")).as("nothing refused: %s", page.textContent("#rejected")).isTrue();
            assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE turf_id = " + turfId + " AND canvasser_id = " + zoe.id()))
                    .isEqualTo(2);
            assertThat(page.textContent("#message")).contains("ne vous est plus attribuée");
            assertThat(page.isVisible("#outcomes button[data-outcome='absent']")).as("no door to record any more").isFalse();
        }
    }

    /**
     * A shared phone: Chloé's successor signs in where the server's « who are you » does not answer at first. Her door
     * must not be written down as the previous account's (whose next sign-in here would send it as theirs): it goes
     * under her own account once the server answers.
     */
    @Test
    void theNextPersonOnASharedPhoneNeverRecordsUnderThePreviousAccount() {
        AccountRecord anna = TestAccounts.user(store, "anna-avant", Role.CANVASSER, 3);
        AccountRecord bea = TestAccounts.user(store, "bea-apres", Role.CANVASSER, 3);
        long annas = ownTurf("3e-avant", anna, 3, 2);
        long beas = ownTurf("3e-apres", bea, 3, 2);
        try (BrowserContext phone = phone()) {
            Page page = openTurf(phone, "anna-avant", annas);
            page.locator("#logout button").tap();
            page.waitForURL("**/login**");

            page.route("**/api/me", route -> route.abort());
            openTurf(page, "bea-apres", beas);
            tap(page, "absent");
            page.waitForFunction("() => document.body.dataset.doneDoors === '1'");
            assertThat(outbox(page)).singleElement().satisfies(i -> assertThat(i.get("by")).isNotEqualTo("anna-avant"));
            page.unrouteAll();
            page.locator("#sync-now").tap();
            waitAllSent(page);
            assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE turf_id = " + beas + " AND canvasser_id = " + bea.id()))
                    .isEqualTo(1);
        }
    }

    /**
     * Doors waiting in IndexedDB must survive a phone short of space: the page asks the browser to keep its storage
     * (« persistent »), which a browser otherwise evicts first, whole, under storage pressure.
     */
    @Test
    void thePageAsksTheBrowserToKeepTheDoorsWaiting() {
        AccountRecord lou = TestAccounts.user(store, "lou-stockage", Role.CANVASSER, 2);
        long turfId = ownTurf("2e-stockage", lou, 2, 1);
        try (BrowserContext phone = phone()) {
            phone.addInitScript("""
                    window.__persistAsked = 0;
                    if (navigator.storage && navigator.storage.persist) {
                      const persist = navigator.storage.persist.bind(navigator.storage);
                      navigator.storage.persist = () => { window.__persistAsked++; return persist(); };
                    }""");
            Page page = openTurf(phone, "lou-stockage", turfId);
            assertThat(page.evaluate("() => window.__persistAsked")).isEqualTo(1);
        }
    }

    /**
     * The opinion stays locked until consent: a level forced on from the page without the tick, a tick taken back, a
     * conversation cancelled — none sends an opinion; the server refuses one without consent anyway.
     */
    @Test
    void noOpinionLeavesThePhoneWithoutConsent() {
        AccountRecord ugo = TestAccounts.user(store, "ugo-consent", Role.CANVASSER, 1);
        long turfId = ownTurf("1er-consent", ugo, 1, 3);
        try (BrowserContext phone = phone()) {
            Page page = openTurf(phone, "ugo-consent", turfId);
            // forced from the page (developer tools): the level is not sent without the tick
            tap(page, "opened");
            page.evaluate("() => { document.getElementById('support').disabled = false;"
                    + " document.querySelector('#support input[value=\"5\"]').checked = true; }");
            page.locator("#save-opened").tap();
            page.waitForFunction("() => document.body.dataset.doneDoors === '1'");
            // ticked, a level chosen, then the tick taken back: the level goes
            tap(page, "opened");
            page.locator("#consent").tap();
            page.locator("#support input[value='2']").tap();
            page.locator("#consent").tap();
            assertThat(page.isDisabled("#support input[value='2']")).isTrue();
            assertThat(page.isChecked("#support input[value='2']")).isFalse();
            page.locator("#save-opened").tap();
            page.waitForFunction("() => document.body.dataset.doneDoors === '2'");
            // ticked, then the conversation cancelled: the next one starts locked
            tap(page, "opened");
            page.locator("#consent").tap();
            page.locator("#cancel-opened").tap();
            tap(page, "opened");
            assertThat(page.isChecked("#consent")).isFalse();
            assertThat(page.isDisabled("#support input[value='3']")).isTrue();
            page.locator("#save-opened").tap();
            page.waitForFunction("() => document.body.dataset.doneDoors === '3' && document.body.dataset.pending === '0'", null,
                    new Page.WaitForFunctionOptions().setTimeout(30_000));
            assertThat(outbox(page)).hasSize(3).allSatisfy(i -> assertThat(i).doesNotContainKeys("support_level", "consent"));
            assertThat(outcomesOf(turfId)).isEqualTo(3);
            assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE turf_id = " + turfId + " AND support_level IS NOT NULL"))
                    .isZero();
        }
    }

    /** Signed out in one tab, the page left open in another no longer shows the turf's addresses to the next person. */
    @Test
    void signingOutInOneTabClearsTheTurfShownInAnother() {
        AccountRecord ivy = TestAccounts.user(store, "ivy-onglets", Role.CANVASSER, 3);
        long turfId = ownTurf("3e-onglets", ivy, 3, 2);
        try (BrowserContext phone = phone()) {
            Page first = openTurf(phone, "ivy-onglets", turfId);
            Page second = phone.newPage();
            second.navigate(url("/terrain/porte-a-porte#tournee-" + turfId));
            waitView(second, "turf-ready");
            assertThat(second.textContent("#door-label")).isEqualTo("1 rue Essai");

            first.locator("#logout button").tap();
            first.waitForURL("**/login**");
            second.waitForURL("**/login**");
            assertThat(second.content()).doesNotContain("rue Essai");
        }
    }

    /**
     * A phone that met the server before a fix (here: « autre sujet » refused) holds the door as « refusée ». At each
     * opening the page offers refused doors once more: the server as it is now takes it, and the banner goes.
     */
    @Test
    void aDoorRefusedBeforeAServerFixIsSentAgainAtTheNextOpening() {
        AccountRecord rita = TestAccounts.user(store, "rita-refus", Role.CANVASSER, 2);
        long turfId = ownTurf("2e-refus", rita, 2, 2);
        try (BrowserContext phone = phone()) {
            Page page = openTurf(phone, "rita-refus", turfId);
            page.evaluate("""
                    ([turf, who]) => new Promise((resolve, reject) => {
                      const open = indexedDB.open('terrain-porte-a-porte');
                      open.onsuccess = () => {
                        const t = open.result.transaction('outbox', 'readwrite');
                        t.objectStore('outbox').put({client_id: crypto.randomUUID(), turf_id: turf, door_id: '75102_7777_00003',
                          outcome: 'opened', topic: 'autre', recorded_at: new Date(Date.now() - 86400000).toISOString(), by: who,
                          rejected: true, error: "outcomes[0] : topic : « autre » n'est pas un sujet de la campagne"});
                        t.oncomplete = () => resolve();
                        t.onerror = () => reject(t.error);
                      };
                    })""", List.of(asNumber(turfId), "rita-refus"));
            page.reload();
            waitView(page, "turf-ready");
            page.waitForFunction("() => Number(document.body.dataset.syncs || 0) > 0 && document.body.dataset.sync === 'idle'");
            assertThat(page.isHidden("#rejected")).as("no longer refused: %s", page.textContent("#rejected")).isTrue();
            assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE turf_id = " + turfId + " AND topic = 'autre'")).isEqualTo(1);
            assertThat(page.evaluate("() => document.body.dataset.doneDoors")).isEqualTo("1");
        }
    }

    Long assignee(long turfId) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT assigned_to FROM turf WHERE id = :t").bind("t", turfId)
                .mapTo(Long.class).findOne().orElse(null));
    }

    @Test
    void anOrganizerDragsATurfOntoAVolunteerChoosesAnotherWithTheKeyboardAndAcceptsASuggestion() {
        fr.terrain.store.Volunteers.setAvailability(store, ines.id(), List.of(new fr.terrain.field.WeeklySlot(
                java.time.DayOfWeek.SATURDAY, java.time.LocalTime.of(9, 0), java.time.LocalTime.of(13, 0))),
                java.util.Optional.of(new fr.terrain.field.Suggestions.Point(2.4100, 48.8551)), java.time.Instant.now());
        BrowserContext laptop = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900).setLocale("fr-FR"));
        Page page = laptop.newPage();
        signIn(page, "orga20", "/terrain/affectation");
        page.waitForFunction("() => document.body.dataset.ready === 'yes'");
        assertThat(page.locator("#unassigned .card").count()).as("the 20th's two turfs, none of the 12th's").isEqualTo(2);

        page.locator("#unassigned .card[data-turf='" + turf20a + "']").dragTo(page.locator(".zone[data-user='" + marc.id() + "']"));
        page.waitForSelector(".zone[data-user='" + marc.id() + "'] .card[data-turf='" + turf20a + "']");
        assertThat(assignee(turf20a)).isEqualTo(marc.id());

        // the keyboard way: the turf's own list
        page.locator(".card[data-turf='" + turf20a + "'] select").selectOption(String.valueOf(ines.id()));
        page.waitForSelector(".zone[data-user='" + ines.id() + "'] .card[data-turf='" + turf20a + "']");
        assertThat(assignee(turf20a)).isEqualTo(ines.id());

        // Suggérer: turf 2 starts by Inès's home; Marc gave no availability, so he is not suggested
        page.click("#suggest");
        page.waitForSelector(".card.suggested[data-turf='" + turf20b + "']");
        assertThat(page.textContent(".card.suggested[data-turf='" + turf20b + "']")).contains("Suggestion : ines");
        page.locator(".card.suggested[data-turf='" + turf20b + "'] button").click();
        page.waitForSelector(".zone[data-user='" + ines.id() + "'] .card[data-turf='" + turf20b + "']");
        assertThat(assignee(turf20b)).isEqualTo(ines.id());
        laptop.close();
    }

    /**
     * A turf id as the page holds it, a JavaScript Number: exact, since ids are drawn below 2^53 (docs/adr/0030). It was
     * cast to an int, which ids drawn from 2^32 up overflow.
     */
    static double asNumber(long id) {
        return id;
    }
}
