package fr.terrain.demo;

/**
 * WGS84 longitude/latitude to Lambert-93 (EPSG:2154) metres, for the {@code x}, {@code y} columns
 * of the BAN layout. RGF93 and WGS84 differ by less than a metre, well below what a synthetic
 * address needs. Constants of the IGN's projection sheet (GRS80 ellipsoid, standard parallels 44°
 * and 49°, origin 3° E, 46.5° N, false easting 700 km, false northing 6,600 km).
 */
final class Lambert93 {
    private static final double E = 0.0818191910428158;
    private static final double N = 0.7256077650532670;
    private static final double C = 11754255.426096;
    private static final double XS = 700000;
    private static final double YS = 12655612.049876;
    private static final double LAMBDA0 = Math.toRadians(3);

    private Lambert93() {}

    /** {x, y} in metres. */
    static double[] project(double lon, double lat) {
        double phi = Math.toRadians(lat);
        double es = E * StrictMath.sin(phi);
        double isometric = StrictMath.log(StrictMath.tan(Math.PI / 4 + phi / 2) * StrictMath.pow((1 - es) / (1 + es), E / 2));
        double r = C * StrictMath.exp(-N * isometric);
        double gamma = N * (Math.toRadians(lon) - LAMBDA0);
        return new double[] {XS + r * StrictMath.sin(gamma), YS - r * StrictMath.cos(gamma)};
    }
}
