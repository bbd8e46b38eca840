package fr.terrain.election.simulation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The model's two deviations fitted from how far results moved between two past rounds 1 counted
 * on the same sectors, camp by camp. With each change scaled as the model scales it
 * ({@code (p₂ − p₁) / sqrt(4·p̄·(1−p̄))}), the swing is the root mean square of the camps'
 * city-wide changes and the sector noise the root mean square of what each sector's change adds
 * to its camp's city-wide change. Only camps with at least {@value #MIN_SHARE_PERCENT} % of the
 * exprimés in both rounds count; at least two camps and three sectors are needed.
 */
public final class SpreadFit {
    static final double MIN_SHARE_PERCENT = 2;

    private SpreadFit() {}

    /** Fitted deviations, in points at 50 %, with what they rest on. */
    public record Spread(double swing, double sectorNoise, int camps, int sectors) {}

    public static Optional<Spread> fit(List<SectorCount> before, List<SectorCount> after) {
        Map<String, SectorCount> earlier = new HashMap<>();
        before.forEach(s -> earlier.put(s.sector().name(), s));
        List<SectorCount[]> pairs = after.stream().filter(s -> earlier.containsKey(s.sector().name()))
                .map(s -> new SectorCount[] {earlier.get(s.sector().name()), s}).toList();
        if (pairs.size() < 3) {
            return Optional.empty();
        }
        Map<String, double[]> city = new HashMap<>(); // camp → votes before, exprimés before, votes after, exprimés after
        long expressedBefore = 0;
        long expressedAfter = 0;
        for (SectorCount[] p : pairs) {
            expressedBefore += p[0].expressed();
            expressedAfter += p[1].expressed();
            p[0].lists().forEach(l -> city.computeIfAbsent(l.camp(), k -> new double[2])[0] += l.votes());
            p[1].lists().forEach(l -> city.computeIfAbsent(l.camp(), k -> new double[2])[1] += l.votes());
        }
        Map<String, Double> cityChange = new HashMap<>();
        for (Map.Entry<String, double[]> e : city.entrySet()) {
            double p1 = e.getValue()[0] / expressedBefore;
            double p2 = e.getValue()[1] / expressedAfter;
            if (p1 * 100 >= MIN_SHARE_PERCENT && p2 * 100 >= MIN_SHARE_PERCENT) {
                cityChange.put(e.getKey(), scaled(p1, p2));
            }
        }
        if (cityChange.size() < 2) {
            return Optional.empty();
        }
        double swing = 0;
        for (double z : cityChange.values()) {
            swing += z * z;
        }
        swing = Math.sqrt(swing / cityChange.size());
        double noise = 0;
        int n = 0;
        Set<String> sectors = new HashSet<>();
        for (SectorCount[] p : pairs) {
            for (Map.Entry<String, Double> e : cityChange.entrySet()) {
                double p1 = p[0].share(e.getKey());
                double p2 = p[1].share(e.getKey());
                if (p1 > 0 && p2 > 0) {
                    double r = scaled(p1, p2) - e.getValue();
                    noise += r * r;
                    n++;
                    sectors.add(p[1].sector().name());
                }
            }
        }
        if (sectors.size() < 3) {
            return Optional.empty();
        }
        return Optional.of(new Spread(round(100 * swing), round(100 * Math.sqrt(noise / n)), cityChange.size(),
                sectors.size()));
    }

    private static double scaled(double p1, double p2) {
        double mean = (p1 + p2) / 2;
        return (p2 - p1) / Math.sqrt(4 * mean * (1 - mean));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
