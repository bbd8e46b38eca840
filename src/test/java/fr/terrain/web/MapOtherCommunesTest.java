package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.RealData;
import fr.terrain.account.Role;
import fr.terrain.election.ElectionKind;
import fr.terrain.geo.GeoJsonGeometry;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.ResultsOptions;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.Store;
import fr.terrain.web.map.MapSettings;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * Paris's 2020 contours and INSEE's REU sample (3 communes of Finistère, 31 bureaux: ReuImportTest) imported as the
 * same vintage, with Paris's 2020 results: a Paris round's map, table and dashboard hold Paris's 897 stations (the
 * official count of the 2020 file) and nothing of Finistère; a round of Concarneau (results written here for its 17
 * bureaux) shows its own stations, said approximate. The envelopes are read from the real files with JTS, not from the
 * map's code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapOtherCommunesTest {
    static final String REU = "reu-adresses-bv-sample/reu_adresses_bv_sample_finistere.csv";

    @TempDir
    static Path home;

    Store store;
    Javalin app;
    String director;
    String organizerOf7;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void load() throws Exception {
        store = Store.h2(home.resolve("base"));
        Importer importer = new Importer(store, Progress.NONE, false);
        importer.results(RealData.file(RealData.RESULTS_2020), ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA);
        importer.stations(RealData.file(RealData.STATIONS_2020), null);
        importer.arrondissements(RealData.file(RealData.ARRONDISSEMENTS));
        importer.reu(RealData.file(REU), 2020);
        importer.results(concarneauResults(), new ResultsOptions("concarneau-2020-t1", ElectionKind.MUNICIPALES,
                LocalDate.of(2020, 3, 15), 2020, null, "concarneau"), SourceCategory.OFFICIAL_OPEN_DATA);
        director = TestAccounts.token(store, TestAccounts.user(store, "directrice", Role.DIRECTOR));
        organizerOf7 = TestAccounts.token(store, TestAccounts.user(store, "orga7", Role.ORGANIZER, 7));
        app = WebApp.create(store, new MapSettings(null, null)).start(0);
    }

    /** Made-up results for Concarneau's 17 bureaux in the Ville de Paris layout: 1,000 inscrits, 500 votants each. */
    private Path concarneauResults() throws Exception {
        List<String> lines = new ArrayList<>(List.of("id_bvote;scrutin;annee;tour;date;num_circ;num_quartier;num_arrond;"
                + "num_bureau;nb_procu;nb_inscr;nb_emarg;nb_votant;nb_blanc;nb_nul;nb_exprim;tete_de_liste;nb_voix"));
        for (int bureau = 1; bureau <= 17; bureau++) {
            for (String[] list : new String[][] {{"Mme A", "300"}, {"M. B", "190"}}) {
                lines.add("29039-" + bureau + ";Municipales;2020;1;2020-03-15;1;1;29039;" + bureau
                        + ";0;1000;500;500;5;5;490;" + list[0] + ";" + list[1]);
            }
        }
        return Files.write(home.resolve("resultats-concarneau-2020.csv"), lines, StandardCharsets.UTF_8);
    }

    @AfterAll
    void stop() {
        app.stop();
        store.close();
    }

    private HttpResponse<String> get(String token, String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + pathAndQuery))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String token, String pathAndQuery, int expectedStatus) throws Exception {
        HttpResponse<String> r = get(token, pathAndQuery);
        assertThat(r.statusCode()).as(pathAndQuery + " → " + r.body()).isEqualTo(expectedStatus);
        return Json.MAPPER.readTree(r.body());
    }

    private static TreeSet<String> codes(JsonNode features) {
        TreeSet<String> out = new TreeSet<>();
        features.forEach(f -> out.add(f.get("id").asText()));
        return out;
    }

    /** The envelope of every coordinate of the features, read with JTS from the answer. */
    private static Envelope envelope(JsonNode features) {
        Envelope e = new Envelope();
        features.forEach(f -> e.expandToInclude(GeoJsonGeometry.parse(f.get("geometry").toString()).getEnvelopeInternal()));
        return e;
    }

    private static Envelope of(String realFile) throws Exception {
        JsonNode fc = Json.MAPPER.readTree(Files.readString(RealData.file(realFile)));
        Envelope e = new Envelope();
        fc.get("features").forEach(f -> {
            Geometry g = GeoJsonGeometry.parse(f.get("geometry").toString());
            e.expandToInclude(g.getEnvelopeInternal());
        });
        return e;
    }

    @Test
    void aParisRoundsMapHoldsParisOnlyWhateverElseItsVintageHolds() throws Exception {
        JsonNode geo = json(director, "/api/stations.geojson?election=paris-2020-t1&indicator=turnout", 200);
        assertThat(geo.at("/indicator/vintage").asInt()).isEqualTo(2020);
        assertThat(geo.get("features").size()).isEqualTo(897);
        assertThat(geo.at("/indicator/stations").asInt()).isEqualTo(897);
        assertThat(codes(geo.get("features"))).noneMatch(c -> c.startsWith("29"));
        // the map's extent is that of Paris's contours (simplified, so within 10 m), not Brittany's
        Envelope paris = of(RealData.STATIONS_2020);
        paris.expandBy(1e-4);
        assertThat(paris.contains(envelope(geo.get("features")))).as(envelope(geo.get("features")).toString()).isTrue();
        assertThat(geo.at("/indicator/approximateContours").asInt()).isZero();
        assertThat(geo.at("/indicator/contourNote").isMissingNode() || geo.at("/indicator/contourNote").isNull()).isTrue();

        assertThat(json(director, "/api/figures?election=paris-2020-t1&indicator=turnout", 200).get("values").size())
                .isEqualTo(897);
        JsonNode table = json(director, "/api/table?election=paris-2020-t1&indicator=turnout", 200).get("rows");
        assertThat(table.size()).isEqualTo(897);
        table.forEach(r -> assertThat(r.get("arrondissement").asInt()).isBetween(1, 20));
        String csv = get(director, "/api/table.csv?election=paris-2020-t1&indicator=turnout").body();
        assertThat(csv.lines().count()).isEqualTo(1 + 897);
        assertThat(csv).doesNotContain("29039-");
        JsonNode sectors = json(director, "/api/sectors?election=paris-2020-t1", 200).get("rows");
        assertThat(sectors).hasSize(20);
        int stations = 0;
        for (JsonNode r : sectors) {
            stations += r.get("stations").asInt();
        }
        assertThat(stations).isEqualTo(897);
        json(director, "/api/stations/29039-1?election=paris-2020-t1", 404);
    }

    @Test
    void aReuCommunesOwnRoundShowsItsStationsSaidApproximate() throws Exception {
        JsonNode elections = json(director, "/api/elections", 200).get("elections");
        List<String> withMap = new ArrayList<>();
        elections.forEach(e -> withMap.add(e.get("id").asText() + ":" + e.get("vintage").asInt() + ":"
                + e.get("map").asBoolean()));
        assertThat(withMap).containsExactlyInAnyOrder("paris-2020-t1:2020:true", "concarneau-2020-t1:2020:true");

        JsonNode geo = json(director, "/api/stations.geojson?election=concarneau-2020-t1&indicator=turnout", 200);
        TreeSet<String> expected = new TreeSet<>();
        for (int bureau = 1; bureau <= 17; bureau++) {
            expected.add("29039-" + bureau);
        }
        assertThat(codes(geo.get("features"))).isEqualTo(expected);
        geo.get("features").forEach(f -> {
            assertThat(f.at("/properties/approximate").asBoolean()).as(f.get("id").asText()).isTrue();
            assertThat(f.at("/properties/value").asDouble()).isEqualTo(50.0);
        });
        Envelope map = envelope(geo.get("features"));
        assertThat(map.getMaxX()).as("Concarneau lies west of 3.8° W").isLessThan(-3.8);
        assertThat(geo.at("/indicator/approximateContours").asInt()).isEqualTo(17);
        assertThat(geo.at("/indicator/contourNote").asText())
                .isEqualTo("17 contours sur 17 sont approximatifs : tracés par Terrain d'après les adresses des électeurs"
                        + " (répertoire électoral unique de l'INSEE), non publiés par la commune.");
        assertThat(json(director, "/api/figures?election=concarneau-2020-t1&indicator=turnout", 200)
                .at("/indicator/contourNote").asText()).startsWith("17 contours sur 17 sont approximatifs");
        assertThat(json(director, "/api/table?election=concarneau-2020-t1&indicator=turnout", 200).get("rows").size())
                .isEqualTo(17);
        assertThat(json(director, "/api/stations/29039-1?election=concarneau-2020-t1", 200).get("approximate")
                .asBoolean()).isTrue();
        assertThat(json(director, "/api/stations/7-3?election=paris-2020-t1", 200).get("approximate").asBoolean())
                .isFalse();
    }

    /**
     * The campaign tracking page's communes: one feature per commune with contours (Finistère's three, none for Paris's
     * arrondissements, which have their own), numbered as the sectors are, covering each of its stations. The stations
     * are read from the store and united here with JTS: a commune's area is the sum of its stations' (drawn from the REU
     * addresses, they do not overlap), and each station's inner point lies in its commune.
     */
    @Test
    void eachCommuneWithStationsIsOneFeatureCoveringThem() throws Exception {
        JsonNode features = json(director, "/api/communes.geojson", 200).get("features");
        java.util.Map<Integer, Geometry> drawn = new java.util.TreeMap<>();
        features.forEach(f -> drawn.put(f.at("/properties/arrondissement").asInt(),
                GeoJsonGeometry.parse(f.get("geometry").toString())));
        assertThat(drawn.keySet()).containsExactly(29039, 29046, 29116);
        assertThat(features).hasSize(3);
        features.forEach(f -> assertThat(f.at("/properties/name").asText())
                .isEqualTo("commune " + f.at("/properties/arrondissement").asInt()));
        java.util.Map<Integer, Double> areas = new java.util.TreeMap<>();
        for (fr.terrain.election.PollingStation st : fr.terrain.store.Geography.stations(store, 2020)) {
            int commune = st.code().area();
            if (commune <= 20) {
                continue;
            }
            assertThat(drawn.get(commune).buffer(1e-4).contains(st.contour().getInteriorPoint()))
                    .as(st.code().toString()).isTrue();
            areas.merge(commune, st.contour().getArea(), Double::sum);
        }
        assertThat(areas.keySet()).isEqualTo(drawn.keySet());
        areas.forEach((commune, area) -> assertThat(drawn.get(commune).getArea()).as("commune " + commune)
                .isCloseTo(area, org.assertj.core.data.Percentage.withPercentage(1)));
    }

    /**
     * The tracking page asks only for its report's communes ({@code sectors}, as the report's keys give them): each
     * asked commune's feature is the one the whole collection holds (same name, same geometry), the others are left
     * out, an arrondissement asked is ignored (its contour is in arrondissements.geojson), a commune without stations
     * has no feature, and what is no sector is refused, named.
     */
    @Test
    void onlyTheAskedCommunesAreServedAsTheWholeCollectionDrawsThem() throws Exception {
        JsonNode asked = json(director, "/api/communes.geojson?sectors=29039,7,29116", 200).get("features");
        java.util.Map<Integer, JsonNode> byCommune = new java.util.TreeMap<>();
        asked.forEach(f -> byCommune.put(f.at("/properties/arrondissement").asInt(), f));
        assertThat(byCommune.keySet()).containsExactly(29039, 29116);
        assertThat(asked).hasSize(2);
        json(director, "/api/communes.geojson", 200).get("features").forEach(f -> {
            int commune = f.at("/properties/arrondissement").asInt();
            if (byCommune.containsKey(commune)) {
                assertThat(byCommune.get(commune)).as("commune " + commune).isEqualTo(f);
            }
        });
        // Concarneau's feature covers its 17 stations, read from the store here
        Geometry concarneau = GeoJsonGeometry.parse(byCommune.get(29039).get("geometry").toString());
        long covered = fr.terrain.store.Geography.stations(store, 2020).stream().filter(st -> st.code().area() == 29039)
                .filter(st -> concarneau.buffer(1e-4).contains(st.contour().getInteriorPoint())).count();
        assertThat(covered).isEqualTo(17);

        assertThat(json(director, "/api/communes.geojson?sectors=29019", 200).get("features")).isEmpty(); // Brest
        assertThat(json(director, "/api/communes.geojson?sectors=12", 200).get("features")).isEmpty();
        HttpResponse<String> bad = get(director, "/api/communes.geojson?sectors=29039,abc");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(bad.body()).get("error").asText()).contains("sectors").contains("« abc »");
        HttpResponse<String> paris = get(director, "/api/communes.geojson?sectors=75112");
        assertThat(paris.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(paris.body()).get("error").asText()).contains("écrivez 12");
    }

    @Test
    void theCuttingPageStillListsTheReuCommunesStations() throws Exception {
        JsonNode stations = json(director, "/api/field/cut-options", 200).get("stations");
        TreeSet<String> codes = new TreeSet<>();
        stations.forEach(s -> codes.add(s.get("code").asText()));
        assertThat(codes.size()).isEqualTo(897 + 31);
        assertThat(codes).contains("7-3", "29039-1", "29046-9", "29116-1");
        JsonNode seventh = json(organizerOf7, "/api/field/cut-options", 200).get("stations");
        seventh.forEach(s -> assertThat(s.get("arrondissement").asInt()).isEqualTo(7));
        assertThat(seventh).hasSize(25); // the 7th's 25 stations (MapApiTest: Dati's shares of its 25)
    }

    /**
     * The REU in its default vintage (2022), newer than Paris's 2020 contours: the page lists both, not the newest. The
     * REU is imported while the app runs, after a first look at the options: they are read again after an import.
     */
    @Test
    void theCuttingPageListsEachCommunesNewestStationsWhenTheReuIsANewerVintage(@TempDir Path other) throws Exception {
        try (Store separate = Store.h2(other)) {
            Importer importer = new Importer(separate, Progress.NONE, false);
            importer.stations(RealData.file(RealData.STATIONS_2020), null);
            String token = TestAccounts.token(separate, TestAccounts.user(separate, "direction", Role.DIRECTOR));
            Javalin web = WebApp.create(separate, new MapSettings(null, null)).start(0);
            try {
                assertThat(cutOptions(web, token)).hasSize(897).contains("7-3", "20-1");
                importer.reu(RealData.file(REU), null);
                TreeSet<String> codes = cutOptions(web, token);
                assertThat(codes.size()).isEqualTo(897 + 31);
                assertThat(codes).contains("7-3", "20-1", "29039-1", "29116-1");
            } finally {
                web.stop();
            }
        }
    }

    /** The stations' codes the cutting form offers the holder of {@code token}. */
    private TreeSet<String> cutOptions(Javalin web, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + web.port()
                + "/api/field/cut-options")).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        TreeSet<String> codes = new TreeSet<>();
        Json.MAPPER.readTree(r.body()).get("stations").forEach(st -> codes.add(st.get("code").asText()));
        return codes;
    }
}
