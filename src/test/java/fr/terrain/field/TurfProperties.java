package fr.terrain.field;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.election.StationCode;
import fr.terrain.geo.Lambert93;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * Invariants of a cut on generated neighbourhoods: a skewed grid of streets, numbered odd on one
 * side and even on the other, buildings of one to a dozen doors, a start inside or beside it.
 */
class TurfProperties {

    /** A generated neighbourhood's doors. */
    static List<Door> city(long seed, int streets, int length) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        List<Door> doors = new ArrayList<>();
        double lon0 = 2.38;
        double lat0 = 48.85;
        double angle = r.nextDouble() * Math.PI / 2;
        for (int s = 0; s < streets; s++) {
            boolean across = s % 2 == 1;
            double a = across ? angle + Math.PI / 2 : angle;
            double offset = (s / 2) * 120.0 + r.nextDouble() * 30;
            String name = (across ? "Rue Transversale " : "Rue Longue ") + s;
            for (int k = 0; k < length; k++) {
                for (int side = 0; side < 2; side++) {
                    int number = 2 * k + 1 + side;
                    double along = k * 22.0 + r.nextDouble() * 6;
                    double normal = side == 0 ? -9 : 9;
                    double x = Math.cos(a) * along - Math.sin(a) * (offset + normal);
                    double y = Math.sin(a) * along + Math.cos(a) * (offset + normal);
                    double lon = lon0 + x / (111_320 * Math.cos(Math.toRadians(lat0)));
                    double lat = lat0 + y / 110_540;
                    Address addr = new Address("99001_" + s + "_" + number, null, number, null, name, "99001", "99001",
                            "Ville", lon, lat);
                    int households = 1 + r.nextInt(r.nextDouble() < 0.2 ? 12 : 3);
                    for (int h = 0; h < households; h++) {
                        String complement = h == 0 ? null : "APT " + h;
                        doors.add(new Door(Door.id(addr, complement), addr, complement, new StationCode(1, 1 + s % 3),
                                1 + r.nextInt(3)));
                    }
                }
            }
        }
        return doors;
    }

    @Property(tries = 200)
    void everyDoorInExactlyOneTurfSizesInBoundsAndEachWalkVisitsItsDoorsOnce(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 8) int streets, @ForAll @IntRange(min = 4, max = 25) int length,
            @ForAll @IntRange(min = 10, max = 120) int target, @ForAll boolean capped, @ForAll boolean startInside) {
        List<Door> doors = city(seed, streets, length);
        Start start = startInside ? TurfCutter.centroid(doors)
                : new Start("point de rendez-vous", doors.get(0).address().lon() - 0.003, doors.get(0).address().lat());
        TurfParameters p = capped ? TurfParameters.DEFAULTS.withCap(target) : TurfParameters.DEFAULTS.withDoorsPerTurf(target);
        List<Turf> turfs = TurfCutter.cut(doors, start, p);

        assertThat(turfs).hasSize(p.turfCount(doors.size()));
        Set<String> seen = new HashSet<>();
        for (Turf t : turfs) {
            for (String id : t.doorIds()) {
                assertThat(seen.add(id)).as("door %s in one turf, once", id).isTrue();
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(doors.stream().map(Door::id).toList());
        int[] bounds = TurfCutter.bounds(doors.size(), p);
        double mean = (double) doors.size() / turfs.size();
        for (Turf t : turfs) {
            assertThat(t.doors()).as("size of turf %d (bounds %d–%d)", t.number(), bounds[0], bounds[1])
                    .isBetween(bounds[0], bounds[1]);
            if (mean * p.tolerance() >= 1) { // the issue's « ±20 % », by its own words: whole doors within it
                assertThat(Math.abs(t.doors() - mean)).as("turf %d: %d doors, mean %.2f", t.number(), t.doors(), mean)
                        .isLessThanOrEqualTo(p.tolerance() * mean + 1e-9);
            }
            assertThat(t.voters()).isEqualTo(t.walk().stream().mapToInt(Door::voters).sum());
            assertThat(t.minutes()).isGreaterThanOrEqualTo(t.doors() * p.minutesPerDoor());
        }
        assertThat(doorsInsideOthers(turfs, Untangle.MARGIN)).as("share of doors intruding on another turf's hull")
                .isLessThanOrEqualTo(MAX_INSIDE);
    }

    /**
     * Turfs do not overlap, as docs/field.md defines it: a door intrudes on another turf when it lies more
     * than {@link Untangle#MARGIN} (5 m) inside that turf's convex hull. The search ({@link RuinAndRecreate})
     * never accepts a cut with more intrusions and {@link Untangle} only removes them, but the exchange step
     * before them can add some, and a pair split anew by a line can still leave a door inside a third turf, so
     * zero is not guaranteed. On 1,500 random neighbourhoods in this property's ranges (2026-11-29): 1,498 cuts
     * without an intruding door, the worst 0.27 % of its doors; the worst a property run found, 0.4 % (city(104, 2,
     * 20), 11 doors a turf, start outside: one door of 250). Before the pair split: 294 of 300 without, the worst
     * 4.7 %, and 6.1 % on {@link #twoTurfsAtTheirSizeBoundsNoLongerOverlap}'s neighbourhood.
     */
    static final double MAX_INSIDE = 0.01;

    /**
     * The counterexample a random run found on 2026-11-29 (the bound was then 3 %): 214 doors, two turfs of 128 and
     * 86 (bounds 85–129) from a start outside, 13 doors inside the other's hull; at their size bounds neither could
     * give the other a stop. Split anew by a line, they share none (and walk 2,411 m instead of 2,439).
     */
    @Example
    void twoTurfsAtTheirSizeBoundsNoLongerOverlap() {
        List<Door> doors = city(5, 6, 6);
        Start start = new Start("point de rendez-vous", doors.get(0).address().lon() - 0.003, doors.get(0).address().lat());
        List<Turf> turfs = TurfCutter.cut(doors, start, TurfParameters.DEFAULTS.withDoorsPerTurf(86));

        assertThat(turfs).hasSize(2);
        assertThat(doorsInsideOthers(turfs, Untangle.MARGIN)).isZero();
    }

    /**
     * Cuts a random run could leave with intruding doors (2026-11-30, 4,000 neighbourhoods of 6–8 streets of 18–25
     * buildings) that {@link Untangle}'s chains now clear: a stop of a turf at its lower bound lying inside
     * another turf could neither move into it nor be traded. Before: 6 doors of 968 and 6 of 886 (now its turf
     * takes a stop of a third turf), 5 of 1,211 (the turf it moves into was also full: it hands one on).
     */
    @Example
    void stopsBetweenTurfsAtTheirBoundsMoveThroughAThirdTurf() {
        record Case(long seed, int streets, int length, int doorsPerTurf, boolean startInside) {}
        for (Case c : List.of(new Case(8168084075858282296L, 7, 25, 55, true), new Case(5104412085068256931L, 7, 22, 111, false),
                new Case(5447102545756824244L, 8, 25, 90, false))) {
            List<Door> doors = city(c.seed(), c.streets(), c.length());
            Start start = c.startInside() ? TurfCutter.centroid(doors)
                    : new Start("point de rendez-vous", doors.get(0).address().lon() - 0.003, doors.get(0).address().lat());
            List<Turf> turfs = TurfCutter.cut(doors, start, TurfParameters.DEFAULTS.withDoorsPerTurf(c.doorsPerTurf()));

            assertThat(doorsInsideOthers(turfs, Untangle.MARGIN)).as("%s", c).isZero();
        }
    }

    /** Share of doors that lie strictly inside the convex hull of another turf. */
    static double doorsInsideOthers(List<Turf> turfs) {
        return doorsInsideOthers(turfs, 1);
    }

    /** Share of doors that lie more than {@code margin} metres inside the convex hull of another turf. */
    static double doorsInsideOthers(List<Turf> turfs, double margin) {
        List<Geometry> hulls = hulls(turfs);
        int inside = 0;
        int all = 0;
        for (int i = 0; i < turfs.size(); i++) {
            for (Door d : turfs.get(i).walk()) {
                all++;
                double[] xy = Lambert93.project(d.address().lon(), d.address().lat());
                var point = Lambert93.FACTORY.createPoint(new Coordinate(xy[0], xy[1]));
                for (int j = 0; j < hulls.size(); j++) {
                    if (j != i && hulls.get(j).getArea() > 1 && hulls.get(j).buffer(-margin).contains(point)) {
                        inside++;
                        break;
                    }
                }
            }
        }
        return all == 0 ? 0 : (double) inside / all;
    }

    static List<Geometry> hulls(List<Turf> turfs) {
        List<Geometry> hulls = new ArrayList<>();
        for (Turf t : turfs) {
            List<Coordinate> points = new ArrayList<>();
            for (Door d : t.walk()) {
                double[] xy = Lambert93.project(d.address().lon(), d.address().lat());
                points.add(new Coordinate(xy[0], xy[1]));
            }
            hulls.add(Lambert93.FACTORY.createMultiPointFromCoords(points.toArray(Coordinate[]::new)).convexHull());
        }
        return hulls;
    }

    static double overlap(List<Turf> turfs) {
        List<Geometry> hulls = new ArrayList<>();
        for (Turf t : turfs) {
            List<Coordinate> points = new ArrayList<>();
            for (Door d : t.walk()) {
                double[] xy = Lambert93.project(d.address().lon(), d.address().lat());
                points.add(new Coordinate(xy[0], xy[1]));
            }
            hulls.add(Lambert93.FACTORY.createMultiPointFromCoords(points.toArray(Coordinate[]::new)).convexHull());
        }
        double worst = 0;
        for (int i = 0; i < hulls.size(); i++) {
            for (int j = i + 1; j < hulls.size(); j++) {
                double smaller = Math.min(hulls.get(i).getArea(), hulls.get(j).getArea());
                if (smaller <= 1) {
                    continue;
                }
                worst = Math.max(worst, hulls.get(i).intersection(hulls.get(j)).getArea() / smaller);
            }
        }
        return worst;
    }
}
