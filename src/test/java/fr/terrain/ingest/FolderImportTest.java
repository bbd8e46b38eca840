package fr.terrain.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.RealData;
import fr.terrain.election.StationResult;
import fr.terrain.store.Results;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder import's sets of files and its rule that a round comes from its first source. */
class FolderImportTest {
    @TempDir
    Path tmp;

    private static List<FolderImport.Entry> run(Store store, Path dir) {
        return new FolderImport(new Importer(store, Progress.NONE, false), "paris").run(dir, e -> { });
    }

    private static Path original(int arrondissement) {
        return RealData.file(RealData.RESULTS_2020_ORIGINALS
                + String.format("ddct_berp_municipales_2020_tour1_ardt_%02d_20200315.csv", arrondissement));
    }

    /**
     * A first file holding round 1 only (one vote changed, so that its counts show), a second holding rounds 1 and 2:
     * round 1 stays the first file's, round 2 comes from the second, and a second run has nothing to do.
     */
    @Test
    void aRoundTakenFromAnEarlierFileIsLeftOutOfALaterOne() throws IOException {
        List<String> lines = Files.readAllLines(RealData.file(RealData.RESULTS_2014));
        // the 2014 file: tour;num_bv;…; its first data line is round 1, station 1
        assertThat(lines.get(0).split(";")[0]).isEqualTo("tour");
        List<String> firstRound = new ArrayList<>(lines.stream().filter(l -> l.startsWith("tour") || l.startsWith("1;"))
                .toList());
        assertThat(firstRound.get(1)).isEqualTo("1;1;1305;775;759;2;CHABAILLE Jean-Louis;LFN;50");
        firstRound.set(1, "1;1;1305;775;759;2;CHABAILLE Jean-Louis;LFN;49"); // a sum's warning, and a count to find
        Path a = Files.createDirectories(tmp.resolve("data/a_premier"));
        Path b = Files.createDirectories(tmp.resolve("data/b_second"));
        Files.write(a.resolve("resultats_municipales_2014_paris20e_t1.csv"), firstRound);
        Files.copy(RealData.file(RealData.RESULTS_2014), b.resolve("resultats_municipales_2014_paris20e.csv"));
        try (Store store = TestStores.h2(tmp.resolve("home"))) {
            List<FolderImport.Entry> entries = run(store, tmp.resolve("data"));
            assertThat(entries).hasSize(2).allMatch(e -> e instanceof FolderImport.Imported);
            ImportReport second = ((FolderImport.Imported) entries.get(1)).report();
            assertThat(second.targets()).containsExactly("results:paris-2014-t2");
            assertThat(second.notes()).contains("tour paris-2014-t1 laissé : pris d'un fichier précédent");
            assertThat(Results.load(store, "paris-2014-t1")).hasSize(76).first().satisfies(r -> {
                assertThat(r.station()).hasToString("20-1");
                assertThat(r.votes()).anySatisfy(v -> {
                    assertThat(v.list().label()).isEqualTo("CHABAILLE Jean-Louis");
                    assertThat(v.votes()).isEqualTo(49); // the first file's, not the second's 50
                });
            });
            assertThat(Results.load(store, "paris-2014-t2")).hasSize(76);
            String once = TestStores.dump(store);
            List<FolderImport.Entry> again = run(store, tmp.resolve("data"));
            assertThat(again).allMatch(e -> e instanceof FolderImport.Imported i && i.report().skipped());
            assertThat(TestStores.dump(store)).isEqualTo(once);
        }
    }

    /** A hidden copy beside the set is not part of it; a refused set is shown under its folder. */
    @Test
    void aSetTakesWhatTheWalkTakesAndIsRefusedAsAWhole() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("data/original"));
        for (int a = 1; a <= 3; a++) {
            Files.copy(original(a), dir.resolve(original(a).getFileName()));
        }
        Files.copy(original(1), dir.resolve(".copie_ardt_01.csv"));
        Files.writeString(dir.resolve("LISEZMOI.txt"), "Résultats du 1er tour, par arrondissement.\n");
        try (Store store = TestStores.h2(tmp.resolve("home"))) {
            List<FolderImport.Entry> entries = run(store, tmp.resolve("data"));
            assertThat(entries).filteredOn(e -> e instanceof FolderImport.Skipped)
                    .extracting(e -> e.file().getFileName().toString() + " " + ((FolderImport.Skipped) e).reason())
                    .containsExactlyInAnyOrder(".copie_ardt_01.csv fichier caché", "LISEZMOI.txt documentation");
            assertThat(entries).filteredOn(e -> e instanceof FolderImport.Imported).singleElement().satisfies(e -> {
                assertThat(e.file()).isEqualTo(dir);
                assertThat(((FolderImport.Imported) e).report().rowsStored()).isEqualTo(
                        Results.load(store, "paris-2020-t1").stream().mapToLong(r -> r.votes().size()).sum());
            });
            assertThat(Results.load(store, "paris-2020-t1")).extracting(StationResult::station)
                    .allMatch(s -> s.arrondissement() <= 3).hasSize(10 + 10 + 15);
        }
        // the same station in two files of the set: refused as a whole, under the folder
        Files.copy(original(1), dir.resolve("ddct_copie_ardt_01.csv"));
        try (Store store = TestStores.h2(tmp.resolve("home2"))) {
            List<FolderImport.Entry> entries = run(store, tmp.resolve("data"));
            assertThat(entries).filteredOn(e -> e instanceof FolderImport.Failed).singleElement().satisfies(e -> {
                assertThat(e.file()).isEqualTo(dir);
                assertThat(((FolderImport.Failed) e).error().getMessage()).contains("est aussi dans");
            });
            assertThat(Results.load(store, "paris-2020-t1")).isEmpty();
        }
    }

    /** Two files of the same name from two folders: the refusal names each with its folder. */
    @Test
    void twoFilesOfTheSameNameAreToldApartByTheirFolder() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Path name = original(5).getFileName();
        Files.copy(original(5), a.resolve(name));
        Files.copy(original(5), b.resolve(name));
        try (Store store = TestStores.h2(tmp.resolve("home"))) {
            Importer importer = new Importer(store, Progress.NONE, false);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> importer.results(List.of(a.resolve(name),
                    b.resolve(name)), ResultsOptions.none(), fr.terrain.privacy.SourceCategory.OFFICIAL_OPEN_DATA,
                    java.util.Set.of())).isInstanceOf(InputError.class)
                    .hasMessageContaining("b/" + name + ": le bureau 5-1 du tour paris-2020-t1 est aussi dans a/" + name);
        }
    }

    /** The Ministry publishes its results as .txt: read when its header is a known table's. */
    @Test
    void aTxtFileIsReadWhenItIsATable() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("data"));
        Files.copy(MinistryResultsTest.fixture(), dir.resolve("resultats-par-niveau-burvot-t1-2022-france-entiere.txt"));
        try (Store store = TestStores.h2(tmp.resolve("home"))) {
            List<FolderImport.Entry> entries = run(store, dir);
            assertThat(entries).singleElement().isInstanceOf(FolderImport.Imported.class);
            assertThat(Results.load(store, "paris-pres-2022-t1")).hasSize(3);
        }
    }

    /**
     * Recognised by its columns, in any order and with others beside them, whatever its name or extension, and left to
     * an explicit {@code terrain import reu}: its communes would join the campaign's stations of that vintage.
     */
    @Test
    void theReuAddressTableIsRecognisedByItsHeaderAndLeftToImportReu() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(dir.resolve("table.txt"), "adresse;nb_adresses;geo_score;latitude;longitude;geo_type;"
                + "id_brut_bv_reu;code_commune_ref\n1 rue A;2;0.96;47.87;-3.91;housenumber;29039_1;29039\n"
                + "2 rue B;1;0.97;47.88;-3.92;housenumber;29039_2;29039\n", StandardCharsets.UTF_8);
        try (Store store = TestStores.h2(tmp.resolve("home"))) {
            List<FolderImport.Entry> entries = run(store, dir);
            assertThat(entries).singleElement().isInstanceOfSatisfying(FolderImport.Skipped.class, skipped -> assertThat(
                    skipped.reason()).startsWith("adresses des électeurs du REU (INSEE)").contains("terrain import reu"));
            assertThat(fr.terrain.store.Status.read(store).stations()).isEmpty();
        }
    }
}
