package fr.terrain.web;

import fr.terrain.account.Permission;
import fr.terrain.compliance.PrivacySettings;
import fr.terrain.compliance.RegisterFiles;
import fr.terrain.compliance.RetentionRun;
import fr.terrain.privacy.Retention;
import fr.terrain.privacy.RetentionPolicy;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.Store;
import io.javalin.http.Context;
import io.javalin.http.InternalServerErrorResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * GDPR compliance in the app, for the administrator: {@code /conformite} shows the retention policy
 * in force, what {@code terrain retention run} would delete today (a dry run: the page deletes and
 * writes nothing), the past retention reports, and downloads of the register of processing and of
 * the AIPD template, made on the fly by the same code as {@code terrain register}.
 */
final class ComplianceRoutes {
    private static final int REPORTS_SHOWN = 200;

    private ComplianceRoutes() {}

    static List<WebRoute> routes(Store store) {
        return List.of(
                WebRoute.get("/conformite", Permission.READ_AUDIT, ctx -> page(store, ctx)),
                WebRoute.get("/conformite/registre.md", Permission.READ_AUDIT, ctx -> markdown(ctx,
                        RegisterFiles.REGISTER_MD, RegisterFiles.registerMarkdown(store, settings(store), today()))),
                WebRoute.get("/conformite/registre.pdf", Permission.READ_AUDIT, ctx -> download(ctx,
                        RegisterFiles.REGISTER_PDF, "application/pdf",
                        RegisterFiles.registerPdf(RegisterFiles.registerMarkdown(store, settings(store), today())))),
                WebRoute.get("/conformite/aipd.md", Permission.READ_AUDIT, ctx -> markdown(ctx,
                        RegisterFiles.DPIA_MD, RegisterFiles.dpiaMarkdown(store, settings(store), today()))));
    }

    /** The day the server runs its retention on (as {@code DailyRetention}): a day in Paris. */
    private static LocalDate today() {
        return fr.terrain.election.Paris.today();
    }

    /** The campaign's identity from the data directory's settings, whatever their retention values. */
    static fr.terrain.privacy.CampaignIdentity identity(Store store) {
        return read(store).identity();
    }

    private static PrivacySettings read(Store store) {
        return store.home().map(PrivacySettings::read)
                .orElseGet(() -> new PrivacySettings(Path.of(PrivacySettings.FILE_NAME), false, Map.of()));
    }

    /** The settings of the data directory; without one, the defaults. A wrong value answers 500 with its message. */
    static PrivacySettings settings(Store store) {
        PrivacySettings s = read(store);
        try {
            s.retention();
        } catch (IllegalArgumentException e) {
            throw new InternalServerErrorResponse(e.getMessage());
        }
        return s;
    }

    private static void markdown(Context ctx, String name, String text) {
        download(ctx, name, "text/markdown; charset=utf-8", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void download(Context ctx, String name, String type, byte[] bytes) {
        ctx.header("Cache-Control", "no-store").header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .contentType(type).result(bytes);
    }

    private static String e(Object o) {
        return Replies.escape(String.valueOf(o));
    }


    /** A source category in words, with the id that {@code privacy.properties} uses for it. */
    private static String source(fr.terrain.privacy.RetentionCategory c) {
        return e(c.description()) + " <code>" + e(c.id()) + "</code>";
    }

    private static void page(Store store, Context ctx) {
        Optional<Path> home = store.home();
        LocalDate today = today();
        StringBuilder body = new StringBuilder();

        body.append("<h2>Conservation des données</h2>\n");
        if (home.isEmpty()) {
            body.append("<p class=\"bad\">Pas de répertoire des données (TERRAIN_HOME) pour ce serveur : les réglages"
                    + " (privacy.properties) et les rapports de suppression (reports/) n'y sont pas lus ; la politique"
                    + " par défaut est montrée.</p>\n");
        }
        PrivacySettings settings = read(store);
        Optional<RetentionPolicy> policy;
        try {
            policy = Optional.of(settings.retention());
        } catch (IllegalArgumentException ex) {
            policy = Optional.empty();
            body.append("<p class=\"bad\">Réglages invalides : ").append(e(ex.getMessage())).append("</p>\n");
        }
        if (home.isPresent()) {
            body.append("<p class=\"muted\">").append(settings.exists() ? "Réglages : <code>" + e(settings.file()) + "</code>"
                    : "Valeurs par défaut (<code>" + e(settings.file()) + "</code> absent ;"
                            + " <code>./terrain retention policy --init</code> l'écrit).").append("</p>\n");
        }
        if (policy.isPresent()) {
            Retention.Plan plan = RetentionRun.plan(store, policy.get(), today);
            body.append("<h3>Politique en vigueur</h3>\n<table><thead><tr><th>Source</th><th>Durée de conservation</th>"
                    + "<th>Détenu</th></tr></thead><tbody>\n");
            policy.get().rules().forEach((c, rule) -> body.append("<tr><td>").append(source(c)).append("</td><td>")
                    .append(e(rule.describe())).append("</td><td>")
                    .append(plan.nothingHeld().contains(c) ? "rien" : "oui").append("</td></tr>\n"));
            body.append("</tbody></table>\n");
            body.append("<h3>Simulation de purge au ").append(fr.terrain.election.Paris.day(today)).append("</h3>\n");
            body.append(plan.toDelete().isEmpty() ? "<p class=\"good\">" : "<p class=\"bad\">")
                    .append("Simulation au ").append(fr.terrain.election.Paris.day(today)).append(" : ").append(Replies.count(plan.recordsToDelete()))
                    .append(" enregistrement(s) seraient supprimés (").append(plan.toDelete().size()).append(" lot(s)), ")
                    .append(plan.toReview().size()).append(" lot(s) à vérifier. Rien n'a été supprimé : <code>./terrain serve</code>"
                            + " applique la politique chaque jour (<code>./terrain demo</code> ne fait que la simuler),"
                            + " <code>./terrain retention run</code> quand on le lui demande.</p>\n");
            if (!plan.decisions().isEmpty()) {
                // in its own scroll on a phone (578 px wide, it pushed the page sideways and cut the counts)
                body.append("<div class=\"scroll\"><table><thead><tr><th>Décision</th><th>Source</th><th>Périmètre</th>"
                        + "<th class=\"n\">Enregistrements</th><th>Motif</th></tr></thead><tbody>\n");
                for (Retention.Decision d : plan.decisions()) {
                    String verdict = switch (d.verdict()) {
                        case DELETE -> "à supprimer";
                        case KEEP -> "conservé";
                        case REVIEW -> "à vérifier";
                    };
                    body.append("<tr><td>").append(verdict).append("</td><td>").append(source(d.holding().category()))
                            .append("</td><td>").append(e(d.holding().scope())).append("</td><td class=\"n\">")
                            .append(Replies.count(d.holding().records())).append("</td><td>").append(e(d.reason())).append("</td></tr>\n");
                }
                body.append("</tbody></table></div>\n");
            }
            if (!plan.nothingHeld().isEmpty()) {
                body.append("<p class=\"muted\">Rien de détenu : ").append(e(String.join(", ",
                        plan.nothingHeld().stream().map(fr.terrain.privacy.RetentionCategory::id).toList()))).append(".</p>\n");
            }
        }

        body.append("<h3>Rapports de suppression</h3>\n");
        if (home.isEmpty()) {
            body.append("<p class=\"muted\">Aucun répertoire des données : pas de rapports à lister.</p>\n");
        } else {
            List<Path> reports = reports(home.get().resolve("reports"));
            if (reports.isEmpty()) {
                body.append("<p class=\"muted\">Aucun rapport dans <code>").append(e(home.get().resolve("reports")))
                        .append("</code>.</p>\n");
            } else {
                body.append("<p class=\"muted\">Dans <code>").append(e(home.get().resolve("reports")))
                        .append("</code>, les plus récents d'abord (au plus ").append(REPORTS_SHOWN).append(") :</p>\n<ul>\n");
                reports.stream().limit(REPORTS_SHOWN).forEach(p -> body.append("<li><code>")
                        .append(e(p.getFileName())).append("</code></li>\n"));
                body.append("</ul>\n");
            }
        }

        body.append("""
                <h2>Registre des traitements</h2>
                <p>Produits à la demande à partir de la configuration réelle, comme <code>./terrain register</code> :</p>
                <ul>
                <li><a href="/conformite/registre.md">Registre des activités de traitement (Markdown)</a></li>
                <li><a href="/conformite/registre.pdf">Registre des activités de traitement (PDF)</a></li>
                <li><a href="/conformite/aipd.md">Modèle d'analyse d'impact (AIPD, Markdown)</a></li>
                </ul>
                <h2>Voir aussi</h2>
                <ul>
                <li><a href="/audit">Journal d'audit</a></li>
                <li><a href="/droits">Demandes d'exercice des droits</a></li>
                </ul>
                """);
        String html = """
                <!doctype html>
                <html lang="fr">
                <head>
                <meta charset="utf-8">
                <link rel="icon" href="data:,">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Terrain — conformité RGPD</title>
                <link rel="stylesheet" href="/assets/terrain.css">
                <link rel="stylesheet" href="/assets/pages.css">
                <style>
                {{style}}</style>
                </head>
                <body>
                <header data-menu></header>
                <main class="page">
                <h1>Conformité RGPD</h1>
                {{body}}</main>
                <script src="/assets/session.js"></script>
                </body>
                </html>
                """.replace("{{style}}", AuditRoutes.STYLE).replace("{{body}}", body);
        ctx.header("Cache-Control", "no-store").contentType("text/html; charset=utf-8").result(DemoNotice.into(ctx, Menu.into(ctx, html)));
    }

    /** A report's name: {@code retention-<as of>-<when it ran, UTC>[-simulation]}. */
    private static final java.util.regex.Pattern REPORT = java.util.regex.Pattern.compile(
            "retention-\\d{4}-\\d{2}-\\d{2}-(\\d{8}T\\d{6}Z).*");

    /** When a report's run ran, as its name says (sortable text; empty for another name): the newest first. */
    private static String ranAt(Path report) {
        java.util.regex.Matcher m = REPORT.matcher(report.getFileName().toString());
        return m.matches() ? m.group(1) : "";
    }

    /** The retention reports (Markdown and JSON) of the reports folder, newest first. */
    private static List<Path> reports(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("retention-") && (n.endsWith(".md") || n.endsWith(".json"));
            }).sorted(Comparator.comparing(ComplianceRoutes::ranAt).thenComparing(p -> p.getFileName().toString())
                    .reversed()).toList();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
