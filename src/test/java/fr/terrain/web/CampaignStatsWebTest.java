package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.account.Role;
import fr.terrain.mail.tracking.Device;
import fr.terrain.mail.tracking.Interaction;
import fr.terrain.mail.tracking.ReferralCode;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.MailFixture;
import fr.terrain.store.MailTracking;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The campaign report's JSON over HTTP under the small-cell rule (secret statistique): no figure
 * about fewer than 10 recipients, by sector, for a whole campaign, or for a send hour; the figures
 * that are shown checked against what the test itself recorded.
 */
class CampaignStatsWebTest {
    private static final Instant AT = Instant.parse("2026-03-02T17:30:00Z"); // a Monday, 18:30 in Paris

    @TempDir
    Path home;

    Store store;
    Javalin app;
    AccountRecord director;
    AccountRecord analyst;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        store = TestStores.h2(home);
        app = WebApp.create(store).start(0);
        director = TestAccounts.user(store, "directrice", Role.DIRECTOR);
        analyst = TestAccounts.user(store, "analyste", Role.ANALYST);
        MailTracking.setEnabled(store, true, "test");
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
    }

    HttpResponse<String> get(AccountRecord user, String path) throws Exception {
        TestAccounts.Session s = TestAccounts.session(store, user);
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Cookie", s.header()).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(AccountRecord user, String path) throws Exception {
        HttpResponse<String> r = get(user, path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    void record(MailFixture.Sent sent, int recipient, Interaction.Kind kind, Device device, String browser) {
        record(sent, recipient, kind, device, browser, AT);
    }

    void record(MailFixture.Sent sent, int recipient, Interaction.Kind kind, Device device, String browser, Instant at) {
        Interaction i = new Interaction(kind, at, sent.campaignId(), sent.outbox().get(recipient),
                kind == Interaction.Kind.OPEN ? 0 : 1, new ReferralCode(String.format("R%07d", recipient)), browser, device);
        boolean stored = store.jdbi().withHandle(h -> MailTracking.record(h, i, kind == Interaction.Kind.OPEN ? null
                : "https://exemple.fr/programme"));
        assertThat(stored).isTrue();
    }

    static List<Integer> sectors(Integer sector, int n) {
        return Collections.nCopies(n, sector);
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void aOneRecipientSectorIsMaskedWhileATenRecipientSectorShowsWhatWasRecorded() throws Exception {
        // recipients 0: the 11th's only one; 1..10: the 12th's ten; 11..19: nine without a sector
        MailFixture.Sent sent = MailFixture.campaign(store, "quartiers", concat(concat(sectors(11, 1), sectors(12, 10)),
                sectors(null, 9)));
        record(sent, 0, Interaction.Kind.OPEN, Device.DESKTOP, "");
        record(sent, 0, Interaction.Kind.CLICK, Device.DESKTOP, "nav-0");
        List<Integer> opens12 = List.of(1, 1, 2, 3, 4); // recipient 1 opened twice
        List<Integer> clicks12 = List.of(2, 3, 5); // recipient 5 clicked with images off: a reader too
        opens12.forEach(r -> record(sent, r, Interaction.Kind.OPEN, Device.MOBILE, ""));
        clicks12.forEach(r -> record(sent, r, Interaction.Kind.CLICK, Device.MOBILE, "nav-" + r));
        record(sent, 6, Interaction.Kind.OPEN, Device.AUTOMATED, ""); // a mail gateway's scanner: no reader
        List<Integer> opensNoSector = List.of(12, 13);
        opensNoSector.forEach(r -> record(sent, r, Interaction.Kind.OPEN, Device.DESKTOP, ""));

        Set<Integer> readers12 = new HashSet<>(opens12);
        readers12.addAll(clicks12);
        Set<Integer> clickers12 = new HashSet<>(clicks12);
        for (AccountRecord user : List.of(director, analyst)) {
            JsonNode j = json(user, "/api/campaigns/quartiers/tracking");
            assertThat(j.path("masked").asBoolean()).isFalse();
            assertThat(j.path("smallCells").path("minRecipients").asInt()).isEqualTo(10);
            assertThat(j.path("smallCells").path("texts").path("small-cell").asText())
                    .isEqualTo("moins de 10 destinataires : non affiché (secret statistique)");
            JsonNode lone = j.path("bySector").path("11");
            assertThat(lone.path("masked").asBoolean()).isTrue();
            assertThat(lone.path("maskReason").asText()).isEqualTo("small-cell");
            assertThat(lone.path("name").asText()).as("a sector's name is public: only its figures are masked")
                    .isEqualTo("11e");
            for (String key : List.of("recipients", "uniqueOpens", "uniqueClicks", "openRate", "clickRate")) {
                assertThat(lone.has(key)).as(key).isTrue(); // the keys stay: their contract
                assertThat(lone.get(key).isNull()).as(key).isTrue();
            }
            JsonNode ten = j.path("bySector").path("12");
            assertThat(ten.path("masked").asBoolean()).isFalse();
            assertThat(ten.path("maskReason").isNull()).isTrue();
            assertThat(ten.path("recipients").asInt()).isEqualTo(10);
            assertThat(ten.path("name").asText()).isEqualTo("12e");
            assertThat(ten.path("uniqueOpens").asInt()).isEqualTo(readers12.size()).isEqualTo(5);
            assertThat(ten.path("uniqueClicks").asInt()).isEqualTo(clickers12.size()).isEqualTo(3);
            assertThat(ten.path("openRate").asDouble()).isEqualTo(readers12.size() / 10.0);
            assertThat(ten.path("clickRate").asDouble()).isEqualTo(clickers12.size() / 10.0);
            assertThat(j.path("bySector").size()).isEqualTo(2);
            // the campaign's 20 recipients: 1 + 10 + 9; the 11th's and the sectorless 10 together are no small group
            assertThat(j.path("recipientsSent").asInt()).isEqualTo(20);
            int readers = 1 + readers12.size() + opensNoSector.size();
            assertThat(j.path("opens").path("unique").asInt()).isEqualTo(readers);
            assertThat(j.path("opens").path("total").asInt()).isEqualTo(1 + opens12.size() + opensNoSector.size());
            assertThat(j.path("opens").path("rate").asDouble()).isEqualTo(readers / 20.0);
            assertThat(j.path("clicks").path("unique").asInt()).isEqualTo(1 + clickers12.size());
            assertThat(j.path("automatedRequests").asInt()).isEqualTo(1);
            assertThat(j.path("heatmap").path("opens").get(0).get(18).asInt()).isEqualTo(8); // Monday 18 h, Paris
            assertThat(j.path("timeline").path("hours").isArray()).isTrue();
        }
    }

    @Test
    void aSectorLargeEnoughIsMaskedTooWhenTheTotalWouldGiveTheSmallOneAway() throws Exception {
        MailFixture.Sent sent = MailFixture.campaign(store, "soustraction", concat(concat(sectors(11, 1), sectors(12, 10)),
                sectors(13, 12)));
        record(sent, 0, Interaction.Kind.OPEN, Device.DESKTOP, "");
        JsonNode j = json(analyst, "/api/campaigns/soustraction/tracking");
        assertThat(j.path("opens").path("unique").asInt()).isEqualTo(1); // the total is shown (23 recipients)…
        assertThat(j.path("bySector").path("11").path("maskReason").asText()).isEqualTo("small-cell");
        // …so the smallest other sector is hidden too, or 1 − 0 − 0 would be the 11th's lone recipient
        JsonNode twelve = j.path("bySector").path("12");
        assertThat(twelve.path("masked").asBoolean()).isTrue();
        assertThat(twelve.path("maskReason").asText()).isEqualTo("complement");
        // its recipients too: 23 − 12 (the 13th's) − 10 would be the 11th's lone recipient again
        assertThat(twelve.has("recipients")).isTrue();
        assertThat(twelve.path("recipients").isNull()).isTrue();
        assertThat(j.path("recipientsSent").asInt()).isEqualTo(23);
        assertThat(j.path("bySector").path("13").path("recipients").asInt()).isEqualTo(12);
        assertThat(twelve.path("uniqueOpens").isNull()).isTrue();
        assertThat(twelve.path("openRate").isNull()).isTrue();
        assertThat(j.path("bySector").path("13").path("masked").asBoolean()).isFalse();
        assertThat(j.path("bySector").path("13").path("uniqueOpens").asInt()).isZero();
    }

    /**
     * E-mail campaigns are the direction's (MANAGE_DATA: editor, preview, test send); an organizer reads their figures
     * as an analyst does, sees the send counts of their sectors (MailWebTest) and, of the people who forwarded a
     * message, the addresses of their own sectors only, that viewing audited: no address of another sector.
     */
    @Test
    void anOrganizerSeesTheAddressesOfSharersOfTheirSectorsOnlyAndEditsNothing() throws Exception {
        MailFixture.Sent sent = MailFixture.campaign(store, "quartiers", concat(sectors(11, 10), sectors(12, 10)));
        for (int recipient : List.of(0, 10)) { // one of the 11th, one of the 12th forward it
            record(sent, recipient, Interaction.Kind.CLICK, Device.DESKTOP, "nav-" + recipient);
            record(sent, recipient, Interaction.Kind.CLICK, Device.MOBILE, "nav-ami-" + recipient);
        }
        AccountRecord organizer = TestAccounts.user(store, "orga12", Role.ORGANIZER, 12);
        List<String> seen = new ArrayList<>();
        json(organizer, "/api/campaigns/quartiers/tracking").path("shares").path("topSharers")
                .forEach(s -> seen.add(s.path("recipient").asText()));
        assertThat(seen).contains("quartiers.10@example.org").hasSize(2);
        // the other sector's sharer by their rank in the list, not by the outbox id (whose gaps count other mail)
        int rank = seen.indexOf("quartiers.10@example.org") == 0 ? 2 : 1;
        assertThat(seen).contains("partageur n° " + rank);
        List<String> all = new ArrayList<>();
        json(director, "/api/campaigns/quartiers/tracking").path("shares").path("topSharers")
                .forEach(s -> all.add(s.path("recipient").asText()));
        assertThat(all).containsExactlyInAnyOrder("quartiers.0@example.org", "quartiers.10@example.org");
        assertThat(fr.terrain.store.AuditLog.all(store)).filteredOn(e -> e.action().equals("campaign.sharers")
                && e.actor().equals("orga12")).singleElement().satisfies(e -> assertThat(e.records()).isEqualTo(1));
        // the report is the whole campaign's, where the campaigns' list counted theirs: the page names their sectors
        assertThat(json(organizer, "/api/campaigns/quartiers/tracking").path("yourSectors").toString())
                .isEqualTo("[\"12e arrondissement\"]");
        assertThat(json(director, "/api/campaigns/quartiers/tracking").has("yourSectors")).isFalse();
        String token = TestAccounts.token(store, organizer);
        for (String path : List.of("/api/campaigns/preview", "/api/campaigns", "/api/campaigns/test")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"x\", \"template\": \"subject: S\\n\\nCorps\","
                            + " \"segment\": \"all\", \"to\": \"orga@example.org\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(403);
            assertThat(r.body()).doesNotContain("example.org");
        }
    }

    @Test
    void aCampaignOfFewerThanTenSaysOnlyThatItIsTooSmall() throws Exception {
        MailFixture.Sent sent = MailFixture.campaign(store, "billet", 3);
        record(sent, 1, Interaction.Kind.OPEN, Device.DESKTOP, "");
        record(sent, 1, Interaction.Kind.CLICK, Device.DESKTOP, "nav-1");
        record(sent, 1, Interaction.Kind.CLICK, Device.MOBILE, "nav-ami"); // forwarded: a share of recipient 1
        JsonNode j = json(analyst, "/api/campaigns/billet/tracking");
        assertThat(j.path("masked").asBoolean()).isTrue();
        assertThat(j.path("maskReason").asText()).isEqualTo("small-cell");
        assertThat(j.path("recipientsSent").isNull()).isTrue();
        for (String figure : List.of("total", "unique", "rate")) {
            assertThat(j.path("opens").get(figure).isNull()).as(figure).isTrue();
            assertThat(j.path("clicks").get(figure).isNull()).as(figure).isTrue();
        }
        assertThat(j.path("automatedRequests").isNull()).isTrue();
        assertThat(j.path("shares").path("readers").isNull()).isTrue();
        assertThat(j.path("shares").path("depth").isNull()).isTrue();
        assertThat(j.path("shares").path("topSharers")).isEmpty(); // a number among three says too much
        assertThat(j.path("heatmap").path("opens").isNull()).isTrue();
        assertThat(j.path("heatmap").path("clicks").isNull()).isTrue();
        assertThat(j.path("timeline").path("hours").isNull()).isTrue();
        assertThat(j.path("bySector")).allSatisfy(s -> assertThat(s.path("maskReason").asText()).isEqualTo("small-cell"));
        // who may read the sharer's address still sees it, as before (and that viewing is audited)
        JsonNode named = json(director, "/api/campaigns/billet/tracking");
        assertThat(named.path("shares").path("topSharers")).singleElement()
                .satisfies(s -> assertThat(s.path("recipient").asText()).isEqualTo("billet.1@example.org"));
        assertThat(named.path("opens").path("unique").isNull()).isTrue();
    }

    @Test
    void sendTimeLeavesOutHoursOfFewerThanTenPeopleAndCampaignsOfFewerThanTen() throws Exception {
        Instant seven = Instant.parse("2026-03-02T06:10:00Z"); // 7 h in Paris
        Instant eighteen = Instant.parse("2026-03-02T17:10:00Z"); // 18 h in Paris
        MailFixture.Sent a = MailFixture.campaign(store, "a", 10);
        sendAt(a, 0, 5, seven);
        sendAt(a, 5, 10, eighteen);
        // five people at 7 h, five at 18 h: no hour reaches ten people, no recommendation
        // an answer, not an error: the page shows the reason (a 404 was logged in the browser's console)
        JsonNode none = json(analyst, "/api/send-time?segment=all");
        assertThat(none.path("recommendedHour").isNull()).isTrue();
        assertThat(none.path("reason").asText()).contains("secret statistique");
        assertThat(none.has("hours")).isFalse();

        // two more campaigns to the same five people at 7 h (fifteen messages, five people) and ten more at 18 h
        for (String name : List.of("b", "c")) {
            MailFixture.Sent s = MailFixture.campaign(store, name, 10);
            sendAt(s, 0, 5, seven);
            sendAt(s, 5, 10, eighteen);
            store.jdbi().useHandle(h -> {
                for (int i = 0; i < 5; i++) {
                    h.execute("UPDATE mail_outbox SET mail_contact_id = (SELECT mail_contact_id FROM mail_outbox WHERE id = ?)"
                            + " WHERE id = ?", a.outbox().get(i), s.outbox().get(i));
                }
            });
        }
        MailFixture.Sent small = MailFixture.campaign(store, "petite", 3); // its own report is masked
        sendAt(small, 0, 3, eighteen);
        List<Integer> readers18 = List.of(5, 7, 9); // three of "a"'s 18 h recipients open, and all of "petite"'s
        readers18.forEach(i -> record(a, i, Interaction.Kind.OPEN, Device.DESKTOP, "", eighteen.plusSeconds(600)));
        for (int i = 0; i < 3; i++) {
            record(small, i, Interaction.Kind.OPEN, Device.DESKTOP, "", eighteen.plusSeconds(600));
        }
        record(a, 0, Interaction.Kind.OPEN, Device.DESKTOP, "", seven.plusSeconds(600));

        JsonNode j = json(analyst, "/api/send-time?segment=all");
        JsonNode at18 = j.path("hours").get(18);
        assertThat(at18.path("masked").asBoolean()).isFalse();
        assertThat(at18.path("sent").asInt()).isEqualTo(15); // a, b and c's five each; not "petite"'s three
        assertThat(at18.path("responded").asInt()).isEqualTo(readers18.size());
        JsonNode at7 = j.path("hours").get(7);
        assertThat(at7.path("masked").asBoolean()).isTrue();
        assertThat(at7.path("sent").isNull()).isTrue();
        assertThat(at7.path("responded").isNull()).isTrue();
        assertThat(at7.path("rate").isNull()).isTrue();
        assertThat(j.path("recommendedHour").asInt()).isEqualTo(18);
        assertThat(j.path("habitHour").asInt()).isEqualTo(18);
        assertThat(j.path("smallCells").path("minRecipients").asInt()).isEqualTo(10);
    }

    /**
     * Gmail's and Yahoo's image proxies load the pixel for their reader: opens in the report and in the send-time
     * counts (both computed apart: in Java for the report, in SQL for the hours), never clicks.
     */
    @Test
    void anImageProxysPixelLoadIsAnOpenAndItsLinkFetchIsNoClick() throws Exception {
        Instant nine = Instant.parse("2026-03-02T08:10:00Z"); // 9 h in Paris
        MailFixture.Sent sent = MailFixture.campaign(store, "webmails", 10);
        sendAt(sent, 0, 10, nine);
        List<Integer> viaProxy = List.of(0, 1, 2);
        viaProxy.forEach(r -> record(sent, r, Interaction.Kind.OPEN, Device.IMAGE_PROXY, "", nine.plusSeconds(900)));
        record(sent, 3, Interaction.Kind.CLICK, Device.IMAGE_PROXY, "", nine.plusSeconds(900));
        record(sent, 4, Interaction.Kind.OPEN, Device.DESKTOP, "", nine.plusSeconds(900));

        JsonNode j = json(analyst, "/api/campaigns/webmails/tracking");
        assertThat(j.path("opens").path("unique").asInt()).isEqualTo(viaProxy.size() + 1);
        assertThat(j.path("opens").path("viaImageProxy").asInt()).isEqualTo(viaProxy.size());
        assertThat(j.path("clicks").path("unique").asInt()).isZero();
        assertThat(j.path("automatedRequests").asInt()).isEqualTo(1);

        JsonNode at9 = json(analyst, "/api/send-time?segment=all").path("hours").get(9);
        assertThat(at9.path("sent").asInt()).isEqualTo(10);
        assertThat(at9.path("responded").asInt()).as("0, 1, 2 through their webmail's proxy and 4; not 3")
                .isEqualTo(viaProxy.size() + 1);
        JsonNode clicks = json(analyst, "/api/send-time?segment=all&metric=click").path("hours").get(9);
        assertThat(clicks.path("responded").asInt()).isZero();
    }

    /** Marks rows {@code from} to {@code to} (exclusive) of a campaign as sent at {@code at}. */
    void sendAt(MailFixture.Sent sent, int from, int to, Instant at) {
        store.jdbi().useHandle(h -> {
            for (int i = from; i < to; i++) {
                h.execute("UPDATE mail_outbox SET sent_at = ? WHERE id = ?", java.time.LocalDateTime.ofInstant(at,
                        java.time.ZoneOffset.UTC), sent.outbox().get(i));
            }
        });
    }

    /**
     * The mail pages after the retention policy deleted a campaign's opens and clicks (docs/adr/0021): the report
     * shows the figures it showed before (frozen, and said so), the campaign list and the tracking page still answer,
     * the send-time model no longer counts the campaign's messages as unopened, and /conformite lists the category.
     * 10 recipients in the 12th, 10 in the 13th; 4 of the 12th open, 1 clicks (by hand: 4 readers, 1 clicker).
     */
    @Test
    void afterTheRetentionOfTrackingTheMailPagesShowTheFiguresKeptAndNothingElse() throws Exception {
        MailFixture.Sent sent = MailFixture.campaign(store, "rentree", concat(sectors(12, 10), sectors(13, 10)));
        for (int r = 0; r < 4; r++) {
            record(sent, r, Interaction.Kind.OPEN, Device.MOBILE, "", Instant.now());
        }
        record(sent, 0, Interaction.Kind.CLICK, Device.MOBILE, "nav-0", Instant.now());
        JsonNode before = json(analyst, "/api/campaigns/rentree/tracking");
        assertThat(before.path("opens").path("unique").asInt()).isEqualTo(4);
        assertThat(before.path("bySector").path("12").path("uniqueOpens").asInt()).isEqualTo(4);
        JsonNode sendTimeBefore = json(analyst, "/api/send-time?segment=all");
        int hour = java.time.ZonedDateTime.now(fr.terrain.election.Paris.ZONE).getHour();
        // MailFixture stamps sent_at with the time of the test; an hour turning between the two reads would move it
        JsonNode slot = sendTimeBefore.path("hours").get(hour);
        assertThat(slot.path("sent").asInt() + sendTimeBefore.path("hours").get((hour + 23) % 24).path("sent").asInt())
                .isEqualTo(20);

        java.time.LocalDate after = java.time.LocalDate.now(fr.terrain.election.Paris.ZONE).plusMonths(13).plusDays(1);
        var run = fr.terrain.compliance.RetentionRun.run(store, home, fr.terrain.privacy.RetentionPolicy.defaults(), after,
                false, "system:retention");
        assertThat(run.recordsDeleted()).isEqualTo(5);
        long events = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mail_event").mapTo(Long.class).one());
        assertThat(events).isZero();

        JsonNode kept = json(analyst, "/api/campaigns/rentree/tracking");
        assertThat(kept.path("retention").path("text").asText()).contains("chiffres figés");
        assertThat(kept.path("retention").path("eventsDeleted").asLong()).isEqualTo(5);
        ((com.fasterxml.jackson.databind.node.ObjectNode) kept).remove("retention");
        assertThat(kept).isEqualTo(before);
        assertThat(json(director, "/api/campaigns/rentree/tracking").path("opens").path("unique").asInt()).isEqualTo(4);
        assertThat(get(analyst, "/campagnes/rentree/suivi").statusCode()).isEqualTo(200);
        assertThat(json(analyst, "/api/campaigns").toString()).contains("rentree");
        JsonNode sendTime = json(analyst, "/api/send-time?segment=all");
        // no campaign left to learn from: no recommendation, or none whose hours say they had messages
        for (JsonNode h : sendTime.path("hours")) {
            assertThat(h.path("sent").asInt()).as("hour " + h.path("hour")).isZero();
        }
        assertThat(sendTime.has("hours") || sendTime.path("reason").asText().contains("aucun envoi passé")).isTrue();
        AccountRecord dpo = TestAccounts.user(store, "dpo", Role.DPO);
        HttpResponse<String> page = get(dpo, "/conformite");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("mail-tracking", "13 mois après le premier envoi de la campagne");
    }
}
