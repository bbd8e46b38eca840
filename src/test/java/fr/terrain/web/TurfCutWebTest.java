package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import fr.terrain.account.Role;
import fr.terrain.demo.CityGenerator;
import fr.terrain.election.StationCode;
import fr.terrain.field.Turf;
import fr.terrain.ingest.FolderImport;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.TargetingFiles;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.FieldInputs;
import fr.terrain.store.Store;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * « Découper des tournées » ({@code /terrain/tournees}) on the small demo city: the preview is the cut
 * {@code terrain turfs} makes, door addresses and household sizes only; organizers cut their own sectors;
 * a bad request changes nothing; saving keeps the same turfs as a plan the assignment page shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TurfCutWebTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    Store store;
    Javalin app;
    String director;
    String organizer20;
    String organizer11;
    String canvasser;
    AccountRecord organizer20Account;
    long canvasserId;
    Path base;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path home) throws Exception {
        Path city = Files.createDirectories(home.resolve("ville"));
        CityGenerator.generate(city, new CityGenerator.Settings(CityGenerator.Scale.SMALL, 1L), Progress.NONE);
        base = Files.createDirectories(home.resolve("base"));
        store = Store.h2(base);
        Importer importer = new Importer(store, Progress.NONE, false);
        new FolderImport(importer, CityGenerator.TERRITORY).run(city, e -> { });
        importer.voters(city.resolve(CityGenerator.VOTERS_FILE), CityGenerator.VOTERS_CONTEST,
                fr.terrain.privacy.SourceCategory.ELECTORAL_LIST, "démo", java.time.LocalDate.of(2026, 1, 1), Map.of(), null);
        director = TestAccounts.token(store, TestAccounts.user(store, "direction", Role.DIRECTOR));
        organizer20Account = TestAccounts.user(store, "orga20", Role.ORGANIZER, 20);
        organizer20 = TestAccounts.token(store, organizer20Account);
        organizer11 = TestAccounts.token(store, TestAccounts.user(store, "orga11", Role.ORGANIZER, 11));
        AccountRecord militant = TestAccounts.user(store, "militant", Role.CANVASSER, 20);
        canvasserId = militant.id();
        canvasser = TestAccounts.token(store, militant);
        app = WebApp.create(store, new fr.terrain.web.map.MapSettings(null, null)).start(0);
    }

    @AfterAll
    void stop() {
        app.stop();
        store.close();
    }

    HttpResponse<String> send(String token, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (json != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return Json.MAPPER.readTree(r.body());
    }

    long count(String sql) {
        return store.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void thePreviewIsTheCommandsCutWithAddressesOnlyAndBalancedTurfs() throws Exception {
        long audited = count("SELECT COUNT(*) FROM audit_entry WHERE action = 'field.turfs.cut'");
        JsonNode answer = ok(send(organizer20, "/api/field/cuts", "{\"stations\": [\"20-1\", \"20-2\"], \"doors_per_turf\": \"60\"}"), 200);

        // the same inputs cut by the command's code give the same turfs, in the same order
        FieldInputs.Stations in = FieldInputs.stations(store, null, List.of(StationCode.parse("20-1"),
                StationCode.parse("20-2")), TargetingFiles.defaultTopicRules());
        List<Turf> expected = fr.terrain.field.StationCuts.cut(in.doors(), in.starts(), java.util.Optional.empty(),
                fr.terrain.field.TurfParameters.DEFAULTS.withDoorsPerTurf(60), java.util.OptionalDouble.empty());
        JsonNode turfs = answer.get("turfs");
        assertThat(turfs.size()).isEqualTo(expected.size()).isGreaterThanOrEqualTo(2);
        int doors = in.doors().values().stream().mapToInt(List::size).sum();
        assertThat(answer.get("door_count").asInt()).isEqualTo(doors);
        assertThat(answer.get("contest").asText()).isEqualTo(in.contest());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < turfs.size(); i++) {
            JsonNode t = turfs.get(i);
            Turf e = expected.get(i);
            assertThat(t.get("turf").asInt()).isEqualTo(i + 1);
            assertThat(t.get("walking_metres").asLong()).isEqualTo(Math.round(e.walkingMetres()));
            assertThat(t.get("door_count").asInt()).isEqualTo(e.doors()).isEqualTo(t.get("path").size());
            assertThat(t.get("from").asText()).isEqualTo(e.walk().get(0).label());
            // addresses and counts only: no door ids (the saved plan gives them), no voter, no name
            List<String> fields = new ArrayList<>();
            t.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("turf", "stations", "door_count", "voters", "walking_metres", "minutes",
                    "start", "topic", "doors_placed_by_contour", "from", "to", "path");
            assertThat(t.get("doors_placed_by_contour").asLong()).isZero(); // the demo list gives every voter a station
            t.get("path").forEach(p -> seen.add(p.get(0).asText() + "," + p.get(1).asText()));
            assertThat(t.get("start").get("label").asText()).isEqualTo(e.start().label());
        }
        // each station's turfs within ±20 % of that station's mean
        for (String station : List.of("20-1", "20-2")) {
            List<Integer> sizes = new ArrayList<>();
            turfs.forEach(t -> {
                if (t.get("stations").get(0).asText().equals(station)) {
                    sizes.add(t.get("door_count").asInt());
                }
            });
            double mean = sizes.stream().mapToInt(Integer::intValue).average().orElseThrow();
            assertThat(sizes).allSatisfy(s -> assertThat((double) s).isBetween(0.8 * mean - 1, 1.2 * mean + 1));
        }
        assertThat(seen).isNotEmpty();
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'field.turfs.cut'")).isEqualTo(audited + 1);
        long records = store.jdbi().withHandle(h -> h.createQuery("SELECT records FROM audit_entry WHERE action ="
                + " 'field.turfs.cut' ORDER BY seq DESC").mapTo(Long.class).first());
        assertThat(records).isEqualTo(doors);
    }

    /**
     * The demo city's seats are Paris's (terrain seats, simulate, target): its map offers Paris Centre as one sector, as
     * Paris's does from 2020. It offered none (the map named « paris » alone).
     */
    @Test
    void theDemoMapOffersParisCentreAsOneSector() throws Exception {
        JsonNode elections = ok(send(director, "/api/elections", null), 200).get("elections");
        assertThat(elections).isNotEmpty();
        for (JsonNode e : elections) {
            assertThat(e.get("id").asText()).startsWith("demo-");
            assertThat(e.get("sectors")).as(e.get("id").asText()).hasSize(1);
            assertThat(e.get("sectors").get(0).get("name").asText()).isEqualTo("1");
            assertThat(e.get("sectors").get(0).get("arrondissements").toString()).isEqualTo("[1,2,3,4]");
        }
    }

    @Test
    void aMeetingPointOrADurationChangesTheCut() throws Exception {
        JsonNode meeting = ok(send(director, "/api/field/cuts", "{\"stations\": [\"20-1\", \"20-2\"], \"meeting_point\":"
                + " {\"lon\": \"2,3969\", \"lat\": 48.8631}}"), 200);
        meeting.get("turfs").forEach(t -> {
            assertThat(t.get("start").get("label").asText()).isEqualTo("point de rendez-vous");
            assertThat(t.get("start").get("lon").asDouble()).isEqualTo(2.3969);
        });
        // a meeting point 3 km north of 20-1's polling place (0.027° of latitude) is said, with the walk it adds; the
        // polling place itself is not
        JsonNode own = ok(send(director, "/api/field/cuts", "{\"stations\": [\"20-1\"]}"), 200).get("turfs").get(0).get("start");
        assertThat(ok(send(director, "/api/field/cuts", "{\"stations\": [\"20-1\"], \"meeting_point\": {\"lon\": "
                + own.get("lon").asDouble() + ", \"lat\": " + own.get("lat").asDouble() + "}}"), 200).get("meeting_point_warning")
                .isNull()).isTrue();
        assertThat(ok(send(director, "/api/field/cuts", "{\"stations\": [\"20-1\"], \"meeting_point\": {\"lon\": "
                + own.get("lon").asDouble() + ", \"lat\": " + (own.get("lat").asDouble() + 0.027) + "}}"), 200)
                .get("meeting_point_warning").asText()).startsWith("le point de rendez-vous est à").contains("min aller-retour");
        JsonNode hour = ok(send(director, "/api/field/cuts", "{\"stations\": [\"20-1\", \"20-2\", \"20-3\"], \"minutes_per_turf\": 60}"), 200);
        JsonNode twoHours = ok(send(director, "/api/field/cuts", "{\"stations\": [\"20-1\", \"20-2\", \"20-3\"], \"minutes_per_turf\": 120}"), 200);
        // the same doors in turfs of about an hour are about twice as many as in turfs of about two
        double ratio = (double) hour.get("turfs").size() / twoHours.get("turfs").size();
        assertThat(ratio).isBetween(1.5, 2.5);
    }

    @Test
    void organizersCutOnlyTheirSectorsAndCanvassersNothing() throws Exception {
        HttpResponse<String> other = send(organizer11, "/api/field/cuts", "{\"stations\": [\"11-1\", \"20-1\"]}");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("bureau 20-1 hors de vos secteurs (11e)");
        assertThat(send(canvasser, "/api/field/cuts", "{\"stations\": [\"20-1\"]}").statusCode()).isEqualTo(403);
        assertThat(send(canvasser, "/api/field/cut-options", null).statusCode()).isEqualTo(403);
        JsonNode options = ok(send(organizer20, "/api/field/cut-options", null), 200);
        assertThat(options.get("stations").size()).isPositive();
        options.get("stations").forEach(s -> assertThat(s.get("arrondissement").asInt()).isEqualTo(20));
        assertThat(options.get("contests")).extracting(JsonNode::asText)
                .containsExactly(CityGenerator.VOTERS_CONTEST);
        // a commune's organizer, whose sector no list has voters in: no list to cut (was the demo city's)
        String elsewhere = TestAccounts.token(store, TestAccounts.user(store, "orga-29039", Role.ORGANIZER, 29039));
        assertThat(ok(send(elsewhere, "/api/field/cut-options", null), 200).get("contests")).isEmpty();
    }

    /** The stations' codes of an answer of cut-options, in its order. */
    static List<String> codes(JsonNode options) {
        List<String> out = new ArrayList<>();
        options.get("stations").forEach(s -> out.add(s.get("code").asText()));
        return out;
    }

    /**
     * Above the cap (a national REU's 73,000 stations for the direction) the form's options list no station and say
     * how many the caller may cut; the page then asks for one sector's stations, whatever the cap.
     */
    @Test
    void aboveTheCapTheOptionsListNoStationButASectorsStationsAreAskedFor() throws Exception {
        JsonNode all = ok(send(director, "/api/field/cut-options", null), 200);
        JsonNode ofThe20th = ok(send(organizer20, "/api/field/cut-options", null), 200);
        int total = all.get("stations").size();
        List<String> the20th = new ArrayList<>();
        all.get("stations").forEach(s -> {
            if (s.get("arrondissement").asInt() == 20) {
                the20th.add(s.get("code").asText());
            }
        });
        assertThat(the20th).hasSizeGreaterThan(1).hasSizeLessThan(total).isEqualTo(codes(ofThe20th));
        assertThat(all.has("sectors_search")).isFalse();
        // below the cap too, ?sector= gives that sector's stations only, named
        JsonNode asked = ok(send(director, "/api/field/cut-options?sector=20", null), 200);
        assertThat(codes(asked)).isEqualTo(the20th);
        assertThat(asked.get("sector_names").toString()).isEqualTo("{\"20\":\"" + all.get("sector_names").get("20").asText()
                + "\"}");
        TurfCutRoutes.optionsMaxStations = the20th.size() + 1;
        try {
            JsonNode capped = ok(send(director, "/api/field/cut-options", null), 200);
            assertThat(capped.get("stations").size()).isZero();
            assertThat(capped.get("sectors_search").asBoolean()).isTrue();
            assertThat(capped.get("station_count").asInt()).isEqualTo(total);
            assertThat(capped.get("sector_names").size()).isZero();
            for (String same : List.of("contests", "sectors", "doors_per_turf", "max_stations")) {
                assertThat(capped.get(same)).as(same).isEqualTo(all.get(same));
            }
            // an organizer's sector is under the cap: its list is unchanged
            assertThat(ok(send(organizer20, "/api/field/cut-options", null), 200)).isEqualTo(ofThe20th);
            for (String token : List.of(director, organizer20)) {
                JsonNode one = ok(send(token, "/api/field/cut-options?sector=20", null), 200);
                assertThat(codes(one)).isEqualTo(the20th);
                assertThat(one.get("sector_names").toString()).isEqualTo(asked.get("sector_names").toString());
                assertThat(one.has("sectors_search")).isFalse();
            }
            TurfCutRoutes.optionsMaxStations = 1; // a sector asked for is listed whatever the cap
            assertThat(codes(ok(send(director, "/api/field/cut-options?sector=20", null), 200))).isEqualTo(the20th);
            assertThat(ok(send(organizer20, "/api/field/cut-options", null), 200).get("station_count").asInt())
                    .isEqualTo(the20th.size());
            for (String bad : List.of("vingt", "75120", "100")) {
                HttpResponse<String> r = send(director, "/api/field/cut-options?sector=" + bad, null);
                assertThat(r.statusCode()).as(bad).isEqualTo(400);
                assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).as(bad).startsWith("secteur : ")
                        .contains(bad);
            }
            HttpResponse<String> other = send(organizer11, "/api/field/cut-options?sector=20", null);
            assertThat(other.statusCode()).isEqualTo(403);
            assertThat(Json.MAPPER.readTree(other.body()).get("error").asText())
                    .isEqualTo("secteur 20e hors de vos secteurs (11e)");
        } finally {
            TurfCutRoutes.optionsMaxStations = TurfCutRoutes.OPTIONS_MAX_STATIONS;
        }
    }

    @Test
    void aBadRequestNamesItsFieldAndChangesNothing() throws Exception {
        long plans = count("SELECT COUNT(*) FROM turf_plan");
        Map<String, String> cases = Map.of(
                "{\"stations\": []}", "stations : au moins un bureau",
                "{\"stations\": [\"20-x\"]}", "stations : ",
                "{\"stations\": [\"20-1\"], \"doors_per_turf\": 80, \"minutes_per_turf\": 60}", "pas les deux",
                "{\"stations\": [\"20-1\"], \"doors_per_turf\": 0}", "doors_per_turf : entre 5 et 500",
                "{\"stations\": [\"20-1\"], \"doors_per_turf\": 12.5}", "doors_per_turf : un nombre entier",
                "{\"stations\": [\"20-1\"], \"meeting_point\": {\"lon\": \"est\", \"lat\": 48.8}}", "meeting_point.lon",
                "{\"stations\": [\"20-1\"], \"contest\": \"inconnu\", \"name\": \"x\"}", "aucun électeur importé pour « inconnu »",
                "{\"stations\": [\"20-1\"], \"doors_per_turf\": 80}", "name : le nom du plan",
                "{\"stations\": [\"20-99\"], \"name\": \"vide\"}", "aucune porte dans 20-99",
                // '{' 1, "stations" 2–11, ':' 12, ' ' 13, '[' 14, "20-1" 15–20, ']' 21, ',' 22: the '}' in column 23
                "{\"stations\": [\"20-1\"],}", "corps JSON illisible, ligne 1, colonne 23 : virgule en trop avant « } »");
        for (var c : cases.entrySet()) {
            HttpResponse<String> r = send(director, "/api/field/plans", c.getKey());
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).as(c.getKey()).contains(c.getValue())
                    .doesNotContain("Unrecognized", "Unexpected", "expecting");
        }
        String tooMany = "{\"stations\": [" + String.join(",", IntStream.rangeClosed(1, TurfCutRoutes.MAX_STATIONS + 1)
                .mapToObj(i -> "\"" + (1 + i % 20) + "-" + (1 + i / 20) + "\"").toList()) + "]}";
        HttpResponse<String> many = send(director, "/api/field/cuts", tooMany);
        assertThat(many.statusCode()).isEqualTo(400);
        assertThat(many.body()).contains("au plus " + TurfCutRoutes.MAX_STATIONS);
        assertThat(count("SELECT COUNT(*) FROM turf_plan")).isEqualTo(plans);
    }

    @Test
    void aSwappedMeetingPointOrDataChangedSinceThePreviewAreRefused() throws Exception {
        HttpResponse<String> swapped = send(director, "/api/field/cuts", "{\"stations\": [\"20-1\"], \"meeting_point\":"
                + " {\"lon\": 48.8631, \"lat\": 2.3969}}");
        assertThat(swapped.statusCode()).isEqualTo(400);
        assertThat(swapped.body()).contains("meeting_point : ").contains("longitude et latitude inversées");
        long plans = count("SELECT COUNT(*) FROM turf_plan");
        JsonNode preview = ok(send(director, "/api/field/cuts", "{\"stations\": [\"20-1\"]}"), 200);
        assertThat(preview.get("data_version").asText()).isNotBlank();
        // a voter of another arrondissement objects: the preview of 20-1 is the same, it is saved (it was refused, as
        // an address corrected elsewhere in the city refused another organizer's preview: found by a crawl)
        long elsewhere = count("SELECT MAX(id) FROM voter WHERE station_code LIKE '5-%'");
        fr.terrain.store.SuppressionList.addPerson(store, fr.terrain.store.HashKeyFile.load(base),
                fr.terrain.store.Persons.forVoter(store, elsewhere), fr.terrain.store.SuppressionList.Reason.OBJECTION,
                "letter", "dpo");
        JsonNode same = ok(send(director, "/api/field/plans", "{\"stations\": [\"20-1\"], \"name\": \"intact\","
                + " \"data_version\": \"" + preview.get("data_version").asText() + "\"}"), 201);
        assertThat(same.get("data_version").asText()).isEqualTo(preview.get("data_version").asText());
        assertThat(count("SELECT COUNT(*) FROM turf_plan")).isEqualTo(plans + 1);
        // a voter of 20-1 objects: the preview's doors are no longer the store's
        long objector = count("SELECT MAX(id) FROM voter WHERE station_code = '20-1'");
        fr.terrain.store.SuppressionList.addPerson(store, fr.terrain.store.HashKeyFile.load(base),
                fr.terrain.store.Persons.forVoter(store, objector), fr.terrain.store.SuppressionList.Reason.OBJECTION,
                "letter", "dpo");
        HttpResponse<String> changed = send(director, "/api/field/plans", "{\"stations\": [\"20-1\"], \"name\": \"périmé\","
                + " \"data_version\": \"" + preview.get("data_version").asText() + "\"}");
        assertThat(changed.statusCode()).isEqualTo(409);
        assertThat(changed.body()).contains("les données de ces bureaux ont changé depuis l'aperçu");
        assertThat(count("SELECT COUNT(*) FROM turf_plan")).isEqualTo(plans + 1);
        HttpResponse<String> contest = send(director, "/api/field/cuts", "{\"stations\": [\"20-1\"], \"contest\": {}}");
        assertThat(contest.statusCode()).isEqualTo(400);
        assertThat(contest.body()).contains("contest : ");
    }

    @Test
    void anOrganizerListsAndDeletesThePlansOfTheirSectors() throws Exception {
        JsonNode saved = ok(send(organizer20, "/api/field/plans", "{\"stations\": [\"20-1\"], \"name\": \"à jeter\"}"), 201);
        long id = saved.get("plan").get("id").asLong();
        List<String> mine = new ArrayList<>();
        ok(send(organizer20, "/api/field/plans", null), 200).forEach(p -> mine.add(p.get("name").asText()));
        assertThat(mine).contains("à jeter");
        List<String> theirs = new ArrayList<>();
        ok(send(organizer11, "/api/field/plans", null), 200).forEach(p -> theirs.add(p.get("name").asText()));
        assertThat(theirs).doesNotContain("à jeter");
        assertThat(delete(organizer11, id).statusCode()).isEqualTo(404);
        assertThat(delete(canvasser, id).statusCode()).isEqualTo(403);
        long turf = saved.get("plan").get("turf_ids").get(0).asLong();
        assertThat(put(organizer20, "/api/field/turfs/" + turf + "/assignee", "{\"user_id\": " + canvasserId + "}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> assigned = delete(organizer20, id);
        assertThat(assigned.statusCode()).isEqualTo(409);
        assertThat(assigned.body()).contains("attribuée(s)");
        assertThat(put(organizer20, "/api/field/turfs/" + turf + "/assignee", "{\"user_id\": null}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> takenBack = delete(organizer20, id); // the phone may still send the doors noted before
        assertThat(takenBack.statusCode()).isEqualTo(409);
        assertThat(takenBack.body()).contains("moins de 7 jours").contains("suppression possible à partir du");
        fr.terrain.store.TurfRows.takenBack(store, turf, fr.terrain.store.FieldStore.LATE_SYNC.plusMinutes(1));
        assertThat(delete(organizer20, id).statusCode()).isEqualTo(204);
        List<String> plans = new ArrayList<>();
        ok(send(organizer20, "/api/field/turfs", null), 200).forEach(t -> plans.add(t.get("plan").asText()));
        assertThat(plans).doesNotContain("à jeter");
        assertThat(delete(organizer20, id).statusCode()).isEqualTo(404);
    }

    /**
     * A plan the direction cut across the 11th and the 20th: each organizer lists it with their own turfs (it was left
     * out of « Découpage » while its turfs were on « Affectation » and « Progression »), prints those, may not delete it.
     */
    @Test
    void aPlanAcrossTwoSectorsIsListedToEachOrganizerWithTheirTurfs() throws Exception {
        JsonNode saved = ok(send(director, "/api/field/plans", "{\"stations\": [\"11-1\", \"20-3\"], \"name\":"
                + " \"mixte 11 et 20\"}"), 201);
        long id = saved.get("plan").get("id").asLong();
        JsonNode all = null;
        for (JsonNode p : ok(send(director, "/api/field/plans", null), 200)) {
            all = p.get("id").asLong() == id ? p : all;
        }
        assertThat(all.get("turfs_elsewhere").asInt()).isZero();
        int turfs11 = 0;
        int turfs20 = 0;
        for (JsonNode t : ok(send(director, "/api/field/turfs", null), 200)) {
            if (t.get("plan").asText().equals("mixte 11 et 20")) {
                turfs11 += t.get("arrondissement").asInt() == 11 ? 1 : 0;
                turfs20 += t.get("arrondissement").asInt() == 20 ? 1 : 0;
            }
        }
        assertThat(turfs11).isPositive();
        assertThat(turfs20).isPositive();
        assertThat(turfs11 + turfs20).isEqualTo(all.get("turfs").asInt());
        for (var o : List.of(java.util.Map.entry(organizer11, new int[] {turfs11, turfs20}),
                java.util.Map.entry(organizer20, new int[] {turfs20, turfs11}))) {
            JsonNode mine = null;
            for (JsonNode p : ok(send(o.getKey(), "/api/field/plans", null), 200)) {
                mine = p.get("id").asLong() == id ? p : mine;
            }
            assertThat(mine).as("the plan in the organizer's list").isNotNull();
            assertThat(mine.get("turfs").asInt()).isEqualTo(o.getValue()[0]);
            assertThat(mine.get("turfs_elsewhere").asInt()).isEqualTo(o.getValue()[1]);
            HttpResponse<String> refused = delete(o.getKey(), id);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("hors de vos secteurs");
        }
        assertThat(delete(director, id).statusCode()).isEqualTo(204);
    }

    /**
     * Leftover of the last review: « le plan « janvier » existe déjà » told an organizer of the 20th that the 11th had a
     * plan of that name. A plan name is now refused only when the organizer sees a plan bearing it.
     */
    @Test
    void anOrganizerNamesAPlanAsAnotherSectorDidWithoutLearningIt() throws Exception {
        JsonNode eleventh = ok(send(organizer11, "/api/field/plans", "{\"stations\": [\"11-1\"], \"name\": \"janvier\"}"), 201);
        // it was a 400 « le plan « janvier » existe déjà »
        JsonNode twentieth = ok(send(organizer20, "/api/field/plans", "{\"stations\": [\"20-2\"], \"name\": \"janvier\"}"), 201);
        long id11 = eleventh.get("plan").get("id").asLong();
        long id20 = twentieth.get("plan").get("id").asLong();
        assertThat(id20).isNotEqualTo(id11);
        // a plan they see bearing the name is still refused, and nothing is stored
        long plans = count("SELECT COUNT(*) FROM turf_plan");
        HttpResponse<String> again = send(organizer20, "/api/field/plans", "{\"stations\": [\"20-3\"], \"name\": \"janvier\"}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("existe déjà");
        assertThat(count("SELECT COUNT(*) FROM turf_plan")).isEqualTo(plans);
        // each sees their own, under its own id; the printed sheets of a plan are its turfs only, not its namesake's
        List<Long> seen20 = new ArrayList<>();
        ok(send(organizer20, "/api/field/plans", null), 200).forEach(p -> {
            if (p.get("name").asText().equals("janvier")) {
                seen20.add(p.get("id").asLong());
            }
        });
        assertThat(seen20).containsExactly(id20);
        HttpResponse<byte[]> sheets = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port()
                        + "/api/field/plans/" + id20 + "/feuilles.pdf")).header("Authorization", "Bearer " + director).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(sheets.statusCode()).isEqualTo(200);
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(sheets.body())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
            assertThat(text).contains("20-2").doesNotContain("11-1");
        }
        // the command line, which sees both, asks for the number of the one meant
        assertThatThrownBy(() -> fr.terrain.store.FieldStore.planNamed(store, "janvier"))
                .hasMessageContaining("plusieurs plans s'appellent « janvier » : #" + id20 + " (20e), #" + id11 + " (11e)")
                .hasMessageContaining("--plan #N");
        assertThat(fr.terrain.store.FieldStore.planNamed(store, "#" + id11).orElseThrow().name()).isEqualTo("janvier");
    }

    HttpResponse<String> put(String token, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String token, long plan) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/field/plans/" + plan))
                .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSavedPlanHoldsThePreviewedTurfsAndANameIsTakenOnce() throws Exception {
        String ask = "{\"stations\": [\"20-3\"], \"doors_per_turf\": 50";
        JsonNode preview = ok(send(organizer20, "/api/field/cuts", ask + "}"), 200);
        JsonNode saved = ok(send(organizer20, "/api/field/plans", ask + ", \"name\": \"20e samedi\", \"data_version\": \""
                + preview.get("data_version").asText() + "\"}"), 201);
        JsonNode ids = saved.get("plan").get("turf_ids");
        assertThat(ids.size()).isEqualTo(preview.get("turfs").size());
        JsonNode listed = ok(send(organizer20, "/api/field/turfs", null), 200);
        List<Long> metres = new ArrayList<>();
        listed.forEach(t -> {
            if (t.get("plan").asText().equals("20e samedi")) {
                metres.add(t.get("walking_metres").asLong());
            }
        });
        List<Long> previewed = new ArrayList<>();
        preview.get("turfs").forEach(t -> previewed.add(t.get("walking_metres").asLong()));
        assertThat(metres).isEqualTo(previewed);
        // every saved turf walks the previewed doors in the previewed order
        for (int i = 0; i < ids.size(); i++) {
            JsonNode doors = ok(send(organizer20, "/api/field/turfs/" + ids.get(i).asLong(), null), 200).get("doors");
            List<String> savedPath = new ArrayList<>();
            doors.forEach(d -> savedPath.add(d.get("lon").asText() + "," + d.get("lat").asText()));
            List<String> previewedPath = new ArrayList<>();
            preview.get("turfs").get(i).get("path").forEach(p -> previewedPath.add(p.get(0).asText() + "," + p.get(1).asText()));
            assertThat(savedPath).isEqualTo(previewedPath);
        }
        JsonNode first = ok(send(organizer20, "/api/field/turfs/" + ids.get(0).asLong(), null), 200);
        assertThat(first.get("doors").size()).isEqualTo(preview.get("turfs").get(0).get("door_count").asInt());
        assertThat(first.get("doors").get(0).get("label").asText()).isEqualTo(preview.get("turfs").get(0).get("from").asText());
        String parameters = store.jdbi().withHandle(h -> h.createQuery("SELECT parameters FROM turf_plan WHERE name ="
                + " '20e samedi'").mapTo(String.class).one());
        assertThat(parameters).isEqualTo("page /terrain/tournees : --stations 20-3 --doors-per-turf 50");
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'field.plan.save' AND target = 'plan:"
                + saved.get("plan").get("id").asLong() + "'")).isEqualTo(1);

        long turfs = count("SELECT COUNT(*) FROM turf");
        HttpResponse<String> again = send(organizer20, "/api/field/plans", ask + ", \"name\": \"20e samedi\"}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("existe déjà");
        assertThat(count("SELECT COUNT(*) FROM turf")).isEqualTo(turfs);
    }

    @Test
    void aSavedTurfsWalkListIsTheSheetTheCutPrintsWithoutANameForThoseWhoSeeTheTurf() throws Exception {
        JsonNode saved = ok(send(organizer20, "/api/field/plans", "{\"stations\": [\"20-2\"], \"doors_per_turf\": 40,"
                + " \"name\": \"feuilles\"}"), 201);
        long id = saved.get("plan").get("turf_ids").get(0).asLong();
        HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port()
                + "/api/field/turfs/" + id + "/feuille.pdf")).header("Authorization", "Bearer " + organizer20).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("content-type").orElse("")).startsWith("application/pdf");

        // the sheet of the turf as the cut made it, before it was stored: the same text, but for the walk's length
        // (stored in whole metres) on the line that gives it
        FieldInputs.Stations in = FieldInputs.stations(store, null, List.of(StationCode.parse("20-2")),
                TargetingFiles.defaultTopicRules());
        Turf cut = fr.terrain.field.StationCuts.cut(in.doors(), in.starts(), java.util.Optional.empty(),
                fr.terrain.field.TurfParameters.DEFAULTS.withDoorsPerTurf(40), java.util.OptionalDouble.empty()).get(0);
        byte[] expected = WalkListPdf.bytes(new WalkListPdf.Sheet(cut, in.contest(), in.topicOf(cut),
                fr.terrain.privacy.CanvassNotice.standard(ComplianceRoutes.settings(store).identity()), Map.of(),
                java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")), "feuilles"));
        assertThat(withoutLength(text(pdf.body()))).isEqualTo(withoutLength(text(expected)));
        assertThat(text(pdf.body())).contains(cut.walk().get(0).address().street()).contains("plan « feuilles »");
        // the talking point with the figures behind it, as the command prints it (the demo has INSEE figures)
        assertThat(in.topicOf(cut)).isNotNull();
        assertThat(text(pdf.body())).contains("Thème à aborder : " + in.topicOf(cut).label() + " — "
                + in.topicOf(cut).evidence());

        // the whole plan in one PDF: every turf's sheet, each numbered on its own, in the plan's order
        long planId = saved.get("plan").get("id").asLong();
        HttpResponse<byte[]> all = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port()
                + "/api/field/plans/" + planId + "/feuilles.pdf")).header("Authorization", "Bearer " + organizer20).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(all.statusCode()).isEqualTo(200);
        int pages = 0;
        int previous = -1;
        String whole = text(all.body());
        for (int i = 0; i < saved.get("plan").get("turf_ids").size(); i++) {
            long turf = saved.get("plan").get("turf_ids").get(i).asLong();
            byte[] one = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/field/turfs/"
                    + turf + "/feuille.pdf")).header("Authorization", "Bearer " + organizer20).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            pages += pageCount(one);
            int at = whole.indexOf("Tournée " + (i + 1) + " — bureau 20-2 — plan « feuilles »");
            assertThat(at).as("turf %d", i + 1).isGreaterThan(previous);
            previous = at;
        }
        assertThat(pageCount(all.body())).isEqualTo(pages);
        assertThat(send(organizer11, "/api/field/plans/" + planId + "/feuilles.pdf", null).statusCode()).isEqualTo(404);
        assertThat(send(canvasser, "/api/field/plans/" + planId + "/feuilles.pdf", null).statusCode()).isEqualTo(403);

        // a canvasser's own turfs only; an organizer's own sectors only (404: the turf's existence is not told)
        assertThat(send(canvasser, "/api/field/turfs/" + id + "/feuille.pdf", null).statusCode()).isEqualTo(404);
        assertThat(send(organizer11, "/api/field/turfs/" + id + "/feuille.pdf", null).statusCode()).isEqualTo(404);
        List<Long> records = store.jdbi().withHandle(h -> h.createQuery("SELECT records FROM audit_entry WHERE action ="
                + " 'voters.walk-list' AND target = :t").bind("t", "turf:" + id).mapTo(Long.class).list());
        assertThat(records).hasSize(2).containsOnly((long) cut.doors()); // each of the two sheets printed above
        List<Long> plans = store.jdbi().withHandle(h -> h.createQuery("SELECT records FROM audit_entry WHERE action ="
                + " 'voters.walk-list' AND target = :t").bind("t", "plan:" + planId).mapTo(Long.class).list());
        assertThat(plans).containsExactly((long) in.doors().get(StationCode.parse("20-2")).size());
    }

    static String text(byte[] pdf) throws java.io.IOException {
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
    }

    static int pageCount(byte[] pdf) throws java.io.IOException {
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return doc.getNumberOfPages();
        }
    }

    static List<String> withoutLength(String text) {
        return text.lines().filter(l -> !l.contains(" · marche ")).toList();
    }

    /** The API's meeting_point_warning reaches the page: a line of the preview's summary, and none for a near point. */
    @Test
    void thePreviewSaysAMeetingPointFarFromTheDoors() throws Exception {
        JsonNode own = ok(send(organizer20, "/api/field/cuts", "{\"stations\": [\"20-1\"]}"), 200).get("turfs").get(0)
                .get("start");
        double lon = own.get("lon").asDouble();
        double lat = own.get("lat").asDouble();
        double north = lat + 0.027; // 3 km from the polling place
        String warning = ok(send(organizer20, "/api/field/cuts", "{\"stations\": [\"20-1\"], \"meeting_point\": {\"lon\": "
                + lon + ", \"lat\": " + north + "}}"), 200).get("meeting_point_warning").asText();
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("fr-FR"))) {
            context.addCookies(List.of(new com.microsoft.playwright.options.Cookie(WebSessions.COOKIE,
                    TestAccounts.session(store, organizer20Account).cookie()).setDomain("localhost").setPath("/")));
            Page page = context.newPage();
            page.navigate("http://localhost:" + app.port() + TurfCutRoutes.PAGE);
            page.waitForSelector("body[data-view=ready]");
            page.fill("#stations", "20-1");
            page.fill("#meeting", lon + ", " + north);
            page.click("#preview");
            page.waitForSelector("body[data-view=preview]");
            assertThat(page.textContent("#summary")).contains("tournée").endsWith(" Attention : " + warning + ".");
            assertThat(warning).startsWith("le point de rendez-vous est à").contains("min aller-retour");

            page.fill("#meeting", lon + ", " + lat);
            page.click("#preview");
            page.waitForSelector("body[data-view=preview]");
            assertThat(page.textContent("#summary")).contains("tournée").doesNotContain("Attention");
        }
    }

    @Test
    void anOrganizerCutsTheTopOfThePlanOnThePageAndSavesIt() throws Exception {
        TestAccounts.Session session = TestAccounts.session(store, organizer20Account);
        Browser browser = chromium.browser();
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("fr-FR")
                .setViewportSize(1280, 900))) {
            context.addCookies(List.of(new com.microsoft.playwright.options.Cookie(WebSessions.COOKIE, session.cookie())
                    .setDomain("localhost").setPath("/")));
            Page page = context.newPage();
            String base = "http://localhost:" + app.port();
            // a bloc whose list stands in the 20th, and the plan it gives: its top stations lead to the page, which
            // keeps those of the organizer's sector (the 20th), in the plan's order
            JsonNode election = ok(send(director, "/api/elections", null), 200).get("elections").get(0);
            String list = null;
            for (JsonNode l : election.get("lists")) {
                if (list == null && l.get("arrondissements").toString().equals("[20]")) {
                    list = l.get("label").asText();
                }
            }
            ok(send(director, "/api/blocs", "{\"name\": \"essai\", \"ours\": {\"" + election.get("id").asText()
                    + "\": [\"" + list + "\"]}}"), 201);
            String query = "?election=" + election.get("id").asText() + "&bloc=essai&hours=5000";
            List<String> top = new ArrayList<>();
            ok(send(organizer20, "/api/plan" + query, null), 200).get("stations").forEach(r -> {
                if (r.get("hours").asDouble() > 0 && top.size() < 12) {
                    top.add(r.get("station").asText());
                }
            });
            List<String> mine = top.stream().filter(c -> c.startsWith("20-")).toList();
            assertThat(mine).as("stations of the 20th among the plan's top 12: %s", top).isNotEmpty();
            page.navigate(base + "/plan" + query);
            page.waitForSelector("body[data-plan=ready]");
            // « Calculer » with any number of hours (the field once took only 1, 51, 101…: the browser blocked 2000)
            page.fill("#hours", "2000");
            page.click("#form button[type=submit]");
            page.waitForURL(u -> u.contains("hours=2000"));
            page.waitForFunction("() => /réparties sur 2\\D?000/.test(document.querySelector('#summary').textContent)");
            page.fill("#hours", "5000");
            page.click("#form button[type=submit]");
            page.waitForURL(u -> u.contains("hours=5000"));
            page.waitForFunction("() => /réparties sur 5\\D?000/.test(document.querySelector('#summary').textContent)");
            // a reference election the bloc ranks no list of: refused, and the plan of the settings before is not left
            // on the page under the error, nor its links pointing at the refused settings
            String other = null;
            for (JsonNode e : ok(send(director, "/api/elections", null), 200).get("elections")) {
                if (!e.get("id").asText().equals(election.get("id").asText())) {
                    other = e.get("id").asText();
                }
            }
            assertThat(other).as("the demo's second election").isNotNull();
            page.selectOption("#reference", other);
            page.click("#form button[type=submit]");
            page.waitForSelector("#message.error");
            assertThat(page.textContent("#message")).contains("ne classe aucune liste de " + other);
            assertThat(page.textContent("#summary")).isEmpty();
            assertThat(page.locator("#stations tbody tr").count()).isZero();
            assertThat(page.isVisible("#to-csv")).isFalse();
            assertThat(page.isVisible("#to-turfs")).isFalse();
            page.selectOption("#reference", "");
            page.click("#form button[type=submit]");
            page.waitForSelector("body[data-plan=ready]");
            assertThat(page.getAttribute("#to-csv", "href")).doesNotContain("reference");
            page.fill("#top", "12");
            assertThat(page.getAttribute("#to-turfs-link", "href")).isEqualTo(TurfCutRoutes.PAGE + "?bureaux="
                    + String.join(",", top));
            page.click("#to-turfs-link");
            page.waitForSelector("body[data-view=ready]");
            assertThat(page.isVisible("#save-plan")).as("nothing to save before a preview").isFalse();
            assertThat(page.inputValue("#stations")).isEqualTo(String.join(", ", mine));
            // a link may carry stations of other sectors (typed, or sent by the direction): they are left out, and said
            page.navigate(base + TurfCutRoutes.PAGE + "?bureaux=11-1,20-2");
            page.waitForSelector("body[data-view=ready]");
            assertThat(page.inputValue("#stations")).isEqualTo("20-2");
            assertThat(page.textContent("#message")).contains("hors de vos secteurs").contains("11-1");
            page.fill("#stations", "20-1, 20-2");
            assertThat(page.locator("nav.menu [aria-current=page]").textContent()).isEqualTo("Découpage");
            page.fill("#size", "30");
            page.click("#preview");
            page.waitForSelector("body[data-view=preview]");
            // for a person to look at
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/artefacts/decoupage.png")).setFullPage(true));
            JsonNode expected = ok(send(organizer20, "/api/field/cuts", "{\"stations\": [\"20-1\", \"20-2\"], \"doors_per_turf\": 30}"), 200);
            int turfs = expected.get("turfs").size();
            assertThat(page.locator("#turfs tbody tr").count()).isEqualTo(turfs);
            assertThat(page.locator("#map path.leaflet-interactive").count()).isGreaterThanOrEqualTo(turfs);
            assertThat(page.textContent("#summary")).contains(turfs + " tournées");
            assertThat(page.locator("#turfs tbody tr").first().textContent())
                    .contains(expected.get("turfs").get(0).get("from").asText());
            // a click on the map chooses a meeting point
            page.locator("#map").click(new com.microsoft.playwright.Locator.ClickOptions()
                    .setPosition(page.locator("#map").boundingBox().width - 40, page.locator("#map").boundingBox().height - 40));
            assertThat(page.inputValue("#meeting")).matches("\\d+\\.\\d{5}, \\d+\\.\\d{5}");
            // the preview no longer matches the form: nothing to save until « Aperçu » cuts again
            assertThat(page.isVisible("#save-plan")).isFalse();
            page.fill("#meeting", "");
            page.click("#preview");
            page.waitForSelector("body[data-view=preview]");
            // a name the server would refuse (« + »): said at once, the field's rule in words, nothing sent
            page.fill("#name", "mixte 12+20");
            page.click("#save-button");
            assertThat(page.textContent("#message")).startsWith("Nom du plan : lettres, chiffres").contains("« + »");
            assertThat(page.isVisible("#save-plan")).isTrue();
            page.fill("#name", "20e dimanche");
            page.click("#save-button");
            page.waitForSelector("body[data-view=saved]");
            // the turfs by their number in the plan, not by their ids in the store (which count every sector's turfs:
            // an organizer was told « n° 7, 8… » for turfs the pages call 1, 2…)
            assertThat(page.textContent("#message")).isEqualTo("Plan « 20e dimanche » enregistré : " + turfs
                    + " tournée(s), numérotées de 1 à " + turfs + ". Les attribuer aux bénévoles");
            // an analyst, who may not cut turfs, gets no link to the page
            BrowserContext analystContext = browser.newContext();
            analystContext.addCookies(List.of(new com.microsoft.playwright.options.Cookie(WebSessions.COOKIE,
                    TestAccounts.session(store, TestAccounts.user(store, "analyste", Role.ANALYST)).cookie())
                    .setDomain("localhost").setPath("/")));
            Page analyst = analystContext.newPage();
            analyst.navigate(base + "/plan" + query);
            analyst.waitForSelector("body[data-plan=ready]");
            assertThat(analyst.isVisible("#to-turfs")).isFalse();
            page.click("#message a");
            page.waitForSelector("#unassigned .card");
            // the assignment page opens on the plan just saved: its free turfs only (other plans' are a choice away)
            assertThat(page.inputValue("#plan-filter")).isEqualTo("20e dimanche");
            assertThat(page.locator("#unassigned .card").count()).isEqualTo(turfs);
            assertThat(page.locator("#unassigned .card", new Page.LocatorOptions().setHasText("20e dimanche")).count())
                    .isEqualTo(turfs);
            page.selectOption("#plan-filter", "");
            page.waitForCondition(() -> page.locator("#unassigned .card").count() > turfs);
            // each card opens its turf's walk list
            assertThat(page.locator("#unassigned .card", new Page.LocatorOptions().setHasText("20e dimanche")).first()
                    .locator("a.sheet").getAttribute("href")).matches("/api/field/turfs/\\d+/feuille\\.pdf");

            // back on the cutting page, the plan is listed and can be deleted (after a confirmation)
            page.navigate(base + TurfCutRoutes.PAGE);
            page.waitForSelector("body[data-view=ready]");
            var row = page.locator("#plans tbody tr", new Page.LocatorOptions().setHasText("20e dimanche"));
            assertThat(row.textContent()).contains("orga20").contains(String.valueOf(turfs));
            page.onceDialog(d -> d.accept());
            row.locator("button").click();
            page.waitForCondition(() -> page.locator("#plans tbody tr", new Page.LocatorOptions()
                    .setHasText("20e dimanche")).count() == 0);
            assertThat(page.textContent("#message")).contains("Plan « 20e dimanche » supprimé.");
        }
    }

    /** The page says which of its fields is wrong by the field's label, not by the name the API gives it. */
    @Test
    void aRefusedFieldIsNamedOnThePageAsTheFormLabelsIt() throws Exception {
        TestAccounts.Session session = TestAccounts.session(store, organizer20Account);
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 900))) {
            context.addCookies(List.of(new com.microsoft.playwright.options.Cookie(WebSessions.COOKIE, session.cookie())
                    .setDomain("localhost").setPath("/")));
            Page page = context.newPage();
            page.navigate("http://localhost:" + app.port() + TurfCutRoutes.PAGE);
            page.waitForSelector("body[data-view=ready]");
            // latitude first: the server refuses a point thousands of kilometres from the doors
            page.fill("#stations", "20-1");
            page.fill("#meeting", "48.8631, 2.3969");
            page.click("#preview");
            page.waitForSelector("body[data-view=error]");
            assertThat(page.textContent("#message")).startsWith("Point de rendez-vous : ").doesNotContain("meeting_point");
            page.fill("#meeting", "");
            // the refusal was about the point as it was: gone with it (it stayed while the browser blocked the next try)
            assertThat(page.isVisible("#message")).isFalse();
            page.fill("#stations", "vingt");
            page.click("#preview");
            page.waitForFunction("() => /^Bureaux : /.test(document.getElementById('message').textContent)");
            assertThat(page.textContent("#message")).doesNotContain("stations :");
        }
    }

    /**
     * Above the cap the page asks for a sector by its number (a text field, not a list of 35,000 communes), adds its
     * stations on Enter, and keeps a link's stations as given: the server refuses those the caller may not cut.
     */
    @Test
    void aboveTheCapASectorTypedOnThePageAddsItsStations() throws Exception {
        List<String> the20th = codes(ok(send(organizer20, "/api/field/cut-options", null), 200));
        assertThat(the20th).hasSizeGreaterThan(1);
        TurfCutRoutes.optionsMaxStations = 1;
        TestAccounts.Session session = TestAccounts.session(store, organizer20Account);
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setLocale("fr-FR").setViewportSize(1280, 900))) {
            context.addCookies(List.of(new com.microsoft.playwright.options.Cookie(WebSessions.COOKIE, session.cookie())
                    .setDomain("localhost").setPath("/")));
            Page page = context.newPage();
            String base = "http://localhost:" + app.port() + TurfCutRoutes.PAGE;
            page.navigate(base);
            page.waitForSelector("body[data-view=ready]");
            assertThat(page.evaluate("() => document.getElementById('sector').tagName")).isEqualTo("INPUT");
            assertThat(page.locator("#station-codes option").count()).isZero();
            assertThat(page.textContent("#form")).contains("Tapez le numéro d'un arrondissement ou le code INSEE"
                    + " d'une commune (29039), puis Entrée");
            page.fill("#stations", "20-1");
            page.fill("#sector", "20");
            page.press("#sector", "Enter");
            page.waitForFunction("() => document.getElementById('stations').value.split(', ').length > 1");
            List<String> expected = new ArrayList<>(List.of("20-1"));
            the20th.stream().filter(c -> !c.equals("20-1")).forEach(expected::add);
            assertThat(page.inputValue("#stations")).isEqualTo(String.join(", ", expected));
            assertThat(page.inputValue("#sector")).isEmpty();
            assertThat(page.locator("#station-codes option").count()).isEqualTo(the20th.size());
            // a sector not the organizer's, or no sector: said on the page, the stations unchanged
            page.fill("#sector", "11");
            page.press("#sector", "Enter");
            page.waitForFunction("() => /hors de vos secteurs/.test(document.getElementById('message').textContent)");
            page.fill("#sector", "vingt");
            page.press("#sector", "Enter");
            page.waitForFunction("() => /vingt/.test(document.getElementById('message').textContent)");
            assertThat(page.inputValue("#stations")).isEqualTo(String.join(", ", expected));
            // the plan's stations are kept as given: the page lists none to tell the organizer's from the others
            page.navigate(base + "?bureaux=11-1,20-2");
            page.waitForSelector("body[data-view=ready]");
            assertThat(page.inputValue("#stations")).isEqualTo("11-1, 20-2");
            assertThat(page.textContent("#message")).doesNotContain("hors de vos secteurs");
            page.click("#preview");
            page.waitForSelector("body[data-view=error]");
            assertThat(page.textContent("#message")).contains("11-1 hors de vos secteurs");
        } finally {
            TurfCutRoutes.optionsMaxStations = TurfCutRoutes.OPTIONS_MAX_STATIONS;
        }
    }

    /** A polling place's name comes from an imported file: in a turf's « Départ » tooltip it is text, never markup. */
    @Test
    void aPollingPlaceNameIsShownAsTextInTheStartTooltip() throws Exception {
        store.jdbi().useHandle(h -> h.createUpdate("UPDATE station SET place_name = :n, lon = 2.4, lat = 48.865 WHERE code = '20-5'")
                .bind("n", "<img id=\"injected\" src=\"/assets/terrain.css\"><a href=\"https://exemple.org\">École</a>").execute());
        TestAccounts.Session session = TestAccounts.session(store, organizer20Account);
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 900))) {
            context.addCookies(List.of(new com.microsoft.playwright.options.Cookie(WebSessions.COOKIE, session.cookie())
                    .setDomain("localhost").setPath("/")));
            Page page = context.newPage();
            page.navigate("http://localhost:" + app.port() + TurfCutRoutes.PAGE + "?bureaux=20-5");
            page.waitForSelector("body[data-view=ready]");
            page.click("#preview");
            page.waitForSelector("body[data-view=preview]");
            page.locator("#map path.leaflet-interactive[fill='#fff']").first().hover();
            page.waitForSelector(".leaflet-tooltip");
            assertThat(page.textContent(".leaflet-tooltip")).contains("Départ : lieu de vote 20-5 : <img id=\"injected\"");
            assertThat(page.locator(".leaflet-tooltip img, .leaflet-tooltip a").count()).isZero();
        } finally {
            store.jdbi().useHandle(h -> h.createUpdate("UPDATE station SET place_name = NULL, lon = NULL, lat = NULL"
                    + " WHERE code = '20-5'").execute());
        }
    }
}
