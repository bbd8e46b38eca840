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
 * @param sympatheticAbstainers abstainers who would vote for our bloc if they voted; always within [0, abstainers]
 * @param persuadables voters of neighbour blocs, plus the volatile part of the electorate when a
 *     reference election is given; within [0, exprimés − our votes]
 * @param volatility |bloc share now − in the reference election| (share of exprimés), or NaN without reference
 */
public record StationEstimate(StationCode station, String sector, int registered, int voters, int expressed,
        double ourVotes, double neighbourVotes, Interval turnout, Interval blocShare, Interval blocShareOfRegistered,
        Interval abstainers, Interval sympatheticAbstainers, Interval persuadables, double volatility) {

    /** Sympathetic abstainers as a share of inscrits. */
    public double sympatheticShare() {
        return registered > 0 ? sympatheticAbstainers.value() / registered : 0;
    }

    /** Persuadables as a share of inscrits. */
    public double persuadableShare() {
        return registered > 0 ? persuadables.value() / registered : 0;
    }
}
