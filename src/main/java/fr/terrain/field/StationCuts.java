package fr.terrain.field;

import fr.terrain.election.StationCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The turfs of several stations, as {@code terrain turfs} and the page « Découper des tournées » cut
 * them: each station from its own start (its polling place, else the centre of its doors), or all the
 * stations' doors together from one meeting point; the turfs numbered 1, 2… in the stations' order.
 */
public final class StationCuts {
    private StationCuts() {}

    /**
     * @param doors each station's doors, in the order the turfs are numbered (a station without doors is skipped)
     * @param starts each station's polling place, when known
     * @param meetingPoint when present, every door is cut together from it and {@code starts} is not used
     * @param minutesPerTurf when present, the turfs' target duration (walk and doors) instead of
     *     {@code p.doorsPerTurf()}
     */
    public static List<Turf> cut(Map<StationCode, List<Door>> doors, Map<StationCode, Start> starts,
            Optional<Start> meetingPoint, TurfParameters p, OptionalDouble minutesPerTurf) {
        List<Turf> turfs = new ArrayList<>();
        if (meetingPoint.isPresent()) {
            checkMeetingPoint(doors, meetingPoint.get());
            List<Door> all = doors.values().stream().flatMap(List::stream).toList();
            turfs.addAll(cut(all, meetingPoint.get(), p, minutesPerTurf));
        } else {
            doors.forEach((station, list) -> {
                if (!list.isEmpty()) {
                    Start start = starts.containsKey(station) ? starts.get(station) : TurfCutter.centroid(list);
                    turfs.addAll(cut(list, start, p, minutesPerTurf));
                }
            });
        }
        List<Turf> numbered = new ArrayList<>();
        for (Turf t : turfs) {
            numbered.add(new Turf(numbered.size() + 1, t.stations(), t.walk(), t.voters(), t.walkingMetres(), t.minutes(),
                    t.start()));
        }
        return numbered;
    }

    /** How far a meeting point may lie from the centre of the doors it serves: a walk there and back is then hours. */
    public static final double MAX_MEETING_KM = 10;

    /**
     * Refuses a meeting point farther than {@link #MAX_MEETING_KM} from the doors' centre: most often longitude and
     * latitude swapped (a map copies « 48.86, 2.39 »), which would cut walks of thousands of kilometres.
     */
    public static void checkMeetingPoint(Map<StationCode, List<Door>> doors, Start point) {
        List<Door> all = doors.values().stream().flatMap(List::stream).toList();
        if (all.isEmpty()) {
            return;
        }
        Start centre = TurfCutter.centroid(all);
        double km = kmFromCentre(all, point);
        if (km > MAX_MEETING_KM) {
            throw new IllegalArgumentException(String.format(java.util.Locale.FRANCE, "le point (%.5f, %.5f) est à %,.0f km"
                    + " des portes (centre %.5f, %.5f) : longitude et latitude inversées ?", point.lon(), point.lat(), km,
                    centre.lon(), centre.lat()));
        }
    }

    /** Beyond this distance from the doors' centre, a meeting point is worth a warning: the walk there and back is long. */
    public static final double FAR_MEETING_KM = 1;

    /**
     * A warning, in French, when a meeting point lies more than {@link #FAR_MEETING_KM} from the doors' centre: every
     * turf walks from it and back, so turfs cut to a duration run over it (a point 3 km away adds over an hour to each).
     */
    public static Optional<String> meetingPointWarning(Map<StationCode, List<Door>> doors, Start point, TurfParameters p) {
        List<Door> all = doors.values().stream().flatMap(List::stream).toList();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        double km = kmFromCentre(all, point);
        if (km <= FAR_MEETING_KM) {
            return Optional.empty();
        }
        return Optional.of(String.format(java.util.Locale.FRANCE, "le point de rendez-vous est à %.1f km du centre des"
                + " portes : chaque tournée en part et y revient à pied, de l'ordre de %.0f min aller-retour en plus de ses"
                + " portes ; un point plus proche des bureaux donne des tournées plus courtes", km,
                2 * km * 1000 / p.metresPerMinute()));
    }

    /** As the crow flies, in km (equirectangular: a few km in one city). */
    private static double kmFromCentre(List<Door> doors, Start point) {
        Start centre = TurfCutter.centroid(doors);
        return Math.hypot((point.lon() - centre.lon()) * Math.cos(Math.toRadians(centre.lat())), point.lat() - centre.lat())
                * 111.2;
    }

    /** One start's doors, by doors per turf or, given {@code minutesPerTurf}, by duration. */
    public static List<Turf> cut(List<Door> doors, Start start, TurfParameters p, OptionalDouble minutesPerTurf) {
        if (minutesPerTurf.isEmpty() || doors.isEmpty()) {
            return TurfCutter.cut(doors, start, p);
        }
        double minutes = minutesPerTurf.getAsDouble();
        // minutes include the walk, which depends on the cut: cut once, measure walking per door, cut again
        int guess = Math.max(1, (int) Math.round(minutes / (p.minutesPerDoor() + 0.25)));
        List<Turf> first = TurfCutter.cut(doors, start, p.withDoorsPerTurf(guess));
        double walkPerDoor = first.stream().mapToDouble(t -> t.walkingMetres() / p.metresPerMinute()).sum() / doors.size();
        int doorsPerTurf = Math.max(1, (int) Math.round(minutes / (p.minutesPerDoor() + walkPerDoor)));
        return TurfCutter.cut(doors, start, p.withDoorsPerTurf(doorsPerTurf));
    }
}
