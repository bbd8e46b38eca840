package fr.terrain.territory;

import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import fr.terrain.election.StationResult;
import fr.terrain.geo.Crosswalk;
import fr.terrain.geo.Lambert93;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.locationtech.jts.geom.Geometry;

/**
 * Results of one polling-station vintage carried onto another (2012 → 2020 → 2024) by area, so
 * that elections held on different boundaries can be drawn on one map. Counts are split by
 * {@code area(from ∩ to) / area(from)} (voters spread uniformly over a station); rates are
 * recomputed from the carried counts. Stations of both vintages tile the same city, so a station
 * covered at least {@value IrisToStations#RESCALE_ABOVE} is rescaled to give all its votes away.
 */
public final class StationCrosswalk {
    private final Crosswalk<StationCode, StationCode> crosswalk;
    private final List<StationCode> fromWithoutContour;
    private final List<StationCode> toWithoutContour;

    private StationCrosswalk(Crosswalk<StationCode, StationCode> crosswalk, List<StationCode> fromWithoutContour,
            List<StationCode> toWithoutContour) {
        this.crosswalk = crosswalk;
        this.fromWithoutContour = List.copyOf(fromWithoutContour);
        this.toWithoutContour = List.copyOf(toWithoutContour);
    }

    /**
     * Counts carried onto one target station (fractional: a share of several source stations).
     *
     * @param listVotes list or candidate label → votes
     * @param coveredShare part of the target's area covered by source stations that have a result
     *     (1 = complete; less means the figures are a lower bound)
     */
    public record InterpolatedCount(double registered, double voters, double expressed, Map<String, Double> listVotes,
            double coveredShare) {
        public InterpolatedCount {
            listVotes = Collections.unmodifiableMap(new LinkedHashMap<>(listVotes));
        }

        /** Votants / inscrits, NaN without registered voters. */
        public double turnout() {
            return registered > 0 ? voters / registered : Double.NaN;
        }

        /** A list's votes / suffrages exprimés, NaN without expressed votes. */
        public double share(String list) {
            return expressed > 0 ? listVotes.getOrDefault(list, 0.0) / expressed : Double.NaN;
        }
    }

    /** The overlaps between two vintages; stations without contour are kept aside and reported. */
    public static StationCrosswalk between(List<PollingStation> from, List<PollingStation> to) {
        List<StationCode> fromMissing = new ArrayList<>();
        List<StationCode> toMissing = new ArrayList<>();
        Map<StationCode, Geometry> sources = zones(from, fromMissing);
        Map<StationCode, Geometry> targets = zones(to, toMissing);
        return new StationCrosswalk(Crosswalk.byArea(sources, targets).rescaledAbove(IrisToStations.RESCALE_ABOVE),
                fromMissing, toMissing);
    }

    /**
     * The same onto stations known by their contour only (WGS84, code → polygon), such as a derived table's that is
     * read but never imported.
     */
    public static StationCrosswalk between(List<PollingStation> from, Map<StationCode, Geometry> to) {
        List<StationCode> fromMissing = new ArrayList<>();
        Map<StationCode, Geometry> targets = new LinkedHashMap<>();
        to.forEach((code, contour) -> targets.put(code, Lambert93.project(contour)));
        return new StationCrosswalk(Crosswalk.byArea(zones(from, fromMissing), targets)
                .rescaledAbove(IrisToStations.RESCALE_ABOVE), fromMissing, List.of());
    }

    private static Map<StationCode, Geometry> zones(List<PollingStation> stations, List<StationCode> withoutContour) {
        Map<StationCode, Geometry> out = new LinkedHashMap<>();
        for (PollingStation s : stations) {
            if (s.contour() == null) {
                withoutContour.add(s.code());
            } else if (out.put(s.code(), Lambert93.project(s.contour())) != null) {
                throw new IllegalArgumentException("bureau " + s.code() + " donné deux fois");
            }
        }
        return out;
    }

    /**
     * Target code → carried counts, for every target that some source station with a result
     * overlaps. Results of stations without contour in the source vintage are not carried:
     * {@link #notCarried(List)} lists them.
     */
    public Map<StationCode, InterpolatedCount> apply(List<StationResult> results) {
        Map<StationCode, StationResult> bySource = new HashMap<>();
        for (StationResult r : results) {
            if (bySource.put(r.station(), r) != null) {
                throw new IllegalArgumentException("deux résultats pour le bureau " + r.station());
            }
        }
        Map<StationCode, InterpolatedCount> out = new TreeMap<>();
        for (StationCode target : crosswalk.targets()) {
            double registered = 0;
            double voters = 0;
            double expressed = 0;
            double coveredArea = 0;
            Map<String, Double> lists = new LinkedHashMap<>();
            boolean any = false;
            for (Crosswalk.Overlap<StationCode, StationCode> o : crosswalk.overlapsOfTarget(target)) {
                StationResult r = bySource.get(o.source());
                if (r == null) {
                    continue;
                }
                any = true;
                double w = o.share();
                registered += r.registered() * w;
                voters += r.voters() * w;
                expressed += r.expressed() * w;
                coveredArea += o.area();
                for (StationResult.ListVotes v : r.votes()) {
                    lists.merge(v.list().label(), v.votes() * w, Double::sum);
                }
            }
            if (any) {
                double area = crosswalk.targetArea(target);
                out.put(target, new InterpolatedCount(registered, voters, expressed, lists,
                        area > 0 ? Math.min(1, coveredArea / area) : 0));
            }
        }
        return out;
    }

    /** Results that {@link #apply(List)} cannot carry: their station has no contour or overlaps no target. */
    public List<StationCode> notCarried(List<StationResult> results) {
        TreeSet<StationCode> out = new TreeSet<>();
        for (StationResult r : results) {
            if (crosswalk.overlapsOfSource(r.station()).isEmpty()) {
                out.add(r.station());
            }
        }
        return List.copyOf(out);
    }

    /** The underlying overlaps and their reports (partly covered stations, stations without overlap). */
    public Crosswalk<StationCode, StationCode> crosswalk() {
        return crosswalk;
    }

    public List<StationCode> sourcesWithoutContour() {
        return fromWithoutContour;
    }

    public List<StationCode> targetsWithoutContour() {
        return toWithoutContour;
    }

    @Override
    public String toString() {
        return "StationCrosswalk[" + crosswalk.sources().size() + " → " + crosswalk.targets().size() + " bureaux]";
    }
}
