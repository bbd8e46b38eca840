package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.account.Permission;
import fr.terrain.account.Role;
import fr.terrain.account.Secrets;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.Accounts;
import fr.terrain.store.ApiTokens;
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
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing in and out, sessions, CSRF and API tokens, over real HTTP. */
class AuthTest {
    private static final String HTML = "text/html,application/xhtml+xml,*/*;q=0.8";

    @TempDir
    Path home;

    Store store;
    Javalin app;
    final HttpClient http = HttpClient.newHttpClient();
    AccountRecord alice;

    @BeforeEach
    void start() {
        store = TestStores.h2(home);
        alice = TestAccounts.user(store, "alice", Role.ANALYST);
        app = WebApp.create(store);
        // two routes of the kinds other features add: a change to data, and a page for admins only
        WebRoute change = WebRoute.post("/api/test/change", Permission.SIGNED_IN, ctx -> ctx.result("changé"));
        WebRoute page = WebRoute.get("/admin/page", Permission.MANAGE_USERS, ctx -> ctx.html("<p>admin</p>"));
        WebRoute missing = WebRoute.get("/api/test/missing", Permission.SIGNED_IN, ctx -> {
            throw new io.javalin.http.NotFoundResponse("tournée n° 9 introuvable");
        });
        WebRoute broken = WebRoute.get("/test/broken", Permission.SIGNED_IN, ctx -> {
            throw new IllegalStateException("détail interne : mot de passe de la base");
        });
        for (WebRoute r : List.of(change, page, missing, broken)) {
            app.addHttpHandler(r.method(), r.path(), r.handler(), Gate.roles(r));
        }
        app.start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
    }

    // ---- helpers ----

    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Optional<String> setCookie(HttpResponse<?> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst();
    }

    static String cookieValue(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    /** The login form's hidden CSRF field and its cookie, as a browser would get them. */
    record LoginForm(String csrf, String cookie) {}

    LoginForm loginForm() throws Exception {
        HttpResponse<String> page = send("GET", "/login", null, "Accept", HTML);
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).isTrue();
        String cookie = setCookie(page, AuthRoutes.LOGIN_CSRF_COOKIE).orElseThrow();
        return new LoginForm(m.group(1), AuthRoutes.LOGIN_CSRF_COOKIE + "=" + cookieValue(cookie));
    }

    HttpResponse<String> login(String name, String password, String next, String... extraCookies) throws Exception {
        LoginForm f = loginForm();
        Map<String, String> fields = new LinkedHashMap<>(Map.of("_csrf", f.csrf(), "name", name, "password", password));
        if (next != null) {
            fields.put("next", next);
        }
        String cookies = f.cookie() + (extraCookies.length > 0 ? "; " + String.join("; ", extraCookies) : "");
        return send("POST", "/login", form(fields), "Content-Type", "application/x-www-form-urlencoded", "Accept", HTML,
                "Cookie", cookies);
    }

    String sessionCookie(HttpResponse<?> loggedIn) {
        return WebSessions.COOKIE + "=" + cookieValue(setCookie(loggedIn, WebSessions.COOKIE).orElseThrow());
    }

    JsonNode me(String... headers) throws Exception {
        HttpResponse<String> r = send("GET", "/api/me", null, headers);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    long sessions() {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM web_session").mapTo(Long.class).one());
    }

    // ---- sign in, sign out ----

    @Test
    void theLoginPageIsAFrenchFormWithAHiddenCsrfToken() throws Exception {
        HttpResponse<String> page = send("GET", "/login?next=/carte", null, "Accept", HTML);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"fr\">").contains("name=\"viewport\"").contains("Se connecter")
                .contains("name=\"next\" value=\"/carte\"").contains("autocomplete=\"current-password\"");
        assertThat(setCookie(page, AuthRoutes.LOGIN_CSRF_COOKIE)).hasValueSatisfying(c -> assertThat(c)
                .contains("HttpOnly").contains("SameSite=Strict").contains("Path=/login"));
    }

    @Test
    void signingInSetsAnHttpOnlySameSiteCookieWhoseValueIsNeverStored() throws Exception {
        HttpResponse<String> in = login("alice", TestAccounts.PASSWORD, "/carte?arr=11");
        assertThat(in.statusCode()).as(in.body()).isEqualTo(303);
        assertThat(in.headers().firstValue("Location")).contains("/carte?arr=11");
        String setCookie = setCookie(in, WebSessions.COOKIE).orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContain("Secure");
        String value = cookieValue(setCookie);
        assertThat(value).hasSizeGreaterThanOrEqualTo(43);

        String stored = store.jdbi().withHandle(h -> h.createQuery("SELECT id_hash FROM web_session").mapTo(String.class).one());
        assertThat(stored).isEqualTo(Secrets.sha256(value)).isNotEqualTo(value);
        // the cheap test hash was replaced by one of the production cost at sign-in
        assertThat(Accounts.find(store, "alice").orElseThrow().passwordHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");

        JsonNode me = me("Cookie", WebSessions.COOKIE + "=" + value);
        assertThat(me.get("name").asText()).isEqualTo("alice");
        assertThat(me.get("role").asText()).isEqualTo("analyst");
        assertThat(me.get("role_name").asText()).as("what the pages show").isEqualTo("analyste");
        assertThat(me.get("role_name_en").asText()).as("what the map and simulation show in English").isEqualTo("analyst");
        assertThat(me.get("permissions").toString()).contains("READ_AGGREGATES").doesNotContain("READ_PERSONAL_DATA");
        assertThat(me.get("csrfToken").asText()).hasSizeGreaterThanOrEqualTo(43);
        long audited = store.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM login_attempt WHERE user_name = 'alice' AND succeeded").mapTo(Long.class).one());
        assertThat(audited).isEqualTo(1);
    }

    /** Behind a trusted proxy that says the request came over HTTPS (X-Forwarded-Proto), the cookie is Secure. */
    @Test
    void overHttpsTheCookieIsSecure() throws Exception {
        app.stop();
        app = WebApp.create(store, fr.terrain.web.map.MapSettings.fromEnvironment(), List.of(),
                new ClientAddress(java.util.Set.of("127.0.0.1"))).start(0);
        LoginForm f = loginForm();
        HttpResponse<String> in = send("POST", "/login", form(Map.of("_csrf", f.csrf(), "name", "alice", "password",
                TestAccounts.PASSWORD)), "Content-Type", "application/x-www-form-urlencoded", "Cookie", f.cookie(),
                "X-Forwarded-Proto", "https");
        assertThat(setCookie(in, WebSessions.COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("; Secure"));
    }

    /**
     * Only a trusted proxy is believed about the scheme, as about the client's address: a client that says
     * X-Forwarded-Proto: https over plain HTTP gets neither a Secure cookie nor HSTS.
     */
    @Test
    void aClientsOwnForwardedProtoIsNotBelieved() throws Exception {
        LoginForm f = loginForm();
        HttpResponse<String> in = send("POST", "/login", form(Map.of("_csrf", f.csrf(), "name", "alice", "password",
                TestAccounts.PASSWORD)), "Content-Type", "application/x-www-form-urlencoded", "Cookie", f.cookie(),
                "X-Forwarded-Proto", "https");
        assertThat(setCookie(in, WebSessions.COOKIE)).hasValueSatisfying(c -> assertThat(c).doesNotContain("Secure"));
        assertThat(in.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void signingInAgainReplacesTheSession() throws Exception {
        String first = sessionCookie(login("alice", TestAccounts.PASSWORD, null));
        HttpResponse<String> again = login("alice", TestAccounts.PASSWORD, null, first);
        String second = sessionCookie(again);
        assertThat(second).isNotEqualTo(first);
        assertThat(send("GET", "/api/me", null, "Cookie", first).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/me", null, "Cookie", second).statusCode()).isEqualTo(200);
        assertThat(sessions()).isEqualTo(1);
    }

    @Test
    void signingOutDeletesTheSessionOnTheServer() throws Exception {
        String cookie = sessionCookie(login("alice", TestAccounts.PASSWORD, null));
        String csrf = me("Cookie", cookie).get("csrfToken").asText();
        assertThat(send("POST", "/logout", "", "Cookie", cookie).statusCode()).as("without its CSRF token").isEqualTo(403);
        HttpResponse<String> out = send("POST", "/logout", form(Map.of("_csrf", csrf)), "Cookie", cookie,
                "Content-Type", "application/x-www-form-urlencoded", "Accept", HTML);
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).contains("/login");
        assertThat(setCookie(out, WebSessions.COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(sessions()).isZero();
        assertThat(send("GET", "/api/me", null, "Cookie", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void wrongPasswordsUnknownNamesAndDisabledAccountsAreRefusedAlike() throws Exception {
        TestAccounts.user(store, "bob", Role.DIRECTOR);
        Accounts.disable(store, "bob");
        for (String[] attempt : new String[][] {{"alice", "pas le bon mot de passe"}, {"personne", TestAccounts.PASSWORD},
            {"bob", TestAccounts.PASSWORD}}) {
            HttpResponse<String> r = login(attempt[0], attempt[1], null);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("ou mot de passe incorrect.");
            assertThat(setCookie(r, WebSessions.COOKIE)).isEmpty();
        }
        assertThat(sessions()).isZero();
    }

    @Test
    void badLoginInputIsA400WithAFrenchMessageAndAMissingFormTokenA403() throws Exception {
        LoginForm f = loginForm();
        HttpResponse<String> empty = send("POST", "/login", form(Map.of("_csrf", f.csrf())), "Content-Type",
                "application/x-www-form-urlencoded", "Cookie", f.cookie(), "Accept", "application/json");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(empty.body()).get("error").asText()).contains("nom d'utilisateur et votre mot de passe");
        HttpResponse<String> tooLong = send("POST", "/login", form(Map.of("_csrf", f.csrf(), "name", "x".repeat(500),
                "password", "y")), "Content-Type", "application/x-www-form-urlencoded", "Cookie", f.cookie());
        assertThat(tooLong.statusCode()).isEqualTo(400);
        HttpResponse<String> garbage = send("POST", "/login", "{\"name\": [", "Content-Type", "application/json");
        assertThat(garbage.statusCode()).isEqualTo(403);
        HttpResponse<String> noToken = send("POST", "/login", form(Map.of("name", "alice", "password",
                TestAccounts.PASSWORD)), "Content-Type", "application/x-www-form-urlencoded", "Accept", HTML);
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("Le formulaire a expiré");
    }

    HttpResponse<String> loginForwardedFor(String forwardedFor, String name, String password) throws Exception {
        LoginForm f = loginForm();
        return send("POST", "/login", form(Map.of("_csrf", f.csrf(), "name", name, "password", password)),
                "Content-Type", "application/x-www-form-urlencoded", "Accept", HTML, "Cookie", f.cookie(),
                "X-Forwarded-For", forwardedFor);
    }

    /**
     * Behind a reverse proxy every request comes from the proxy: the lockout counts the client the proxy names, when
     * the proxy is one the campaign trusts (TERRAIN_TRUSTED_PROXIES), so that five failures from one place do not lock
     * the name for everyone; a client naming itself another address elsewhere is not believed.
     */
    @Test
    void behindATrustedProxyTheLockoutCountsTheForwardedClient() throws Exception {
        for (int i = 0; i < AuthRoutes.MAX_FAILURES_PER_NAME; i++) {
            assertThat(loginForwardedFor("203.0.113.5", "alice", "mauvais " + i).statusCode()).isEqualTo(401);
        }
        assertThat(loginForwardedFor("198.51.100.7", "alice", TestAccounts.PASSWORD).statusCode())
                .as("not a trusted proxy: X-Forwarded-For is not believed, and does not escape the lockout").isEqualTo(429);

        app.stop();
        app = WebApp.create(store, fr.terrain.web.map.MapSettings.fromEnvironment(), List.of(),
                new ClientAddress(java.util.Set.of("127.0.0.1"))).start(0);
        for (int i = 0; i < AuthRoutes.MAX_FAILURES_PER_NAME; i++) {
            assertThat(loginForwardedFor("192.0.2.66", "alice", "mauvais " + i).statusCode()).isEqualTo(401);
        }
        assertThat(loginForwardedFor("192.0.2.66", "alice", TestAccounts.PASSWORD).statusCode()).isEqualTo(429);
        assertThat(loginForwardedFor("198.51.100.8", "alice", TestAccounts.PASSWORD).statusCode())
                .as("another client behind the same proxy signs in").isEqualTo(303);
    }

    /**
     * A proxy may add its X-Forwarded-For as a line of its own after the client's (HAProxy's option forwardfor does):
     * the lines are one list (RFC 9110, 5.3), read from the right, so the client's own first line names no one.
     */
    @Test
    void aClientsOwnForwardedForLineBeforeTheProxysDoesNotEscapeTheLockout() throws Exception {
        app.stop();
        app = WebApp.create(store, fr.terrain.web.map.MapSettings.fromEnvironment(), List.of(),
                new ClientAddress(java.util.Set.of("127.0.0.1"))).start(0);
        for (int i = 0; i < AuthRoutes.MAX_FAILURES_PER_NAME; i++) {
            LoginForm f = loginForm();
            assertThat(send("POST", "/login", form(Map.of("_csrf", f.csrf(), "name", "alice", "password", "mauvais " + i)),
                    "Content-Type", "application/x-www-form-urlencoded", "Accept", HTML, "Cookie", f.cookie(),
                    "X-Forwarded-For", "6.6.6." + i, "X-Forwarded-For", "192.0.2.66").statusCode()).isEqualTo(401);
        }
        assertThat(loginForwardedFor("192.0.2.66", "alice", TestAccounts.PASSWORD).statusCode())
                .as("the proxy's line names the client, whatever the client's line says").isEqualTo(429);
    }

    @Test
    void theForwardedClientIsTheNearestAddressNoTrustedProxyAdded() {
        ClientAddress proxies = new ClientAddress(java.util.Set.of("10.0.0.1", "10.0.0.2"));
        assertThat(proxies.client("10.0.0.2", "203.0.113.5, 10.0.0.1")).isEqualTo("203.0.113.5");
        assertThat(proxies.client("10.0.0.2", "6.6.6.6, 203.0.113.5")).as("what the client wrote itself is ignored")
                .isEqualTo("203.0.113.5");
        assertThat(proxies.client("192.0.2.9", "203.0.113.5")).as("not from a proxy").isEqualTo("192.0.2.9");
        assertThat(proxies.client("10.0.0.1", null)).isEqualTo("10.0.0.1");
        assertThat(proxies.client("10.0.0.1", "10.0.0.2")).isEqualTo("10.0.0.2");
    }

    /**
     * Jetty gives an IPv6 connection as [0:0:0:0:0:0:0:1], which TERRAIN_TRUSTED_PROXIES=::1 must still name; and a
     * proxy that adds the client's port (ip:port, [ip]:port) must not make every connection a new client.
     */
    @Test
    void addressesAreComparedWithoutBracketsPortsOrAnotherSpellingOfIpv6() {
        ClientAddress proxies = new ClientAddress(java.util.Set.of("::1", "10.0.0.1"));
        assertThat(proxies.client("[0:0:0:0:0:0:0:1]", "203.0.113.5")).isEqualTo("203.0.113.5");
        assertThat(proxies.client("10.0.0.1", "203.0.113.5:4711")).isEqualTo("203.0.113.5");
        assertThat(proxies.client("10.0.0.1", "[2001:db8::7]:4711, ::1")).isEqualTo(proxies.client("10.0.0.1", "2001:db8:0:0:0:0:0:7"));
        assertThat(proxies.client("10.0.0.1", "203.0.113.5, 10.0.0.1:80")).as("a trusted proxy with its port").isEqualTo("203.0.113.5");
        assertThat(proxies.client("10.0.0.1", "no:such:host")).as("a word, not an address: kept, never looked up")
                .isEqualTo("no:such:host");
    }

    /** A container platform's proxy changes address within its network: the variable names the network. */
    @Test
    void aBlockOfAddressesTrustsEveryProxyInItAndNoOneOutside() {
        ClientAddress proxies = new ClientAddress(java.util.Set.of("10.0.0.0/8", "172.16.0.0/12", "fd00::/8"));
        assertThat(proxies.client("10.244.3.17", "203.0.113.5")).isEqualTo("203.0.113.5");
        assertThat(proxies.client("172.31.255.254", "203.0.113.5")).as("last address of a /12").isEqualTo("203.0.113.5");
        assertThat(proxies.client("172.32.0.1", "203.0.113.5")).as("first address past the /12").isEqualTo("172.32.0.1");
        assertThat(proxies.client("11.0.0.1", "203.0.113.5")).isEqualTo("11.0.0.1");
        assertThat(proxies.client("[fd12:3456::1]", "203.0.113.5, 10.1.2.3")).as("a hop inside a block is skipped")
                .isEqualTo("203.0.113.5");
        assertThat(proxies.client("fe80::1", "203.0.113.5")).isEqualTo("fe80:0:0:0:0:0:0:1");
        assertThat(proxies.client("10.0.0.1", "::ffff:10.0.0.9, 198.51.100.7")).as("not a proxy: the nearest client")
                .isEqualTo("198.51.100.7");
        assertThat(new ClientAddress(java.util.Set.of("0.0.0.0/0")).client("192.0.2.1", "203.0.113.5"))
                .as("/0: every address").isEqualTo("203.0.113.5");
    }

    @Test
    void anEntryThatIsNeitherAnAddressNorABlockStopsTheStartWithItsName() {
        for (String bad : java.util.List.of("proxy.interne", "10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/x",
                "300.1.2.3", "10.0.0/8")) {
            assertThatThrownBy(() -> new ClientAddress(java.util.Set.of(bad))).as(bad)
                    .isInstanceOf(WebApp.BadSetting.class).hasMessageContaining("TERRAIN_TRUSTED_PROXIES")
                    .hasMessageContaining("« " + bad + " »");
        }
    }

    @Test
    void afterFiveFailuresTheNameIsLockedForThatAddress() throws Exception {
        for (int i = 0; i < AuthRoutes.MAX_FAILURES_PER_NAME; i++) {
            assertThat(login("alice", "mauvais mot de passe " + i, null).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = login("alice", TestAccounts.PASSWORD, null);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("Trop de tentatives");
        assertThat(locked.headers().firstValue("Retry-After")).contains("900");
        assertThat(setCookie(locked, WebSessions.COOKIE)).isEmpty();
    }

    @Test
    void afterSigningInOnlySameSitePathsAreFollowed() throws Exception {
        for (String evil : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)",
                "/login", "%2F%2Fevil.example")) {
            HttpResponse<String> in = login("alice", TestAccounts.PASSWORD, evil);
            assertThat(in.headers().firstValue("Location")).as(evil).contains("/");
        }
        assertThat(AuthRoutes.safeNext("/carte?arr=11#x")).isEqualTo("/carte?arr=11#x");
        assertThat(AuthRoutes.safeNext("/a b")).isEqualTo("/");
    }

    // ---- sessions expire ----

    @Test
    void anIdleSessionExpires() throws Exception {
        String cookie = sessionCookie(login("alice", TestAccounts.PASSWORD, null));
        store.jdbi().useHandle(h -> h.createUpdate("UPDATE web_session SET last_seen_at = :t")
                .bind("t", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minus(WebSessions.IDLE).minusMinutes(1))
                .execute());
        HttpResponse<String> r = send("GET", "/api/me", null, "Cookie", cookie);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).isEqualTo("connexion requise");
        assertThat(setCookie(r, WebSessions.COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(sessions()).isZero();
    }

    @Test
    void aSessionEndsAtItsLifetimeWhateverTheActivity() throws Exception {
        String cookie = sessionCookie(login("alice", TestAccounts.PASSWORD, null));
        assertThat(send("GET", "/api/me", null, "Cookie", cookie).statusCode()).isEqualTo(200);
        store.jdbi().useHandle(h -> h.createUpdate("UPDATE web_session SET expires_at = :t")
                .bind("t", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(1)).execute());
        assertThat(send("GET", "/api/me", null, "Cookie", cookie).statusCode()).isEqualTo(401);
    }

    // ---- CSRF ----

    @Test
    void aChangeWithTheSessionCookieNeedsTheSessionsCsrfToken() throws Exception {
        TestAccounts.Session s = TestAccounts.session(store, alice);
        String form = "Content-Type";
        assertThat(send("POST", "/api/test/change", "", "Cookie", s.header()).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/test/change", "", "Cookie", s.header(), Gate.CSRF_HEADER, "autre").statusCode())
                .isEqualTo(403);
        TestAccounts.Session other = TestAccounts.session(store, alice);
        assertThat(send("POST", "/api/test/change", "", "Cookie", s.header(), Gate.CSRF_HEADER, other.csrf()).statusCode())
                .as("another session's token").isEqualTo(403);

        HttpResponse<String> byHeader = send("POST", "/api/test/change", "", "Cookie", s.header(), Gate.CSRF_HEADER, s.csrf());
        assertThat(byHeader.statusCode()).isEqualTo(200);
        assertThat(byHeader.body()).isEqualTo("changé");
        HttpResponse<String> byField = send("POST", "/api/test/change", form(Map.of("_csrf", s.csrf())), "Cookie", s.header(),
                form, "application/x-www-form-urlencoded");
        assertThat(byField.statusCode()).isEqualTo(200);
        HttpResponse<String> refused = send("POST", "/api/test/change", "", "Cookie", s.header());
        assertThat(Json.MAPPER.readTree(refused.body()).get("error").asText()).contains("jeton CSRF");
    }

    // ---- API tokens ----

    @Test
    void aBearerTokenActsWithItsAccountsRoleWithoutCookieOrCsrf() throws Exception {
        String token = TestAccounts.token(store, alice);
        JsonNode me = me("Authorization", "Bearer " + token);
        assertThat(me.get("name").asText()).isEqualTo("alice");
        assertThat(me.get("csrfToken").isNull()).isTrue();
        assertThat(send("POST", "/api/test/change", "", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/status", null, "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/admin/page", null, "Authorization", "Bearer " + token).statusCode()).isEqualTo(403);
        var listed = ApiTokens.list(store, Optional.of("alice")).get(0);
        assertThat(listed.lastUsedAt()).isNotNull();
        assertThat(token).startsWith(listed.prefix());
    }

    @Test
    void revokedUnknownAndMalformedTokensAreA401InJson() throws Exception {
        String token = TestAccounts.token(store, alice);
        long id = ApiTokens.list(store, Optional.of("alice")).get(0).id();
        ApiTokens.revoke(store, id, java.time.Instant.now());
        for (String header : List.of("Bearer " + token, "Bearer trn_inconnu", "Bearer ", "Basic YWxpY2U6eA==", "n'importe quoi")) {
            HttpResponse<String> r = send("GET", "/api/me", null, "Authorization", header);
            assertThat(r.statusCode()).as(header).isEqualTo(401);
            assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).as(header).contains("jeton d'API");
        }
        String disabled = TestAccounts.token(store, TestAccounts.user(store, "carole", Role.ADMIN));
        Accounts.disable(store, "carole");
        assertThat(send("GET", "/api/me", null, "Authorization", "Bearer " + disabled).statusCode()).isEqualTo(401);
    }

    // ---- pages ----

    @Test
    void anAddressNoRouteServesIsAFrenchNotFoundForABrowserAndForTheApi() throws Exception {
        HttpResponse<String> page = send("GET", "/nexiste-pas", null, "Accept", HTML);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<html lang=\"fr\">").contains("Page introuvable")
                .contains("Aucune page de Terrain à l&#39;adresse /nexiste-pas.") // escaped, as every message
                .doesNotContain("Endpoint");
        HttpResponse<String> api = send("GET", "/api/nexiste-pas", null, "Accept", HTML);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.body()).contains("\"error\" : \"introuvable : GET /api/nexiste-pas\"");
        HttpResponse<String> asset = send("GET", "/assets/nexiste-pas.js", null);
        assertThat(asset.statusCode()).isEqualTo(404);
        assertThat(asset.body()).contains("\"error\" : \"introuvable : GET /assets/nexiste-pas.js\"");
        // a route's own 404 keeps its message (the exception mapper for EndpointNotFound is not a catch-all)
        TestAccounts.Session s = TestAccounts.session(store, alice);
        HttpResponse<String> own = send("GET", "/api/test/missing", null, "Cookie", s.header());
        assertThat(own.statusCode()).isEqualTo(404);
        assertThat(own.body()).isEqualTo("{\"error\":\"tournée n° 9 introuvable\"}"); // the mapper of every HttpResponseException
    }

    @Test
    void anUnexpectedErrorIsAFrench500ThatSaysNothingOfTheInside() throws Exception {
        TestAccounts.Session s = TestAccounts.session(store, alice);
        HttpResponse<String> api = send("GET", "/test/broken", null, "Cookie", s.header());
        assertThat(api.statusCode()).isEqualTo(500);
        assertThat(api.body()).contains("\"error\" : \"erreur interne du serveur ; elle est consignée dans son journal\"")
                .doesNotContain("détail interne").doesNotContain("Server Error");
        HttpResponse<String> page = send("GET", "/test/broken", null, "Cookie", s.header(), "Accept", HTML);
        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(page.body()).contains("Erreur interne").doesNotContain("détail interne");
    }

    @Test
    void anAnonymousBrowserIsSentToTheLoginPageAndBackAndAssetsStayPublic() throws Exception {
        HttpResponse<String> home = send("GET", "/", null, "Accept", HTML);
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).contains("/login?next=%2F");
        HttpResponse<String> page = send("GET", "/admin/page?x=1", null, "Accept", HTML);
        assertThat(page.headers().firstValue("Location")).contains("/login?next=%2Fadmin%2Fpage%3Fx%3D1");
        assertThat(send("GET", "/api/status", null, "Accept", HTML).statusCode()).as("the API answers 401").isEqualTo(401);

        TestAccounts.Session s = TestAccounts.session(store, alice);
        HttpResponse<String> home2 = send("GET", "/", null, "Accept", HTML, "Cookie", s.header());
        assertThat(home2.statusCode()).isIn(200, 302);
        assertThat(home2.headers().firstValue("Location").orElse("")).doesNotStartWith("/login");
        HttpResponse<String> forbidden = send("GET", "/admin/page", null, "Accept", HTML, "Cookie", s.header());
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("<html lang=\"fr\">").contains("Accès refusé")
                .contains("le rôle « analyste » (analyst) ne donne pas accès à la gestion des comptes");
        assertThat(Permission.READ_PERSONAL_DATA.accessTo()).isEqualTo("aux données personnelles");
        assertThat(Permission.READ_AUDIT.accessTo()).isEqualTo("aux pages d'audit et de conformité");
        // a signed-in user who opens the login page goes where they were going
        HttpResponse<String> login = send("GET", "/login?next=/carte", null, "Accept", HTML, "Cookie", s.header());
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).contains("/carte");
    }

    @Test
    void theRouteTableGivesEveryRouteAMethodAndPathOnce() {
        var routes = WebApp.routes(store);
        assertThat(routes.stream().map(r -> r.method() + " " + r.path()).distinct().count()).isEqualTo(routes.size());
        assertThat(routes).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo(HandlerType.GET);
            assertThat(r.path()).isEqualTo("/api/me");
            assertThat(r.permission()).contains(Permission.SIGNED_IN);
        });
    }
}
