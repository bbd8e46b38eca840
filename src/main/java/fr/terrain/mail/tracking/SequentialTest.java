package fr.terrain.mail.tracking;

import java.util.List;

/**
 * An A/B test that may be looked at after every result without inflating its error: a test
 * martingale (e-process) over pairs of recipients, one of each variant.
 * <p>
 * Recipients of the sample are paired in the order they were assigned (the i-th of A with the
 * i-th of B: fixed before any result). For each pair, with outcomes {@code a, b ∈ {0, 1}}, the
 * factor is {@code Pθa(a)·Pθb(b) / (Pθ0(a)·Pθ0(b))}, where θa, θb are estimates from the
 * <em>previous</em> pairs only (add-½ estimates) and θ0 = (θa + θb)/2. Under the null hypothesis
 * (both variants have the same rate q, whatever q is, even a q that drifts over time) each factor
 * has expectation ≤ 1: as a function of q its expectation is a concave quadratic equal to 1 with
 * zero slope at q = θ0 (docs/mail.md gives the two lines of algebra; {@code SequentialTestTest} checks it on a
 * grid). The running product is therefore a non-negative supermartingale under the null, and by
 * Ville's inequality the probability that it <em>ever</em> reaches 1/α is at most α: the test can
 * stop the first time it does, however often it is watched.
 * <p>
 * The effect is reported with anytime-valid 95 % confidence sequences too: each variant's rate
 * from a Beta(1, 1) mixture martingale at level α/2, and the difference bounded by their ends.
 */
public final class SequentialTest {
    /** Which variant won, if any. */
    public enum Winner { A, B, NONE }

    /** Why the test ended, or that it goes on. */
    public enum Status { CONTINUE, SIGNIFICANT, DEADLINE }

    /**
     * The state of the test: {@code pairs} examined, the e-value reached ({@code eValue ≥ 1/alpha} is a
     * decision), each variant's rate and the difference B − A with anytime-valid intervals.
     */
    public record Result(Status status, Winner winner, int pairs, int stoppedAtPair, double eValue, double alpha,
            Interval rateA, Interval rateB, Interval difference, int trialsA, int successesA, int trialsB,
            int successesB) {
        /** 1/e: an anytime-valid p-value, capped at 1. */
        public double pValue() {
            return Math.min(1, 1 / eValue);
        }
    }

    private final double alpha;
    private double logE;
    private int pairs;
    private int sa;
    private int sb;
    private int stoppedAt = -1;

    public SequentialTest(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("niveau α hors de ]0, 1[ : " + alpha);
        }
        this.alpha = alpha;
    }

    /** Feeds one pair's outcomes; returns true once the test has reached its decision (it then ignores further pairs). */
    public boolean add(boolean a, boolean b) {
        if (stoppedAt >= 0) {
            return true;
        }
        double ta = (sa + 0.5) / (pairs + 1);
        double tb = (sb + 0.5) / (pairs + 1);
        double t0 = (ta + tb) / 2;
        logE += Math.log(a ? ta : 1 - ta) + Math.log(b ? tb : 1 - tb) - Math.log(a ? t0 : 1 - t0)
                - Math.log(b ? t0 : 1 - t0);
        pairs++;
        sa += a ? 1 : 0;
        sb += b ? 1 : 0;
        if (logE >= Math.log(1 / alpha)) {
            stoppedAt = pairs;
        }
        return stoppedAt >= 0;
    }

    public boolean stopped() {
        return stoppedAt >= 0;
    }

    public double eValue() {
        return Math.exp(logE);
    }

    /**
     * The test over two lists of outcomes in assignment order (unpaired tail ignored until its pair
     * arrives); {@code deadlinePassed} ends an undecided test with the better observed variant.
     */
    public static Result evaluate(List<Boolean> a, List<Boolean> b, double alpha, boolean deadlinePassed) {
        SequentialTest t = new SequentialTest(alpha);
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n && !t.add(a.get(i), b.get(i)); i++) {
            // stops at the first pair that reaches the threshold
        }
        // the decision is taken at the first crossing; the intervals hold at every time, so they use every pair seen
        int used = n;
        int ka = count(a, used);
        int kb = count(b, used);
        Interval ra = rate(ka, used, alpha / 2);
        Interval rb = rate(kb, used, alpha / 2);
        double diff = used == 0 ? 0 : (double) (kb - ka) / used;
        Interval d = new Interval(diff, rb.low() - ra.high(), rb.high() - ra.low());
        Status status = t.stopped() ? Status.SIGNIFICANT : deadlinePassed ? Status.DEADLINE : Status.CONTINUE;
        int da = t.stopped() ? count(a, t.stoppedAt) : ka;
        int db = t.stopped() ? count(b, t.stoppedAt) : kb;
        Winner winner = status == Status.CONTINUE || db == da ? Winner.NONE : db > da ? Winner.B : Winner.A;
        if (status == Status.DEADLINE && winner == Winner.NONE) {
            winner = Winner.A; // a tie at the deadline keeps the first variant
        }
        return new Result(status, winner, n, t.stopped() ? t.stoppedAt : -1, t.eValue(), alpha, ra, rb, d, used, ka,
                used, kb);
    }

    private static int count(List<Boolean> xs, int n) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            k += xs.get(i) ? 1 : 0;
        }
        return k;
    }

    /**
     * An anytime-valid interval for a rate after {@code k} successes in {@code n}: the p whose Beta(1, 1)
     * mixture likelihood ratio stays below 1/level, i.e. {@code log B(1+k, 1+n−k) − k log p − (n−k) log(1−p) <
     * log(1/level)}; that set is an interval around k/n (the left side is convex in p), found by bisection.
     */
    public static Interval rate(int k, int n, double level) {
        if (n == 0) {
            return new Interval(0.5, 0, 1);
        }
        double mle = (double) k / n;
        double bound = Math.log(1 / level);
        double lb = Distributions.logBeta(1 + k, 1 + n - k);
        java.util.function.DoubleUnaryOperator inside = p -> lb - (k == 0 ? 0 : k * Math.log(p))
                - (n - k == 0 ? 0 : (n - k) * Math.log(1 - p)) - bound;
        double low = k == 0 ? 0 : bisect(inside, 0, mle);
        double high = k == n ? 1 : bisect(inside, 1, mle);
        return new Interval(mle, low, high);
    }

    /** The point between {@code out} (outside the set, value > 0, or the border 0/1) and {@code in} where inside = 0. */
    private static double bisect(java.util.function.DoubleUnaryOperator inside, double out, double in) {
        double o = out;
        double i = in;
        for (int step = 0; step < 60; step++) {
            double m = (o + i) / 2;
            if (inside.applyAsDouble(m) < 0) {
                i = m;
            } else {
                o = m;
            }
        }
        return i;
    }
}
