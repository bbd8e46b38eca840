package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.account.Role;
import fr.terrain.compliance.PrivacySettings;
import fr.terrain.compliance.RetentionRun;
import fr.terrain.election.Election;
import fr.terrain.election.ElectionKind;
import fr.terrain.ingest.ElectoralListReader;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.AuditLog;
import fr.terrain.store.Elections;
import fr.terrain.store.HashKeyFile;
import fr.terrain.store.Store;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code /conformite} page: policy, a dry run that deletes nothing, past reports, the register on the fly. */
class CompliancePageTest {
    @TempDir
    Path home;

    Store store;
    Javalin app;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        store = TestStores.h2(home);
        // An election whose last round is long past: its electoral list is due for deletion today.
        Elections.add(store, List.of(
                new Election("paris-2020-t1", "paris-2020", ElectionKind.MUNICIPALES, "paris", 1, LocalDate.of(2020, 3, 15), null),
                new Election("paris-2020-t2", "paris-2020", ElectionKind.MUNICIPALES, "paris", 2, LocalDate.of(2020, 6, 28), null)));
        Path list = home.resolve("liste.csv");
        Files.writeString(list, String.join(";", ElectoralListReader.COLUMNS) + "\n"
                + "LG;LE;01/01/2020;75;75112;Paris 12e;1;F;DUPONT;;Marie;03/04/1970;Lyon;69;FRANCE;;École;7;;8;;;12;RUE;DE PICPUS;;75012;PARIS;FRANCE\n"
                + "LG;LE;01/01/2020;75;75112;Paris 12e;1;M;MARTIN;;Paul;05/06/1981;Paris;75;FRANCE;;École;7;;9;;;14;RUE;DE PICPUS;;75012;PARIS;FRANCE\n",
                StandardCharsets.UTF_8);
        new Importer(store, Progress.NONE, false, HashKeyFile.load(home)).voters(list, "paris-2020",
                SourceCategory.ELECTORAL_LIST, "Préfecture de police", LocalDate.of(2020, 1, 10), Map.of(), null);
        app = WebApp.create(store).start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
    }

    private <T> HttpResponse<T> get(String path, Role role, HttpResponse.BodyHandler<T> body) throws Exception {
        var user = TestAccounts.user(store, role.label() + System.nanoTime() % 100000, role);
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Cookie", TestAccounts.session(store, user).header()).build(), body);
    }

    private HttpResponse<String> get(String path, Role role) throws Exception {
        return get(path, role, HttpResponse.BodyHandlers.ofString());
    }

    private long voters() {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM voter").mapTo(Long.class).one());
    }

    @Test
    void theAdministratorSeesThePolicyAndADryRunThatDeletesNothing() throws Exception {
        RetentionRun.run(store, home, PrivacySettings.read(home).retention(), LocalDate.of(2020, 7, 1), true, "test");
        int auditBefore = AuditLog.all(store).size();

        HttpResponse<String> page = get("/conformite", Role.ADMIN);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(page.body()).contains("Conformité RGPD", "Politique en vigueur", "electoral-list", "Simulation au ",
                "2 enregistrement(s) seraient supprimés", "à supprimer", "paris-2020", "Rien n'a été supprimé",
                "retention-2020-07-01-", "-simulation.md", "/conformite/registre.pdf", "/conformite/registre.md",
                "/conformite/aipd.md", "href=\"/audit\"", "href=\"/droits\"");
        // sources in words with the id privacy.properties uses, days written the French way
        assertThat(page.body()).contains("liste électorale (Code électoral L.37) <code>electoral-list</code>")
                .containsPattern("Simulation au \\d{2}/\\d{2}/\\d{4} : ")
                // the demo's daily run deletes nothing: the page does not promise it does
                .contains("applique la politique chaque jour (<code>./terrain demo</code> ne fait que la simuler)")
                // the decisions' table scrolls in its own box on a phone, not the page
                .contains("<div class=\"scroll\"><table><thead><tr><th>Décision</th>");
        // no script but the session's (name and sign-out token), none written inline
        assertThat(page.body().replace("<script src=\"/assets/session.js\"></script>", "")).doesNotContain("<script");

        assertThat(voters()).as("viewing the page deletes nothing").isEqualTo(2);
        assertThat(AuditLog.all(store)).hasSize(auditBefore);
        // the most recent run first, whatever the day it was run « as of » (the names sort by that day first)
        Path reports = home.resolve("reports");
        java.nio.file.Files.writeString(reports.resolve("retention-2026-04-15-20990101T000000Z-simulation.md"), "");
        java.nio.file.Files.writeString(reports.resolve("retention-2030-01-01-20000101T000000Z-simulation.md"), "");
        String listed = get("/conformite", Role.ADMIN).body();
        assertThat(listed.indexOf("retention-2026-04-15-20990101T000000Z")).isPositive()
                .isLessThan(listed.indexOf("retention-2020-07-01-"));
        assertThat(listed.indexOf("retention-2020-07-01-")).isLessThan(listed.indexOf("retention-2030-01-01-20000101T000000Z"));

        HttpResponse<byte[]> pdf = get("/conformite/registre.pdf", Role.ADMIN, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF");
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        HttpResponse<String> md = get("/conformite/registre.md", Role.ADMIN);
        assertThat(md.statusCode()).isEqualTo(200);
        assertThat(md.body()).contains("electoral-list");
        assertThat(get("/conformite/aipd.md", Role.ADMIN).statusCode()).isEqualTo(200);
        assertThat(voters()).isEqualTo(2);
        assertThat(get("/audit", Role.ADMIN).body()).contains("href=\"/conformite\"");
    }

    @Test
    void onlyTheAdministratorGetsIt() throws Exception {
        for (String path : List.of("/conformite", "/conformite/registre.md", "/conformite/registre.pdf", "/conformite/aipd.md")) {
            assertThat(get(path, Role.DIRECTOR).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(voters()).isEqualTo(2);
    }

    @Test
    void withoutADataDirectoryThePageSaysSoAndShowsTheDefaultPolicy() throws Exception {
        try (Store bare = Store.url("jdbc:h2:mem:conformite" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", null, null, null)) {
            assertThat(bare.home()).isEmpty();
            Javalin other = WebApp.create(bare).start(0);
            try {
                var user = TestAccounts.user(bare, "admin-bare", Role.ADMIN);
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + other.port()
                        + "/conformite")).header("Cookie", TestAccounts.session(bare, user).header()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).contains("Pas de répertoire des données", "Politique en vigueur",
                        "0 enregistrement(s) seraient supprimés");
            } finally {
                other.stop();
            }
        }
    }
}
