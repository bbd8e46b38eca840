package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code terrain serve} writes to its log when a request fails unexpectedly (PRIVACY.md, docs/deploy.md). */
class ServerLogTest {
    @TempDir
    Path home;

    /**
     * A database quotes the row it refused (« Key (email)=(…) already exists »): the log keeps the error, the route and
     * where it happened, not the address.
     */
    @Test
    void anUnexpectedErrorIsLoggedWithItsTraceButWithoutTheAddressesItsMessageQuotes() throws Exception {
        WebRoute failing = WebRoute.open(HandlerType.GET, "/test/failing", ctx -> {
            throw new IllegalStateException("duplicate key", new RuntimeException(
                    "ERROR: duplicate key value violates unique constraint Key (email)=(jeanne.martin@example.org)"));
        });
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        try (Store store = TestStores.h2(home)) {
            Javalin app = WebApp.create(store, fr.terrain.web.map.MapSettings.fromEnvironment(), List.of(failing),
                    new ClientAddress(java.util.Set.of())).start(0);
            try {
                System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/test/failing")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(500);
            } finally {
                System.setErr(err);
                app.stop();
            }
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("erreur interne : GET /test/failing")
                .contains("duplicate key").contains("ServerLogTest").doesNotContain("jeanne.martin@");
    }
}
