package fr.terrain.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.election.StationResult;
import fr.terrain.election.simulation.Camps;
import fr.terrain.election.simulation.Simulation;
import fr.terrain.election.simulation.SimulationResult;
import fr.terrain.election.simulation.Transfers;
import fr.terrain.ingest.FolderImport;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.store.Results;
import fr.terrain.store.Store;
import fr.terrain.web.simulation.SimulationSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulation on the generated demo city, imported by the same importers as real data. */
class SimulationDemoTest {

    @Test
    void theDemoCitySimulatesAndTheSpreadIsFittedOnItsEarlierRound(@TempDir Path home) {
        Path dir = DemoFiles.small();
        try (Store store = Store.h2(home)) {
            new FolderImport(new Importer(store, Progress.NONE, true), CityGenerator.TERRITORY).run(dir, e -> { });

            SimulationSetup.Setup byLabel = SimulationSetup.build(store, "paris-1982", "demo-2026-t1", Camps.byLabel(), null, null);
            // 2020 and 2026 have other heads of list: nothing to compare label by label
            assertThat(byLabel.model().parameterSource()).contains("par défaut");
            SimulationResult r = Simulation.run(byLabel.model(), Transfers.DEFAULT, 3_000, 11);
            assertThat(r.sectors()).hasSize(17);
            assertThat(r.councilSeats()).isEqualTo(163);
            assertThat(r.camps().stream().mapToDouble(SimulationResult.CampResult::meanSeats).sum()).isCloseTo(163,
                    org.assertj.core.api.Assertions.within(1e-6));

            // camps by city-wide rank in each election: the n-th list of 2020 and of 2026 form camp n
            Camps byRank = new Camps(rankCamps(store, "demo-2020-t1", rankCamps(store, "demo-2026-t1", new LinkedHashMap<>())));
            SimulationSetup.Setup fitted = SimulationSetup.build(store, "paris-1982", "demo-2026-t1", byRank, null, null);
            assertThat(fitted.model().parameterSource()).contains("ajustés sur l'écart entre demo-2020-t1 et demo-2026-t1");
            assertThat(fitted.model().swing()).isPositive();
            assertThat(fitted.model().sectorNoise()).isPositive();
            SimulationResult f = Simulation.run(fitted.model(), Transfers.DEFAULT, 3_000, 11);
            assertThat(f.camps().get(0).camp()).isEqualTo("rang 1");
            assertThat(f.sectors()).allSatisfy(s -> assertThat(s.tippingPointProbability()).isBetween(0.0, 1.0));
        }
    }

    /** Camp "rang n" = the n-th list of its arrondissement; a label already placed keeps its first camp. */
    private static Map<String, List<String>> rankCamps(Store store, String election, Map<String, List<String>> camps) {
        Map<Integer, Map<String, Long>> votes = new java.util.TreeMap<>();
        for (StationResult r : Results.load(store, election)) {
            r.votes().forEach(v -> votes.computeIfAbsent(r.station().arrondissement(), k -> new HashMap<>())
                    .merge(v.list().label(), (long) v.votes(), Long::sum));
        }
        java.util.Set<String> placed = new java.util.HashSet<>();
        camps.values().forEach(placed::addAll);
        for (Map<String, Long> sector : votes.values()) {
            List<String> labels = new ArrayList<>(sector.keySet());
            labels.sort((a, b) -> Long.compare(sector.get(b), sector.get(a)));
            for (int i = 0; i < labels.size(); i++) {
                if (placed.add(labels.get(i))) {
                    camps.computeIfAbsent("rang " + (i + 1), k -> new ArrayList<>()).add(labels.get(i));
                }
            }
        }
        return camps;
    }
}
