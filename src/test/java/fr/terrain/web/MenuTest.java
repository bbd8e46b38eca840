package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.account.Account;
import fr.terrain.account.Permission;
import fr.terrain.account.Role;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every headquarters page carries the same menu, made from the routes' permissions: each role sees the links of
 * the pages it may open and no other, the current page marked; no such page is missing from it; the canvasser's
 * pages keep their own links.
 */
class MenuTest {
    private static final Pattern MENU = Pattern.compile("<nav class=\"menu\" aria-label=\"Pages\">(.*?)</nav>");
    private static final Pattern LINK = Pattern.compile("<a href=\"([^\"]+)\" data-en=\"[^\"]+\"( class=\"active\" aria-current=\"page\")?>");
    /** The pages of the canvasser's phone and of one's own account: no headquarters menu. */
    private static final List<Permission> OWN = List.of(Permission.SIGNED_IN, Permission.CANVASS_OWN_TURFS);

    @TempDir
    Path home;

    Store store;
    Javalin app;
    final Map<Role, String> sessions = new EnumMap<>(Role.class);
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        store = TestStores.h2(home);
        for (Role role : Role.values()) {
            sessions.put(role, TestAccounts.session(store, TestAccounts.user(store, role.label(), role, 11)).header());
        }
        app = WebApp.create(store).start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
    }

    @Test
    void everyMenuLinkIsARouteOfThatPermission() {
        List<WebRoute> routes = WebApp.routes(store);
        for (Menu.Entry e : Menu.ENTRIES) {
            assertThat(routes).as(e.path()).anySatisfy(r -> {
                assertThat(r.method()).isEqualTo(HandlerType.GET);
                assertThat(r.path()).isEqualTo(e.path());
                assertThat(r.permission()).contains(e.permission());
            });
        }
    }

    @Test
    void eachRoleSeesOnEveryPageTheLinksOfThePagesItMayOpenTheCurrentOneMarked() throws Exception {
        List<String> walked = new ArrayList<>();
        for (WebRoute route : WebApp.routes(store)) {
            if (route.method() != HandlerType.GET || route.permission().isEmpty() || route.path().contains("{")
                    || route.path().startsWith("/api/")) {
                continue;
            }
            for (Role role : Role.values()) {
                if (!role.has(route.permission().get())) {
                    continue;
                }
                HttpResponse<String> page = get(route.path(), sessions.get(role));
                if (page.statusCode() != 200
                        || !page.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                    continue;
                }
                String body = page.body();
                assertThat(body).as(route.path()).doesNotContain(Menu.PLACEHOLDER).doesNotContain(Menu.HEADER_PLACEHOLDER);
                Matcher menu = MENU.matcher(body);
                if (OWN.contains(route.permission().get())) {
                    assertThat(menu.find()).as("no headquarters menu on %s", route.path()).isFalse();
                    continue;
                }
                assertThat(menu.find()).as("the menu of %s for %s", route.path(), role).isTrue();
                List<String> links = new ArrayList<>();
                List<String> current = new ArrayList<>();
                Matcher link = LINK.matcher(menu.group(1));
                while (link.find()) {
                    links.add(link.group(1));
                    if (link.group(2) != null) {
                        current.add(link.group(1));
                    }
                }
                // these accounts hold no turf: « Ma tournée » is not theirs (see anOrganizerGivenATurfReachesItFromTheMenu)
                assertThat(links).as("%s for %s", route.path(), role).containsExactlyElementsOf(Menu.ENTRIES.stream()
                        .filter(e -> role.has(e.permission()) && !e.turfHolders()).map(Menu.Entry::path).toList());
                assertThat(current).as("the current page of %s", route.path()).containsExactly(route.path());
                assertThat(body).as(route.path()).contains("action=\"/logout\"").contains("/assets/session.js");
                walked.add(route.path());
            }
        }
        // every headquarters page is in the menu: walked pages are exactly the menu's, but for « Ma tournée », the
        // canvassing page (a phone page of its own, without this menu) that the menu offers to those given a turf
        assertThat(walked.stream().distinct().sorted().toList())
                .isEqualTo(Menu.ENTRIES.stream().filter(e -> !e.turfHolders()).map(Menu.Entry::path).sorted().toList());
    }

    /**
     * An organizer may be given turfs (`PUT /api/field/turfs/{id}/assignee` offers them among their sector's
     * volunteers) and then canvasses them; the last review found the canvassing page missing from their menu, so they
     * had to know its address. Product decision: an account of the headquarters that holds at least one turf gets
     * « Ma tournée » in its menu, on every page; one holding none does not (the page would list every turf of the sector,
     * which « Affectation » shows better), and a canvasser keeps the phone pages without this menu.
     */
    @Test
    void anOrganizerGivenATurfReachesItFromTheMenu() throws Exception {
        String organizer = sessions.get(Role.ORGANIZER);
        String canvassing = "<a href=\"" + CanvassRoutes.PAGE + "\" data-en=\"My turfs\">Ma tournée</a>";
        assertThat(get("/terrain/progression", organizer).body()).contains("href=\"/terrain/affectation\"")
                .doesNotContain(canvassing);
        long plan = fr.terrain.store.TurfRows.plan(store, "11e");
        long turf = fr.terrain.store.TurfRows.turf(store, plan, 1, 11, 2.37, 48.86, 90, null, List.of());
        long organizerId = fr.terrain.store.FieldStore.userId(store, Role.ORGANIZER.label()).orElseThrow();
        fr.terrain.store.TurfRows.assign(store, turf, organizerId);
        for (String page : List.of("/terrain/progression", "/terrain/affectation", "/carte", "/terrain/equipes")) {
            assertThat(get(page, organizer).body()).as(page).contains(canvassing);
        }
        assertThat(get(CanvassRoutes.PAGE, organizer).statusCode()).as("the link leads somewhere").isEqualTo(200);
        assertThat(get("/terrain/progression", sessions.get(Role.DIRECTOR)).body()).as("the director holds none")
                .doesNotContain(canvassing);
        fr.terrain.store.TurfRows.assign(store, turf, null);
        assertThat(get("/terrain/progression", organizer).body()).as("taken back").doesNotContain(canvassing);
    }

    @Test
    void theMenuOfAnOrganizerLeavesOutRightsAndAudit() {
        var organizer = Account.of("o", Role.ORGANIZER, Set.of(11));
        String nav = Menu.nav(organizer, "/campagnes/rentree/suivi");
        assertThat(nav).contains("href=\"/terrain/affectation\"").doesNotContain("/droits").doesNotContain("/audit")
                .contains("<a href=\"/campagnes\" data-en=\"E-mail\" class=\"active\" aria-current=\"page\">Courriels</a>");
        var analyst = Account.of("a", Role.ANALYST, Set.of());
        assertThat(Menu.nav(analyst, "/carte")).doesNotContain("/terrain/equipes").doesNotContain("non-rapprochees")
                .contains("<a href=\"/carte\" data-en=\"Strategic map\" class=\"active\" aria-current=\"page\">Carte stratégique</a>");
    }

    HttpResponse<String> get(String path, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Accept", "text/html").header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
    }
}
