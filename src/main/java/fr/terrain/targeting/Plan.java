package fr.terrain.targeting;

import java.util.List;
import java.util.Map;

/**
 * The result of {@link Targeting#plan}: one row per station (in the order of the input), and the
 * totals by sector.
 *
 * @param hoursGiven the budget
 * @param hoursAllocated what was allocated (less than the budget only when sector ceilings bind)
 * @param expectedGain expected net votes of the whole allocation
 * @param referenceId the reference round, null without one
 * @param transitions the transition matrix fitted from the reference round, null when sympathetic
 *     abstainers come from the one-election model
 */
public record Plan(String electionId, String bloc, Parameters parameters, List<StationPlan> stations,
        List<SectorPlan> sectors, double hoursGiven, double hoursAllocated, double expectedGain, String referenceId,
        Transitions.Fit transitions) {

    public Plan {
        stations = List.copyOf(stations);
        sectors = List.copyOf(sectors);
    }

    /** Stations whose sympathetic abstainers come from the transition model (0 without reference). */
    public long stationsWithTransitions() {
        return stations.stream()
                .filter(s -> s.estimate().sympatheticModel() == StationEstimate.SympatheticModel.TRANSITIONS).count();
    }

    /**
     * One station in the plan.
     *
     * @param score expected net votes per canvassing hour at the first hour (seat weight included)
     * @param sectorWeight multiplier of the station's sector (1 without weights)
     * @param hours volunteer hours allocated
     * @param expectedGain expected net votes of those hours
     * @param marginalValue expected net votes of one more hour there
     * @param topics best topics first
     */
    public record StationPlan(StationEstimate estimate, double score, double sectorWeight, double hours,
            double expectedGain, double marginalValue, List<TopicRules.TopicMatch> topics) {
        /** The order every view of a plan lists its stations in: most hours first, the higher score between equal hours. */
        public static final java.util.Comparator<StationPlan> MOST_HOURS_FIRST = java.util.Comparator
                .comparingDouble(StationPlan::hours).reversed()
                .thenComparing(java.util.Comparator.comparingDouble(StationPlan::score).reversed());

        public StationPlan {
            topics = List.copyOf(topics);
        }

        public String station() {
            return estimate.station().toString();
        }
    }

    /** A sector's totals: hours, expected gain, and the marginal value of its next hour. */
    public record SectorPlan(String sector, int stations, double registered, double hours, double expectedGain,
            double bestMarginalValue, Map<String, Long> topTopics) {
        public SectorPlan {
            topTopics = Map.copyOf(topTopics);
        }
    }
}
