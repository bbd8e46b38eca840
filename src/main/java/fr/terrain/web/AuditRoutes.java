package fr.terrain.web;

import fr.terrain.account.Permission;
import fr.terrain.privacy.AuditActions;
import fr.terrain.privacy.AuditChain;
import fr.terrain.privacy.AuditEntry;
import fr.terrain.store.AuditLog;
import fr.terrain.store.Store;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The audit log in the app: {@code /audit} (a page) and {@code /api/audit} (JSON), for the administrator and the DPO. */
final class AuditRoutes {
    private static final int SHOWN = 500;

    /** The styles of the server-rendered admin pages (audit, conformité). */
    static final String STYLE = """
            table { font-size: .9rem; }
            th, td { vertical-align: top; }
            /* the detail, last, wraps rather than running off the table (an erasure's list of tables) */
            table.audit td:last-child { min-width: 18rem; overflow-wrap: anywhere; white-space: normal; }
            .good { background: #e6f4ea; border: 1px solid #8cc79a; padding: .5rem .8rem; border-radius: 4px; }
            .bad { background: #fdecea; border: 1px solid #e0877d; padding: .5rem .8rem; border-radius: 4px; font-weight: 600; }
            """;

    /** When an entry was written, as the page shows it: 29/11/2026 14:05:03 (UTC, like the command line's filter). */
    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter
            .ofPattern("dd/MM/yyyy HH:mm:ss").withZone(ZoneOffset.UTC);

    private AuditRoutes() {}

    static List<WebRoute> routes(Store store) {
        return List.of(
                WebRoute.get("/audit", Permission.READ_AUDIT, ctx -> page(store, ctx)),
                WebRoute.get("/api/audit", Permission.READ_AUDIT, ctx -> json(store, ctx)));
    }

    /** The chain's state over every entry, and the latest entries that match {@code ?actor=} and {@code ?since=}. */
    private record View(int total, Optional<AuditChain.Break> broken, List<AuditEntry> shown) {}

    private static View view(Store store, Context ctx) {
        Optional<Instant> since;
        try {
            since = Optional.ofNullable(ctx.queryParam("since")).filter(s -> !s.isBlank())
                    .map(s -> LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse("since : une date AAAA-MM-JJ est attendue");
        }
        Optional<String> actor = Optional.ofNullable(ctx.queryParam("actor")).filter(s -> !s.isBlank());
        List<AuditEntry> all = AuditLog.all(store);
        return new View(all.size(), AuditChain.verify(all), AuditLog.list(store, since, actor, SHOWN));
    }

    private static void json(Store store, Context ctx) {
        View v = view(store, ctx);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entries", v.total());
        m.put("intact", v.broken().isEmpty());
        m.put("break", v.broken().map(b -> Map.of("seq", b.seq(), "reason", b.reason())).orElse(null));
        m.put("shown", v.shown().stream().map(e -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("seq", e.seq());
            x.put("at", e.at().toString());
            x.put("actor", e.actor());
            x.put("action", e.action());
            x.put("target", e.target());
            x.put("records", e.records());
            x.put("detail", e.detail());
            x.put("hash", e.hash());
            return x;
        }).toList());
        ctx.header("Cache-Control", "no-store").contentType(ContentType.APPLICATION_JSON).result(Json.write(m));
    }

    private static void page(Store store, Context ctx) {
        View v = view(store, ctx);
        StringBuilder rows = new StringBuilder();
        for (AuditEntry e : v.shown().reversed()) {
            rows.append("<tr><td class=\"n\">").append(e.seq()).append("</td><td>")
                    .append(WHEN.format(e.at())).append("</td><td>")
                    .append(Replies.escape(e.actor())).append("</td><td>")
                    .append(Replies.escape(AuditActions.words(e.action()))).append(" <code>")
                    .append(Replies.escape(e.action())).append("</code>")
                    .append("</td><td>").append(Replies.escape(e.target())).append("</td><td class=\"n\">")
                    .append(Replies.count(e.records())).append("</td><td>").append(Replies.escape(e.detail()))
                    .append("</td></tr>\n");
        }
        String status = v.broken().map(b -> "<p class=\"bad\">Journal altéré : " + Replies.escape(b.reason()) + "</p>")
                .orElse("<p class=\"good\">Journal intact : " + v.total() + " entrées, chaîne d'empreintes vérifiée.</p>");
        String html = """
                <!doctype html>
                <html lang="fr">
                <head>
                <meta charset="utf-8">
                <link rel="icon" href="data:,">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Terrain — journal d'audit</title>
                <link rel="stylesheet" href="/assets/terrain.css">
                <link rel="stylesheet" href="/assets/pages.css">
                <style>
                {{style}}</style>
                </head>
                <body>
                <header data-menu></header>
                <main class="page">
                <h1>Journal d'audit</h1>
                {{status}}
                <form method="get" action="/audit">
                  <label>Acteur <input name="actor" value="{{actor}}"></label>
                  <label>Depuis le <input name="since" type="date" value="{{since}}"></label>
                  <button type="submit">Filtrer</button>
                </form>
                <p class="muted">{{count}} entrée(s) affichée(s), les plus récentes d'abord (au plus {{max}}). Vérification
                complète, avec le point de contrôle hors base : <code>./terrain audit verify</code>.</p>
                <div class="scroll"><table class="audit"><thead><tr><th class="n">n°</th><th>Quand (UTC)</th><th>Acteur</th><th>Action</th><th>Cible</th>
                <th class="n">Enregistrements</th><th>Détail</th></tr></thead><tbody>
                {{rows}}</tbody></table></div>
                </main>
                <script src="/assets/session.js"></script>
                </body>
                </html>
                """.replace("{{style}}", STYLE).replace("{{status}}", status)
                .replace("{{actor}}", Replies.escape(Optional.ofNullable(ctx.queryParam("actor")).orElse("")))
                .replace("{{since}}", Replies.escape(Optional.ofNullable(ctx.queryParam("since")).orElse("")))
                .replace("{{count}}", Integer.toString(v.shown().size())).replace("{{max}}", Integer.toString(SHOWN))
                .replace("{{rows}}", rows);
        ctx.header("Cache-Control", "no-store").contentType("text/html; charset=utf-8").result(DemoNotice.into(ctx, Menu.into(ctx, html)));
    }
}
