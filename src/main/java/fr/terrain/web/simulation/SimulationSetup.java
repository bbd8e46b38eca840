package fr.terrain.web.simulation;

import fr.terrain.election.Candidacy;
import fr.terrain.election.Election;
import fr.terrain.election.StationResult;
import fr.terrain.election.law.SectorBallots;
import fr.terrain.election.law.VotingSystem;
import fr.terrain.election.simulation.Camps;
import fr.terrain.election.simulation.SpreadFit;
import fr.terrain.election.simulation.VoteModel;
import fr.terrain.store.Elections;
import fr.terrain.store.Results;
import fr.terrain.store.Store;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the vote model of an imported round 1: sector counts by the law engine, lists put in
 * their camps, and the deviations — given, else fitted on the previous round 1 of the same kind
 * and territory, else the defaults.
 */
public final class SimulationSetup {
    public static final List<String> SYSTEMS = List.of("paris-1982", "paris-2025");

    /** Members of the Conseil de Paris (CGCT L.2512-3), elected city-wide under the 2025 law. */
    static final int PARIS_COUNCIL = 163;

    private SimulationSetup() {}

    /** A model and what the user may want to know about how it was made. */
    public record Setup(VoteModel model, List<String> warnings) {}

    /**
     * @param swing the user's city-wide swing deviation, or null
     * @param sectorNoise the user's sector deviation, or null
     * @throws IllegalArgumentException with a message naming the faulty input
     */
    public static Setup build(Store store, String system, String electionId, Camps camps, Double swing,
            Double sectorNoise) {
        if (!SYSTEMS.contains(system)) {
            throw new IllegalArgumentException("système non simulé : " + system + " (simulés : " + String.join(", ", SYSTEMS)
                    + ")");
        }
        Election e = Elections.find(store, electionId).orElseThrow(() -> new IllegalArgumentException(
                "élection inconnue : " + electionId));
        if (e.round() != 1) {
            throw new IllegalArgumentException("la simulation part d'un premier tour (le second est modélisé par les"
                    + " reports) : " + e.id() + " est un tour " + e.round());
        }
        List<StationResult> stations = Results.load(store, e.id());
        if (stations.isEmpty()) {
            throw new IllegalArgumentException("aucun résultat importé pour " + e.id());
        }
        VotingSystem.SectorVote vote = VotingSystem.paris1982(e.year());
        Map<String, Candidacy> lists = Results.candidacies(store, e.id());
        Map<String, String> campOf = camps.assign(lists.values());
        List<String> warnings = new java.util.ArrayList<>();
        List<String> unused = camps.unusedLabels(lists.values());
        if (!unused.isEmpty()) {
            warnings.add(unused.size() + " liste(s) du fichier de camps absente(s) de " + e.id() + " : "
                    + String.join(", ", unused.stream().limit(8).toList()) + (unused.size() > 8 ? ", …" : ""));
        }
        VoteModel model = VoteModel.of(system, SectorBallots.bySector(vote.table(), 1, stations), campOf::get,
                VoteModel.DEFAULT_SWING, VoteModel.DEFAULT_SECTOR_NOISE, "", camps.catchAll().orElse(null));
        String source = "valeurs par défaut (docs/simulation.md)";
        double s = VoteModel.DEFAULT_SWING;
        double n = VoteModel.DEFAULT_SECTOR_NOISE;
        if (swing == null || sectorNoise == null) {
            Optional<Fitted> fitted = fitOnPrevious(store, e, vote, camps, model);
            if (fitted.isPresent()) {
                s = fitted.get().spread().swing();
                n = fitted.get().spread().sectorNoise();
                source = "ajustés sur l'écart entre " + fitted.get().previous() + " et " + e.id() + " ("
                        + fitted.get().spread().camps() + " camps, " + fitted.get().spread().sectors() + " secteurs)";
            }
        }
        if (swing != null && sectorNoise != null) {
            source = "donnés par l'utilisateur";
        } else if (swing != null || sectorNoise != null) {
            source = (swing != null ? "mouvement d'ensemble donné, bruit de secteur " : "bruit de secteur donné,"
                    + " mouvement d'ensemble ") + source;
        }
        VoteModel out = model.withDeviations(swing != null ? swing : s, sectorNoise != null ? sectorNoise : n, source);
        if (system.equals("paris-2025")) {
            // the same round-1 counts, summed by camp into the city-wide council ballot (L.272-4-1);
            // the sectors elect their arrondissement councils (1982 counts standing in for the 2025 table)
            out = out.cityWide(system, PARIS_COUNCIL);
            if (camps.isByLabel()) {
                warnings.add("paris-2025 : sans fichier de camps, chaque tête de liste de secteur est une liste"
                        + " municipale à part ; donnez des camps (une liste municipale par camp)");
            }
        }
        return new Setup(out, warnings);
    }

    private record Fitted(String previous, SpreadFit.Spread spread) {}

    /** The latest earlier round 1 of the same kind and territory with counts, if the spread can be fitted on it. */
    private static Optional<Fitted> fitOnPrevious(Store store, Election e, VotingSystem.SectorVote vote, Camps camps,
            VoteModel model) {
        Set<String> withResults = Results.electionsWithResults(store);
        Optional<Election> previous = Elections.list(store).stream()
                .filter(p -> p.round() == 1 && p.kind() == e.kind() && p.territory().equals(e.territory())
                        && p.date().isBefore(e.date()) && withResults.contains(p.id()))
                .max(Comparator.comparing(Election::date));
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Candidacy> lists = Results.candidacies(store, previous.get().id());
        // lists of the earlier round outside every camp get a camp of their own, which no later list shares
        VoteModel before;
        try {
            before = VoteModel.of(model.system(), SectorBallots.bySector(vote.table(), 1,
                    Results.load(store, previous.get().id())), label -> camps.campOf(lists.get(label))
                    .orElse("\u0000" + label), model.swing(), model.sectorNoise(), "", model.catchAll());
        } catch (IllegalArgumentException outsideTheTable) {
            return Optional.empty();
        }
        return SpreadFit.fit(before.sectors(), model.sectors()).map(s -> new Fitted(previous.get().id(), s));
    }
}
