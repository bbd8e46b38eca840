package fr.terrain.targeting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Allocation of volunteer hours with diminishing returns.
 *
 * <p>Each station is a reservoir of doors: {@code doors = registered / registeredPerDoor}. Knocks
 * land on doors not yet knocked in proportion to what is left, so after h hours the expected gain
 * is {@code G(h) = v · C · (1 − e^(−h/C))}, where {@code v} is the score (net votes per hour at the
 * first hour) and {@code C = doors / doorsPerHour} the hours it would take to knock every door once.
 * G is increasing and concave, and its marginal value {@code v · e^(−h/C)} falls as the reservoir
 * depletes. For a sum of separable concave gains, giving each next step of hours to the station
 * whose next step gains most (greedy marginal allocation) is optimal up to the step size; ceilings
 * per sector only remove stations from the queue, which keeps it optimal for the capped problem;
 * they bind fixed hours per sector too.
 */
public final class Allocation {
    private Allocation() {}

    /** One station's reservoir: score in votes per hour at the start, capacity C in hours. */
    public record Reservoir(String sector, double score, double capacityHours) {
        public Reservoir {
            if (!(score >= 0) || !Double.isFinite(score)) {
                throw new IllegalArgumentException("score négatif ou non fini : " + score);
            }
            if (!(capacityHours >= 0) || !Double.isFinite(capacityHours)) {
                throw new IllegalArgumentException("capacité négative : " + capacityHours);
            }
        }

        /** Expected net votes after h hours. */
        public double gain(double h) {
            if (capacityHours == 0) {
                return 0;
            }
            return score * capacityHours * -Math.expm1(-h / capacityHours);
        }

        /** Expected net votes of one more hour after h hours (the derivative of {@link #gain}). */
        public double marginal(double h) {
            return capacityHours == 0 ? 0 : score * Math.exp(-h / capacityHours);
        }
    }

    /** Hours per reservoir, in the order given; their sum is the budget unless every sector hits its ceiling. */
    public static double[] allocate(List<Reservoir> reservoirs, Budget budget, double step) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("pas d'allocation ≤ 0");
        }
        double[] hours = new double[reservoirs.size()];
        if (budget.perSector().isEmpty()) {
            greedy(reservoirs, allIndexes(reservoirs), budget.total(), budget.sectorCaps(), step, hours);
        } else {
            Map<String, List<Integer>> bySector = new HashMap<>();
            for (int i = 0; i < reservoirs.size(); i++) {
                bySector.computeIfAbsent(reservoirs.get(i).sector(), k -> new ArrayList<>()).add(i);
            }
            // a ceiling given with fixed sector hours still binds: the hours over it stay unallocated
            budget.perSector().forEach((sector, h) ->
                    greedy(reservoirs, bySector.getOrDefault(sector, List.of()), h, budget.sectorCaps(), step, hours));
        }
        return hours;
    }

    private static List<Integer> allIndexes(List<Reservoir> reservoirs) {
        List<Integer> out = new ArrayList<>(reservoirs.size());
        for (int i = 0; i < reservoirs.size(); i++) {
            out.add(i);
        }
        return out;
    }

    private record Candidate(int index, double value) {}

    private static void greedy(List<Reservoir> reservoirs, List<Integer> indexes, double total, Map<String, Double> caps,
            double step, double[] hours) {
        if (indexes.isEmpty() || total <= 0) {
            return;
        }
        Map<String, Double> used = new HashMap<>();
        PriorityQueue<Candidate> queue = new PriorityQueue<>((a, b) -> a.value != b.value
                ? Double.compare(b.value, a.value) : Integer.compare(a.index, b.index));
        for (int i : indexes) {
            Reservoir r = reservoirs.get(i);
            queue.add(new Candidate(i, r.gain(step)));
        }
        double left = total;
        while (left > 1e-12 && !queue.isEmpty()) {
            Candidate c = queue.poll();
            Reservoir r = reservoirs.get(c.index);
            double room = caps.containsKey(r.sector()) ? caps.get(r.sector()) - used.getOrDefault(r.sector(), 0.0)
                    : Double.POSITIVE_INFINITY;
            if (room <= 1e-12) {
                continue; // the sector is full: its stations leave the queue
            }
            double h = Math.min(Math.min(step, left), room);
            hours[c.index] += h;
            left -= h;
            used.merge(r.sector(), h, Double::sum);
            double at = hours[c.index];
            queue.add(new Candidate(c.index, r.gain(at + step) - r.gain(at)));
        }
    }
}
