package fr.terrain.web;

import fr.terrain.atlas.Language;
import fr.terrain.targeting.Plan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A targeting plan's stations as a French spreadsheet ({@link Spreadsheet}): the Plan page's table with the bounds
 * of the estimate, for {@code terrain target --spreadsheet} and {@code GET /api/plan.csv}. {@code terrain turfs
 * --from-plan} reads it back (its « bureau » and « heures » columns).
 */
public final class PlanCsv {
    private PlanCsv() {}

    static final List<String> HEADER = List.of("bureau", "secteur", "inscrits", "participation (%)",
            "part du bloc (% des exprimés)", "abstentionnistes", "abstentionnistes sympathisants",
            "abstentionnistes sympathisants (bas)", "abstentionnistes sympathisants (haut)", "persuadables",
            "score (voix par heure)", "heures", "gain attendu (voix)", "valeur de l'heure suivante", "thème");

    /** These rows, in their order. */
    public static String spreadsheet(List<Plan.StationPlan> rows) {
        List<List<Object>> cells = new ArrayList<>(rows.size());
        for (Plan.StationPlan r : rows) {
            var e = r.estimate();
            cells.add(Arrays.asList(e.station().toString(), e.sector(), e.registered(),
                    PlanJson.round(100 * e.turnout().value(), 2), PlanJson.round(100 * e.blocShare().value(), 2),
                    PlanJson.round(e.abstainers().value(), 1), PlanJson.round(e.sympatheticAbstainers().value(), 1),
                    PlanJson.round(e.sympatheticAbstainers().low(), 1), PlanJson.round(e.sympatheticAbstainers().high(), 1),
                    PlanJson.round(e.persuadables().value(), 1), PlanJson.round(r.score(), 4), PlanJson.round(r.hours(), 2),
                    PlanJson.round(r.expectedGain(), 3), PlanJson.round(r.marginalValue(), 4),
                    r.topics().isEmpty() ? null : r.topics().get(0).label()));
        }
        return Spreadsheet.csv(Language.FR, HEADER, cells);
    }
}
