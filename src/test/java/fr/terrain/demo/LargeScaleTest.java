package fr.terrain.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.demo.CityGenerator.Kind;
import fr.terrain.demo.CityGenerator.Scale;
import fr.terrain.demo.CityGenerator.Settings;
import fr.terrain.ingest.GeoReaders;
import fr.terrain.ingest.Progress;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The map's stress city: 10,000 bureaux, each with a valid contour and results in both elections. */
class LargeScaleTest {

    @Test
    void theLargeCityHasTenThousandBureauxWithContoursAndResults(@TempDir Path dir) {
        CityGenerator.generate(dir, new Settings(Scale.LARGE, 1L, EnumSet.of(Kind.ARRONDISSEMENTS, Kind.STATIONS,
                Kind.RESULTS)), Progress.NONE);

        var stations = DemoFiles.stations(dir);
        assertThat(stations).hasSize(10_000);
        assertThat(GeoReaders.stations(dir.resolve(CityGenerator.STATIONS_FILE), null).warnings()).isEmpty();
        var r2020 = CityChecks.resultsAddUp(dir.resolve("demo_municipales_2020_t1_bv_long.csv"), 2020, "2020-03-15");
        var r2026 = CityChecks.resultsAddUp(dir.resolve("demo_municipales_2026_t1_bv_long.csv"), 2026, "2026-03-15");
        assertThat(r2020.keySet()).isEqualTo(r2026.keySet()).isEqualTo(stations.keySet());
        assertThat(r2026.values()).allSatisfy(t -> assertThat(t.registered()).isBetween(700, 1_300));
        CityChecks.stationsTileArrondissements(dir);
    }
}
