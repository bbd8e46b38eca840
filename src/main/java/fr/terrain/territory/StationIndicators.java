package fr.terrain.territory;

import fr.terrain.election.StationCode;
import fr.terrain.territory.IndicatorCatalog.Kind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * INSEE indicators carried from IRIS onto polling stations, with how it was done and what could
 * not be carried ({@link IrisToStations}).
 *
 * @param byStation station → indicator code → value (counts, averages, and recomputed rates)
 */
public record StationIndicators(Method method, Map<StationCode, Map<String, StationIndicator>> byStation, Report report) {

    public StationIndicators {
        Map<StationCode, Map<String, StationIndicator>> copy = new TreeMap<>();
        byStation.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        byStation = Collections.unmodifiableMap(copy);
    }

    /** How IRIS were split among stations. */
    public enum Method {
        /** by the area of each IRIS falling in each station */
        AREA("area"),
        /** by the BAN addresses of each IRIS falling in each station (area for an IRIS without address) */
        ADDRESSES("addresses"),
        /** no IRIS contours: summed by arrondissement, spread by station area (or registered voters) */
        ARRONDISSEMENT("arrondissement");

        private final String code;

        Method(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * One indicator of one station.
     *
     * @param value the figure; NaN when every IRIS it would come from is withheld (then withheldShare = 1)
     * @param withheldShare part of the station's weight whose IRIS figure INSEE withholds (the value
     *     comes from the rest; above 0 the UI should say "partiel"); for a rate, the largest of its counts'
     */
    public record StationIndicator(String code, Kind kind, String label, double value, double withheldShare) {
        /** Whether the figure can be shown or used: interpolated, and not entirely withheld. */
        public boolean usable() {
            return kind != Kind.NOT_INTERPOLATED && !Double.isNaN(value);
        }
    }

    /**
     * What the interpolation could not use, so that nothing disappears silently.
     *
     * @param irisWithoutContour IRIS codes of the tables absent from the contours (usually codes
     *     changed between IRIS vintages): their figures are not carried
     * @param contoursWithoutFigures IRIS contours no table gives a figure for (parks, activity IRIS)
     * @param irisWithoutStation IRIS (contour, or in the fallback table code) that reach no station
     * @param irisPartlyCovered IRIS whose stations cover less than 99 % of them (before rescaling)
     * @param irisSplitByArea with addresses: IRIS holding no address, split by area
     * @param stationsWithoutContour stations that cannot receive anything by geometry
     * @param stationsWithoutIris stations that no IRIS contour overlaps
     * @param stationsWithoutFigures stations that overlap IRIS, none of which has a figure (in Paris,
     *     stations lying in activity IRIS, which the census tables by IRIS of type H leave out)
     * @param lostCounts per count indicator, the total that no station received
     */
    public record Report(Set<String> irisWithoutContour, Set<String> contoursWithoutFigures, Set<String> irisWithoutStation,
            Set<String> irisPartlyCovered, Set<String> irisSplitByArea, List<StationCode> stationsWithoutContour,
            Set<StationCode> stationsWithoutIris, Set<StationCode> stationsWithoutFigures, Map<String, Double> lostCounts) {
        public Report {
            irisWithoutContour = Set.copyOf(irisWithoutContour);
            contoursWithoutFigures = Set.copyOf(contoursWithoutFigures);
            irisWithoutStation = Set.copyOf(irisWithoutStation);
            irisPartlyCovered = Set.copyOf(irisPartlyCovered);
            irisSplitByArea = Set.copyOf(irisSplitByArea);
            stationsWithoutContour = List.copyOf(stationsWithoutContour);
            stationsWithoutIris = Set.copyOf(stationsWithoutIris);
            stationsWithoutFigures = Set.copyOf(stationsWithoutFigures);
            lostCounts = Map.copyOf(lostCounts);
        }
    }

    /** The indicators of one station (empty map for a station that received nothing). */
    public Map<String, StationIndicator> of(StationCode station) {
        return byStation.getOrDefault(station, Map.of());
    }

    public Optional<StationIndicator> find(StationCode station, String indicator) {
        return Optional.ofNullable(of(station).get(indicator));
    }

    /** Σ over stations of one indicator, unknown (NaN) values left out (meaningful for counts). */
    public double total(String indicator) {
        return byStation.values().stream().map(m -> m.get(indicator)).filter(v -> v != null)
                .mapToDouble(StationIndicator::value).filter(v -> !Double.isNaN(v)).sum();
    }
}
