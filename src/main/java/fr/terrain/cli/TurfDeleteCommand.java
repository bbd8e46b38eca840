package fr.terrain.cli;

import fr.terrain.field.TurfScope;
import fr.terrain.store.FieldStore;
import fr.terrain.store.Store;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code terrain turfs delete}: removes a saved plan no canvasser has recorded on yet. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Supprime un plan enregistré, ses tournées et leurs portes (un découpage raté, un plan remplacé),"
                + " tant qu'aucun résultat de porte-à-porte n'y est enregistré, qu'aucune de ses tournées n'est"
                + " attribuée (terrain turfs assign … --none) ni retirée à un militant depuis moins de 7 jours (son"
                + " téléphone peut encore envoyer des portes) ; consigné au journal d'audit."})
final class TurfDeleteCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--plan", required = true, paramLabel = "NOM",
            description = "Nom du plan enregistré, ou #N (son numéro) quand des plans de secteurs différents portent ce nom.")
    String plan;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Store s = store.open()) {
            TurfScope all = new TurfScope.All();
            FieldStore.PlanSummary p = TurfPlans.fromPlanOption(s, plan);
            if (!FieldStore.deletePlan(s, all, p.id(), Actor.current())) {
                throw new Terrain.UserError("le plan « " + plan + " » vient d'être supprimé par ailleurs");
            }
            spec.commandLine().getOut().printf("Plan « %s » supprimé : %d tournée(s), %s portes ; consigné au journal"
                    + " d'audit.%n", p.name(), p.turfs(), Reports.n(p.doors()));
        }
        return 0;
    }
}
