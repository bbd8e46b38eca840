package fr.terrain.targeting;

import fr.terrain.election.StationCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * K-fold cross-validation over the stations of a test election: each fold's stations are
 * predicted from the other folds only, by the model and by two baselines, and the mean absolute
 * errors (percentage points) are compared.
 *
 * <ul>
 * <li><b>model</b>: weighted ridge regression of the logit target on sector effects, INSEE
 * covariates and, when given, the logit of the reference election's figure at the station; its
 * prediction is then corrected by the mean residual of the {@link Parameters#neighbours()} nearest
 * training stations (spatial smoothing);</li>
 * <li><b>arrondissement mean</b>: the training stations' pooled figure in the same arrondissement;</li>
 * <li><b>uniform swing</b>: the reference figure at the station plus the mean change
 * (test − reference) over the training stations; not available without a reference election;</li>
 * <li><b>transitions</b>: the Goodman transition matrix ({@link Transitions}) fitted on the training
 * stations applied to the station's reference-round shares — a check of the matrix the sympathetic
 * abstainers come from, not of the model above; not available without a reference election.</li>
 * </ul>
 */
public final class Backtest {
    private Backtest() {}

    /** What is predicted. */
    public enum Target { BLOC_SHARE, TURNOUT }

    /**
     * @param model MAE of the model, in percentage points
     * @param arrondissementMean MAE of the arrondissement-mean baseline
     * @param uniformSwing MAE of the uniform-swing baseline, NaN without reference
     * @param transitions MAE of the transition matrix's prediction, NaN without reference
     */
    public record Score(Target target, int stations, double model, double arrondissementMean, double uniformSwing,
            double transitions) {
        public boolean modelBeatsBoth() {
            return model < arrondissementMean && (Double.isNaN(uniformSwing) || model < uniformSwing);
        }
    }

    public record Result(String test, String reference, int folds, List<Score> scores) {}

    /**
     * @param stations the test election's stations (with INSEE figures and locations)
     * @param reference reference counts carried onto the same stations; only stations having one (with
     *     inscrits and exprimés) are tested when the map is not empty
     */
    public static Result run(String testElection, Bloc bloc, List<StationInput> stations, String referenceElection,
            Map<StationCode, BlocCounts> reference, int folds, long seed, Parameters p) {
        List<StationInput> used = new ArrayList<>();
        List<BlocCounts> now = new ArrayList<>();
        List<BlocCounts> before = new ArrayList<>();
        for (StationInput s : stations) {
            BlocCounts c = BlocCounts.of(s.result(), bloc, testElection);
            BlocCounts r = reference.get(s.station());
            // a reference count with votes over 0 inscrits has no turnout nor transition shares (0 / 0): left out,
            // like a station the reference does not cover, rather than a NaN in every fold's regression
            if (c.expressed() <= 0 || (!reference.isEmpty() && (r == null || r.expressed() <= 0 || r.registered() <= 0))) {
                continue;
            }
            used.add(s);
            now.add(c);
            before.add(r);
        }
        if (used.size() < folds * 2) {
            throw new IllegalArgumentException("trop peu de bureaux pour une validation croisée en " + folds + " plis : "
                    + used.size());
        }
        int n = used.size();
        int[] fold = new int[n];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(seed));
        for (int k = 0; k < n; k++) {
            fold[order.get(k)] = k % folds;
        }
        List<Score> scores = new ArrayList<>();
        for (Target target : Target.values()) {
            double[] k = new double[n];
            double[] trials = new double[n];
            double[] ref = new double[n];
            for (int i = 0; i < n; i++) {
                BlocCounts c = now.get(i);
                k[i] = target == Target.BLOC_SHARE ? Math.min(c.ours(), c.expressed()) : c.voters();
                // a count with more votants than inscrits (imported with a warning) reads as full turnout: a share
                // above 1, or votes over 0 inscrits, would give a NaN logit and poison every fold's regression
                trials[i] = target == Target.BLOC_SHARE ? c.expressed() : Math.max(c.registered(), c.voters());
                BlocCounts r = before.get(i);
                ref[i] = r == null ? Double.NaN : target == Target.BLOC_SHARE ? r.share() : r.turnout();
            }
            scores.add(score(target, used, k, trials, ref, fold, folds, p, now, before));
        }
        return new Result(testElection, referenceElection, folds, scores);
    }

    private static Score score(Target target, List<StationInput> stations, double[] k, double[] trials, double[] ref,
            int[] fold, int folds, Parameters p, List<BlocCounts> now, List<BlocCounts> before) {
        int n = stations.size();
        boolean withReference = Double.isFinite(ref[0]);
        double[][] from = new double[n][];
        double[][] to = new double[n][];
        double[] registered = new double[n];
        if (withReference) {
            for (int i = 0; i < n; i++) {
                from[i] = Transitions.from(before.get(i));
                to[i] = Transitions.to(now.get(i));
                registered[i] = now.get(i).registered();
            }
        }
        double transitions = 0;
        List<double[]> extra = null;
        if (withReference) {
            extra = new ArrayList<>();
            for (double r : ref) {
                extra.add(new double[] {Normal.logit(clamp(r))});
            }
        }
        List<String> sectors = stations.stream().map(StationInput::sector).toList();
        List<Map<String, Double>> figures = stations.stream().map(StationInput::indicators).toList();
        double[] y = new double[n];
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = k[i] / trials[i];
            y[i] = Normal.logit((k[i] + 0.5) / (trials[i] + 1));
        }
        double model = 0;
        double arrondissement = 0;
        double swing = 0;
        for (int f = 0; f < folds; f++) {
            double[] w = new double[n];
            boolean[] fitted = new boolean[n];
            for (int i = 0; i < n; i++) {
                fitted[i] = fold[i] != f;
                w[i] = fitted[i] ? weight(k[i], trials[i]) : 0;
            }
            // covariates standardised on the training folds only: the held-out fold must not shape the fit
            Design design = Design.of(sectors, figures, extra, p.ridge(), fitted);
            double[] beta = Ridge.fit(design.rows, y, w, design.penalty);
            double[] residual = new double[n];
            Map<Integer, double[]> byArrondissement = new HashMap<>();
            double swingSum = 0;
            double swingCount = 0;
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    continue;
                }
                residual[i] = y[i] - Ridge.dot(design.rows[i], beta);
                double[] a = byArrondissement.computeIfAbsent(stations.get(i).station().arrondissement(), x -> new double[2]);
                a[0] += k[i];
                a[1] += trials[i];
                if (withReference) {
                    swingSum += truth[i] - ref[i];
                    swingCount++;
                }
            }
            double[][] rates = null;
            if (withReference) {
                int held = f;
                int[] training = java.util.stream.IntStream.range(0, n)
                        .filter(i -> fold[i] != held && from[i] != null && to[i] != null).toArray();
                rates = Transitions.solve(from, to, registered, training);
            }
            double pooledK = 0;
            double pooledN = 0;
            for (double[] a : byArrondissement.values()) {
                pooledK += a[0];
                pooledN += a[1];
            }
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    continue;
                }
                double eta = Ridge.dot(design.rows[i], beta) + neighbourResidual(stations, fold, f, residual, i, p.neighbours());
                model += Math.abs(Normal.expit(eta) - truth[i]);
                double[] a = byArrondissement.get(stations.get(i).station().arrondissement());
                double mean = a != null && a[1] > 0 ? a[0] / a[1] : pooledK / pooledN;
                arrondissement += Math.abs(mean - truth[i]);
                if (withReference) {
                    swing += Math.abs(clamp01(ref[i] + swingSum / swingCount) - truth[i]);
                    transitions += Math.abs(predict(target, from[i], rates) - truth[i]);
                }
            }
        }
        return new Score(target, n, 100 * model / n, 100 * arrondissement / n, withReference ? 100 * swing / n : Double.NaN,
                withReference ? 100 * transitions / n : Double.NaN);
    }

    /** Bloc share of exprimés or turnout predicted by a transition matrix from the reference shares. */
    private static double predict(Target target, double[] from, double[][] rates) {
        if (from == null) {
            return Double.NaN;
        }
        double[] y = Transitions.multiply(from, rates);
        if (target == Target.TURNOUT) {
            return 1 - y[Transitions.TO_ABSTENTION];
        }
        double expressed = y[0] + y[1] + y[2];
        return expressed > 0 ? y[0] / expressed : 0;
    }

    /** Mean residual of the nearest training stations (by centre), 0 when locations are unknown. */
    static double neighbourResidual(List<StationInput> stations, int[] fold, int f, double[] residual, int i, int k) {
        StationInput s = stations.get(i);
        if (k == 0 || !s.located()) {
            return 0;
        }
        double[] bestD = new double[k];
        int[] bestI = new int[k];
        java.util.Arrays.fill(bestD, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(bestI, -1);
        for (int j = 0; j < stations.size(); j++) {
            StationInput o = stations.get(j);
            if (fold[j] == f || !o.located()) {
                continue;
            }
            double d = (o.x() - s.x()) * (o.x() - s.x()) + (o.y() - s.y()) * (o.y() - s.y());
            if (d < bestD[k - 1]) {
                int pos = k - 1;
                while (pos > 0 && bestD[pos - 1] > d) {
                    bestD[pos] = bestD[pos - 1];
                    bestI[pos] = bestI[pos - 1];
                    pos--;
                }
                bestD[pos] = d;
                bestI[pos] = j;
            }
        }
        double sum = 0;
        int count = 0;
        for (int j : bestI) {
            if (j >= 0) {
                sum += residual[j];
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    static double weight(double k, double n) {
        double p = (k + 0.5) / (n + 1);
        return (n + 1) * p * (1 - p);
    }

    private static double clamp(double r) {
        return Math.min(1 - 1e-4, Math.max(1e-4, r));
    }

    private static double clamp01(double r) {
        return Math.min(1, Math.max(0, r));
    }
}
