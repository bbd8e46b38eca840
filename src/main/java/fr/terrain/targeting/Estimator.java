package fr.terrain.targeting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-station estimates for a bloc (see {@code docs/targeting.md}, "Estimates").
 *
 * <p>Sympathetic abstainers: the bloc's support among a station's voters is estimated by the
 * hierarchical model of {@link SupportModel} (sector effects and INSEE covariates, partial pooling
 * across stations). Abstainers are assumed to lean like the voters of their station, shifted by
 * {@link Parameters#abstainerLean()} on the logit scale, with {@link Parameters#abstainerLeanSd()}
 * of extra uncertainty. Since the estimate is abstainers × a probability, it lies within
 * [0, abstainers] by construction.
 */
public final class Estimator {
    private Estimator() {}

    /**
     * @param reference counts of a reference election carried onto the same stations, or an empty map
     */
    public static List<StationEstimate> estimate(List<StationInput> stations, Bloc bloc, String electionId,
            Map<fr.terrain.election.StationCode, BlocCounts> reference, Parameters parameters) {
        int n = stations.size();
        if (n == 0) {
            return List.of();
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

            double mean = model.posterior[i] + parameters.abstainerLean();
            double sd = Math.sqrt(model.posteriorVariance[i] + parameters.abstainerLeanSd() * parameters.abstainerLeanSd());
            double a = c.abstainers();
            Interval sympathetic = new Interval(a * Normal.expit(mean), a * Normal.expit(mean - z * sd),
                    a * Normal.expit(mean + z * sd));

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
                    sympathetic, persuadables, volatility));
        }
        return out;
    }
}
