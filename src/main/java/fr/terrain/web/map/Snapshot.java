package fr.terrain.web.map;

import fr.terrain.atlas.Indicator;
import fr.terrain.election.Election;
import fr.terrain.election.StationCode;
import fr.terrain.election.StationVintages;
import fr.terrain.geo.GeoJsonGeometry;
import fr.terrain.geo.SharedEdgeSimplifier;
import fr.terrain.store.Elections;
import fr.terrain.store.Geography;
import fr.terrain.store.Results;
import fr.terrain.store.Store;
import fr.terrain.territory.Arrondissement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Geometry;

/**
 * What the map shows, read once per version of the data: rounds with counts, station layers,
 * arrondissements. Rounds and layers load on first use and stay until the next import.
 */
final class Snapshot {
    final long version;
    final List<Election> elections;
    final List<Integer> vintages;
    final List<Arrondissement> arrondissements;
    final String arrondissementsGeoJson;
    private final Store store;
    private final Map<String, Round> rounds = new ConcurrentHashMap<>();
    private final Map<Integer, Layer> layers = new ConcurrentHashMap<>();
    private final Map<Integer, Profiles> profiles = new ConcurrentHashMap<>();

    Snapshot(Store store, long version) {
        this.store = store;
        this.version = version;
        Set<String> withResults = Results.electionsWithResults(store);
        this.elections = Elections.list(store).stream().filter(e -> withResults.contains(e.id())).toList();
        this.vintages = Geography.stationVintages(store);
        this.arrondissements = Geography.arrondissements(store);
        this.arrondissementsGeoJson = arrondissementsGeoJson(arrondissements);
    }

    Optional<Election> election(String id) {
        return elections.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    Round round(Election e) {
        return rounds.computeIfAbsent(e.id(), id -> Round.of(e, StationVintages.forElection(e, vintages).orElse(null),
                Results.load(store, id)));
    }

    /** The station layer of a vintage, or empty when none of its stations has a contour. */
    Optional<Layer> layer(Integer vintage) {
        if (vintage == null || !vintages.contains(vintage)) {
            return Optional.empty();
        }
        Layer layer = layers.computeIfAbsent(vintage, v -> new Layer(v, Geography.stations(store, v)));
        return layer.geometry.isEmpty() ? Optional.empty() : Optional.of(layer);
    }

    /** INSEE figures carried onto the stations of a vintage. */
    Profiles profiles(Layer layer) {
        return profiles.computeIfAbsent(layer.vintage, v -> Profiles.NONE);
    }

    Optional<String> arrondissementName(int number) {
        return arrondissements.stream().filter(a -> a.number() == number).map(Arrondissement::name).findFirst();
    }

    private static String arrondissementsGeoJson(List<Arrondissement> arrondissements) {
        List<Geometry> contours = new ArrayList<>(arrondissements.stream().map(Arrondissement::contour).toList());
        List<Geometry> simple = SharedEdgeSimplifier.simplify(contours, Layer.TOLERANCE_METRES);
        StringBuilder out = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < arrondissements.size(); i++) {
            if (simple.get(i) == null) {
                continue;
            }
            Arrondissement a = arrondissements.get(i);
            if (out.charAt(out.length() - 1) == '}') {
                out.append(',');
            }
            out.append("{\"type\":\"Feature\",\"properties\":{\"arrondissement\":").append(a.number())
                    .append(",\"name\":").append(fr.terrain.web.Json.compact(a.name())).append("},\"geometry\":")
                    .append(GeoJsonGeometry.write(simple.get(i), Layer.DECIMALS)).append('}');
        }
        return out.append("]}").toString();
    }

    /**
     * INSEE figures by station, the indicators they offer, and how they were obtained.
     *
     * @param method {@code area}, {@code addresses}, {@code arrondissement} or {@code none}
     * @param notes what the user should know (changed IRIS codes, fallback), in French
     */
    record Profiles(Map<StationCode, Map<String, Double>> byStation, List<Indicator.FromProfile> indicators,
            String method, List<String> notes) {
        static final Profiles NONE = new Profiles(Map.of(), List.of(), "none", List.of());

        Map<String, Double> of(StationCode code) {
            return byStation.getOrDefault(code, Map.of());
        }
    }
}
