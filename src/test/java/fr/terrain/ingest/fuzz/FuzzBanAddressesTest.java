package fr.terrain.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.RealData;
import fr.terrain.field.Address;
import fr.terrain.ingest.BanAddressReader;
import fr.terrain.ingest.CsvTable;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.InputError;
import fr.terrain.ingest.TextInput;
import fr.terrain.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
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

/** The Base Adresse Nationale reader on damaged variants of the two real Paris extracts. */
@Tag("long")
class FuzzBanAddressesTest {
    static final CsvRecipe.Seed FAUBOURG = CsvRecipe.Seed.of(RealData.file(RealData.BAN_FAUBOURG));
    static final CsvRecipe.Seed BUTTE = CsvRecipe.Seed.of(RealData.file(RealData.BAN_BUTTE));

    static Path dir;
    static SharedStore h2;
    static SharedStore postgres;

    @BeforeContainer
    static void createFolder() {
        dir = Scratch.create("fuzz-ban");
    }

    @AfterContainer
    static void cleanUp() {
        if (h2 != null) {
            h2.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        Scratch.delete(dir);
    }

    @Provide
    Arbitrary<CsvRecipe> recipes() {
        return CsvRecipe.any();
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.BOUNDED)
    void faubourgSaintAntoine(@ForAll("recipes") CsvRecipe recipe) {
        read(recipe.write(FAUBOURG, dir));
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.BOUNDED)
    void butteAuxCailles(@ForAll("recipes") CsvRecipe recipe) {
        read(recipe.write(BUTTE, dir));
    }

    /** The reader streams: it must hand over every address it counts, and none of a refused file. */
    static void read(Path file) {
        List<Address> received = new ArrayList<>();
        long count;
        try (CsvTable table = CsvTable.open(TextInput.detect(file))) {
            count = BanAddressReader.read(table, received::add);
        } catch (InputError e) {
            Outcome.refused(e, file);
            return;
        }
        Outcome.accepted(List.of(), file);
        assertThat(received).hasSize((int) count);
    }

    // ---- all or nothing: the addresses are read twice (check, then write), so the write is streamed

    record Variant(CsvRecipe recipe, boolean butte) {}

    @Provide
    Arbitrary<Variant> variants() {
        return Combinators.combine(CsvRecipe.any(), Arbitraries.of(false, true)).as(Variant::new);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void aRefusedImportChangesNothingOnH2(@ForAll("variants") Variant v) {
        if (h2 == null) {
            h2 = SharedStore.h2(dir.resolve("h2")).preload(FuzzBanAddressesTest::preload);
        }
        importInto(h2, v);
    }

    /** PostgreSQL upserts addresses with its own statement (ON CONFLICT), H2 with MERGE. */
    @Property(tries = 100, shrinking = ShrinkingMode.BOUNDED)
    void aRefusedImportChangesNothingOnPostgresql(@ForAll("variants") Variant v) {
        if (postgres == null) {
            postgres = SharedStore.postgres().preload(FuzzBanAddressesTest::preload);
        }
        importInto(postgres, v);
    }

    private static void importInto(SharedStore store, Variant v) {
        Path file = v.recipe().write(v.butte() ? BUTTE : FAUBOURG, dir);
        store.attempt(file, importer -> importer.addresses(file));
    }

    private static void preload(Importer importer, Store store) {
        importer.addresses(RealData.file(RealData.BAN_BUTTE));
    }
}
