package fr.terrain.geo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.algorithm.hull.ConcaveHull;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Areas drawn from labelled points alone, where no contour is published: each point's Voronoi cell (the ground
 * nearer to it than to any other point) goes to its label, a label's cells are united, and everything is clipped to
 * the points' envelope: their concave hull, whose edges are at most {@link #HULL_EDGE} long, widened by
 * {@link #MARGIN}. Work in metres (Lambert-93): a cell in degrees would be stretched north–south. The areas of one
 * call never overlap and every point lies inside its label's area (docs/adr/0028).
 */
public final class VoronoiAreas {
    /** Longest edge of the concave hull, in metres: a gap wider than this between points stays outside. */
    public static final double HULL_EDGE = 1_000;
    /** Width of the band around the hull, in metres: the outermost addresses get some ground beyond them. */
    public static final double MARGIN = 100;

    private VoronoiAreas() {}

    /**
     * The area of each label, from distinct points (in metres) and their labels; labels keep the map's order. One label
     * gets the whole envelope.
     */
    public static <K> Map<K, Geometry> of(Map<Coordinate, K> labelled, GeometryFactory factory) {
        if (labelled.isEmpty()) {
            throw new IllegalArgumentException("no point");
        }
        Geometry envelope = envelope(labelled.keySet(), factory);
        Map<K, List<Geometry>> cells = new LinkedHashMap<>();
        labelled.values().forEach(k -> cells.putIfAbsent(k, new ArrayList<>()));
        if (cells.size() == 1) {
            return Map.of(cells.keySet().iterator().next(), envelope);
        }
        VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
        builder.setSites(labelled.keySet());
        Envelope clip = new Envelope(envelope.getEnvelopeInternal());
        clip.expandBy(MARGIN);
        builder.setClipEnvelope(clip);
        Geometry diagram = builder.getDiagram(factory);
        Map<Coordinate, K> bySite = new HashMap<>(labelled);
        for (int i = 0; i < diagram.getNumGeometries(); i++) {
            Geometry cell = diagram.getGeometryN(i);
            K label = bySite.remove((Coordinate) cell.getUserData());
            if (label == null) {
                throw new IllegalStateException("Voronoi cell of no point: " + cell.getUserData());
            }
            cells.get(label).add(cell);
        }
        if (!bySite.isEmpty()) {
            throw new IllegalStateException("points without a Voronoi cell: " + bySite.keySet());
        }
        Map<K, Geometry> out = new LinkedHashMap<>();
        cells.forEach((label, own) -> out.put(label, polygonal(UnaryUnionOp.union(own).intersection(envelope), factory)));
        return out;
    }

    /** The concave hull of the points, widened by {@link #MARGIN}: one polygon. */
    public static Geometry envelope(java.util.Collection<Coordinate> points, GeometryFactory factory) {
        Geometry all = factory.createMultiPointFromCoords(points.toArray(Coordinate[]::new));
        return ConcaveHull.concaveHullByLength(all, HULL_EDGE).buffer(MARGIN);
    }

    private static Geometry polygonal(Geometry g, GeometryFactory factory) {
        if (g instanceof Polygonal) {
            return g;
        }
        @SuppressWarnings("unchecked")
        List<Polygon> parts = PolygonExtracter.getPolygons(g);
        return parts.size() == 1 ? parts.get(0) : factory.createMultiPolygon(parts.toArray(Polygon[]::new));
    }
}
