package fr.terrain.demo;

import fr.terrain.election.Ordinal;
import fr.terrain.election.StationCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * The map of the synthetic city, laid out like Paris: 20 arrondissements spiralling clockwise
 * from the centre in three rings (1–4, 5–11, 12–20), polling stations and IRIS tiling each
 * arrondissement as Voronoi cells, and smooth income and age surfaces over it all.
 */
final class CityPlan {
    static final Frame FRAME = new Frame(2.335, 48.855);

    /** Half-widths of the city's ellipse (km): with the boundary wobble, lon 2.25–2.42, lat 48.81–48.90. */
    private static final double SEMI_AXIS_X = 5.75;
    private static final double SEMI_AXIS_Y = 4.55;
    /** Boundary curves 0 (the centre) to 3 (the city limit), as fractions of the ellipse. */
    private static final double[] CURVE_RADII = {0, 0.30, 0.64, 1.0};
    private static final double[] CURVE_WOBBLE = {0, 0.017, 0.017, 0.013};
    private static final int[] SECTORS = {4, 7, 9};
    /** Where each ring's first arrondissement starts, so that 12 lies east and 16 west, as in Paris. */
    private static final double[] START_DEGREES = {150, -40, 10};
    /** Voters per km² relative to the rest: the centre has more offices than residents. */
    private static final double[] DENSITY = {0.8, 1.1, 1.0};
    private static final double TWO_PI = 2 * Math.PI;
    private static final double GRID_STEP = Math.toRadians(2.5);
    /** Up to 18 circonscriptions, each of about this many bureaux. */
    private static final int STATIONS_PER_CIRCONSCRIPTION = 50;

    /** How big the city is. */
    record Dimensions(int stations, int iris, int meanRegistered, int minRegistered, int maxRegistered,
            double streetSpacingKm, double numberSpacingKm, int minAddresses) {}

    /** @param quarterTurn where the first of its four quartiers starts (radians) */
    record District(int number, int ring, String officialName, Geometry contourKm, Geometry contour,
            Coordinate centreKm, double quarterTurn) {

        String inseeCode() {
            return String.format(Locale.ROOT, "990%02d", number);
        }

        /** {@code 1er Ardt}, {@code 12ème Ardt}: the real file's short label. */
        String shortName() {
            return number == 1 ? "1er Ardt" : number + "ème Ardt";
        }

        String communeName() {
            return "Ville synthétique " + Ordinal.of(number) + " Arrondissement";
        }

        /** Sectors elect the council; since 2020 Paris's arrondissements 1–4 form one. */
        int sector() {
            return number <= 4 ? 1 : number;
        }
    }

    /**
     * @param index position in code order (0-based)
     * @param quartier the quartier administratif (1–80)
     * @param income the latent income surface at the bureau (0–1)
     */
    record Station(int index, StationCode code, Geometry contourKm, Geometry contour, Coordinate siteKm,
            int quartier, int circonscription, double income, double age, int registered2020,
            int registered2026) {}

    record IrisZone(String code, String name, String type, int arrondissement, Geometry contourKm,
            Geometry contour, double income, double age) {}

    final Dimensions dimensions;
    final long seed;
    final LatentField income;
    final LatentField age;
    final List<District> districts = new ArrayList<>();
    final List<Station> stations = new ArrayList<>();
    final List<IrisZone> iris = new ArrayList<>();
    final List<String> quartierNames = new ArrayList<>();

    private final double[][] wobbleAmplitude = new double[4][3];
    private final double[][] wobblePhase = new double[4][3];
    private final double[] radialPhase = new double[3];
    private final List<TreeSet<Double>> curveAngles = new ArrayList<>();

    private CityPlan(Dimensions dimensions, long seed) {
        this.dimensions = dimensions;
        this.seed = seed;
        this.income = LatentField.random(RandomStreams.of(seed, "income"), 6, 5, -0.35, 0.05, 7, 1.5);
        this.age = LatentField.random(RandomStreams.of(seed, "age"), 6, 5, -0.15, 0.0, 5, 2.0);
    }

    static CityPlan build(Dimensions dimensions, long seed) {
        CityPlan plan = new CityPlan(dimensions, seed);
        plan.layDistricts();
        plan.layStations();
        plan.layIris();
        return plan;
    }

    // ---- arrondissements: ring sectors whose shared edges use the very same vertices

    private void layDistricts() {
        SplittableRandom r = RandomStreams.of(seed, "districts");
        for (int c = 1; c <= 3; c++) {
            for (int h = 0; h < 3; h++) {
                wobbleAmplitude[c][h] = CURVE_WOBBLE[c] * r.nextDouble();
                wobblePhase[c][h] = TWO_PI * r.nextDouble();
            }
        }
        for (int ring = 0; ring < 3; ring++) {
            radialPhase[ring] = TWO_PI * r.nextDouble();
        }
        double[][] boundaries = new double[3][];
        for (int ring = 0; ring < 3; ring++) {
            int n = SECTORS[ring];
            double[] widths = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                widths[i] = RandomStreams.uniform(r, 0.75, 1.25);
                sum += widths[i];
            }
            double start = Math.toRadians(START_DEGREES[ring] + RandomStreams.uniform(r, -8, 8));
            double[] b = new double[n + 1];
            double cumulative = 0;
            for (int i = 0; i < n; i++) {
                b[i] = normalise(start - cumulative);
                cumulative += TWO_PI * widths[i] / sum;
            }
            b[n] = b[0];
            boundaries[ring] = b;
        }
        for (int c = 0; c <= 3; c++) {
            TreeSet<Double> angles = new TreeSet<>();
            List<Double> splits = new ArrayList<>();
            for (int ring = 0; ring < 3; ring++) {
                if (ring == c || ring + 1 == c) {
                    for (double a : boundaries[ring]) {
                        splits.add(a);
                    }
                }
            }
            for (double a = 0; a < TWO_PI - 1e-9; a += GRID_STEP) {
                double grid = a;
                if (splits.stream().noneMatch(s -> angularDistance(s, grid) < Math.toRadians(0.8))) {
                    angles.add(grid);
                }
            }
            angles.addAll(splits);
            curveAngles.add(angles);
        }

        List<String> names = new ArrayList<>(Names.STREET_NAMES);
        RandomStreams.shuffle(RandomStreams.of(seed, "district-names"), names);
        int number = 1;
        for (int ring = 0; ring < 3; ring++) {
            for (int i = 0; i < SECTORS[ring]; i++) {
                double from = boundaries[ring][i + 1];
                double to = boundaries[ring][i];
                Polygon contourKm = sector(ring, from, to);
                if (!contourKm.isValid()) {
                    throw new IllegalStateException("invalid arrondissement " + number);
                }
                Coordinate centre = contourKm.getInteriorPoint().getCoordinate();
                districts.add(new District(number, ring, Names.noun(names.get(number - 1)), contourKm,
                        FRAME.toWgs84(contourKm), centre, TWO_PI * r.nextDouble()));
                number++;
            }
        }
        for (int q = 0; q < 80; q++) {
            quartierNames.add(Names.districtName(names.get(20 + q)));
        }
    }

    private Polygon sector(int ring, double from, double to) {
        List<Coordinate> ringCoordinates = new ArrayList<>(arc(ring + 1, from, to));
        for (double t : new double[] {0.75, 0.5, 0.25}) {
            ringCoordinates.add(radial(ring, to, t));
        }
        if (ring == 0) {
            ringCoordinates.add(new Coordinate(0, 0));
        } else {
            List<Coordinate> inner = arc(ring, from, to);
            for (int i = inner.size() - 1; i >= 0; i--) {
                ringCoordinates.add(inner.get(i));
            }
        }
        for (double t : new double[] {0.25, 0.5, 0.75}) {
            ringCoordinates.add(radial(ring, from, t));
        }
        ringCoordinates.add(new Coordinate(ringCoordinates.get(0)));
        return Frame.KM.createPolygon(ringCoordinates.toArray(Coordinate[]::new));
    }

    /** The vertices of curve c counter-clockwise from one split angle to another, both included. */
    private List<Coordinate> arc(int c, double from, double to) {
        double end = to <= from ? to + TWO_PI : to;
        List<Double> inside = new ArrayList<>();
        for (double a : curveAngles.get(c)) {
            double unwrapped = a < from ? a + TWO_PI : a;
            if (unwrapped > from && unwrapped < end) {
                inside.add(unwrapped);
            }
        }
        inside.sort(Comparator.naturalOrder());
        List<Coordinate> out = new ArrayList<>();
        out.add(curve(c, from));
        for (double a : inside) {
            out.add(curve(c, normalise(a)));
        }
        out.add(curve(c, to));
        return out;
    }

    private Coordinate curve(int c, double theta) {
        if (c == 0) {
            return new Coordinate(0, 0);
        }
        double w = 1;
        for (int h = 0; h < 3; h++) {
            w += wobbleAmplitude[c][h] * StrictMath.sin((h + 2) * theta + wobblePhase[c][h]);
        }
        double rho = CURVE_RADII[c] * w;
        return new Coordinate(SEMI_AXIS_X * rho * StrictMath.cos(theta), SEMI_AXIS_Y * rho * StrictMath.sin(theta));
    }

    /** A point of the slightly bent edge between curves ring and ring+1 at angle alpha (0 < t < 1). */
    private Coordinate radial(int ring, double alpha, double t) {
        double theta = alpha + 0.035 * StrictMath.sin(3 * alpha + radialPhase[ring]) * StrictMath.sin(Math.PI * t);
        Coordinate in = curve(ring, theta);
        Coordinate out = curve(ring + 1, theta);
        return new Coordinate(in.x + t * (out.x - in.x), in.y + t * (out.y - in.y));
    }

    private static double normalise(double a) {
        double t = a % TWO_PI;
        return t < 0 ? t + TWO_PI : t;
    }

    private static double angularDistance(double a, double b) {
        double d = Math.abs(normalise(a - b));
        return Math.min(d, TWO_PI - d);
    }

    // ---- polling stations

    private void layStations() {
        int[] counts = perDistrict(dimensions.stations(), true, 2);
        List<Station> unnumbered = new ArrayList<>();
        for (District d : districts) {
            SplittableRandom r = RandomStreams.of(seed, "stations", d.number());
            List<Coordinate> sites = relax(d.contourKm(), spread(d.contourKm(), counts[d.number() - 1], r), 2);
            Map<Coordinate, Geometry> cells = cells(d.contourKm(), sites);
            List<Coordinate> ordered = serpentine(d.contourKm(), sites);
            for (int i = 0; i < ordered.size(); i++) {
                Coordinate site = ordered.get(i);
                Geometry cellKm = cells.get(site);
                Geometry contour = FRAME.toWgs84(cellKm);
                if (contour.isEmpty() || !contour.isValid()) {
                    throw new IllegalStateException("no valid contour for bureau " + d.number() + "-" + (i + 1));
                }
                unnumbered.add(new Station(0, new StationCode(d.number(), i + 1), cellKm, contour, site,
                        quartier(d, site), 0, income.at(site.x, site.y), age.at(site.x, site.y), 0, 0));
            }
        }
        int circonscriptions = Math.max(1, Math.min(18, unnumbered.size() / STATIONS_PER_CIRCONSCRIPTION));
        int[] registered = new int[unnumbered.size()];
        long total = 0;
        for (int i = 0; i < registered.length; i++) {
            SplittableRandom r = RandomStreams.of(seed, "registered", i);
            double v = dimensions.meanRegistered() * StrictMath.exp(0.12 * RandomStreams.gaussian(r) - 0.0072);
            registered[i] = (int) Math.round(Math.max(dimensions.minRegistered(),
                    Math.min(dimensions.maxRegistered(), v)));
            total += registered[i];
        }
        long before = 0;
        for (int i = 0; i < registered.length; i++) {
            Station s = unnumbered.get(i);
            SplittableRandom r = RandomStreams.of(seed, "registered-2020", i);
            int in2020 = (int) Math.round(registered[i] * StrictMath.exp(0.02 + 0.03 * RandomStreams.gaussian(r)));
            int circonscription = (int) Math.min(circonscriptions, 1 + before * circonscriptions / total);
            before += registered[i];
            stations.add(new Station(i, s.code(), s.contourKm(), s.contour(), s.siteKm(), s.quartier(),
                    circonscription, s.income(), s.age(), in2020, registered[i]));
        }
    }

    private int quartier(District d, Coordinate site) {
        double angle = StrictMath.atan2(site.y - d.centreKm().y, site.x - d.centreKm().x);
        int k = (int) Math.min(3, Math.floor(normalise(angle - d.quarterTurn()) / (Math.PI / 2)));
        return 4 * (d.number() - 1) + k + 1;
    }

    /** Numbers run in bands from north to south, alternately west–east and east–west, as bureaux often do. */
    private static List<Coordinate> serpentine(Geometry region, List<Coordinate> sites) {
        Envelope e = region.getEnvelopeInternal();
        double band = Math.sqrt(region.getArea() / sites.size()) * 1.2;
        List<Coordinate> out = new ArrayList<>(sites);
        out.sort(Comparator.<Coordinate>comparingInt(c -> (int) ((e.getMaxY() - c.y) / band))
                .thenComparingDouble(c -> ((int) ((e.getMaxY() - c.y) / band)) % 2 == 0 ? c.x : -c.x)
                .thenComparingDouble(c -> c.y));
        return out;
    }

    /** Splits a total between arrondissements by area (weighted by ring density when asked). */
    private int[] perDistrict(int total, boolean density, int minimum) {
        double[] weights = new double[districts.size()];
        for (District d : districts) {
            weights[d.number() - 1] = d.contourKm().getArea() * (density ? DENSITY[d.ring()] : 1);
        }
        int[] counts = RandomStreams.apportion(total, weights);
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Math.max(minimum, counts[i]);
        }
        return counts;
    }

    // ---- IRIS: another tiling of each arrondissement, which the bureaux do not follow

    private void layIris() {
        int[] counts = perDistrict(dimensions.iris(), false, 1);
        for (District d : districts) {
            SplittableRandom r = RandomStreams.of(seed, "iris", d.number());
            List<Coordinate> sites = relax(d.contourKm(), spread(d.contourKm(), counts[d.number() - 1], r), 1);
            Map<Coordinate, Geometry> cells = cells(d.contourKm(), sites);
            List<Coordinate> ordered = serpentine(d.contourKm(), sites);
            int[] sequence = new int[81];
            for (Coordinate site : ordered) {
                int q = quartier(d, site);
                int n = ++sequence[q];
                SplittableRandom t = RandomStreams.of(seed, "iris-type", d.number(), n, q);
                double u = t.nextDouble();
                String type = u < (d.ring() == 2 ? 0.08 : 0.01) ? "D" : u < 0.17 ? "A" : "H";
                Geometry cellKm = cells.get(site);
                iris.add(new IrisZone(String.format(Locale.ROOT, "%s%02d%02d", d.inseeCode(), q, n),
                        quartierNames.get(q - 1) + " " + n, type, d.number(), cellKm, FRAME.toWgs84(cellKm),
                        income.at(site.x, site.y), age.at(site.x, site.y)));
            }
        }
        iris.sort(Comparator.comparing(IrisZone::code));
    }

    // ---- geometry helpers

    /** Best-candidate sampling: points spread evenly but not on a grid. */
    private static List<Coordinate> spread(Geometry region, int n, SplittableRandom r) {
        IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(region);
        Envelope e = region.getEnvelopeInternal();
        List<Coordinate> out = new ArrayList<>();
        while (out.size() < n) {
            Coordinate best = null;
            double bestDistance = -1;
            for (int k = 0; k < 15; k++) {
                Coordinate c = randomInside(locator, e, r);
                double d = Double.MAX_VALUE;
                for (Coordinate o : out) {
                    double dx = c.x - o.x;
                    double dy = c.y - o.y;
                    d = Math.min(d, dx * dx + dy * dy);
                }
                if (d > bestDistance) {
                    best = c;
                    bestDistance = d;
                }
            }
            out.add(best);
        }
        return out;
    }

    static Coordinate randomInside(IndexedPointInAreaLocator locator, Envelope e, SplittableRandom r) {
        for (int attempt = 0; attempt < 100_000; attempt++) {
            Coordinate c = new Coordinate(RandomStreams.uniform(r, e.getMinX(), e.getMaxX()),
                    RandomStreams.uniform(r, e.getMinY(), e.getMaxY()));
            if (locator.locate(c) == Location.INTERIOR) {
                return c;
            }
        }
        throw new IllegalStateException("no point found inside " + e);
    }

    /** Lloyd's relaxation: moving each site to its cell's centre evens out cell sizes. */
    private static List<Coordinate> relax(Geometry region, List<Coordinate> sites, int iterations) {
        IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(region);
        List<Coordinate> current = sites;
        for (int i = 0; i < iterations && current.size() > 1; i++) {
            Map<Coordinate, Geometry> cells = cells(region, current);
            List<Coordinate> next = new ArrayList<>();
            for (Coordinate site : current) {
                Geometry cell = cells.get(site);
                Coordinate c = cell.getCentroid().getCoordinate();
                next.add(locator.locate(c) == Location.INTERIOR ? c : cell.getInteriorPoint().getCoordinate());
            }
            current = next;
        }
        return current;
    }

    /** The Voronoi cell of each site, clipped to the region: together they tile it. */
    static Map<Coordinate, Geometry> cells(Geometry region, List<Coordinate> sites) {
        Map<Coordinate, Geometry> out = new HashMap<>();
        if (sites.size() == 1) {
            out.put(sites.get(0), region);
            return out;
        }
        VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
        builder.setSites(sites);
        Envelope clip = new Envelope(region.getEnvelopeInternal());
        clip.expandBy(clip.getDiameter());
        builder.setClipEnvelope(clip);
        Geometry diagram = builder.getDiagram(Frame.KM);
        for (int i = 0; i < diagram.getNumGeometries(); i++) {
            Geometry cell = diagram.getGeometryN(i);
            out.put((Coordinate) cell.getUserData(), polygonal(cell.intersection(region)));
        }
        for (Coordinate site : sites) {
            if (!out.containsKey(site)) {
                throw new IllegalStateException("no Voronoi cell for site " + site);
            }
        }
        return out;
    }

    private static Geometry polygonal(Geometry g) {
        if (g instanceof Polygonal) {
            return g;
        }
        @SuppressWarnings("unchecked")
        List<Polygon> parts = PolygonExtracter.getPolygons(g);
        return parts.size() == 1 ? parts.get(0) : Frame.KM.createMultiPolygon(parts.toArray(Polygon[]::new));
    }
}
