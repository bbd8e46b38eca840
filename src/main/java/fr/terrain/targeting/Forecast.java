package fr.terrain.targeting;

import fr.terrain.election.StationCode;
import fr.terrain.geo.Crosswalk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The out-of-time test: a round's station estimates, carried by area onto a later round's stations, against what
 * that later round's stations actually did (docs/targeting.md, "2020 → 2026, the real future").
 *
 * <p>The later round's level (its city-wide turnout, its bloc's score) cannot be known from the earlier one: the
 * scores are level-free. Per target (turnout, bloc share of exprimés, sympathetic abstainers per inscrit) and per
 * estimate, over the later stations: Spearman's rank correlation; the mean shift (actual − estimated, mean over
 * stations) and the mean absolute error once that shift is removed; the share of the k stations the estimate ranks
 * first (lowest turnout, highest share) that are among the k the later round ranks first.
 *
 * <p>Estimates compared, each computed on the earlier round's stations and then carried:
 * <ul>
 * <li>{@link Estimate#RAW}: the earlier round's figure as is;</li>
 * <li>{@link Estimate#ARRONDISSEMENT}: the pooled figure of the station's arrondissement;</li>
 * <li>{@link Estimate#TARGET}: what {@code terrain target} computes without reference round — turnout as observed,
 * the bloc's support among voters from the hierarchical model ({@link SupportModel}: sector, INSEE covariates,
 * partial pooling), sympathetic abstainers from {@link Estimator};</li>
 * <li>{@link Estimate#SMOOTHED}: the backtest's model fitted on every station — ridge regression on sector and
 * covariates plus the mean residual of the nearest other stations — which does not use the station's own figure
 * beyond its 1/n weight in the regression.</li>
 * <li>{@link Estimate#TRANSITIONS}, sympathetic abstainers only and only when a reference round is given: what
 * {@code terrain target --reference} computes — the earlier round's abstainers estimated to have voted for the bloc in
 * the reference round ({@link Transitions}, Goodman), the one-election model for a station the reference does not
 * cover. The later round's own "sympathetic abstainers" are abstentions × bloc share, the one-election model's
 * assumption applied to real figures: this row is measured against the other model's yardstick.</li>
 * </ul>
 */
public final class Forecast {
    /** Carried estimates cover less of a later station's area than this: the station is left out. */
    public static final double MIN_COVERAGE = 0.5;

    private Forecast() {}

    /**
     * The later round's stations cannot be compared with the earlier round's (none covered: another city): a fault of
     * the later file, not of the code.
     */
    public static final class Refusal extends IllegalArgumentException {
        public Refusal(String message) {
            super(message);
        }
    }

    /** What is compared. */
    public enum Target {
        /** Votants / inscrits; the k stations with the lowest turnout. */
        TURNOUT,
        /** Our lists' share of exprimés; the k highest. */
        BLOC_SHARE,
        /** Abstainers × bloc share, per inscrit (abstainers assumed to lean like voters); the k highest. */
        SYMPATHETIC
    }

    /** Which earlier-round estimate; {@link #TRANSITIONS} is scored for {@link Target#SYMPATHETIC} only. */
    public enum Estimate { RAW, ARRONDISSEMENT, TARGET, SMOOTHED, TRANSITIONS }

    /**
     * A later-round station as it actually voted.
     *
     * @param blocShare our lists' share of exprimés (0–1)
     */
    public record Observed(StationCode station, int registered, int voters, double blocShare) {
        public Observed {
            Objects.requireNonNull(station, "station");
            if (registered < 1 || voters < 0 || voters > registered) {
                throw new IllegalArgumentException("bureau " + station + " : " + voters + " votants pour " + registered
                        + " inscrits");
            }
            if (!(blocShare >= 0 && blocShare <= 1)) {
                throw new IllegalArgumentException("bureau " + station + " : part du bloc hors de [0, 1] : " + blocShare);
            }
        }

        double value(Target t) {
            double turnout = voters / (double) registered;
            return switch (t) {
                case TURNOUT -> turnout;
                case BLOC_SHARE -> blocShare;
                case SYMPATHETIC -> (1 - turnout) * blocShare;
            };
        }
    }

    /**
     * @param meanShift mean over stations of actual − estimated, in percentage points (what the earlier round could
     *     not know)
     * @param maeAfterShift mean absolute error once {@code meanShift} is added to every estimate, in points
     * @param topHits share of the k stations ranked first by the estimate that the later round also ranks first
     */
    public record Score(Target target, Estimate estimate, int stations, double spearman, double meanShift,
            double maeAfterShift, double topHits) {}

    /**
     * @param topK the k of {@link Score#topHits}: the one asked, or the number of stations compared when fewer
     * @param compared later stations compared (covered at least {@link #MIN_COVERAGE} by the earlier stations)
     * @param leftOut later stations left out, not covered enough
     * @param reference the reference round of {@link Estimate#TRANSITIONS}, or null (no such row)
     * @param transitionStations earlier stations whose sympathetic abstainers came from the transition model (the
     *     others, not covered by the reference or all of them when too few are, from the one-election model)
     */
    public record Result(String election, int topK, List<StationCode> compared, List<StationCode> leftOut,
            List<Score> scores, String reference, int transitionStations) {
        public Score score(Target t, Estimate e) {
            return scores.stream().filter(s -> s.target() == t && s.estimate() == e).findFirst().orElseThrow();
        }
    }

    /**
     * @param stations the earlier round's stations (sector, INSEE figures, location), as for {@link Targeting#plan}
     * @param onto the crosswalk from the earlier round's stations to the later round's
     * @param observed the later round's stations
     * @param topK how many stations the hit rate looks at
     */
    public static Result run(String electionId, Bloc bloc, List<StationInput> stations,
            Crosswalk<StationCode, StationCode> onto, List<Observed> observed, int topK, Parameters p) {
        return run(electionId, bloc, stations, null, Map.of(), onto, observed, topK, p);
    }

    /**
     * As {@link #run(String, Bloc, List, Crosswalk, List, int, Parameters)}, with the {@link Estimate#TRANSITIONS} row
     * of sympathetic abstainers when {@code reference} is not empty.
     *
     * @param referenceId the reference round, null when {@code reference} is empty
     * @param reference the reference round's counts carried onto {@code stations}, as for {@code terrain target
     *     --reference}; empty: no transitions row
     */
    public static Result run(String electionId, Bloc bloc, List<StationInput> stations, String referenceId,
            Map<StationCode, BlocCounts> reference, Crosswalk<StationCode, StationCode> onto, List<Observed> observed,
            int topK, Parameters p) {
        if (topK < 1) {
            throw new IllegalArgumentException("nombre de bureaux du palmarès invalide : " + topK);
        }
        int n = stations.size();
        double[] voters = new double[n];
        double[] registered = new double[n];
        double[] ours = new double[n];
        double[] expressed = new double[n];
        for (int i = 0; i < n; i++) {
            BlocCounts c = BlocCounts.of(stations.get(i).result(), bloc, electionId);
            // more votants than inscrits (imported with a warning) reads as full turnout, as in the backtest
            registered[i] = Math.max(c.registered(), c.voters());
            voters[i] = c.voters();
            ours[i] = Math.min(c.ours(), c.expressed());
            expressed[i] = c.expressed();
        }
        Map<Estimate, double[][]> earlier = new HashMap<>(); // estimate → {turnout, share, sympathetic} per station
        double[] rawTurnout = ratio(voters, registered);
        double[] rawShare = ratio(ours, expressed);
        earlier.put(Estimate.RAW, withSympathetic(rawTurnout, rawShare));
        earlier.put(Estimate.ARRONDISSEMENT, withSympathetic(byArrondissement(stations, voters, registered),
                byArrondissement(stations, ours, expressed)));
        Estimator.Fitted fitted = Estimator.fit(stations, bloc, electionId, Map.of(), p);
        SupportModel support = fitted.support();
        List<StationEstimate> estimates = fitted.estimates().stations();
        double[] targetShare = new double[n];
        double[] targetSympathetic = new double[n];
        for (int i = 0; i < n; i++) {
            targetShare[i] = Normal.expit(support.posterior[i]);
            targetSympathetic[i] = estimates.get(i).sympatheticShare();
        }
        earlier.put(Estimate.TARGET, new double[][] {rawTurnout, targetShare, targetSympathetic});
        earlier.put(Estimate.SMOOTHED, withSympathetic(smoothed(stations, voters, registered, p),
                smoothed(stations, ours, expressed, p)));
        int transitionStations = 0;
        if (!reference.isEmpty()) {
            List<StationEstimate> withReference = Estimator.estimate(stations, bloc, electionId, reference, p);
            double[] sympathetic = new double[n];
            for (int i = 0; i < n; i++) {
                sympathetic[i] = withReference.get(i).sympatheticShare();
                transitionStations += withReference.get(i).sympatheticModel()
                        == StationEstimate.SympatheticModel.TRANSITIONS ? 1 : 0;
            }
            earlier.put(Estimate.TRANSITIONS, new double[][] {null, null, sympathetic}); // no turnout, no share
        }

        Map<StationCode, Observed> byCode = new HashMap<>();
        for (Observed o : observed) {
            if (byCode.put(o.station(), o) != null) {
                throw new IllegalArgumentException("bureau " + o.station() + " donné deux fois");
            }
        }
        Map<Estimate, Map<Target, Map<StationCode, Crosswalk.Estimate>>> carried = new HashMap<>();
        earlier.forEach((e, figures) -> {
            Map<Target, Map<StationCode, Crosswalk.Estimate>> m = new HashMap<>();
            for (Target t : Target.values()) {
                if (figures[t.ordinal()] == null) {
                    continue;
                }
                m.put(t, onto.interpolateAverages(byStation(stations, figures[t.ordinal()]),
                        byStation(stations, t == Target.BLOC_SHARE ? expressed : registered)));
            }
            carried.put(e, m);
        });
        List<StationCode> compared = new ArrayList<>();
        List<StationCode> leftOut = new ArrayList<>();
        for (Observed o : observed) {
            boolean known = onto.targetCoverage(o.station()) >= MIN_COVERAGE && carried.values().stream()
                    .allMatch(m -> m.values().stream().allMatch(c -> c.containsKey(o.station())
                            && Double.isFinite(c.get(o.station()).value())));
            (known ? compared : leftOut).add(o.station());
        }
        if (compared.isEmpty()) {
            throw new Refusal("aucun bureau du scrutin ultérieur n'est couvert à " + Math.round(
                    100 * MIN_COVERAGE) + " % au moins par les bureaux de " + electionId + " : ils ne sont pas de la même ville ?");
        }
        List<Score> scores = new ArrayList<>();
        for (Target t : Target.values()) {
            double[] actual = compared.stream().mapToDouble(c -> byCode.get(c).value(t)).toArray();
            for (Estimate e : Estimate.values()) {
                Map<StationCode, Crosswalk.Estimate> c = carried.containsKey(e) ? carried.get(e).get(t) : null;
                if (c == null) {
                    continue;
                }
                double[] estimated = compared.stream().mapToDouble(s -> c.get(s).value()).toArray();
                double shift = meanShift(actual, estimated);
                scores.add(new Score(t, e, compared.size(), spearman(estimated, actual), 100 * shift,
                        100 * maeAfterShift(actual, estimated, shift),
                        topHits(estimated, actual, topK, t == Target.TURNOUT)));
            }
        }
        return new Result(electionId, Math.min(topK, compared.size()), List.copyOf(compared), List.copyOf(leftOut),
                List.copyOf(scores), reference.isEmpty() ? null : referenceId, transitionStations);
    }

    private static double[][] withSympathetic(double[] turnout, double[] share) {
        double[] sympathetic = new double[turnout.length];
        for (int i = 0; i < turnout.length; i++) {
            sympathetic[i] = (1 - turnout[i]) * share[i];
        }
        return new double[][] {turnout, share, sympathetic};
    }

    private static double[] ratio(double[] k, double[] n) {
        double[] out = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            out[i] = n[i] > 0 ? k[i] / n[i] : Double.NaN;
        }
        return out;
    }

    /** Each station gets its arrondissement's pooled k / n. */
    private static double[] byArrondissement(List<StationInput> stations, double[] k, double[] n) {
        Map<Integer, double[]> pooled = new HashMap<>();
        for (int i = 0; i < k.length; i++) {
            double[] a = pooled.computeIfAbsent(stations.get(i).station().arrondissement(), x -> new double[2]);
            a[0] += k[i];
            a[1] += n[i];
        }
        double[] out = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            double[] a = pooled.get(stations.get(i).station().arrondissement());
            out[i] = a[1] > 0 ? a[0] / a[1] : Double.NaN;
        }
        return out;
    }

    /**
     * The backtest's model fitted on every station: weighted ridge regression of the logit proportion on sector and
     * covariates, plus the mean residual of the nearest other stations.
     */
    private static double[] smoothed(List<StationInput> stations, double[] k, double[] n, Parameters p) {
        int count = stations.size();
        Design design = Design.of(stations.stream().map(StationInput::sector).toList(),
                stations.stream().map(StationInput::indicators).toList(), null, p.ridge());
        double[] y = new double[count];
        double[] w = new double[count];
        for (int i = 0; i < count; i++) {
            y[i] = Normal.logit((k[i] + 0.5) / (n[i] + 1));
            w[i] = n[i] > 0 ? Backtest.weight(k[i], n[i]) : 0;
        }
        double[] beta = Ridge.fit(design.rows, y, w, design.penalty);
        double[] residual = new double[count];
        for (int i = 0; i < count; i++) {
            residual[i] = y[i] - Ridge.dot(design.rows[i], beta);
        }
        // each station its own "fold": its neighbours are the other stations
        int[] self = IntStream.range(0, count).toArray();
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = Normal.expit(Ridge.dot(design.rows[i], beta)
                    + Backtest.neighbourResidual(stations, self, i, residual, i, p.neighbours()));
        }
        return out;
    }

    private static Map<StationCode, Double> byStation(List<StationInput> stations, double[] values) {
        Map<StationCode, Double> out = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                out.put(stations.get(i).station(), values[i]);
            }
        }
        return out;
    }

    /** Mean of actual − estimated. */
    static double meanShift(double[] actual, double[] estimated) {
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += actual[i] - estimated[i];
        }
        return actual.length == 0 ? Double.NaN : sum / actual.length;
    }

    /** Mean |actual − (estimated + shift)|. */
    static double maeAfterShift(double[] actual, double[] estimated, double shift) {
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(actual[i] - estimated[i] - shift);
        }
        return actual.length == 0 ? Double.NaN : sum / actual.length;
    }

    /** Spearman's rank correlation: Pearson's on the ranks, ties given their mean rank. */
    static double spearman(double[] a, double[] b) {
        return pearson(ranks(a), ranks(b));
    }

    /** Ranks from 1, values equal at {@link #level} sharing their mean rank. */
    static double[] ranks(double[] values) {
        double[] v = Arrays.stream(values).map(Forecast::level).toArray();
        Integer[] order = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] r = new double[v.length];
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && v[order[end + 1]] == v[order[start]]) {
                end++;
            }
            double mean = (start + end) / 2.0 + 1;
            for (int j = start; j <= end; j++) {
                r[order[j]] = mean;
            }
            start = end + 1;
        }
        return r;
    }

    private static double pearson(double[] a, double[] b) {
        int n = a.length;
        double ma = Arrays.stream(a).average().orElse(Double.NaN);
        double mb = Arrays.stream(b).average().orElse(Double.NaN);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Double.NaN;
    }

    /**
     * Share of the k first by {@code estimated} (lowest first when {@code lowest}, else highest) that are among the k
     * first by {@code actual}. A tie across the k-th place is broken at random, and the expected share is returned:
     * the arrondissement mean gives whole arrondissements one value, and a fixed order among them would decide the
     * score.
     */
    static double topHits(double[] estimated, double[] actual, int k, boolean lowest) {
        int m = Math.min(k, estimated.length);
        if (m == 0) {
            return Double.NaN;
        }
        double[] e = inTop(estimated, m, lowest);
        double[] a = inTop(actual, m, lowest);
        double hits = 0;
        for (int i = 0; i < e.length; i++) {
            hits += e[i] * a[i];
        }
        return hits / m;
    }

    /** Each station's probability of being among the m first when ties across the m-th place are broken at random. */
    private static double[] inTop(double[] v, int m, boolean lowest) {
        double[] key = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            key[i] = lowest ? level(v[i]) : -level(v[i]);
        }
        double[] sorted = key.clone();
        Arrays.sort(sorted);
        double last = sorted[m - 1];
        int better = 0;
        int tied = 0;
        for (double x : key) {
            better += x < last ? 1 : 0;
            tied += x == last ? 1 : 0;
        }
        double[] p = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            p[i] = key[i] < last ? 1 : key[i] == last ? (m - better) / (double) tied : 0;
        }
        return p;
    }

    /**
     * A proportion rounded to 1e-9: values equal but for the rounding of the crosswalk's weighted means (an
     * arrondissement's mean carried onto a station inside it) compare equal, as ties.
     */
    static double level(double v) {
        return Math.rint(v * 1e9) / 1e9;
    }
}
