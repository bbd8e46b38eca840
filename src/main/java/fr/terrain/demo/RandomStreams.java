package fr.terrain.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Random streams derived from the seed and a purpose. Each part of the output draws from its own
 * stream, so a file's bytes depend only on the seed: generating one file alone gives the same
 * bytes as generating them all.
 */
final class RandomStreams {
    private RandomStreams() {}

    static SplittableRandom of(long seed, String purpose, long... keys) {
        long h = mix(seed ^ 0x2545F4914F6CDD1DL);
        h = mix(h ^ purpose.hashCode()); // String.hashCode is specified, hence stable across JVMs
        for (long k : keys) {
            h = mix(h + 0x9E3779B97F4A7C15L * (k + 1));
        }
        return new SplittableRandom(h);
    }

    /** SplitMix64's finaliser: a bijection that spreads nearby inputs far apart. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A standard normal draw (Box–Muller) computed with StrictMath, whose results Java specifies to
     * the bit: the same seed then gives the same bytes on any JVM and processor.
     */
    static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble(); // in (0, 1], so the logarithm is finite
        double v = r.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
    }

    static double logistic(double x) {
        return 1 / (1 + StrictMath.exp(-x));
    }

    static double uniform(SplittableRandom r, double from, double to) {
        return from + (to - from) * r.nextDouble();
    }

    static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    /** Fisher–Yates, in place. */
    static <T> void shuffle(SplittableRandom r, List<T> values) {
        for (int i = values.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            T t = values.get(i);
            values.set(i, values.get(j));
            values.set(j, t);
        }
    }

    /**
     * Splits {@code total} into whole parts proportional to the weights (largest remainder), so
     * that the parts add up exactly; ties go to the earlier weight.
     */
    static int[] apportion(long total, double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        int[] parts = new int[weights.length];
        double[] remainders = new double[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = sum == 0 ? 0 : total * weights[i] / sum;
            parts[i] = (int) Math.floor(exact);
            remainders[i] = exact - parts[i];
            given += parts[i];
        }
        for (long left = total - given; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < weights.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            parts[best]++;
            remainders[best] = -1;
        }
        return parts;
    }
}
