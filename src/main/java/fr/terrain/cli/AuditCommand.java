package fr.terrain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import fr.terrain.compliance.AuditCheck;
import fr.terrain.privacy.AuditEntry;
import fr.terrain.store.AuditLog;
import fr.terrain.store.Store;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code terrain audit verify|list}: the tamper-evident log of admin actions and personal-data access. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Journal d'audit : actions d'administration, imports, consultations et suppressions de données"
                + " personnelles, chaînés par empreintes SHA-256.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.ListEntries.class})
final class AuditCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Vérifie que le journal est intact : chaque entrée suit de la précédente, et le journal"
                    + " contient encore la dernière tête vérifiée (fichier audit-head.properties du répertoire des"
                    + " données, mis à jour à chaque vérification réussie).",
                "Code de sortie 0 si intact, 1 en nommant l'entrée où la chaîne casse, ou le point de contrôle"
                        + " illisible (fichier laissé tel quel)."})
    static final class Verify implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Store st = store.open()) {
                AuditCheck.Result r;
                try {
                    r = AuditCheck.run(st, store.home(), true);
                } catch (AuditCheck.UnreadableCheckpoint e) {
                    err.println("journal non vérifié : point de contrôle illisible, " + e.getMessage());
                    err.println("Le fichier est laissé tel quel : remettez-le d'une copie, ou supprimez-le pour qu'un"
                            + " nouveau point de contrôle soit pris à la prochaine vérification (les entrées retirées"
                            + " avant elle ne pourront plus être décelées).");
                    return Terrain.INPUT_ERROR;
                }
                if (!r.intact()) {
                    err.println("journal altéré : " + r.broken().get().reason());
                    err.println("première entrée en cause : n° " + r.broken().get().seq() + " (" + r.entries()
                            + " entrées lues ; " + r.checkpointNote() + ")");
                    return Terrain.INPUT_ERROR;
                }
                out.println("✔ journal intact, " + r.entries() + " entrées");
                out.println("  tête : n° " + r.head().seq() + ", empreinte " + r.head().hash());
                out.println("  " + r.checkpointNote() + (r.entries() == 0 ? " ; journal vide : aucun point de contrôle"
                        + " enregistré" : " ; point de contrôle avancé à la tête actuelle"));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Liste les entrées du journal, des plus anciennes aux plus récentes.")
    static final class ListEntries implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--since", paramLabel = "DATE", description = "Seulement les entrées depuis ce jour (AAAA-MM-JJ, UTC).")
        LocalDate since;

        @Option(names = "--actor", paramLabel = "NOM", description = "Seulement les entrées de cet acteur (compte, cli:…, system…).")
        String actor;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
                description = "Seulement les N dernières entrées (défaut : toutes).")
        int limit;

        @Option(names = "--json", description = "Sortie JSON (un tableau d'entrées, empreintes comprises).")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Store st = store.open()) {
                List<AuditEntry> entries = AuditLog.list(st,
                        Optional.ofNullable(since).map(d -> d.atStartOfDay().toInstant(ZoneOffset.UTC)),
                        Optional.ofNullable(actor), limit);
                if (json) {
                    out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(entries.stream().map(AuditCommand::json).toList()));
                    return 0;
                }
                if (entries.isEmpty()) {
                    out.println("Aucune entrée.");
                }
                for (AuditEntry e : entries) {
                    out.printf("%6d  %s  %-20s %-18s %-32s %9s  %s%n", e.seq(), e.at().toString().substring(0, 19) + "Z",
                            e.actor(), e.action(), e.target(), Reports.n(e.records()), e.detail());
                }
            }
            return 0;
        }
    }

    static Map<String, Object> json(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("at", e.at().toString());
        m.put("actor", e.actor());
        m.put("action", e.action());
        m.put("target", e.target());
        m.put("records", e.records());
        m.put("detail", e.detail());
        m.put("previousHash", e.previousHash());
        m.put("hash", e.hash());
        return m;
    }
}
