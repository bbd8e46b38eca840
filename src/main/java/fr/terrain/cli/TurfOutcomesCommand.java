package fr.terrain.cli;

import fr.terrain.ingest.CsvCell;
import fr.terrain.store.AuditLog;
import fr.terrain.store.FieldStore;
import fr.terrain.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code terrain turfs outcomes}: the door outcomes of a saved plan as CSV, for a person to check; audited. */
@Command(name = "outcomes", mixinStandardHelpOptions = true,
        description = {"Exporte les résultats de porte-à-porte d'un plan enregistré en CSV (séparateur ;) :"
                + " tournée, porte, adresse, bureau, résultat, sujet, date, militant, doublon. Jamais le niveau de soutien."
                + " L'export est inscrit au journal d'audit (field.outcomes.export)."})
final class TurfOutcomesCommand implements Callable<Integer> {
    static final String HEADER = "turf;door_id;label;station;outcome;topic;recorded_at;canvasser;duplicate_door";

    @Mixin
    StoreOptions store;

    @Option(names = "--plan", required = true, paramLabel = "NOM",
            description = "Nom du plan enregistré, ou #N (son numéro) quand des plans de secteurs différents portent ce nom.")
    String plan;

    @Option(names = "--out", paramLabel = "FICHIER", description = "Fichier CSV à écrire (défaut : la sortie standard).")
    Path out;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Store s = store.open()) {
            FieldStore.PlanSummary p = TurfPlans.fromPlanOption(s, plan);
            List<FieldStore.ExportedOutcome> rows = FieldStore.exportOutcomes(s, p.id());
            AuditLog.append(s, Actor.current(), "field.outcomes.export", "plan:" + p.name(), rows.size(),
                    out == null ? "sortie standard" : "fichier " + out.getFileName());
            StringBuilder csv = new StringBuilder(HEADER).append('\n');
            for (FieldStore.ExportedOutcome r : rows) {
                csv.append(String.join(";", String.valueOf(r.turf()), cell(r.doorId()), cell(r.label()), cell(r.station()),
                        r.outcome(), cell(r.topic()), r.recordedAt().toString(), cell(r.canvasser()),
                        String.valueOf(r.duplicateDoor()))).append('\n');
            }
            if (out == null) {
                spec.commandLine().getOut().print(csv);
                spec.commandLine().getOut().flush();
            } else {
                try {
                    Files.writeString(out, csv, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw Terrain.cannotWrite(out, e);
                }
            }
            if (out != null) {
                spec.commandLine().getErr().println(rows.size() + " résultat(s) écrits dans " + out + " (export journalisé).");
            }
        }
        return 0;
    }

    private static String cell(String s) {
        return CsvCell.text(s, ';');
    }
}
