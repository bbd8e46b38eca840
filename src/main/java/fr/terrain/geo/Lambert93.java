package fr.terrain.geo;

import java.util.function.BiFunction;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * WGS84 longitude/latitude to Lambert-93 (EPSG:2154) metres: the plane in which areas of French
 * zones are measured (BAN {@code x}, {@code y} columns, areal interpolation). RGF93 and WGS84
 * differ by less than a metre. Constants of the IGN's projection sheet (GRS80 ellipsoid, standard
 * parallels 44° and 49°, origin 3° E, 46.5° N, false easting 700 km, false northing 6,600 km).
 */
public final class Lambert93 {
    /** Lambert-93, SRID 2154, full double precision. */
    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 2154);

    private static final double E = 0.0818191910428158;
    private static final double N = 0.7256077650532670;
    private static final double C = 11754255.426096;
    private static final double XS = 700000;
    private static final double YS = 12655612.049876;
    private static final double LAMBDA0 = Math.toRadians(3);

    private Lambert93() {}

    /** {x, y} in metres. */
    public static double[] project(double lon, double lat) {
        double phi = Math.toRadians(lat);
        double es = E * StrictMath.sin(phi);
        double isometric = StrictMath.log(StrictMath.tan(Math.PI / 4 + phi / 2) * StrictMath.pow((1 - es) / (1 + es), E / 2));
        double r = C * StrictMath.exp(-N * isometric);
        double gamma = N * (Math.toRadians(lon) - LAMBDA0);
        return new double[] {XS + r * StrictMath.sin(gamma), YS - r * StrictMath.cos(gamma)};
    }

    /**
     * {lon, lat} in degrees of a Lambert-93 point, the inverse of {@link #project(double, double)}: the latitude is
     * the fixed point of the isometric-latitude equation, iterated until it moves less than 1e-12 radian (under a
     * tenth of a millimetre).
     */
    public static double[] unproject(double x, double y) {
        double dx = x - XS;
        double dy = YS - y;
        double isometric = -StrictMath.log(Math.hypot(dx, dy) / C) / N;
        double phi = 2 * StrictMath.atan(StrictMath.exp(isometric)) - Math.PI / 2;
        for (int i = 0; i < 30; i++) {
            double es = E * StrictMath.sin(phi);
            double next = 2 * StrictMath.atan(StrictMath.pow((1 + es) / (1 - es), E / 2) * StrictMath.exp(isometric))
                    - Math.PI / 2;
            boolean settled = Math.abs(next - phi) < 1e-12;
            phi = next;
            if (settled) {
                break;
            }
        }
        return new double[] {Math.toDegrees(LAMBDA0 + StrictMath.atan2(dx, dy) / N), Math.toDegrees(phi)};
    }

    /** A copy of a WGS84 geometry (x = lon, y = lat) in Lambert-93 metres, SRID 2154; the input is unchanged. */
    public static Geometry project(Geometry wgs84) {
        return transformed(FACTORY, wgs84, Lambert93::project);
    }

    /** A copy of a Lambert-93 geometry in WGS84 (x = lon, y = lat), SRID 4326; the input is unchanged. */
    public static Geometry unproject(Geometry lambert93) {
        return transformed(GeoJsonGeometry.WGS84, lambert93, Lambert93::unproject);
    }

    private static Geometry transformed(GeometryFactory factory, Geometry g, BiFunction<Double, Double, double[]> point) {
        Geometry copy = factory.createGeometry(g);
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                double[] xy = point.apply(seq.getX(i), seq.getY(i));
                seq.setOrdinate(i, CoordinateSequence.X, xy[0]);
                seq.setOrdinate(i, CoordinateSequence.Y, xy[1]);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return copy;
    }
}
