package fr.terrain.field;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The organizer's "Suggérer" button: for each turf nobody walks yet, a volunteer of its sector who
 * can walk it, preferring the one who lives nearest its start and who holds fewest turfs.
 *
 * <p>A volunteer can take a turf when the turf's arrondissement is one of theirs, when one of
 * their weekly slots is long enough to walk it in one go, and when their weekly time still covers
 * it on top of what they already hold (suggestions included). Among those, the cost of giving the
 * turf to a volunteer is the distance from their home point to the turf's start, plus
 * {@link #METRES_PER_TURF_HELD} for each turf they already hold: two turfs held weigh like a
 * volunteer three kilometres further away, so the nearest gets the work until the load tips it
 * elsewhere. A volunteer without a home point counts {@link #UNKNOWN_HOME_METRES} away (a typical
 * distance within an arrondissement), neither first nor last.
 *
 * <p>Turfs with the fewest possible volunteers are served first, so that a scarce volunteer is not
 * spent on a turf others could have taken. Every turf that gets no suggestion has, at the end, no
 * volunteer left who could take it. Ties go to the smaller ids: the result is deterministic.
 */
public final class Suggestions {
    /** What one more turf held weighs against distance, in metres. */
    public static final double METRES_PER_TURF_HELD = 1_500;
    /** The distance counted for a volunteer who gave no home point. */
    public static final double UNKNOWN_HOME_METRES = 2_000;
    private static final double EARTH_RADIUS_METRES = 6_371_008.8;

    /** A turf without a canvasser: where it starts and how long it takes. */
    public record OpenTurf(long id, int arrondissement, double lon, double lat, double minutes) {
        public OpenTurf {
            if (!(minutes >= 0) || !Double.isFinite(minutes)) {
                throw new IllegalArgumentException("durée de tournée invalide : " + minutes);
            }
        }
    }

    /** A point (longitude, latitude in degrees WGS 84). */
    public record Point(double lon, double lat) {
        public Point {
            if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
                throw new IllegalArgumentException("point hors limites : " + lon + ", " + lat);
            }
        }
    }

    /**
     * A volunteer who could be given turfs.
     *
     * @param sectors the arrondissements they canvass
     * @param turfsHeld turfs already assigned to them
     * @param minutesHeld the minutes of those turfs
     */
    public record Volunteer(long userId, Set<Integer> sectors, Optional<Point> home, List<WeeklySlot> slots,
            int turfsHeld, double minutesHeld) {
        public Volunteer {
            sectors = Set.copyOf(sectors);
            Objects.requireNonNull(home, "home");
            slots = List.copyOf(slots);
            if (turfsHeld < 0 || !(minutesHeld >= 0)) {
                throw new IllegalArgumentException("charge négative : " + turfsHeld + " tournées, " + minutesHeld + " min");
            }
        }

        public double weeklyMinutes() {
            return slots.stream().mapToDouble(WeeklySlot::minutes).sum();
        }

        public double longestSlotMinutes() {
            return slots.stream().mapToDouble(WeeklySlot::minutes).max().orElse(0);
        }
    }

    /**
     * One suggestion: give this turf to this volunteer.
     *
     * @param distanceMetres from the volunteer's home to the turf's start; empty without a home point
     */
    public record Suggestion(long turfId, long userId, OptionalDouble distanceMetres) {}

    private Suggestions() {}

    /** One suggestion per turf that some volunteer can take, in turf id order. */
    public static List<Suggestion> suggest(List<OpenTurf> turfs, List<Volunteer> volunteers) {
        Map<Long, Integer> held = new HashMap<>();
        Map<Long, Double> minutes = new HashMap<>();
        for (Volunteer v : volunteers) {
            held.put(v.userId(), v.turfsHeld());
            minutes.put(v.userId(), v.minutesHeld());
        }
        List<OpenTurf> order = new ArrayList<>(turfs);
        order.sort(Comparator.comparingLong((OpenTurf t) -> volunteers.stream()
                .filter(v -> canTake(v, t, minutes.get(v.userId()))).count()).thenComparingLong(OpenTurf::id));
        List<Suggestion> out = new ArrayList<>();
        for (OpenTurf t : order) {
            Volunteer best = null;
            double bestCost = Double.POSITIVE_INFINITY;
            for (Volunteer v : volunteers) {
                if (!canTake(v, t, minutes.get(v.userId()))) {
                    continue;
                }
                double cost = v.home().map(h -> metres(h, t)).orElse(UNKNOWN_HOME_METRES)
                        + METRES_PER_TURF_HELD * held.get(v.userId());
                if (cost < bestCost || cost == bestCost && v.userId() < best.userId()) {
                    best = v;
                    bestCost = cost;
                }
            }
            if (best != null) {
                held.merge(best.userId(), 1, Integer::sum);
                minutes.merge(best.userId(), t.minutes(), Double::sum);
                out.add(new Suggestion(t.id(), best.userId(), best.home().map(h -> OptionalDouble.of(metres(h, t)))
                        .orElse(OptionalDouble.empty())));
            }
        }
        out.sort(Comparator.comparingLong(Suggestion::turfId));
        return out;
    }

    /** Whether the volunteer, already holding {@code minutesHeld}, can take the turf. */
    public static boolean canTake(Volunteer v, OpenTurf t, double minutesHeld) {
        return v.sectors().contains(t.arrondissement()) && v.longestSlotMinutes() >= t.minutes()
                && v.weeklyMinutes() >= minutesHeld + t.minutes();
    }

    /** Great-circle distance from the point to the turf's start, in metres. */
    public static double metres(Point from, OpenTurf to) {
        double phi1 = Math.toRadians(from.lat());
        double phi2 = Math.toRadians(to.lat());
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(to.lon() - from.lon());
        double a = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
