package fr.terrain.cli;

import fr.terrain.field.Turf;
import fr.terrain.store.FieldStore;
import fr.terrain.store.Store;
import fr.terrain.targeting.TopicRules;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The saved plans as the {@code turfs} commands handle them: {@code --save NOM} keeps the cut just computed as a plan
 * organizers assign; {@code --plan} finds one for {@code turfs assign}, {@code outcomes} and {@code delete}.
 */
final class TurfPlans {
    private TurfPlans() {}

    /**
     * The plan {@code --plan} names: a name, or {@code #ID} when plans of different sectors share the name (the error
     * then lists them); an unknown one is an error listing the plans.
     */
    static FieldStore.PlanSummary fromPlanOption(Store store, String plan) {
        try {
            return FieldStore.planNamed(store, plan).orElseThrow(() -> {
                List<String> plans = FieldStore.plans(store);
                return new Terrain.UserError("--plan : plan inconnu « " + plan + " » ; plans : "
                        + (plans.isEmpty() ? "aucun" : String.join(", ", plans)));
            });
        } catch (fr.terrain.store.StoreException e) {
            throw new Terrain.UserError("--plan : " + e.getMessage());
        }
    }

    /** The cut's options as typed, without where the data live ({@code --home}, {@code --db} may hold a password). */
    static String parameters(List<String> args) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--home") || a.equals("--db")) {
                i++;
                continue;
            }
            if (a.startsWith("--home=") || a.startsWith("--db=")) {
                continue;
            }
            b.append(b.isEmpty() ? "" : " ").append(a);
        }
        return b.toString();
    }

    /**
     * Saves the turfs and prints the plan's turf ids, one line per turf.
     *
     * @param parameters the command line that made the cut, kept with the plan
     * @param topics talking point by turf number, with the figures behind it (may be empty)
     */
    static FieldStore.SavedPlan save(Store store, String name, String contest, String parameters, List<Turf> turfs,
            Map<Integer, TopicRules.TopicMatch> topics, PrintWriter out) {
        FieldStore.SavedPlan saved = FieldStore.savePlan(store, name, contest, parameters, Actor.current(), turfs, topics);
        out.printf("Plan « %s » enregistré : %d tournée(s), identifiants %s%n", saved.name(), saved.turfIds().size(),
                saved.turfIds());
        for (int i = 0; i < turfs.size(); i++) {
            out.printf("  tournée %d → n° %d%n", turfs.get(i).number(), saved.turfIds().get(i));
        }
        out.println("  attribuer : terrain turfs assign --plan " + (name.contains(" ") ? "\"" + name + "\"" : name)
                + " --turf N --user COMPTE");
        return saved;
    }
}
