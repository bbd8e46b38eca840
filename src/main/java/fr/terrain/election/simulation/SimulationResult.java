package fr.terrain.election.simulation;

import java.util.List;
import java.util.Map;

/**
 * What a simulation found.
 *
 * @param majority council seats needed for an absolute majority
 * @param pNoMajority share of draws where no camp holds a majority
 * @param camps per camp, by decreasing round-1 votes
 * @param sectors per sector, in the table's order
 */
public record SimulationResult(String system, int draws, long seed, double swing, double sectorNoise,
        String parameterSource, int councilSeats, int majority, double pNoMajority, List<CampResult> camps,
        List<SectorResult> sectors) {

    public SimulationResult {
        camps = List.copyOf(camps);
        sectors = List.copyOf(sectors);
    }

    /**
     * One camp's council seats over the draws.
     *
     * @param distribution {@code distribution[k]} = number of draws giving the camp {@code k} seats
     *     (length council seats + 1, summing to the draws)
     * @param expectedSeats seats on the expected result (no swing, no noise)
     */
    public record CampResult(String camp, double meanSeats, double pMajority, long[] distribution,
            int expectedSeats) {
        /** Seats at the given quantile of the distribution (0.05, 0.5, 0.95…). */
        public int seatsAtQuantile(double q) {
            long total = 0;
            for (long n : distribution) {
                total += n;
            }
            long cumulative = 0;
            for (int k = 0; k < distribution.length; k++) {
                cumulative += distribution[k];
                if (cumulative >= q * total && cumulative > 0) {
                    return k;
                }
            }
            return distribution.length - 1;
        }
    }

    /**
     * One sector.
     *
     * @param winProbability camp → share of draws where a list of the camp gets the bonus (only
     *     camps with a list in the sector)
     * @param meanSeats camp → mean council seats won in the sector
     * @param tippingPointProbability share of draws where handing the sector to its runner-up
     *     changes who holds the council majority (a camp, or nobody)
     * @param expectedWinner camp winning on the expected result, or null (unresolved tie)
     * @param votesNeeded camp → votes to move from the expected winner's list to the camp's first
     *     list for the camp to win the sector on the expected result (0 for the winner, null when
     *     even all the winner's votes do not suffice)
     */
    public record SectorResult(String sector, int seats, Map<String, Double> winProbability,
            Map<String, Double> meanSeats, double tippingPointProbability, String expectedWinner,
            Map<String, Long> votesNeeded) {}
}
