package fr.terrain.mail.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class SequentialTestTest {
    private static final double ALPHA = 0.05;
    private static final int BATCH = 50;
    private static final int BATCHES = 40;

    /** The factor of one pair has expectation ≤ 1 under every null rate q: what makes the product a supermartingale. */
    @Property(tries = 3000)
    void eachPairsFactorIsAnEValueUnderAnyCommonRate(@ForAll @Scale(4) @DoubleRange(min = 0.001, max = 0.999) double ta,
            @ForAll @Scale(4) @DoubleRange(min = 0.001, max = 0.999) double tb, @ForAll @Scale(4) @DoubleRange(min = 0, max = 1) double q) {
        double t0 = (ta + tb) / 2;
        double expectation = 0;
        for (int a = 0; a <= 1; a++) {
            for (int b = 0; b <= 1; b++) {
                double pNull = (a == 1 ? q : 1 - q) * (b == 1 ? q : 1 - q);
                double factor = (a == 1 ? ta : 1 - ta) * (b == 1 ? tb : 1 - tb) / ((a == 1 ? t0 : 1 - t0) * (b == 1 ? t0 : 1 - t0));
                expectation += pNull * factor;
            }
        }
        assertThat(expectation).isLessThanOrEqualTo(1 + 1e-12);
    }

    /**
     * 2,000 experiments with no difference (both variants at the same rate), watched after every batch of 50 pairs
     * up to 2,000 pairs — in fact after every pair, which is stricter. Ville's inequality bounds the share that ever
     * stops at α = 0.05; the Monte Carlo standard error of a share near 0.05 over 2,000 runs is √(0.05·0.95/2000) ≈
     * 0.005, so 0.06 leaves two standard errors for chance. The same data tested with a naive z-test at each
     * batch must show the peeking bias this test avoids, or the simulation proves nothing.
     */
    @Test
    void underTheNullWatchingContinuouslyKeepsTheFalsePositiveRateBelowAlpha() {
        SplittableRandom random = new SplittableRandom(20260328);
        int runs = 2000;
        int sequentialStops = 0;
        int naiveStops = 0;
        double[] rates = {0.02, 0.1, 0.3};
        for (int run = 0; run < runs; run++) {
            double p = rates[run % rates.length];
            SequentialTest test = new SequentialTest(ALPHA);
            boolean naiveStopped = false;
            int sa = 0;
            int sb = 0;
            for (int batch = 1; batch <= BATCHES; batch++) {
                for (int i = 0; i < BATCH; i++) {
                    boolean a = random.nextDouble() < p;
                    boolean b = random.nextDouble() < p;
                    sa += a ? 1 : 0;
                    sb += b ? 1 : 0;
                    test.add(a, b);
                }
                naiveStopped |= Math.abs(zScore(sa, sb, batch * BATCH)) > 1.959964;
            }
            sequentialStops += test.stopped() ? 1 : 0;
            naiveStops += naiveStopped ? 1 : 0;
        }
        double sequential = (double) sequentialStops / runs;
        double naive = (double) naiveStops / runs;
        assertThat(sequential).isLessThanOrEqualTo(0.06);
        assertThat(naive).as("a z-test looked at 40 times must overshoot α").isGreaterThan(0.12);
    }

    @Test
    void aRealDifferenceIsDetectedAndPointsToTheBetterVariant() {
        SplittableRandom random = new SplittableRandom(7);
        int runs = 200;
        int detected = 0;
        int wrongWay = 0;
        long pairsUsed = 0;
        for (int run = 0; run < runs; run++) {
            List<Boolean> a = new ArrayList<>();
            List<Boolean> b = new ArrayList<>();
            for (int i = 0; i < BATCH * BATCHES; i++) {
                a.add(random.nextDouble() < 0.10);
                b.add(random.nextDouble() < 0.15);
            }
            SequentialTest.Result r = SequentialTest.evaluate(a, b, ALPHA, false);
            if (r.status() == SequentialTest.Status.SIGNIFICANT) {
                detected++;
                pairsUsed += r.stoppedAtPair();
                wrongWay += r.winner() == SequentialTest.Winner.A ? 1 : 0;
                assertThat(r.eValue()).isGreaterThanOrEqualTo(1 / ALPHA);
            }
        }
        assertThat((double) detected / runs).as("power for 10 %% vs 15 %% within 2,000 pairs").isGreaterThan(0.8);
        assertThat(wrongWay).isLessThanOrEqualTo(2);
        assertThat(pairsUsed / detected).as("it stops early on average").isLessThan(BATCH * BATCHES);
    }

    @Test
    void theReportCarriesTheEffectAndItsInterval() {
        List<Boolean> a = new ArrayList<>();
        List<Boolean> b = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            a.add(i % 10 == 0); // 10 %
            b.add(i % 4 == 0); // 25 %
        }
        SequentialTest.Result r = SequentialTest.evaluate(a, b, ALPHA, false);
        assertThat(r.status()).isEqualTo(SequentialTest.Status.SIGNIFICANT);
        assertThat(r.winner()).isEqualTo(SequentialTest.Winner.B);
        assertThat(r.difference().estimate()).isBetween(0.05, 0.3);
        assertThat(r.difference().low()).isPositive();
        assertThat(r.pValue()).isLessThanOrEqualTo(ALPHA);
    }

    @Test
    void undecidedAtTheDeadlineTheBetterObservedVariantIsChosen() {
        List<Boolean> a = List.of(true, false, false, false);
        List<Boolean> b = List.of(true, true, false, false);
        SequentialTest.Result open = SequentialTest.evaluate(a, b, ALPHA, false);
        assertThat(open.status()).isEqualTo(SequentialTest.Status.CONTINUE);
        assertThat(open.winner()).isEqualTo(SequentialTest.Winner.NONE);
        SequentialTest.Result late = SequentialTest.evaluate(a, b, ALPHA, true);
        assertThat(late.status()).isEqualTo(SequentialTest.Status.DEADLINE);
        assertThat(late.winner()).isEqualTo(SequentialTest.Winner.B);
        assertThat(late.difference().low()).isNegative(); // four pairs prove nothing
    }

    /** The rate's interval holds its true value at every look in at least 97.5 % of runs (it is built at level α/2). */
    @Test
    void theRateIntervalCoversTheTruthAtEveryLook() {
        SplittableRandom random = new SplittableRandom(11);
        int runs = 400;
        int everMissed = 0;
        double p = 0.12;
        for (int run = 0; run < runs; run++) {
            int k = 0;
            boolean missed = false;
            for (int n = 1; n <= 600; n++) {
                k += random.nextDouble() < p ? 1 : 0;
                if (n % 10 == 0 && !SequentialTest.rate(k, n, ALPHA / 2).contains(p)) {
                    missed = true;
                }
            }
            everMissed += missed ? 1 : 0;
        }
        // bound 0.025; Monte Carlo standard error √(0.025·0.975/400) ≈ 0.008: allow 0.045
        assertThat((double) everMissed / runs).isLessThanOrEqualTo(0.045);
        // 30 of 100: the fixed-sample 95 % Wald interval is 0.21–0.39; valid at every look, this one must be wider
        Interval i = SequentialTest.rate(30, 100, ALPHA / 2);
        assertThat(i.contains(0.3)).isTrue();
        assertThat(i.low()).isBetween(0.1, 0.21);
        assertThat(i.high()).isBetween(0.39, 0.55);
    }

    private static double zScore(int sa, int sb, int n) {
        double pa = (double) sa / n;
        double pb = (double) sb / n;
        double pooled = (sa + sb) / (2.0 * n);
        double se = Math.sqrt(pooled * (1 - pooled) * 2.0 / n);
        return se == 0 ? 0 : (pb - pa) / se;
    }
}
