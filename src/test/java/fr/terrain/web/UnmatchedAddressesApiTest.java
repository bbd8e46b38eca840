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
import fr.terrain.store.AccountRecord;
import fr.terrain.store.AuditLog;
import fr.terrain.store.Elections;
import fr.terrain.store.HashKeyFile;
import fr.terrain.store.Persons;
import fr.terrain.store.Store;
import fr.terrain.store.SuppressionList;
import fr.terrain.store.TestStores;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /adresses/non-rapprochees} and its API: the list's records without a BAN address (addresses
 * only, organizers in their sectors only), corrected and re-matched at once, the correction kept across
 * a new import of the list, every view and correction audited.
 */
class UnmatchedAddressesApiTest {
    /** Names and birth places of the list: no answer may contain them. */
    static final List<String> PERSONAL = List.of("DUPONT", "DURAND", "MARTIN", "PETIT", "BERNARD", "Marie", "Leila",
            "Rabat", "Nantes");

    @TempDir
    Path home;

    Store store;
    Javalin app;
    Path list;
    final HttpClient http = HttpClient.newHttpClient();
    final Map<Role, String> tokens = new EnumMap<>(Role.class);

    @BeforeEach
    void start() throws Exception {
        store = TestStores.h2(home);
        Elections.add(store, List.of(new Election("paris-2026-t1", "paris-2026", ElectionKind.MUNICIPALES, "paris", 1,
                LocalDate.of(2026, 3, 15), null)));
        Path ban = home.resolve("adresses.csv");
        Files.writeString(ban, "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;lon;lat\n"
                + "75112_7302_00012;75112_7302;12;;Rue de Picpus;75012;75112;Paris 12e Arrondissement;2.3960;48.8450\n"
                + "75112_7302_00014;75112_7302;14;;Rue de Picpus;75012;75112;Paris 12e Arrondissement;2.3961;48.8449\n"
                + "75111_1815_00003;75111_1815;3;;Rue de Charonne;75011;75111;Paris 11e Arrondissement;2.3760;48.8530\n"
                + "75120_7869_00009;75120_7869;9;;Rue des Pyrénées;75020;75120;Paris 20e Arrondissement;2.4000;48.8600\n",
                StandardCharsets.UTF_8);
        new Importer(store, Progress.NONE, false).addresses(ban);
        // Durand's street is misspelt (PICPSU), and Bernard's at the same address spelt in another case; Martin's
        // too (CHARONE), Petit's number does not exist
        list = home.resolve("liste.csv");
        Files.writeString(list, String.join(";", ElectoralListReader.COLUMNS) + "\n"
                + "LG;LE;01/01/2026;75;75112;Paris 12e;1;F;DUPONT;;Marie;03/04/1970;Lyon;69;FRANCE;;École;7;;8;;;12;RUE;DE PICPUS;;75012;PARIS;FRANCE\n"
                + "LG;LE;01/01/2026;75;75112;Paris 12e;2;M;DURAND;;Paul;30/11/2000;Paris;75;FRANCE;;École;7;;8;APT 4;;14;RUE;DE PICPSU;;75012;PARIS;FRANCE\n"
                + "LG;LE;01/01/2026;75;75111;Paris 11e;3;F;MARTIN;;Leila;01/06/1985;Rabat;;MAROC;FRANCAISE;École;1;;8;;;3;RUE;DE CHARONE;;75011;PARIS;FRANCE\n"
                + "LG;LE;01/01/2026;75;75120;Paris 20e;4;M;PETIT;;Jean;15/01/1950;Paris;75;FRANCE;;École;3;;8;;;999;RUE;DES PYRENEES;;75020;PARIS;FRANCE\n"
                + "LG;LE;01/01/2026;75;75112;Paris 12e;5;F;BERNARD;;Anne;02/02/1962;Nantes;44;FRANCE;;École;7;;8;APT 5;;14;Rue;de Picpsu;;75012;PARIS;FRANCE\n",
                StandardCharsets.UTF_8);
        importList();
        for (Role role : Role.values()) {
            AccountRecord user = TestAccounts.user(store, role.label(), role, 11, 12);
            tokens.put(role, TestAccounts.token(store, user));
        }
        app = WebApp.create(store).start(0);
    }

    private void importList() {
        new Importer(store, Progress.NONE, false, HashKeyFile.load(home)).voters(list, "paris-2026", SourceCategory.ELECTORAL_LIST, "Préfecture",
                LocalDate.of(2026, 1, 10), Map.of(), null);
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
    }

    HttpResponse<String> get(Role role, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Authorization", "Bearer " + tokens.get(role)).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(Role role, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Authorization", "Bearer " + tokens.get(role)).header("Accept", "application/json")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode unmatched(Role role) throws Exception {
        HttpResponse<String> r = get(role, "/api/addresses/unmatched");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        PERSONAL.forEach(p -> assertThat(r.body()).doesNotContain(p));
        return Json.MAPPER.readTree(r.body());
    }

    static List<String> streets(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("unmatched").forEach(r -> out.add(r.get("number").asText() + " " + r.get("streetName").asText()));
        return out;
    }

    long voterId(String street) throws Exception {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT id FROM voter WHERE street_name = :s")
                .bind("s", street).mapTo(Long.class).one());
    }

    @Test
    void theListShowsEachAddressOnceWithItsVotersAndTheReasonAndOrganizersOnlyTheirSectors() throws Exception {
        JsonNode all = unmatched(Role.DIRECTOR);
        assertThat(all.get("contest").asText()).isEqualTo("paris-2026");
        assertThat(all.get("voters").asLong()).isEqualTo(5);
        assertThat(all.get("unmatchedVoters").asLong()).isEqualTo(4);
        assertThat(all.get("addresses").asLong()).isEqualTo(3);
        // one row per listed address, the one with most voters first (Durand's and Bernard's, spelt two ways)
        assertThat(streets(all)).containsExactly("14 DE PICPSU", "3 DE CHARONE", "999 DES PYRENEES");
        JsonNode durand = all.get("unmatched").get(0);
        assertThat(durand.get("voterId").asLong()).isEqualTo(voterId("DE PICPSU"));
        assertThat(durand.get("voters").asInt()).isEqualTo(2);
        assertThat(durand.get("complements").asInt()).isEqualTo(2);
        assertThat(durand.get("reason").asText()).isEqualTo("unknown_street");
        assertThat(durand.get("reasonLabel").asText()).isEqualTo("voie inconnue");
        assertThat(durand.get("station").asText()).isEqualTo("12-7");
        assertThat(all.get("unmatched").get(2).get("reason").asText()).isEqualTo("unknown_number");
        assertThat(all.get("byReason").get("voie inconnue").asInt()).isEqualTo(3);

        JsonNode organizer = unmatched(Role.ORGANIZER); // sectors 11 and 12: not the 20th
        assertThat(organizer.get("voters").asLong()).isEqualTo(4);
        // the page says « dans vos secteurs » to the organizer, « sur la liste » to the direction
        assertThat(organizer.get("allSectors").asBoolean()).isFalse();
        assertThat(all.get("allSectors").asBoolean()).isTrue();
        assertThat(organizer.get("unmatchedVoters").asLong()).isEqualTo(3);
        assertThat(streets(organizer)).containsExactly("14 DE PICPSU", "3 DE CHARONE");

        assertThat(get(Role.ANALYST, "/api/addresses/unmatched").statusCode()).isEqualTo(403);
        assertThat(get(Role.CANVASSER, "/api/addresses/unmatched").statusCode()).isEqualTo(403);
        assertThat(get(Role.DIRECTOR, "/api/addresses/unmatched?contest=paris-2032").statusCode()).isEqualTo(404);
        assertThat(AuditLog.all(store).stream().filter(e -> e.action().equals("voters.unmatched.view")))
                .extracting(e -> e.actor() + ":" + e.records()).containsExactly("director:4", "organizer:3");
        HttpResponse<String> page = get(Role.ORGANIZER, "/adresses/non-rapprochees");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("non-rapprochees.js");
    }

    @Test
    void aCorrectionIsRematchedAtOnceKeptOnlyWhenItMatchesAuditedAndSurvivesANewImport() throws Exception {
        long durand = voterId("DE PICPSU");
        String path = "/api/addresses/unmatched/" + durand + "/correction";

        HttpResponse<String> still = post(Role.ORGANIZER, path, "{\"number\": \"14\", \"street\": \"Rue de Picpsu\"}");
        assertThat(still.statusCode()).isEqualTo(422);
        assertThat(still.body()).contains("voie inconnue").contains("rien n'est enregistré");
        assertThat(post(Role.ORGANIZER, path, "{\"number\": \"quatorze\", \"street\": \"Rue de Picpus\"}").body())
                .contains("numéro illisible");
        assertThat(post(Role.ORGANIZER, path, "pas du JSON").statusCode()).isEqualTo(400);
        assertThat(count()).isZero();

        // the 20th is outside the organizer's sectors: the same answer as a record that does not exist
        long petit = voterId("DES PYRENEES");
        HttpResponse<String> outside = post(Role.ORGANIZER, "/api/addresses/unmatched/" + petit + "/correction",
                "{\"number\": \"9\", \"street\": \"Rue des Pyrénées\"}");
        assertThat(outside.statusCode()).isEqualTo(404);
        assertThat(post(Role.ANALYST, path, "{\"number\": \"14\", \"street\": \"Rue de Picpus\"}").statusCode()).isEqualTo(403);
        assertThat(count()).isZero();

        HttpResponse<String> ok = post(Role.ORGANIZER, path, "{\"number\": \"14\", \"street\": \"rue de picpus\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode reply = Json.MAPPER.readTree(ok.body());
        assertThat(reply.get("banId").asText()).isEqualTo("75112_7302_00014");
        assertThat(reply.get("quality").asText()).isEqualTo("exact");
        assertThat(reply.get("votersCorrected").asLong()).isEqualTo(2);
        PERSONAL.forEach(p -> assertThat(ok.body()).doesNotContain(p));
        assertThat(streets(unmatched(Role.ORGANIZER))).containsExactly("3 DE CHARONE");
        assertThat(count()).isEqualTo(1);
        assertThat(AuditLog.all(store).stream().filter(e -> e.action().equals("voters.address-correct"))).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("organizer");
                    assertThat(e.target()).isEqualTo("voter:" + durand);
                    assertThat(e.detail()).contains("14 rue de picpus");
                });
        // no name nor birth date in the stored correction: only the address as listed and as corrected
        String stored = store.jdbi().withHandle(h -> h.createQuery("SELECT * FROM address_correction").mapToMap().one())
                .toString();
        assertThat(stored).contains("PICPSU").doesNotContain("DURAND").doesNotContain("Paul").doesNotContain("2000");

        // a voter row deleted without an import (Leila Martin objects): the list follows at once
        SuppressionList.addPerson(store, HashKeyFile.load(home), Persons.forVoter(store, voterId("DE CHARONE")),
                SuppressionList.Reason.OBJECTION, "letter", "dpo");
        assertThat(streets(unmatched(Role.ORGANIZER))).isEmpty();

        // the list imported anew (new voter rows, without the objector): the correction still applies
        List<String> lines = new ArrayList<>(Files.readAllLines(list));
        java.util.Collections.reverse(lines.subList(1, lines.size()));
        list = home.resolve("liste-2.csv");
        Files.write(list, lines);
        importList();
        assertThat(voterId("DE PICPSU")).isNotEqualTo(durand);
        JsonNode after = unmatched(Role.DIRECTOR);
        assertThat(streets(after)).containsExactly("999 DES PYRENEES");
    }

    /**
     * An organizer's lists are those with voters in their sectors, the latest first: a list of Concarneau imported
     * after Paris's is the director's default, not the Paris organizers' (who read « 0 … sur 0 » on it), and the
     * Concarneau organizer's only one.
     */
    @Test
    void anOrganizerIsOfferedTheListsWithVotersInTheirSectorsOnly() throws Exception {
        Elections.add(store, List.of(new Election("concarneau-2026-t1", "concarneau-2026", ElectionKind.MUNICIPALES,
                "concarneau", 1, LocalDate.of(2026, 3, 15), null)));
        Path concarneau = home.resolve("liste-concarneau.csv");
        Files.writeString(concarneau, String.join(";", ElectoralListReader.COLUMNS) + "\n"
                + "LG;LE;01/01/2026;29;29039;Concarneau;1;F;LE GALL;;Anne;02/02/1962;Quimper;29;FRANCE;;École;1;;8;;;5;QUAI;CARNOT;;29900;CONCARNEAU;FRANCE\n"
                // a voter the list gives no bureau: the direction's to see, counted for the commune's organizer
                + "LG;LE;01/01/2026;29;29039;Concarneau;2;M;LE BRIS;;Yann;03/03/1963;Quimper;29;FRANCE;;;;;8;;;7;QUAI;CARNOT;;29900;CONCARNEAU;FRANCE\n",
                StandardCharsets.UTF_8);
        new Importer(store, Progress.NONE, false, HashKeyFile.load(home)).voters(concarneau, "concarneau-2026",
                SourceCategory.ELECTORAL_LIST, "Mairie", LocalDate.of(2026, 1, 10), Map.of(), null);
        String token = TestAccounts.token(store, TestAccounts.user(store, "orga-concarneau", Role.ORGANIZER, 29039));

        JsonNode director = unmatched(Role.DIRECTOR);
        assertThat(director.get("contest").asText()).isEqualTo("concarneau-2026");
        assertThat(director.get("contests")).extracting(JsonNode::asText).containsExactly("concarneau-2026", "paris-2026");
        JsonNode paris = unmatched(Role.ORGANIZER);
        assertThat(paris.get("contest").asText()).isEqualTo("paris-2026");
        assertThat(paris.get("contests")).extracting(JsonNode::asText).containsExactly("paris-2026");
        HttpResponse<String> other = get(Role.ORGANIZER, "/api/addresses/unmatched?contest=concarneau-2026");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("aucun électeur importé pour « concarneau-2026 » dans vos secteurs");
        HttpResponse<String> own = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port()
                        + "/api/addresses/unmatched")).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(own.body()).get("contests")).extracting(JsonNode::asText)
                .containsExactly("concarneau-2026");
        assertThat(Json.MAPPER.readTree(own.body()).get("voters").asLong()).isEqualTo(1);
        assertThat(Json.MAPPER.readTree(own.body()).get("votersWithoutStationHidden").asLong()).isEqualTo(1);
        assertThat(director.get("voters").asLong()).isEqualTo(2);
        assertThat(director.get("votersWithoutStationHidden").asLong()).isZero();
        assertThat(paris.get("votersWithoutStationHidden").asLong()).isZero();
    }

    @Test
    void aPageOfAddressesAtATime() throws Exception {
        JsonNode second = Json.MAPPER.readTree(get(Role.DIRECTOR, "/api/addresses/unmatched?offset=1&limit=1").body());
        assertThat(second.get("addresses").asLong()).isEqualTo(3);
        assertThat(second.get("offset").asInt()).isEqualTo(1);
        assertThat(second.get("limit").asInt()).isEqualTo(1);
        assertThat(streets(second)).containsExactly("3 DE CHARONE");
        assertThat(streets(Json.MAPPER.readTree(get(Role.DIRECTOR, "/api/addresses/unmatched?offset=3").body()))).isEmpty();
        assertThat(get(Role.DIRECTOR, "/api/addresses/unmatched?offset=" + Integer.MAX_VALUE).statusCode()).isEqualTo(200);
        assertThat(AuditLog.all(store).stream().filter(e -> e.action().equals("voters.unmatched.view")))
                .extracting(e -> e.records() + " " + e.detail())
                .containsExactly("1 tous secteurs ; adresses 2–2 sur 3", "0 tous secteurs ; aucune adresse affichée sur 3",
                        "0 tous secteurs ; aucune adresse affichée sur 3");

        HttpResponse<String> wrong = get(Role.DIRECTOR, "/api/addresses/unmatched?limit=5000");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("limit : un nombre entier de 1 à 1000 est attendu, pas « 5000 »");
        assertThat(get(Role.DIRECTOR, "/api/addresses/unmatched?offset=-1").body())
                .contains("offset : un nombre entier d'au moins 0 est attendu");
    }

    long count() {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM address_correction").mapTo(Long.class).one());
    }
}
