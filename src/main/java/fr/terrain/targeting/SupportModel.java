package fr.terrain.targeting;

import java.util.List;
import java.util.Map;

/**
 * A hierarchical (logit-normal) binomial model of a proportion across stations — the normal
 * approximation of a beta-binomial regression: station i's logit proportion θᵢ is drawn around
 * xᵢβ (sector effects and INSEE covariates) with between-station variance τ², and its observed
 * count kᵢ of nᵢ is binomial around θᵢ. β and τ² are fitted by iterated weighted ridge regression
 * and the method of moments; each station's θᵢ is then the precision-weighted mean of its prior
 * xᵢβ and its own empirical logit (partial pooling: small stations borrow from similar ones).
 */
final class SupportModel {
    final double[] beta;
    final double tau2;
    final double[] prior;
    final double[] posterior;
    final double[] posteriorVariance;

    private SupportModel(double[] beta, double tau2, double[] prior, double[] posterior, double[] posteriorVariance) {
        this.beta = beta;
        this.tau2 = tau2;
        this.prior = prior;
        this.posterior = posterior;
        this.posteriorVariance = posteriorVariance;
    }

    /**
     * @param successes kᵢ (may be fractional)
     * @param trials nᵢ; a station with nᵢ = 0 gets its prior
     */
    static SupportModel fit(Design design, double[] successes, double[] trials) {
        int n = trials.length;
        double[] y = new double[n];
        double[] s2 = new double[n];
        for (int i = 0; i < n; i++) {
            double p = (successes[i] + 0.5) / (trials[i] + 1);
            y[i] = Normal.logit(p);
            s2[i] = trials[i] > 0 ? 1 / ((trials[i] + 1) * p * (1 - p)) : Double.POSITIVE_INFINITY;
        }
        double tau2 = 0.1;
        double[] beta = null;
        double[] w = new double[n];
        for (int iteration = 0; iteration < 4; iteration++) {
            for (int i = 0; i < n; i++) {
                w[i] = Double.isInfinite(s2[i]) ? 0 : 1 / (s2[i] + tau2);
            }
            beta = Ridge.fit(design.rows, y, w, design.penalty);
            double excess = 0;
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (!Double.isInfinite(s2[i])) {
                    double r = y[i] - Ridge.dot(design.rows[i], beta);
                    excess += r * r - s2[i];
                    count++;
                }
            }
            tau2 = Math.max(1e-4, count > design.rows[0].length ? excess / (count - design.rows[0].length) : excess / Math.max(1, count));
        }
        double[] prior = new double[n];
        double[] posterior = new double[n];
        double[] variance = new double[n];
        for (int i = 0; i < n; i++) {
            prior[i] = Ridge.dot(design.rows[i], beta);
            double precision = 1 / tau2 + (Double.isInfinite(s2[i]) ? 0 : 1 / s2[i]);
            posterior[i] = (prior[i] / tau2 + (Double.isInfinite(s2[i]) ? 0 : y[i] / s2[i])) / precision;
            variance[i] = 1 / precision;
        }
        return new SupportModel(beta, tau2, prior, posterior, variance);
    }

    static SupportModel fit(List<String> sectors, List<Map<String, Double>> figures, double[] successes, double[] trials,
            double ridge) {
        return fit(Design.of(sectors, figures, null, ridge), successes, trials);
    }
}
