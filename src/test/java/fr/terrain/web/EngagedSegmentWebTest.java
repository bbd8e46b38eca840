package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.account.Role;
import fr.terrain.mail.Campaign;
import fr.terrain.mail.Segment;
import fr.terrain.mail.Template;
import fr.terrain.mail.tracking.SmallCells;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.FieldFixtures;
import fr.terrain.store.MailFixture;
import fr.terrain.store.MailStore;
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
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code engaged:} segment is made of the people who opened or clicked our messages: its count is behaviour, so
 * the small-cell rule masks it under ten in the editor's preview and the campaign list (which analysts read), and the
 * preview never shows one of its people; the campaign is still sent to them.
 */
class EngagedSegmentWebTest {
    @TempDir
    Path home;

    Store store;
    Javalin app;
    MailFixture.Sent letter;
    AccountRecord director;
    AccountRecord analyst;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Files.writeString(home.resolve("privacy.properties"), """
                campaign.controller=Association de financement Paris Demain
                campaign.address=12 rue de la Roquette, 75011 Paris
                campaign.contact=contact@parisdemain.fr
                campaign.election=municipales 2026
                """, StandardCharsets.UTF_8);
        Files.writeString(home.resolve("mail.properties"), "mail.list=Paris Demain\nmail.from=equipe@parisdemain.fr\n"
                + "mail.base-url=https://terrain.parisdemain.fr\n", StandardCharsets.UTF_8);
        store = TestStores.h2(home);
        // a first letter to 15 people of the 12th, 3 of whom opened it
        letter = MailFixture.campaign(store, "lettre", Collections.nCopies(15, 12));
        opened(0, 3);
        director = TestAccounts.user(store, "dir", Role.DIRECTOR);
        analyst = TestAccounts.user(store, "ana", Role.ANALYST);
        app = WebApp.create(store).start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
    }

    /** An open, now, of the letter's recipients {@code from} (included) to {@code to} (excluded). */
    void opened(int from, int to) {
        opened(from, to, null);
    }

    /** The same, by a device ({@code automated}: a mail client fetching every image, a link scanner). */
    void opened(int from, int to, String device) {
        store.jdbi().useHandle(h -> {
            for (long outbox : letter.outbox().subList(from, to)) {
                h.createUpdate("INSERT INTO mail_event (outbox_id, kind, occurred_at, device) VALUES (:o, 'open', :t, :d)")
                        .bind("o", outbox).bind("t", LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC))
                        .bind("d", device).execute();
            }
        });
    }

    @Test
    void anOpenByAnAutomatonMakesNoOneEngaged() throws Exception {
        opened(3, 15, "automated"); // the twelve others' messages fetched by their mail clients
        assertThat(preview("sector:12+engaged:7d").json().path("masked").asBoolean()).as("still the 3 who opened").isTrue();
        opened(3, 13);
        assertThat(preview("sector:12+engaged:7d").json().path("recipients").asInt()).isEqualTo(13);
    }

    JsonNode get(AccountRecord user, String path) throws Exception {
        TestAccounts.Session s = TestAccounts.session(store, user);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Cookie", s.header()).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    /** The preview's reply, and its raw text (to look for addresses anywhere in it). */
    record Preview(JsonNode json, String body) {}

    Preview preview(String segment) throws Exception {
        return post("/api/campaigns/preview", Map.of("segment", segment, "template",
                "subject: Objet\n\nBonjour {{first_name}},"));
    }

    /** A campaign editor's request, by the director: 200 expected. */
    Preview post(String path, Map<String, String> draft) throws Exception {
        TestAccounts.Session s = TestAccounts.session(store, director);
        String body = Json.write(draft);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port()
                        + path)).header("Cookie", s.header()).header(Gate.CSRF_HEADER, s.csrf())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new Preview(Json.MAPPER.readTree(r.body()), r.body());
    }

    long previewsLogged() {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_entry WHERE action = 'campaign.preview'")
                .mapTo(Long.class).one());
    }

    @Test
    void thePreviewOfAnEngagedSegmentMasksACountUnderTenAndShowsNoOneOfIt() throws Exception {
        Preview few = preview("sector:12+engaged:7d");
        assertThat(few.json().path("masked").asBoolean()).isTrue();
        assertThat(few.json().path("maskReason").asText()).isEqualTo("small-cell");
        assertThat(few.json().has("recipients")).isTrue();
        assertThat(few.json().path("recipients").isNull()).as(few.body()).isTrue();
        assertThat(few.json().path("smallCells").path("texts").path("small-cell").asText()).isEqualTo(SmallCells.TOO_FEW_TEXT);
        // rendered all the same, for a fictional recipient: the director checks the message, learns of no one
        assertThat(few.json().path("fictional").asBoolean()).isTrue();
        assertThat(few.json().path("to").isNull()).isTrue();
        assertThat(few.json().path("html").asText()).contains("Bonjour Camille");
        assertThat(few.body()).doesNotContain("@example.org").doesNotContain("aucun destinataire");
        // nobody engaged at all says no more than three
        Preview none = preview("sector:12+engaged:7d+topic:logement");
        assertThat(none.json().path("recipients").isNull()).isTrue();
        assertThat(none.json().path("masked").asBoolean()).isTrue();
        assertThat(none.json().has("error")).isFalse();
        assertThat(previewsLogged()).as("no one's data was shown").isZero();

        // ten or more: the count is a group's, shown; still no one of them
        opened(3, 13);
        Preview many = preview("sector:12+engaged:7d");
        assertThat(many.json().path("masked").asBoolean()).isFalse();
        assertThat(many.json().path("recipients").asInt()).isEqualTo(13);
        assertThat(many.json().path("to").isNull()).isTrue();
        assertThat(many.body()).doesNotContain("@example.org");

        // a segment that does not select by behaviour is previewed as before, for its first recipient (logged)
        Preview all = preview("sector:12");
        assertThat(all.json().path("masked").asBoolean()).isFalse();
        assertThat(all.json().path("fictional").asBoolean()).isFalse();
        assertThat(all.json().path("recipients").asInt()).isEqualTo(15);
        assertThat(all.json().path("to").asText()).matches("lettre\\.\\d+@example\\.org");
        assertThat(previewsLogged()).isEqualTo(1);
    }

    @Test
    void theCampaignListMasksTheRecipientsOfAnEngagedCampaignUnderTenButItIsSent() throws Exception {
        Campaign draft = MailStore.createCampaign(store, "relance", Template.parse("subject: S\n\nCorps"),
                Segment.parse("sector:12+engaged:7d"), Optional.empty(), "test");
        // a draft has frozen no one yet: its zero says nothing
        JsonNode before = campaign(get(analyst, "/api/campaigns"), "relance");
        assertThat(before.path("masked").asBoolean()).isFalse();
        assertThat(before.path("recipients").asInt()).isZero();
        // the send freezes the three who opened: they are written to (masking is about what is shown)
        assertThat(MailStore.freeze(store, draft, id -> false, "parisdemain.fr", Instant.now(), "test").recipients())
                .isEqualTo(3);
        JsonNode list = get(analyst, "/api/campaigns");
        assertThat(list.path("smallCells").path("texts").path("small-cell").asText()).isEqualTo(SmallCells.TOO_FEW_TEXT);
        JsonNode relance = campaign(list, "relance");
        assertThat(relance.path("masked").asBoolean()).isTrue();
        assertThat(relance.path("maskReason").asText()).isEqualTo("small-cell");
        assertThat(relance.path("recipients").isNull()).as(relance.toString()).isTrue();
        assertThat(relance.path("final").isNull()).isTrue();
        assertThat(relance.path("states").size()).isPositive();
        relance.path("states").forEach(v -> assertThat(v.isNull()).as(relance.toString()).isTrue());
        JsonNode progress = get(analyst, "/api/campaigns/relance/progress");
        assertThat(progress.path("recipients").isNull()).isTrue();
        assertThat(progress.path("states").path("pending").isNull()).isTrue();
        // the letter's segment is not behaviour: its counts stay
        JsonNode lettre = campaign(list, "lettre");
        assertThat(lettre.path("masked").asBoolean()).isFalse();
        assertThat(lettre.path("recipients").asInt()).isEqualTo(15);
        assertThat(lettre.path("states").path("sent").asInt()).isEqualTo(15);
    }

    static JsonNode campaign(JsonNode list, String name) {
        for (JsonNode c : list.path("campaigns")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no campaign " + name + " in " + list);
    }

    /**
     * Regulation (EU) 2024/900: the editor's preview says which targeting techniques the segment uses and, for one chosen
     * on opens and clicks with no consent to targeting declared in privacy.properties, warns naming the article.
     */
    @Test
    void thePreviewOfATrackingBasedSegmentWarnsOfTheRegulation() throws Exception {
        JsonNode engaged = preview("sector:12+engaged:7d").json().path("targeting");
        assertThat(engaged.path("techniques")).hasSize(2);
        assertThat(engaged.path("observed").asBoolean()).isTrue();
        assertThat(engaged.path("warning").asText()).contains("règlement (UE) 2024/900").contains("art. 18")
                .contains("targeting.consent");
        JsonNode plain = preview("sector:12").json().path("targeting");
        assertThat(plain.path("techniques").get(0).path("id").asText()).isEqualTo("geography");
        assertThat(plain.path("warning").isNull()).isTrue();
    }

    /**
     * ADR 0033: the targeting record, in the preview and in the saved campaign's reply, names a commune as the BAN does
     * (« Concarneau (29039) »), one without a BAN address by its code.
     */
    @Test
    void theTargetingRecordNamesACommuneAsTheBanDoes() throws Exception {
        FieldFixtures.banAddress(store, "29039_essais_00001", 1, "Rue des Essais", "29039", "Concarneau", -3.91, 47.87);
        String expected = "arrondissement 12 ou Concarneau (29039) ou commune 29046";
        assertThat(preview("sector:29046,12,29039").json().at("/targeting/techniques/0/logic").asText())
                .isEqualTo(expected);
        assertThat(post("/api/campaigns", Map.of("name", "communes", "segment", "sector:29046,12,29039", "template",
                "subject: Objet\n\nBonjour,")).json().at("/targeting/techniques/0/logic").asText()).isEqualTo(expected);
    }
}
