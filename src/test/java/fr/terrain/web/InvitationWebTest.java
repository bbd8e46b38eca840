package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.account.Role;
import fr.terrain.account.Secrets;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.Accounts;
import fr.terrain.store.FieldFixtures;
import fr.terrain.store.InvitationLinks;
import fr.terrain.store.LoginAttempts;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import fr.terrain.store.Volunteers;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invitations over real HTTP: an organizer makes a link for their sector, a person opens it and
 * creates their account once; used, expired and unknown links are refused in French; nobody can
 * invite beyond their own rights.
 */
class InvitationWebTest {
    static final String HTML = "text/html,application/xhtml+xml,*/*;q=0.8";
    static final String GOOD_PASSWORD = "trois petits chats gris";

    @TempDir
    Path home;

    Store store;
    Javalin app;
    final HttpClient http = HttpClient.newHttpClient();
    TestAccounts.Session organizer;

    @BeforeEach
    void start() {
        store = TestStores.h2(home);
        organizer = TestAccounts.session(store, TestAccounts.user(store, "orga12", Role.ORGANIZER, 12));
        app = WebApp.create(store).start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> invite(TestAccounts.Session as, String json) throws Exception {
        return send("POST", "/api/field/invitations", json, "Content-Type", "application/json", "Accept", "application/json",
                "Cookie", as.header(), Gate.CSRF_HEADER, as.csrf());
    }

    /** The link's path ({@code /invitation/TOKEN}) of a successful invitation. */
    static String path(HttpResponse<String> created) throws Exception {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String link = Json.MAPPER.readTree(created.body()).get("link").asText();
        return URI.create(link).getPath();
    }

    record Form(String csrf, String cookie) {}

    Form openForm(String path) throws Exception {
        HttpResponse<String> page = send("GET", path, null, "Accept", HTML);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).isTrue();
        String setCookie = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(VolunteerRoutes.INVITATION_CSRF_COOKIE + "=")).findFirst().orElseThrow();
        return new Form(m.group(1), setCookie.substring(0, setCookie.indexOf(';')));
    }

    HttpResponse<String> submit(String path, Map<String, String> fields) throws Exception {
        Form f = openForm(path);
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", f.csrf());
        String body = all.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send("POST", path, body, "Content-Type", "application/x-www-form-urlencoded", "Accept", HTML, "Cookie", f.cookie());
    }

    static Map<String, String> person(String name, String password) {
        return new LinkedHashMap<>(Map.of("name", name, "display_name", "Camille B.", "password", password, "password2", password));
    }

    @Test
    void anOrganizerInvitesACanvasserWhoCreatesTheirAccountOnce() throws Exception {
        Volunteers.Team team = Volunteers.addTeam(store, "12e Bel-Air", 12, Instant.now(), "orga12");
        HttpResponse<String> created = invite(organizer, "{\"role\": \"canvasser\", \"sectors\": [12], \"team\": \"12e Bel-Air\", \"days\": 3}");
        String path = path(created);
        JsonNode answer = Json.MAPPER.readTree(created.body());
        String link = answer.get("link").asText();
        assertThat(link).matches("http://localhost:\\d+/invitation/[A-Za-z0-9_-]{43}"); // 32 random bytes, Base64url
        assertThat(QrReader.readSvg(answer.get("qr_svg").asText())).as("the QR code reads back as the link").isEqualTo(link);
        assertThat(Instant.parse(answer.get("expires_at").asText())).isBetween(Instant.now().plus(Duration.ofDays(3)).minusSeconds(60),
                Instant.now().plus(Duration.ofDays(3)));

        HttpResponse<String> page = send("GET", path, null, "Accept", HTML);
        assertThat(page.body()).contains("militant·e de porte-à-porte").contains("12e").contains("12e Bel-Air")
                .contains("autocomplete=\"new-password\"");

        // a form that tries to choose its own role gets the invitation's, nothing more
        Map<String, String> fields = person("camille", GOOD_PASSWORD);
        fields.put("role", "admin");
        fields.put("sectors", "1,2,3");
        HttpResponse<String> done = submit(path, fields);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).contains("/terrain/disponibilites?bienvenue");
        String session = done.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(WebSessions.COOKIE + "="))
                .findFirst().orElseThrow();
        JsonNode me = Json.MAPPER.readTree(send("GET", "/api/me", null, "Cookie", session.substring(0, session.indexOf(';'))).body());
        assertThat(me.get("name").asText()).isEqualTo("camille");
        assertThat(me.get("role").asText()).isEqualTo("canvasser");
        assertThat(me.get("sectors").toString()).isEqualTo("[12]");
        AccountRecord camille = Accounts.find(store, "camille").orElseThrow();
        assertThat(Volunteers.find(store, camille.id()).orElseThrow().team()).contains(team);
        assertThat(fr.terrain.account.PasswordHasher.standard().verify(GOOD_PASSWORD, camille.passwordHash())).isTrue();

        long accounts = Accounts.count(store);
        HttpResponse<String> again = send("GET", path, null, "Accept", HTML);
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(again.body()).contains("Ce lien d&#39;invitation a déjà servi");
        assertThat(Accounts.count(store)).isEqualTo(accounts);
    }

    /**
     * A link is worth its author's rights when it is opened: an organizer disabled kept links that made organizers of
     * their sectors, with the personal data that comes with it (found by a crawl).
     */
    @Test
    void theLinksOfADisabledOrganizerNoLongerOpenAnAccount() throws Exception {
        String path = path(invite(organizer, "{\"role\": \"organizer\", \"sectors\": [12]}"));
        assertThat(Accounts.disable(store, "orga12", "admin")).isTrue();
        long accounts = Accounts.count(store);
        HttpResponse<String> page = send("GET", path, null, "Accept", HTML);
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("Ce lien d&#39;invitation n&#39;est plus valable : la personne qui l&#39;a créé"
                + " n&#39;a plus les droits de le donner");
        HttpResponse<String> posted = send("POST", path, "name=heir&password=y", "Content-Type",
                "application/x-www-form-urlencoded", "Accept", HTML);
        assertThat(posted.statusCode()).isEqualTo(410);
        assertThat(Accounts.count(store)).isEqualTo(accounts);
        assertThat(Accounts.find(store, "heir")).isEmpty();
    }

    @Test
    void anExpiredLinkAndAnUnknownLinkAreRefusedInFrench() throws Exception {
        String token = Secrets.randomToken(32);
        Instant past = Instant.now().minus(Duration.ofDays(8));
        InvitationLinks.create(store, Secrets.sha256(token), Role.CANVASSER, Set.of(12), Optional.empty(), "orga12", past,
                past.plus(Duration.ofDays(7)));
        HttpResponse<String> expired = send("GET", "/invitation/" + token, null, "Accept", HTML);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("<html lang=\"fr\">").contains("Ce lien d&#39;invitation a expiré");
        HttpResponse<String> posted = send("POST", "/invitation/" + token, "name=x&password=y", "Content-Type",
                "application/x-www-form-urlencoded", "Accept", HTML);
        assertThat(posted.statusCode()).isEqualTo(410);
        HttpResponse<String> unknown = send("GET", "/invitation/" + Secrets.randomToken(32), null, "Accept", HTML);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("Ce lien d&#39;invitation n&#39;existe pas");
        assertThat(Accounts.count(store)).isEqualTo(1); // the organizer only
    }

    /** The page names the invitation's arrondissements as French writes them: « 1er », never « 1e ». */
    @Test
    void theInvitationPageWritesTheFirstArrondissementPremier() throws Exception {
        String token = Secrets.randomToken(32);
        InvitationLinks.create(store, Secrets.sha256(token), Role.CANVASSER, Set.of(1, 2), Optional.empty(), "cli:admin",
                Instant.now(), Instant.now().plus(Duration.ofDays(7)));
        HttpResponse<String> page = send("GET", "/invitation/" + token, null, "Accept", HTML);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Secteurs : <strong>1er, 2e</strong>").doesNotContain("1e,");
    }

    @Test
    void aWeakPasswordOrADifferentConfirmationIsRefusedAndTheLinkStaysUsable() throws Exception {
        String path = path(invite(organizer, "{\"role\": \"canvasser\", \"sectors\": [12]}"));
        HttpResponse<String> weak = submit(path, person("lea", "azertyuiop12"));
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("Mot de passe trop courant").doesNotContain("refusé : mot de passe");
        Map<String, String> mismatch = person("lea", GOOD_PASSWORD);
        mismatch.put("password2", GOOD_PASSWORD + "!");
        assertThat(submit(path, mismatch).body()).contains("Les deux mots de passe diffèrent.");
        HttpResponse<String> badName = submit(path, person("léa dupont", GOOD_PASSWORD));
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(badName.body()).contains("Nom d&#39;utilisateur invalide");
        assertThat(Accounts.find(store, "lea")).isEmpty();
        assertThat(submit(path, person("lea", GOOD_PASSWORD)).statusCode()).isEqualTo(303);
    }

    @Test
    void nobodyInvitesBeyondTheirOwnRights() throws Exception {
        HttpResponse<String> admin = invite(organizer, "{\"role\": \"admin\", \"sectors\": [12]}");
        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(admin.body()).contains("militant (canvasser) ou organisateur (organizer), pas « administrateur »");
        HttpResponse<String> director = invite(organizer, "{\"role\": \"director\", \"sectors\": [12]}");
        assertThat(director.statusCode()).isEqualTo(403);
        HttpResponse<String> outside = invite(organizer, "{\"role\": \"canvasser\", \"sectors\": [11, 12]}");
        assertThat(outside.statusCode()).isEqualTo(403);
        assertThat(outside.body()).contains("hors de vos secteurs : 11e");
        HttpResponse<String> none = invite(organizer, "{\"role\": \"canvasser\", \"sectors\": []}");
        assertThat(none.statusCode()).isEqualTo(400);
        Volunteers.addTeam(store, "11e Nord", 11, Instant.now(), "test");
        HttpResponse<String> foreignTeam = invite(organizer, "{\"role\": \"canvasser\", \"sectors\": [12], \"team\": \"11e Nord\"}");
        assertThat(foreignTeam.statusCode()).isEqualTo(400);
        // a team of another sector reads as one nobody made: its name is not the organizer's to learn
        assertThat(foreignTeam.body()).contains("équipe inconnue dans les secteurs de l'invitation [12] : « 11e Nord »");

        TestAccounts.Session canvasser = TestAccounts.session(store, TestAccounts.user(store, "mili", Role.CANVASSER, 12));
        assertThat(invite(canvasser, "{\"role\": \"canvasser\", \"sectors\": [12]}").statusCode()).isEqualTo(403);
        TestAccounts.Session analyst = TestAccounts.session(store, TestAccounts.user(store, "ana", Role.ANALYST));
        assertThat(invite(analyst, "{\"role\": \"canvasser\", \"sectors\": [12]}").statusCode()).isEqualTo(403);

        TestAccounts.Session director2 = TestAccounts.session(store, TestAccounts.user(store, "dir", Role.DIRECTOR));
        assertThat(invite(director2, "{\"role\": \"organizer\", \"sectors\": [11, 20]}").statusCode()).isEqualTo(201);
        assertThat(invite(director2, "{\"role\": \"analyst\", \"sectors\": [11]}").statusCode()).isEqualTo(403);
        long invitations = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM invitation").mapTo(Long.class).one());
        assertThat(invitations).as("only the director's organizer invitation was made").isEqualTo(1);
    }

    /**
     * An organizer of Concarneau (ADR 0032) invites into their commune — written 29039 or, from the page's form, as
     * text —, and no further; the link's page names the commune from the BAN, and the account made is of 29039.
     */
    @Test
    void anOrganizerOfACommuneInvitesIntoItAndNowhereElse() throws Exception {
        TestAccounts.Session concarneau = TestAccounts.session(store, TestAccounts.user(store, "orga29039", Role.ORGANIZER,
                29039));
        FieldFixtures.banAddress(store, "29039_essais_00001", 1, "Rue des Essais", "29039", "Concarneau", -3.91, 47.87);
        Volunteers.addTeam(store, "Centre-ville", 29039, Instant.now(), "orga29039");
        String path = path(invite(concarneau, "{\"role\": \"canvasser\", \"sectors\": [\"29039\"], \"team\": \"Centre-ville\"}"));
        assertThat(send("GET", path, null, "Accept", HTML).body()).contains("Secteurs : <strong>Concarneau (29039)</strong>");
        assertThat(submit(path, person("yann", GOOD_PASSWORD)).statusCode()).isEqualTo(303);
        assertThat(Accounts.find(store, "yann").orElseThrow().account().sectors()).containsExactly(29039);

        HttpResponse<String> paris = invite(concarneau, "{\"role\": \"canvasser\", \"sectors\": [12]}");
        assertThat(paris.statusCode()).isEqualTo(403);
        assertThat(paris.body()).contains("hors de vos secteurs : 12e (les vôtres : Concarneau (29039))");
        assertThat(invite(organizer, "{\"role\": \"canvasser\", \"sectors\": [29039]}").statusCode()).isEqualTo(403);
    }

    /**
     * A mistyped sector in the invitation form is refused as the command line refuses it (ADR 0032): naming the field,
     * saying what to write, typed or sent as a number; no invitation is made.
     */
    @Test
    void aMistypedSectorIsRefusedSayingWhatToWrite() throws Exception {
        TestAccounts.Session director = TestAccounts.session(store, TestAccounts.user(store, "dir", Role.DIRECTOR));
        for (String sectors : new String[] {"[\"12\", \"75112\"]", "[12, 75112]"}) {
            HttpResponse<String> r = invite(director, "{\"role\": \"canvasser\", \"sectors\": " + sectors + "}");
            assertThat(r.statusCode()).as(sectors).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).as(sectors)
                    .isEqualTo("secteurs : « 75112 » est Paris 12e : écrivez 12");
        }
        HttpResponse<String> lost = invite(organizer, "{\"role\": \"canvasser\", \"sectors\": [\"2903\"]}");
        assertThat(Json.MAPPER.readTree(lost.body()).get("error").asText()).isEqualTo("secteurs : « 2903 » n'est ni un"
                + " arrondissement (1 à 99) ni le code INSEE d'une commune (29039, Corse 2A004)");
        long invitations = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM invitation").mapTo(Long.class).one());
        assertThat(invitations).isZero();
    }

    @Test
    void guessingLinksIsStoppedLikeGuessingPasswords() throws Exception {
        String path = path(invite(organizer, "{\"role\": \"canvasser\", \"sectors\": [12]}"));
        for (int i = 0; i < AuthRoutes.MAX_FAILURES_PER_ADDRESS; i++) {
            assertThat(send("GET", "/invitation/" + Secrets.randomToken(32), null, "Accept", HTML).statusCode()).isEqualTo(404);
        }
        assertThat(LoginAttempts.recentFailuresFrom(store, "127.0.0.1", Instant.now().minusSeconds(600)))
                .isGreaterThanOrEqualTo(AuthRoutes.MAX_FAILURES_PER_ADDRESS);
        HttpResponse<String> blocked = send("GET", path, null, "Accept", HTML);
        assertThat(blocked.statusCode()).as("even a good link, from that address, for a while").isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).contains("900");
        assertThat(blocked.body()).contains("Trop de tentatives");
    }

    @Test
    void aSignedInBrowserIsAskedToSignOutFirst() throws Exception {
        String path = path(invite(organizer, "{\"role\": \"canvasser\", \"sectors\": [12]}"));
        HttpResponse<String> page = send("GET", path, null, "Accept", HTML, "Cookie", organizer.header());
        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.body()).contains("déconnectez-vous d&#39;abord");
        // a link no longer usable says so first: signing out to open it again would only lead to that refusal
        String expired = fr.terrain.account.Secrets.randomToken(32);
        InvitationLinks.create(store, fr.terrain.account.Secrets.sha256(expired), Role.CANVASSER, java.util.Set.of(12),
                java.util.Optional.empty(), "test", Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600));
        HttpResponse<String> old = send("GET", "/invitation/" + expired, null, "Accept", HTML, "Cookie", organizer.header());
        assertThat(old.statusCode()).isEqualTo(410);
        assertThat(old.body()).doesNotContain("déconnectez-vous");
    }
}
