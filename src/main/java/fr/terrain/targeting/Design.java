package fr.terrain.targeting;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The regression design shared by the support model and the backtests: an intercept, one effect
 * per sector (lists differ by sector in Paris), the standardised INSEE covariates that every
 * station can be given (a missing figure takes the mean, i.e. 0), and optional extra columns.
 * Sector effects and covariates are ridge-penalised, the intercept is not.
 */
final class Design {
    final double[][] rows;
    final double[] penalty;
    final List<String> columns;

    private Design(double[][] rows, double[] penalty, List<String> columns) {
        this.rows = rows;
        this.penalty = penalty;
        this.columns = columns;
    }

    /**
     * @param extra per station, further columns (a reference election's logit share), already scaled; may be null
     */
    static Design of(List<String> sectors, List<Map<String, Double>> figures, List<double[]> extra, double ridge) {
        return of(sectors, figures, extra, ridge, null);
    }

    /**
     * The same, covariates standardised with the means and standard deviations of the stations the
     * regression is fitted on.
     *
     * @param fitted per station, whether the regression is fitted on it (null: every station); a backtest
     *     gives its training folds, so that the held-out stations' figures shape neither the scale the
     *     ridge penalty acts on nor the mean a missing figure takes
     */
    static Design of(List<String> sectors, List<Map<String, Double>> figures, List<double[]> extra, double ridge,
            boolean[] fitted) {
        int n = sectors.size();
        Map<String, Integer> sectorIndex = new TreeMap<>();
        sectors.forEach(s -> sectorIndex.putIfAbsent(s, 0));
        int k = 0;
        for (var e : sectorIndex.entrySet()) {
            e.setValue(k++);
        }
        Set<String> available = new HashSet<>();
        figures.forEach(f -> available.addAll(f.keySet()));
        List<Measure.Resolved> measures = new ArrayList<>();
        List<String> columns = new ArrayList<>(List.of("intercept"));
        sectorIndex.keySet().forEach(s -> columns.add("sector " + s));
        for (Measure m : Measure.COVARIATES) {
            m.resolve(available).ifPresent(r -> {
                measures.add(r);
                columns.add(m.id());
            });
        }
        int extraCols = extra == null || extra.isEmpty() ? 0 : extra.get(0).length;
        for (int j = 0; j < extraCols; j++) {
            columns.add("extra " + j);
        }
        double[][] raw = new double[n][measures.size()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < measures.size(); j++) {
                double v = measures.get(j).valueOf(figures.get(i));
                if (measures.get(j).measure().id().equals("median_income") && v > 0) {
                    v = Math.log(v);
                }
                raw[i][j] = v;
            }
        }
        standardise(raw, fitted);
        int p = columns.size();
        double[][] rows = new double[n][p];
        for (int i = 0; i < n; i++) {
            rows[i][0] = 1;
            rows[i][1 + sectorIndex.get(sectors.get(i))] = 1;
            System.arraycopy(raw[i], 0, rows[i], 1 + sectorIndex.size(), measures.size());
            for (int j = 0; j < extraCols; j++) {
                rows[i][1 + sectorIndex.size() + measures.size() + j] = extra.get(i)[j];
            }
        }
        double[] penalty = new double[p];
        for (int j = 1; j < p; j++) {
            penalty[j] = ridge;
        }
        for (int j = p - extraCols; j < p; j++) {
            penalty[j] = ridge * 1e-3; // the reference election is the main predictor: barely shrunk
        }
        return new Design(rows, penalty, List.copyOf(columns));
    }

    /**
     * Columns to mean 0 and standard deviation 1 over the {@code fitted} rows (all when null); NaN
     * (withheld or unknown) becomes 0, the mean.
     */
    private static void standardise(double[][] raw, boolean[] fitted) {
        if (raw.length == 0) {
            return;
        }
        for (int j = 0; j < raw[0].length; j++) {
            double sum = 0;
            double sq = 0;
            int count = 0;
            for (int i = 0; i < raw.length; i++) {
                double[] row = raw[i];
                if ((fitted == null || fitted[i]) && Double.isFinite(row[j])) {
                    sum += row[j];
                    sq += row[j] * row[j];
                    count++;
                }
            }
            double mean = count > 0 ? sum / count : 0;
            double sd = count > 1 ? Math.sqrt(Math.max(0, sq / count - mean * mean)) : 0;
            for (double[] row : raw) {
                row[j] = Double.isFinite(row[j]) && sd > 0 ? (row[j] - mean) / sd : 0;
            }
        }
    }
}
