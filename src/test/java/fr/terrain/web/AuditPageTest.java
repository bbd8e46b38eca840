package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.account.Role;
import fr.terrain.store.AuditLog;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit page: the administrator sees the entries and whether the chain holds; nobody else sees it. */
class AuditPageTest {
    @TempDir
    Path home;

    Store store;
    Javalin app;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        store = TestStores.h2(home);
        app = WebApp.create(store).start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
    }

    private HttpResponse<String> get(String path, Role role) throws Exception {
        var user = TestAccounts.user(store, role.label() + System.nanoTime() % 100000, role);
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Cookie", TestAccounts.session(store, user).header()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAdministratorSeesTheEntriesEscapedAndWhetherTheChainHolds() throws Exception {
        AuditLog.append(store, "cli:root", "user.add", "user:<script>", 0, "rôle analyst");
        AuditLog.append(store, "claire", "voters.import", "voters:paris-2026:electoral-list", 4000, "import n° 1");
        HttpResponse<String> page = get("/audit", Role.ADMIN);
        assertThat(page.statusCode()).isEqualTo(200);
        // French day first, time in UTC; numbers grouped by thousands
        String today = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy").format(java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        assertThat(page.body()).containsPattern("<td>" + today + " \\d{2}:\\d{2}:\\d{2}</td>")
                .containsPattern("<td class=\"n\">4[\\s\u00a0\u202f]000</td>");
        assertThat(page.body()).contains("Journal intact : 2 entrées", "user:&lt;script&gt;",
                        "<td>données personnelles importées <code>voters.import</code></td>", "compte créé <code>user.add</code>")
                .doesNotContain("user:<script>");
        assertThat(get("/audit?actor=claire", Role.ADMIN).body()).contains("voters.import").doesNotContain("user.add");
        assertThat(get("/api/audit?since=2000-01-01", Role.ADMIN).body()).contains("\"intact\" : true", "\"entries\" : 2");
        assertThat(get("/api/audit?since=hier", Role.ADMIN).statusCode()).isEqualTo(400);

        store.jdbi().useHandle(h -> h.execute("UPDATE audit_entry SET records = 4 WHERE seq = 2"));
        assertThat(get("/audit", Role.ADMIN).body()).contains("Journal altéré", "entrée n° 2");

        assertThat(get("/audit", Role.DIRECTOR).statusCode()).isEqualTo(403);
        assertThat(get("/api/audit", Role.ANALYST).statusCode()).isEqualTo(403);
    }
}
