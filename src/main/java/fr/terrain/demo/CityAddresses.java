package fr.terrain.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * The streets and numbered addresses of the synthetic city: in each arrondissement a slightly
 * skewed grid of streets that crosses bureau boundaries as real streets do, numbered from the end
 * nearest the centre, odd numbers on one side and even on the other, with some {@code bis} and
 * {@code ter}. Each address belongs to the bureau whose contour holds it, as written in the file.
 */
final class CityAddresses {
    /** Lon/lat decimals of the BAN layout (about 10 cm). */
    static final int DECIMALS = 6;
    /** Addresses keep clear of bureau boundaries (about 1 m) so that no rounding can move them across. */
    private static final double MARGIN_DEGREES = 1e-5;
    /** Addresses stand this far from the street's centre line (km). */
    private static final double SETBACK_KM = 0.009;

    record Street(int arrondissement, String voie, String type, String name) {
        String label() {
            return type + " " + name;
        }
    }

    /** @param suffix the indice de répétition as BAN writes it ({@code b}, {@code t}), or null */
    record Address(Street street, int number, String suffix, double lon, double lat, int station) {}

    final List<Address> addresses = new ArrayList<>();
    final List<List<Address>> byStation = new ArrayList<>();

    private final CityPlan plan;
    private final STRtree index = new STRtree();

    private record Located(CityPlan.Station station, PreparedGeometry contour, IndexedFacetDistance boundary) {}

    private CityAddresses(CityPlan plan) {
        this.plan = plan;
        for (CityPlan.Station s : plan.stations) {
            index.insert(s.contour().getEnvelopeInternal(), new Located(s, PreparedGeometryFactory.prepare(s.contour()),
                    new IndexedFacetDistance(s.contour().getBoundary())));
            byStation.add(new ArrayList<>());
        }
        index.build();
    }

    static CityAddresses build(CityPlan plan) {
        CityAddresses city = new CityAddresses(plan);
        for (CityPlan.District d : plan.districts) {
            city.layStreets(d);
        }
        city.addresses.sort(Comparator.<Address>comparingInt(a -> a.street().arrondissement())
                .thenComparing(a -> a.street().voie())
                .thenComparingInt(Address::number)
                .thenComparing(a -> a.suffix() == null ? "" : a.suffix()));
        // while streets were laid the lists counted addresses; now they follow the file's order
        city.byStation.forEach(List::clear);
        for (Address a : city.addresses) {
            city.byStation.get(a.station()).add(a);
        }
        for (int i = 0; i < city.byStation.size(); i++) {
            if (city.byStation.get(i).isEmpty()) {
                throw new IllegalStateException("bureau " + plan.stations.get(i).code() + " has no address");
            }
        }
        return city;
    }

    /** Per-arrondissement street naming: labels are unique within an arrondissement, voie codes too. */
    private final class Namer {
        final List<String> pool;
        final Set<String> used = new HashSet<>();
        int cursor;
        int streets;

        Namer(SplittableRandom r) {
            pool = new ArrayList<>(Names.STREET_NAMES);
            RandomStreams.shuffle(r, pool);
        }

        Street next(int arrondissement, String type) {
            for (int tries = 0; tries < pool.size(); tries++) {
                String name = pool.get(cursor++ % pool.size());
                if (used.add(type + " " + name)) {
                    return new Street(arrondissement, String.format(Locale.ROOT, "%04d", 10 * ++streets), type, name);
                }
            }
            throw new IllegalStateException("no street name left in arrondissement " + arrondissement);
        }
    }

    private void layStreets(CityPlan.District d) {
        SplittableRandom r = RandomStreams.of(plan.seed, "streets", d.number());
        Namer namer = new Namer(r.split());
        double spacing = plan.dimensions.streetSpacingKm();
        Geometry region = d.contourKm();
        Envelope e = region.getEnvelopeInternal();
        Coordinate origin = e.centre();
        double reach = StrictMath.hypot(e.getWidth(), e.getHeight()) / 2 + 0.1;
        double skew = RandomStreams.uniform(r, 0, Math.PI / 2);
        for (int family = 0; family < 2; family++) {
            double angle = skew + family * (Math.PI / 2 + RandomStreams.uniform(r, -0.2, 0.2));
            double ux = StrictMath.cos(angle);
            double uy = StrictMath.sin(angle);
            for (double offset = -reach + spacing * RandomStreams.uniform(r, 0.2, 1.0); offset < reach;
                    offset += spacing * RandomStreams.uniform(r, 0.75, 1.25)) {
                Coordinate a = new Coordinate(origin.x - uy * offset - ux * reach, origin.y + ux * offset - uy * reach);
                Coordinate b = new Coordinate(origin.x - uy * offset + ux * reach, origin.y + ux * offset + uy * reach);
                street(d, namer, r, a, b, null);
            }
        }
        // bureaux the grid barely touches get a villa, an impasse or a cité of their own
        for (CityPlan.Station s : plan.stations) {
            if (s.code().area() != d.number()) {
                continue;
            }
            IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(s.contourKm());
            for (int attempt = 0; attempt < 8 && byStation.get(s.index()).size() < plan.dimensions.minAddresses();
                    attempt++) {
                Coordinate centre = CityPlan.randomInside(locator, s.contourKm().getEnvelopeInternal(), r);
                double angle = RandomStreams.uniform(r, 0, Math.PI);
                double half = RandomStreams.uniform(r, 0.06, 0.12);
                double dx = StrictMath.cos(angle) * half;
                double dy = StrictMath.sin(angle) * half;
                Coordinate a = new Coordinate(centre.x - dx, centre.y - dy);
                Coordinate b = new Coordinate(centre.x + dx, centre.y + dy);
                street(d, namer, r, a, b, RandomStreams.pick(r, Names.SHORT_STREET_TYPES));
            }
        }
    }

    /**
     * Numbers both sides of the segment a–b where it crosses the arrondissement; a street with no
     * address left is dropped.
     */
    private void street(CityPlan.District d, Namer namer, SplittableRandom r, Coordinate a, Coordinate b,
            String shortType) {
        Geometry clipped = d.contourKm().intersection(Frame.KM.createLineString(new Coordinate[] {a, b}));
        if (clipped.isEmpty()) {
            return;
        }
        double length = a.distance(b);
        double ux = (b.x - a.x) / length;
        double uy = (b.y - a.y) / length;
        double first = Double.MAX_VALUE;
        double last = -Double.MAX_VALUE;
        for (Coordinate c : clipped.getCoordinates()) {
            double s = (c.x - a.x) * ux + (c.y - a.y) * uy;
            first = Math.min(first, s);
            last = Math.max(last, s);
        }
        // numbering starts at the end nearest the city centre
        double distanceFirst = StrictMath.hypot(a.x + ux * first, a.y + uy * first);
        double distanceLast = StrictMath.hypot(a.x + ux * last, a.y + uy * last);
        double start = distanceFirst <= distanceLast ? first : last;
        double direction = distanceFirst <= distanceLast ? 1 : -1;
        double span = last - first;
        String type = shortType != null ? shortType
                : span > 2.5 ? (r.nextDouble() < 0.5 ? "Boulevard" : "Avenue")
                : span > 1.4 ? (r.nextDouble() < 0.35 ? "Avenue" : "Rue")
                : r.nextDouble() < 0.93 ? "Rue" : (r.nextBoolean() ? "Allée" : "Passage");
        double step = plan.dimensions.numberSpacingKm() * (shortType != null ? 0.6 : 1);
        List<Address> found = new ArrayList<>();
        Street street = new Street(d.number(), "", type, "");
        for (int side = 0; side < 2; side++) {
            double normal = side == 0 ? SETBACK_KM * direction : -SETBACK_KM * direction;
            double s = start + direction * step * RandomStreams.uniform(r, 0.3, 1.0);
            for (int k = 0; (s - first) * (last - s) >= 0; k++) {
                int number = side == 0 ? 2 * k + 1 : 2 * k + 2;
                place(d, street, number, null, a, ux, uy, s, normal, found);
                if (r.nextDouble() < 0.035) {
                    place(d, street, number, "b", a, ux, uy, s + direction * step * 0.35, normal, found);
                    if (r.nextDouble() < 0.2) {
                        place(d, street, number, "t", a, ux, uy, s + direction * step * 0.6, normal, found);
                    }
                }
                s += direction * step * RandomStreams.uniform(r, 0.6, 1.4);
            }
        }
        if (found.isEmpty()) {
            return;
        }
        Street named = namer.next(d.number(), type);
        for (Address x : found) {
            Address address = new Address(named, x.number(), x.suffix(), x.lon(), x.lat(), x.station());
            addresses.add(address);
            byStation.get(address.station()).add(address);
        }
    }

    private void place(CityPlan.District d, Street street, int number, String suffix, Coordinate a, double ux,
            double uy, double s, double normal, List<Address> found) {
        double x = a.x + ux * s - uy * normal;
        double y = a.y + uy * s + ux * normal;
        double lon = CsvLine.rounded(CityPlan.FRAME.lon(x), DECIMALS);
        double lat = CsvLine.rounded(CityPlan.FRAME.lat(y), DECIMALS);
        Point p = fr.terrain.geo.GeoJsonGeometry.WGS84.createPoint(new Coordinate(lon, lat));
        for (Object item : index.query(p.getEnvelopeInternal())) {
            Located l = (Located) item;
            if (l.station().code().area() == d.number() && l.contour().containsProperly(p)
                    && !l.boundary().isWithinDistance(p, MARGIN_DEGREES)) {
                found.add(new Address(street, number, suffix, lon, lat, l.station().index()));
                return;
            }
        }
    }
}
