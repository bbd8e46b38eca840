package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.account.Role;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A NUL character in a request: PostgreSQL refuses it in any text, and the sign-in form, the voters' and the plan's
 * filters, the audit page's and an address correction answered 500 (H2 took it). Refused with a 400 before any route,
 * as a page for a form and as JSON for the API (found by a crawl on PostgreSQL).
 */
class NulCharacterWebTest {
    Store store;
    Javalin app;
    TestAccounts.Session director;
    TestAccounts.Session admin;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        store = TestStores.postgres();
        app = WebApp.create(store).start(0);
        director = TestAccounts.session(store, TestAccounts.user(store, "directrice", Role.DIRECTOR));
        admin = TestAccounts.session(store, TestAccounts.user(store, "admin", Role.ADMIN));
    }

    @AfterEach
    void stop() {
        app.stop();
        TestStores.dropSchema(store);
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path));
    }

    HttpResponse<String> get(TestAccounts.Session s, String path) throws Exception {
        return send(to(path).header("Cookie", s.header()).header("Accept", "application/json"));
    }

    @Test
    void theSignInFormWithANulInTheNameIsRefusedAsAPage() throws Exception {
        HttpResponse<String> form = send(to("/login").header("Accept", "text/html"));
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(m.find()).isTrue();
        String cookie = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(AuthRoutes.LOGIN_CSRF_COOKIE))
                .findFirst().orElseThrow();
        String body = "_csrf=" + m.group(1) + "&name=" + URLEncoder.encode("di\0rk", StandardCharsets.UTF_8) + "&password=x";
        HttpResponse<String> r = send(to("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").header("Cookie", cookie.substring(0, cookie.indexOf(';')))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).contains("caractère nul (U+0000) dans la requête : refusé");
    }

    @Test
    void filtersAndACorrectionWithANulAreRefusedAsJson() throws Exception {
        for (HttpResponse<String> r : java.util.List.of(
                get(director, "/api/voters?contest=paris-2027%00&station=12-7"),
                get(director, "/api/plan?election=paris-2020-t1&bloc=a%00b&hours=100"),
                get(admin, "/api/audit?actor=a%00b"),
                send(to("/api/addresses/unmatched/1/correction").header("Cookie", director.header())
                        .header(Gate.CSRF_HEADER, director.csrf()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"number\":\"1\",\"street\":\"Cour de\\u0000 l'Ours\"}"))))) {
            assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(400);
            assertThat(r.body()).contains("caractère nul");
        }
        // in JSON, « %00 » is text (a link in an e-mail, say), not a NUL: the route answers for itself
        HttpResponse<String> text = send(to("/api/addresses/unmatched/1/correction").header("Cookie", director.header())
                .header(Gate.CSRF_HEADER, director.csrf()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"number\":\"1\",\"street\":\"rue 100%00\"}")));
        assertThat(text.body()).doesNotContain("caractère nul");
        // the same requests without it reach their routes
        assertThat(get(director, "/api/plan?election=paris-2020-t1&bloc=ab&hours=100").body()).doesNotContain("caractère nul");
        assertThat(get(admin, "/api/audit?actor=ab").statusCode()).isEqualTo(200);
    }
}
