package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import fr.terrain.account.Role;
import fr.terrain.mail.RecipientRef;
import fr.terrain.mail.tracking.ShareTree;
import fr.terrain.mail.tracking.TokenSigner;
import fr.terrain.store.HashKeyFile;
import fr.terrain.store.MailFixture;
import fr.terrain.store.MailTracking;
import fr.terrain.store.Store;
import fr.terrain.store.TrackingEvents;
import fr.terrain.store.TrackingLinks;
import io.javalin.Javalin;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Share attribution and the campaign report in a real browser (Debian's Chromium through
 * Playwright): a recipient follows their link, someone they forwarded the message to follows the
 * same link from another browser (a fresh context, no cookies), and the report credits the share
 * to the recipient; and a reader's click on the unsubscribe page (mail-core's) puts the person on the
 * suppression list for every channel, without counting as a click. Chromium is required: without it the
 * test fails, it never skips.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrackingBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    static Path home;

    Store store;
    Javalin app;
    Browser browser;
    MailFixture.Sent sent;
    String tracked;

    @BeforeAll
    void start() {
        store = Store.h2(home);
        // the arrondissements' contours and three communes' stations (REU sample), for the campaign report's map by
        // sector; the BAN fixture names Concarneau
        fr.terrain.ingest.Importer importer = new fr.terrain.ingest.Importer(store, fr.terrain.ingest.Progress.NONE, false);
        importer.arrondissements(fr.terrain.RealData.file(fr.terrain.RealData.ARRONDISSEMENTS));
        importer.reu(fr.terrain.RealData.file(MapOtherCommunesTest.REU), null);
        importer.addresses(SectorNamesWebTest.FIXTURE);
        TestAccounts.user(store, "directrice", Role.DIRECTOR);
        TestAccounts.user(store, "analyste", Role.ANALYST);
        app = WebApp.create(store).start(0);
        sent = MailFixture.campaign(store, "lettre", 10); // the fewest recipients whose figures are shown
        MailTracking.setEnabled(store, true, "test");
        // the campaign's link: a page of this server under another host name, so that it is not taken for Terrain's own
        tracked = TrackingLinks.of(store, url("")).rewrite("http://127.0.0.1:" + app.port() + "/login?depuis=lettre",
                new RecipientRef(sent.outbox().get(0), sent.campaignId(), "<m0@example.org>"));
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

    /**
     * A browser as a reader has one: headless Chromium says "HeadlessChrome" in its user agent, which tracking
     * rightly takes for a link scanner; a person's Chromium does not.
     */
    BrowserContext context() {
        return browser.newContext(Chromium.desktop().setUserAgent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"
                + " (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36"));
    }

    /** The requests of the page the server refuses or fails from now on (status ≥ 400), as « status url ». */
    static java.util.List<String> failedRequests(Page page) {
        java.util.List<String> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onResponse(r -> {
            if (r.status() >= 400) {
                failed.add(r.status() + " " + r.url());
            }
        });
        return failed;
    }

    void signIn(Page page, String name) {
        page.navigate(url("/login"));
        page.fill("#name", name);
        page.fill("#password", TestAccounts.PASSWORD);
        page.click("button[type=submit]");
        page.waitForURL(u -> !u.contains("/login"));
    }

    @Test
    void aForwardedLinkOpenedInAnotherBrowserIsCreditedToTheRecipientAsAShare() {
        try (BrowserContext recipient = context(); BrowserContext friend = context()) {
            Page own = recipient.newPage();
            own.navigate(tracked);
            assertThat(own.url()).isEqualTo("http://127.0.0.1:" + app.port() + "/login?depuis=lettre");
            own.navigate(tracked); // the recipient again: same cookie, no share
            assertThat(recipient.cookies(url("/t/"))).anySatisfy(c -> assertThat(c.name).isEqualTo(
                    TrackingRoutes.BROWSER_COOKIE));
            Page forwarded = friend.newPage();
            forwarded.navigate(tracked);
            assertThat(forwarded.url()).endsWith("/login?depuis=lettre");
            String ownCookie = recipient.cookies(url("/t/")).get(0).value;
            String friendCookie = friend.cookies(url("/t/")).get(0).value;
            assertThat(friendCookie).isNotEqualTo(ownCookie);
        }
        try (BrowserContext scanner = browser.newContext()) { // headless user agent: a mail gateway's link scanner
            scanner.newPage().navigate(tracked);
        }
        TrackingEvents.flush(store); // the server writes opens and clicks a few milliseconds after answering
        ShareTree tree = ShareTree.of(store.jdbi().withHandle(h -> MailTracking.interactions(h, sent.campaignId())),
                new TokenSigner(HashKeyFile.trackingKey(home))::childCode);
        assertThat(tree.shares()).isEqualTo(1);
        assertThat(tree.topSharers(5)).singleElement().satisfies(s -> assertThat(s.recipientId()).isEqualTo(sent.outbox().get(0)));

        try (BrowserContext director = context()) {
            Page page = director.newPage();
            signIn(page, "directrice");
            // from the list of campaigns, its name leads to its report
            page.navigate(url("/campagnes"));
            Locator lettre = page.locator("#campaigns tbody tr[data-name=lettre]");
            lettre.waitFor();
            assertThat(lettre.innerText()).contains("10 / 10").contains("10 envoyés").doesNotContain("sent");
            lettre.locator("a").click();
            page.waitForURL(u -> u.endsWith("/campagnes/lettre/suivi"));
            page.waitForFunction("() => document.querySelector('#sharers tbody tr') !== null");
            assertThat(page.textContent("#shares")).contains("1 lecteur(s) atteint(s) par transfert").contains("profondeur 1");
            assertThat(page.textContent("#sharers tbody tr td")).isEqualTo("lettre.0@example.org");
            assertThat(page.textContent("#figures")).contains("ont cliqué");
            assertThat(page.locator("#heatmap tbody tr").count()).isEqualTo(7);
        }
        try (BrowserContext analyst = context()) {
            Page page = analyst.newPage();
            signIn(page, "analyste");
            page.navigate(url("/campagnes/lettre/suivi"));
            page.waitForFunction("() => document.querySelector('#sharers tbody tr') !== null");
            assertThat(page.textContent("#sharers tbody tr td")).isEqualTo("partageur n° 1").doesNotContain("@");
        }
    }

    /**
     * A campaign's report, once its map has drawn the 20 arrondissements and the {@code communes} of its report (of the
     * REU sample's 3); the paths of the communes' contours asked for meanwhile are added to {@code communesAsked}.
     */
    void openMap(Page page, String campaign, int communes, java.util.List<String> communesAsked) {
        java.util.function.Consumer<com.microsoft.playwright.Request> listener = r -> {
            if (r.url().contains("/api/communes.geojson")) {
                communesAsked.add(r.url().substring(url("").length()));
            }
        };
        page.onRequest(listener);
        page.navigate(url("/campagnes/" + campaign + "/suivi"));
        page.waitForFunction("() => document.querySelectorAll('#sector-map [data-sector]').length === " + (20 + communes)
                + " && window.Chart && Chart.getChart(document.getElementById('sectors'))");
        page.offRequest(listener);
    }

    /** The labels of the report's chart of rates by sector, as Chart.js holds them. */
    @SuppressWarnings("unchecked")
    static java.util.List<String> chartLabels(Page page) {
        return (java.util.List<String>) page.evaluate("() => Chart.getChart(document.getElementById('sectors')).data.labels");
    }

    /** An attribute of the report map's path of a sector. */
    static String sectorPath(Page page, int sector, String attribute) {
        return page.getAttribute("#sector-map [data-sector='" + sector + "']", attribute);
    }

    @Test
    void theReportMapsOpenRatesByArrondissementAndGreysThoseWithTooFewRecipientsWithoutTheirRates() {
        MailFixture.campaign(store, "quartiers", 200); // 10 recipients in each arrondissement
        try (BrowserContext director = context()) {
            Page page = director.newPage();
            signIn(page, "directrice");
            java.util.List<String> asked = new java.util.ArrayList<>();
            openMap(page, "lettre", 0, asked);
            assertThat(asked).as("no commune in the report: no commune's contour asked for").isEmpty();
            // "lettre" went to 10 people, one in each of the 1st to the 10th: grey, and no rate said (secret statistique)
            assertThat(sectorPath(page, 2, "aria-label"))
                    .isEqualTo("2e : moins de 10 destinataires : non affiché (secret statistique)");
            assertThat(sectorPath(page, 2, "fill")).isEqualTo("#c9ced4");
            assertThat(sectorPath(page, 1, "aria-label"))
                    .isEqualTo("1er : moins de 10 destinataires : non affiché (secret statistique)");
            assertThat(page.textContent("#sectors-masked")).isEqualTo("1er, 2e, 3e, 4e, 5e, 6e, 7e, 8e, 9e, 10e : moins de 10"
                    + " destinataires : non affiché (secret statistique)");
            assertThat(page.textContent("#sector-legend")).contains("non affiché (secret statistique)");
            assertThat(sectorPath(page, 15, "aria-label")).isEqualTo("15e : aucun destinataire");

            openMap(page, "quartiers", 0, asked);
            assertThat(chartLabels(page)).hasSize(20).startsWith("1er", "2e").endsWith("20e");
            assertThat(sectorPath(page, 15, "aria-label"))
                    .isEqualTo("15e : 0 % d'ouverture, 0 % de clic — 10 message(s)");
            assertThat(sectorPath(page, 15, "fill")).isNotEqualTo("#c9ced4");
            assertThat(page.textContent("#sectors-masked")).isEmpty();
            // every arrondissement at 0 %: one class in the legend, in the arrondissements' shade (was « 0 % – 0 % » × 5)
            assertThat(page.locator("#sector-legend div").allTextContents()).extracting(t -> t.replace('\u202f', ' '))
                    .containsExactly("0 %", "non affiché (secret statistique)");
            assertThat(page.evaluate("() => getComputedStyle(document.querySelector('#sector-legend i')).backgroundColor"))
                    .isEqualTo(page.evaluate("() => { const p = document.querySelector('#sector-map [data-sector=\"15\"]');"
                            + " const d = document.createElement('div'); d.style.color = p.getAttribute('fill');"
                            + " document.body.append(d); const c = getComputedStyle(d).color; d.remove(); return c; }"));

            // a commune's contacts: the commune is drawn (its stations' union) and named as the server names it
            MailFixture.campaign(store, "concarneau", java.util.Collections.nCopies(10, 29039));
            openMap(page, "concarneau", 1, asked);
            assertThat(sectorPath(page, 29039, "aria-label"))
                    .isEqualTo("Concarneau (29039) : 0 % d'ouverture, 0 % de clic — 10 message(s)");
            assertThat(sectorPath(page, 29039, "fill")).isNotEqualTo("#c9ced4");
            // only the report's commune is asked for and drawn, not the two others the store holds
            assertThat(asked).containsExactly("/api/communes.geojson?sectors=29039");
            assertThat(page.locator("#sector-map [data-sector='29046']").count()).isZero();
            // the chart names the commune as the map does, not by its code
            assertThat(chartLabels(page)).containsExactly("Concarneau (29039)");

            // a commune too small to show its rates: the masked list names it (public geography; its rate is masked)
            MailFixture.campaign(store, "concarneau-petite", java.util.Collections.nCopies(3, 29039));
            asked.clear();
            openMap(page, "concarneau-petite", 1, asked);
            assertThat(page.textContent("#sectors-masked")).isEqualTo("Concarneau (29039) : moins de 10 destinataires :"
                    + " non affiché (secret statistique)");
            assertThat(sectorPath(page, 29039, "aria-label"))
                    .isEqualTo("Concarneau (29039) : moins de 10 destinataires : non affiché (secret statistique)");
            assertThat(chartLabels(page)).isEmpty();
        }
    }

    /**
     * An A/B test's rates are masked under 10 observed pairs: the page says it counts pairs, and that none is observed
     * yet right after the send (it said « moins de 10 destinataires » beside 36 recipients per variant).
     */
    @Test
    void anAbTestSaysItsRatesAwaitTenObservedPairs() {
        MailFixture.Sent a = MailFixture.campaign(store, "essai", 12);
        MailFixture.Sent b = MailFixture.campaign(store, "essai-b", 12);
        store.jdbi().useHandle(h -> {
            h.execute("INSERT INTO mail_ab_test (campaign_id, campaign_b_id, sample_share, seed, metric, window_hours,"
                    + " alpha, deadline, status, created_by, created_at) VALUES (?, ?, 1, 1, 'click', 24, 0.05,"
                    + " TIMESTAMP '2099-01-01 00:00:00', 'running', 't', CURRENT_TIMESTAMP)", a.campaignId(), b.campaignId());
            for (var variant : java.util.List.of(java.util.Map.entry("A", a), java.util.Map.entry("B", b))) {
                for (int i = 0; i < 12; i++) {
                    h.execute("INSERT INTO mail_ab_assignment (campaign_id, mail_contact_id, variant, position)"
                            + " SELECT ?, mail_contact_id, ?, ? FROM mail_outbox WHERE id = ?", a.campaignId(),
                            variant.getKey(), i, variant.getValue().outbox().get(i));
                }
            }
        });
        try (BrowserContext director = context()) {
            Page page = director.newPage();
            signIn(page, "directrice");
            page.navigate(url("/campagnes/essai/suivi"));
            page.waitForFunction("() => !document.getElementById('ab').hidden"
                    + " && document.getElementById('ab-effect').textContent");
            // just sent: no pair is past its 24 h window
            assertThat(page.textContent("#ab-effect")).isEqualTo("Taux, écart et e-valeur : aucune paire observée pour"
                    + " l’instant : non affiché (secret statistique) ; ils s’affichent à partir de 10 paires.");
        }
    }

    /** A campaign sent before tracking was switched on says so instead of « 0 % » opened (V34). */
    @Test
    void aCampaignSentWithoutTrackingSaysNothingWasMeasured() {
        MailFixture.Sent old = MailFixture.campaign(store, "ancienne", 12);
        MailTracking.recordSendRun(store, old.campaignId(), java.time.Instant.now().minusSeconds(60), false);
        try (BrowserContext director = context()) {
            Page page = director.newPage();
            signIn(page, "directrice");
            page.navigate(url("/campagnes/ancienne/suivi"));
            page.waitForFunction("() => document.getElementById('figures').textContent.includes('messages envoyés')");
            assertThat(page.textContent("#figures")).contains("envoyée sans suivi").doesNotContain("ont ouvert");
        }
    }

    /**
     * A segment whose only campaign went to three people has no send-time recommendation (secret statistique): the
     * page says why and draws no chart, and none of its requests fails (the server answered 404, logged as an error).
     */
    @Test
    void aSegmentWithNothingToLearnFromSaysWhyWithoutAFailedRequest() {
        MailFixture.Sent few = MailFixture.campaign(store, "trois", 3);
        store.jdbi().useHandle(h -> h.execute("UPDATE mail_campaign SET segment = 'sector:7' WHERE id = ?", few.campaignId()));
        try (BrowserContext director = context()) {
            Page page = director.newPage();
            signIn(page, "directrice");
            java.util.List<String> failed = failedRequests(page);
            page.navigate(url("/campagnes/trois/suivi"));
            page.waitForFunction("() => document.getElementById('recommendation').textContent !== ''");
            page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            assertThat(page.textContent("#recommendation")).isEqualTo("segment « sector:7 » : aucune heure d'envoi de ses"
                    + " campagnes passées n'atteint 10 destinataires : pas de recommandation (secret statistique)");
            assertThat(page.evaluate("() => Chart.getChart(document.getElementById('hours')) === undefined")).isEqualTo(true);
            assertThat(failed).isEmpty();
        }
    }

    /**
     * A campaign whose first 12 messages went before tracking was switched on, the other 12 after, 6 of those opened:
     * 6 of the 12 measured, 50 %, not 6 of 24 (25 %) as if the first twelve had been seen not opening. No request of
     * the page fails (it asked for an A/B test every campaign, most have none: 404).
     */
    @Test
    void aCampaignPartlySentWithoutTrackingGivesItsRatesOverTheMessagesMeasured() {
        MailTracking.setEnabled(store, true, "test");
        MailFixture.Sent sent = MailFixture.campaign(store, "moitie", 24);
        java.time.Instant now = java.time.Instant.now();
        MailTracking.recordSendRun(store, sent.campaignId(), now.minusSeconds(3 * 3600), false);
        MailTracking.recordSendRun(store, sent.campaignId(), now.minusSeconds(3600), true);
        store.jdbi().useHandle(h -> {
            h.createUpdate("UPDATE mail_outbox SET sent_at = sent_at - INTERVAL '2' HOUR WHERE id IN (<ids>)")
                    .bindList("ids", sent.outbox().subList(0, 12)).execute();
            for (long outbox : sent.outbox().subList(12, 18)) {
                MailTracking.record(h, new fr.terrain.mail.tracking.Interaction(
                        fr.terrain.mail.tracking.Interaction.Kind.OPEN, now, sent.campaignId(), outbox, 0,
                        new fr.terrain.mail.tracking.ReferralCode("AAAAAAAA"), "", fr.terrain.mail.tracking.Device.DESKTOP),
                        null);
            }
        });
        try (BrowserContext director = context()) {
            Page page = director.newPage();
            signIn(page, "directrice");
            java.util.List<String> failed = failedRequests(page);
            page.navigate(url("/campagnes/moitie/suivi"));
            page.waitForFunction("() => document.getElementById('figures').textContent.includes('ont ouvert')");
            page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            assertThat(failed).as("no A/B test: the page does not ask for one (it logged a 404)").isEmpty();
            assertThat(page.textContent("#figures")).contains("12messages mesurés — les autres sont partis avant"
                    + " l’activation du suivi ou à des personnes qui l’avaient refusé ; les taux portent sur eux")
                    .contains("6ont ouvert — 50 %").doesNotContain("25 %");
        }
    }

    /** The campaigns' list counts an organizer's sectors only; the report, the whole campaign's, says so. */
    @Test
    void anOrganizerIsToldTheReportIsTheWholeCampaigns() {
        TestAccounts.user(store, "orga12", Role.ORGANIZER, 12);
        try (BrowserContext organizer = context(); BrowserContext director = context()) {
            Page page = organizer.newPage();
            signIn(page, "orga12");
            page.navigate(url("/campagnes/lettre/suivi"));
            page.waitForSelector("#scope:not([hidden])");
            assertThat(page.textContent("#scope")).startsWith("Chiffres de toute la campagne, tous secteurs")
                    .contains("vos secteurs (12e arrondissement)");
            Page hq = director.newPage();
            signIn(hq, "directrice");
            hq.navigate(url("/campagnes/lettre/suivi"));
            hq.waitForFunction("() => document.getElementById('figures').textContent.includes('messages envoyés')");
            assertThat(hq.isHidden("#scope")).isTrue();
        }
    }

    @Test
    void aCampaignOfFewerThanTenRecipientsSaysOnlyThatItIsTooSmall() {
        MailFixture.Sent billet = MailFixture.campaign(store, "billet", 3);
        store.jdbi().useHandle(h -> MailTracking.record(h, new fr.terrain.mail.tracking.Interaction(
                fr.terrain.mail.tracking.Interaction.Kind.OPEN, java.time.Instant.now(), billet.campaignId(),
                billet.outbox().get(0), 0, new fr.terrain.mail.tracking.ReferralCode("AAAAAAAA"), "",
                fr.terrain.mail.tracking.Device.DESKTOP), null));
        try (BrowserContext director = context()) {
            Page page = director.newPage();
            signIn(page, "directrice");
            page.navigate(url("/campagnes/billet/suivi"));
            page.waitForFunction("() => document.querySelector('#figures div') !== null");
            assertThat(page.textContent("#figures")).contains("Campagne trop petite")
                    .contains("moins de 10 destinataires : non affiché (secret statistique)")
                    .doesNotContain("ont ouvert").doesNotContain("%");
            assertThat(page.textContent("#shares")).isEqualTo("Partages : moins de 10 destinataires : non affiché"
                    + " (secret statistique).");
            assertThat(page.locator("#heatmap tbody tr").count()).isZero();
            assertThat(page.textContent("#sectors-masked")).isEqualTo("1er, 2e, 3e : moins de 10 destinataires : non affiché"
                    + " (secret statistique)");
        }
    }

    @Test
    void anUnsubscribeClickSuppressesThePersonOnEveryChannelAndIsNoClick() {
        long outbox = sent.outbox().get(2);
        long person = sent.persons().get(2);
        store.jdbi().useHandle(h -> h.execute("INSERT INTO person_contact (person_id, kind, contact_value, source_category,"
                + " collected_on, recorded_by, recorded_at) VALUES (?, 'phone', '+33612345678', 'members', CURRENT_DATE, 't',"
                + " CURRENT_TIMESTAMP)", person));
        var hasher = HashKeyFile.load(home);
        String link = url("/desinscription?t=" + fr.terrain.mail.UnsubscribeToken.of(hasher, outbox));
        // with tracking on, the unsubscribe link of a message stays a direct link
        assertThat(TrackingLinks.of(store, url("")).rewrite(link, new RecipientRef(outbox, sent.campaignId(), "<m2@x>")))
                .isEqualTo(link);
        TrackingEvents.flush(store);
        int eventsBefore = store.jdbi().withHandle(h -> MailTracking.interactions(h, sent.campaignId())).size();
        try (BrowserContext reader = context()) {
            Page page = reader.newPage();
            page.navigate(link);
            page.click("button[type=submit]");
            page.waitForSelector("text=Désinscription faite");
            // the person is not sent to the campaign team's sign-in page
            assertThat(page.locator("a[href='/']").count()).isZero();
        }
        var ids = java.util.List.of(fr.terrain.privacy.Identifiers.emailOf("lettre.2@example.org"),
                fr.terrain.privacy.Identifiers.phoneOf("06 12 34 56 78"));
        for (var id : ids) {
            boolean listed = store.jdbi().withHandle(h -> fr.terrain.store.SuppressionList.containsAny(h, hasher, java.util.List.of(id)));
            assertThat(listed).as(id.kind() + " on the suppression list").isTrue();
        }
        TrackingEvents.flush(store);
        java.util.List<fr.terrain.mail.tracking.Interaction> after = store.jdbi().withHandle(
                h -> MailTracking.interactions(h, sent.campaignId()));
        assertThat(after).hasSize(eventsBefore);
    }
}
