package fr.terrain.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.RealData;
import fr.terrain.election.DerivedStation;
import fr.terrain.geo.Lambert93;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.InputError;
import fr.terrain.ingest.ReuStations;
import fr.terrain.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

/**
 * INSEE's REU address table (the real Finistère sample) on damaged variants: read and drawn into stations, or refused
 * with located problems; drawn contours are valid and those of one commune do not overlap; a refused import changes
 * nothing in the store.
 */
@Tag("long")
class FuzzReuTest {
    static final CsvRecipe.Seed FINISTERE = CsvRecipe.Seed.of(
            RealData.file("reu-adresses-bv-sample/reu_adresses_bv_sample_finistere.csv"));

    static Path dir;
    static SharedStore h2;
    static SharedStore postgres;

    @BeforeContainer
    static void createFolder() {
        dir = Scratch.create("fuzz-reu");
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
    void finistere(@ForAll("recipes") CsvRecipe recipe) {
        Path file = recipe.write(FINISTERE, dir);
        ReuStations.Read read;
        try {
            read = ReuStations.read(file, 2022, new ArrayList<>());
        } catch (InputError e) {
            Outcome.refused(e, file);
            return;
        }
        Outcome.accepted(List.of(), file);
        List<DerivedStation> stations = read.stations();
        assertThat(stations).isNotEmpty();
        for (DerivedStation a : stations) {
            Geometry ca = a.station().contour();
            if (ca == null) {
                continue;
            }
            assertThat(ca).isInstanceOf(Polygonal.class);
            assertThat(ca.isValid()).as("contour of %s", a.station().code()).isTrue();
            for (DerivedStation b : stations) {
                Geometry cb = b.station().contour();
                if (cb != null && a.station().code().area() == b.station().code().area()
                        && a.station().code().compareTo(b.station().code()) < 0) {
                    // shared edges rounded to 7 decimals (1 cm) leave slivers of a few square metres at most
                    assertThat(Lambert93.project(ca).intersection(Lambert93.project(cb)).getArea())
                            .as("overlap of %s and %s", a.station().code(), b.station().code()).isLessThan(1);
                }
            }
        }
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void aRefusedImportChangesNothingOnH2(@ForAll("recipes") CsvRecipe recipe) {
        if (h2 == null) {
            h2 = SharedStore.h2(dir.resolve("h2")).preload(FuzzReuTest::preload);
        }
        Path file = recipe.write(FINISTERE, dir);
        h2.attempt(file, importer -> importer.reu(file, 2022));
    }

    @Property(tries = 100, shrinking = ShrinkingMode.BOUNDED)
    void aRefusedImportChangesNothingOnPostgresql(@ForAll("recipes") CsvRecipe recipe) {
        if (postgres == null) {
            postgres = SharedStore.postgres().preload(FuzzReuTest::preload);
        }
        Path file = recipe.write(FINISTERE, dir);
        postgres.attempt(file, importer -> importer.reu(file, 2022));
    }

    private static void preload(Importer importer, Store store) {
        importer.reu(RealData.file("reu-adresses-bv-sample/reu_adresses_bv_sample_finistere.csv"), 2022);
    }
}
