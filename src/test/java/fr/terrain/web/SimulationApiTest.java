package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.RealData;
import fr.terrain.account.Role;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.ResultsOptions;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.Store;
import fr.terrain.web.map.MapSettings;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/simulation} on the real Paris 2020 first round, with an API token. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulationApiTest {
    @TempDir
    static Path home;

    Store store;
    Javalin app;
    String analyst;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        store = Store.h2(home);
        new Importer(store, Progress.NONE, false).results(RealData.file(RealData.RESULTS_2020), ResultsOptions.none(),
                SourceCategory.OFFICIAL_OPEN_DATA);
        app = WebApp.create(store, new MapSettings(null, null)).start(0);
        analyst = TestAccounts.token(store, TestAccounts.user(store, "analyste", Role.ANALYST));
    }

    @AfterAll
    void stop() {
        app.stop();
        store.close();
    }

    HttpResponse<String> get(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/simulation?" + query))
                .header("Authorization", "Bearer " + analyst).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersTheSameJsonAsTheCommandLine() throws Exception {
        HttpResponse<String> r = get("election=paris-2020-t1&draws=5000&seed=3&camps=paris-2020");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode json = Json.MAPPER.readTree(r.body());
        assertThat(json.get("draws").asInt()).isEqualTo(5000);
        assertThat(json.get("seed").asInt()).isEqualTo(3);
        assertThat(json.get("majority").asInt()).isEqualTo(82);
        assertThat(json.get("camps").fieldNames()).toIterable().contains("gauche-hidalgo", "droite-dati", "lrem-buzyn",
                "eelv-belliard", "autres");
        assertThat(json.at("/camps/droite-dati/seat_distribution").isObject()).isTrue();
        assertThat(json.at("/sectors/7/win_probability/droite-dati").asDouble()).isGreaterThan(0.9);
        assertThat(json.at("/sectors/15/tipping_point_probability").isNumber()).isTrue();
        assertThat(json.at("/sectors/15/votes_needed").isObject()).isTrue();

        String inline = URLEncoder.encode("{\"dati\": [\"Mme DATI Rachida\"], \"autres\": [\"*\"]}", StandardCharsets.UTF_8);
        JsonNode custom = Json.MAPPER.readTree(get("election=paris-2020-t1&draws=1000&camps=" + inline).body());
        assertThat(custom.at("/sectors/7/win_probability/dati").asDouble()).isGreaterThan(0.9);
        assertThat(get("election=paris-2020-t1&draws=5000&seed=3&camps=paris-2020").body()).isEqualTo(r.body());
    }

    @Test
    void everyParameterIsChecked() throws Exception {
        assertError("draws=10", 400, "election");
        assertError("election=paris-2031-t1", 400, "election");
        assertError("election=paris-2020-t1&draws=200001", 400, "draws");
        assertError("election=paris-2020-t1&draws=abc", 400, "draws");
        assertError("election=paris-2020-t1&seed=-1", 400, "seed");
        assertError("election=paris-2020-t1&swing=99", 400, "swing");
        assertError("election=paris-2020-t1&sector_noise=x", 400, "sector_noise");
        assertError("election=paris-2020-t1&camps=lyon", 400, "camps");
        assertError("election=paris-2020-t1&camps=" + URLEncoder.encode("{\"a\": [\"M. WEIL Ariel\"]}", StandardCharsets.UTF_8),
                400, "camps");
    }

    @Test
    void theSystemAndTheTransfersAreChosenByParameter() throws Exception {
        // paris-2025 with the example camps: the same figures as `terrain simulate --system paris-2025`
        // (hand-worked in SimulateCommandTest: Hidalgo 41 + 36 = 77 on the expected result).
        JsonNode reform = Json.MAPPER.readTree(get("election=paris-2020-t1&system=paris-2025&draws=1000&camps=paris-2020").body());
        assertThat(reform.get("system").asText()).isEqualTo("paris-2025");
        assertThat(reform.get("council_seats").asInt()).isEqualTo(163);
        assertThat(reform.at("/camps/gauche-hidalgo/expected_seats").asInt()).isEqualTo(77);
        assertThat(reform.at("/sectors/7/seats").asInt()).isEqualTo(10);

        // A transfer matrix sending all Buzyn voters to Dati changes the expected city-wide round 2:
        // Dati 125,639 + 99,767 = 225,406 now leads Hidalgo 162,219 and takes the bonus.
        String merge = URLEncoder.encode("{\n  \"lrem-buzyn\": {\"droite-dati\": 1.0}\n}", StandardCharsets.UTF_8);
        JsonNode merged = Json.MAPPER.readTree(get("election=paris-2020-t1&system=paris-2025&draws=1000&camps=paris-2020"
                + "&transfers=" + merge).body());
        assertThat(merged.at("/camps/droite-dati/expected_seats").asInt())
                .isGreaterThan(merged.at("/camps/gauche-hidalgo/expected_seats").asInt());
        assertThat(merged.at("/camps/lrem-buzyn/expected_seats").asInt()).isZero();
        // the shipped example by name, as with camps; its CSV twin pasted gives the very same answer
        HttpResponse<String> byName = get("election=paris-2020-t1&draws=500&camps=paris-2020&transfers=paris-2020");
        assertThat(byName.statusCode()).isEqualTo(200);
        String csv = URLEncoder.encode(java.nio.file.Files.readString(java.nio.file.Path.of("docs/examples/transfers-paris-2020.csv")),
                StandardCharsets.UTF_8);
        HttpResponse<String> pasted = get("election=paris-2020-t1&draws=500&camps=paris-2020&transfers=" + csv);
        assertThat(pasted.statusCode()).as(pasted.body()).isEqualTo(200);
        assertThat(pasted.body()).isEqualTo(byName.body());
    }

    @Test
    void aBadTransferMatrixIsRefusedWithItsLineAndColumn() throws Exception {
        assertError("election=paris-2020-t1&system=lyon-1982", 400, "system");
        String above = URLEncoder.encode("{\n  \"autres\": {\"gauche-hidalgo\": 1.5}\n}", StandardCharsets.UTF_8);
        // line 2 is `  "autres": {"gauche-hidalgo": 1.5}`: 2 spaces, "autres" in 3–10, ':' 11, ' ' 12, '{' 13,
        // "gauche-hidalgo" 14–29, ':' 30, ' ' 31: the value starts in column 32
        assertThat(error("election=paris-2020-t1&camps=paris-2020&transfers=" + above))
                .startsWith("transfers : ligne 2, colonne 32 :").contains("entre 0 et 1");
        String broken = URLEncoder.encode("{\"autres\": {\"gauche-hidalgo\": 0.5,}}", StandardCharsets.UTF_8);
        assertThat(error("election=paris-2020-t1&camps=paris-2020&transfers=" + broken))
                .startsWith("transfers : JSON invalide, ligne 1, colonne");
        String tooMuch = URLEncoder.encode("{\"autres\": {\"gauche-hidalgo\": 0.7, \"droite-dati\": 0.6}}",
                StandardCharsets.UTF_8);
        assertThat(error("election=paris-2020-t1&camps=paris-2020&transfers=" + tooMuch)).contains("130.0 %");
        String unknown = URLEncoder.encode("{\"verts\": {\"gauche-hidalgo\": 0.5}}", StandardCharsets.UTF_8);
        assertThat(error("election=paris-2020-t1&camps=paris-2020&transfers=" + unknown))
                .startsWith("transfers :").contains("camp inconnu « verts »");
        assertError("election=paris-2020-t1&transfers=lyon", 400, "transfers");
        String badCsv = URLEncoder.encode("from;to;share\nautres;gauche-hidalgo;0,2\nautres;droite-dati;trop\n",
                StandardCharsets.UTF_8);
        assertThat(error("election=paris-2020-t1&camps=paris-2020&transfers=" + badCsv))
                .startsWith("transfers : ligne 3, colonne 3 :").contains("« trop »");
    }

    String error(String query) throws Exception {
        HttpResponse<String> r = get(query);
        assertThat(r.statusCode()).as(query + " → " + r.body()).isEqualTo(400);
        return Json.MAPPER.readTree(r.body()).get("error").asText();
    }

    void assertError(String query, int status, String parameter) throws Exception {
        HttpResponse<String> r = get(query);
        assertThat(r.statusCode()).as(query + " → " + r.body()).isEqualTo(status);
        assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).as(query).startsWith(parameter + " :");
    }
}
