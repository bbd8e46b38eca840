package fr.terrain.mail.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SendTimeModelTest {
    /** Binomial draws of synthetic past campaigns: {@code sent} messages per slot in {@code slots}, rates given. */
    private static List<SendTimeModel.SlotCounts> history(double[] rate, int[] sent, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<SendTimeModel.SlotCounts> out = new ArrayList<>();
        for (int s = 0; s < rate.length; s++) {
            int y = 0;
            for (int i = 0; i < sent[s]; i++) {
                y += random.nextDouble() < rate[s] ? 1 : 0;
            }
            if (sent[s] > 0) {
                out.add(new SendTimeModel.SlotCounts(s, sent[s], y));
            }
        }
        return out;
    }

    @Test
    void withEnoughDataTheKnownBestSlotIsFoundAndBeatsTheHabit() {
        double[] rate = new double[24];
        int[] sent = new int[24];
        for (int h = 7; h <= 21; h++) {
            rate[h] = 0.20;
            sent[h] = 2000;
        }
        rate[18] = 0.26; // the truth: 18 h is best
        sent[10] = 12000; // the habit: 10 h
        SendTimeModel.Recommendation r = SendTimeModel.fit(24, history(rate, sent, 1), 42);
        assertThat(r.recommended()).isEqualTo(18);
        assertThat(r.habit()).isEqualTo(10);
        assertThat(r.slot(18).rate().contains(0.26)).isTrue();
        assertThat(r.gain().contains(0.06)).isTrue();
        assertThat(r.gain().low()).isPositive();
        assertThat(r.probabilityBetter()).isGreaterThan(0.99);
        assertThat(r.slot(18).probabilityBest()).isGreaterThan(0.9);
        // an hour never tried is drawn from the pooled prior: around the common rate, and never recommended
        assertThat(r.slot(3).sent()).isZero();
        assertThat(r.slot(3).rate().estimate()).isBetween(0.15, 0.26);
    }

    @Test
    void withLittleDataTheUncertaintyIsWideAndTheGainUnproven() {
        double[] rate = new double[24];
        int[] sent = new int[24];
        for (int h = 8; h <= 20; h += 3) {
            rate[h] = 0.20;
            sent[h] = 15;
        }
        rate[17] = 0.26;
        sent[11] = 30;
        SendTimeModel.Recommendation r = SendTimeModel.fit(24, history(rate, sent, 2), 42);
        assertThat(r.slot(r.recommended()).rate().width()).isGreaterThan(0.15);
        if (r.recommended() != r.habit()) {
            assertThat(r.gain().low()).isNegative();
            assertThat(r.probabilityBetter()).isLessThan(0.95);
        }
    }

    /**
     * Click rates are about 1 %: the common rate μ must be resolved finely there, or pooling pulls every hour towards
     * a grid point far from it, and an hour with no click at all can come out best. By hand: 11 hours with 20 clicks
     * of 2,000 (1 %), 18 h with 26 (1.3 %), 22 h with 0 of 30; the pooled rate is 246 / 24,030 ≈ 1.02 %. An hour with
     * no click is pulled towards μ from below (its rate given μ, κ is μκ / (κ + 30) < μ), so it cannot beat 18 h, whose
     * 1.3 % over 2,000 messages pulls it above μ; and the common rate learnt must be near the pooled 1.02 %.
     */
    @Test
    void atClickRatesAnHourWithoutAnyClickIsNotRecommended() {
        List<SendTimeModel.SlotCounts> counts = new ArrayList<>();
        for (int h = 8; h < 20; h++) {
            counts.add(new SendTimeModel.SlotCounts(h, 2000, h == 18 ? 26 : 20));
        }
        counts.add(new SendTimeModel.SlotCounts(22, 30, 0));
        SendTimeModel.Recommendation r = SendTimeModel.fit(24, counts, 42);
        assertThat(r.recommended()).isEqualTo(18);
        assertThat(r.baseRate()).isBetween(0.0092, 0.0113); // 1.02 % ± 10 %
        assertThat(r.slot(22).probabilityBest()).isLessThan(r.slot(18).probabilityBest());
    }

    @Test
    void partialPoolingPullsASmallSlotTowardsTheOthers() {
        List<SendTimeModel.SlotCounts> counts = new ArrayList<>();
        for (int h = 8; h < 20; h++) {
            counts.add(new SendTimeModel.SlotCounts(h, 1000, 200));
        }
        counts.add(new SendTimeModel.SlotCounts(22, 4, 4)); // 4 opens of 4: raw rate 100 %
        SendTimeModel.Recommendation r = SendTimeModel.fit(24, counts, 5);
        assertThat(r.slot(22).rate().estimate()).isLessThan(0.5);
        assertThat(r.slot(22).rate().width()).isGreaterThan(r.slot(12).rate().width());
        assertThat(r.baseRate()).isBetween(0.18, 0.24);
    }

    @Test
    void theSameSeedGivesTheSameFigures() {
        List<SendTimeModel.SlotCounts> counts = List.of(new SendTimeModel.SlotCounts(9, 100, 20),
                new SendTimeModel.SlotCounts(18, 80, 25), new SendTimeModel.SlotCounts(9, 50, 9));
        SendTimeModel.Recommendation a = SendTimeModel.fit(24, counts, 3);
        assertThat(SendTimeModel.fit(24, counts, 3)).isEqualTo(a);
        assertThat(a.slot(9).sent()).isEqualTo(150); // two campaigns at 9 h add up
    }

    @Test
    void noHistoryNoRecommendation() {
        assertThatThrownBy(() -> SendTimeModel.fit(24, List.of(), 1)).hasMessageContaining("aucun envoi");
        assertThatThrownBy(() -> new SendTimeModel.SlotCounts(1, 5, 6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void logGammaMatchesKnownValues() {
        assertThat(Distributions.logGamma(1)).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Distributions.logGamma(5)).isCloseTo(Math.log(24), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Distributions.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void betaDrawsHaveTheRightMean() {
        SplittableRandom r = new SplittableRandom(9);
        double sum = 0;
        for (int i = 0; i < 20000; i++) {
            sum += Distributions.beta(r, 0.3, 2.7);
        }
        // mean 0.1; sd of a draw √(0.3·2.7/(9·4)) = 0.15, of the mean over 20,000 ≈ 0.001
        assertThat(sum / 20000).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.005));
    }
}
