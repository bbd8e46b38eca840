package fr.terrain.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.RealData;
import fr.terrain.ingest.GeoFile;
import fr.terrain.ingest.GeoReaders;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.InputError;
import fr.terrain.store.Store;
import fr.terrain.territory.Arrondissement;
import fr.terrain.territory.Iris;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
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
import org.locationtech.jts.geom.Polygonal;

/** The arrondissement and IRIS contour readers on damaged variants of the real GeoJSON files. */
@Tag("long")
class FuzzTerritoryContoursTest {
    static final JsonRecipe.Seed ARRONDISSEMENTS = JsonRecipe.Seed.of(RealData.file(RealData.ARRONDISSEMENTS));
    static final JsonRecipe.Seed IRIS_2013 = JsonRecipe.Seed.of(RealData.file(RealData.IRIS_CONTOURS_2013));

    static Path dir;
    static SharedStore h2;

    @BeforeContainer
    static void createFolder() {
        dir = Scratch.create("fuzz-contours");
    }

    @AfterContainer
    static void cleanUp() {
        if (h2 != null) {
            h2.close();
        }
        Scratch.delete(dir);
    }

    @Provide
    Arbitrary<JsonRecipe> recipes() {
        return JsonRecipe.any();
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.BOUNDED)
    void arrondissements(@ForAll("recipes") JsonRecipe recipe) {
        Path file = recipe.write(ARRONDISSEMENTS, dir);
        GeoFile<Arrondissement> read;
        try {
            read = GeoReaders.arrondissements(file);
        } catch (InputError e) {
            Outcome.refused(e, file);
            return;
        }
        Outcome.accepted(read.warnings(), file);
        assertThat(read.values()).isNotEmpty();
        Set<Integer> numbers = new HashSet<>();
        for (Arrondissement a : read.values()) {
            assertThat(numbers.add(a.number())).isTrue();
            assertThat(a.contour()).isInstanceOf(Polygonal.class);
            assertThat(a.contour().isValid()).isTrue();
        }
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.BOUNDED)
    void irisContours2013(@ForAll("recipes") JsonRecipe recipe) {
        Path file = recipe.write(IRIS_2013, dir);
        GeoFile<Iris> read;
        try {
            read = GeoReaders.irisContours(file, null);
        } catch (InputError e) {
            Outcome.refused(e, file);
            return;
        }
        Outcome.accepted(read.warnings(), file);
        assertThat(read.vintage()).isEqualTo("2013");
        assertThat(read.values()).isNotEmpty();
        Set<String> codes = new HashSet<>();
        for (Iris i : read.values()) {
            assertThat(codes.add(i.code())).isTrue();
            assertThat(i.contour()).isInstanceOf(Polygonal.class);
            assertThat(i.contour().isValid()).isTrue();
        }
    }

    // ---- all or nothing

    record Variant(JsonRecipe recipe, boolean iris) {}

    @Provide
    Arbitrary<Variant> variants() {
        return Combinators.combine(JsonRecipe.any(), Arbitraries.of(false, true)).as(Variant::new);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void aRefusedImportChangesNothing(@ForAll("variants") Variant v) {
        if (h2 == null) {
            h2 = SharedStore.h2(dir.resolve("h2")).preload(FuzzTerritoryContoursTest::preload);
        }
        Path file = v.recipe().write(v.iris() ? IRIS_2013 : ARRONDISSEMENTS, dir);
        h2.attempt(file, importer -> v.iris() ? importer.iris(file, null) : importer.arrondissements(file));
    }

    private static void preload(Importer importer, Store store) {
        importer.arrondissements(RealData.file(RealData.ARRONDISSEMENTS));
        importer.iris(RealData.file(RealData.IRIS_CONTOURS_2013), null);
    }
}
