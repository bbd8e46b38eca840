package fr.terrain.targeting;

/**
 * An estimate with its interval: {@code low ≤ value ≤ high}, all finite.
 */
public record Interval(double value, double low, double high) {
    public Interval {
        if (!Double.isFinite(value) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("estimation non finie : " + low + " ≤ " + value + " ≤ " + high);
        }
        if (low > value + 1e-9 || value > high + 1e-9) {
            throw new IllegalArgumentException("intervalle mal ordonné : " + low + " ≤ " + value + " ≤ " + high);
        }
    }

    public static Interval exact(double value) {
        return new Interval(value, value, value);
    }

    public Interval times(double factor) {
        return factor >= 0 ? new Interval(value * factor, low * factor, high * factor)
                : new Interval(value * factor, high * factor, low * factor);
    }

    /**
     * Wilson score interval of a proportion {@code successes / n} (Wilson 1927), which stays within
     * [0, 1] and behaves for proportions near 0 or 1; n = 0 gives [0, 1] around 0.
     */
    public static Interval wilson(double successes, double n, double z) {
        if (n <= 0) {
            return new Interval(0, 0, 1);
        }
        double p = Math.min(1, Math.max(0, successes / n));
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Interval(p, Math.max(0, Math.min(p, centre - half)), Math.min(1, Math.max(p, centre + half)));
    }
}
