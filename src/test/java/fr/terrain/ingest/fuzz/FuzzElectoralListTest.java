package fr.terrain.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.election.Election;
import fr.terrain.election.ElectionKind;
import fr.terrain.field.Voter;
import fr.terrain.ingest.CsvTable;
import fr.terrain.ingest.ElectoralListReader;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.InputError;
import fr.terrain.ingest.TextInput;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.Elections;
import fr.terrain.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The electoral list reader on damaged variants of a list in the arrêté's 29 columns. No real list
 * may leave a town hall: the seed, {@code liste_electorale_fictive_paris_2026.csv}, lists forty
 * invented electors of the 12th and 20th arrondissements.
 */
@Tag("long")
class FuzzElectoralListTest {
    static final CsvRecipe.Seed LIST = seed("liste_electorale_fictive_paris_2026.csv");
    static final String CONTEST = "paris-2026";

    static Path dir;
    static SharedStore h2;

    private static CsvRecipe.Seed seed(String name) {
        try (InputStream in = FuzzElectoralListTest.class.getResourceAsStream(name)) {
            return CsvRecipe.Seed.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeContainer
    static void createFolder() {
        dir = Scratch.create("fuzz-voters");
    }

    @AfterContainer
    static void cleanUp() {
        if (h2 != null) {
            h2.close();
        }
        Scratch.delete(dir);
    }

    record Variant(CsvRecipe recipe, Integer arrondissement) {}

    /** Without an arrondissement the stations come from the commune codes; with one, from it. */
    @Provide
    Arbitrary<Variant> variants() {
        return Combinators.combine(CsvRecipe.any(), Arbitraries.of(12).injectNull(0.7)).as(Variant::new);
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.BOUNDED)
    void arreteOf2013Layout(@ForAll("variants") Variant v) {
        Path file = v.recipe().write(LIST, dir);
        List<Voter> received = new ArrayList<>();
        long count;
        try (CsvTable table = CsvTable.open(TextInput.detect(file))) {
            count = ElectoralListReader.read(table, Map.of(), v.arrondissement(), received::add);
        } catch (InputError e) {
            Outcome.refused(e, file);
            return;
        }
        Outcome.accepted(List.of(), file);
        assertThat(received).hasSize((int) count);
        for (Voter voter : received) {
            assertThat(voter.birthDate()).isBetween(LocalDate.of(1890, 1, 1), LocalDate.now());
            if (v.arrondissement() != null && voter.station() != null) {
                assertThat(voter.station().area()).isEqualTo(12);
            }
        }
    }

    // ---- all or nothing: personal data, streamed (never held in memory), written while read, rolled back on a bad line

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void aRefusedImportChangesNothing(@ForAll("variants") Variant v) {
        if (h2 == null) {
            h2 = SharedStore.h2(dir.resolve("h2")).preload(FuzzElectoralListTest::preload);
        }
        Path file = v.recipe().write(LIST, dir);
        h2.attempt(file, importer -> importer.voters(file, CONTEST, SourceCategory.ELECTORAL_LIST, "Mairie de Paris",
                LocalDate.of(2026, 1, 10), Map.of(), v.arrondissement()));
    }

    private static void preload(Importer importer, Store store) {
        Elections.add(store, List.of(new Election(CONTEST + "-t1", CONTEST, ElectionKind.MUNICIPALES, "paris", 1,
                LocalDate.of(2026, 3, 15), null)));
        CsvRecipe whole = new CsvRecipe(new CsvRecipe.Sample(0, 1000, false, 0), List.of(),
                new CsvRecipe.Layout(null, false, "\n", true),
                new Damage.Surface(List.of(), Damage.Encoding.UTF_8, List.of()));
        Path file = whole.write(LIST, dir);
        importer.voters(file, CONTEST, SourceCategory.ELECTORAL_LIST, "Mairie de Paris", LocalDate.of(2026, 1, 10),
                Map.of(), null);
    }
}
