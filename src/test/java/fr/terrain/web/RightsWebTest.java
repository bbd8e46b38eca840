package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.account.Role;
import fr.terrain.election.Election;
import fr.terrain.election.ElectionKind;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.privacy.ConsentChannel;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.AuditLog;
import fr.terrain.store.ConsentLedger;
import fr.terrain.store.Elections;
import fr.terrain.store.HashKeyFile;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The /droits dashboard's API as a director, an organizer and an analyst use it. */
class RightsWebTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path home;

    /** The person of the list, as her letter names her. */
    static final String DUPONT = "{\"name\":\"Dupont\",\"firstNames\":\"Marie\",\"birthDate\":\"1970-04-03\"}";

    Store store;
    Javalin app;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        store = TestStores.h2(home);
        Elections.add(store, List.of(new Election("paris-2026-t1", "paris-2026", ElectionKind.MUNICIPALES, "paris", 1,
                LocalDate.of(2026, 3, 15), null)));
        Path list = home.resolve("liste.csv");
        Files.writeString(list, String.join(";", fr.terrain.ingest.ElectoralListReader.COLUMNS) + "\n"
                + "LG;LE;01/01/2026;75;75112;Paris 12e;1;F;DUPONT;;Marie;03/04/1970;Lyon;69;FRANCE;;École;7;;8;;;12;RUE;DE PICPUS;;75012;PARIS;FRANCE\n",
                StandardCharsets.UTF_8);
        new Importer(store, Progress.NONE, false, HashKeyFile.load(home)).voters(list, "paris-2026",
                SourceCategory.ELECTORAL_LIST, "Préfecture de police", LocalDate.of(2026, 1, 10), Map.of(), null);
        ConsentLedger.addNotice(store, "opinion-v1", ConsentChannel.CANVASS_OPINION, "Acceptez-vous que nous notions…",
                "test");
        app = WebApp.create(store).start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
    }

    HttpResponse<String> call(AccountRecord user, String method, String path, String json) throws Exception {
        TestAccounts.Session s = TestAccounts.session(store, user);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Cookie", s.header()).header("Accept", "application/json");
        if (json != null) {
            b.header("Content-Type", "application/json").header(Gate.CSRF_HEADER, s.csrf());
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDirectorRegistersExportsAndClosesARequest() throws Exception {
        AccountRecord director = TestAccounts.user(store, "dir", Role.DIRECTOR);
        var added = call(director, "POST", "/api/rights", "{\"kind\":\"access\",\"receivedOn\":\"2026-02-14\",\"via\":\"email\","
                + "\"person\":{\"name\":\"Dupont\",\"firstNames\":\"marie\",\"birthDate\":\"1970-04-03\"}}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(added.body()).contains("\"deadline\" : \"2026-03-16\"");
        var listed = call(director, "GET", "/api/rights?overdue=true&asOf=2026-03-17", null);
        assertThat(listed.body()).contains("\"overdue\" : 1").contains("DUPONT Marie")
                .as("no privacy.properties: the page names what an access answer lacks")
                .containsPattern("\"settingsMissing\" : \\[ \"campaign.controller\", \"campaign.address\", \"campaign.contact\","
                        + " \"campaign.dpo\", \"register.processors\", \"register.transfers\" \\]");
        var wrongDay = call(director, "GET", "/api/rights?asOf=17/03/2026", null);
        assertThat(wrongDay.statusCode()).isEqualTo(400);
        assertThat(wrongDay.body()).contains("asOf : date attendue sous la forme AAAA-MM-JJ, pas « 17/03/2026 »");
        var wrongReceived = call(director, "POST", "/api/rights", "{\"kind\":\"access\",\"receivedOn\":\"hier\","
                + "\"person\":{\"name\":\"Dupont\",\"firstNames\":\"marie\",\"birthDate\":\"1970-04-03\"}}");
        assertThat(wrongReceived.statusCode()).isEqualTo(400);
        assertThat(wrongReceived.body()).contains("receivedOn : date attendue sous la forme AAAA-MM-JJ, pas « hier »");
        // received 14 February, due 16 March: today it is overdue, too late to extend (RGPD art. 12(3))
        var extend = call(director, "POST", "/api/rights/1/extend", "{\"reason\":\"demande complexe\"}");
        assertThat(extend.statusCode()).isEqualTo(400);
        assertThat(extend.body()).contains("ne peut plus être prolongée", "a pris fin le 16/03/2026");
        var json = call(director, "GET", "/api/rights/1/export", null);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("Préfecture de police").contains("\"importId\"");
        var page = call(director, "GET", "/droits/1/export", null);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("Les données que la campagne détient sur vous").contains("<h2>Vos droits</h2>")
                .contains("<h2>Pourquoi ces données sont traitées</h2>").contains("RGPD art. 77").doesNotContain("<script");
        var closed = call(director, "POST", "/api/rights/1/close", "{\"note\":\"export envoyé par courriel\"}");
        assertThat(closed.body()).contains("\"status\" : \"done\"");
        assertThat(call(director, "POST", "/api/rights/1/close", "{}").statusCode()).isEqualTo(400);
        assertThat(AuditLog.all(store)).extracting(e -> e.action() + " " + e.actor()).contains("rights.add dir",
                "rights.list dir", "rights.export dir", "rights.close dir");
        // the journal's page shows the detail as written: in French, as the other actions' (« tous secteurs »)
        call(director, "GET", "/api/rights", null);
        assertThat(AuditLog.all(store)).filteredOn(e -> e.action().equals("rights.list")).extracting(e -> e.detail())
                .containsExactly("en retard seulement", "toutes");
        assertThat(Pages.html("droits.html")).doesNotContain("<script>").contains("/assets/droits.js");
    }

    /**
     * A change and its audit entry land together: with the audit log unable to take an entry (its lock row gone), each
     * change is refused and the data stay as they were (the change was committed, then its entry refused).
     */
    @Test
    void aChangeWhoseAuditEntryCannotBeWrittenDoesNotLand() throws Exception {
        AccountRecord director = TestAccounts.user(store, "dir", Role.DIRECTOR);
        var objection = call(director, "POST", "/api/rights", "{\"kind\":\"objection\",\"person\":{\"voter\":1}}");
        assertThat(objection.statusCode()).as(objection.body()).isEqualTo(201);
        long person = Json.MAPPER.readTree(objection.body()).get("personId").asLong();
        store.jdbi().useHandle(h -> h.execute("DELETE FROM audit_lock"));
        String before = dataAndLog();
        for (String[] change : List.of(new String[] {"/api/rights", "{\"kind\":\"access\",\"person\":" + DUPONT + "}"},
                new String[] {"/api/rights/1/start", "{}"}, new String[] {"/api/rights/1/close", "{}"},
                new String[] {"/api/rights/1/close", "{\"refuse\":\"demande infondée\"}"},
                new String[] {"/api/suppressions", "{\"email\":\"marie.dupont@exemple.fr\",\"via\":\"email\"}"},
                new String[] {"/api/persons/" + person + "/consents", "{\"channel\":\"canvass-opinion\",\"event\":\"given\","
                        + "\"method\":\"canvass\",\"notice\":\"opinion-v1\"}"})) {
            var r = call(director, "POST", change[0], change[1]);
            assertThat(r.statusCode()).as(change[0] + " " + change[1] + " → " + r.body()).isGreaterThanOrEqualTo(400);
            assertThat(dataAndLog()).as(change[0] + " " + change[1] + " changed the data unaudited").isEqualTo(before);
        }
    }

    /** Every table but the sign-in ones, which each call of this test writes. */
    private String dataAndLog() {
        return java.util.Arrays.stream(TestStores.dumpAll(store).split("(?m)^## "))
                .filter(t -> !t.startsWith("web_session ") && !t.startsWith("login_attempt ") && !t.startsWith("app_user "))
                .collect(java.util.stream.Collectors.joining("## "));
    }

    @Test
    void anOrganizerRecordsConsentOnlyWithinTheirSectors() throws Exception {
        AccountRecord director = TestAccounts.user(store, "dir", Role.DIRECTOR);
        var request = call(director, "POST", "/api/rights", "{\"kind\":\"access\",\"person\":{\"voter\":1}}");
        // the person's number as the reply gives it: drawn at random (docs/adr/0030)
        long person = Json.MAPPER.readTree(request.body()).get("personId").asLong();
        String consent = "{\"channel\":\"canvass-opinion\",\"event\":\"given\",\"method\":\"canvass\",\"notice\":\"opinion-v1\"}";
        var mine = call(TestAccounts.user(store, "claire", Role.ORGANIZER, 12), "POST", "/api/persons/" + person + "/consents",
                consent);
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(201);
        var other = call(TestAccounts.user(store, "paul", Role.ORGANIZER, 11), "POST", "/api/persons/" + person + "/consents",
                consent);
        assertThat(other.statusCode()).isEqualTo(403);
        var shown = call(director, "GET", "/api/persons/" + person + "/consents", null);
        assertThat(shown.body()).contains("\"canvass-opinion\" : \"given\"").contains("\"recordedBy\" : \"claire\"");
    }

    /**
     * The DPO answers to the CNIL without holding the campaign's keys: they open on the compliance page, handle a
     * request to its end (erasure included) and read it in the audit log, but record no consent, read no person
     * outside a request, and manage no account.
     */
    @Test
    void theDpoHandlesAnErasureAndReadsItInTheAuditLog() throws Exception {
        AccountRecord dpo = TestAccounts.user(store, "dpo", Role.DPO);
        var home = call(dpo, "GET", "/", null);
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).contains("/conformite");
        var byNumber = call(dpo, "POST", "/api/rights", "{\"kind\":\"access\",\"person\":{\"voter\":1}}");
        assertThat(byNumber.statusCode()).as("no one who did not ask: not by list number").isEqualTo(403);
        assertThat(byNumber.body()).contains("nom, ses prénoms et sa date de naissance");
        var nobody = call(dpo, "POST", "/api/rights", "{\"kind\":\"access\",\"person\":{\"name\":\"Dupont\"}}");
        assertThat(nobody.statusCode()).isEqualTo(400);
        assertThat(nobody.body()).contains("person : name + firstNames + birthDate").doesNotContain("voter");
        var added = call(dpo, "POST", "/api/rights", "{\"kind\":\"erasure\",\"receivedOn\":\"2026-02-14\","
                + "\"via\":\"letter\",\"person\":" + DUPONT + "}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        var file = call(dpo, "GET", "/api/rights/1/export", null);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).contains("DUPONT");
        var pigeon = call(dpo, "POST", "/api/suppressions", "{\"email\":\"x@example.org\",\"via\":\"pigeon\"}");
        assertThat(pigeon.statusCode()).isEqualTo(400);
        assertThat(pigeon.body()).contains("moyen de réception inconnu « pigeon »");
        var erased = call(dpo, "POST", "/api/rights/1/erase", "{}");
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        // the export link of a page loaded before the erasure, opened in a tab: a page saying why, not raw JSON (crawl)
        var stale = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/droits/1/export"))
                .header("Cookie", TestAccounts.session(store, dpo).header()).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stale.statusCode()).isEqualTo(400);
        assertThat(stale.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(stale.body()).contains("<html lang=\"fr\">").contains("a été effacée");
        var audit = call(dpo, "GET", "/api/audit", null);
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains("rights.erase").contains("\"dpo\"");
        assertThat(call(dpo, "GET", "/conformite", null).statusCode()).isEqualTo(200);
        for (String[] r : new String[][] {{"GET", "/api/persons/1/consents"}, {"POST", "/api/persons/1/consents"},
            {"GET", "/terrain/equipes"}, {"GET", "/api/field/turfs"}, {"POST", "/api/field/invitations"},
            {"GET", "/api/field/volunteers"}}) {
            assertThat(call(dpo, r[0], r[1], r[0].equals("POST") ? "{}" : null).statusCode()).as(r[0] + " " + r[1])
                    .isEqualTo(403);
        }
    }

    /** A restriction (art. 18) holds from its registration; the page lifts it with a note of when the person was told. */
    @Test
    void aRestrictionIsInForceUntilLiftedWithANote() throws Exception {
        AccountRecord dpo = TestAccounts.user(store, "dpo", Role.DPO);
        var added = call(dpo, "POST", "/api/rights", "{\"kind\":\"restriction\",\"receivedOn\":\"2026-02-14\","
                + "\"person\":" + DUPONT + "}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(added.body()).contains("\"kindLabel\" : \"limitation\"");
        assertThat(call(dpo, "GET", "/api/rights", null).body()).contains("\"restrictionInForce\" : true");
        var director = TestAccounts.user(store, "dir", Role.DIRECTOR);
        var list = call(director, "GET", "/api/voters?contest=paris-2026&view=list", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).as("restricted: in no list").doesNotContain("DUPONT").contains("\"total\" : 0");
        assertThat(call(director, "GET", "/api/voters?contest=paris-2026", null).body()).as("counted, as aggregates")
                .contains("\"total\" : 1");

        var access = call(dpo, "POST", "/api/rights", "{\"kind\":\"access\",\"person\":" + DUPONT + "}");
        assertThat(access.statusCode()).isEqualTo(201);
        assertThat(call(dpo, "GET", "/api/rights/2/export", null).body()).containsPattern("\"restrictedSince\" : \"20");
        assertThat(call(dpo, "GET", "/droits/2/export", null).body()).contains("<h2>Limitation du traitement</h2>",
                "vos données sont conservées mais ne servent plus");

        var noNote = call(dpo, "POST", "/api/rights/1/lift", "{}");
        assertThat(noNote.statusCode()).isEqualTo(400);
        assertThat(noNote.body()).contains("18(3)");
        var lifted = call(dpo, "POST", "/api/rights/1/lift", "{\"note\":\"exactitude vérifiée, courrier du 20 février\"}");
        assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(200);
        assertThat(lifted.body()).contains("\"status\" : \"done\"").contains("limitation levée : exactitude vérifiée");
        assertThat(call(dpo, "GET", "/api/rights", null).body()).contains("\"restrictionInForce\" : false");
        assertThat(call(dpo, "GET", "/api/rights/2/export", null).body()).contains("\"restrictedSince\" : null");
        assertThat(call(director, "GET", "/api/voters?contest=paris-2026&view=list", null).body()).contains("DUPONT");
        assertThat(AuditLog.all(store)).extracting(e -> e.action() + " " + e.actor()).contains("rights.lift dpo");
        assertThat(Pages.html("droits.html")).contains("<option value=\"restriction\">limitation</option>");
    }

    @Test
    void anAnalystGetsNoPersonByAnyNewRoute() throws Exception {
        AccountRecord analyst = TestAccounts.user(store, "ana", Role.ANALYST);
        for (String[] r : new String[][] {{"GET", "/droits"}, {"GET", "/api/rights"}, {"GET", "/api/rights/1/export"},
            {"GET", "/droits/1/export"}, {"GET", "/api/persons/1/consents"}, {"POST", "/api/rights"},
            {"POST", "/api/suppressions"}, {"POST", "/api/rights/1/erase"}, {"POST", "/api/persons/1/consents"}}) {
            var reply = call(analyst, r[0], r[1], r[0].equals("POST") ? "{}" : null);
            assertThat(reply.statusCode()).as(r[0] + " " + r[1]).isEqualTo(403);
            assertThat(reply.body()).doesNotContain("DUPONT");
        }
    }

    /** In Chromium: a request registered with the form appears with French dates and channel, its deadline a month on. */
    @Test
    void thePageRegistersARequestAndShowsItsDatesTheFrenchWay() {
        AccountRecord director = TestAccounts.user(store, "dir", Role.DIRECTOR);
        try (var context = chromium.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setLocale("fr-FR"))) {
            context.addCookies(List.of(new com.microsoft.playwright.options.Cookie(WebSessions.COOKIE,
                    TestAccounts.session(store, director).cookie()).setDomain("localhost").setPath("/")));
            var page = context.newPage();
            page.navigate("http://localhost:" + app.port() + "/droits");
            page.waitForFunction("() => document.querySelector('#summary').textContent !== ''");
            page.selectOption("#add select[name=kind]", "access");
            page.fill("#add input[name=receivedOn]", "2026-02-14");
            page.selectOption("#add select[name=via]", "letter");
            page.fill("#add input[name=name]", "Dupont");
            page.fill("#add input[name=firstNames]", "Marie");
            page.fill("#add input[name=birthDate]", "1970-04-03");
            page.click("#add button");
            page.locator("#requests tbody tr").first().waitFor();
            // received on Saturday 14 February: due a month later, Saturday 14 March, so Monday 16 March
            assertThat(page.locator("#add-status").innerText()).isEqualTo("Demande n° 1 enregistrée, échéance le 16/03/2026.");
            String row = page.locator("#requests tbody tr").first().innerText();
            assertThat(row).contains("14/02/2026 (courrier)").contains("16/03/2026").doesNotContain("2026-");
            assertThat(page.locator("#summary").innerText()).matches("1 demande\\(s\\) ; \\d+ en retard au \\d{2}/\\d{2}/\\d{4}\\.");

            // a restriction, granted, then lifted from its row with the note the prompt asks for
            page.selectOption("#add select[name=kind]", "restriction");
            page.fill("#add input[name=name]", "Dupont");
            page.fill("#add input[name=firstNames]", "Marie");
            page.fill("#add input[name=birthDate]", "1970-04-03");
            page.click("#add button");
            page.waitForFunction("() => document.querySelectorAll('#requests tbody tr').length === 2");
            var restriction = page.locator("#requests tbody tr", new com.microsoft.playwright.Page.LocatorOptions()
                    .setHasText("limitation"));
            page.onceDialog(d -> d.accept("")); // what was done: nothing to add
            restriction.locator("button", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("Traitée")).click();
            page.waitForFunction("() => [...document.querySelectorAll('#requests tbody tr')].some(r =>"
                    + " r.innerText.includes('traitée — limitation en vigueur'))");
            page.onceDialog(d -> d.accept("exactitude vérifiée, personne informée le 3 mars"));
            restriction.locator("button", new com.microsoft.playwright.Locator.LocatorOptions()
                    .setHasText("Lever la limitation")).click();
            page.waitForFunction("() => [...document.querySelectorAll('#requests tbody tr')].some(r =>"
                    + " r.innerText.includes('limitation levée : exactitude vérifiée'))");
            assertThat(restriction.locator("button").count()).isZero();
        }
    }

    /** A typo in a retention key does not take the rights requests (legal deadlines) off the page. */
    @Test
    void theRequestListSurvivesABadRetentionSetting() throws Exception {
        Files.writeString(home.resolve("privacy.properties"), "retention.electoral-list=un mois\ncampaign.controller=Liste X\n",
                StandardCharsets.UTF_8);
        AccountRecord director = TestAccounts.user(store, "directrice-r", Role.DIRECTOR);
        var listed = call(director, "GET", "/api/rights", null);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).as("the settings are read all the same").doesNotContain("\"campaign.controller\"");
    }
}
