package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.account.Role;
import fr.terrain.compliance.PrivacySettings;
import fr.terrain.store.ConsentLedger;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leftover of the last review: walk lists printed from « Découpage » or « Affectation » read « Responsable du
 * traitement : à renseigner » while {@code privacy.properties} names nobody, and nothing on those pages said so. The
 * pages now ask {@code GET /api/field/walk-lists/warning} and show its French warning.
 */
class WalkListWarningWebTest {
    @TempDir
    Path home;

    Store store;
    Javalin app;
    String organizer;
    String admin;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        store = TestStores.h2(home);
        organizer = TestAccounts.session(store, TestAccounts.user(store, "orga20", Role.ORGANIZER, 20)).header();
        admin = TestAccounts.session(store, TestAccounts.user(store, "admin", Role.ADMIN)).header();
        app = WebApp.create(store).start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
    }

    HttpResponse<String> get(String path, String accept) throws Exception {
        return get(path, accept, organizer);
    }

    HttpResponse<String> get(String path, String accept, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).header("Accept", accept)
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode warning() throws Exception {
        return warning(admin);
    }

    JsonNode warning(String cookie) throws Exception {
        HttpResponse<String> r = get(TurfCutRoutes.WALK_LIST_WARNING, "application/json", cookie);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body()).get("warning");
    }

    @Test
    void thePagesThatPrintWalkListsSayWhichSettingTheirLegalNoticeLacks() throws Exception {
        // the text the sheets print, from the same settings: the gap the warning is about is really there
        assertThat(ConsentLedger.canvassNotice(store, PrivacySettings.read(home).identity()).text())
                .contains("Responsable du traitement : à renseigner");
        String text = warning().asText();
        assertThat(text).startsWith("Mention légale incomplète").contains("« à renseigner »")
                .contains("campaign.controller et campaign.contact").contains(home.resolve("privacy.properties").toString())
                .contains("terrain retention policy --init");
        // an organizer cannot change the server's settings: told whom to ask, without the server's paths
        assertThat(warning(organizer).asText()).startsWith("Mention légale incomplète").contains("« à renseigner »")
                .contains("Demandez à l'administrateur de Terrain de renseigner l'identité de la campagne")
                .doesNotContain("privacy.properties").doesNotContain(home.toString()).doesNotContain("terrain ");

        Files.writeString(home.resolve("privacy.properties"), "campaign.controller=Liste Demo\n");
        assertThat(warning().asText()).as("the contact only").contains("Renseignez campaign.contact dans")
                .doesNotContain("campaign.controller");
        Files.writeString(home.resolve("privacy.properties"),
                "campaign.controller=Liste Demo\ncampaign.contact=droits@liste-demo.example\n");
        // complete, but Terrain's default text, which the campaign has not registered: the phone notes no opinion
        assertThat(warning().asText()).startsWith("Mention de porte-à-porte non enregistrée")
                .contains("terrain consent notice terrain-porte-a-porte-1 --channel canvass-opinion");
        assertThat(warning(organizer).asText()).startsWith("Mention de porte-à-porte non enregistrée")
                .contains("demandez-le à l'administrateur de Terrain").doesNotContain("terrain consent");
        ConsentLedger.addNotice(store, "pap-2026-01", fr.terrain.privacy.ConsentChannel.CANVASS_OPINION,
                ConsentLedger.canvassNotice(store, PrivacySettings.read(home).identity()).text(), "test");
        assertThat(warning().isNull()).as("complete and registered: nothing to say").isTrue();

        // both pages that print them carry the place for it and the script that fills it
        for (String page : java.util.List.of(TurfCutRoutes.PAGE, "/terrain/affectation")) {
            assertThat(get(page, "text/html").body()).as(page).contains("<p id=\"walk-list-warning\" class=\"error\" role=\"alert\" hidden>")
                    .contains("<script src=\"/assets/feuilles.js\"></script>");
        }
        assertThat(get("/assets/feuilles.js", "*/*").body()).contains("/api/field/walk-lists/warning");
    }
}
