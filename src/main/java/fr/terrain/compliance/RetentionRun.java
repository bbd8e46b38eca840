package fr.terrain.compliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import fr.terrain.election.Paris;
import fr.terrain.privacy.Retention;
import fr.terrain.privacy.RetentionPolicy;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.AuditLog;
import fr.terrain.store.PersonalData;
import fr.terrain.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the retention policy to the store as of one day: decides, deletes (unless a dry run),
 * audits, and writes the deletion report as Markdown and JSON in {@code reports/} of the data
 * directory.
 */
public final class RetentionRun {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** What a run decided and did; {@code deleted} holds the rows removed per decision to delete. */
    public record Result(Retention.Plan plan, boolean dryRun, List<Long> deleted, long personsDeleted, Path markdown,
            Path json) {
        public long recordsDeleted() {
            return deleted.stream().mapToLong(Long::longValue).sum();
        }

        /** One line for the console or the server's log. */
        public String summary() {
            return (dryRun ? "simulation au " : "conservation au ") + Paris.day(plan.asOf()) + " : "
                    + (dryRun ? Paris.count(plan.recordsToDelete()) + " enregistrement(s) seraient supprimés"
                            : Paris.count(recordsDeleted()) + " enregistrement(s) supprimés" + (personsDeleted == 0 ? ""
                                    : ", et " + Paris.count(personsDeleted) + " personne(s) sans plus aucune donnée"))
                    + " (" + plan.toDelete().size() + " lot(s)), " + plan.toReview().size() + " lot(s) à vérifier ;"
                    + " rapport " + markdown;
        }
    }

    private RetentionRun() {}

    /** What a run as of {@code asOf} would decide, without deleting or writing anything (the web page's dry run). */
    public static Retention.Plan plan(Store store, RetentionPolicy policy, LocalDate asOf) {
        return Retention.decide(policy, asOf, PersonalData.holdings(store));
    }

    public static Result run(Store store, Path home, RetentionPolicy policy, LocalDate asOf, boolean dryRun, String actor) {
        Retention.Plan plan = plan(store, policy, asOf);
        PersonalData.Deleted deleted = dryRun ? new PersonalData.Deleted(List.of(), 0)
                : PersonalData.delete(store, plan, actor);
        Instant now = Instant.now();
        String base = "retention-" + asOf + "-" + STAMP.format(now) + (dryRun ? "-simulation" : "");
        Path dir = home.resolve("reports");
        Path md = dir.resolve(base + ".md");
        Path json = dir.resolve(base + ".json");
        Result result = new Result(plan, dryRun, deleted.rows(), deleted.persons(), md, json);
        try {
            Files.createDirectories(dir);
            Files.writeString(md, markdown(result, actor, now), StandardCharsets.UTF_8);
            Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(json(result, actor, now)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("impossible d'écrire le rapport de suppression dans " + dir, e);
        }
        if (!dryRun) {
            AuditLog.append(store, actor, "retention.run", "as-of:" + asOf, result.recordsDeleted(),
                    plan.toDelete().size() + " lot(s) supprimé(s), " + plan.toReview().size() + " à vérifier ; rapport "
                            + md.getFileName());
        }
        return result;
    }

    static String markdown(Result r, String actor, Instant now) {
        Retention.Plan plan = r.plan();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(r.dryRun() ? "Simulation de purge" : "Rapport de suppression").append(" au ")
                .append(Paris.day(plan.asOf())).append("\n\n");
        md.append("Exécuté le ").append(Paris.minute(now)).append(" par ").append(actor).append(". ")
                .append(r.dryRun() ? "Simulation : rien n'a été supprimé." : "Chaque suppression a son entrée dans le"
                        + " journal d'audit (retention.delete).").append("\n\n");
        md.append("## Supprimé").append(r.dryRun() ? " (serait supprimé)" : "").append("\n\n");
        if (plan.toDelete().isEmpty()) {
            md.append("Rien : aucune durée de conservation n'est écoulée.\n\n");
        } else {
            md.append("| Source | Périmètre | Enregistrements | Motif |\n|---|---|---|---|\n");
            List<Retention.Decision> del = plan.toDelete();
            for (int i = 0; i < del.size(); i++) {
                Retention.Decision d = del.get(i);
                long n = r.dryRun() ? d.holding().records() : r.deleted().get(i);
                md.append("| ").append(d.holding().category().id()).append(" | ").append(d.holding().scope()).append(" | ")
                        .append(Paris.count(n)).append(" | ").append(d.reason()).append(" |\n");
            }
            md.append('\n');
            if (!r.dryRun()) {
                md.append("Personnes sans plus aucune donnée après ces suppressions (ni liste, ni contact, ni demande en"
                        + " cours), effacées avec leur historique de consentement : ").append(Paris.count(r.personsDeleted()))
                        .append(".\n\n");
            }
        }
        md.append("## Conservé\n\n");
        List<Retention.Decision> kept = plan.decisions().stream().filter(d -> d.verdict() != Retention.Verdict.DELETE)
                .toList();
        if (kept.isEmpty()) {
            md.append("Rien d'autre n'est détenu.\n\n");
        } else {
            md.append("| Source | Périmètre | Enregistrements | Décision | Motif |\n|---|---|---|---|---|\n");
            for (Retention.Decision d : kept) {
                md.append("| ").append(d.holding().category().id()).append(" | ").append(d.holding().scope())
                        .append(" | ").append(Paris.count(d.holding().records())).append(" | ")
                        .append(d.verdict() == Retention.Verdict.REVIEW ? "à vérifier" : "conservé jusqu'au "
                                + d.dueOn().map(x -> Paris.day(x.minusDays(1))).orElse("—"))
                        .append(" | ").append(d.reason()).append(" |\n");
            }
            md.append('\n');
        }
        md.append("## Politique appliquée\n\n");
        for (var e : plan.policy().rules().entrySet()) {
            md.append("- ").append(e.getKey().id()).append(" : ").append(e.getValue().describe())
                    .append(plan.nothingHeld().contains(e.getKey()) ? " — rien de détenu" : "").append('\n');
        }
        return md.toString();
    }

    static Map<String, Object> json(Result r, String actor, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("asOf", r.plan().asOf().toString());
        m.put("ranAt", now.toString());
        m.put("actor", actor);
        m.put("dryRun", r.dryRun());
        m.put("recordsDeleted", r.dryRun() ? 0 : r.recordsDeleted());
        m.put("personsDeleted", r.personsDeleted());
        List<Map<String, Object>> decisions = new ArrayList<>();
        int i = 0;
        for (Retention.Decision d : r.plan().decisions()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("source", d.holding().category().id());
            x.put("scope", d.holding().scope());
            x.put("records", d.holding().records());
            x.put("verdict", d.verdict().name().toLowerCase(java.util.Locale.ROOT));
            x.put("dueOn", d.dueOn().map(LocalDate::toString).orElse(null));
            x.put("reason", d.reason());
            if (d.verdict() == Retention.Verdict.DELETE && !r.dryRun()) {
                x.put("deleted", r.deleted().get(i++));
            }
            decisions.add(x);
        }
        m.put("decisions", decisions);
        Map<String, String> policy = new LinkedHashMap<>();
        r.plan().policy().rules().forEach((c, rule) -> policy.put(c.id(), rule.describe()));
        m.put("policy", policy);
        m.put("nothingHeld", r.plan().nothingHeld().stream().map(fr.terrain.privacy.RetentionCategory::id).toList());
        return m;
    }
}
