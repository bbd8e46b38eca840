package fr.terrain.web.map;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.demo.CityGenerator;
import fr.terrain.election.Election;
import fr.terrain.election.StationCode;
import fr.terrain.field.Door;
import fr.terrain.field.DoorOutcome;
import fr.terrain.field.Start;
import fr.terrain.field.Turf;
import fr.terrain.field.TurfScope;
import fr.terrain.ingest.FolderImport;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.TargetingFiles;
import fr.terrain.store.Elections;
import fr.terrain.store.FieldFixtures;
import fr.terrain.store.FieldStore;
import fr.terrain.store.Results;
import fr.terrain.store.Store;
import fr.terrain.targeting.Bloc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web's targeting plans, kept while nothing they are made from changes. */
class PlansTest {

    @Test
    void outcomesArrivingAllDayDoNotPileUpPlansInMemory(@TempDir Path home) throws Exception {
        Path city = Files.createDirectories(home.resolve("ville"));
        CityGenerator.generate(city, new CityGenerator.Settings(CityGenerator.Scale.SMALL, 1L), Progress.NONE);
        try (Store store = Store.h2(Files.createDirectories(home.resolve("base")))) {
            new FolderImport(new Importer(store, Progress.NONE, false), CityGenerator.TERRITORY).run(city, e -> { });
            Election election = Elections.list(store).get(Elections.list(store).size() - 1);
            String list = Results.candidacies(store, election.id()).keySet().iterator().next();
            String definition = "{\"name\": \"essai\", \"ours\": {\"" + election.id() + "\": [\"" + list + "\"]}}";
            Bloc bloc = TargetingFiles.parseBloc(definition, "bloc");
            Plans plans = new Plans(store);
            Plans.Request request = new Plans.Request(election, bloc, definition, 1000, Optional.empty());
            plans.plan(request);

            // a station's doors canvassed one batch after another, the plan read again after each (the page's live use)
            StationCode station = plans.plan(request).stations().get(0).estimate().station();
            List<Door> doors = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                doors.add(FieldFixtures.door("P" + i, "Rue du test", i, station, 2));
            }
            var saved = FieldStore.savePlan(store, "journée", election.contest(), "test", "test", List.of(new Turf(1,
                    List.of(station), doors, 40, 500, 30, new Start("départ", 2.35, 48.85))), Map.of());
            long me = FieldFixtures.user(store, "orga", fr.terrain.account.Role.ADMIN).id();
            for (int i = 1; i <= 20; i++) {
                FieldStore.record(store, new TurfScope.All(), me, "orga", List.of(FieldFixtures.outcome("o" + i,
                        saved.turfIds().get(0), "P" + i, DoorOutcome.ABSENT)), Instant.now());
                plans.plan(request);
            }
            assertThat(plans.cached()).as("plans kept for one request after 20 batches").isEqualTo(1);

            // and one per request asked lately, not one per number of hours ever typed
            for (int hours = 1; hours <= 200; hours++) {
                plans.plan(new Plans.Request(election, bloc, definition, hours, Optional.empty()));
            }
            assertThat(plans.cached()).isLessThanOrEqualTo(Plans.MAX_REQUESTS);
        }
    }
}
