package fr.terrain.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.RealData;
import fr.terrain.store.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A station of an arrondissement the store's contours lack ({@code 99-1} among Paris's twenty) is a typo: no sector,
 * map or result of Paris will meet it. The import says so as a warning naming the file, the feature's line and the
 * code; {@code --strict} refuses the file and leaves the store as it was.
 */
class StationArrondissementCheckTest {
    @TempDir
    Path dir;

    /** Two stations of the 20th and one of the « 99th », rue des Pyrénées' corner. */
    Path withTypo() throws Exception {
        String ring = "[[2.398,48.862],[2.402,48.862],[2.402,48.865],[2.398,48.865],[2.398,48.862]]";
        Path file = dir.resolve("bureaux-2020.geojson");
        Files.writeString(file, "{\"type\":\"FeatureCollection\",\"features\":[\n"
                + StationReimportTest.station("20-1", ring) + ",\n"
                + StationReimportTest.station("99-1", ring.replace("2.39", "2.38").replace("2.40", "2.39")) + ",\n"
                + StationReimportTest.station("20-2", ring.replace("48.86", "48.87")) + "\n]}", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aStationOfAnArrondissementTheContoursLackIsReportedWithItsLineAndRefusedWhenStrict() throws Exception {
        Path file = withTypo();
        TestStores.onBoth(dir.resolve("base"), store -> {
            new Importer(store, Progress.NONE, false).arrondissements(RealData.file(RealData.ARRONDISSEMENTS));
            String before = TestStores.dump(store);
            assertThatThrownBy(() -> new Importer(store, Progress.NONE, true).stations(file, null))
                    .isInstanceOf(InputError.class)
                    .hasMessageContaining("bureaux-2020.geojson:3:")
                    .hasMessageContaining("bureau 99-1 : aucun arrondissement 99 parmi les 20 importés (1 à 20)");
            assertThat(TestStores.dump(store)).isEqualTo(before);

            ImportReport report = new Importer(store, Progress.NONE, false).stations(file, null);
            assertThat(report.rowsStored()).as("kept, as a warning").isEqualTo(3);
            assertThat(report.warnings()).singleElement().hasToString("bureaux-2020.geojson:3:1: [id_bv] feature n° 2 :"
                    + " bureau 99-1 : aucun arrondissement 99 parmi les 20 importés (1 à 20) ; faute de frappe ?");
        });
    }

    /** Nothing to compare with before the arrondissements are imported: no warning (a folder imports them first). */
    @Test
    void withoutArrondissementsNoStationIsReported() throws Exception {
        Path file = withTypo();
        TestStores.onBoth(dir.resolve("base"), store ->
                assertThat(new Importer(store, Progress.NONE, true).stations(file, null).rowsStored()).isEqualTo(3));
    }

    /** The real 2020 contours: 897 stations, all of Paris's twenty arrondissements, no warning of this kind. */
    @Test
    void theRealStationsAllFallInTheRealArrondissements() {
        TestStores.onBoth(dir.resolve("base"), store -> {
            Importer importer = new Importer(store, Progress.NONE, false);
            importer.arrondissements(RealData.file(RealData.ARRONDISSEMENTS));
            ImportReport report = importer.stations(RealData.file(RealData.STATIONS_2020), null);
            assertThat(report.rowsStored()).isEqualTo(897);
            assertThat(report.warnings()).noneMatch(w -> w.message().contains("aucun arrondissement"));
        });
    }
}
