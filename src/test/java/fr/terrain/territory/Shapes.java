package fr.terrain.territory;

import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import fr.terrain.geo.GeoJsonGeometry;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/** Small WGS84 rectangles near Paris, in units of 0.001° from a corner of the 11th arrondissement. */
final class Shapes {
    static final double LON = 2.37;
    static final double LAT = 48.85;
    static final double UNIT = 0.001;

    private Shapes() {}

    static Polygon box(double x0, double y0, double x1, double y1) {
        return GeoJsonGeometry.WGS84.createPolygon(new Coordinate[] {at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)});
    }

    static Coordinate at(double x, double y) {
        return new Coordinate(LON + x * UNIT, LAT + y * UNIT);
    }

    static PollingStation station(int vintage, String code, Polygon contour, Integer registered) {
        return new PollingStation(vintage, StationCode.parse(code), contour, null, null, null, registered);
    }
}
