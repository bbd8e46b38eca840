package fr.terrain.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.ingest.FolderImport;
import fr.terrain.ingest.ImportReport;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.Status;
import fr.terrain.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project's own readers and importer accept every generated file, in strict mode (no warning tolerated). */
class DemoImportTest {

    @Test
    void theFolderImportAcceptsEveryDataFileAndTheVoterListImportsAfterIt(@TempDir Path home) {
        Path dir = DemoFiles.small();
        var stations = DemoFiles.stations(dir);
        long registered2026 = CityChecks.resultsAddUp(dir.resolve("demo_municipales_2026_t1_bv_long.csv"), 2026,
                "2026-03-15").values().stream().mapToLong(CityChecks.Totals::registered).sum();
        long addresses = DemoFiles.rows(dir.resolve(CityGenerator.ADDRESSES_FILE), ";").size();
        try (Store store = Store.h2(home)) {
            Importer importer = new Importer(store, Progress.NONE, true);
            List<FolderImport.Entry> entries = new FolderImport(importer, CityGenerator.TERRITORY).run(dir, e -> { });

            assertThat(entries).hasSize(10);
            assertThat(entries).noneMatch(e -> e instanceof FolderImport.Failed);
            assertThat(entries).filteredOn(e -> e instanceof FolderImport.Skipped)
                    .extracting(e -> e.file().getFileName().toString())
                    .containsExactlyInAnyOrder(CityGenerator.README_FILE, CityGenerator.VOTERS_FILE);
            assertThat(entries).filteredOn(e -> e instanceof FolderImport.Imported).hasSize(8)
                    .allSatisfy(e -> assertThat(((FolderImport.Imported) e).report().warnings()).isEmpty());

            Status status = Status.read(store);
            assertThat(status.elections()).extracting(e -> e.election().id()).containsExactly("demo-2020-t1",
                    "demo-2026-t1");
            assertThat(status.elections()).allSatisfy(e -> {
                assertThat(e.stations()).isEqualTo(stations.size());
                assertThat(e.vintage()).isEqualTo(2020);
                assertThat(e.joinedStations()).isEqualTo(stations.size());
            });
            assertThat(status.stations()).singleElement().satisfies(v -> {
                assertThat(v.vintage()).isEqualTo(2020);
                assertThat(v.stations()).isEqualTo(stations.size());
                assertThat(v.withContour()).isEqualTo(stations.size());
            });
            assertThat(status.arrondissements()).isEqualTo(20);
            assertThat(status.irisContours()).singleElement().satisfies(i -> assertThat(i.vintage()).isEqualTo("2016"));
            assertThat(status.irisDatasets()).extracting(Status.DatasetStatus::dataset)
                    .containsExactly("filosofi-2018", "rp-2016");
            assertThat(status.addresses()).isEqualTo(addresses);

            ImportReport voters = importer.voters(dir.resolve(CityGenerator.VOTERS_FILE), "demo-2026",
                    SourceCategory.ELECTORAL_LIST, "démo", null, Map.of(), null);
            assertThat(voters.rowsStored()).isEqualTo(registered2026);
            assertThat(Status.read(store).votersByContest()).containsEntry("demo-2026", registered2026);
        }
    }
}
