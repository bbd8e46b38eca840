package fr.terrain.mail.tracking;

/** A point estimate with a 95 % interval (credible or confidence, as the owner says). */
public record Interval(double estimate, double low, double high) {
    public Interval {
        if (!(low <= estimate + 1e-12 && estimate <= high + 1e-12)) {
            throw new IllegalArgumentException("intervalle incohérent : " + low + " ≤ " + estimate + " ≤ " + high);
        }
    }

    public double width() {
        return high - low;
    }

    public boolean contains(double x) {
        return low <= x && x <= high;
    }
}
