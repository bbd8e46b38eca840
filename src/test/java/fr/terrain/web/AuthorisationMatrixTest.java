package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.account.Role;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of {@link WebApp#routes} × every caller (anonymous, a session of each role, an API
 * token of each role): the gate lets through exactly the callers whose role carries the route's
 * permission. It walks the route table, so routes added later are checked without a change here.
 */
class AuthorisationMatrixTest {
    private static final Set<HandlerType> CHANGES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);

    @TempDir
    Path home;

    Store store;
    Javalin app;
    final HttpClient http = HttpClient.newHttpClient();
    final Map<Role, AccountRecord> users = new EnumMap<>(Role.class);

    @BeforeEach
    void start() {
        store = TestStores.h2(home);
        for (Role role : Role.values()) {
            users.put(role, TestAccounts.user(store, role.label(), role, 11, 12));
        }
        app = WebApp.create(store).start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
    }

    /** Who calls: nobody, a browser session, or a script's token. */
    sealed interface Caller permits Anonymous, BySession, ByToken {}

    record Anonymous(boolean browser) implements Caller {}

    record BySession(Role role) implements Caller {}

    record ByToken(Role role) implements Caller {}

    @Test
    void everyRouteAdmitsExactlyTheRolesThatCarryItsPermission() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        int checked = 0;
        for (WebRoute route : WebApp.routes(store)) {
            String path = route.path().replaceAll("\\{[^}]*}|<[^>]*>", "1");
            for (Caller caller : callers()) {
                HttpResponse<String> r = send(route.method(), path, caller);
                String what = route.method() + " " + route.path() + " as " + caller + " → " + r.statusCode() + " "
                        + r.body().substring(0, Math.min(120, r.body().length()));
                int status = r.statusCode();
                String location = r.headers().firstValue("Location").orElse("");
                soft.assertThat(status).as(what).isLessThan(500);
                if (route.permission().isEmpty()) {
                    soft.assertThat(status).as(what).isNotEqualTo(401);
                    soft.assertThat(location).as(what).doesNotStartWith("/login?next=");
                } else if (caller instanceof Anonymous a) {
                    boolean page = a.browser() && !path.startsWith("/api/") && route.method() == HandlerType.GET;
                    if (page) {
                        soft.assertThat(status).as(what).isEqualTo(302);
                        soft.assertThat(location).as(what).startsWith("/login?next=");
                    } else {
                        soft.assertThat(status).as(what).isEqualTo(401);
                        if (!a.browser() || path.startsWith("/api/")) {
                            soft.assertThat(r.body()).as(what).contains("\"error\"");
                        }
                    }
                } else {
                    Role role = caller instanceof BySession s ? s.role() : ((ByToken) caller).role();
                    if (role.has(route.permission().get())) {
                        soft.assertThat(status).as(what).isNotIn(401, 403);
                    } else {
                        soft.assertThat(status).as(what).isEqualTo(403);
                    }
                }
                checked++;
            }
        }
        soft.assertAll();
        assertThat(checked).isGreaterThanOrEqualTo(WebApp.routes(store).size() * (2 + 2 * Role.values().length));
    }

    private java.util.List<Caller> callers() {
        java.util.List<Caller> all = new java.util.ArrayList<>(java.util.List.of(new Anonymous(false), new Anonymous(true)));
        for (Role role : Role.values()) {
            all.add(new BySession(role));
            all.add(new ByToken(role));
        }
        return all;
    }

    private HttpResponse<String> send(HandlerType method, String path, Caller caller) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path));
        boolean change = CHANGES.contains(method);
        b.method(method.name(), change ? HttpRequest.BodyPublishers.ofString("") : HttpRequest.BodyPublishers.noBody());
        if (change) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        switch (caller) {
            case Anonymous a -> b.header("Accept", a.browser() ? "text/html,application/xhtml+xml,*/*;q=0.8"
                    : "application/json");
            case BySession s -> {
                // a fresh session per request: a route may end it (logout)
                TestAccounts.Session session = TestAccounts.session(store, users.get(s.role()));
                b.header("Cookie", session.header()).header("Accept", "application/json");
                if (change) {
                    b.header(Gate.CSRF_HEADER, session.csrf());
                }
            }
            case ByToken t -> b.header("Authorization", "Bearer " + TestAccounts.token(store, users.get(t.role())))
                    .header("Accept", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
