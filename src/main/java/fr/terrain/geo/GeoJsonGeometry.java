package fr.terrain.geo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.terrain.json.JsonSyntax;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Converts GeoJSON geometry objects (RFC 7946, [lon, lat]) to JTS and back. Hand-written over
 * Jackson trees so that a malformed coordinate is reported with its place in the file, which
 * JTS's own reader cannot do.
 */
public final class GeoJsonGeometry {
    /** WGS84, SRID 4326, full double precision. */
    public static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeoJsonGeometry() {}

    /** @throws IllegalArgumentException naming what is wrong, for a malformed geometry */
    public static Geometry read(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("géométrie manquante");
        }
        String type = node.path("type").asText("");
        JsonNode c = node.path("coordinates");
        return switch (type) {
            case "Point" -> WGS84.createPoint(coordinate(c));
            case "LineString" -> WGS84.createLineString(coordinates(c));
            case "Polygon" -> polygon(c);
            case "MultiPolygon" -> {
                requireArray(c, "MultiPolygon coordinates");
                Polygon[] polygons = new Polygon[c.size()];
                for (int i = 0; i < c.size(); i++) {
                    polygons[i] = polygon(c.get(i));
                }
                yield WGS84.createMultiPolygon(polygons);
            }
            case "MultiPoint" -> WGS84.createMultiPointFromCoords(coordinates(c));
            case "GeometryCollection" -> {
                JsonNode g = node.path("geometries");
                requireArray(g, "geometries");
                Geometry[] parts = new Geometry[g.size()];
                for (int i = 0; i < g.size(); i++) {
                    parts[i] = read(g.get(i));
                }
                yield WGS84.createGeometryCollection(parts);
            }
            default -> throw new IllegalArgumentException("type de géométrie non géré \"" + type + "\"");
        };
    }

    private static Polygon polygon(JsonNode rings) {
        requireArray(rings, "Polygon coordinates");
        if (rings.isEmpty()) {
            throw new IllegalArgumentException("un Polygon doit avoir au moins un anneau");
        }
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        return WGS84.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode node) {
        Coordinate[] cs = coordinates(node);
        if (cs.length < 4 || !cs[0].equals2D(cs[cs.length - 1])) {
            throw new IllegalArgumentException("un anneau doit avoir au moins 4 positions et être fermé");
        }
        return WGS84.createLinearRing(cs);
    }

    private static Coordinate[] coordinates(JsonNode node) {
        requireArray(node, "coordinates");
        Coordinate[] cs = new Coordinate[node.size()];
        for (int i = 0; i < node.size(); i++) {
            cs[i] = coordinate(node.get(i));
        }
        return cs;
    }

    private static Coordinate coordinate(JsonNode node) {
        if (node == null || !node.isArray() || node.size() < 2 || !node.get(0).isNumber() || !node.get(1).isNumber()) {
            throw new IllegalArgumentException("attendu une position [lon, lat], trouvé " + abbreviate(node));
        }
        double lon = node.get(0).asDouble();
        double lat = node.get(1).asDouble();
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("position hors des limites WGS84 : [" + lon + ", " + lat + "]");
        }
        return new Coordinate(lon, lat);
    }

    private static void requireArray(JsonNode node, String what) {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("attendu un tableau pour " + what + ", trouvé " + abbreviate(node));
        }
    }

    private static String abbreviate(JsonNode node) {
        String s = node == null || node.isMissingNode() ? "nothing" : node.toString();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /**
     * The geometry as the store will hold it, its coordinates rounded to 7 decimals as {@link #write(Geometry)} rounds
     * them: validity is to be checked on this, since rounding can make a valid contour invalid (a vertex a few
     * hundred-millionths of a degree from an edge lands on it).
     */
    public static Geometry asStored(Geometry g) {
        return read(toNode(g));
    }

    /** GeoJSON text of a geometry, coordinates rounded to 7 decimals (about 1 cm). */
    public static String write(Geometry g) {
        return toNode(g).toString();
    }

    /**
     * GeoJSON text with coordinates rounded to {@code decimals} places, for the browser: 5 places
     * are about a metre. Vertices shared by neighbours round alike, so shared borders stay shared.
     */
    public static String write(Geometry g, int decimals) {
        return toNode(g, Math.pow(10, decimals)).toString();
    }

    public static ObjectNode toNode(Geometry g) {
        return toNode(g, 1e7);
    }

    private static ObjectNode toNode(Geometry g, double scale) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", g.getGeometryType());
        switch (g) {
            case Point p -> node.set("coordinates", position(p.getCoordinate(), scale));
            case Polygon p -> node.set("coordinates", rings(p, scale));
            case MultiPolygon mp -> {
                ArrayNode polys = node.putArray("coordinates");
                for (int i = 0; i < mp.getNumGeometries(); i++) {
                    polys.add(rings((Polygon) mp.getGeometryN(i), scale));
                }
            }
            case LineString l -> node.set("coordinates", positions(l.getCoordinates(), scale));
            default -> {
                if (g.getGeometryType().equals("MultiPoint")) {
                    node.set("coordinates", positions(g.getCoordinates(), scale));
                } else {
                    ArrayNode parts = node.putArray("geometries");
                    for (int i = 0; i < g.getNumGeometries(); i++) {
                        parts.add(toNode(g.getGeometryN(i), scale));
                    }
                }
            }
        }
        return node;
    }

    private static ArrayNode rings(Polygon p, double scale) {
        List<LineString> rings = new ArrayList<>();
        rings.add(p.getExteriorRing());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            rings.add(p.getInteriorRingN(i));
        }
        ArrayNode out = JSON.createArrayNode();
        rings.forEach(r -> out.add(positions(r.getCoordinates(), scale)));
        return out;
    }

    private static ArrayNode positions(Coordinate[] cs, double scale) {
        ArrayNode out = JSON.createArrayNode();
        for (Coordinate c : cs) {
            out.add(position(c, scale));
        }
        return out;
    }

    private static ArrayNode position(Coordinate c, double scale) {
        ArrayNode a = JSON.createArrayNode();
        a.add(Math.round(c.x * scale) / scale);
        a.add(Math.round(c.y * scale) / scale);
        return a;
    }

    /** Parses stored GeoJSON text. */
    public static Geometry parse(String text) {
        try {
            return read(JSON.readTree(text));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("pas du GeoJSON : " + JsonSyntax.located(e), e);
        }
    }
}
