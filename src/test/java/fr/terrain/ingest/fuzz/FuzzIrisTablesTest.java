package fr.terrain.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.RealData;
import fr.terrain.ingest.CsvFile;
import fr.terrain.ingest.CsvTable;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.InputError;
import fr.terrain.ingest.IrisTableReader;
import fr.terrain.ingest.TextInput;
import fr.terrain.store.Store;
import fr.terrain.territory.IrisIndicator;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
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

/** The INSEE IRIS table reader on damaged variants of Filosofi 2018 ({@code ;}) and census 2016 ({@code ,}). */
@Tag("long")
class FuzzIrisTablesTest {
    static final CsvRecipe.Seed FILOSOFI_2018 = CsvRecipe.Seed.of(RealData.file(RealData.FILOSOFI_2018));
    static final CsvRecipe.Seed CENSUS_2016 = CsvRecipe.Seed.of(RealData.file(RealData.RP2016_POPULATION));

    static Path dir;
    static SharedStore h2;

    @BeforeContainer
    static void createFolder() {
        dir = Scratch.create("fuzz-iris");
    }

    @AfterContainer
    static void cleanUp() {
        if (h2 != null) {
            h2.close();
        }
        Scratch.delete(dir);
    }

    @Provide
    Arbitrary<CsvRecipe> recipes() {
        return CsvRecipe.any();
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.BOUNDED)
    void filosofi2018(@ForAll("recipes") CsvRecipe recipe) {
        read(recipe.write(FILOSOFI_2018, dir));
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.BOUNDED)
    void census2016Population(@ForAll("recipes") CsvRecipe recipe) {
        read(recipe.write(CENSUS_2016, dir));
    }

    static void read(Path file) {
        CsvFile<IrisIndicator> read;
        try (CsvTable table = CsvTable.open(TextInput.detect(file))) {
            read = IrisTableReader.read(table, null);
        } catch (InputError e) {
            Outcome.refused(e, file);
            return;
        }
        Outcome.accepted(read.warnings(), file);
        assertThat(read.rows()).isPositive();
        assertThat(read.columns()).isNotEmpty().doesNotHaveDuplicates();
        assertThat(read.values()).hasSize((int) read.rows() * read.columns().size());
        assertThat(new HashSet<>(read.values().stream().map(v -> List.of(v.irisCode(), v.indicator())).toList()))
                .as("one figure per IRIS and indicator").hasSameSizeAs(read.values());
    }

    // ---- all or nothing

    record Variant(CsvRecipe recipe, boolean census) {}

    @Provide
    Arbitrary<Variant> variants() {
        return Combinators.combine(CsvRecipe.any(), Arbitraries.of(false, true)).as(Variant::new);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void aRefusedImportChangesNothing(@ForAll("variants") Variant v) {
        if (h2 == null) {
            h2 = SharedStore.h2(dir.resolve("h2")).preload(FuzzIrisTablesTest::preload);
        }
        Path file = v.recipe().write(v.census() ? CENSUS_2016 : FILOSOFI_2018, dir);
        h2.attempt(file, importer -> importer.iris(file, null));
    }

    /** Forty IRIS of each table: enough real rows to be replaced, few enough to dump at every try. */
    private static void preload(Importer importer, Store store) {
        CsvRecipe firstLines = new CsvRecipe(new CsvRecipe.Sample(0, 40, false, 0), List.of(),
                new CsvRecipe.Layout(null, false, "\n", true),
                new Damage.Surface(List.of(), Damage.Encoding.UTF_8, List.of()));
        for (CsvRecipe.Seed seed : List.of(FILOSOFI_2018, CENSUS_2016)) {
            Path file = firstLines.write(seed, dir);
            importer.iris(file, null);
        }
    }
}
