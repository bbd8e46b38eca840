package fr.terrain.demo;

import fr.terrain.geo.GeoJsonGeometry;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.precision.GeometryPrecisionReducer;

/**
 * A flat frame in kilometres around a centre. Shapes are built there, where a Voronoi cell looks
 * right in metres, and converted to WGS84 once. The conversion is affine, so containment and
 * non-overlap carry over; coordinates are then rounded to the 7 decimals the GeoJSON writer keeps,
 * so what is checked here is exactly what a reader of the file sees.
 */
record Frame(double lon0, double lat0) {
    static final GeometryFactory KM = new GeometryFactory();
    /** 7 decimals of a degree, about 1 cm: what {@link GeoJsonGeometry#write} keeps. */
    static final PrecisionModel GEOJSON_PRECISION = new PrecisionModel(1e7);

    double kmPerDegreeLon() {
        return 111.320 * StrictMath.cos(Math.toRadians(lat0));
    }

    double kmPerDegreeLat() {
        return 110.574;
    }

    double lon(double xKm) {
        return lon0 + xKm / kmPerDegreeLon();
    }

    double lat(double yKm) {
        return lat0 + yKm / kmPerDegreeLat();
    }

    /** The shape in WGS84, rounded to GeoJSON precision and still valid. */
    Geometry toWgs84(Geometry km) {
        Geometry moved = new AffineTransformation(1 / kmPerDegreeLon(), 0, lon0, 0, 1 / kmPerDegreeLat(), lat0)
                .transform(km);
        return GeoJsonGeometry.WGS84.createGeometry(GeometryPrecisionReducer.reduce(moved, GEOJSON_PRECISION));
    }
}
