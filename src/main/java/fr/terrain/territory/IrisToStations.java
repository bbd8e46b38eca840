package fr.terrain.territory;

import fr.terrain.election.CommuneCodes;
import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import fr.terrain.field.Address;
import fr.terrain.geo.Crosswalk;
import fr.terrain.geo.Lambert93;
import fr.terrain.territory.IndicatorCatalog.Kind;
import fr.terrain.territory.IndicatorCatalog.Rate;
import fr.terrain.territory.StationIndicators.Method;
import fr.terrain.territory.StationIndicators.StationIndicator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * INSEE figures by IRIS carried onto the polling stations of one boundary vintage (see
 * {@code docs/interpolation.md}). Counts are split by the share of each IRIS falling in each
 * station (by area, or by BAN addresses when given); averages (medians, rates of Filosofi) are
 * weighted by the IRIS population so split; rates are recomputed from the station's counts.
 * Without IRIS contours, figures are summed by arrondissement and spread over its stations.
 */
public final class IrisToStations {
    /**
     * An IRIS whose contours cover at least this share by stations gives all of its content to them:
     * the gap is a drawing artefact of generalised contours (people do not live in the slivers).
     */
    public static final double RESCALE_ABOVE = 0.9;

    private IrisToStations() {}

    /**
     * @param contours IRIS of one vintage; empty (or all without contour) selects the arrondissement fallback
     * @param stations polling stations of one vintage
     * @param indicators figures of any number of INSEE tables (an indicator code given twice for one
     *     IRIS keeps its first value)
     * @param addresses BAN addresses weighting the split, or an empty list to split by area
     */
    public static StationIndicators interpolate(List<Iris> contours, List<PollingStation> stations,
            List<IrisIndicator> indicators, List<Address> addresses) {
        requireOneVintage(contours.stream().map(Iris::vintage).toList(), "IRIS");
        requireOneVintage(stations.stream().map(s -> Integer.toString(s.vintage())).toList(), "bureaux de vote");
        Map<String, Map<String, Double>> byIndicator = byIndicator(indicators);
        Set<String> tableCodes = new TreeSet<>();
        indicators.forEach(i -> tableCodes.add(i.irisCode()));
        Map<String, Geometry> irisZones = new LinkedHashMap<>();
        for (Iris i : contours) {
            if (i.contour() != null) {
                irisZones.put(i.code(), Lambert93.project(i.contour()));
            }
        }
        if (irisZones.isEmpty()) {
            return byArrondissement(stations, byIndicator, tableCodes);
        }
        Map<StationCode, Geometry> stationZones = new LinkedHashMap<>();
        List<StationCode> withoutContour = new ArrayList<>();
        for (PollingStation s : stations) {
            if (s.contour() != null) {
                stationZones.put(s.code(), Lambert93.project(s.contour()));
            } else {
                withoutContour.add(s.code());
            }
        }
        Crosswalk<String, StationCode> measured;
        if (addresses.isEmpty()) {
            measured = Crosswalk.byArea(irisZones, stationZones);
        } else {
            List<Coordinate> points = new ArrayList<>(addresses.size());
            for (Address a : addresses) {
                double[] xy = Lambert93.project(a.lon(), a.lat());
                points.add(new Coordinate(xy[0], xy[1]));
            }
            measured = Crosswalk.byPoints(irisZones, stationZones, points);
        }
        Crosswalk<String, StationCode> cw = measured.rescaledAbove(RESCALE_ABOVE);

        Map<String, Double> population = populationByIris(byIndicator);
        Map<StationCode, Map<String, StationIndicator>> out = new TreeMap<>();
        byIndicator.forEach((code, values) -> {
            IndicatorCatalog.Definition d = IndicatorCatalog.describe(code);
            Map<StationCode, Crosswalk.Estimate> estimates = switch (d.kind()) {
                case COUNT -> cw.interpolateCounts(values);
                case AVERAGE -> cw.interpolateAverages(values, population.isEmpty() ? null : population);
                case NOT_INTERPOLATED, RATE -> Map.of();
            };
            estimates.forEach((station, e) -> out.computeIfAbsent(station, k -> new LinkedHashMap<>())
                    .put(code, new StationIndicator(code, d.kind(), d.label(), e.value(), e.withheldShare())));
        });
        addRates(out, byIndicator.keySet());

        Set<String> contourCodes = irisZones.keySet();
        Set<String> missingContour = new TreeSet<>(tableCodes);
        missingContour.removeAll(contourCodes);
        Set<String> withoutFigures = new TreeSet<>(contourCodes);
        withoutFigures.removeAll(tableCodes);
        Set<StationCode> noIris = new TreeSet<>(cw.targetsWithoutOverlap());
        Set<StationCode> noFigures = new TreeSet<>(stationZones.keySet());
        noFigures.removeAll(out.keySet());
        noFigures.removeAll(noIris);
        StationIndicators.Report report = new StationIndicators.Report(missingContour, withoutFigures,
                new TreeSet<>(cw.sourcesWithoutOverlap()), new TreeSet<>(cw.partlyCovered()),
                new TreeSet<>(cw.sourcesWeightedByArea()), withoutContour, noIris, noFigures,
                lostCounts(byIndicator, missingContour, cw));
        return new StationIndicators(addresses.isEmpty() ? Method.AREA : Method.ADDRESSES, out, report);
    }

    /** Per count indicator, the sum of what the stations do not receive (IRIS without contour, uncovered parts). */
    private static Map<String, Double> lostCounts(Map<String, Map<String, Double>> byIndicator, Set<String> missingContour,
            Crosswalk<String, StationCode> cw) {
        Map<String, Double> lost = new TreeMap<>();
        byIndicator.forEach((code, values) -> {
            if (IndicatorCatalog.kindOf(code) != Kind.COUNT) {
                return;
            }
            double sum = 0;
            for (var e : values.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                double given = missingContour.contains(e.getKey()) ? 0
                        : cw.overlapsOfSource(e.getKey()).stream().mapToDouble(Crosswalk.Overlap::share).sum();
                sum += e.getValue() * (1 - given);
            }
            lost.put(code, sum);
        });
        return lost;
    }

    private static StationIndicators byArrondissement(List<PollingStation> stations,
            Map<String, Map<String, Double>> byIndicator, Set<String> tableCodes) {
        Map<Integer, List<PollingStation>> stationsOf = new TreeMap<>();
        stations.forEach(s -> stationsOf.computeIfAbsent(s.arrondissement(), k -> new ArrayList<>()).add(s));
        Map<StationCode, Double> stationWeight = new HashMap<>();
        stationsOf.values().forEach(list -> {
            boolean allContours = list.stream().allMatch(s -> s.contour() != null);
            boolean allVoters = list.stream().allMatch(s -> s.registeredVoters() != null);
            for (PollingStation s : list) {
                stationWeight.put(s.code(), allContours ? Lambert93.project(s.contour()).getArea()
                        : allVoters ? s.registeredVoters().doubleValue() : 1.0);
            }
        });
        Set<String> unplaced = new TreeSet<>();
        for (String code : tableCodes) {
            Optional<Integer> arr = arrondissementOf(code);
            if (arr.isEmpty() || !stationsOf.containsKey(arr.get())) {
                unplaced.add(code);
            }
        }
        Map<String, Double> population = populationByIris(byIndicator);
        Map<StationCode, Map<String, StationIndicator>> out = new TreeMap<>();
        byIndicator.forEach((code, values) -> {
            IndicatorCatalog.Definition d = IndicatorCatalog.describe(code);
            if (d.kind() != Kind.COUNT && d.kind() != Kind.AVERAGE) {
                return;
            }
            // per arrondissement: Σ value × w and Σ w over known figures, Σ w over withheld ones
            Map<Integer, double[]> sums = new TreeMap<>();
            values.forEach((iris, v) -> {
                Optional<Integer> arr = arrondissementOf(iris);
                if (arr.isEmpty() || !stationsOf.containsKey(arr.get())) {
                    return;
                }
                double w = d.kind() == Kind.COUNT ? 1 : population.isEmpty() ? 1 : population.getOrDefault(iris, 0.0);
                double[] s = sums.computeIfAbsent(arr.get(), k -> new double[3]);
                if (v == null) {
                    s[2] += w;
                } else {
                    s[0] += v * w;
                    s[1] += w;
                }
            });
            sums.forEach((arr, s) -> {
                double withheld = s[1] + s[2] > 0 ? s[2] / (s[1] + s[2]) : 1;
                List<PollingStation> list = stationsOf.get(arr);
                double total = list.stream().mapToDouble(st -> stationWeight.get(st.code())).sum();
                for (PollingStation st : list) {
                    double value = d.kind() == Kind.COUNT
                            ? s[0] * (total > 0 ? stationWeight.get(st.code()) / total : 1.0 / list.size())
                            : s[1] > 0 ? s[0] / s[1] : Double.NaN;
                    if (d.kind() == Kind.COUNT && s[1] == 0 && s[2] > 0) {
                        value = Double.NaN;
                    }
                    out.computeIfAbsent(st.code(), k -> new LinkedHashMap<>())
                            .put(code, new StationIndicator(code, d.kind(), d.label(), value, withheld));
                }
            });
        });
        addRates(out, byIndicator.keySet());
        StationIndicators.Report report = new StationIndicators.Report(Set.of(), Set.of(), unplaced, Set.of(), Set.of(),
                List.of(), Set.of(), Set.of(), Map.of());
        return new StationIndicators(Method.ARRONDISSEMENT, out, report);
    }

    /** The arrondissement of an IRIS from its commune code ({@link CommuneCodes#arrondissement}). */
    public static Optional<Integer> arrondissementOf(String irisCode) {
        return CommuneCodes.arrondissement(irisCode.substring(0, 5));
    }

    private static void addRates(Map<StationCode, Map<String, StationIndicator>> out, Set<String> indicatorCodes) {
        List<Rate> rates = IndicatorCatalog.ratesFor(indicatorCodes);
        out.values().forEach(values -> {
            Map<String, Double> counts = new HashMap<>();
            values.forEach((code, v) -> {
                if (v.kind() == Kind.COUNT && !Double.isNaN(v.value())) {
                    counts.put(code, v.value());
                }
            });
            for (Rate r : rates) {
                r.of(counts).ifPresent(rate -> {
                    double withheld = r.inputs().stream().mapToDouble(c -> values.get(c).withheldShare()).max().orElse(0);
                    values.put(r.code(), new StationIndicator(r.code(), Kind.RATE, r.label(), rate, withheld));
                });
            }
        });
    }

    /** IRIS → population (sum of the population counts), for IRIS where every band is known. */
    static Map<String, Double> populationByIris(Map<String, Map<String, Double>> byIndicator) {
        Optional<List<String>> codes = IndicatorCatalog.populationCounts(byIndicator.keySet());
        Map<String, Double> out = new HashMap<>();
        if (codes.isEmpty()) {
            return out;
        }
        Set<String> iris = new LinkedHashSet<>();
        codes.get().forEach(c -> iris.addAll(byIndicator.get(c).keySet()));
        for (String code : iris) {
            double sum = 0;
            boolean complete = true;
            for (String c : codes.get()) {
                Double v = byIndicator.get(c).get(code);
                if (v == null) {
                    complete = false;
                    break;
                }
                sum += v;
            }
            if (complete) {
                out.put(code, sum);
            }
        }
        return out;
    }

    private static Map<String, Map<String, Double>> byIndicator(List<IrisIndicator> indicators) {
        Map<String, Map<String, Double>> out = new TreeMap<>();
        for (IrisIndicator i : indicators) {
            Map<String, Double> values = out.computeIfAbsent(i.indicator(), k -> new HashMap<>());
            if (!values.containsKey(i.irisCode())) {
                values.put(i.irisCode(), i.value());
            }
        }
        return out;
    }

    private static void requireOneVintage(List<String> vintages, String what) {
        Set<String> distinct = new TreeSet<>(vintages);
        if (distinct.size() > 1) {
            throw new IllegalArgumentException("un seul millésime de " + what + " à la fois, trouvé " + distinct);
        }
    }
}
