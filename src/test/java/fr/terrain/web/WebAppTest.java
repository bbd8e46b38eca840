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
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The minimal page and its JSON, served over real HTTP on a free port to a signed-in analyst. */
class WebAppTest {
    @TempDir
    Path home;

    @Test
    void thePageAndTheStatusApiDescribeWhatIsLoaded() throws Exception {
        try (Store store = Store.h2(home)) {
            new Importer(store, Progress.NONE, false).results(RealData.file(RealData.RESULTS_2020),
                    ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA);
            Javalin app = WebApp.create(store).start(0);
            try {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://localhost:" + app.port() + "/";
                HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "api/status")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(anonymous.statusCode()).as("/api/status needs READ_AGGREGATES").isEqualTo(401);

                String cookie = TestAccounts.session(store, TestAccounts.user(store, "analyste", Role.ANALYST)).header();
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base)).header("Cookie", cookie).build(),
                        HttpResponse.BodyHandlers.ofString());
                // the home page, or a redirect to the page of the user's role, never to the login page
                assertThat(page.statusCode()).isIn(200, 302);
                if (page.statusCode() == 200) {
                    assertThat(page.body()).contains("<html lang=\"fr\">");
                } else {
                    assertThat(page.headers().firstValue("Location").orElse("")).doesNotStartWith("/login");
                }

                HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(base + "api/status"))
                                .header("Cookie", cookie).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(api.statusCode()).isEqualTo(200);
                assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
                JsonNode json = Json.MAPPER.readTree(api.body());
                assertThat(json.at("/elections/0/election/id").asText()).isEqualTo("paris-2020-t1");
                assertThat(json.at("/elections/0/election/date").asText()).isEqualTo("2020-03-15");
                assertThat(json.at("/elections/0/resultRows").asLong()).isEqualTo(9_561);
                assertThat(json.get("stations")).isEmpty();

                // the stations' counts are kept per data version: an import made while the app runs shows at once
                new Importer(store, Progress.NONE, false).stations(RealData.file(RealData.STATIONS_2020), null);
                JsonNode after = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "api/status"))
                        .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).body());
                assertThat(after.at("/stations/0/vintage").asInt()).isEqualTo(2020);
                assertThat(after.at("/stations/0/stations").asLong()).isEqualTo(897); // the 2020 contours (data README)
                assertThat(after.at("/stations/0/withContour").asLong()).isEqualTo(897);
                assertThat(after.at("/elections/0/joinedStations").asLong()).isEqualTo(897);
            } finally {
                app.stop();
            }
        }
    }
}
