package fr.terrain.store;

import fr.terrain.election.Candidacy;
import fr.terrain.election.Election;
import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import fr.terrain.election.StationResult;
import fr.terrain.geo.Lambert93;
import fr.terrain.targeting.Bloc;
import fr.terrain.targeting.BlocCounts;
import fr.terrain.targeting.Sectors;
import fr.terrain.targeting.StationInput;
import fr.terrain.targeting.Targeting;
import fr.terrain.targeting.TopicRules;
import fr.terrain.territory.StationCrosswalk;
import fr.terrain.territory.StationIndicators;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Point;

/**
 * Reads what targeting needs from the store: a round's station counts with sector, INSEE figures
 * carried onto its stations and their centres; and a reference round's bloc counts carried onto the
 * same stations (through the station-vintage crosswalk when boundaries differ).
 */
public final class TargetingData {
    private TargetingData() {}

    /**
     * @param notes what the user should know (missing boundaries, stations without figures), in French
     */
    public record Stations(Election election, Integer vintage, List<StationInput> stations, List<String> notes) {}

    /** The round's stations ready for {@code targeting}; figures are empty when no IRIS data is loaded. */
    public static Stations stations(Store store, String electionId) {
        Election election = Elections.find(store, electionId)
                .orElseThrow(() -> new StoreException("élection inconnue : " + electionId + " (voir terrain status)"));
        List<StationResult> results = Results.load(store, electionId);
        if (results.isEmpty()) {
            throw new StoreException("aucun résultat importé pour " + electionId);
        }
        List<String> notes = new ArrayList<>();
        Optional<Integer> vintage = Geography.vintageOf(store, election);
        Map<StationCode, PollingStation> byCode = new HashMap<>();
        Map<StationCode, Map<String, Double>> figures = new HashMap<>();
        if (vintage.isPresent()) {
            List<PollingStation> stations = Geography.stations(store, vintage.get());
            stations.forEach(s -> byCode.put(s.code(), s));
            Optional<StationIndicators> carried = Geography.irisOnStations(store, stations);
            if (carried.isPresent()) {
                figures.putAll(usable(carried.get()));
                if (!carried.get().report().stationsWithoutFigures().isEmpty()) {
                    notes.add(carried.get().report().stationsWithoutFigures().size()
                            + " bureaux sans chiffres INSEE (IRIS d'activité) : covariables à la moyenne de la ville.");
                }
            } else {
                notes.add("Aucune table INSEE importée : ni covariables ni thèmes.");
            }
        } else {
            notes.add("Aucun découpage de bureaux importé pour " + electionId + " : ni covariables, ni voisins.");
        }
        List<StationInput> out = new ArrayList<>(results.size());
        for (StationResult r : results) {
            PollingStation s = byCode.get(r.station());
            double x = Double.NaN;
            double y = Double.NaN;
            if (s != null && (s.contour() != null || s.location() != null)) {
                Point c = s.contour() != null ? s.contour().getInteriorPoint() : s.location();
                double[] xy = Lambert93.project(c.getX(), c.getY());
                x = xy[0];
                y = xy[1];
            }
            out.add(new StationInput(r.station(), Sectors.of(election, r.station()), r,
                    figures.getOrDefault(r.station(), Map.of()), x, y));
        }
        return new Stations(election, vintage.orElse(null), out, notes);
    }

    /** The figures targeting may use (those not withheld by statistical secrecy), station → code → value. */
    private static Map<StationCode, Map<String, Double>> usable(StationIndicators carried) {
        Map<StationCode, Map<String, Double>> out = new LinkedHashMap<>();
        carried.byStation().forEach((code, values) -> {
            Map<String, Double> m = new HashMap<>();
            values.forEach((k, v) -> {
                if (v.usable()) {
                    m.put(k, v.value());
                }
            });
            out.put(code, m);
        });
        return out;
    }

    /**
     * Each station's topics, best first (at most {@link Targeting#TOPICS_PER_STATION}), computed as
     * the targeting plan computes them ({@link TopicRules#scoreIndicators}) from the INSEE figures
     * carried onto {@code stations} (one contours vintage: the city whose medians are compared).
     * Empty when no INSEE table is loaded; a station without a topic above its city's median has an
     * empty list.
     */
    public static Map<StationCode, List<TopicRules.TopicMatch>> topics(Store store, List<PollingStation> stations,
            TopicRules rules) {
        Optional<StationIndicators> carried = Geography.irisOnStations(store, stations);
        if (carried.isEmpty()) {
            return Map.of();
        }
        Map<StationCode, Map<String, Double>> figures = usable(carried.get());
        Map<StationCode, Map<String, Double>> all = new LinkedHashMap<>();
        stations.forEach(st -> all.put(st.code(), figures.getOrDefault(st.code(), Map.of())));
        return rules.scoreIndicators(all, Targeting.TOPICS_PER_STATION);
    }

    /**
     * A reference round's bloc counts on the stations of {@code onto}: as is when both use the same
     * boundaries, else carried by area through {@link StationCrosswalk}.
     */
    public static Map<StationCode, BlocCounts> reference(Store store, String referenceId, Stations onto, Bloc bloc) {
        Election ref = Elections.find(store, referenceId)
                .orElseThrow(() -> new StoreException("élection de référence inconnue : " + referenceId));
        if (!bloc.covers(referenceId)) {
            throw new StoreException("le bloc « " + bloc.name() + " » ne dit rien de " + referenceId
                    + " : ajoutez \"" + referenceId + "\" à ses listes \"ours\"");
        }
        List<StationResult> results = Results.load(store, referenceId);
        Optional<Integer> vintage = Geography.vintageOf(store, ref);
        Map<StationCode, BlocCounts> out = new LinkedHashMap<>();
        if (vintage.isPresent() && onto.vintage() != null && !vintage.get().equals(onto.vintage())) {
            StationCrosswalk crosswalk = StationCrosswalk.between(Geography.stations(store, vintage.get()),
                    Geography.stations(store, onto.vintage()));
            Map<String, Candidacy> lists = Results.candidacies(store, referenceId);
            crosswalk.apply(results).forEach((code, c) -> {
                if (c.coveredShare() >= 0.5) {
                    out.put(code, BlocCounts.of(c, lists, bloc, referenceId));
                }
            });
        } else {
            for (StationResult r : results) {
                out.put(r.station(), BlocCounts.of(r, bloc, referenceId));
            }
        }
        return out;
    }
}
