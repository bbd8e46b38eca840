package fr.terrain.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.geo.GeoJsonGeometry;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contour is stored with its coordinates rounded to 7 decimals: the importer must check (and repair) it as it will
 * be stored, or a contour valid at full precision comes back invalid and every later import into its vintage fails.
 * Found by the fuzzer (« contour invalide pour le bureau 16-58 » on a second file into the 2020 vintage).
 */
class StationReimportTest {
    @TempDir
    Path dir;

    static String station(String code, String ring) {
        return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]},\"properties\":"
                + "{\"id_bv\":\"" + code + "\",\"arrondissement\":\"" + code.substring(0, code.indexOf('-'))
                + "\",\"num_bv\":" + code.substring(code.indexOf('-') + 1) + "}}";
    }

    @Test
    void aContourValidOnlyBeyondTheStoredPrecisionIsRepairedAsStoredAndTheNextImportReadsItBack() throws Exception {
        // a V whose tip stops 0.4e-7 degrees above the bottom edge: valid as written, touching that edge once rounded
        Path first = dir.resolve("bureaux-a.geojson");
        Files.writeString(first, "{\"type\":\"FeatureCollection\",\"features\":[" + station("16-58",
                "[[2.30,48.85],[2.31,48.85],[2.31,48.86],[2.305,48.85000000004],[2.30,48.86],[2.30,48.85]]") + "]}",
                StandardCharsets.UTF_8);
        Path second = dir.resolve("bureaux-b.geojson");
        Files.writeString(second, "{\"type\":\"FeatureCollection\",\"features\":[" + station("16-59",
                "[[2.32,48.85],[2.33,48.85],[2.33,48.86],[2.32,48.86],[2.32,48.85]]") + "]}", StandardCharsets.UTF_8);
        try (Store store = TestStores.h2(dir.resolve("base"))) {
            Importer importer = new Importer(store, Progress.NONE, false);
            importer.stations(first, 2020);
            String stored = store.jdbi().withHandle(h -> h.createQuery("SELECT contour FROM station WHERE code = '16-58'")
                    .mapTo(String.class).one());
            assertThat(GeoJsonGeometry.parse(stored).isValid()).as(stored).isTrue();
            ImportReport again = importer.stations(second, 2020);
            assertThat(again.rowsStored()).isEqualTo(1);
        }
    }
}
