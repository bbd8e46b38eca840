package fr.terrain.targeting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-station estimates for a bloc (see {@code docs/targeting.md}, "Estimates").
 *
 * <p>Sympathetic abstainers, with a reference round: the abstainers of the target round estimated
 * to have voted for our bloc in the reference round, by the Goodman transition model of
 * {@link Transitions} fitted across the stations that have both rounds, each station's table raked to
 * its own margins (within the Duncan–Davis bounds), intervals from a bootstrap over stations.
 *
 * <p>Without a reference round (and for a station the reference does not cover), the one-election
 * model: the bloc's support among a station's voters is estimated by the hierarchical model of
 * {@link SupportModel} (sector effects and INSEE covariates, partial pooling across stations), and
 * abstainers are assumed to lean like the voters of their station, shifted by
 * {@link Parameters#abstainerLean()} on the logit scale, with {@link Parameters#abstainerLeanSd()}
 * of extra uncertainty. Either way the estimate lies within [0, abstainers].
 */
public final class Estimator {
    /** Fewer stations with both rounds than this, and the transition model is not fitted. */
    public static final int MIN_TRANSITION_STATIONS = 20;

    private Estimator() {}

    /**
     * @param transitions the fitted transition matrix, null when the one-election model was used for every station
     */
    public record Estimates(List<StationEstimate> stations, Transitions.Fit transitions) {}

    /**
     * @param reference counts of a reference election carried onto the same stations, or an empty map
     */
    public static List<StationEstimate> estimate(List<StationInput> stations, Bloc bloc, String electionId,
            Map<fr.terrain.election.StationCode, BlocCounts> reference, Parameters parameters) {
        return run(stations, bloc, electionId, reference, parameters).stations();
    }

    /** The estimates and, when a reference round is given, the transition matrix they come from. */
    public static Estimates run(List<StationInput> stations, Bloc bloc, String electionId,
            Map<fr.terrain.election.StationCode, BlocCounts> reference, Parameters parameters) {
        return fit(stations, bloc, electionId, reference, parameters).estimates();
    }

    /** The estimates with the support model fitted for them (null without stations), which {@link Forecast} reads. */
    record Fitted(Estimates estimates, SupportModel support) {}

    static Fitted fit(List<StationInput> stations, Bloc bloc, String electionId,
            Map<fr.terrain.election.StationCode, BlocCounts> reference, Parameters parameters) {
        int n = stations.size();
        if (n == 0) {
            return new Fitted(new Estimates(List.of(), null), null);
        }
        double z = parameters.z();
        List<BlocCounts> counts = new ArrayList<>(n);
        double[] ours = new double[n];
        double[] expressed = new double[n];
        for (int i = 0; i < n; i++) {
            BlocCounts c = BlocCounts.of(stations.get(i).result(), bloc, electionId);
            counts.add(c);
            ours[i] = Math.min(c.ours(), c.expressed());
            expressed[i] = c.expressed();
        }
        double[][] from = new double[n][];
        double[][] to = new double[n][];
        Transitions.Fit transitions = null;
        if (!reference.isEmpty()) {
            List<Integer> both = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                BlocCounts ref = reference.get(stations.get(i).station());
                if (ref != null && ref.registered() > 0 && counts.get(i).registered() > 0) {
                    from[i] = Transitions.from(ref);
                    to[i] = Transitions.to(counts.get(i));
                    both.add(i);
                }
            }
            if (both.size() >= MIN_TRANSITION_STATIONS) {
                double[][] x = new double[both.size()][];
                double[][] y = new double[both.size()][];
                double[] w = new double[both.size()];
                for (int j = 0; j < both.size(); j++) {
                    int i = both.get(j);
                    x[j] = from[i];
                    y[j] = to[i];
                    w[j] = counts.get(i).registered();
                }
                transitions = Transitions.fit(x, y, w, Transitions.REPLICATES, Transitions.SEED, parameters.confidence());
            }
        }
        SupportModel model = SupportModel.fit(stations.stream().map(StationInput::sector).toList(),
                stations.stream().map(StationInput::indicators).toList(), ours, expressed, parameters.ridge());
        List<StationEstimate> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StationInput s = stations.get(i);
            BlocCounts c = counts.get(i);
            double registered = c.registered();
            Interval turnout = Interval.wilson(c.voters(), registered, z);
            Interval share = Interval.wilson(ours[i], c.expressed(), z);
            Interval shareOfRegistered = Interval.wilson(ours[i], registered, z);
            Interval abstainers = new Interval(c.abstainers(), registered * (1 - turnout.high()),
                    registered * (1 - turnout.low()));
            abstainers = new Interval(c.abstainers(), Math.min(c.abstainers(), abstainers.low()),
                    Math.max(c.abstainers(), abstainers.high()));

            double a = c.abstainers();
            Interval sympathetic;
            Interval bounds;
            StationEstimate.SympatheticModel method;
            if (transitions != null && from[i] != null) {
                Transitions.Station t = Transitions.station(transitions, from[i], to[i], registered, parameters.confidence());
                sympathetic = clamp(t.estimate(), a);
                bounds = clamp(t.bounds(), a);
                method = StationEstimate.SympatheticModel.TRANSITIONS;
            } else {
                double mean = model.posterior[i] + parameters.abstainerLean();
                double sd = Math.sqrt(model.posteriorVariance[i] + parameters.abstainerLeanSd() * parameters.abstainerLeanSd());
                sympathetic = new Interval(a * Normal.expit(mean), a * Normal.expit(mean - z * sd),
                        a * Normal.expit(mean + z * sd));
                bounds = new Interval(sympathetic.value(), 0, a);
                method = StationEstimate.SympatheticModel.ONE_ELECTION;
            }

            double volatility = Double.NaN;
            double persuadable = c.neighbours();
            BlocCounts ref = reference.get(s.station());
            if (ref != null && ref.expressed() > 0 && c.expressed() > 0) {
                volatility = Math.abs(c.share() - ref.share());
                persuadable += volatility * c.expressed();
            }
            double ceiling = Math.max(0, c.expressed() - ours[i]);
            persuadable = Math.min(persuadable, ceiling);
            Interval p = Interval.wilson(persuadable, c.expressed(), z).times(c.expressed());
            Interval persuadables = new Interval(persuadable, Math.min(persuadable, p.low()),
                    Math.max(persuadable, Math.min(ceiling, p.high())));
            out.add(new StationEstimate(s.station(), s.sector(), s.result().registered(), s.result().voters(),
                    s.result().expressed(), ours[i], c.neighbours(), turnout, share, shareOfRegistered, abstainers,
                    sympathetic, persuadables, volatility, method, bounds));
        }
        return new Fitted(new Estimates(out, transitions), model);
    }

    /** Within [0, abstainers] against rounding (the table's margins are the same counts). */
    private static Interval clamp(Interval i, double abstainers) {
        double v = Math.max(0, Math.min(abstainers, i.value()));
        return new Interval(v, Math.max(0, Math.min(v, i.low())), Math.min(abstainers, Math.max(v, i.high())));
    }
}
