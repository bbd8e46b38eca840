package fr.terrain.mail.tracking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * When to send to a segment, learnt from its past campaigns: a hierarchical Beta-Binomial model
 * over send slots (hours of the day, Paris time).
 * <p>
 * Slot {@code s} was used for {@code n_s} messages of which {@code y_s} got the response (an open,
 * or a click). Each slot has its own rate {@code p_s ~ Beta(μκ, (1−μ)κ)}, and {@code y_s ~
 * Binomial(n_s, p_s)}. The shared mean μ and the concentration κ are learnt too (flat prior on μ,
 * flat on log κ between 1 and 10⁵, on a 100 × 50 grid, even in logit μ and in log κ, exactly integrated): a slot with few
 * messages is pulled towards the other slots (partial pooling), a slot with many speaks for itself,
 * and slots that all look alike pull each other strongly (large κ). The posterior is then drawn
 * (4,000 draws, seeded so that a page shows the same figures twice): each slot's rate with its 95 %
 * credible interval and its probability of being the best slot.
 * <p>
 * The recommendation is the tried slot with the highest posterior mean (an untried hour is never
 * recommended: that would be exploring, which the operator decides); it is compared with the
 * current habit, the slot used for most messages so far: the expected gain in rate, its 95 %
 * interval, and the probability that the recommended slot is really better.
 */
public final class SendTimeModel {
    private static final int MU_GRID = 100;
    private static final double MU_EDGE = 1e-4;
    private static final int KAPPA_GRID = 50;
    private static final double KAPPA_MAX = 1e5;
    private static final int DRAWS = 4000;

    /** What a slot saw over past campaigns: messages sent then, and how many got the response. */
    public record SlotCounts(int slot, long sent, long responded) {
        public SlotCounts {
            if (slot < 0 || sent < 0 || responded < 0 || responded > sent) {
                throw new IllegalArgumentException("créneau incohérent : " + slot + ", " + responded + "/" + sent);
            }
        }
    }

    /** A slot's posterior: its rate (mean, 95 % credible interval) and the probability it is the best. */
    public record SlotEstimate(int slot, long sent, long responded, Interval rate, double probabilityBest) {}

    /**
     * The model's answer. {@code gain} is the recommended slot's rate minus the habit's, with its
     * 95 % credible interval, and {@code probabilityBetter} the posterior probability that it is positive
     * (both 0 when the recommendation is the habit).
     */
    public record Recommendation(List<SlotEstimate> slots, int recommended, int habit, Interval gain,
            double probabilityBetter, double baseRate, double pooling) {
        public SlotEstimate slot(int s) {
            return slots.get(s);
        }
    }

    private SendTimeModel() {}

    /** The posterior over {@code slotCount} slots from these counts (several entries for one slot add up). */
    public static Recommendation fit(int slotCount, List<SlotCounts> counts, long seed) {
        long[] n = new long[slotCount];
        long[] y = new long[slotCount];
        for (SlotCounts c : counts) {
            if (c.slot() >= slotCount) {
                throw new IllegalArgumentException("créneau hors bornes : " + c.slot());
            }
            n[c.slot()] += c.sent();
            y[c.slot()] += c.responded();
        }
        int habit = -1;
        for (int s = 0; s < slotCount; s++) {
            if (n[s] > 0 && (habit < 0 || n[s] > n[habit])) {
                habit = s;
            }
        }
        if (habit < 0) {
            throw new IllegalArgumentException("aucun envoi passé : pas de recommandation possible");
        }
        double[] mus = new double[MU_GRID];
        double[] kappas = new double[KAPPA_GRID];
        // μ on a grid even in logit(μ), from 10⁻⁴ to 1 − 10⁻⁴, each point weighted by dμ = μ(1 − μ) dlogit so that the
        // prior stays flat on μ: an even grid in μ (steps of 0.01) put click rates of about 1 % between its points,
        // and pooling then pulled every hour towards 1.5 % — an hour without a click came out best
        double[] logPriorMu = new double[MU_GRID];
        double edge = Math.log((1 - MU_EDGE) / MU_EDGE);
        for (int i = 0; i < MU_GRID; i++) {
            double z = edge * (2 * (i + 0.5) / MU_GRID - 1);
            mus[i] = 1 / (1 + Math.exp(-z));
            logPriorMu[i] = Math.log(mus[i] * (1 - mus[i]));
        }
        for (int j = 0; j < KAPPA_GRID; j++) {
            kappas[j] = Math.exp(Math.log(KAPPA_MAX) * j / (KAPPA_GRID - 1));
        }
        double[] logW = new double[MU_GRID * KAPPA_GRID];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < MU_GRID; i++) {
            for (int j = 0; j < KAPPA_GRID; j++) {
                double a = mus[i] * kappas[j];
                double b = (1 - mus[i]) * kappas[j];
                double l = logPriorMu[i];
                double prior = Distributions.logBeta(a, b);
                for (int s = 0; s < slotCount; s++) {
                    if (n[s] > 0) {
                        l += Distributions.logBeta(a + y[s], b + n[s] - y[s]) - prior;
                    }
                }
                logW[i * KAPPA_GRID + j] = l;
                max = Math.max(max, l);
            }
        }
        double[] cumulative = new double[logW.length];
        double total = 0;
        double meanMu = 0;
        double meanLogKappa = 0;
        for (int k = 0; k < logW.length; k++) {
            double w = Math.exp(logW[k] - max);
            total += w;
            cumulative[k] = total;
            meanMu += w * mus[k / KAPPA_GRID];
            meanLogKappa += w * Math.log(kappas[k % KAPPA_GRID]);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] draws = new double[slotCount][DRAWS];
        int[] best = new int[slotCount];
        for (int d = 0; d < DRAWS; d++) {
            int k = Arrays.binarySearch(cumulative, random.nextDouble() * total);
            k = k < 0 ? Math.min(-k - 1, cumulative.length - 1) : k;
            double a = mus[k / KAPPA_GRID] * kappas[k % KAPPA_GRID];
            double b = (1 - mus[k / KAPPA_GRID]) * kappas[k % KAPPA_GRID];
            int argmax = 0;
            for (int s = 0; s < slotCount; s++) {
                draws[s][d] = Distributions.beta(random, a + y[s], b + n[s] - y[s]);
                if (n[s] > 0 && (n[argmax] == 0 || draws[s][d] > draws[argmax][d])) {
                    argmax = s;
                }
            }
            best[argmax]++;
        }
        List<SlotEstimate> estimates = new ArrayList<>();
        int recommended = habit;
        double[] means = new double[slotCount];
        for (int s = 0; s < slotCount; s++) {
            means[s] = Arrays.stream(draws[s]).average().orElse(0);
            if (n[s] > 0 && means[s] > means[recommended]) {
                recommended = s;
            }
        }
        for (int s = 0; s < slotCount; s++) {
            estimates.add(new SlotEstimate(s, n[s], y[s], summary(draws[s]), (double) best[s] / DRAWS));
        }
        Interval gain = new Interval(0, 0, 0);
        double better = 0;
        if (recommended != habit) {
            double[] diff = new double[DRAWS];
            int positive = 0;
            for (int d = 0; d < DRAWS; d++) {
                diff[d] = draws[recommended][d] - draws[habit][d];
                positive += diff[d] > 0 ? 1 : 0;
            }
            gain = summary(diff);
            better = (double) positive / DRAWS;
        }
        return new Recommendation(List.copyOf(estimates), recommended, habit, gain, better, meanMu / total,
                Math.exp(meanLogKappa / total));
    }

    private static Interval summary(double[] draws) {
        double mean = Arrays.stream(draws).average().orElse(0);
        double[] sorted = draws.clone();
        Arrays.sort(sorted);
        double low = Distributions.quantile(sorted, 0.025);
        double high = Distributions.quantile(sorted, 0.975);
        return new Interval(Math.min(Math.max(mean, low), high), low, high);
    }
}
