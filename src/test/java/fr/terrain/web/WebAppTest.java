package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.RealData;
import fr.terrain.account.Role;
import fr.terrain.election.Election;
import fr.terrain.election.ElectionKind;
import fr.terrain.ingest.ElectoralListReader;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.ResultsOptions;
import fr.terrain.privacy.IdentifierHasher;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.Elections;
import fr.terrain.store.HashKeyFile;
import fr.terrain.store.Persons;
import fr.terrain.store.Store;
import fr.terrain.store.SuppressionList;
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
                // where the database lives is the administrator's business: the analyst reads its kind only
                assertThat(json.get("database").asText()).isEqualTo("H2");
                String admin = TestAccounts.session(store, TestAccounts.user(store, "admin", Role.ADMIN)).header();
                assertThat(status(http, base, admin).get("database").asText()).startsWith("H2 ")
                        .contains(home.toAbsolutePath().toString());

                // the stations' counts are kept per data version: an import made while the app runs shows at once
                new Importer(store, Progress.NONE, false).stations(RealData.file(RealData.STATIONS_2020), null);
                JsonNode after = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "api/status"))
                        .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).body());
                assertThat(after.at("/stations/0/vintage").asInt()).isEqualTo(2020);
                assertThat(after.at("/stations/0/stations").asLong()).isEqualTo(897); // the 2020 contours (data README)
                assertThat(after.at("/stations/0/withContour").asLong()).isEqualTo(897);
                assertThat(after.at("/elections/0/joinedStations").asLong()).isEqualTo(897);

                // the voters' counts are kept per voters' version: an objection, which is no import, shows at once
                IdentifierHasher hasher = HashKeyFile.load(home);
                Elections.add(store, List.of(new Election("paris-2026-t1", "paris-2026", ElectionKind.MUNICIPALES, "paris",
                        1, LocalDate.of(2026, 3, 15), null)));
                Path list = home.resolve("liste.csv");
                Files.writeString(list, String.join(";", ElectoralListReader.COLUMNS) + "\n"
                        + "LG;LE;01/01/2026;75;75112;Paris 12e;1;F;DUPONT;;Marie;03/04/1970;Lyon;69;FRANCE;;École;7;;8;;;12;RUE;DE PICPUS;;75012;PARIS;FRANCE\n"
                        + "LG;LE;01/01/2026;75;75112;Paris 12e;2;M;DURAND;;Paul;30/11/1990;Paris;75;FRANCE;;École;8;;8;;;14;RUE;DE PICPUS;;75012;PARIS;FRANCE\n",
                        StandardCharsets.UTF_8);
                new Importer(store, Progress.NONE, false, hasher).voters(list, "paris-2026", SourceCategory.ELECTORAL_LIST,
                        "Préfecture de police", LocalDate.of(2026, 1, 10), Map.of(), null);
                assertThat(status(http, base, cookie).at("/voters/0/voters").asLong()).isEqualTo(2);
                long dupont = store.jdbi().withHandle(h -> h.createQuery("SELECT id FROM voter WHERE birth_name = 'DUPONT'")
                        .mapTo(Long.class).one());
                SuppressionList.addPerson(store, hasher, Persons.forVoter(store, dupont), SuppressionList.Reason.OBJECTION,
                        "letter", "claire");
                assertThat(status(http, base, cookie).at("/voters/0/voters").asLong()).isEqualTo(1);
            } finally {
                app.stop();
            }
        }
    }

    private static JsonNode status(HttpClient http, String base, String cookie) throws Exception {
        return Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "api/status"))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
