package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0037: above {@link MailRoutes#SIGNUP_LIST_MAX} sectors with stations (lowered here to 1), the sign-up page gets no
 * list but a search ({@code /api/inscription/secteurs?q=}) over the names and INSEE codes of the sectors that have
 * stations; the server still accepts only those.
 */
class SignupSectorSearchWebTest {
    @TempDir
    Path home;

    Store store;
    Javalin app;
    GreenMail smtp;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        smtp = SignupFixture.smtp(home, "Finistère Demain");
        store = TestStores.h2(home);
        SignupFixture.notice(store);
        MailRoutes.signupListMax = 1;
        app = WebApp.create(store).start(0);
    }

    @AfterEach
    void stop() {
        MailRoutes.signupListMax = MailRoutes.SIGNUP_LIST_MAX;
        app.stop();
        store.close();
        smtp.stop();
    }

    void station(String code) {
        SignupFixture.station(store, code);
    }

    void named(String insee, String commune) {
        SignupFixture.named(store, insee, commune);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> signUp(String sector) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/inscription"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("email=lea%40exemple.fr&consentement=oui&secteur="
                        + URLEncoder.encode(sector, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sectors the search answers, each as « sector=name ». */
    List<String> found(String query) throws Exception {
        HttpResponse<String> r = get("/api/inscription/secteurs?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(query + " : " + r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode s : Json.MAPPER.readTree(r.body()).get("sectors")) {
            out.add(s.get("sector").asInt() + "=" + s.get("name").asText());
        }
        return out;
    }

    @Test
    void aboveTheCapTheMentionSendsNoListAndTheSearchFindsTheSectorsWithStationsByNameOrCode() throws Exception {
        station("29039-1");
        station("29039-2");
        station("29046-1");
        station("01001-1");
        station("20004-1"); // Ajaccio, 2A004, under its number (CommuneCodes.stationArea)
        named("29039", "Concarneau");
        named("29046", "Douarnenez");
        named("01001", "L'Abergement-Clémenciat");
        named("2A004", "Ajaccio");
        named("29040", "Conchil-le-Temple"); // in the BAN, but without stations: never offered

        JsonNode mention = Json.MAPPER.readTree(get("/api/inscription/mention").body());
        assertThat(mention.has("sectors")).isFalse();
        assertThat(mention.get("sectorSearch").asBoolean()).isTrue();
        assertThat(mention.get("sectorCount").asInt()).isEqualTo(4);
        assertThat(mention.get("sectorLabel").asText()).isEqualTo("Commune");

        assertThat(found("conc")).containsExactly("29039=Concarneau (29039)");
        assertThat(found("CONC")).containsExactly("29039=Concarneau (29039)");
        assertThat(found(" Concarneau ")).containsExactly("29039=Concarneau (29039)");
        assertThat(found("29039")).containsExactly("29039=Concarneau (29039)");
        assertThat(found("2903")).containsExactly("29039=Concarneau (29039)");
        assertThat(found("290")).containsExactly("29039=Concarneau (29039)", "29046=Douarnenez (29046)");
        // accents and case ignored, any word of the name: « clemen » finds Clémenciat, « abergement » its first word
        assertThat(found("clemen")).containsExactly("1001=L'Abergement-Clémenciat (01001)");
        assertThat(found("ABERGEMENT-CLÉM")).containsExactly("1001=L'Abergement-Clémenciat (01001)");
        assertThat(found("01001")).containsExactly("1001=L'Abergement-Clémenciat (01001)");
        assertThat(found("2a0")).containsExactly("20004=Ajaccio (2A004)");
        assertThat(found("arneau")).isEmpty(); // a prefix of a word, not any part of it
        assertThat(found("zz")).isEmpty();

        for (String tooShort : List.of("c", " c ", "", "é")) {
            HttpResponse<String> r = get("/api/inscription/secteurs?q=" + URLEncoder.encode(tooShort,
                    StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(tooShort).isEqualTo(400);
            assertThat(r.body()).as(tooShort).contains("au moins 2 caractères");
        }
        assertThat(get("/api/inscription/secteurs").statusCode()).isEqualTo(400);

        // what the search found is what the form accepts; a commune without stations is refused, list or no list
        HttpResponse<String> refused = signUp("29040");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Commune invalide").contains("choisissez parmi les propositions")
                .doesNotContain("dans la liste"); // the page above the cap has no list
        assertThat(signUp("29039").statusCode()).isEqualTo(200);
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue(); // stored, then sent, after the reply
        assertThat(SignupFixture.filed(store)).containsExactly(29039);
    }

    @Test
    void theSearchAnswersTwentySectorsAtMostInTheOrderOfTheirNames() throws Exception {
        List<String> expected = new ArrayList<>();
        IntStream.rangeClosed(1, 25).forEach(n -> {
            String insee = String.valueOf(29100 + n);
            station(insee + "-1");
            named(insee, String.format("Saint-Test-%02d", n));
            expected.add((29100 + n) + "=" + String.format("Saint-Test-%02d", n) + " (" + insee + ")");
        });
        assertThat(found("saint")).containsExactlyElementsOf(expected.subList(0, 20));
        assertThat(found("test-2")).containsExactlyElementsOf(expected.subList(19, 25));
        assertThat(Json.MAPPER.readTree(get("/api/inscription/secteurs?q=saint").body()).get("more").asBoolean()).isTrue();
        assertThat(Json.MAPPER.readTree(get("/api/inscription/secteurs?q=test-2").body()).get("more").asBoolean())
                .isFalse();
    }

    @Test
    void belowTheCapTheMentionKeepsItsList() throws Exception {
        MailRoutes.signupListMax = 2;
        station("29039-1");
        station("12-7");
        JsonNode mention = Json.MAPPER.readTree(get("/api/inscription/mention").body());
        assertThat(mention.get("sectors")).hasSize(2);
        assertThat(mention.has("sectorSearch")).isFalse();
        assertThat(mention.get("sectorLabel").asText()).isEqualTo("Commune ou arrondissement");
    }
}
