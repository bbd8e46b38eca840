package fr.terrain.geo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * Douglas-Peucker simplification of a polygon coverage (polling stations, arrondissements) that
 * keeps neighbours sharing the same border. Each ring is cut into arcs at its junctions (vertices
 * where the set of polygons using them changes, or where three polygons meet); an arc is
 * simplified in a canonical direction, so the two polygons on either side of a border get the
 * very same simplified line, and no gap or overlap appears between them. The tolerance is in
 * metres, measured on a local equirectangular plane (exact to well under 1 % across a city).
 * A polygon whose simplified form would be invalid keeps its original rings.
 */
public final class SharedEdgeSimplifier {
    private static final double METRES_PER_DEGREE = 111_320;

    private final double tolerance;
    private final GeometryFactory factory;
    private double xScale;
    private final Map<Coordinate, BitSet> users = new HashMap<>();

    private SharedEdgeSimplifier(double toleranceMetres, GeometryFactory factory) {
        this.tolerance = toleranceMetres;
        this.factory = factory;
    }

    /**
     * The polygons simplified, in the same order; null entries and non-polygonal geometries are
     * returned as they are.
     */
    public static List<Geometry> simplify(List<Geometry> coverage, double toleranceMetres) {
        if (!(toleranceMetres >= 0)) {
            throw new IllegalArgumentException("la tolérance doit être positive : " + toleranceMetres);
        }
        return new SharedEdgeSimplifier(toleranceMetres, GeoJsonGeometry.WGS84).run(coverage);
    }

    private List<Geometry> run(List<Geometry> coverage) {
        double latSum = 0;
        long n = 0;
        for (int i = 0; i < coverage.size(); i++) {
            Geometry g = coverage.get(i);
            if (g == null) {
                continue;
            }
            for (Coordinate c : g.getCoordinates()) {
                users.computeIfAbsent(new Coordinate(c.x, c.y), k -> new BitSet()).set(i);
                latSum += c.y;
                n++;
            }
        }
        xScale = Math.cos(Math.toRadians(n == 0 ? 0 : latSum / n));
        List<Geometry> out = new ArrayList<>(coverage.size());
        for (Geometry g : coverage) {
            out.add(simplifyPolygonal(g));
        }
        return out;
    }

    private Geometry simplifyPolygonal(Geometry g) {
        if (g instanceof Polygon p) {
            Polygon simple = simplifyPolygon(p);
            return simple.isValid() ? simple : p;
        }
        if (g instanceof MultiPolygon mp) {
            Polygon[] parts = new Polygon[mp.getNumGeometries()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = simplifyPolygon((Polygon) mp.getGeometryN(i));
            }
            MultiPolygon simple = factory.createMultiPolygon(parts);
            return simple.isValid() ? simple : mp;
        }
        return g;
    }

    private Polygon simplifyPolygon(Polygon p) {
        LinearRing shell = simplifyRing(p.getExteriorRing().getCoordinates());
        LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = simplifyRing(p.getInteriorRingN(i).getCoordinates());
        }
        return factory.createPolygon(shell, holes);
    }

    private LinearRing simplifyRing(Coordinate[] closed) {
        int n = closed.length - 1;
        if (n < 4) {
            return factory.createLinearRing(closed);
        }
        Coordinate[] ring = Arrays.copyOf(closed, n);
        boolean[] junction = new boolean[n];
        int first = -1;
        for (int i = 0; i < n; i++) {
            BitSet here = users.get(ring[i]);
            junction[i] = here.cardinality() >= 3 || !here.equals(users.get(ring[(i + n - 1) % n]))
                    || !here.equals(users.get(ring[(i + 1) % n]));
            if (junction[i] && first < 0) {
                first = i;
            }
        }
        if (first < 0) {
            // A ring with no junction (an island, or a polygon inside another): start it at its
            // smallest vertex, so that the ring and the hole it fills are cut the same way.
            first = 0;
            for (int i = 1; i < n; i++) {
                if (ring[i].compareTo(ring[first]) < 0) {
                    first = i;
                }
            }
            junction[first] = true;
        }
        List<Coordinate> out = new ArrayList<>();
        int start = first;
        do {
            int end = (start + 1) % n;
            while (!junction[end]) {
                end = (end + 1) % n;
            }
            List<Coordinate> arc = new ArrayList<>();
            for (int i = start; ; i = (i + 1) % n) {
                arc.add(ring[i]);
                if (i == end && arc.size() > 1) {
                    break;
                }
            }
            List<Coordinate> simple = simplifyArc(arc);
            out.addAll(simple.subList(0, simple.size() - 1));
            start = end;
        } while (start != first);
        out.add(out.get(0));
        if (out.size() < 4) {
            return factory.createLinearRing(closed);
        }
        return factory.createLinearRing(out.toArray(Coordinate[]::new));
    }

    /** The arc simplified in its canonical direction, returned in its own direction. */
    private List<Coordinate> simplifyArc(List<Coordinate> arc) {
        if (arc.size() <= 2) {
            return arc;
        }
        boolean reversed = isReversed(arc);
        List<Coordinate> canonical = new ArrayList<>(arc);
        if (reversed) {
            java.util.Collections.reverse(canonical);
        }
        int size = canonical.size();
        double[] x = new double[size];
        double[] y = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = canonical.get(i).x * xScale * METRES_PER_DEGREE;
            y[i] = canonical.get(i).y * METRES_PER_DEGREE;
        }
        boolean[] keep = new boolean[size];
        keep[0] = true;
        keep[size - 1] = true;
        douglasPeucker(x, y, 0, size - 1, keep);
        List<Coordinate> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (keep[i]) {
                out.add(canonical.get(i));
            }
        }
        if (reversed) {
            java.util.Collections.reverse(out);
        }
        return out;
    }

    /** Marks the vertices between {@code from} and {@code to} that lie farther than the tolerance from the segment. */
    private void douglasPeucker(double[] x, double[] y, int from, int to, boolean[] keep) {
        if (to - from < 2) {
            return;
        }
        double dx = x[to] - x[from];
        double dy = y[to] - y[from];
        double squared = dx * dx + dy * dy;
        int farthest = -1;
        double distance = -1;
        for (int i = from + 1; i < to; i++) {
            double t = squared == 0 ? 0 : Math.clamp(((x[i] - x[from]) * dx + (y[i] - y[from]) * dy) / squared, 0, 1);
            double d = Math.hypot(x[i] - x[from] - t * dx, y[i] - y[from] - t * dy);
            if (d > distance) {
                distance = d;
                farthest = i;
            }
        }
        if (distance > tolerance) {
            keep[farthest] = true;
            douglasPeucker(x, y, from, farthest, keep);
            douglasPeucker(x, y, farthest, to, keep);
        }
    }

    private static boolean isReversed(List<Coordinate> arc) {
        for (int i = 0, j = arc.size() - 1; i < j; i++, j--) {
            int c = arc.get(i).compareTo(arc.get(j));
            if (c != 0) {
                return c > 0;
            }
        }
        return false;
    }
}
