package fr.terrain.web;

import fr.terrain.demo.CityGenerator;
import fr.terrain.store.Elections;
import fr.terrain.store.Store;
import io.javalin.config.Key;
import io.javalin.http.Context;

/**
 * The thin bar that says the store holds the synthetic demo city of {@code terrain demo}, so that nobody takes its
 * figures and voters for real ones. The server writes it into the login page and every page it serves, so it is
 * there before any script runs. The data count as synthetic when an election of the demo territory
 * ({@value CityGenerator#TERRITORY}) is loaded, the territory the demo imports its city under.
 */
final class DemoNotice {
    /** Where the app keeps its notice for the pages ({@link Context#appData}). */
    static final Key<DemoNotice> KEY = new Key<>("terrain.demo-notice");

    static final String TEXT = "Données synthétiques de démonstration — aucune ne décrit une personne ou un bureau de"
            + " vote réel";

    /** Page styles may refine it (the login form's centred card does), hence a class and not a style attribute. */
    private static final String STYLE = "<style>.synthetic-data { margin: 0; padding: .25rem .8rem; background: #fff4d6;"
            + " border-bottom: 1px solid #e8c660; color: #4d3b00; font: .85rem/1.35 system-ui, -apple-system, \"Segoe UI\","
            + " Roboto, sans-serif; text-align: center; }</style>\n";
    private static final String BAR = "\n<p class=\"synthetic-data\" role=\"note\">" + TEXT + "</p>";

    private final Store store;

    DemoNotice(Store store) {
        this.store = store;
    }

    /** The page with the bar when the store holds the demo city, else the page unchanged. */
    static String into(Context ctx, String html) {
        return ctx.appData(KEY).into(html);
    }

    boolean synthetic() {
        return Elections.list(store).stream().anyMatch(e -> e.territory().equals(CityGenerator.TERRITORY));
    }

    String into(String html) {
        return synthetic() ? withBar(html) : html;
    }

    /** The bar first in the body, its style last in the head. */
    static String withBar(String html) {
        int head = html.indexOf("</head>");
        int body = html.indexOf("<body");
        int bodyEnd = body < 0 ? -1 : html.indexOf('>', body);
        if (head < 0 || bodyEnd < head) {
            throw new IllegalStateException("page sans <head> ni <body> : impossible d'y placer le bandeau de démonstration");
        }
        return html.substring(0, head) + STYLE + html.substring(head, bodyEnd + 1) + BAR + html.substring(bodyEnd + 1);
    }
}
