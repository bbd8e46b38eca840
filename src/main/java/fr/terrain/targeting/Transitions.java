package fr.terrain.targeting;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Vote transitions between a reference round and a target round, by a bounded Goodman ecological
 * regression across stations (see {@code docs/targeting.md}, "Sympathetic abstainers").
 *
 * <p>Each station i holds its reference-round categories xᵢ (our bloc, neighbours, others, abstention,
 * as shares of the reference round's inscrits) and its target-round categories yᵢ (our bloc,
 * neighbours, other exprimés, blank and null, abstention, as shares of the target round's inscrits).
 * The model is yᵢ ≈ xᵢ B: a transition matrix B, the same in every station, whose row k gives how
 * the reference round's category k split in the target round. B minimises Σ wᵢ ‖yᵢ − xᵢB‖² (wᵢ the
 * target round's inscrits) with every rate in [0, 1] and every row summing to 1, solved by block
 * coordinate descent: the objective restricted to one row is isotropic, so its exact minimiser is a
 * Euclidean projection onto the simplex.
 *
 * <p>A station's own table (how many of today's abstainers voted for us in the reference round) is
 * the table closest to the Goodman prediction that has the station's own margins: the 2 × 2 table
 * (reference bloc voter or not × abstained or not) with the predicted odds ratio and the station's
 * row and column totals. It therefore always lies within the Duncan–Davis bounds
 * max(0, r + c − 1) ≤ t ≤ min(r, c). Intervals: percentiles of a bootstrap over stations (seeded).
 */
public final class Transitions {
    /** Reference-round categories (rows of the matrix). */
    public static final List<String> FROM = List.of("ours", "neighbours", "others", "abstention");
    /** Target-round categories (columns of the matrix). */
    public static final List<String> TO = List.of("ours", "neighbours", "others", "blank_null", "abstention");
    static final int OURS = 0;
    static final int FROM_ABSTENTION = 3;
    static final int TO_ABSTENTION = 4;
    /** Bootstrap replicates and seed used by {@link Estimator}. */
    public static final int REPLICATES = 200;
    public static final long SEED = 1;
    private static final int MAX_SWEEPS = 200_000;
    private static final double TOLERANCE = 1e-13;

    private Transitions() {}

    /**
     * The fitted matrix.
     *
     * @param rates rates[k][j]: share of the reference category k found in the target category j
     * @param low lower ends of the bootstrap percentile intervals
     * @param high upper ends
     * @param stations stations in the fit
     * @param replicates bootstrap replicates
     * @param rmse weighted root mean square residual of the fit (shares of inscrits)
     */
    public record Fit(double[][] rates, double[][] low, double[][] high, int stations, int replicates, double rmse,
            double[][][] bootstrap) {
        /** Share of the reference round's bloc voters who abstained in the target round. */
        public double oursToAbstention() {
            return rates[OURS][TO_ABSTENTION];
        }

        /** The target round's shares predicted for a station from its reference shares. */
        public double[] predict(double[] from) {
            return multiply(from, rates);
        }
    }

    /** Reference-round shares of inscrits: ours, neighbours, others (other exprimés, blank and null), abstention. */
    public static double[] from(BlocCounts c) {
        double n = c.registered();
        if (!(n > 0)) {
            return null;
        }
        double voters = Math.min(c.voters(), n);
        double ours = Math.min(c.ours(), voters);
        double neighbours = Math.min(c.neighbours(), voters - ours);
        return new double[] {ours / n, neighbours / n, (voters - ours - neighbours) / n, (n - voters) / n};
    }

    /** Target-round shares of inscrits: ours, neighbours, other exprimés, blank and null, abstention. */
    public static double[] to(BlocCounts c) {
        double n = c.registered();
        if (!(n > 0)) {
            return null;
        }
        double voters = Math.min(c.voters(), n);
        double expressed = Math.min(c.expressed(), voters);
        double ours = Math.min(c.ours(), expressed);
        double neighbours = Math.min(c.neighbours(), expressed - ours);
        return new double[] {ours / n, neighbours / n, (expressed - ours - neighbours) / n, (voters - expressed) / n,
            (n - voters) / n};
    }

    /**
     * Fits the matrix and its bootstrap.
     *
     * @param x reference shares per station ({@link #from})
     * @param y target shares per station ({@link #to})
     * @param w weights (the target round's inscrits)
     * @param replicates bootstrap resamples of the stations (0 for none)
     * @param confidence two-sided level of the intervals
     */
    public static Fit fit(double[][] x, double[][] y, double[] w, int replicates, long seed, double confidence) {
        int n = x.length;
        if (n == 0) {
            throw new IllegalArgumentException("aucun bureau commun aux deux élections");
        }
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        double[][] rates = solve(x, y, w, all);
        double ss = 0;
        double sw = 0;
        for (int i = 0; i < n; i++) {
            double[] p = multiply(x[i], rates);
            for (int j = 0; j < p.length; j++) {
                ss += w[i] * (y[i][j] - p[j]) * (y[i][j] - p[j]);
            }
            sw += w[i];
        }
        double[][][] boot = new double[replicates][][];
        SplittableRandom random = new SplittableRandom(seed);
        int[] sample = new int[n];
        for (int b = 0; b < replicates; b++) {
            for (int i = 0; i < n; i++) {
                sample[i] = random.nextInt(n);
            }
            boot[b] = solve(x, y, w, sample);
        }
        int k = rates.length;
        int m = rates[0].length;
        double[][] low = new double[k][m];
        double[][] high = new double[k][m];
        double[] values = new double[replicates];
        for (int r = 0; r < k; r++) {
            for (int j = 0; j < m; j++) {
                if (replicates == 0) {
                    low[r][j] = high[r][j] = rates[r][j];
                    continue;
                }
                for (int b = 0; b < replicates; b++) {
                    values[b] = boot[b][r][j];
                }
                double[] range = percentiles(values, confidence);
                low[r][j] = Math.min(rates[r][j], range[0]);
                high[r][j] = Math.max(rates[r][j], range[1]);
            }
        }
        return new Fit(rates, low, high, n, replicates, Math.sqrt(ss / sw / m), boot);
    }

    /**
     * Today's abstainers who voted for our bloc in the reference round, at one station, with the
     * bootstrap interval and the Duncan–Davis bounds, as counts (× the target round's inscrits).
     */
    public static Station station(Fit fit, double[] from, double[] to, double registered, double confidence) {
        double r = from[OURS];
        double c = to[TO_ABSTENTION];
        double lower = Math.max(0, r + c - 1);
        double upper = Math.min(r, c);
        double value = cell(fit.rates(), from, to);
        double low = value;
        double high = value;
        if (fit.bootstrap().length > 0) {
            double[] values = new double[fit.bootstrap().length];
            for (int b = 0; b < values.length; b++) {
                values[b] = cell(fit.bootstrap()[b], from, to);
            }
            double[] range = percentiles(values, confidence);
            low = Math.min(value, range[0]);
            high = Math.max(value, range[1]);
        }
        return new Station(new Interval(value * registered, low * registered, high * registered),
                new Interval(value * registered, lower * registered, upper * registered));
    }

    /**
     * @param estimate Goodman prediction raked to the station's margins, with its bootstrap interval
     * @param bounds the Duncan–Davis bounds (the value is the estimate)
     */
    public record Station(Interval estimate, Interval bounds) {}

    /**
     * The (reference bloc voter, abstained) cell of a station's 2 × 2 table, as a share of inscrits:
     * the table with the station's margins and the odds ratio the matrix predicts.
     */
    static double cell(double[][] rates, double[] from, double[] to) {
        double r = from[OURS];
        double c = to[TO_ABSTENTION];
        double lower = Math.max(0, r + c - 1);
        double upper = Math.min(r, c);
        if (upper <= lower) {
            return lower;
        }
        double p11 = r * rates[OURS][TO_ABSTENTION];
        double p12 = r - p11;
        double p21 = 0;
        for (int k = 0; k < from.length; k++) {
            if (k != OURS) {
                p21 += from[k] * rates[k][TO_ABSTENTION];
            }
        }
        double p22 = (1 - r) - p21;
        double num = p11 * p22;
        double den = p12 * p21;
        if (!(den > 0)) { // infinite odds ratio, or 0/0 (nothing predicted): independence
            return num > 0 ? upper : Math.max(lower, Math.min(upper, r * c));
        }
        if (!(num > 0)) {
            return lower;
        }
        double theta = num / den;
        return Math.max(lower, Math.min(upper, tableWithOddsRatio(r, c, theta)));
    }

    /**
     * The t with t(1 − r − c + t) = θ (r − t)(c − t) in [max(0, r + c − 1), min(r, c)]: the top-left
     * cell of the 2 × 2 table of total 1, row total r, column total c and odds ratio θ.
     */
    static double tableWithOddsRatio(double r, double c, double theta) {
        double a = 1 - theta;
        double b = 1 - r - c + theta * (r + c);
        double k = -theta * r * c;
        if (Math.abs(a) < 1e-12) {
            return -k / b;
        }
        double disc = Math.max(0, b * b - 4 * a * k);
        double q = -0.5 * (b + Math.copySign(Math.sqrt(disc), b));
        double t1 = q / a;
        double t2 = q != 0 ? k / q : t1;
        double lower = Math.max(0, r + c - 1) - 1e-12;
        double upper = Math.min(r, c) + 1e-12;
        return t1 >= lower && t1 <= upper ? t1 : t2;
    }

    /** Weighted constrained least squares over the stations listed in {@code sample} (with repeats). */
    static double[][] solve(double[][] x, double[][] y, double[] w, int[] sample) {
        // the categories' counts, not x[0]'s length: a station left out of the sample (0 inscrits) has null shares
        int k = FROM.size();
        int m = TO.size();
        double[][] g = new double[k][k];
        double[][] h = new double[k][m];
        for (int i : sample) {
            double wi = w[i];
            double[] xi = x[i];
            for (int a = 0; a < k; a++) {
                double v = wi * xi[a];
                for (int b = 0; b < k; b++) {
                    g[a][b] += v * xi[b];
                }
                for (int j = 0; j < m; j++) {
                    h[a][j] += v * y[i][j];
                }
            }
        }
        return solveNormal(g, h);
    }

    /**
     * Minimises tr(BᵀGB) − 2 tr(BᵀH) (G = XᵀWX, H = XᵀWY) with each row of B on the simplex, by block
     * coordinate descent over rows; a row whose category never occurs (Gₖₖ = 0) keeps its start,
     * a uniform row (it is not identified).
     */
    static double[][] solveNormal(double[][] g, double[][] h) {
        int k = g.length;
        int m = h[0].length;
        double[][] b = new double[k][m];
        for (int r = 0; r < k; r++) {
            Arrays.fill(b[r], 1.0 / m);
        }
        double scale = 0;
        for (int r = 0; r < k; r++) {
            scale = Math.max(scale, g[r][r]);
        }
        if (!(scale > 0)) {
            return b;
        }
        double[] row = new double[m];
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double change = 0;
            for (int r = 0; r < k; r++) {
                if (!(g[r][r] > 1e-14 * scale)) {
                    continue;
                }
                for (int j = 0; j < m; j++) {
                    double s = h[r][j];
                    for (int a = 0; a < k; a++) {
                        if (a != r) {
                            s -= g[r][a] * b[a][j];
                        }
                    }
                    row[j] = s / g[r][r];
                }
                projectOntoSimplex(row);
                for (int j = 0; j < m; j++) {
                    change = Math.max(change, Math.abs(row[j] - b[r][j]));
                    b[r][j] = row[j];
                }
            }
            if (change < TOLERANCE) {
                break;
            }
        }
        return b;
    }

    /** Euclidean projection onto {v ≥ 0, Σv = 1}, in place (sort-based algorithm). */
    static void projectOntoSimplex(double[] v) {
        double[] u = v.clone();
        Arrays.sort(u);
        double cumulative = 0;
        double tau = 0;
        for (int i = u.length - 1; i >= 0; i--) {
            cumulative += u[i];
            double t = (cumulative - 1) / (u.length - i);
            if (i == 0 || u[i - 1] <= t) {
                tau = t;
                break;
            }
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, v[i] - tau);
        }
    }

    static double[] multiply(double[] x, double[][] b) {
        double[] out = new double[b[0].length];
        for (int k = 0; k < x.length; k++) {
            for (int j = 0; j < out.length; j++) {
                out[j] += x[k] * b[k][j];
            }
        }
        return out;
    }

    /** The two-sided percentile range at {@code confidence} (sorts {@code values} in place). */
    static double[] percentiles(double[] values, double confidence) {
        Arrays.sort(values);
        double tail = (1 - confidence) / 2;
        return new double[] {quantile(values, tail), quantile(values, 1 - tail)};
    }

    private static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }
}
