package fr.terrain.web.map;

import fr.terrain.atlas.Counts;
import fr.terrain.atlas.Indicator;
import fr.terrain.atlas.Unit;
import fr.terrain.election.Election;
import fr.terrain.election.PollingStation;
import fr.terrain.election.SectorCodes;
import fr.terrain.election.SectorNames;
import fr.terrain.election.StationCode;
import fr.terrain.geo.GeoJsonGeometry;
import fr.terrain.geo.SharedEdgeSimplifier;
import fr.terrain.store.Elections;
import fr.terrain.store.Geography;
import fr.terrain.store.Results;
import fr.terrain.store.Store;
import fr.terrain.territory.Arrondissement;
import fr.terrain.territory.IndicatorCatalog;
import fr.terrain.territory.StationCrosswalk;
import fr.terrain.territory.StationIndicators;
import fr.terrain.web.SectorNameCache;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.UnaryUnionOp;

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
    private volatile String communesGeoJson;
    private final Map<Integer, Optional<String>> communeFeatures = new ConcurrentHashMap<>();
    private final Store store;
    private final SectorNameCache sectorNames;
    private final Map<String, Round> rounds = new ConcurrentHashMap<>();
    private final Map<Integer, Layer> layers = new ConcurrentHashMap<>();
    private final Map<Integer, Profiles> profiles = new ConcurrentHashMap<>();
    private final Map<String, StationCrosswalk> crosswalks = new ConcurrentHashMap<>();
    final Plans plans;

    Snapshot(Store store, long version, SectorNameCache sectorNames) {
        this.store = store;
        this.version = version;
        this.sectorNames = sectorNames;
        Set<String> withResults = Results.electionsWithResults(store);
        this.elections = Elections.list(store).stream().filter(e -> withResults.contains(e.id())).toList();
        this.vintages = Geography.stationVintages(store);
        this.arrondissements = Geography.arrondissements(store);
        this.arrondissementsGeoJson = arrondissementsGeoJson(arrondissements);
        this.plans = new Plans(store);
    }

    Optional<Election> election(String id) {
        return elections.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    Round round(Election e) {
        return rounds.computeIfAbsent(e.id(), id -> Round.of(e, Geography.vintageOf(store, e, vintages).orElse(null),
                Results.load(store, id)));
    }

    /** The station layer of a vintage, or empty when none of its stations has a contour. */
    Optional<Layer> layer(Integer vintage) {
        if (vintage == null || !vintages.contains(vintage)) {
            return Optional.empty();
        }
        Layer layer = layers.computeIfAbsent(vintage, v -> new Layer(v, Geography.stations(store, v),
                Geography.drawnContours(store, v)));
        return layer.geometry.isEmpty() ? Optional.empty() : Optional.of(layer);
    }

    /**
     * The layer a round is drawn on: its vintage's, when a station of the round's communes has a contour there (a REU
     * vintage of other communes does not draw a Paris round, nor Paris's contours a round of those communes).
     */
    Optional<Layer> layer(Round round) {
        return layer(round.vintage()).filter(l -> l.geometry.keySet().stream().anyMatch(round.communes()::holds));
    }

    /** INSEE figures carried onto the stations of a vintage (computed once, on first use). */
    Profiles profiles(Layer layer) {
        return profiles.computeIfAbsent(layer.vintage, v -> Geography.irisOnStations(store,
                List.copyOf(layer.stations.values())).map(Profiles::of).orElse(Profiles.NONE));
    }

    /** A round's counts carried onto the stations of another vintage (computed once per pair of vintages). */
    Optional<Map<StationCode, Counts>> carry(Round round, Layer onto) {
        Optional<Layer> from = layer(round.vintage());
        if (from.isEmpty()) {
            return Optional.empty();
        }
        StationCrosswalk crosswalk = crosswalks.computeIfAbsent(from.get().vintage + ">" + onto.vintage,
                k -> StationCrosswalk.between(List.copyOf(from.get().stations.values()), List.copyOf(onto.stations.values())));
        Map<StationCode, Counts> out = new java.util.LinkedHashMap<>();
        crosswalk.apply(List.copyOf(round.results().values())).forEach((code, c) ->
                out.put(code, new Counts(c.registered(), c.voters(), c.expressed(), c.listVotes())));
        return Optional.of(out);
    }

    /** A bloc saved from the web app (blocs are read fresh: saving one does not change the data version). */
    Optional<fr.terrain.store.Blocs.Saved> bloc(String name) {
        return fr.terrain.store.Blocs.find(store, name);
    }

    Optional<String> arrondissementName(int number) {
        return arrondissements.stream().filter(a -> a.number() == number).map(Arrondissement::name).findFirst();
    }

    /**
     * The names of these sectors' communes, as the BAN import kept them, through the web app's cache (read once per
     * data version; nothing for arrondissements).
     */
    SectorNames sectorNames(java.util.Collection<Integer> sectors) {
        return sectorNames.of(sectors);
    }

    /**
     * A sector as the map names it: an arrondissement by the name its imported contour gives (none without), a
     * commune as {@link SectorNames} does (« Concarneau (29039) », « commune 29039 »).
     */
    Optional<String> sectorName(int sector) {
        return SectorCodes.isArrondissement(sector) ? arrondissementName(sector)
                : Optional.of(sectorNames.name(sector));
    }

    /**
     * The communes' contours as GeoJSON, as {@link #arrondissementsGeoJson} writes the arrondissements' (property
     * {@code arrondissement}: the sector, a commune's INSEE code; {@code name}: « Concarneau (29039) »). A commune has
     * no contour of its own: it is the union of its stations' in the newest vintage that holds it. Built on first use
     * for every commune with stations (a national REU: 35,000 of them); the tracking page no longer asks for it, only
     * for its report's communes ({@link #communesGeoJson(Collection)}), whose features are the same.
     */
    String communesGeoJson() {
        String out = communesGeoJson;
        if (out == null) {
            synchronized (this) {
                if (communesGeoJson == null) {
                    Map<Integer, Geometry> contours = communeContours(Geography.newestCommuneStations(store));
                    SectorNames names = sectorNames(contours.keySet());
                    communesGeoJson = featureCollection(contours.keySet().stream()
                            .map(c -> communeFeature(c, names, contours.get(c))).flatMap(Optional::stream).toList());
                }
                out = communesGeoJson;
            }
        }
        return out;
    }

    /**
     * The features of {@link #communesGeoJson()} of these sectors' communes alone, in order: arrondissements are left
     * out (arrondissements.geojson has theirs), and a commune without stations has none. Each commune is read from the
     * store (its stations only) and united the first time it is asked for, then kept until the next import: a campaign
     * report names a handful of communes, not France's.
     */
    String communesGeoJson(Collection<Integer> sectors) {
        List<Integer> communes = sectors.stream().filter(s -> !SectorCodes.isArrondissement(s)).distinct().sorted()
                .toList();
        List<Integer> unread = communes.stream().filter(c -> !communeFeatures.containsKey(c)).toList();
        if (!unread.isEmpty()) {
            Map<Integer, Geometry> contours = communeContours(Geography.newestCommuneStations(store, unread));
            SectorNames names = sectorNames(unread);
            unread.forEach(c -> communeFeatures.putIfAbsent(c, Optional.ofNullable(contours.get(c))
                    .flatMap(contour -> communeFeature(c, names, contour))));
        }
        return featureCollection(communes.stream().map(communeFeatures::get).flatMap(Optional::stream).toList());
    }

    /** Each commune's contour: the union of its stations' (those with one), by sector. */
    private static Map<Integer, Geometry> communeContours(List<PollingStation> stations) {
        Map<Integer, List<Geometry>> contours = new java.util.TreeMap<>();
        stations.stream().filter(st -> st.contour() != null && SectorCodes.problem(st.code().area()).isEmpty())
                .forEach(st -> contours.computeIfAbsent(st.code().area(), k -> new ArrayList<>()).add(st.contour()));
        Map<Integer, Geometry> out = new java.util.TreeMap<>();
        contours.forEach((commune, parts) -> out.put(commune, UnaryUnionOp.union(parts)));
        return out;
    }

    /**
     * A commune's feature, simplified on its own (not beside its neighbours, so that it is the same whichever communes
     * are asked for with it: two neighbours' borders may part by up to the {@link Layer#TOLERANCE_METRES} 3 m).
     */
    private static Optional<String> communeFeature(int commune, SectorNames names, Geometry contour) {
        return features(List.of(commune), List.of(names.of(commune)), List.of(contour)).stream().findFirst();
    }

    private static String arrondissementsGeoJson(List<Arrondissement> arrondissements) {
        return featureCollection(features(arrondissements.stream().map(Arrondissement::number).toList(),
                arrondissements.stream().map(Arrondissement::name).toList(),
                arrondissements.stream().map(Arrondissement::contour).toList()));
    }

    /** One feature per sector with a contour (simplified, borders kept shared): its number and name as properties. */
    private static List<String> features(List<Integer> sectors, List<String> names, List<Geometry> contours) {
        List<Geometry> simple = SharedEdgeSimplifier.simplify(new ArrayList<>(contours), Layer.TOLERANCE_METRES);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < sectors.size(); i++) {
            if (simple.get(i) != null) {
                out.add("{\"type\":\"Feature\",\"properties\":{\"arrondissement\":" + sectors.get(i) + ",\"name\":"
                        + fr.terrain.web.Json.compact(names.get(i)) + "},\"geometry\":"
                        + GeoJsonGeometry.write(simple.get(i), Layer.DECIMALS) + "}");
            }
        }
        return out;
    }

    private static String featureCollection(List<String> features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
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

        static Profiles of(StationIndicators interpolated) {
            Map<StationCode, Map<String, Double>> byStation = new java.util.HashMap<>();
            Map<String, Indicator.FromProfile> indicators = new java.util.TreeMap<>();
            interpolated.byStation().forEach((code, figures) -> {
                Map<String, Double> values = new java.util.HashMap<>();
                figures.forEach((key, f) -> {
                    if (!f.usable()) {
                        return;
                    }
                    Unit unit = unit(f);
                    values.put(key, f.kind() == IndicatorCatalog.Kind.RATE ? 100 * f.value() : f.value());
                    indicators.computeIfAbsent(key, k -> new Indicator.FromProfile(k, f.label(), f.label(), unit));
                });
                byStation.put(code, values);
            });
            StationIndicators.Report r = interpolated.report();
            List<String> notes = new ArrayList<>();
            if (!r.irisWithoutContour().isEmpty()) {
                notes.add(r.irisWithoutContour().size() + " codes IRIS des tables INSEE sont absents des contours"
                        + " (codes changés entre millésimes) : leurs chiffres ne sont pas reportés ("
                        + r.irisWithoutContour().stream().sorted().limit(10).collect(java.util.stream.Collectors.joining(", "))
                        + (r.irisWithoutContour().size() > 10 ? "…" : "") + ").");
            }
            if (!r.stationsWithoutFigures().isEmpty()) {
                notes.add(r.stationsWithoutFigures().size() + " bureaux ne recouvrent que des IRIS sans chiffres"
                        + " (IRIS d'activité) : "
                        + r.stationsWithoutFigures().stream().sorted().map(StationCode::toString)
                                .collect(java.util.stream.Collectors.joining(", ")) + ".");
            }
            if (!r.irisSplitByArea().isEmpty() && interpolated.method() == StationIndicators.Method.ADDRESSES) {
                notes.add(r.irisSplitByArea().size() + " IRIS sans adresse chargée sont répartis au prorata de la surface.");
            }
            return new Profiles(byStation, List.copyOf(indicators.values()), interpolated.method().code(), notes);
        }

        private static Unit unit(StationIndicators.StationIndicator f) {
            return switch (f.kind()) {
                case COUNT -> Unit.COUNT;
                case RATE -> Unit.PERCENT;
                default -> f.label().contains("(%)") ? Unit.PERCENT : f.label().contains("€") ? Unit.EUROS : Unit.NUMBER;
            };
        }

        Map<String, Double> of(StationCode code) {
            return byStation.getOrDefault(code, Map.of());
        }
    }
}
