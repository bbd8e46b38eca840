package fr.terrain.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose addresses were imported before communes' names were kept (V32) names its communes as it did, from
 * those addresses: the smallest spelling of each commune, none for a commune whose addresses have no name. On H2 and
 * on PostgreSQL.
 */
class CommuneNameMigrationTest {
    @TempDir
    Path tmp;

    @Test
    void theNamesAreTakenFromTheAddressesAlreadyImported() {
        OlderDatabase.onBoth(tmp, db -> {
            db.migrate("31", "classpath:db/migration");
            db.sql(address("29039_0001_00001", "29039", "'Konk-Kerne'"), address("29039_0001_00002", "29039",
                    "'Concarneau'"), address("29046_0001_00001", "29046", "NULL"), address("01001_0001_00001", "01001",
                    "''"), address("2A004_0001_00001", "2A004", "'Ajaccio'"));
            try (Store store = db.open()) {
                assertThat(Geography.sectorNames(store, List.of(29039, 29046, 1001, 20004)).list(List.of(29039, 29046,
                        1001, 20004))).isEqualTo("commune 01001, Ajaccio (2A004), Concarneau (29039), commune 29046");
            }
        });
    }

    private static String address(String banId, String insee, String commune) {
        return "INSERT INTO address (ban_id, house_number, street, insee_code, commune, lon, lat) VALUES ('" + banId
                + "', 1, 'Rue de la Mairie', '" + insee + "', " + commune + ", -3.9, 47.9)";
    }
}
