package fr.terrain.atlas;

import fr.terrain.election.StationCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One indicator computed for every station of the map, with its colour scale. With a comparison
 * round, each figure is the difference between the round shown and the comparison round, on the
 * same station boundaries (the comparison having been carried onto them first).
 *
 * @param values figure by station; a station without a figure is absent
 */
public record Choropleth(Indicator indicator, boolean difference, Unit unit, Map<StationCode, Double> values,
        Scale scale) {

    public Choropleth {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Choropleth of(Indicator indicator, Map<StationCode, StationInputs> stations,
            Optional<Map<StationCode, StationInputs>> comparison) {
        Map<StationCode, Double> values = new LinkedHashMap<>();
        stations.forEach((code, inputs) -> {
            Double now = indicator.value(inputs);
            if (now == null) {
                return;
            }
            if (comparison.isEmpty()) {
                values.put(code, now);
                return;
            }
            StationInputs before = comparison.get().get(code);
            Double then = before == null ? null : indicator.value(before);
            if (then != null) {
                values.put(code, now - then);
            }
        });
        List<Double> figures = new ArrayList<>(values.values());
        boolean difference = comparison.isPresent();
        if (indicator.unit() == Unit.CATEGORY && difference) {
            throw new IllegalArgumentException("une catégorie ne se compare pas d'une élection à l'autre");
        }
        Scale scale = indicator instanceof Indicator.FromPlan p && p.unit() == Unit.CATEGORY ? Scale.categorical(p.categories())
                : difference ? Scale.diverging(figures)
                : indicator instanceof Indicator.FromField f && f.unit() == Unit.PERCENT ? Scale.shares()
                : Scale.sequential(figures);
        return new Choropleth(indicator, difference, difference ? indicator.unit().difference() : indicator.unit(),
                values, scale);
    }
}
