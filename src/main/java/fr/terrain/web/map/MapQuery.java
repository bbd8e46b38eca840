package fr.terrain.web.map;

import fr.terrain.account.Account;
import fr.terrain.atlas.Counts;
import fr.terrain.atlas.Indicator;
import fr.terrain.atlas.Language;
import fr.terrain.atlas.StationInputs;
import fr.terrain.election.Election;
import fr.terrain.election.SectorCodes;
import fr.terrain.election.StationCode;
import fr.terrain.web.SectorNameCache;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The query behind every map, table and dashboard answer: which round, which indicator, compared
 * with which round, over which arrondissements. Every parameter is checked; a wrong one is a 400
 * naming it and what would be accepted.
 */
record MapQuery(Snapshot snapshot, Round round, Optional<Layer> layer, Indicator indicator, Optional<Round> comparison,
        Optional<Map<StationCode, Counts>> comparisonCounts, Set<Integer> arrondissements, Account account,
        Language language, Map<StationCode, Map<String, Double>> planFigures) {

    /** @param sectorNames names a sector the account may not filter on (« ce secteur (Ajaccio (2A004)) ») */
    static MapQuery parse(Context ctx, Snapshot snapshot, Account account, SectorNameCache sectorNames) {
        Language language = Language.of(ctx.queryParam("lang"));
        Round round = snapshot.round(election(snapshot, ctx.queryParam("election"), "election"));
        Optional<Layer> layer = snapshot.layer(round);
        Indicator indicator = indicator(ctx, snapshot, round, layer);
        Optional<Round> comparison = Optional.ofNullable(ctx.queryParam("compare")).filter(s -> !s.isBlank())
                .map(id -> snapshot.round(election(snapshot, id, "compare")));
        if (comparison.isPresent() && comparison.get().election().id().equals(round.election().id())) {
            throw new BadRequestResponse("compare : choisissez une autre élection que celle affichée");
        }
        Optional<Map<StationCode, Counts>> comparisonCounts = comparison.map(c -> {
            if (java.util.Objects.equals(c.vintage(), round.vintage())) {
                return c.counts();
            }
            // Different boundaries: carry the comparison's counts onto the stations shown, by area.
            return layer.flatMap(l -> snapshot.carry(c, l)).orElseThrow(() -> new BadRequestResponse("compare : "
                    + c.election().id() + " (découpage " + c.vintage() + ") et " + round.election().id() + " (découpage "
                    + round.vintage() + ") n'ont pas le même découpage, et les contours manquent pour passer de l'un"
                    + " à l'autre"));
        });
        if ((indicator instanceof Indicator.FromPlan || indicator instanceof Indicator.FromField) && comparison.isPresent()) {
            throw new BadRequestResponse("compare : « " + indicator.label(language) + " » vient du plan de ciblage"
                    + " d'une élection ; il ne se compare pas d'une élection à l'autre");
        }
        Map<StationCode, Map<String, Double>> plan = indicator instanceof Indicator.FromPlan
                ? Plans.figures(snapshot.plans.plan(PlanQuery.parse(ctx, snapshot, round.election())))
                : indicator instanceof Indicator.FromField ? snapshot.plans.fieldFigures() : Map.of();
        return new MapQuery(snapshot, round, layer, indicator, comparison, comparisonCounts,
                arrondissements(ctx, account, sectorNames), account, language, plan);
    }

    private static Election election(Snapshot snapshot, String id, String parameter) {
        if (id == null || id.isBlank()) {
            throw new BadRequestResponse(parameter + " : paramètre manquant ; élections disponibles : " + available(snapshot));
        }
        return snapshot.election(id).orElseThrow(() -> new BadRequestResponse(parameter + " : élection inconnue « " + id
                + " » ; élections disponibles : " + available(snapshot)));
    }

    private static String available(Snapshot snapshot) {
        return snapshot.elections.isEmpty() ? "aucune (importez des résultats)"
                : snapshot.elections.stream().map(Election::id).collect(Collectors.joining(", "));
    }

    private static Indicator indicator(Context ctx, Snapshot snapshot, Round round, Optional<Layer> layer) {
        String id = Optional.ofNullable(ctx.queryParam("indicator")).filter(s -> !s.isBlank()).orElse("turnout");
        for (Indicator.FromResult r : Indicator.FromResult.values()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        if (id.equals("list-share")) {
            List<String> labels = ctx.queryParams("list");
            if (labels.isEmpty()) {
                throw new BadRequestResponse("list : choisissez au moins une liste pour l'indicateur list-share");
            }
            for (String label : labels) {
                if (round.list(label).isEmpty()) {
                    throw new BadRequestResponse("list : « " + label + " » n'est pas une liste de "
                            + round.election().id());
                }
            }
            return new Indicator.ListShare(labels);
        }
        for (Indicator.FromPlan p : Plans.INDICATORS) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        for (Indicator.FromField f : Plans.FIELD) {
            if (f.id().equals(id)) {
                return f;
            }
        }
        List<Indicator.FromProfile> profile = layer.map(l -> snapshot.profiles(l).indicators()).orElse(List.of());
        for (Indicator.FromProfile p : profile) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        String known = Arrays.stream(Indicator.FromResult.values()).map(Indicator::id).collect(Collectors.joining(", "))
                + ", list-share, " + Plans.INDICATORS.stream().map(Indicator::id).collect(Collectors.joining(", "))
                + ", " + Plans.FIELD.stream().map(Indicator::id).collect(Collectors.joining(", "))
                + (profile.isEmpty() ? "" : ", iris:… (" + profile.size() + " indicateurs INSEE)");
        throw new BadRequestResponse("indicator : indicateur inconnu « " + id + " » ; indicateurs disponibles : " + known);
    }

    private static Set<Integer> arrondissements(Context ctx, Account account, SectorNameCache sectorNames) {
        Set<Integer> chosen = new TreeSet<>();
        for (String value : ctx.queryParams("arrondissement")) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int n;
                try {
                    n = SectorCodes.read(part);
                } catch (IllegalArgumentException e) {
                    throw new BadRequestResponse("arrondissement : " + e.getMessage());
                }
                if (!account.seesSector(n)) {
                    throw new ForbiddenResponse("arrondissement : ce secteur (" + sectorNames.name(n)
                            + ") ne vous est pas attribué");
                }
                chosen.add(n);
            }
        }
        return chosen;
    }

    /**
     * Whether a station is shown: in the round's communes (not another commune its vintage holds, ADR 0028), in the
     * chosen arrondissements, and in the account's sectors.
     */
    boolean shows(StationCode code) {
        return round.communes().holds(code)
                && (arrondissements.isEmpty() || arrondissements.contains(code.arrondissement()))
                && account.seesSector(code.arrondissement());
    }

    /** Among the stations shown, those whose contour Terrain drew from the REU's addresses, and those with a contour. */
    record Contours(long drawn, long withContour) {}

    /** @param shown {@link #stations()} */
    Contours contours(List<StationCode> shown) {
        return layer.map(l -> new Contours(shown.stream().filter(l.drawn::contains).count(),
                shown.stream().filter(l.geometry::containsKey).count())).orElse(new Contours(0, 0));
    }

    /** The stations shown, in code order: the layer's when there is one, else those with a count. */
    List<StationCode> stations() {
        var all = layer.<java.util.Collection<StationCode>>map(l -> l.stations.keySet()).orElse(round.counts().keySet());
        return all.stream().filter(this::shows).sorted().toList();
    }

    /** What the indicator is computed from in the round shown. */
    Map<StationCode, StationInputs> inputs() {
        return inputs(round.counts());
    }

    /** The same for the comparison round, on the boundaries of the round shown. */
    Optional<Map<StationCode, StationInputs>> comparisonInputs() {
        return comparisonCounts.map(this::inputs);
    }

    private Map<StationCode, StationInputs> inputs(Map<StationCode, Counts> counts) {
        Map<StationCode, StationInputs> out = new LinkedHashMap<>();
        // INSEE figures are interpolated on first use only, when an INSEE indicator is asked for.
        Snapshot.Profiles profiles = indicator instanceof Indicator.FromProfile
                ? layer.map(snapshot::profiles).orElse(Snapshot.Profiles.NONE) : Snapshot.Profiles.NONE;
        for (StationCode code : stations()) {
            Counts c = counts.get(code);
            Map<String, Double> derived = profiles.of(code);
            Map<String, Double> plan = planFigures.get(code);
            if (plan != null) {
                derived = new java.util.HashMap<>(derived);
                derived.putAll(plan);
            }
            out.put(code, new StationInputs(c, derived));
        }
        return out;
    }
}
