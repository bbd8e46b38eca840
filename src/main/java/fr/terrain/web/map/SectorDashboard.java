package fr.terrain.web.map;

import fr.terrain.atlas.Counts;
import fr.terrain.atlas.Indicator;
import fr.terrain.atlas.StationInputs;
import fr.terrain.atlas.Unit;
import fr.terrain.election.SectorNames;
import fr.terrain.election.StationCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sector dashboard: one row per arrondissement, from the summed counts of its stations (a
 * sector's turnout is its voters over its registered, not the mean of its stations' rates), and
 * its rank on the chosen indicator (1 = highest).
 */
record SectorDashboard(Map<String, Object> indicator, List<Row> rows) {

    record Row(int arrondissement, String name, int stations, double registered, double voters, Double turnout,
            double abstention, double expressed, List<Share> lists, Double value, Integer rank) {}

    record Share(String label, double votes, Double share) {}

    static SectorDashboard of(MapQuery q) {
        Map<Integer, List<StationCode>> bySector = new TreeMap<>();
        for (StationCode code : q.stations()) {
            bySector.computeIfAbsent(code.arrondissement(), a -> new ArrayList<>()).add(code);
        }
        Map<StationCode, StationInputs> now = q.inputs();
        Map<StationCode, StationInputs> then = q.comparisonInputs().orElse(null);
        SectorNames names = q.snapshot().sectorNames(bySector.keySet());
        List<Row> rows = new ArrayList<>();
        for (var e : bySector.entrySet()) {
            Counts sum = sum(q.round().counts(), e.getValue());
            Double value = value(q.indicator(), e.getValue(), now, sum);
            if (then != null && value != null) {
                Double before = value(q.indicator(), e.getValue(), then, sum(q.comparisonCounts().get(), e.getValue()));
                value = before == null ? null : value - before;
            }
            List<Share> lists = sum.listVotes().entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(3)
                    .map(l -> new Share(l.getKey(), l.getValue(),
                            sum.expressed() == 0 ? null : MapRoutes.round(100 * l.getValue() / sum.expressed())))
                    .toList();
            rows.add(new Row(e.getKey(), q.snapshot().arrondissementName(e.getKey()).orElse(names.brief(e.getKey())),
                    e.getValue().size(), sum.registered(), sum.voters(),
                    sum.registered() == 0 ? null : MapRoutes.round(100 * sum.voters() / sum.registered()),
                    Math.max(0, sum.registered() - sum.voters()), sum.expressed(), lists, MapRoutes.round(value), null));
        }
        List<Row> ranked = rows.stream().filter(r -> r.value() != null)
                .sorted(Comparator.comparingDouble(Row::value).reversed()).toList();
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            int rank = ranked.indexOf(r);
            out.add(rank < 0 ? r : new Row(r.arrondissement(), r.name(), r.stations(), r.registered(), r.voters(),
                    r.turnout(), r.abstention(), r.expressed(), r.lists(), r.value(), rank + 1));
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("election", q.round().election().id());
        meta.put("comparison", q.comparison().map(c -> c.election().id()).orElse(null));
        meta.put("id", q.indicator().id());
        meta.put("label", q.indicator().label(q.language()));
        meta.put("unit", q.comparison().isPresent() ? q.indicator().unit().difference() : q.indicator().unit());
        return new SectorDashboard(meta, out);
    }

    private static Counts sum(Map<StationCode, Counts> counts, List<StationCode> codes) {
        Counts sum = Counts.ZERO;
        for (StationCode code : codes) {
            Counts c = counts.get(code);
            if (c != null) {
                sum = sum.plus(c);
            }
        }
        return sum;
    }

    /**
     * Result indicators are computed on the sector's summed counts; INSEE counts and the plan's
     * votes, people and hours are summed over its stations; INSEE rates and the plan's score are
     * averaged with registered voters as weights.
     */
    private static Double value(Indicator indicator, List<StationCode> codes, Map<StationCode, StationInputs> inputs,
            Counts sum) {
        boolean additive;
        if (indicator instanceof Indicator.FromProfile) {
            additive = indicator.unit() == Unit.COUNT;
        } else if (indicator instanceof Indicator.FromField) {
            additive = false; // a share of doors: averaged with registered voters as weights
        } else if (indicator instanceof Indicator.FromPlan plan) {
            if (plan.unit() == Unit.CATEGORY) {
                return null;
            }
            additive = !plan.key().equals("score"); // votes, hours and people add up; a score per hour does not
        } else {
            return indicator.value(new StationInputs(sum, Map.of()));
        }
        double total = 0;
        double weights = 0;
        for (StationCode code : codes) {
            StationInputs in = inputs.get(code);
            Double v = in == null ? null : indicator.value(in);
            if (v == null) {
                continue;
            }
            double w = additive ? 1 : in.counts() == null ? 1 : in.counts().registered();
            total += v * w;
            weights += w;
        }
        if (weights == 0) {
            return null;
        }
        return additive ? total : total / weights;
    }
}
