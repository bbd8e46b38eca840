package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.account.Role;
import fr.terrain.field.TurfScope;
import fr.terrain.privacy.ConsentChannel;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.AuditLog;
import fr.terrain.store.ConsentLedger;
import fr.terrain.store.FieldFixtures;
import fr.terrain.store.FieldStore;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field API over real HTTP: each role sees only its turfs (a canvasser gets 404 for another's),
 * outcomes sync idempotently with CSRF and consent rules, assignment by sector, progress for
 * headquarters without a single door, and the live stream.
 */
class FieldApiTest {
    @TempDir
    Path home;

    Store store;
    Javalin app;
    final HttpClient http = HttpClient.newHttpClient();
    long turf11;
    long turf12;
    AccountRecord camille;
    AccountRecord bruno;
    String tCamille;
    String tBruno;
    String tOrganizer12;
    String tDirector;
    String tAnalyst;

    @BeforeEach
    void start() {
        store = TestStores.h2(home);
        FieldStore.SavedPlan plan = FieldFixtures.save(store);
        turf11 = plan.turfIds().get(0);
        turf12 = plan.turfIds().get(1);
        camille = TestAccounts.user(store, "camille", Role.CANVASSER, 11);
        bruno = TestAccounts.user(store, "bruno", Role.CANVASSER, 11);
        FieldStore.assign(store, new TurfScope.All(), turf11, camille.id(), "test");
        tCamille = TestAccounts.token(store, camille);
        tBruno = TestAccounts.token(store, bruno);
        tOrganizer12 = TestAccounts.token(store, TestAccounts.user(store, "orga12", Role.ORGANIZER, 12));
        tDirector = TestAccounts.token(store, TestAccounts.user(store, "dir", Role.DIRECTOR));
        tAnalyst = TestAccounts.token(store, TestAccounts.user(store, "ana", Role.ANALYST));
        app = WebApp.create(store).start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
    }

    HttpResponse<String> send(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode ok(String token, String method, String path, String body) throws Exception {
        HttpResponse<String> r = send(token, method, path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    static String batch(long turf, String... items) {
        StringBuilder b = new StringBuilder("{\"outcomes\":[");
        for (int i = 0; i < items.length; i += 3) {
            b.append(i == 0 ? "" : ",").append("{\"client_id\":\"").append(items[i]).append("\",\"turf_id\":").append(turf)
                    .append(",\"door_id\":\"").append(items[i + 1]).append("\",\"outcome\":\"").append(items[i + 2])
                    .append("\",\"recorded_at\":\"2026-03-01T10:00:00Z\"}");
        }
        return b.append("]}").toString();
    }

    @Test
    void aCanvasserSeesHerTurfAndNeverAnotherOne() throws Exception {
        JsonNode mine = ok(tCamille, "GET", "/api/field/turfs", null);
        assertThat(mine).hasSize(1);
        JsonNode t = mine.get(0);
        List<String> fields = new java.util.ArrayList<>();
        t.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "plan", "number", "arrondissement", "sector_name", "stations", "door_count",
                "voters", "walking_metres", "minutes", "topic", "topics", "start", "assigned_to", "done");
        assertThat(t.get("sector_name").asText()).isEqualTo("11e"); // an arrondissement, as the pages write it
        List<String> topics = new java.util.ArrayList<>();
        t.get("topics").forEach(x -> topics.add(x.asText()));
        assertThat(topics).contains("transports", "logement", "écoles et familles");
        assertThat(t.get("id").asLong()).isEqualTo(turf11);
        assertThat(t.get("assigned_to").get("name").asText()).isEqualTo("camille");
        assertThat(t.get("topic").asText()).isEqualTo("transports");

        JsonNode detail = ok(tCamille, "GET", "/api/field/turfs/" + turf11, null);
        assertThat(detail.get("doors")).extracting(d -> d.get("door_id").asText()).containsExactly("A1", "A2", "A3");
        assertThat(detail.get("doors").get(0).toString())
                .isEqualTo("{\"position\":1,\"door_id\":\"A1\",\"label\":\"1 Rue de Charonne\",\"lon\":2.3801,\"lat\":48.861,"
                        + "\"voters\":2,\"station\":\"11-1\"}");
        assertThat(detail.get("outcomes")).isEmpty();
        assertThat(AuditLog.all(store)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("field.turf.view");
            assertThat(e.actor()).isEqualTo("camille");
            assertThat(e.records()).isEqualTo(3);
        });

        // the other canvasser, and camille on a turf not hers: 404, the same answer as a turf that does not exist
        HttpResponse<String> other = send(tBruno, "GET", "/api/field/turfs/" + turf11, null);
        HttpResponse<String> notHers = send(tCamille, "GET", "/api/field/turfs/" + turf12, null);
        HttpResponse<String> none = send(tCamille, "GET", "/api/field/turfs/999999", null);
        assertThat(List.of(other.statusCode(), notHers.statusCode(), none.statusCode())).containsOnly(404);
        assertThat(ok(tBruno, "GET", "/api/field/turfs", null)).isEmpty();
        assertThat(send(tAnalyst, "GET", "/api/field/turfs", null).statusCode()).isEqualTo(403);
        assertThat(ok(tDirector, "GET", "/api/field/turfs", null)).hasSize(2);
        assertThat(ok(tOrganizer12, "GET", "/api/field/turfs", null)).extracting(x -> x.get("id").asLong())
                .containsExactly(turf12);
    }

    @Test
    void outcomesSyncOnceAndOnlyOnTheCallersTurf() throws Exception {
        String body = batch(turf11, "c-1", "A1", "absent", "c-2", "A2", "opened", "c-3", "A3", "leaflet");
        JsonNode first = ok(tCamille, "POST", "/api/field/outcomes", body);
        assertThat(first.get("results")).extracting(r -> r.get("status").asText()).containsOnly("stored");
        assertThat(first.get("results").get(0).toString())
                .isEqualTo("{\"client_id\":\"c-1\",\"status\":\"stored\",\"duplicate_door\":false}");
        JsonNode again = ok(tCamille, "POST", "/api/field/outcomes", body);
        assertThat(again.get("results")).extracting(r -> r.get("status").asText()).containsOnly("already");
        assertThat(FieldStore.outcomeCount(store)).isEqualTo(3);

        // bruno cannot write on camille's turf, even with a fresh client id
        JsonNode intruder = ok(tBruno, "POST", "/api/field/outcomes", batch(turf11, "b-1", "A1", "refused"));
        assertThat(intruder.get("results").get(0).get("status").asText()).isEqualTo("rejected");
        assertThat(intruder.get("results").get(0).get("error").asText()).contains("inconnue ou qui ne vous est pas attribuée");
        assertThat(FieldStore.outcomeCount(store)).isEqualTo(3);

        // bad items are rejected one by one, with the field named; the good ones go through
        JsonNode mixed = ok(tCamille, "POST", "/api/field/outcomes", "{\"outcomes\":[{\"client_id\":\"c-4\",\"turf_id\":" + turf11
                + ",\"door_id\":\"A1\",\"outcome\":\"pas là\",\"recorded_at\":\"2026-03-01T10:00:00Z\"},"
                + "{\"client_id\":\"c-5\",\"turf_id\":" + turf11 + ",\"door_id\":\"A1\",\"outcome\":\"opened\",\"support_level\":4,"
                + "\"recorded_at\":\"2026-03-01T10:00:00Z\"},"
                + "{\"client_id\":\"c-6\",\"turf_id\":" + turf11 + ",\"door_id\":\"A1\",\"outcome\":\"come-back\",\"topic\":\"logement\","
                + "\"recorded_at\":\"hier\"},"
                // an opinion of someone who refused to talk: a door that did not open has no opinion, no consent
                + "{\"client_id\":\"c-8\",\"turf_id\":" + turf11 + ",\"door_id\":\"A1\",\"outcome\":\"refused\",\"support_level\":2,"
                + "\"consent\":{\"notice_version\":\"pap-1\",\"given_at\":\"2026-03-01T10:00:00Z\"},"
                + "\"recorded_at\":\"2026-03-01T10:00:00Z\"},"
                + "{\"client_id\":\"c-7\",\"turf_id\":" + turf11 + ",\"door_id\":\"A1\",\"outcome\":\"come-back\","
                + "\"recorded_at\":\"2026-03-01T11:00:00Z\"}]}");
        assertThat(mixed.get("results")).extracting(r -> r.get("status").asText())
                .containsExactly("rejected", "rejected", "rejected", "rejected", "stored");
        assertThat(mixed.get("results").get(0).get("error").asText()).contains("outcome", "absent, opened, refused");
        assertThat(mixed.get("results").get(1).get("error").asText()).contains("sans consentement");
        assertThat(mixed.get("results").get(2).get("error").asText()).contains("recorded_at");
        assertThat(mixed.get("results").get(3).get("error").asText()).contains("seulement quand la porte s'est ouverte");
        assertThat(send(tCamille, "POST", "/api/field/outcomes", "{\"outcomes\": 3}").statusCode()).isEqualTo(400);
        HttpResponse<String> notJson = send(tCamille, "POST", "/api/field/outcomes", "pas du json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        // in French, with where it breaks, not Jackson's « Unrecognized token 'pas': was expecting … »
        assertThat(Json.MAPPER.readTree(notJson.body()).get("error").asText())
                .startsWith("corps JSON illisible, ligne 1, colonne ").contains("mot inconnu « pas »");
        StringBuilder big = new StringBuilder("{\"outcomes\":[");
        for (int i = 0; i <= FieldStore.MAX_BATCH; i++) {
            big.append(i == 0 ? "" : ",").append("{}");
        }
        assertThat(send(tCamille, "POST", "/api/field/outcomes", big + "]}").body()).contains("au plus 500");

        JsonNode detail = ok(tCamille, "GET", "/api/field/turfs/" + turf11, null);
        assertThat(detail.get("outcomes")).extracting(o -> o.get("client_id").asText()).containsExactly("c-1", "c-2", "c-3", "c-7");
        assertThat(detail.get("done").asInt()).isEqualTo(3);
    }

    static String corrections(String... items) {
        StringBuilder b = new StringBuilder("{\"corrections\":[");
        for (int i = 0; i < items.length; i += 3) {
            b.append(i == 0 ? "" : ",").append("{\"client_id\":\"").append(items[i]).append("\",\"corrects\":\"")
                    .append(items[i + 1]).append("\",\"recorded_at\":\"").append(items[i + 2]).append("\"}");
        }
        return b.append("]}").toString();
    }

    @Test
    void onlyTheCanvasserWhoRecordedADoorCorrectsItAndOnlyWithinTheWindow() throws Exception {
        ok(tCamille, "POST", "/api/field/outcomes", batch(turf11, "c-1", "A1", "refused", "c-2", "A2", "absent"));
        // bruno, on the same sector, cannot withdraw camille's door
        JsonNode intruder = ok(tBruno, "POST", "/api/field/corrections", corrections("b-1", "c-1", "2026-03-01T10:01:00Z"));
        assertThat(intruder.get("results").get(0).get("status").asText()).isEqualTo("rejected");
        assertThat(intruder.get("results").get(0).get("error").asText()).contains("seul·e le ou la militant·e");
        // camille, 20 minutes later: too late, said in French for the page to show
        JsonNode late = ok(tCamille, "POST", "/api/field/corrections", corrections("k-0", "c-2", "2026-03-01T10:20:00Z"));
        assertThat(late.get("results").get(0).get("error").asText())
                .isEqualTo("trop tard pour corriger cette porte : une porte se corrige dans les 15 minutes où elle a été notée");
        // camille within the window: « Refus » becomes « Absent »; the duplicated batch applies once
        String fix = corrections("k-1", "c-1", "2026-03-01T10:02:00Z", "k-1", "c-1", "2026-03-01T10:02:00Z");
        assertThat(ok(tCamille, "POST", "/api/field/corrections", fix).get("results"))
                .extracting(r -> r.get("status").asText()).containsExactly("stored", "already");
        assertThat(ok(tCamille, "POST", "/api/field/corrections", fix).get("results"))
                .extracting(r -> r.get("status").asText()).containsOnly("already");
        ok(tCamille, "POST", "/api/field/outcomes", batch(turf11, "c-3", "A1", "absent"));
        JsonNode progress = ok(tDirector, "GET", "/api/field/progress?by=turf", null).get("total");
        assertThat(List.of(progress.get("knocked").asInt(), progress.get("refusals").asInt(), progress.get("absent").asInt(),
                progress.get("visits").asInt())).containsExactly(2, 0, 2, 2);
        assertThat(ok(tCamille, "GET", "/api/field/turfs/" + turf11, null).get("outcomes"))
                .extracting(o -> o.get("client_id").asText()).containsExactly("c-2", "c-3");
        assertThat(FieldStore.outcomeCount(store)).isEqualTo(3); // the mis-tap stays, superseded, for the record
        // malformed items are refused one by one; a body without the array is a 400
        JsonNode bad = ok(tCamille, "POST", "/api/field/corrections", "{\"corrections\":[{\"client_id\":\"k-5\"}]}");
        assertThat(bad.get("results").get(0).get("error").asText()).contains("recorded_at");
        assertThat(send(tCamille, "POST", "/api/field/corrections", "{}").statusCode()).isEqualTo(400);
        assertThat(send(tAnalyst, "POST", "/api/field/corrections", fix).statusCode()).isEqualTo(403);
    }

    /**
     * A door with an opinion, mis-tapped, corrected by its canvasser over HTTP (ADR 0020, amended): stored, the
     * opinion and its consent erased from the store, the door back to do, progress without it; the duplicated
     * correction applies once; another canvasser is answered as for a door that does not exist.
     */
    @Test
    void aDoorWithAnOpinionIsCorrectedAndItsOpinionAndConsentAreErased() throws Exception {
        ConsentLedger.addNotice(store, "porte-2026-01", ConsentChannel.CANVASS_OPINION,
                "Acceptez-vous que nous notions votre avis ? Vous pouvez retirer ce consentement à tout moment.", "dpo");
        JsonNode r = ok(tCamille, "POST", "/api/field/outcomes", "{\"outcomes\":[{\"client_id\":\"o-1\",\"turf_id\":" + turf11
                + ",\"door_id\":\"A2\",\"outcome\":\"opened\",\"topic\":\"transports\",\"support_level\":5,"
                + "\"consent\":{\"notice_version\":\"porte-2026-01\",\"given_at\":\"2026-03-01T09:59:00Z\"},"
                + "\"recorded_at\":\"2026-03-01T10:00:00Z\"}]}");
        assertThat(r.get("results").get(0).get("status").asText()).isEqualTo("stored");
        assertThat(count("SELECT COUNT(*) FROM consent_event WHERE channel = 'canvass-opinion'")).isEqualTo(1);
        JsonNode intruder = ok(tBruno, "POST", "/api/field/corrections", corrections("b-1", "o-1", "2026-03-01T10:01:00Z"));
        assertThat(intruder.get("results").get(0).get("error").asText()).contains("seul·e le ou la militant·e");

        String fix = corrections("k-1", "o-1", "2026-03-01T10:01:00Z", "k-1", "o-1", "2026-03-01T10:01:00Z");
        assertThat(ok(tCamille, "POST", "/api/field/corrections", fix).get("results"))
                .extracting(x -> x.get("status").asText()).containsExactly("stored", "already");
        assertThat(count("SELECT COUNT(*) FROM consent_event")).isZero();
        assertThat(count("SELECT COUNT(*) FROM door_outcome WHERE support_level IS NOT NULL OR consent_event_id IS NOT NULL"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM person")).isZero();
        assertThat(ok(tCamille, "GET", "/api/field/turfs/" + turf11, null).get("outcomes")).isEmpty();
        JsonNode progress = ok(tDirector, "GET", "/api/field/progress?by=turf", null).get("total");
        assertThat(List.of(progress.get("knocked").asInt(), progress.get("contacts").asInt(), progress.get("visits").asInt()))
                .containsExactly(0, 0, 0);
    }

    long count(String sql) {
        return store.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void aSessionMustSendItsCsrfToken() throws Exception {
        TestAccounts.Session s = TestAccounts.session(store, camille);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/field/outcomes"))
                .header("Cookie", s.header()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch(turf11, "s-1", "A1", "absent")));
        assertThat(http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(FieldStore.outcomeCount(store)).isZero();
        HttpResponse<String> r = http.send(b.header(Gate.CSRF_HEADER, s.csrf()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(FieldStore.outcomeCount(store)).isEqualTo(1);
    }

    @Test
    void anOpinionNeedsTheNoticeAndTheConsent() throws Exception {
        JsonNode none = ok(tCamille, "GET", "/api/field/notice", null); // an answer the phone keeps offline, not a 404
        assertThat(none.get("version").isNull()).isTrue();
        assertThat(none.get("text").isNull()).isTrue();
        assertThat(none.get("reason").asText()).contains("terrain consent notice VERSION --channel canvass-opinion");
        ConsentLedger.addNotice(store, "porte-2026-01", ConsentChannel.CANVASS_OPINION,
                "Acceptez-vous que nous notions votre avis ? Vous pouvez retirer ce consentement à tout moment.", "dpo");
        JsonNode notice = ok(tCamille, "GET", "/api/field/notice", null);
        assertThat(notice.get("version").asText()).isEqualTo("porte-2026-01");
        assertThat(notice.get("text").asText()).startsWith("Acceptez-vous");
        JsonNode r = ok(tCamille, "POST", "/api/field/outcomes", "{\"outcomes\":[{\"client_id\":\"o-1\",\"turf_id\":" + turf11
                + ",\"door_id\":\"A2\",\"outcome\":\"opened\",\"topic\":\"transports\",\"support_level\":5,"
                + "\"consent\":{\"notice_version\":\"porte-2026-01\",\"given_at\":\"2026-03-01T09:59:00Z\"},"
                + "\"recorded_at\":\"2026-03-01T10:00:00Z\"}]}");
        assertThat(r.get("results").get(0).get("status").asText()).isEqualTo("stored");
        long consents = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM consent_event WHERE channel ="
                + " 'canvass-opinion' AND notice_version = 'porte-2026-01'").mapTo(Long.class).one());
        assertThat(consents).isEqualTo(1);
        // the opinion is never sent back, not even to the canvasser who recorded it
        assertThat(send(tCamille, "GET", "/api/field/turfs/" + turf11, null).body()).doesNotContain("support");
    }

    /**
     * A phone whose clock is years behind (a battery run flat, a clock set by hand) dates its doors and the consent
     * by that clock; the batch says what the phone's clock read when it was sent, so the server puts the times back
     * where they belong: never a consent dated before its notice existed.
     */
    @Test
    void aPhoneClockYearsBehindIsCorrectedByTheBatchsSendingTime() throws Exception {
        ConsentLedger.addNotice(store, "porte-2026-01", ConsentChannel.CANVASS_OPINION,
                "Acceptez-vous que nous notions votre avis ? Vous pouvez retirer ce consentement à tout moment.", "dpo");
        java.time.Instant now = java.time.Instant.now();
        java.time.Instant phoneNow = now.minus(Duration.ofDays(7 * 365));
        JsonNode r = ok(tCamille, "POST", "/api/field/outcomes", "{\"sent_at\":\"" + phoneNow + "\",\"outcomes\":["
                + "{\"client_id\":\"k-1\",\"turf_id\":" + turf11 + ",\"door_id\":\"A2\",\"outcome\":\"opened\",\"support_level\":4,"
                + "\"consent\":{\"notice_version\":\"porte-2026-01\",\"given_at\":\"" + phoneNow.minus(Duration.ofMinutes(11)) + "\"},"
                + "\"recorded_at\":\"" + phoneNow.minus(Duration.ofMinutes(10)) + "\"}]}");
        assertThat(r.get("results").get(0).get("status").asText()).isEqualTo("stored");
        java.time.Instant recorded = java.time.Instant.parse(ok(tCamille, "GET", "/api/field/turfs/" + turf11, null)
                .get("outcomes").get(0).get("recorded_at").asText());
        assertThat(Duration.between(now.minus(Duration.ofMinutes(10)), recorded).abs()).as("recorded ten minutes ago, "
                + recorded).isLessThan(Duration.ofMinutes(1));
        java.time.Instant given = store.jdbi().withHandle(h -> h.createQuery("SELECT effective_at FROM consent_event WHERE"
                + " channel = 'canvass-opinion'").mapTo(java.time.LocalDateTime.class).one()).toInstant(java.time.ZoneOffset.UTC);
        assertThat(Duration.between(now.minus(Duration.ofMinutes(11)), given).abs()).as("consent given eleven minutes ago, "
                + given).isLessThan(Duration.ofMinutes(1));

        // a phone on time (the batch took a moment to arrive) keeps its times to the millisecond
        ok(tCamille, "POST", "/api/field/outcomes", "{\"sent_at\":\"" + java.time.Instant.now().minusSeconds(5)
                + "\",\"outcomes\":[{\"client_id\":\"k-2\",\"turf_id\":" + turf11
                + ",\"door_id\":\"A1\",\"outcome\":\"absent\",\"recorded_at\":\"2026-03-01T10:00:00.123Z\"}]}");
        assertThat(ok(tCamille, "GET", "/api/field/turfs/" + turf11, null).get("outcomes"))
                .anySatisfy(o -> assertThat(o.get("recorded_at").asText()).isEqualTo("2026-03-01T10:00:00.123Z"));
        assertThat(send(tCamille, "POST", "/api/field/outcomes", "{\"sent_at\":\"hier\",\"outcomes\":[]}").body())
                .contains("sent_at");
    }

    @Test
    void organizersAssignTurfsOfTheirSectorsOnly() throws Exception {
        var lea = TestAccounts.user(store, "lea", Role.CANVASSER, 12);
        String toLea = "{\"user_id\":" + lea.id() + "}";
        String toBruno = "{\"user_id\":" + bruno.id() + "}";
        assertThat(send(tOrganizer12, "PUT", "/api/field/turfs/" + turf11 + "/assignee", toLea).statusCode()).isEqualTo(404);
        JsonNode assigned = ok(tOrganizer12, "PUT", "/api/field/turfs/" + turf12 + "/assignee", toLea);
        assertThat(assigned.get("assigned_to").get("id").asLong()).isEqualTo(lea.id());
        assertThat(ok(TestAccounts.token(store, lea), "GET", "/api/field/turfs", null)).extracting(x -> x.get("id").asLong())
                .containsExactly(turf12);
        // a volunteer of another sector, an account that does not exist: the same refusal, nothing learnt, nothing given
        HttpResponse<String> other = send(tOrganizer12, "PUT", "/api/field/turfs/" + turf12 + "/assignee", toBruno);
        HttpResponse<String> nobody = send(tOrganizer12, "PUT", "/api/field/turfs/" + turf12 + "/assignee",
                "{\"user_id\":99999}");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body()).contains("aucun militant n° " + bruno.id() + " dans vos secteurs");
        assertThat(nobody.statusCode()).isEqualTo(400);
        assertThat(nobody.body()).contains("aucun militant n° 99999 dans vos secteurs");
        assertThat(ok(tBruno, "GET", "/api/field/turfs", null)).isEmpty();
        // the director gives any turf to anyone who canvasses
        assertThat(ok(tDirector, "PUT", "/api/field/turfs/" + turf12 + "/assignee", toBruno).get("assigned_to").get("id")
                .asLong()).isEqualTo(bruno.id());
        assertThat(send(tCamille, "PUT", "/api/field/turfs/" + turf11 + "/assignee", toBruno).statusCode()).isEqualTo(403);
        assertThat(send(tDirector, "PUT", "/api/field/turfs/" + turf11 + "/assignee", "{\"user_id\":\"x\"}").statusCode())
                .isEqualTo(400);
        assertThat(ok(tDirector, "PUT", "/api/field/turfs/" + turf11 + "/assignee", "{\"user_id\":null}")
                .get("assigned_to").isNull()).isTrue();
        assertThat(ok(tCamille, "GET", "/api/field/turfs", null)).isEmpty();
        // who the asking page saw holding it: a change since is refused (409, who holds it now), nothing given
        assertThat(ok(tDirector, "PUT", "/api/field/turfs/" + turf12 + "/assignee", "{\"user_id\":" + lea.id()
                + ",\"expected_user_id\":" + bruno.id() + "}").get("assigned_to").get("id").asLong()).isEqualTo(lea.id());
        HttpResponse<String> stale = send(tOrganizer12, "PUT", "/api/field/turfs/" + turf12 + "/assignee",
                "{\"user_id\":null,\"expected_user_id\":null}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("a changé de mains entre-temps : elle est confiée à lea");
        assertThat(send(tDirector, "PUT", "/api/field/turfs/" + turf12 + "/assignee", "{\"user_id\":null,"
                + "\"expected_user_id\":\"lea\"}").statusCode()).isEqualTo(400);
        assertThat(ok(TestAccounts.token(store, lea), "GET", "/api/field/turfs", null)).hasSize(1);
    }

    /**
     * Leftover of the last review: « Portes frappées » counts doors, the outcome columns count visits, and only the docs
     * said so. The export names it in its headers and carries the visits, so its numbers add up where one can see them.
     */
    @Test
    void theProgressCsvSaysWhichColumnsCountDoorsAndWhichCountVisits() throws Exception {
        // door A2 visited twice (opened, then refused): by hand 3 doors, 3 knocked, 4 visits = 1+1+1+1
        ok(tCamille, "POST", "/api/field/outcomes", batch(turf11, "c-1", "A1", "absent", "c-2", "A2", "opened", "c-3", "A2",
                "refused", "c-4", "A3", "leaflet"));
        HttpResponse<String> csv = send(tOrganizer11(), "GET", "/api/field/progress.csv?by=turf", null);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("progression-turf.csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("tournée;portes des tournées;portes frappées (chacune une fois);visites (chaque"
                + " résultat noté);contacts (visites);refus (visites);tracts déposés (visites);absents (visites);à revoir"
                + " (visites);couverture (portes frappées / portes, %)");
        // the organizer of the 11th: the 11th's turf only, then the total
        assertThat(lines.subList(1, lines.size())).containsExactly("essai n° 001;3;3;4;1;1;1;1;0;100,0",
                "Total;3;3;4;1;1;1;1;0;100,0");
        // the visits column is the sum of the outcome columns, on every row
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(";");
            assertThat(Long.parseLong(c[3])).isEqualTo(java.util.stream.IntStream.rangeClosed(4, 8)
                    .mapToLong(i -> Long.parseLong(c[i])).sum());
        }
        assertThat(send(tAnalyst, "GET", "/api/field/progress.csv?by=volunteer", null).statusCode()).isEqualTo(403);
        assertThat(send(tCamille, "GET", "/api/field/progress.csv", null).statusCode()).isEqualTo(403);
        assertThat(send(tDirector, "GET", "/api/field/progress.csv?by=rue", null).statusCode()).isEqualTo(400);
    }

    /** Tallies by volunteer name people (PRIVACY.md: who viewed or exported personal data is in the audit log); by station they do not. */
    @Test
    void viewingOrExportingTalliesByVolunteerIsAudited() throws Exception {
        ok(tCamille, "POST", "/api/field/outcomes", batch(turf11, "c-1", "A1", "absent", "c-2", "A2", "opened"));
        ok(tDirector, "GET", "/api/field/progress?by=station", null);
        assertThat(AuditLog.all(store)).noneSatisfy(e -> assertThat(e.action()).startsWith("field.progress"));
        ok(tDirector, "GET", "/api/field/progress?by=volunteer", null);
        // the page reads the table again at each batch stored (live updates): one view stands for 10 minutes of those
        ok(tDirector, "GET", "/api/field/progress?by=volunteer", null);
        assertThat(send(tDirector, "GET", "/api/field/progress.csv?by=volunteer", null).statusCode()).isEqualTo(200);
        assertThat(AuditLog.all(store)).filteredOn(e -> e.action().startsWith("field.progress"))
                .extracting(e -> e.actor() + " " + e.action() + " " + e.target() + " " + e.records())
                // one volunteer (camille) recorded outcomes: one row each time
                .containsExactly("dir field.progress.volunteers progress:volunteer 1",
                        "dir field.progress.volunteers.export progress:volunteer 1");
    }

    /**
     * An organizer knocks again at a door of Camille's turf: by volunteer, each row counts the doors its volunteer
     * recorded, and the total counts every door once (it summed the rows: 4 doors knocked of 3, over a coverage of 3).
     */
    @Test
    void theVolunteersTotalCountsADoorKnockedByTwoOnce() throws Exception {
        ok(tCamille, "POST", "/api/field/outcomes", batch(turf11, "c-1", "A1", "absent", "c-2", "A2", "opened", "c-3", "A3",
                "leaflet"));
        ok(tOrganizer11(), "POST", "/api/field/outcomes", batch(turf11, "o-1", "A1", "opened"));
        JsonNode progress = ok(tDirector, "GET", "/api/field/progress?by=volunteer", null);
        long rowsKnocked = 0;
        for (JsonNode row : progress.get("rows")) {
            rowsKnocked += row.get("knocked").asLong();
        }
        assertThat(rowsKnocked).as("camille 3, the organizer 1").isEqualTo(4);
        JsonNode total = progress.get("total");
        assertThat(total.get("knocked").asLong()).as("A1, A2, A3").isEqualTo(3);
        assertThat(total.get("visits").asLong()).isEqualTo(4);
        assertThat(total.get("knocked").asLong()).isLessThanOrEqualTo(total.get("doors").asLong());
    }

    String tOrganizer11() {
        return TestAccounts.token(store, TestAccounts.user(store, "orga11", Role.ORGANIZER, 11));
    }

    @Test
    void headquartersSeeProgressWithoutADoor() throws Exception {
        ok(tCamille, "POST", "/api/field/outcomes", batch(turf11, "c-1", "A1", "absent", "c-2", "A2", "opened", "c-3", "A2",
                "refused", "c-4", "A3", "leaflet"));
        JsonNode byTurf = ok(tAnalyst, "GET", "/api/field/progress?by=turf", null);
        JsonNode t1 = byTurf.get("rows").get(0);
        assertThat(t1.get("label").asText()).isEqualTo("essai n° 001");
        // by hand: 3 doors, all three with an outcome; 4 visits: 1 opened (contact), 1 refused, 1 leaflet, 1 absent
        assertThat(t1.get("doors").asLong()).isEqualTo(3);
        assertThat(t1.get("knocked").asLong()).isEqualTo(3);
        assertThat(t1.get("contacts").asLong()).isEqualTo(1);
        assertThat(t1.get("refusals").asLong()).isEqualTo(1);
        assertThat(t1.get("leaflets").asLong()).isEqualTo(1);
        assertThat(t1.get("coverage").asDouble()).isEqualTo(1.0);
        JsonNode bySector = ok(tAnalyst, "GET", "/api/field/progress?by=sector", null);
        assertThat(bySector.get("rows")).extracting(r -> r.get("label").asText() + "=" + r.get("knocked") + "/" + r.get("doors"))
                .containsExactly("11e=3/3", "12e=0/2");
        assertThat(bySector.get("total").get("coverage").asDouble()).isEqualTo(0.6); // 3 of 5 doors
        JsonNode byStation = ok(tDirector, "GET", "/api/field/progress?by=station", null);
        assertThat(byStation.get("rows")).extracting(r -> r.get("key").asText()).containsExactly("11-1", "12-7");
        // A1 cut again in a second plan: two turfs hold it, its station once; the total is the same whatever the grouping
        FieldFixtures.saveSecondPlan(store);
        JsonNode stationTotal = ok(tDirector, "GET", "/api/field/progress?by=station", null).get("total");
        assertThat(stationTotal.get("doors").asLong()).isEqualTo(5);
        assertThat(stationTotal.get("knocked").asLong()).isEqualTo(3);
        for (String by : List.of("sector", "turf")) {
            assertThat(ok(tDirector, "GET", "/api/field/progress?by=" + by, null).get("total")).as(by).isEqualTo(stationTotal);
        }
        assertThat(send(tDirector, "GET", "/api/field/progress.csv?by=turf", null).body())
                .contains("\nTotal;5;3;4;1;1;1;1;0;60,0\n");
        String analystView = send(tAnalyst, "GET", "/api/field/progress?by=station", null).body()
                + send(tAnalyst, "GET", "/api/field/progress?by=turf", null).body();
        assertThat(analystView).doesNotContain("A1", "Charonne", "camille");
        HttpResponse<String> refused = send(tAnalyst, "GET", "/api/field/progress?by=volunteer", null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("le regroupement par militant montre des données personnelles, que le rôle"
                + " « analyste » ne voit pas").doesNotContain("READ_PERSONAL_DATA");
        JsonNode byVolunteer = ok(tDirector, "GET", "/api/field/progress?by=volunteer", null);
        assertThat(byVolunteer.get("rows")).singleElement().satisfies(r -> {
            assertThat(r.get("label").asText()).isEqualTo("camille");
            assertThat(r.get("visits").asLong()).isEqualTo(4);
        });
        // an organizer of the 12th sees only the 12th
        assertThat(ok(tOrganizer12, "GET", "/api/field/progress?by=sector", null).get("rows"))
                .extracting(r -> r.get("label").asText()).containsExactly("12e");
        assertThat(send(tCamille, "GET", "/api/field/progress", null).statusCode()).isEqualTo(403);
        assertThat(send(tDirector, "GET", "/api/field/progress?by=rue", null).statusCode()).isEqualTo(400);
    }

    @Test
    void theStreamPushesAnEventWhenABatchIsStored() throws Exception {
        assertThat(send(tDirector, "GET", "/api/field/progress/stream", null).statusCode()).isEqualTo(406);
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/field/progress/stream"))
                .header("Authorization", "Bearer " + tDirector).header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> stream = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        CompletableFuture<String> progress = firstProgress(lines);
        // wait until the server holds the listener, then store a batch
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until && !progress.isDone()) {
            ok(tCamille, "POST", "/api/field/outcomes", batch(turf11, "c-" + System.nanoTime(), "A1", "absent"));
            try {
                String data = progress.get(300, TimeUnit.MILLISECONDS);
                assertThat(Json.MAPPER.readTree(data).get("stored").asInt()).isEqualTo(1);
                stream.body().close();
                return;
            } catch (java.util.concurrent.TimeoutException e) {
                // not yet listening: send another batch
            }
        }
        stream.body().close();
        throw new AssertionError("no progress event within 10 s");
    }

    /** The data of the first {@code progress} event the stream sends, read on another thread. */
    static CompletableFuture<String> firstProgress(BufferedReader lines) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                boolean seen = false;
                while ((line = lines.readLine()) != null) {
                    if (line.equals("event: progress")) {
                        seen = true;
                    } else if (seen && line.startsWith("data: ")) {
                        return line.substring(6);
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /**
     * An organizer's live stream hears of their own sectors only: a batch in the 11th does not tell the 12th's
     * organizer when, or how much, the 11th canvasses (the progress table they reload is theirs alone anyway).
     */
    @Test
    void theStreamTellsAnOrganizerOfTheirSectorsOnly() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/field/progress/stream"))
                .header("Authorization", "Bearer " + tOrganizer12).header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> stream = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        // « hello » is sent once the server holds the listener
        assertThat(lines.readLine()).isEqualTo("event: hello");
        CompletableFuture<String> firstProgress = firstProgress(lines);
        ok(tCamille, "POST", "/api/field/outcomes", batch(turf11, "e-1", "A1", "absent", "e-2", "A2", "opened"));
        ok(tDirector, "POST", "/api/field/outcomes", batch(turf12, "e-3", "B1", "refused", "e-4", "B2", "absent",
                "e-5", "B1", "leaflet"));
        String data = firstProgress.get(10, TimeUnit.SECONDS);
        assertThat(Json.MAPPER.readTree(data).get("stored").asInt()).as("the 12th's three, not the 11th's two")
                .isEqualTo(3);
        stream.body().close();
    }

    /**
     * A stream ends when its account is disabled (or its session or token ends): the progress of the sectors went on
     * reaching a disabled organizer's open page, by cookie or by token, while /api/me answered 401 (found by a crawl).
     */
    @Test
    void theStreamOfADisabledAccountEndsWithoutAnotherEvent() throws Exception {
        TestAccounts.Session session = TestAccounts.session(store, TestAccounts.user(store, "orga12s", Role.ORGANIZER, 12));
        String token = TestAccounts.token(store, TestAccounts.user(store, "orga12t", Role.ORGANIZER, 12));
        List<BufferedReader> streams = new java.util.ArrayList<>();
        for (String[] credential : List.of(new String[] {"Cookie", session.header()},
                new String[] {"Authorization", "Bearer " + token})) {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/field/progress/stream"))
                    .header(credential[0], credential[1]).header("Accept", "text/event-stream").build();
            HttpResponse<InputStream> stream = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("event: hello");
            streams.add(lines);
        }
        List<CompletableFuture<String>> next = streams.stream().map(FieldApiTest::firstProgress).toList();
        fr.terrain.store.Accounts.disable(store, "orga12s", "admin");
        fr.terrain.store.Accounts.disable(store, "orga12t", "admin");
        ok(tDirector, "POST", "/api/field/outcomes", batch(turf12, "d-1", "B1", "refused"));
        for (CompletableFuture<String> f : next) {
            assertThat(f.get(10, TimeUnit.SECONDS)).as("the stream ends, no progress heard").isNull();
        }
    }

    /**
     * « Never loses a door »: a turf taken from camille while she was offline still takes the doors she recorded, before
     * it was taken and after (her phone did not know yet), for a week; bruno's are his.
     */
    @Test
    void doorsRecordedOfflineByTheLastHolderAreStillStoredForAWeek() throws Exception {
        FieldStore.assign(store, new TurfScope.All(), turf11, bruno.id(), "orga");
        JsonNode before = ok(tCamille, "POST", "/api/field/outcomes", batch(turf11, "t-1", "A1", "absent", "t-2", "A2",
                "opened"));
        assertThat(before.get("results")).extracting(r -> r.get("status").asText()).containsExactly("stored", "stored");
        String after = batch(turf11, "t-3", "A3", "refused").replace("2026-03-01T10:00:00Z",
                Instant.now().plusSeconds(60).toString());
        JsonNode late = ok(tCamille, "POST", "/api/field/outcomes", after);
        assertThat(late.get("results").get(0).get("status").asText()).as("knocked before her phone knew")
                .isEqualTo("stored");
        JsonNode his = ok(tBruno, "POST", "/api/field/outcomes", batch(turf11, "t-4", "A3", "refused"));
        assertThat(his.get("results").get(0).get("status").asText()).isEqualTo("stored");
        // the turf changes hands twice in the week (bruno, back to camille, then nobody): each past holder's phone
        // still sends its doors — bruno's were refused when only the last holder was kept (found by a crawl)
        FieldStore.assign(store, new TurfScope.All(), turf11, camille.id(), "orga");
        FieldStore.assign(store, new TurfScope.All(), turf11, null, "orga");
        assertThat(ok(tBruno, "POST", "/api/field/outcomes", batch(turf11, "t-5", "A1", "leaflet")).get("results").get(0)
                .get("status").asText()).as("he held it this week").isEqualTo("stored");
        assertThat(ok(tCamille, "POST", "/api/field/outcomes", batch(turf11, "t-6", "A1", "leaflet")).get("results").get(0)
                .get("status").asText()).as("she held it last").isEqualTo("stored");
        String tOther = TestAccounts.token(store, TestAccounts.user(store, "lina", Role.CANVASSER, 11));
        assertThat(ok(tOther, "POST", "/api/field/outcomes", batch(turf11, "t-8", "A1", "leaflet")).get("results").get(0)
                .get("status").asText()).as("never held it").isEqualTo("rejected");
        // a week and a day after it was taken from them, their phones' late doors are no longer taken
        store.jdbi().useHandle(h -> h.createUpdate("UPDATE turf_past_holder SET held_until = held_until - INTERVAL '8' DAY"
                + " WHERE turf_id = :t").bind("t", turf11).execute());
        assertThat(ok(tCamille, "POST", "/api/field/outcomes", batch(turf11, "t-7", "A2", "leaflet")).get("results").get(0)
                .get("status").asText()).isEqualTo("rejected");
        assertThat(ok(tBruno, "POST", "/api/field/outcomes", batch(turf11, "t-9", "A2", "leaflet")).get("results").get(0)
                .get("status").asText()).isEqualTo("rejected");
    }

    /** The topic discussed is chosen from the campaign's list or the turf's own: a free text about a person is refused. */
    @Test
    void theTopicDiscussedIsNeverFreeText() throws Exception {
        store.jdbi().useHandle(h -> h.createUpdate("UPDATE turf SET topic = 'propreté des rues' WHERE id = :t")
                .bind("t", turf11).execute());
        String body = "{\"outcomes\":[" + item("n-1", "A1", "transports") + "," + item("n-2", "A2", "propreté des rues")
                + "," + item("n-3", "A3", "voisin malade, vote à droite") + "]}";
        JsonNode r = ok(tCamille, "POST", "/api/field/outcomes", body);
        assertThat(r.get("results")).extracting(x -> x.get("status").asText()).containsExactly("stored", "stored",
                "rejected");
        assertThat(r.get("results").get(2).get("error").asText()).contains("n'est pas un sujet de la campagne",
                "aucune note libre");
        long stored = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM door_outcome WHERE topic LIKE"
                + " '%voisin%'").mapTo(Long.class).one());
        assertThat(stored).isZero();
    }

    private String item(String clientId, String door, String topic) {
        return "{\"client_id\":\"" + clientId + "\",\"turf_id\":" + turf11 + ",\"door_id\":\"" + door
                + "\",\"outcome\":\"opened\",\"topic\":\"" + topic + "\",\"recorded_at\":\"2026-03-01T10:00:00Z\"}";
    }
}
