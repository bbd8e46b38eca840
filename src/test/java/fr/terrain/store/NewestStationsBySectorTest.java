package fr.terrain.store;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.RealData;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One sector's newest stations, read from its commune's rows only (the cutting form's {@code ?sector=}), are those the
 * whole store's choice gives that sector: Paris's 2020 and 2024 contours and INSEE's REU sample (2022) in one store.
 */
class NewestStationsBySectorTest {
    @Test
    void eachSectorsStationsAreTheWholeStoresChoiceForIt(@TempDir Path tmp) {
        try (Store store = Store.h2(tmp)) {
            Importer importer = new Importer(store, Progress.NONE, false);
            importer.stations(RealData.file(RealData.STATIONS_2020), null);
            importer.stations(RealData.file(RealData.STATIONS_2024), null);
            importer.reu(RealData.file("reu-adresses-bv-sample/reu_adresses_bv_sample_finistere.csv"), null);

            List<Geography.StationPlace> all = Geography.newestStationsByCommune(store);
            Set<Integer> sectors = new TreeSet<>();
            all.forEach(p -> sectors.add(p.code().arrondissement()));
            // the 20 arrondissements and the sample's 3 communes (29039, 29046, 29116)
            assertThat(sectors).hasSize(23).contains(1, 20, 29039, 29046, 29116);
            for (int sector : sectors) {
                assertThat(Geography.newestStationsByCommune(store, sector)).as("secteur %d", sector)
                        .isEqualTo(all.stream().filter(p -> p.code().arrondissement() == sector).toList());
            }
            // Paris from its newest contours (2024: 902 stations), Concarneau from the REU's vintage: its 17 bureaux
            assertThat(Geography.newestStationsByCommune(store, 7)).allSatisfy(p -> assertThat(p.vintage()).isEqualTo(2024));
            assertThat(Geography.newestStationsByCommune(store, 29039)).hasSize(17)
                    .allSatisfy(p -> assertThat(p.vintage()).isEqualTo(2022));
            assertThat(Geography.newestStationsByCommune(store, 29040)).isEmpty();
        }
    }
}
