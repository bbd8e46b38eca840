package fr.terrain.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.election.StationCode;
import fr.terrain.ingest.GeoReaders;
import fr.terrain.territory.Iris;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small city satisfies every invariant of a generated city, checked on its files. */
class SmallCityTest {
    private final Path dir = DemoFiles.small();

    @Test
    void everyResultRowAddsUpInBothElections() {
        var r2020 = CityChecks.resultsAddUp(dir.resolve("demo_municipales_2020_t1_bv_long.csv"), 2020, "2020-03-15");
        var r2026 = CityChecks.resultsAddUp(dir.resolve("demo_municipales_2026_t1_bv_long.csv"), 2026, "2026-03-15");
        assertThat(r2020.keySet()).isEqualTo(r2026.keySet()).isEqualTo(DemoFiles.stations(dir).keySet());
    }

    @Test
    void bureauxTileTheirArrondissementsWithValidContours() {
        CityChecks.stationsTileArrondissements(dir);
    }

    @Test
    void contoursAreReadWithoutRepairOrDuplicate() {
        assertThat(GeoReaders.stations(dir.resolve(CityGenerator.STATIONS_FILE), null).warnings()).isEmpty();
        assertThat(GeoReaders.arrondissements(dir.resolve(CityGenerator.ARRONDISSEMENTS_FILE)).warnings()).isEmpty();
        assertThat(GeoReaders.irisContours(dir.resolve(CityGenerator.IRIS_FILE), null).warnings()).isEmpty();
    }

    @Test
    void votersLiveAtAnAddressOfTheirOwnBureau() {
        Map<String, StationCode> bureauOfAddress = CityChecks.addressesLieInBureaux(dir);
        var r2026 = CityChecks.resultsAddUp(dir.resolve("demo_municipales_2026_t1_bv_long.csv"), 2026, "2026-03-15");
        CityChecks.votersLiveInTheirBureaux(dir, bureauOfAddress, r2026);
        assertThat(bureauOfAddress.values()).containsAll(r2026.keySet());
    }

    @Test
    void irisNestInArrondissementsWithNineCharacterCodes() {
        var iris = GeoReaders.irisContours(dir.resolve(CityGenerator.IRIS_FILE), null).values();
        var arrondissements = DemoFiles.arrondissements(dir);
        for (Iris i : iris) {
            assertThat(i.code()).matches("990(0[1-9]|1[0-9]|20)\\d{4}");
            assertThat(i.type()).isIn("H", "A", "D");
            var arrondissement = arrondissements.get(Integer.parseInt(i.communeCode().substring(3))).contour();
            assertThat(i.contour().difference(arrondissement).getArea()).isLessThan(CityChecks.roundingSliver(i.contour()));
        }
        assertThat(iris.stream().map(Iris::code).distinct()).hasSameSizeAs(iris);
    }

    @Test
    void irisTablesUseInseeLayoutsWithSomeFiguresWithheld() throws Exception {
        String filosofi = Files.readString(dir.resolve(IrisTables.FILOSOFI_FILE));
        assertThat(filosofi).startsWith("IRIS;DISP_TP6018;DISP_Q118;DISP_MED18;").contains("\r\n").contains(";;");
        var rows = DemoFiles.rows(dir.resolve(IrisTables.FILOSOFI_FILE), ";");
        for (var row : rows) {
            int q1 = row.integer("DISP_Q118");
            int median = row.integer("DISP_MED18");
            int q3 = row.integer("DISP_Q318");
            assertThat(q1).isLessThan(median);
            assertThat(median).isLessThan(q3);
        }
        assertThat(DemoFiles.firstLine(dir.resolve(IrisTables.CENSUS_FILE)))
                .startsWith("IRIS,LIBCOM,TYP_IRIS,P16_POP0014,");
    }

    @Test
    void theNoteSaysTheDataAreSynthetic() throws Exception {
        assertThat(Files.readString(dir.resolve(CityGenerator.README_FILE)))
                .contains("synthétiques").contains("Aucune personne");
    }
}
