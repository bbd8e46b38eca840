package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.RealData;
import fr.terrain.account.Role;
import fr.terrain.election.StationCode;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.ResultsOptions;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.Store;
import fr.terrain.web.map.MapSettings;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The strategic map's API on the real Paris data, over HTTP with API tokens. Expected figures
 * were read by hand in the source files (e.g. station 7-3 in 2020: 1,318 inscrits, 573 votants,
 * 569 exprimés, 309 votes for Rachida Dati's list).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapApiTest {
    @TempDir
    static Path home;

    Store store;
    Javalin app;
    String director;
    String organizerOf7;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void loadParis() {
        store = Store.h2(home);
        Importer importer = new Importer(store, Progress.NONE, false);
        importer.results(RealData.file(RealData.RESULTS_2020), ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA);
        importer.results(RealData.file(RealData.PRES_2012), ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA);
        importer.stations(RealData.file(RealData.STATIONS_2020), null);
        importer.stations(RealData.file(RealData.STATIONS_2012), null);
        importer.arrondissements(RealData.file(RealData.ARRONDISSEMENTS));
        importer.iris(RealData.file(RealData.IRIS_CONTOURS_2013), null);
        importer.iris(RealData.file(RealData.RP2016_POPULATION), null);
        app = WebApp.create(store, new MapSettings(null, null)).start(0);
        AccountRecord d = TestAccounts.user(store, "directrice", Role.DIRECTOR);
        AccountRecord o = TestAccounts.user(store, "orga7", Role.ORGANIZER, 7);
        director = TestAccounts.token(store, d);
        organizerOf7 = TestAccounts.token(store, o);
    }

    @AfterAll
    void stop() {
        app.stop();
        store.close();
    }

    private HttpResponse<byte[]> get(String token, String pathAndQuery, boolean gzip) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + pathAndQuery))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (gzip) {
            b.header("Accept-Encoding", "gzip");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode post(String token, String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " → " + r.body()).isEqualTo(expectedStatus);
        return Json.MAPPER.readTree(r.body());
    }

    private JsonNode json(String token, String pathAndQuery, int expectedStatus) throws Exception {
        HttpResponse<byte[]> r = get(token, pathAndQuery, false);
        assertThat(r.statusCode()).as(pathAndQuery + " → " + new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(expectedStatus);
        return Json.MAPPER.readTree(r.body());
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, JsonNode> byCode(JsonNode features) {
        Map<String, JsonNode> out = new HashMap<>();
        features.forEach(f -> out.put(f.get("id").asText(), f));
        return out;
    }

    @Test
    void theTurnoutMapHasOnePolygonPerStationWithItsFigures() throws Exception {
        JsonNode geo = json(director, "/api/stations.geojson?election=paris-2020-t1&indicator=turnout", 200);

        assertThat(geo.get("features")).hasSize(897);
        JsonNode s = byCode(geo.get("features")).get("7-3");
        assertThat(s.at("/geometry/type").asText()).isIn("Polygon", "MultiPolygon");
        assertThat(s.at("/properties/registered").asDouble()).isEqualTo(1318);
        assertThat(s.at("/properties/value").asDouble()).isCloseTo(100.0 * 573 / 1318, within(0.005));
        assertThat(geo.at("/indicator/unit").asText()).isEqualTo("PERCENT");
        assertThat(geo.at("/indicator/scale/kind").asText()).isEqualTo("SEQUENTIAL");
        assertThat(geo.at("/indicator/withValue").asInt()).isEqualTo(897);
    }

    @Test
    void theMapIsSmallEnoughForTheBrowserOnceGzipped() throws Exception {
        HttpResponse<byte[]> r = get(director, "/api/stations.geojson?election=paris-2020-t1&indicator=turnout", true);
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(r.body().length).isLessThan(400 * 1024);
        byte[] plain = new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes();
        assertThat(Json.MAPPER.readTree(plain).get("features")).hasSize(897);
    }

    @Test
    void datiLeadsEveryStationOfTheSeventhInTwentyTwenty() throws Exception {
        JsonNode election = json(director, "/api/elections", 200).get("elections");
        List<String> seventhLists = new ArrayList<>();
        for (JsonNode e : election) {
            if (e.get("id").asText().equals("paris-2020-t1")) {
                e.get("lists").forEach(l -> {
                    if (l.get("arrondissements").toString().equals("[7]")) {
                        seventhLists.add(l.get("label").asText());
                    }
                });
            }
        }
        assertThat(seventhLists).contains("Mme DATI Rachida").hasSizeGreaterThan(5);
        Map<String, Map<String, Double>> shareByList = new HashMap<>();
        for (String list : seventhLists) {
            JsonNode f = json(director, "/api/figures?election=paris-2020-t1&indicator=list-share&arrondissement=7&list="
                    + q(list), 200);
            Map<String, Double> shares = new HashMap<>();
            f.get("values").fields().forEachRemaining(e -> shares.put(e.getKey(), e.getValue().asDouble()));
            shareByList.put(list, shares);
        }
        Map<String, Double> dati = shareByList.get("Mme DATI Rachida");
        assertThat(dati).hasSize(25).containsEntry("7-3", 54.31);
        for (var station : dati.entrySet()) {
            for (String other : seventhLists) {
                if (!other.equals("Mme DATI Rachida")) {
                    assertThat(station.getValue()).as(station.getKey() + " vs " + other)
                            .isGreaterThan(shareByList.get(other).getOrDefault(station.getKey(), 0.0));
                }
            }
        }
    }

    @Test
    void parisCentreCanBeChosenAsOneSectorFromTwentyTwenty() throws Exception {
        JsonNode elections = json(director, "/api/elections", 200).get("elections");
        for (JsonNode e : elections) {
            String sectors = e.get("sectors").toString();
            if (e.get("id").asText().equals("paris-2020-t1")) {
                assertThat(sectors).contains("[1,2,3,4]");
            } else {
                assertThat(sectors).isEqualTo("[]"); // 2012: one sector per arrondissement
            }
        }
        JsonNode centre = json(director, "/api/sectors?election=paris-2020-t1&arrondissement=1,2,3,4", 200);
        assertThat(centre.get("rows")).hasSize(4);
    }

    @Test
    void aBlocAddsTheSharesOfItsLists() throws Exception {
        String base = "/api/figures?election=paris-2020-t1&indicator=list-share&arrondissement=7";
        JsonNode dati = json(director, base + "&list=" + q("Mme DATI Rachida"), 200);
        JsonNode missoffe = json(director, base + "&list=" + q("M. MISSOFFE Alexandre"), 200);
        JsonNode bloc = json(director, base + "&list=" + q("Mme DATI Rachida") + "&list=" + q("M. MISSOFFE Alexandre"), 200);
        // 7-3: (309 + 119) / 569.
        assertThat(bloc.at("/values/7-3").asDouble()).isCloseTo(100.0 * (309 + 119) / 569, within(0.005));
        assertThat(bloc.at("/values/7-1").asDouble()).isCloseTo(
                dati.at("/values/7-1").asDouble() + missoffe.at("/values/7-1").asDouble(), within(0.011));
    }

    @Test
    void anotherElectionOnOtherBoundariesIsCarriedOntoTheStationsShown() throws Exception {
        JsonNode diff = json(director, "/api/figures?election=paris-2020-t1&indicator=turnout&compare=paris-pres-2012-t1",
                200);
        assertThat(diff.at("/indicator/unit").asText()).isEqualTo("POINTS");
        assertThat(diff.at("/indicator/scale/kind").asText()).isEqualTo("DIVERGING");
        assertThat(diff.at("/indicator/withValue").asInt()).isGreaterThan(880);
        // Turnout fell everywhere between a presidential election and the first Covid-19 round.
        diff.get("values").forEach(v -> assertThat(v.asDouble()).isNegative());
    }

    @Test
    void censusFiguresAreCarriedOntoStationsAndKeepTheCityTotal() throws Exception {
        JsonNode indicators = json(director, "/api/indicators?election=paris-2020-t1", 200);
        assertThat(indicators.get("profileMethod").asText()).isEqualTo("area");
        List<String> ids = new ArrayList<>();
        indicators.get("indicators").forEach(i -> ids.add(i.get("id").asText()));
        assertThat(ids).contains("iris:P16_POP75P", "iris:PART_P16_POP75P");

        JsonNode old = json(director, "/api/sectors?election=paris-2020-t1&indicator=iris:P16_POP75P", 200);
        double sum = 0;
        for (JsonNode row : old.get("rows")) {
            sum += row.get("value").asDouble();
        }
        // The 75+ of the RP2016 table (sum of its P16_POP75P column over Paris IRIS), to 0.1 %.
        assertThat(sum).isCloseTo(RealData.columnSum(RealData.RP2016_POPULATION, "P16_POP75P"), within(sum * 0.001));
    }

    @Test
    void theSectorDashboardSumsCountsBeforeComputingRates() throws Exception {
        JsonNode sectors = json(director, "/api/sectors?election=paris-2020-t1&indicator=turnout", 200);
        assertThat(sectors.get("rows")).hasSize(20);
        JsonNode seventh = sectors.get("rows").get(6);
        assertThat(seventh.get("arrondissement").asInt()).isEqualTo(7);
        assertThat(seventh.get("value").asDouble())
                .isCloseTo(100 * seventh.get("voters").asDouble() / seventh.get("registered").asDouble(), within(0.005));
        assertThat(seventh.at("/lists/0/label").asText()).isEqualTo("Mme DATI Rachida");
        List<Integer> ranks = new ArrayList<>();
        sectors.get("rows").forEach(r -> ranks.add(r.get("rank").asInt()));
        assertThat(ranks).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
    }

    @Test
    void theStationPanelHasItsResultTableHistoryAndProfile() throws Exception {
        JsonNode s = json(director, "/api/stations/7-3?election=paris-2020-t1", 200);
        assertThat(s.at("/counts/registered").asInt()).isEqualTo(1318);
        assertThat(s.at("/counts/expressed").asInt()).isEqualTo(569);
        assertThat(s.at("/lists/0/label").asText()).isEqualTo("Mme DATI Rachida");
        assertThat(s.at("/lists/0/votes").asInt()).isEqualTo(309);
        assertThat(s.get("history")).hasSize(3); // 2012 both rounds, 2020
        assertThat(s.get("profile").size()).isGreaterThan(10);
    }

    @Test
    void theTableExportsAsFrenchCsv() throws Exception {
        HttpResponse<byte[]> r = get(director, "/api/table.csv?election=paris-2020-t1&indicator=turnout&arrondissement=7",
                false);
        assertThat(r.statusCode()).isEqualTo(200);
        String csv = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFbureau;arrondissement;");
        assertThat(csv.lines()).hasSize(26);
        // the turnout once, in its own column (the map's indicator, the same turnout, came again after it)
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("\uFEFFbureau;arrondissement;lieu de vote;inscrits;"
                + "votants;participation (%);abstentionnistes;exprimés");
        assertThat(csv).contains("7-3;7;;1318;573;43,47;745;569\r\n");
        String registered = new String(get(director, "/api/table.csv?election=paris-2020-t1&indicator=registered"
                + "&arrondissement=7", false).body(), StandardCharsets.UTF_8);
        assertThat(registered.lines().findFirst().orElseThrow()).endsWith(";abstentionnistes;exprimés");
        // another indicator comes after the counts: Dati's share of the exprimés in 7-3
        String share = new String(get(director, "/api/table.csv?election=paris-2020-t1&indicator=list-share&arrondissement=7"
                + "&list=" + q("Mme DATI Rachida"), false).body(), StandardCharsets.UTF_8);
        assertThat(share.lines().findFirst().orElseThrow()).endsWith(";exprimés;Part de Mme DATI Rachida");
        assertThat(share).containsPattern("\n7-3;7;;1318;573;43,47;745;569;\\d+,\\d+\r\n");
    }

    @Test
    void theMapPageRunsOnlyScriptsServedByTerrain() throws Exception {
        HttpResponse<byte[]> page = get(director, "/carte", false);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).doesNotContain("<script>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-eval"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void geoJsonIsUtf8SoAccentedNamesArriveIntact() throws Exception {
        HttpResponse<byte[]> r = get(director, "/api/stations.geojson?election=paris-2020-t1&indicator=list-share&list="
                + q("Mme RÉMY-LELEU Raphaëlle"), false);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("charset=utf-8"));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"label\":\"Part de Mme RÉMY-LELEU Raphaëlle\"");
    }

    @Test
    void aBlocTaggedInTheAppDrivesThePlanAndItsMapLayers() throws Exception {
        String bloc = java.nio.file.Files.readString(Path.of("docs/examples/bloc-gauche-paris-2020.json"));
        assertThat(post(director, "/api/blocs", bloc, 201).get("name").asText()).isEqualTo("gauche");
        assertThat(json(director, "/api/blocs", 200).at("/blocs/0/updatedBy").asText()).isEqualTo("directrice");

        JsonNode plan = json(director, "/api/plan?election=paris-2020-t1&bloc=gauche&hours=1500", 200);
        assertThat(plan.get("stations")).hasSize(897);
        double hours = 0;
        for (JsonNode station : plan.get("stations")) {
            hours += station.get("hours").asDouble();
            double sympathetic = station.at("/sympathetic_abstainers/value").asDouble();
            assertThat(sympathetic).isBetween(0.0, station.at("/abstainers/value").asDouble());
        }
        assertThat(hours).isCloseTo(1500, within(0.01));

        JsonNode layer = json(director, "/api/figures?election=paris-2020-t1&indicator=plan:hours&bloc=gauche&hours=1500", 200);
        double mapped = 0;
        for (JsonNode v : layer.get("values")) {
            mapped += v.asDouble();
        }
        assertThat(mapped).isCloseTo(1500, within(1.0)); // figures are rounded to 0.01 h per station
        JsonNode topics = json(director, "/api/figures?election=paris-2020-t1&indicator=plan:topic&bloc=gauche", 200);
        assertThat(topics.at("/indicator/scale/kind").asText()).isEqualTo("CATEGORICAL");
        assertThat(topics.at("/indicator/scale/labels").toString()).contains("logement");

        // the same plan for a French spreadsheet: the page's order, French numbers, what each user may see
        for (String user : List.of(director, organizerOf7)) {
            JsonNode stations = json(user, "/api/plan?election=paris-2020-t1&bloc=gauche&hours=1500", 200).get("stations");
            HttpResponse<byte[]> r = get(user, "/api/plan.csv?election=paris-2020-t1&bloc=gauche&hours=1500", false);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Disposition")).hasValue(
                    "attachment; filename=\"plan-paris-2020-t1-gauche.csv\"");
            String csv = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(csv).startsWith("\uFEFFbureau;secteur;inscrits;");
            List<String> lines = csv.lines().skip(1).toList();
            assertThat(lines).hasSize(stations.size());
            for (int i = 0; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(";", -1);
                JsonNode row = stations.get(i);
                assertThat(cells[0]).isEqualTo(row.get("station").asText());
                assertThat(Double.parseDouble(cells[11].replace(',', '.'))).isCloseTo(row.get("hours").asDouble(), within(0.001));
                assertThat(Double.parseDouble(cells[3].replace(',', '.')))
                        .isCloseTo(100 * row.at("/turnout/value").asDouble(), within(0.011));
            }
            if (user.equals(organizerOf7)) {
                assertThat(lines).isNotEmpty().allMatch(l -> l.startsWith("7-"), "the 7th's stations only");
            }
        }
        // what of the campaign's plan falls in the organizer's sectors: the sums of their stations' rows (the
        // direction's answer has no such part: the whole plan is theirs)
        JsonNode of7 = json(organizerOf7, "/api/plan?election=paris-2020-t1&bloc=gauche&hours=1500", 200);
        double hoursOf7 = 0;
        double gainOf7 = 0;
        for (JsonNode row : of7.get("stations")) {
            hoursOf7 += row.get("hours").asDouble();
            gainOf7 += row.get("expected_gain").asDouble();
        }
        assertThat(of7.at("/yourSectors/stations").asInt()).isEqualTo(of7.get("stations").size());
        assertThat(of7.at("/yourSectors/hours").asDouble()).isCloseTo(hoursOf7, within(0.1));
        assertThat(of7.at("/yourSectors/expectedGain").asDouble()).isCloseTo(gainOf7, within(0.1));
        assertThat(of7.at("/yourSectors/hours").asDouble()).isLessThan(of7.get("hoursAllocated").asDouble());
        assertThat(json(director, "/api/plan?election=paris-2020-t1&bloc=gauche&hours=1500", 200).has("yourSectors"))
                .isFalse();
    }

    @Test
    void aBlocMustNameListsOfLoadedElections() throws Exception {
        assertThat(post(director, "/api/blocs", "{\"name\": \"x\", \"ours\": {\"paris-2020-t1\": [\"M. PERSONNE\"]}}", 400)
                .get("error").asText()).contains("M. PERSONNE");
        assertThat(post(director, "/api/blocs", "{\"name\": \"x\", \"ours\": {\"paris-1871-t1\": [\"A\"]}}", 400)
                .get("error").asText()).contains("paris-1871-t1");
        assertThat(post(director, "/api/blocs", "{\"name\": \"x\", \"ours\": ", 400).get("error").asText())
                .contains("JSON");
        assertThat(post(director, "/api/blocs", "{\"ours\": {}}", 400).get("error").asText()).contains("name");
        assertThat(json(director, "/api/figures?election=paris-2020-t1&indicator=plan:score", 400).get("error").asText())
                .contains("bloc");
        assertThat(json(director, "/api/figures?election=paris-2020-t1&indicator=plan:score&bloc=inconnu", 400)
                .get("error").asText()).contains("inconnu");
    }

    @Test
    void wrongParametersAreRefusedWithA400NamingThem() throws Exception {
        assertThat(json(director, "/api/stations.geojson?election=paris-2099-t1", 400).get("error").asText())
                .contains("election").contains("paris-2099-t1").contains("paris-2020-t1");
        assertThat(json(director, "/api/figures?election=paris-2020-t1&indicator=bonheur", 400).get("error").asText())
                .contains("indicator").contains("bonheur").contains("turnout");
        assertThat(json(director, "/api/figures?election=paris-2020-t1&indicator=list-share", 400).get("error").asText())
                .contains("list");
        assertThat(json(director, "/api/figures?election=paris-2020-t1&indicator=list-share&list=Personne", 400)
                .get("error").asText()).contains("Personne");
        assertThat(json(director, "/api/figures?election=paris-2020-t1&arrondissement=septième", 400)
                .get("error").asText()).contains("arrondissement");
        assertThat(json(director, "/api/figures?election=paris-2020-t1&compare=nope", 400).get("error").asText())
                .contains("compare");
        assertThat(json(director, "/api/stations/zz?election=paris-2020-t1", 400).get("error").asText()).contains("code");
        assertThat(json(director, "/api/figures", 400).get("error").asText()).contains("election");
    }

    @Test
    void anOrganizerSeesOnlyTheirSectors() throws Exception {
        JsonNode geo = json(organizerOf7, "/api/stations.geojson?election=paris-2020-t1", 200);
        assertThat(geo.get("features")).hasSize(25);
        geo.get("features").forEach(f -> assertThat(f.at("/properties/arrondissement").asInt()).isEqualTo(7));
        assertThat(json(organizerOf7, "/api/figures?election=paris-2020-t1&arrondissement=15", 403).get("error").asText())
                .isEqualTo("arrondissement : ce secteur (15e arrondissement) ne vous est pas attribué");
        json(organizerOf7, "/api/stations/15-49?election=paris-2020-t1", 403);
        assertThat(json(organizerOf7, "/api/sectors?election=paris-2020-t1", 200).get("rows")).hasSize(1);
    }

    /** A commune's organizer (ADR 0032) may filter on their commune and sees nothing of Paris's arrondissements. */
    @Test
    void anOrganizerOfACommuneSeesNoneOfParis() throws Exception {
        String concarneau = TestAccounts.token(store, TestAccounts.user(store, "orga29039", Role.ORGANIZER, 29039));
        assertThat(json(concarneau, "/api/stations.geojson?election=paris-2020-t1", 200).get("features")).isEmpty();
        assertThat(json(concarneau, "/api/stations.geojson?election=paris-2020-t1&arrondissement=29039", 200)
                .get("features")).isEmpty();
        json(concarneau, "/api/figures?election=paris-2020-t1&arrondissement=7", 403);
        json(concarneau, "/api/stations/7-1?election=paris-2020-t1", 403);
        assertThat(json(concarneau, "/api/sectors?election=paris-2020-t1", 200).get("rows")).isEmpty();
        // the director's filter takes a commune (no station of it in this round) and refuses what is no sector
        assertThat(json(director, "/api/figures?election=paris-2020-t1&arrondissement=29039", 200).toString())
                .doesNotContain("\"7-1\"");
        // as the command line says it: what to write instead (ADR 0032)
        assertThat(json(director, "/api/figures?election=paris-2020-t1&arrondissement=75107", 400).get("error").asText())
                .isEqualTo("arrondissement : « 75107 » est Paris 7e : écrivez 7");
        assertThat(json(director, "/api/figures?election=paris-2020-t1&arrondissement=7,100", 400).get("error").asText())
                .isEqualTo("arrondissement : « 100 » n'est ni un arrondissement (1 à 99) ni le code INSEE d'une commune"
                        + " (29039, Corse 2A004)");
        // Corsica as INSEE writes it: 2A004 is the sector 20004, another organizer's
        assertThat(json(director, "/api/figures?election=paris-2020-t1&arrondissement=2A004", 200).toString())
                .doesNotContain("\"7-1\"");
        assertThat(json(concarneau, "/api/figures?election=paris-2020-t1&arrondissement=2a004", 403).get("error").asText())
                .isEqualTo("arrondissement : ce secteur (commune 20004) ne vous est pas attribué");
        // once the BAN names the commune, the refusal names it as the other pages do: « Ajaccio (2A004) »
        Path ajaccio = home.resolve("adresses-2A004-essai.csv");
        java.nio.file.Files.writeString(ajaccio, "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;"
                + "code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;"
                + "libelle_acheminement;nom_afnor;source_position;source_nom_voie;certification_commune\n"
                + "2A004_0001_00001;2A004_0001;1;;Cours Napoléon;20000;2A004;Ajaccio;;;;;8.7369;41.9192;entrée;;;AJACCIO;"
                + "COURS NAPOLEON;commune;commune;1\n", StandardCharsets.UTF_8);
        // order-safe: no other test here reads addresses or names a commune; a new data version only rebuilds caches
        new Importer(store, Progress.NONE, false).addresses(ajaccio);
        assertThat(json(concarneau, "/api/figures?election=paris-2020-t1&arrondissement=2A004", 403).get("error").asText())
                .isEqualTo("arrondissement : ce secteur (Ajaccio (2A004)) ne vous est pas attribué");
    }

    @Test
    void canvassedDoorsColourTheCoverageLayerAndShrinkTheStationsReservoir() throws Exception {
        String bloc = java.nio.file.Files.readString(Path.of("docs/examples/bloc-gauche-paris-2020.json"));
        post(director, "/api/blocs", bloc, 201);
        String planQuery = "/api/plan?election=paris-2020-t1&bloc=gauche&hours=1500";
        JsonNode before = json(director, planQuery, 200).get("stations").get(0); // the most hours
        String code = before.get("station").asText();
        fr.terrain.election.StationCode station = fr.terrain.election.StationCode.parse(code);
        // 300 doors of that station saved as a turf, and an outcome at each
        List<fr.terrain.field.Door> doors = new java.util.ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            doors.add(fr.terrain.store.FieldFixtures.door("D" + i, "Rue du test", i, station, 1));
        }
        var saved = fr.terrain.store.FieldStore.savePlan(store, "couverture", "paris-2026", "test", "test",
                List.of(new fr.terrain.field.Turf(1, List.of(station), doors, 300, 1000, 400,
                        new fr.terrain.field.Start("départ", 2.35, 48.85))), Map.of());
        long me = fr.terrain.store.FieldStore.userId(store, "directrice").orElseThrow();
        List<fr.terrain.field.OutcomeReport> outcomes = new java.util.ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            outcomes.add(fr.terrain.store.FieldFixtures.outcome("cov-" + i, saved.turfIds().get(0), "D" + i,
                    fr.terrain.field.DoorOutcome.ABSENT));
        }
        fr.terrain.store.FieldStore.record(store, new fr.terrain.field.TurfScope.All(), me, "directrice", outcomes,
                java.time.Instant.now());
        try {
            JsonNode layer = json(director, "/api/figures?election=paris-2020-t1&indicator=field:coverage", 200);
            assertThat(layer.get("values").get(code).asDouble()).isEqualTo(100.0); // 300 of its 300 saved doors
            assertThat(layer.get("values").size()).isEqualTo(1); // no turf saved elsewhere: no figure
            assertThat(json(director, "/api/indicators?election=paris-2020-t1", 200).get("indicators").toString())
                    .contains("{\"id\":\"field:coverage\",\"label\":\"Couverture du porte-à-porte");
            double after = 0;
            for (JsonNode s : json(director, planQuery, 200).get("stations")) {
                if (s.get("station").asText().equals(code)) {
                    after = s.get("hours").asDouble();
                }
            }
            // 300 of its doors are done (registered / 1 per door): fewer hours go there now
            assertThat(after).isLessThan(before.get("hours").asDouble());
        } finally {
            forget(saved);
        }
    }

    @Test
    void theCoverageLayersClassesSeparateAStationJustStartedFromAStationDone() throws Exception {
        // two stations with saved turfs: one canvassed from end to end, the other just started (1 door of 120)
        StationCode done = StationCode.parse("7-3");
        StationCode started = StationCode.parse("7-4");
        List<fr.terrain.field.Door> doorsDone = new java.util.ArrayList<>();
        List<fr.terrain.field.Door> doorsStarted = new java.util.ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            doorsDone.add(fr.terrain.store.FieldFixtures.door("F" + i, "Rue faite", i, done, 1));
            doorsStarted.add(fr.terrain.store.FieldFixtures.door("S" + i, "Rue commencée", i, started, 1));
        }
        var start = new fr.terrain.field.Start("départ", 2.35, 48.85);
        var saved = fr.terrain.store.FieldStore.savePlan(store, "couches", "paris-2026", "test", "test", List.of(
                new fr.terrain.field.Turf(1, List.of(done), doorsDone, 120, 1000, 150, start),
                new fr.terrain.field.Turf(2, List.of(started), doorsStarted, 120, 1000, 150, start)), Map.of());
        long me = fr.terrain.store.FieldStore.userId(store, "directrice").orElseThrow();
        List<fr.terrain.field.OutcomeReport> outcomes = new java.util.ArrayList<>();
        for (fr.terrain.field.Door d : doorsDone) {
            outcomes.add(fr.terrain.store.FieldFixtures.outcome("c-" + d.id(), saved.turfIds().get(0), d.id(),
                    fr.terrain.field.DoorOutcome.ABSENT));
        }
        outcomes.add(fr.terrain.store.FieldFixtures.outcome("c-S1", saved.turfIds().get(1), "S1",
                fr.terrain.field.DoorOutcome.ABSENT));
        fr.terrain.store.FieldStore.record(store, new fr.terrain.field.TurfScope.All(), me, "directrice", outcomes,
                java.time.Instant.now());
        try {
            JsonNode layer = json(director, "/api/figures?election=paris-2020-t1&indicator=field:coverage"
                    + "&arrondissement=7", 200);
            assertThat(layer.get("values").get("7-3").asDouble()).isEqualTo(100.0);
            assertThat(layer.get("values").get("7-4").asDouble()).isCloseTo(100.0 / 120, within(0.01));
            JsonNode breaks = layer.at("/indicator/scale/breaks");
            int classOfDone = 0;
            int classOfStarted = 0;
            for (JsonNode b : breaks) {
                classOfDone += 100.0 > b.asDouble() ? 1 : 0;
                classOfStarted += 100.0 / 120 > b.asDouble() ? 1 : 0;
            }
            // a map of two stations: 0.8 % and 100 % must not be drawn alike
            assertThat(classOfStarted).as("breaks %s", breaks).isLessThan(classOfDone);
            assertThat(classOfDone).as("a station done is in the top class, breaks %s", breaks).isEqualTo(breaks.size());
            assertThat(classOfStarted).as("a station just started is in a low class, breaks %s", breaks)
                    .isLessThanOrEqualTo(1);
        } finally {
            forget(saved);
        }
    }

    @Test
    void aStationWhoseEveryDoorIsKnockedGetsNoMoreHours() throws Exception {
        post(director, "/api/blocs", java.nio.file.Files.readString(Path.of("docs/examples/bloc-gauche-paris-2020.json")), 201);
        String planQuery = "/api/plan?election=paris-2020-t1&bloc=gauche&hours=1500";
        JsonNode before = json(director, planQuery, 200).get("stations").get(0); // the most hours
        String code = before.get("station").asText();
        fr.terrain.election.StationCode station = fr.terrain.election.StationCode.parse(code);
        int registered = before.get("registered").asInt();
        assertThat(before.get("hours").asDouble()).isPositive();
        // every registered voter of the station behind a door, three at a door as in a Paris building (the demo city
        // has 2.8 voters a door), and an outcome at every door: the whole station canvassed
        List<fr.terrain.field.Door> doors = new java.util.ArrayList<>();
        for (int i = 0, left = registered; left > 0; i++, left -= 3) {
            doors.add(fr.terrain.store.FieldFixtures.door("T" + i, "Rue du test", i + 1, station, Math.min(3, left)));
        }
        var saved = fr.terrain.store.FieldStore.savePlan(store, "tout le bureau", "paris-2026", "test", "test",
                List.of(new fr.terrain.field.Turf(1, List.of(station), doors, registered, 1000, 400,
                        new fr.terrain.field.Start("départ", 2.35, 48.85))), Map.of());
        long me = fr.terrain.store.FieldStore.userId(store, "directrice").orElseThrow();
        List<fr.terrain.field.OutcomeReport> outcomes = new java.util.ArrayList<>();
        for (fr.terrain.field.Door d : doors) {
            outcomes.add(fr.terrain.store.FieldFixtures.outcome("all-" + d.id(), saved.turfIds().get(0), d.id(),
                    fr.terrain.field.DoorOutcome.ABSENT));
        }
        fr.terrain.store.FieldStore.record(store, new fr.terrain.field.TurfScope.All(), me, "directrice", outcomes,
                java.time.Instant.now());
        try {
            double after = -1;
            for (JsonNode s : json(director, planQuery, 200).get("stations")) {
                if (s.get("station").asText().equals(code)) {
                    after = s.get("hours").asDouble();
                }
            }
            // nobody is left to meet there: the reservoir is empty, whatever the number of voters behind each door
            assertThat(after).as("hours for " + code + ", every one of its " + registered + " voters' doors knocked")
                    .isZero();
        } finally {
            forget(saved);
        }
    }

    /** Deletes a plan a test saved, with its outcomes: the class's other tests see no field progress of that test. */
    private void forget(fr.terrain.store.FieldStore.SavedPlan saved) {
        store.jdbi().useHandle(h -> {
            h.createUpdate("DELETE FROM door_outcome WHERE turf_id IN (<t>)").bindList("t", saved.turfIds()).execute();
            h.createUpdate("DELETE FROM turf_plan WHERE id = :p").bind("p", saved.id()).execute();
        });
    }
}
