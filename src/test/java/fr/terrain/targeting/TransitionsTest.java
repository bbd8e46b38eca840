package fr.terrain.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The Goodman transition estimate on stations generated from a known matrix. */
class TransitionsTest {
    /** Rows: ours, neighbours, others, abstention in the reference; columns: ours, neighbours, others, blank/null, abstention. */
    static final double[][] TRUE_RATES = {
        {0.55, 0.05, 0.05, 0.02, 0.33},
        {0.10, 0.45, 0.10, 0.02, 0.33},
        {0.05, 0.10, 0.50, 0.03, 0.32},
        {0.05, 0.03, 0.07, 0.01, 0.84}};

    /** A city whose voters move between the rounds by TRUE_RATES, each voter drawn at random. */
    record City(double[][] x, double[][] y, double[] w) {}

    static City city(int stations, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[stations][];
        double[][] y = new double[stations][];
        double[] w = new double[stations];
        for (int i = 0; i < stations; i++) {
            int registered = 400 + r.nextInt(1200);
            double left = 0.15 + 0.45 * r.nextDouble();
            double abstention = 0.1 + 0.3 * r.nextDouble();
            double neighbours = (1 - left - abstention) * (0.2 + 0.6 * r.nextDouble());
            double[] shares = {left, neighbours, Math.max(0, 1 - left - abstention - neighbours), abstention};
            int[] from = new int[4];
            int assigned = 0;
            for (int k = 0; k < 3; k++) {
                from[k] = (int) Math.round(shares[k] * registered);
                assigned += from[k];
            }
            from[3] = registered - assigned;
            double[] to = new double[5];
            for (int k = 0; k < 4; k++) {
                for (int v = 0; v < from[k]; v++) {
                    to[draw(TRUE_RATES[k], r)]++;
                }
            }
            x[i] = new double[4];
            for (int k = 0; k < 4; k++) {
                x[i][k] = from[k] / (double) registered;
            }
            y[i] = new double[5];
            for (int j = 0; j < 5; j++) {
                y[i][j] = to[j] / registered;
            }
            w[i] = registered;
        }
        return new City(x, y, w);
    }

    static int draw(double[] p, SplittableRandom r) {
        double u = r.nextDouble();
        for (int j = 0; j < p.length - 1; j++) {
            u -= p[j];
            if (u < 0) {
                return j;
            }
        }
        return p.length - 1;
    }

    @Test
    void recoversTheTransitionRatesTheStationsWereGeneratedFrom() {
        City c = city(900, 7);
        Transitions.Fit fit = Transitions.fit(c.x(), c.y(), c.w(), 100, 1, 0.9);
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < 5; j++) {
                assertThat(fit.rates()[k][j]).as("rate %d→%d", k, j).isCloseTo(TRUE_RATES[k][j], offset(0.03));
            }
        }
        assertThat(fit.oursToAbstention()).isCloseTo(0.33, offset(0.02));
        // the 90 % bootstrap interval of the key rate is not empty and, widened by its own half-width
        // (about ±3.3 standard errors), covers the truth
        double half = (fit.high()[0][4] - fit.low()[0][4]) / 2;
        assertThat(half).isPositive();
        assertThat(0.33).isBetween(fit.low()[0][4] - half, fit.high()[0][4] + half);
    }

    @Test
    void stationEstimatesAddUpToTheTrueNumberOfBlocVotersWhoAbstained() {
        // the sum over stations of the (reference bloc, abstained) cells is close to Σ x_ours × 0.33 × inscrits
        City c = city(600, 3);
        Transitions.Fit fit = Transitions.fit(c.x(), c.y(), c.w(), 50, 1, 0.9);
        double estimated = 0;
        double expected = 0;
        for (int i = 0; i < c.x().length; i++) {
            estimated += Transitions.station(fit, c.x()[i], c.y()[i], c.w()[i], 0.9).estimate().value();
            expected += c.x()[i][0] * TRUE_RATES[0][4] * c.w()[i];
        }
        assertThat(estimated / expected).isCloseTo(1.0, offset(0.05));
    }

    @Test
    void theBootstrapIsDeterministicForAGivenSeed() {
        City c = city(200, 11);
        Transitions.Fit a = Transitions.fit(c.x(), c.y(), c.w(), 30, 5, 0.9);
        Transitions.Fit b = Transitions.fit(c.x(), c.y(), c.w(), 30, 5, 0.9);
        assertThat(a.low()).isDeepEqualTo(b.low());
        assertThat(a.high()).isDeepEqualTo(b.high());
    }

    @Test
    void aTwoByTwoTableWithOddsRatioOneIsTheIndependentTable() {
        assertThat(Transitions.tableWithOddsRatio(0.3, 0.4, 1.0)).isCloseTo(0.12, offset(1e-12));
        double t = Transitions.tableWithOddsRatio(0.3, 0.4, 5.0);
        assertThat(t * (1 - 0.3 - 0.4 + t) / ((0.3 - t) * (0.4 - t))).isCloseTo(5.0, offset(1e-9));
        double u = Transitions.tableWithOddsRatio(0.7, 0.6, 0.1);
        assertThat(u).isBetween(0.3, 0.6);
        assertThat(u * (1 - 0.7 - 0.6 + u) / ((0.7 - u) * (0.6 - u))).isCloseTo(0.1, offset(1e-9));
    }

    @Test
    void projectionOntoTheSimplexKeepsAPointAlreadyOnItAndClipsNegatives() {
        double[] on = {0.2, 0.3, 0.5};
        Transitions.projectOntoSimplex(on);
        assertThat(on).containsExactly(new double[] {0.2, 0.3, 0.5}, offset(1e-12));
        double[] off = {1.5, -0.2, 0.1};
        Transitions.projectOntoSimplex(off);
        assertThat(off).containsExactly(new double[] {1.0, 0.0, 0.0}, offset(1e-12));
    }

    @Property(tries = 100)
    void ratesAreProportionsAndRowsSumToOne(@ForAll @IntRange(min = 1, max = 60) int stations,
            @ForAll @IntRange(min = 0, max = 10_000) int seed) {
        City c = noisyCity(stations, seed);
        Transitions.Fit fit = Transitions.fit(c.x(), c.y(), c.w(), 5, seed, 0.9);
        for (int k = 0; k < 4; k++) {
            assertThat(Arrays.stream(fit.rates()[k]).sum()).isCloseTo(1.0, offset(1e-9));
            for (int j = 0; j < 5; j++) {
                assertThat(fit.rates()[k][j]).isBetween(0.0, 1.0);
                assertThat(fit.low()[k][j]).isLessThanOrEqualTo(fit.rates()[k][j]);
                assertThat(fit.high()[k][j]).isGreaterThanOrEqualTo(fit.rates()[k][j]);
            }
        }
    }

    @Property(tries = 100)
    void stationEstimatesStayWithinTheDuncanDavisBounds(@ForAll @IntRange(min = 1, max = 60) int stations,
            @ForAll @IntRange(min = 0, max = 10_000) int seed, @ForAll @DoubleRange(min = 0.5, max = 0.99) double level) {
        City c = noisyCity(stations, seed);
        Transitions.Fit fit = Transitions.fit(c.x(), c.y(), c.w(), 10, seed, level);
        for (int i = 0; i < stations; i++) {
            double registered = c.w()[i];
            double abstainers = c.y()[i][4] * registered;
            double blocVoters = c.x()[i][0] * registered;
            Transitions.Station s = Transitions.station(fit, c.x()[i], c.y()[i], registered, level);
            Interval e = s.estimate();
            assertThat(e.low()).isGreaterThanOrEqualTo(-1e-9);
            assertThat(e.high()).isLessThanOrEqualTo(Math.min(abstainers, blocVoters) + 1e-9);
            assertThat(e.low()).isGreaterThanOrEqualTo(Math.max(0, blocVoters + abstainers - registered) - 1e-9);
            assertThat(s.bounds().low()).isLessThanOrEqualTo(e.low() + 1e-9);
            assertThat(s.bounds().high()).isGreaterThanOrEqualTo(e.high() - 1e-9);
        }
    }

    /** Arbitrary margins, with no transition model behind them (including empty categories). */
    static City noisyCity(int stations, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[stations][];
        double[][] y = new double[stations][];
        double[] w = new double[stations];
        for (int i = 0; i < stations; i++) {
            x[i] = simplex(4, r);
            y[i] = simplex(5, r);
            w[i] = 1 + r.nextInt(2000);
        }
        return new City(x, y, w);
    }

    static double[] simplex(int n, SplittableRandom r) {
        double[] v = new double[n];
        double s = 0;
        for (int j = 0; j < n; j++) {
            v[j] = r.nextInt(4) == 0 ? 0 : -Math.log(1 - r.nextDouble());
            s += v[j];
        }
        if (s == 0) {
            v[n - 1] = 1;
            return v;
        }
        for (int j = 0; j < n; j++) {
            v[j] /= s;
        }
        return v;
    }
}
