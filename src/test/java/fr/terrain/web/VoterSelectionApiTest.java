package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.account.Role;
import fr.terrain.election.Election;
import fr.terrain.election.ElectionKind;
import fr.terrain.ingest.ElectoralListReader;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.privacy.VoterSelection;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.AuditLog;
import fr.terrain.store.Elections;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/voters: selections by age, sex, station and arrondissement only; counts for
 * aggregate roles, a list only with personal-data permission and within the caller's sectors;
 * every forbidden criterion refused with the rule; analysts never see a person on any route.
 */
class VoterSelectionApiTest {
    /** Names no answer to an analyst may contain. */
    static final List<String> PERSONAL = List.of("DUPONT", "DURAND", "MARTIN", "Marie", "Lyon", "MAROC", "PICPUS");

    @TempDir
    Path home;

    Store store;
    Javalin app;
    final HttpClient http = HttpClient.newHttpClient();
    final Map<Role, String> tokens = new EnumMap<>(Role.class);

    @BeforeEach
    void start() throws Exception {
        store = TestStores.h2(home);
        Elections.add(store, List.of(new Election("paris-2026-t1", "paris-2026", ElectionKind.MUNICIPALES, "paris", 1,
                LocalDate.of(2026, 3, 15), null)));
        Path list = home.resolve("liste.csv");
        Files.writeString(list, String.join(";", ElectoralListReader.COLUMNS) + "\n"
                + "LG;LE;01/01/2026;75;75112;Paris 12e;1;F;DUPONT;;Marie;03/04/1970;Lyon;69;FRANCE;;École;7;;8;;;12;RUE;DE PICPUS;;75012;PARIS;FRANCE\n"
                + "LG;LE;01/01/2026;75;75112;Paris 12e;2;M;DURAND;;Paul;30/11/2000;Paris;75;FRANCE;;École;7;;8;;;14;RUE;DE PICPUS;;75012;PARIS;FRANCE\n"
                + "LG;LE;01/01/2026;75;75111;Paris 11e;3;F;MARTIN;;Leila;01/06/1985;Rabat;;MAROC;FRANCAISE;École;1;;8;;;3;RUE;DE CHARONNE;;75011;PARIS;FRANCE\n"
                + "LG;LE;01/01/2026;75;75120;Paris 20e;4;M;PETIT;;Jean;15/01/1950;Paris;75;FRANCE;;École;3;;8;;;9;RUE;DES PYRENEES;;75020;PARIS;FRANCE\n",
                StandardCharsets.UTF_8);
        new Importer(store, Progress.NONE, false).voters(list, "paris-2026", SourceCategory.ELECTORAL_LIST, "Préfecture",
                LocalDate.of(2026, 1, 10), Map.of(), null);
        for (Role role : Role.values()) {
            AccountRecord user = TestAccounts.user(store, role.label(), role, 11, 12);
            tokens.put(role, TestAccounts.token(store, user));
        }
        app = WebApp.create(store).start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
    }

    HttpResponse<String> get(Role role, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + pathAndQuery))
                .header("Authorization", "Bearer " + tokens.get(role)).header("Accept", "application/json");
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode ok(Role role, String query) throws Exception {
        HttpResponse<String> r = get(role, "/api/voters?" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    /**
     * Ages are counted today or on a round's day, no other: asking the same list day after day found a voter's birthday,
     * so her birth date, in 11 requests (an organizer's list sorted by age), or a count of one for an analyst (crawl).
     */
    @Test
    void agesAreCountedTodayOrOnARoundsDayOnly() throws Exception {
        for (Role role : List.of(Role.ORGANIZER, Role.ANALYST)) {
            for (String day : List.of("2026-10-02", "2026-03-16", "1990-01-01")) {
                HttpResponse<String> r = get(role, "/api/voters?contest=paris-2026&view=" + (role == Role.ANALYST ? "counts"
                        : "list&sort=age") + "&as_of=" + day);
                assertThat(r.statusCode()).as(role + " " + day + " " + r.body()).isEqualTo(400);
                assertThat(r.body()).contains("as_of=" + day + " : l'âge se compte aujourd'hui (" + LocalDate.now(
                        java.time.ZoneOffset.UTC) + ") ou au jour d'un tour de paris-2026 (2026-03-15)").doesNotContain("DUPONT");
            }
            ok(role, "contest=paris-2026&as_of=2026-03-15");
            ok(role, "contest=paris-2026&as_of=" + LocalDate.now(java.time.ZoneOffset.UTC));
        }
        assertThat(AuditLog.all(store)).noneMatch(e -> e.detail() != null && e.detail().contains("2026-10-02"));
    }

    @Test
    void countsByDefaultForEveryRoleWithAggregatesAndNoPerson() throws Exception {
        HttpResponse<String> r = get(Role.ANALYST, "/api/voters?contest=paris-2026&as_of=2026-03-15");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode counts = Json.MAPPER.readTree(r.body());
        assertThat(counts.get("total").asLong()).isEqualTo(4);
        assertThat(counts.get("bySex").toString()).isEqualTo("{\"F\":2,\"M\":2}");
        assertThat(counts.get("byStation").toString()).isEqualTo("{\"11-1\":1,\"12-7\":2,\"20-3\":1}");
        assertThat(counts.get("byAgeBand").toString()).isEqualTo("{\"25-34\":1,\"35-49\":1,\"50-64\":1,\"65 et plus\":1}");
        assertThat(counts.has("persons")).isFalse();
        PERSONAL.forEach(p -> assertThat(r.body()).doesNotContain(p));
        assertThat(AuditLog.all(store).stream().filter(e -> !e.action().equals("voters.import"))).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("voters.count");
            assertThat(e.actor()).isEqualTo("analyst");
            assertThat(e.records()).isEqualTo(4);
        });
        assertThat(ok(Role.ANALYST, "contest=paris-2026&as_of=2026-03-15&sex=F&age_min=40&arrondissement=12")
                .get("total").asLong()).isEqualTo(1);
        assertThat(ok(Role.ANALYST, "contest=paris-2026&as_of=2026-03-15&age_min=25&age_max=40").get("total").asLong())
                .isEqualTo(2); // 25 (born 30/11/2000) and 40 (born 01/06/1985)
        assertThat(ok(Role.ANALYST, "contest=paris-2026&station=12-7,11-1").get("total").asLong()).isEqualTo(3);
        assertThat(get(Role.CANVASSER, "/api/voters?contest=paris-2026").statusCode()).isEqualTo(403);
        assertThat(get(Role.ANALYST, "/api/voters").statusCode()).isEqualTo(400);
        // a mistyped list is said, not counted as an empty one (« total: 0 », as the command line already refused it)
        HttpResponse<String> typo = get(Role.ANALYST, "/api/voters?contest=paris-2062");
        assertThat(typo.statusCode()).isEqualTo(404);
        assertThat(typo.body()).contains("aucune liste électorale importée pour « paris-2062 » ; listes : paris-2026");
    }

    @Test
    void aListNeedsPersonalDataPermissionAndShowsOnlyTheWalkListFields() throws Exception {
        HttpResponse<String> refused = get(Role.ANALYST, "/api/voters?contest=paris-2026&view=list");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("READ_PERSONAL_DATA");
        PERSONAL.forEach(p -> assertThat(refused.body()).doesNotContain(p));

        JsonNode page = ok(Role.DIRECTOR, "contest=paris-2026&view=list&as_of=2026-03-15&sort=age&page_size=2");
        assertThat(page.get("total").asLong()).isEqualTo(4);
        assertThat(page.get("persons")).hasSize(2);
        JsonNode first = page.get("persons").get(0);
        Set<String> fields = new TreeSet<>();
        first.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("address", "age", "id", "name", "sex", "station");
        assertThat(first.get("age").asInt()).isEqualTo(25);
        assertThat(first.get("name").asText()).isEqualTo("Paul DURAND");
        assertThat(first.get("address").asText()).isEqualTo("14 RUE DE PICPUS");
        JsonNode second = ok(Role.DIRECTOR, "contest=paris-2026&view=list&as_of=2026-03-15&sort=age&page_size=2&page=2");
        assertThat(second.get("persons")).hasSize(2);
        assertThat(second.toString()).doesNotContain("MAROC").doesNotContain("Rabat").doesNotContain("FRANCAISE")
                .doesNotContain("1985");

        long views = AuditLog.all(store).stream().filter(e -> e.action().equals("voters.view")).count();
        assertThat(views).isEqualTo(2);
        var last = AuditLog.all(store).get(AuditLog.all(store).size() - 1);
        assertThat(last.actor()).isEqualTo("director");
        assertThat(last.records()).isEqualTo(2);
        assertThat(last.detail()).contains("sort=age");
    }

    @Test
    void anOrganizerSeesOnlyTheirSectors() throws Exception {
        JsonNode mine = ok(Role.ORGANIZER, "contest=paris-2026&view=list");
        assertThat(mine.get("total").asLong()).isEqualTo(3);
        assertThat(mine.toString()).doesNotContain("PETIT");
        assertThat(ok(Role.ORGANIZER, "contest=paris-2026").get("byStation").toString()).doesNotContain("20-3");
        for (String outside : List.of("arrondissement=20", "station=20-3", "arrondissement=12,20")) {
            HttpResponse<String> r = get(Role.ORGANIZER, "/api/voters?contest=paris-2026&view=list&" + outside);
            assertThat(r.statusCode()).as(outside).isEqualTo(403);
            assertThat(r.body()).contains("hors de vos secteurs (11e, 12e) : 20e");
        }
    }

    /** A mistyped arrondissement is refused saying what to write (ADR 0032), not counted as a sector nobody has. */
    @Test
    void aMistypedArrondissementIsRefusedSayingWhatToWrite() throws Exception {
        HttpResponse<String> paris = get(Role.ANALYST, "/api/voters?contest=paris-2026&arrondissement=75112");
        assertThat(paris.statusCode()).as(paris.body()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(paris.body()).get("error").asText())
                .isEqualTo("arrondissement=75112 : « 75112 » est Paris 12e : écrivez 12");
        HttpResponse<String> none = get(Role.ANALYST, "/api/voters?contest=paris-2026&arrondissement=100");
        assertThat(none.statusCode()).as(none.body()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(none.body()).get("error").asText()).isEqualTo("arrondissement=100 : « 100 » n'est"
                + " ni un arrondissement (1 à 99) ni le code INSEE d'une commune (29039, Corse 2A004)");
        // a Corsican commune as INSEE writes it is a sector (20004), where no voter of this list lives
        assertThat(ok(Role.ANALYST, "contest=paris-2026&arrondissement=2A004").get("total").asLong()).isZero();
        assertThat(ok(Role.ANALYST, "contest=paris-2026&arrondissement=012").get("total").asLong()).isEqualTo(2);
    }

    @Test
    void everyForbiddenCriterionIsRefusedWithTheRuleAsParameterSortKeyOrField() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String name : VoterSelection.FORBIDDEN) {
            for (String query : List.of(name + "=X", "sort=" + name, "sort=-" + name, "order_by=" + name,
                    "fields=station," + name)) {
                for (Role role : List.of(Role.DIRECTOR, Role.ANALYST)) {
                    HttpResponse<String> r = get(role, "/api/voters?contest=paris-2026&view="
                            + (role == Role.DIRECTOR ? "list&" : "counts&") + URLEncoder.encode(query,
                                    StandardCharsets.UTF_8).replace("%3D", "=").replace("%2C", ","));
                    soft.assertThat(r.statusCode()).as(role + " " + query).isEqualTo(400);
                    soft.assertThat(r.body()).as(query).contains("Code électoral L.37");
                }
            }
        }
        HttpResponse<String> unknown = get(Role.DIRECTOR, "/api/voters?contest=paris-2026&religion=x");
        soft.assertThat(unknown.statusCode()).isEqualTo(400);
        soft.assertThat(unknown.body()).contains("paramètre « religion » inconnu");
        // the command line's --election: the API's name for it, not the L.37 lecture (found by a crawl)
        HttpResponse<String> election = get(Role.DIRECTOR, "/api/voters?election=paris-2026");
        soft.assertThat(election.statusCode()).isEqualTo(400);
        soft.assertThat(election.body()).contains("paramètre « election » inconnu : la liste électorale se choisit par"
                + " contest=ID").doesNotContain("L.37");
        soft.assertThat(get(Role.DIRECTOR, "/api/voters?contest=paris-2026&NOM=x").statusCode()).isEqualTo(400);
        soft.assertThat(get(Role.DIRECTOR, "/api/voters?contest=paris-2026&Nationalit%C3%A9=x").body())
                .contains("Code électoral L.37");
        soft.assertAll();
        assertThat(AuditLog.all(store)).noneSatisfy(e -> assertThat(e.action()).isEqualTo("voters.view"));
    }

    /** Field-level permissions: whatever route and parameters an analyst tries, no person comes back. */
    @Test
    void anAnalystNeverGetsAPersonFromAnyRoute() throws Exception {
        neverGetsAPerson(Role.ANALYST, Set.of());
    }

    /** The DPO sees a person's whole file, but only through the rights requests (where a person asked). */
    @Test
    void theDpoGetsAPersonFromNoRouteButTheRightsRequests() throws Exception {
        neverGetsAPerson(Role.DPO, Set.of(fr.terrain.account.Permission.HANDLE_RIGHTS));
        assertThat(get(Role.DPO, "/api/voters?contest=paris-2026&view=list").statusCode()).isEqualTo(403);
    }

    private void neverGetsAPerson(Role role, Set<fr.terrain.account.Permission> except) throws Exception {
        String query = "?contest=paris-2026&election=paris-2026-t1&view=list&format=csv&page=1&indicator=registered";
        SoftAssertions soft = new SoftAssertions();
        for (WebRoute route : WebApp.routes(store)) {
            if (route.method() != HandlerType.GET || route.permission().filter(except::contains).isPresent()) {
                continue;
            }
            String path = route.path().replaceAll("\\{[^}]*}|<[^>]*>", "paris-2026");
            HttpResponse<String> r = get(role, path + query);
            for (String p : PERSONAL) {
                soft.assertThat(r.body()).as(route.path() + " → " + r.statusCode()).doesNotContain(p);
            }
        }
        soft.assertAll();
    }

    @Test
    void strictTransportSecurityOnlyBehindTls() throws Exception {
        HttpResponse<String> plain = get(Role.ANALYST, "/api/me");
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
        app.stop(); // behind a proxy the campaign trusts, which says the request came over TLS
        app = WebApp.create(store, fr.terrain.web.map.MapSettings.fromEnvironment(), java.util.List.of(),
                new ClientAddress(java.util.Set.of("127.0.0.1"))).start(0);
        HttpResponse<String> tls = get(Role.ANALYST, "/api/me", "X-Forwarded-Proto", "https");
        assertThat(tls.headers().firstValue("Strict-Transport-Security")).contains(WebApp.STRICT_TRANSPORT_SECURITY);
        assertThat(tls.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(tls.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'")
                .contains("script-src 'self';");
    }
}
