package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.account.Role;
import fr.terrain.election.ElectionKind;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.ResultsOptions;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import fr.terrain.store.TurfRows;
import fr.terrain.store.Volunteers;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages' JSON names a commune sector as the BAN does (ADR 0032): teams, turfs and the turf-cutting form's sectors
 * carry « Concarneau (29039) » — the BAN fixture of {@code ReuDoorsCliTest} gives nom_commune « Concarneau » —, an
 * arrondissement « 12e », a commune without a BAN address « commune 29046 »; so do the cutting form's and the voter
 * list's refusals and the map's sector dashboard; a new BAN import renames.
 */
class SectorNamesWebTest {
    static final Path FIXTURE = Path.of("src/test/resources/fr/terrain/cli/adresses-29039-essai.csv");

    @TempDir
    Path home;

    Store store;
    Javalin app;
    String director;
    String concarneau;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        store = TestStores.h2(home);
        new Importer(store, Progress.NONE, false).addresses(FIXTURE);
        Volunteers.addTeam(store, "Bel-Air", 12, Instant.now(), "test");
        Volunteers.addTeam(store, "Centre-ville", 29039, Instant.now(), "test");
        Volunteers.addTeam(store, "Port-Rhu", 29046, Instant.now(), "test");
        long plan = TurfRows.plan(store, "Concarneau samedi");
        TurfRows.turf(store, plan, 1, 29039, -3.9138, 47.8729, 60, "logement", List.of());
        store.jdbi().useHandle(h -> h.execute("INSERT INTO station (vintage, code, arrondissement, bureau_number)"
                + " VALUES (2022, '29039-1', 29039, 1), (2022, '12-1', 12, 1)"));
        app = WebApp.create(store).start(0);
        director = TestAccounts.token(store, TestAccounts.user(store, "dir", Role.DIRECTOR));
        concarneau = TestAccounts.token(store, TestAccounts.user(store, "orga29039", Role.ORGANIZER, 29039));
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
    }

    JsonNode get(String token, String path) throws Exception {
        return answer(token, path, null, 200);
    }

    /** The JSON of a GET ({@code json} null) or a POST of {@code json}, which must have this status. */
    JsonNode answer(String token, String path, String json, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (json != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return Json.MAPPER.readTree(r.body());
    }

    Map<String, String> teams(String token) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        get(token, "/api/field/teams").forEach(t -> out.put(t.get("name").asText(), t.get("arrondissement").asInt()
                + " " + t.get("sector_name").asText()));
        return out;
    }

    @Test
    void teamsTurfsAndTheCuttingFormNameTheirCommuneAsTheBanDoes() throws Exception {
        assertThat(teams(director)).containsExactlyInAnyOrderEntriesOf(Map.of("Bel-Air", "12 12e",
                "Centre-ville", "29039 Concarneau (29039)", "Port-Rhu", "29046 commune 29046"));
        assertThat(teams(concarneau)).containsExactly(Map.entry("Centre-ville", "29039 Concarneau (29039)"));
        JsonNode turfs = get(concarneau, "/api/field/turfs");
        assertThat(turfs).hasSize(1);
        assertThat(turfs.get(0).get("arrondissement").asInt()).isEqualTo(29039);
        assertThat(turfs.get(0).get("sector_name").asText()).isEqualTo("Concarneau (29039)");
        long turf = turfs.get(0).get("id").asLong();
        assertThat(get(concarneau, "/api/field/turfs/" + turf).get("sector_name").asText()).isEqualTo("Concarneau (29039)");
        assertThat(get(director, "/api/field/cut-options").get("sector_names").toString())
                .isEqualTo("{\"12\":\"12e\",\"29039\":\"Concarneau (29039)\"}");
        assertThat(get(concarneau, "/api/field/cut-options").get("sector_names").toString())
                .isEqualTo("{\"29039\":\"Concarneau (29039)\"}");
    }

    /** The cutting form's 403 names the caller's sectors as the pages do: « Concarneau (29039) », not its code. */
    @Test
    void theCuttingFormsRefusalNamesTheCommune() throws Exception {
        assertThat(answer(concarneau, "/api/field/cuts", "{\"stations\": [\"12-1\"]}", 403).get("error").asText())
                .isEqualTo("bureau 12-1 hors de vos secteurs (Concarneau (29039))");
        String twelfth = TestAccounts.token(store, TestAccounts.user(store, "orga12", Role.ORGANIZER, 12, 29046));
        assertThat(answer(twelfth, "/api/field/cuts", "{\"stations\": [\"29039-1\"]}", 403).get("error").asText())
                .isEqualTo("bureau 29039-1 hors de vos secteurs (12e, commune 29046)");
        // an organizer given no sector yet: « aucun », as /api/voters says, not an empty pair of brackets
        String none = TestAccounts.token(store, TestAccounts.user(store, "orga-sans-secteur", Role.ORGANIZER));
        assertThat(answer(none, "/api/field/cuts", "{\"stations\": [\"12-1\"]}", 403).get("error").asText())
                .isEqualTo("bureau 12-1 hors de vos secteurs (aucun)");
    }

    /** /api/voters' 403 names both the caller's sectors and those asked outside them as the pages do. */
    @Test
    void theVoterListsRefusalNamesTheCommune() throws Exception {
        assertThat(answer(concarneau, "/api/voters?contest=paris-2026&view=list&arrondissement=12", null, 403)
                .get("error").asText()).isEqualTo("accès refusé : hors de vos secteurs (Concarneau (29039)) : 12e");
        String twelfth = TestAccounts.token(store, TestAccounts.user(store, "orga12", Role.ORGANIZER, 12));
        assertThat(answer(twelfth, "/api/voters?contest=paris-2026&view=list&arrondissement=29039,29046", null, 403)
                .get("error").asText())
                .isEqualTo("accès refusé : hors de vos secteurs (12e) : Concarneau (29039), commune 29046");
    }

    /**
     * The map's sector dashboard names a commune as the team pages do, from the same names: a change made outside an
     * import is seen by neither, a BAN import renames it on both.
     */
    @Test
    void theMapsSectorDashboardNamesTheCommuneAsTheTeamsDo() throws Exception {
        Path results = home.resolve("resultats-concarneau-2022.csv");
        Files.writeString(results, "id_bvote;scrutin;annee;tour;date;num_circ;num_quartier;num_arrond;num_bureau;nb_procu;"
                + "nb_inscr;nb_emarg;nb_votant;nb_blanc;nb_nul;nb_exprim;tete_de_liste;nb_voix\n"
                + "29039-1;Municipales;2022;1;2022-03-15;1;1;29039;1;0;1000;500;500;5;5;490;Mme A;300\n"
                + "29039-1;Municipales;2022;1;2022-03-15;1;1;29039;1;0;1000;500;500;5;5;490;M. B;190\n",
                StandardCharsets.UTF_8);
        new Importer(store, Progress.NONE, false).results(results, new ResultsOptions("concarneau-2022-t1",
                ElectionKind.MUNICIPALES, LocalDate.of(2022, 3, 15), 2022, null, "concarneau"),
                SourceCategory.OFFICIAL_OPEN_DATA);
        String dashboard = "/api/sectors?election=concarneau-2022-t1";
        assertThat(get(director, dashboard).get("rows")).singleElement()
                .satisfies(r -> assertThat(r.get("name").asText()).isEqualTo("Concarneau (29039)"));
        assertThat(teams(director)).containsEntry("Centre-ville", "29039 Concarneau (29039)");
        store.jdbi().useHandle(h -> h.execute("UPDATE commune_name SET name = 'Konk' WHERE insee_code = '29039'"));
        assertThat(teams(director)).containsEntry("Centre-ville", "29039 Concarneau (29039)");
        assertThat(get(director, dashboard).get("rows").get(0).get("name").asText()).as("as the teams, until an import")
                .isEqualTo("Concarneau (29039)");
        importBanNamingConcarneauKonkKerne();
        assertThat(get(director, dashboard).get("rows").get(0).get("name").asText()).isEqualTo("Konk-Kerne (29039)");
        assertThat(teams(director)).containsEntry("Centre-ville", "29039 Konk-Kerne (29039)");
    }

    /** Names are read once per data version: a change made outside an import is not seen, a BAN import is. */
    @Test
    void aNewBanImportRenamesTheCommune() throws Exception {
        assertThat(teams(director)).containsEntry("Centre-ville", "29039 Concarneau (29039)");
        store.jdbi().useHandle(h -> h.execute("UPDATE commune_name SET name = 'Konk' WHERE insee_code = '29039'"));
        assertThat(teams(director)).as("kept until an import").containsEntry("Centre-ville", "29039 Concarneau (29039)");
        importBanNamingConcarneauKonkKerne();
        assertThat(teams(director)).containsEntry("Centre-ville", "29039 Konk-Kerne (29039)");
    }

    /** The BAN fixture imported anew, its nom_commune « Konk-Kerne » (Concarneau's Breton name). */
    private void importBanNamingConcarneauKonkKerne() throws Exception {
        Path renamed = home.resolve("adresses-29039-konk-kerne.csv");
        Files.writeString(renamed, Files.readString(FIXTURE, StandardCharsets.UTF_8).replace(";Concarneau;", ";Konk-Kerne;"),
                StandardCharsets.UTF_8);
        new Importer(store, Progress.NONE, false).addresses(renamed);
    }
}
