package fr.terrain.targeting;

/**
 * Weighted ridge regression: β minimising Σ wᵢ (yᵢ − xᵢβ)² + Σⱼ λⱼ βⱼ², solved from the normal
 * equations by Cholesky. Small dense problems only (a few dozen columns).
 */
final class Ridge {
    private Ridge() {}

    /**
     * @param penalty λⱼ per column (0 leaves a column, such as the intercept, unpenalised)
     */
    static double[] fit(double[][] x, double[] y, double[] w, double[] penalty) {
        int p = penalty.length;
        double[][] a = new double[p][p];
        double[] b = new double[p];
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i];
            double wi = w[i];
            if (wi == 0) {
                continue;
            }
            for (int j = 0; j < p; j++) {
                double v = wi * row[j];
                if (v == 0) {
                    continue;
                }
                b[j] += v * y[i];
                for (int k = 0; k <= j; k++) {
                    a[j][k] += v * row[k];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            a[j][j] += penalty[j] + 1e-9; // keeps an empty column (a sector with no station) solvable
        }
        return solveSymmetric(a, b);
    }

    /** Solves A x = b for a symmetric positive-definite A given by its lower triangle. */
    static double[] solveSymmetric(double[][] a, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double s = a[j][j];
            for (int k = 0; k < j; k++) {
                s -= l[j][k] * l[j][k];
            }
            if (!(s > 0)) {
                throw new IllegalStateException("système non défini positif (colonne " + j + ")");
            }
            l[j][j] = Math.sqrt(s);
            for (int i = j + 1; i < n; i++) {
                double t = a[i][j];
                for (int k = 0; k < j; k++) {
                    t -= l[i][k] * l[j][k];
                }
                l[i][j] = t / l[j][j];
            }
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * z[k];
            }
            z[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
