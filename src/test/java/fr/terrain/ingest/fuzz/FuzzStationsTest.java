package fr.terrain.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.RealData;
import fr.terrain.election.PollingStation;
import fr.terrain.ingest.GeoFile;
import fr.terrain.ingest.GeoReaders;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.InputError;
import fr.terrain.store.Store;
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

/** The polling-station reader on damaged variants of four vintages: contours of 2012, 2019, 2020, places of 2024. */
@Tag("long")
class FuzzStationsTest {
    static final JsonRecipe.Seed CONTOURS_2020 = JsonRecipe.Seed.of(RealData.file(RealData.STATIONS_2020));
    static final JsonRecipe.Seed CONTOURS_2019 = JsonRecipe.Seed.of(RealData.file(RealData.STATIONS_2019));
    static final JsonRecipe.Seed PLACES_2024 = JsonRecipe.Seed.of(RealData.file(RealData.POINTS_2024));
    static final JsonRecipe.Seed CONTOURS_2012 = JsonRecipe.Seed.of(RealData.file(RealData.STATIONS_2012));

    static Path dir;
    static SharedStore h2;

    @BeforeContainer
    static void createFolder() {
        dir = Scratch.create("fuzz-stations");
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
    void contours2020(@ForAll("recipes") JsonRecipe recipe) {
        read(recipe.write(CONTOURS_2020, dir), 2020);
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.BOUNDED)
    void contours2019WithRegisteredVoters(@ForAll("recipes") JsonRecipe recipe) {
        read(recipe.write(CONTOURS_2019, dir), 2019);
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.BOUNDED)
    void pollingPlaces2024(@ForAll("recipes") JsonRecipe recipe) {
        read(recipe.write(PLACES_2024, dir), 2024);
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.BOUNDED)
    void contours2012WithInseeIds(@ForAll("recipes") JsonRecipe recipe) {
        read(recipe.write(CONTOURS_2012, dir), 2012);
    }

    /** The vintage comes from the year in the file's name, as in a folder import. */
    static void read(Path file, int vintage) {
        GeoFile<PollingStation> read;
        try {
            read = GeoReaders.stations(file, null);
        } catch (InputError e) {
            Outcome.refused(e, file);
            return;
        }
        Outcome.accepted(read.warnings(), file);
        assertThat(read.values()).isNotEmpty();
        Set<String> codes = new HashSet<>();
        for (PollingStation s : read.values()) {
            assertThat(s.vintage()).isEqualTo(vintage);
            assertThat(codes.add(s.code().toString())).as("code %s once", s.code()).isTrue();
            assertThat(s.contour() != null || s.location() != null).isTrue();
            if (s.contour() != null) {
                assertThat(s.contour()).isInstanceOf(Polygonal.class);
                assertThat(s.contour().isValid()).isTrue();
            }
        }
    }

    // ---- all or nothing

    record Variant(JsonRecipe recipe, int file) {}

    @Provide
    Arbitrary<Variant> variants() {
        return Combinators.combine(JsonRecipe.any(), Arbitraries.integers().between(0, 3)).as(Variant::new);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void aRefusedImportChangesNothing(@ForAll("variants") Variant v) {
        if (h2 == null) {
            h2 = SharedStore.h2(dir.resolve("h2")).preload(FuzzStationsTest::preload);
        }
        JsonRecipe.Seed seed = switch (v.file()) {
            case 0 -> CONTOURS_2020;
            case 1 -> CONTOURS_2019;
            case 2 -> PLACES_2024;
            default -> CONTOURS_2012;
        };
        Path file = v.recipe().write(seed, dir);
        h2.attempt(file, importer -> importer.stations(file, null));
    }

    private static void preload(Importer importer, Store store) {
        importer.stations(RealData.file(RealData.POINTS_2024), null);
    }
}
