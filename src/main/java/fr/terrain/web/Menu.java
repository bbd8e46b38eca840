package fr.terrain.web;

import fr.terrain.account.Account;
import fr.terrain.account.Permission;
import io.javalin.config.Key;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Predicate;

/**
 * The headquarters pages' header and menu, the same on every one of them: the pages the signed-in account may open
 * (as the routes' permissions say), the current one marked, the account's name and the sign-out button. A page asks
 * for the whole header with {@code <header data-menu></header>}, or for the menu alone inside a header of its own
 * (the map's, with its tabs and language button) with {@code <nav data-menu></nav>}; {@link Pages} and the pages
 * written in Java put them there. The canvasser's pages (phone, one task each) keep their own links.
 */
final class Menu {
    /** Where a page wants the whole header. */
    static final String HEADER_PLACEHOLDER = "<header data-menu></header>";
    /** Where a page with a header of its own wants the menu. */
    static final String PLACEHOLDER = "<nav data-menu></nav>";

    /** The header (session.js fills the account's name and the sign-out form's token). */
    private static final String HEADER = """
            <header class="bar">
              <strong class="brand">Terrain</strong>
              <nav data-menu></nav>
              <span class="spacer"></span>
              <span class="user" data-user></span>
              <form method="post" action="/logout"><input type="hidden" name="_csrf"><button>Déconnexion</button></form>
            </header>""";

    /** Whether the account of that name holds a turf ({@link Context#appData}; the app asks the store). */
    static final Key<Predicate<String>> HOLDS_TURF = new Key<>("terrain.holds-turf");

    /**
     * One page of the menu; {@code english} is for the pages with a language button (the map, the simulation), which
     * read it from {@code data-en}; {@code prefix} also marks the pages under it (a campaign's report under the list);
     * {@code turfHolders}: shown only to an account that holds a turf.
     */
    record Entry(String path, String label, String english, Permission permission, String prefix, boolean turfHolders) {
        Entry(String path, String label, String english, Permission permission, String prefix) {
            this(path, label, english, permission, prefix, false);
        }

        /** Whether the menu of that account shows this page. */
        boolean shownTo(Account account, boolean holdsTurf) {
            return account.has(permission) && (!turfHolders || holdsTurf);
        }
    }

    static final List<Entry> ENTRIES = List.of(
            new Entry("/carte", "Carte stratégique", "Strategic map", Permission.READ_AGGREGATES, null),
            new Entry("/plan", "Plan", "Plan", Permission.READ_AGGREGATES, null),
            new Entry("/blocs", "Blocs", "Blocs", Permission.READ_AGGREGATES, null),
            new Entry("/simulation", "Simulation", "Simulation", Permission.READ_AGGREGATES, null),
            new Entry("/terrain/progression", "Progression", "Canvassing progress", Permission.READ_AGGREGATES, null),
            new Entry("/terrain/equipes", "Équipes", "Teams", Permission.READ_PERSONAL_DATA, null),
            new Entry(TurfCutRoutes.PAGE, "Découpage", "Turf cutting", Permission.READ_PERSONAL_DATA, null),
            new Entry("/terrain/affectation", "Affectation", "Turf assignment", Permission.READ_PERSONAL_DATA, null),
            // an organizer (or the direction) given turfs canvasses them: their phone page is one click away; without a
            // turf the page would only list the sector's turfs, which « Affectation » shows better
            new Entry(CanvassRoutes.PAGE, "Ma tournée", "My turfs", Permission.CANVASS_OWN_TURFS, null, true),
            new Entry("/adresses/non-rapprochees", "Adresses non rapprochées", "Unmatched addresses",
                    Permission.READ_PERSONAL_DATA, null),
            new Entry("/campagnes", "Courriels", "E-mail", Permission.READ_AGGREGATES, "/campagnes/"),
            new Entry("/droits", "Droits", "Rights requests", Permission.HANDLE_RIGHTS, "/droits/"),
            new Entry(AccountRoutes.PAGE, "Comptes", "Accounts", Permission.MANAGE_USERS, null),
            new Entry("/audit", "Audit", "Audit log", Permission.READ_AUDIT, null),
            new Entry("/conformite", "Conformité", "Compliance", Permission.READ_AUDIT, null),
            new Entry("/donnees", "Données", "Data", Permission.READ_AGGREGATES, null));

    private Menu() {}

    /** The page with its header and menu in place of the placeholders (unchanged without a signed-in account). */
    static String into(Context ctx, String html) {
        if (!html.contains(PLACEHOLDER) && !html.contains(HEADER_PLACEHOLDER)) {
            return html;
        }
        return CurrentUser.find(ctx).map(a -> html.replace(HEADER_PLACEHOLDER, HEADER)
                .replace(PLACEHOLDER, nav(a, ctx.path(), ctx.appData(HOLDS_TURF).test(a.name())))).orElse(html);
    }

    /** The menu of this account, which holds no turf, on the page at this path. */
    static String nav(Account account, String path) {
        return nav(account, path, false);
    }

    /** The menu of this account on the page at this path. */
    static String nav(Account account, String path, boolean holdsTurf) {
        StringBuilder nav = new StringBuilder("<nav class=\"menu\" aria-label=\"Pages\">");
        for (Entry e : ENTRIES) {
            if (!e.shownTo(account, holdsTurf)) {
                continue;
            }
            boolean current = path.equals(e.path()) || (e.prefix() != null && path.startsWith(e.prefix()));
            nav.append("<a href=\"").append(e.path()).append("\" data-en=\"").append(Replies.escape(e.english())).append('"')
                    .append(current ? " class=\"active\" aria-current=\"page\"" : "").append('>')
                    .append(Replies.escape(e.label())).append("</a>");
        }
        return nav.append("</nav>").toString();
    }
}
