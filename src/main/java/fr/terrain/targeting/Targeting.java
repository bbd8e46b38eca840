package fr.terrain.targeting;

import fr.terrain.election.StationCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entry point: estimates, score, allocation and topics for every station of one round.
 *
 * <p>Score (expected net votes per hour) = doors per hour × contact rate × registered per door ×
 * (persuasion effect × persuadable share + mobilisation effect × sympathetic-abstainer share) ×
 * sector weight, shares being of registered voters.
 */
public final class Targeting {
    /** Topics kept per station. */
    public static final int TOPICS_PER_STATION = 3;

    private Targeting() {}

    /**
     * @param stations every station of the round, with its sector, INSEE figures and location
     * @param reference a reference election's counts carried onto these stations, or an empty map: with one,
     *     sympathetic abstainers come from the transition model ({@link Transitions}) and persuadables add volatility
     * @param sectorWeights sector → multiplier (marginal value of a vote there); a sector not named weighs 1
     * @param topics the campaign's topic rules (or {@code TopicRules(List.of())} for none)
     */
    public static Plan plan(String electionId, Bloc bloc, List<StationInput> stations, Map<StationCode, BlocCounts> reference,
            Map<String, Double> sectorWeights, Budget budget, TopicRules topics, Parameters p) {
        return plan(electionId, bloc, stations, null, reference, sectorWeights, budget, topics, p);
    }

    /** The same, naming the reference round ({@code referenceId}, null without one) in the plan. */
    public static Plan plan(String electionId, Bloc bloc, List<StationInput> stations, String referenceId,
            Map<StationCode, BlocCounts> reference, Map<String, Double> sectorWeights, Budget budget, TopicRules topics,
            Parameters p) {
        return plan(electionId, bloc, stations, referenceId, reference, sectorWeights, budget, topics, p, Map.of());
    }

    /**
     * The same, with what canvassers already did: {@code votersReached} gives, by station, how many registered
     * voters live behind doors that already have an outcome. The station's reservoir ({@code registered /
     * registeredPerDoor} doors) keeps only the share left, {@code C × (1 − reached / registered)}, at least nothing;
     * its score per hour is unchanged, since the doors left have not been knocked (docs/targeting.md, "Field
     * progress"). Voters, not doors: a door of the list is a household, while the model's door is
     * {@code registeredPerDoor} voters.
     */
    public static Plan plan(String electionId, Bloc bloc, List<StationInput> stations, String referenceId,
            Map<StationCode, BlocCounts> reference, Map<String, Double> sectorWeights, Budget budget, TopicRules topics,
            Parameters p, Map<StationCode, Long> votersReached) {
        return plan(electionId, bloc, stations, referenceId, reference, sectorWeights, budget, topics, p, votersReached,
                Map.of());
    }

    /**
     * The same, with the topics canvassers heard at each station's doors ({@link FieldTopics}): a topic received
     * better than the city's average moves up the station's ranking, one received worse moves down.
     */
    public static Plan plan(String electionId, Bloc bloc, List<StationInput> stations, String referenceId,
            Map<StationCode, BlocCounts> reference, Map<String, Double> sectorWeights, Budget budget, TopicRules topics,
            Parameters p, Map<StationCode, Long> votersReached, Map<StationCode, List<FieldTopics.Heard>> heard) {
        for (var d : votersReached.entrySet()) {
            if (d.getValue() < 0) {
                throw new IllegalArgumentException("nombre d'électeurs aux portes déjà frappées négatif au bureau " + d.getKey()
                        + " : " + d.getValue());
            }
        }
        if (!bloc.covers(electionId)) {
            throw new IllegalArgumentException("le bloc « " + bloc.name() + " » ne dit rien de l'élection " + electionId
                    + " (élections couvertes : " + bloc.ours().keySet() + ")");
        }
        for (var w : sectorWeights.entrySet()) {
            if (!(w.getValue() >= 0) || !Double.isFinite(w.getValue())) {
                throw new IllegalArgumentException("poids du secteur " + w.getKey() + " invalide : " + w.getValue());
            }
        }
        Estimator.Estimates run = Estimator.run(stations, bloc, electionId, reference, p);
        List<StationEstimate> estimates = run.stations();
        List<Allocation.Reservoir> reservoirs = new ArrayList<>(estimates.size());
        double[] weights = new double[estimates.size()];
        for (int i = 0; i < estimates.size(); i++) {
            StationEstimate e = estimates.get(i);
            weights[i] = sectorWeights.getOrDefault(e.sector(), 1.0);
            double left = e.registered() == 0 ? 0
                    : Math.max(0, 1 - votersReached.getOrDefault(e.station(), 0L) / (double) e.registered());
            reservoirs.add(new Allocation.Reservoir(e.sector(), score(e, p) * weights[i],
                    e.registered() / p.registeredPerDoor() / p.doorsPerHour() * left));
        }
        double[] hours = Allocation.allocate(reservoirs, budget, p.stepHours());
        Map<StationCode, List<TopicRules.TopicMatch>> topicMatches;
        if (heard.isEmpty()) {
            topicMatches = topics.score(stations, TOPICS_PER_STATION);
        } else {
            double city = FieldTopics.cityRate(heard.values());
            // every topic is scored before the cut to TOPICS_PER_STATION, so that a heard one can climb back
            topicMatches = new java.util.HashMap<>();
            topics.score(stations, Integer.MAX_VALUE).forEach((station, all) -> topicMatches.put(station,
                    heard.containsKey(station) ? FieldTopics.rerank(all, heard.get(station), city, topics, TOPICS_PER_STATION)
                            : all.subList(0, Math.min(TOPICS_PER_STATION, all.size()))));
        }
        List<Plan.StationPlan> rows = new ArrayList<>(estimates.size());
        Map<String, double[]> bySector = new TreeMap<>(Targeting::compareSectors);
        Map<String, Map<String, Long>> sectorTopics = new TreeMap<>();
        double allocated = 0;
        double gain = 0;
        for (int i = 0; i < estimates.size(); i++) {
            Allocation.Reservoir r = reservoirs.get(i);
            StationEstimate e = estimates.get(i);
            double g = r.gain(hours[i]);
            List<TopicRules.TopicMatch> t = topicMatches.getOrDefault(e.station(), List.of());
            rows.add(new Plan.StationPlan(e, r.score(), weights[i], hours[i], g, r.marginal(hours[i]), t));
            allocated += hours[i];
            gain += g;
            double[] s = bySector.computeIfAbsent(e.sector(), k -> new double[5]);
            s[0]++;
            s[1] += e.registered();
            s[2] += hours[i];
            s[3] += g;
            s[4] = Math.max(s[4], r.marginal(hours[i]));
            if (!t.isEmpty()) {
                sectorTopics.computeIfAbsent(e.sector(), k -> new TreeMap<>()).merge(t.get(0).label(), 1L, Long::sum);
            }
        }
        List<Plan.SectorPlan> sectors = new ArrayList<>();
        bySector.forEach((sector, s) -> sectors.add(new Plan.SectorPlan(sector, (int) s[0], s[1], s[2], s[3], s[4],
                sectorTopics.getOrDefault(sector, Map.of()))));
        return new Plan(electionId, bloc.name(), p, rows, sectors, budget.total(), allocated, gain,
                reference.isEmpty() ? null : referenceId, run.transitions());
    }

    /** Expected net votes per hour at a station before any hour is spent there (without seat weight). */
    public static double score(StationEstimate e, Parameters p) {
        return p.doorsPerHour() * p.contactRate() * p.registeredPerDoor()
                * (p.persuasionEffect() * e.persuadableShare() + p.mobilisationEffect() * e.sympatheticShare());
    }

    /** Sectors in numeric order when they are numbers ("1", "5", … "20"), else alphabetically. */
    static int compareSectors(String a, String b) {
        boolean na = a.matches("\\d+");
        boolean nb = b.matches("\\d+");
        if (na && nb) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        return na != nb ? (na ? -1 : 1) : a.compareTo(b);
    }
}
