package fr.terrain.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose turfs kept their last holder only (V20) keeps that holder's late-sync window when every past holder is
 * kept (V37): a phone offline during the upgrade still sends its doors. On H2 and on PostgreSQL.
 */
class TurfPastHolderMigrationTest {
    @TempDir
    Path tmp;

    @Test
    void theLastHolderOfAnOlderStoreIsKeptAsAPastHolder() {
        OlderDatabase.onBoth(tmp, db -> {
            db.migrate("36", "classpath:db/migration");
            db.sql("INSERT INTO app_user (id, name, role, sectors, password_hash, created_at) VALUES (7, 'camille',"
                            + " 'canvasser', '11', 'x', TIMESTAMP WITH TIME ZONE '2026-03-01 10:00:00+00')",
                    "INSERT INTO turf_plan (id, name, contest, parameters, created_by, created_at) VALUES (3, 'essai',"
                            + " 'paris-2026', '--stations 11-1', 'orga', TIMESTAMP WITH TIME ZONE '2026-03-01 10:00:00+00')",
                    turf(1, "7, TIMESTAMP WITH TIME ZONE '2026-03-02 18:00:00+00'"), turf(2, "NULL, NULL"));
            try (Store store = db.open()) {
                java.util.List<String> rows = store.jdbi().withHandle(h -> h.createQuery("SELECT turf_id || ':' ||"
                        + " user_id FROM turf_past_holder").mapTo(String.class).list());
                assertThat(rows).containsExactly("1:7");
                assertThat(store.jdbi().withHandle(h -> h.createQuery("SELECT held_until FROM turf_past_holder")
                        .mapTo(java.time.OffsetDateTime.class).one()).toInstant())
                        .isEqualTo(java.time.Instant.parse("2026-03-02T18:00:00Z"));
            }
        });
    }

    private static String turf(int number, String previous) {
        return "INSERT INTO turf (id, plan_id, number, arrondissement, stations, door_count, voters, walking_metres,"
                + " minutes, start_label, start_lon, start_lat, previous_assignee, previous_until) VALUES (" + number
                + ", 3, " + number + ", 11, '11-1', 3, 4, 200, 10.0, 'départ', 2.38, 48.85, " + previous + ")";
    }
}
