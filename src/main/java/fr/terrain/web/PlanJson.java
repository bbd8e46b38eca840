package fr.terrain.web;

import fr.terrain.targeting.Interval;
import fr.terrain.targeting.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A targeting plan's rows as JSON, for {@code terrain target --json} and the Plan page. */
public final class PlanJson {
    private PlanJson() {}

    /** The JSON contract of a row (docs/targeting.md). */
    public static Map<String, Object> row(Plan.StationPlan r) {
        var e = r.estimate();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("station", e.station().toString());
        m.put("sector", e.sector());
        m.put("registered", e.registered());
        m.put("voters", e.voters());
        m.put("expressed", e.expressed());
        m.put("turnout", interval(e.turnout(), 4));
        m.put("bloc_votes", round(e.ourVotes(), 1));
        m.put("bloc_share", interval(e.blocShare(), 4));
        m.put("bloc_share_of_registered", interval(e.blocShareOfRegistered(), 4));
        m.put("abstainers", interval(e.abstainers(), 1));
        m.put("sympathetic_abstainers", interval(e.sympatheticAbstainers(), 1));
        m.put("sympathetic_bounds", interval(e.sympatheticBounds(), 1));
        m.put("sympathetic_model", e.sympatheticModel().id());
        m.put("persuadables", interval(e.persuadables(), 1));
        m.put("volatility", Double.isNaN(e.volatility()) ? null : round(e.volatility(), 4));
        m.put("score", round(r.score(), 4));
        m.put("sector_weight", r.sectorWeight());
        m.put("hours", round(r.hours(), 2));
        m.put("expected_gain", round(r.expectedGain(), 3));
        m.put("marginal_value", round(r.marginalValue(), 4));
        List<Map<String, Object>> topics = new ArrayList<>();
        for (var t : r.topics()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("id", t.id());
            tm.put("label", t.label());
            tm.put("score", round(t.score(), 3));
            tm.put("evidence", t.evidence());
            topics.add(tm);
        }
        m.put("topics", topics);
        return m;
    }

    private static Map<String, Object> interval(Interval i, int digits) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", round(i.value(), digits));
        m.put("low", round(i.low(), digits));
        m.put("high", round(i.high(), digits));
        return m;
    }

    public static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

}
