package fr.terrain.cli;

import fr.terrain.field.TurfScope;
import fr.terrain.store.FieldStore;
import fr.terrain.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code terrain turfs assign}: gives a saved turf to a volunteer's account (or takes it back). */
@Command(name = "assign", mixinStandardHelpOptions = true,
        description = {"Attribue une tournée d'un plan enregistré (terrain turfs … --save NOM) à un compte :"
                + " le militant la voit alors sur son téléphone (GET /api/field/turfs). --none la retire."})
final class TurfAssignCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--plan", required = true, paramLabel = "NOM",
            description = "Nom du plan enregistré, ou #N (son numéro) quand des plans de secteurs différents portent ce nom.")
    String plan;

    @Option(names = "--turf", required = true, paramLabel = "N", description = "Numéro de la tournée dans le plan (1, 2…).")
    int turf;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    static final class Who {
        @Option(names = "--user", paramLabel = "COMPTE", description = "Compte du militant (canvasser, ou organizer…).")
        String user;

        @Option(names = "--none", description = "Retire l'attribution.")
        boolean none;
    }

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Store s = store.open()) {
            FieldStore.PlanSummary p = TurfPlans.fromPlanOption(s, plan);
            long id = FieldStore.turfId(s, p.id(), turf).orElseThrow(() -> new Terrain.UserError("aucune tournée " + turf
                    + " dans le plan « " + plan + " » (" + p.turfs() + " tournée(s))"));
            Long user = null;
            if (!who.none) {
                user = FieldStore.userId(s, who.user).orElseThrow(() -> new Terrain.UserError("--user : compte inconnu ou"
                        + " désactivé « " + who.user + " » (terrain user add …)"));
            }
            FieldStore.assign(s, new TurfScope.All(), id, user, Actor.current());
            spec.commandLine().getOut().println(who.none ? "Tournée " + turf + " du plan « " + plan + " » (n° " + id
                    + ") : sans attribution." : "Tournée " + turf + " du plan « " + plan + " » (n° " + id + ") attribuée à "
                    + who.user + ".");
        }
        return 0;
    }
}
