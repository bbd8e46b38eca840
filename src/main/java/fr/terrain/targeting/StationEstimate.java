package fr.terrain.targeting;

import fr.terrain.election.StationCode;

/**
 * What one polling station holds for a bloc, each estimate with its interval (level
 * {@link Parameters#confidence()}).
 *
 * @param turnout votants / inscrits (Wilson interval: the station's propensity to vote)
 * @param blocShare our lists' votes / exprimés
 * @param blocShareOfRegistered our lists' votes / inscrits
 * @param abstainers inscrits − votants, interval from the turnout interval
 * @param sympatheticAbstainers abstainers who would vote for our bloc if they voted; always within [0, abstainers].
 *     With {@link SympatheticModel#TRANSITIONS}: today's abstainers estimated to have voted for our bloc in the
 *     reference round; with {@link SympatheticModel#ONE_ELECTION}: abstainers × the support of similar voters
 * @param persuadables voters of neighbour blocs, plus the volatile part of the electorate when a
 *     reference election is given; within [0, exprimés − our votes]
 * @param volatility |bloc share now − in the reference election| (share of exprimés), or NaN without reference
 * @param sympatheticModel which model gave {@code sympatheticAbstainers}
 * @param sympatheticBounds what the station's own counts allow whatever the model: the Duncan–Davis bounds
 *     with the transition model, [0, abstainers] with the one-election model (value = the estimate)
 */
public record StationEstimate(StationCode station, String sector, int registered, int voters, int expressed,
        double ourVotes, double neighbourVotes, Interval turnout, Interval blocShare, Interval blocShareOfRegistered,
        Interval abstainers, Interval sympatheticAbstainers, Interval persuadables, double volatility,
        SympatheticModel sympatheticModel, Interval sympatheticBounds) {

    /** How sympathetic abstainers were estimated (docs/targeting.md). */
    public enum SympatheticModel {
        /** Goodman transitions from a reference round, raked to the station's margins ({@link Transitions}). */
        TRANSITIONS("transitions"),
        /** One election: abstainers lean like similar voters ({@link SupportModel}). */
        ONE_ELECTION("one-election");

        private final String id;

        SympatheticModel(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** Sympathetic abstainers as a share of inscrits. */
    public double sympatheticShare() {
        return registered > 0 ? sympatheticAbstainers.value() / registered : 0;
    }

    /** Persuadables as a share of inscrits. */
    public double persuadableShare() {
        return registered > 0 ? persuadables.value() / registered : 0;
    }
}
