package fr.terrain.geo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * How each source zone divides among target zones (areal interpolation): for a source s and a
 * target t, {@code share(s, t)} is the part of s's content assumed to lie in t.
 * <ul>
 * <li>by area: {@code area(s ∩ t) / area(s)} — content spread uniformly over s;</li>
 * <li>by points (e.g. BAN addresses): {@code points(s ∩ t) / points(s)} — content spread like the
 * points; a source holding no point falls back to area, and {@link #sourcesWeightedByArea()} says so.</li>
 * </ul>
 * Geometries must be in one planar system in metres (Lambert-93, see {@link Lambert93#project(Geometry)}).
 * Invalid polygons are repaired first (GeometryFixer, else {@code buffer(0)}); MultiPolygons are fine.
 * Candidate pairs come from an STRtree, and the intersection uses the robust overlay (OverlayNG with
 * snapping fallbacks). Immutable once built.
 *
 * @param <S> the source zone key (an IRIS code, a polling-station code)
 * @param <T> the target zone key
 */
public final class Crosswalk<S, T> {
    /** A source whose targets cover less than this share is {@link #partlyCovered() partly covered}. */
    public static final double FULL_COVERAGE = 0.99;

    public enum Weighting { AREA, POINTS }

    /**
     * One source × target overlap.
     *
     * @param area area of the intersection (m²)
     * @param points points inside both (0 when weighting by area)
     * @param share part of the source assigned to the target
     */
    public record Overlap<S, T>(S source, T target, double area, int points, double share) {}

    /**
     * An interpolated value for one target.
     *
     * @param value the estimate, NaN when every source of the target is withheld
     * @param withheldShare part of the target's weight that comes from sources whose figure is
     *     withheld (null): 0 = complete, 1 = nothing known; the value is computed from the rest
     */
    public record Estimate(double value, double withheldShare) {
        public boolean partial() {
            return withheldShare > 0;
        }
    }

    private final Weighting weighting;
    private final Map<S, List<Overlap<S, T>>> bySource;
    private final Map<T, List<Overlap<S, T>>> byTarget;
    private final Map<S, Double> sourceArea;
    private final Map<T, Double> targetArea;
    /** Σ of the raw shares of each source, kept through {@link #rescaledAbove(double)}. */
    private final Map<S, Double> covered;
    private final Set<S> sourcesWeightedByArea;

    private Crosswalk(Weighting weighting, Map<S, List<Overlap<S, T>>> bySource, Map<T, List<Overlap<S, T>>> byTarget,
            Map<S, Double> sourceArea, Map<T, Double> targetArea, Map<S, Double> covered, Set<S> sourcesWeightedByArea) {
        this.weighting = weighting;
        this.bySource = bySource;
        this.byTarget = byTarget;
        this.sourceArea = sourceArea;
        this.targetArea = targetArea;
        this.covered = covered;
        this.sourcesWeightedByArea = Collections.unmodifiableSet(sourcesWeightedByArea);
    }

    /** Shares by area: {@code area(s ∩ t) / area(s)}. */
    public static <S, T> Crosswalk<S, T> byArea(Map<S, ? extends Geometry> sources, Map<T, ? extends Geometry> targets) {
        return build(sources, targets, null);
    }

    /**
     * Shares by points (addresses, buildings…), in the same plane as the zones:
     * {@code points(s ∩ t) / points(s)}, by area for a source without any point.
     */
    public static <S, T> Crosswalk<S, T> byPoints(Map<S, ? extends Geometry> sources, Map<T, ? extends Geometry> targets,
            Collection<Coordinate> points) {
        return build(sources, targets, Objects.requireNonNull(points, "points"));
    }

    private static <S, T> Crosswalk<S, T> build(Map<S, ? extends Geometry> sourceMap, Map<T, ? extends Geometry> targetMap,
            Collection<Coordinate> points) {
        Zones<S> sources = new Zones<>(sourceMap);
        Zones<T> targets = new Zones<>(targetMap);
        double[][] area = new double[sources.size()][];
        int[][] candidates = new int[sources.size()][];
        for (int i = 0; i < sources.size(); i++) {
            List<Integer> found = targets.query(sources.geometry(i).getEnvelopeInternal());
            candidates[i] = found.stream().mapToInt(Integer::intValue).sorted().toArray();
            area[i] = new double[candidates[i].length];
            for (int k = 0; k < candidates[i].length; k++) {
                area[i][k] = intersectionArea(sources, i, targets, candidates[i][k]);
            }
        }
        int[] inSource = new int[sources.size()];
        int[][] inBoth = new int[sources.size()][];
        if (points != null) {
            for (int i = 0; i < sources.size(); i++) {
                inBoth[i] = new int[candidates[i].length];
            }
            for (Coordinate p : points) {
                for (int i : sources.containing(p)) {
                    inSource[i]++;
                    // a point on the line between two targets goes to one of them only
                    int onBoundary = -1;
                    int inside = -1;
                    for (int k = 0; k < candidates[i].length && inside < 0; k++) {
                        if (area[i][k] > 0) {
                            int where = targets.locate(candidates[i][k], p);
                            if (where == Location.INTERIOR) {
                                inside = k;
                            } else if (where == Location.BOUNDARY && onBoundary < 0) {
                                onBoundary = k;
                            }
                        }
                    }
                    int k = inside >= 0 ? inside : onBoundary;
                    if (k >= 0) {
                        inBoth[i][k]++;
                    }
                }
            }
        }
        Map<S, List<Overlap<S, T>>> bySource = new LinkedHashMap<>();
        Map<T, List<Overlap<S, T>>> byTarget = new LinkedHashMap<>();
        Map<S, Double> sourceArea = new LinkedHashMap<>();
        Map<T, Double> targetArea = new LinkedHashMap<>();
        Set<S> byAreaFallback = new LinkedHashSet<>();
        for (int j = 0; j < targets.size(); j++) {
            byTarget.put(targets.key(j), new ArrayList<>());
            targetArea.put(targets.key(j), targets.area(j));
        }
        for (int i = 0; i < sources.size(); i++) {
            S s = sources.key(i);
            double a = sources.area(i);
            sourceArea.put(s, a);
            boolean usePoints = points != null && inSource[i] > 0;
            if (points != null && !usePoints) {
                byAreaFallback.add(s);
            }
            List<Overlap<S, T>> overlaps = new ArrayList<>();
            for (int k = 0; k < candidates[i].length; k++) {
                if (area[i][k] <= 0) {
                    continue;
                }
                T t = targets.key(candidates[i][k]);
                int n = usePoints ? inBoth[i][k] : 0;
                double share = usePoints ? (double) n / inSource[i] : a > 0 ? area[i][k] / a : 0;
                Overlap<S, T> o = new Overlap<>(s, t, area[i][k], n, share);
                overlaps.add(o);
                byTarget.get(t).add(o);
            }
            bySource.put(s, List.copyOf(overlaps));
        }
        byTarget.replaceAll((t, list) -> List.copyOf(list));
        Map<S, Double> covered = new HashMap<>();
        bySource.forEach((s, list) -> covered.put(s, list.stream().mapToDouble(Overlap::share).sum()));
        return new Crosswalk<>(points == null ? Weighting.AREA : Weighting.POINTS, bySource, byTarget, sourceArea,
                targetArea, covered, byAreaFallback);
    }

    private static <S, T> double intersectionArea(Zones<S> sources, int i, Zones<T> targets, int j) {
        Geometry s = sources.geometry(i);
        Geometry t = targets.geometry(j);
        PreparedGeometry ps = sources.prepared(i);
        if (!ps.intersects(t)) {
            return 0;
        }
        if (ps.covers(t)) {
            return targets.area(j);
        }
        if (targets.prepared(j).covers(s)) {
            return sources.area(i);
        }
        return OverlayNGRobust.overlay(s, t, OverlayNG.INTERSECTION).getArea();
    }

    public Weighting weighting() {
        return weighting;
    }

    /** Every overlap, source by source, in the order the sources were given. */
    public List<Overlap<S, T>> overlaps() {
        return bySource.values().stream().flatMap(List::stream).toList();
    }

    /** The overlaps of one source (empty for an unknown source or one overlapping nothing). */
    public List<Overlap<S, T>> overlapsOfSource(S source) {
        return bySource.getOrDefault(source, List.of());
    }

    public List<Overlap<S, T>> overlapsOfTarget(T target) {
        return byTarget.getOrDefault(target, List.of());
    }

    /** target → share of the source falling in it. */
    public Map<T, Double> shares(S source) {
        Map<T, Double> out = new LinkedHashMap<>();
        overlapsOfSource(source).forEach(o -> out.merge(o.target(), o.share(), Double::sum));
        return out;
    }

    /**
     * Σ over targets of the shares of a source as measured (before any {@link #rescaledAbove(double)
     * rescaling}): 1 when targets cover it, less when part of it falls outside them.
     */
    public double coveredShare(S source) {
        return covered.getOrDefault(source, 0.0);
    }

    /** Part of a target's area covered by sources: Σ area(s ∩ t) / area(t). */
    public double targetCoverage(T target) {
        double a = targetArea.getOrDefault(target, 0.0);
        return a <= 0 ? 0 : overlapsOfTarget(target).stream().mapToDouble(Overlap::area).sum() / a;
    }

    /** Sources that overlap some target but whose covered share is below {@value #FULL_COVERAGE}. */
    public Set<S> partlyCovered() {
        Set<S> out = new LinkedHashSet<>();
        bySource.forEach((s, list) -> {
            if (!list.isEmpty() && coveredShare(s) < FULL_COVERAGE) {
                out.add(s);
            }
        });
        return out;
    }

    /** Sources that overlap no target at all: their content goes nowhere. */
    public Set<S> sourcesWithoutOverlap() {
        Set<S> out = new LinkedHashSet<>();
        bySource.forEach((s, list) -> {
            if (list.isEmpty()) {
                out.add(s);
            }
        });
        return out;
    }

    /** Targets that no source overlaps: nothing can be said about them. */
    public Set<T> targetsWithoutOverlap() {
        Set<T> out = new LinkedHashSet<>();
        byTarget.forEach((t, list) -> {
            if (list.isEmpty()) {
                out.add(t);
            }
        });
        return out;
    }

    /** With point weighting: sources that hold no point and were therefore split by area. */
    public Set<S> sourcesWeightedByArea() {
        return sourcesWeightedByArea;
    }

    public Set<S> sources() {
        return Collections.unmodifiableSet(bySource.keySet());
    }

    public Set<T> targets() {
        return Collections.unmodifiableSet(byTarget.keySet());
    }

    /** Area of a source after repair (m²), 0 for an unknown one. */
    public double sourceArea(S source) {
        return sourceArea.getOrDefault(source, 0.0);
    }

    public double targetArea(T target) {
        return targetArea.getOrDefault(target, 0.0);
    }

    /**
     * A crosswalk whose shares are rescaled so that every source covered at least {@code minCoverage}
     * gives all of its content to its targets ({@code share / coveredShare}). Meant for zones that
     * tile the same city but were generalised differently, where the uncovered slivers are drawing
     * artefacts, not places where people live. Sources below the threshold keep their raw shares.
     * The reports ({@link #partlyCovered()}…) are those of the raw overlaps.
     */
    public Crosswalk<S, T> rescaledAbove(double minCoverage) {
        Map<S, List<Overlap<S, T>>> bySource2 = new LinkedHashMap<>();
        Map<T, List<Overlap<S, T>>> byTarget2 = new LinkedHashMap<>();
        byTarget.keySet().forEach(t -> byTarget2.put(t, new ArrayList<>()));
        bySource.forEach((s, list) -> {
            double c = coveredShare(s);
            double factor = c >= minCoverage && c > 0 ? 1 / c : 1;
            List<Overlap<S, T>> rescaled = list.stream()
                    .map(o -> new Overlap<>(o.source(), o.target(), o.area(), o.points(), o.share() * factor)).toList();
            bySource2.put(s, rescaled);
            rescaled.forEach(o -> byTarget2.get(o.target()).add(o));
        });
        byTarget2.replaceAll((t, list) -> List.copyOf(list));
        return new Crosswalk<>(weighting, bySource2, byTarget2, sourceArea, targetArea, covered, sourcesWeightedByArea);
    }

    /**
     * Counts (population, votes): {@code value(t) = Σ_s count(s) × share(s, t)}. A source mapped to
     * null is withheld: it adds nothing, and {@link Estimate#withheldShare()} is the part of the
     * target's overlapping area that comes from withheld sources; when all of it is withheld the
     * value is NaN (unknown, not zero). Sources absent from the map are ignored. Targets that no
     * source of the map overlaps are absent from the result.
     */
    public Map<T, Estimate> interpolateCounts(Map<S, Double> counts) {
        Map<T, Estimate> out = new LinkedHashMap<>();
        byTarget.forEach((t, list) -> {
            double value = 0;
            double known = 0;
            double withheld = 0;
            boolean any = false;
            for (Overlap<S, T> o : list) {
                if (!counts.containsKey(o.source())) {
                    continue;
                }
                any = true;
                Double c = counts.get(o.source());
                if (c == null) {
                    withheld += o.area();
                } else {
                    value += c * o.share();
                    known += o.area();
                }
            }
            if (any) {
                boolean allWithheld = known == 0 && withheld > 0;
                out.put(t, new Estimate(allWithheld ? Double.NaN : value,
                        withheld + known > 0 ? withheld / (withheld + known) : 0));
            }
        });
        return out;
    }

    /**
     * Figures that are not counts (a median, a rate): the average over the sources of a target,
     * each weighted by the part of its weight that falls in the target, {@code weight(s) × share(s, t)};
     * with no weights ({@code null}), by the overlapping area. Sources with a value but no weight add
     * nothing. {@link Estimate#withheldShare()} is the part of the target's weight whose value is
     * withheld; when all of it is, the value is NaN. Targets with no weight at all are absent from the result.
     */
    public Map<T, Estimate> interpolateAverages(Map<S, Double> values, Map<S, Double> weights) {
        Map<T, Estimate> out = new LinkedHashMap<>();
        byTarget.forEach((t, list) -> {
            double sum = 0;
            double known = 0;
            double withheld = 0;
            for (Overlap<S, T> o : list) {
                if (!values.containsKey(o.source())) {
                    continue;
                }
                double w;
                if (weights == null) {
                    w = o.area();
                } else {
                    Double ws = weights.get(o.source());
                    w = ws == null ? 0 : ws * o.share();
                }
                Double v = values.get(o.source());
                if (v == null) {
                    withheld += w;
                } else {
                    sum += v * w;
                    known += w;
                }
            }
            if (known > 0) {
                out.put(t, new Estimate(sum / known, withheld / (withheld + known)));
            } else if (withheld > 0) {
                out.put(t, new Estimate(Double.NaN, 1));
            }
        });
        return out;
    }

    /** Zones as parallel arrays, repaired, with their STRtree and lazily prepared geometries. */
    private static final class Zones<K> {
        private final List<K> keys = new ArrayList<>();
        private final List<Geometry> geometries = new ArrayList<>();
        private final double[] areas;
        private final PreparedGeometry[] prepared;
        private final IndexedPointInAreaLocator[] locators;
        private final STRtree tree = new STRtree();

        Zones(Map<K, ? extends Geometry> zones) {
            zones.forEach((k, g) -> {
                keys.add(Objects.requireNonNull(k, "zone key"));
                geometries.add(polygonal(Objects.requireNonNull(g, () -> "no geometry for zone " + k)));
            });
            areas = new double[keys.size()];
            prepared = new PreparedGeometry[keys.size()];
            locators = new IndexedPointInAreaLocator[keys.size()];
            for (int i = 0; i < keys.size(); i++) {
                areas[i] = geometries.get(i).getArea();
                if (!geometries.get(i).isEmpty()) {
                    tree.insert(geometries.get(i).getEnvelopeInternal(), i);
                }
            }
            tree.build();
        }

        int size() {
            return keys.size();
        }

        K key(int i) {
            return keys.get(i);
        }

        Geometry geometry(int i) {
            return geometries.get(i);
        }

        double area(int i) {
            return areas[i];
        }

        PreparedGeometry prepared(int i) {
            if (prepared[i] == null) {
                prepared[i] = PreparedGeometryFactory.prepare(geometries.get(i));
            }
            return prepared[i];
        }

        @SuppressWarnings("unchecked")
        List<Integer> query(Envelope e) {
            return tree.query(e);
        }

        int locate(int i, Coordinate p) {
            if (!geometries.get(i).getEnvelopeInternal().contains(p)) {
                return Location.EXTERIOR;
            }
            if (locators[i] == null) {
                locators[i] = new IndexedPointInAreaLocator(geometries.get(i));
            }
            return locators[i].locate(p);
        }

        List<Integer> containing(Coordinate p) {
            List<Integer> out = new ArrayList<>(1);
            for (int i : query(new Envelope(p))) {
                if (locate(i, p) != Location.EXTERIOR) {
                    out.add(i);
                }
            }
            return out;
        }
    }

    /** A valid polygonal geometry: as given when valid, else repaired, keeping only its polygons. */
    static Geometry polygonal(Geometry g) {
        if (g instanceof Polygonal && g.isValid()) {
            return g;
        }
        Geometry fixed = Repair.polygonal(g).orElseGet(() -> g.buffer(0));
        if (!(fixed instanceof Polygonal)) {
            fixed = g.getFactory().buildGeometry(PolygonExtracter.getPolygons(fixed));
        }
        return fixed;
    }
}
