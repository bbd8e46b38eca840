package fr.terrain.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database migrated by a build whose migrations were later edited or renumbered opens with today's Terrain, its
 * data kept (ADR 0024). Each test migrates a database as that build did (today's files up to a version, then the old
 * files kept in {@code src/test/resources/db/edited}), writes rows, then opens it as a {@link Store}; on H2 and on
 * PostgreSQL.
 */
class EditedMigrationsTest {
    private static final String TODAY = "classpath:db/migration";
    private static final String V24_TEAM_NAMES = "classpath:db/edited/v24-team-names";
    private static final String V24_TEAM_AND_PLAN_NAMES = "classpath:db/edited/v24-team-and-plan-names";
    private static final String V19_ONE_PER_PERSON = "classpath:db/edited/v19-one-per-person";
    private static final String V21_RESTRICTION_PER_REQUEST = "classpath:db/edited/v21-restriction-per-request";

    /** Today's V24, a migration of its own since the team and plan names one became V23. */
    private static final String TODAYS_V24 = "V24__turf_plan_name_claim.sql";

    @TempDir
    Path tmp;

    @Test
    void aStoreWithTheFirstTeamNamesMigrationAsV24GetsPlanNamesPerSectorAndTheMigrationsItLacked() {
        onBoth(db -> {
            db.migrate("21", TODAY);
            db.migrate("24", V24_TEAM_NAMES); // f397620, 9:13 on 30 November: no V22 yet, V24 without plan names
            db.sql("INSERT INTO team (name, arrondissement, created_at) VALUES ('Belleville', 20, CURRENT_TIMESTAMP)",
                    "INSERT INTO team (name, arrondissement, created_at) VALUES ('Belleville', 12, CURRENT_TIMESTAMP)",
                    planJanvierBy("alice"));
            try (Store store = db.open()) {
                assertEquals(Map.of("22", true, "23", true, "24", true), history(store, "22", "23", "24"));
                assertEquals(1, OlderDatabase.count(store, Tables.MIGRATIONS + " WHERE version = '24' AND script = '"
                        + TODAYS_V24 + "'")); // the old V24 row became V23; today's V24 ran after it
                assertEquals(2, OlderDatabase.count(store, "team"));
                store.jdbi().useHandle(h -> h.execute(planJanvierBy("claire"))); // another sector's « janvier »
                assertEquals(2, OlderDatabase.count(store, "turf_plan"));
            }
            try (Store again = db.open()) {
                assertEquals(2, OlderDatabase.count(again, "turf_plan"));
            }
        });
    }

    @Test
    void aStoreWithTeamAndPlanNamesAsV24OpensWithThatMigrationAsV23() {
        onBoth(db -> {
            db.migrate("21", TODAY);
            db.migrate("24", V24_TEAM_AND_PLAN_NAMES); // 663e878, 9:59 on 30 November
            db.sql(planJanvierBy("alice"));
            try (Store store = db.open()) {
                assertEquals(Map.of("22", true, "23", true, "24", true), history(store, "22", "23", "24"));
                assertEquals(1, OlderDatabase.count(store, Tables.MIGRATIONS + " WHERE version = '24' AND script = '"
                        + TODAYS_V24 + "'")); // the old V24 row became V23; today's V24 ran after it
                assertEquals(1, OlderDatabase.count(store, "turf_plan"));
            }
        });
    }

    @Test
    void aStoreWithTheFirstRestrictionTableKeepsItsRestrictionsNowHeldPerRequest() {
        onBoth(db -> {
            db.migrate("18", TODAY);
            db.migrate("19", V19_ONE_PER_PERSON); // 39eb7d4, 1:03 on 30 November
            db.migrate("20", TODAY);
            db.sql(restrictedPerson());
            try (Store store = db.open()) {
                assertEquals(1, OlderDatabase.count(store, "processing_restriction"));
                restrictTheSamePersonAgain(store);
                assertEquals(2, OlderDatabase.count(store, "processing_restriction"));
                assertEquals(0, OlderDatabase.count(store, "door_outcome WHERE superseded_at IS NOT NULL"));
            }
        });
    }

    @Test
    void aStoreWhereRestrictionsWereRebuiltByTheFormerV21GetsTodaysV21() {
        onBoth(db -> {
            db.migrate("18", TODAY);
            db.migrate("19", V19_ONE_PER_PERSON);
            db.migrate("20", TODAY);
            db.sql(restrictedPerson());
            db.migrate("21", V21_RESTRICTION_PER_REQUEST); // 676e6ed, 1:19 on 30 November
            try (Store store = db.open()) {
                assertEquals(Map.of("21", true), history(store, "21"));
                restrictTheSamePersonAgain(store);
                assertEquals(2, OlderDatabase.count(store, "processing_restriction"));
                assertEquals(0, OlderDatabase.count(store, "door_outcome WHERE correction_id IS NOT NULL"));
            }
        });
    }

    @Test
    void aStoreOfTheFirstDataModelIsRefusedWithWhatToDo() {
        onBoth(db -> {
            db.migrate("1", "classpath:db/edited/v1-first");
            StoreException e = assertThrows(StoreException.class, db::open);
            assertTrue(e.getMessage().contains("28 novembre 2026") && e.getMessage().contains("créez une base neuve"),
                    e.getMessage());
        });
    }

    /** A PostgreSQL schema Flyway has still to create has no history, whatever other schemas of the database hold. */
    @Test
    void aNewPostgresqlSchemaOpensBesideAnotherThatHasAHistory() {
        Store other = TestStores.postgres();
        try {
            Store fresh = TestStores.postgres();
            TestStores.dropSchema(fresh);
        } finally {
            TestStores.dropSchema(other);
        }
    }

    private static String planJanvierBy(String user) {
        return "INSERT INTO turf_plan (name, contest, parameters, created_by, created_at)"
                + " VALUES ('janvier', 'paris-2026', '{}', '" + user + "', CURRENT_TIMESTAMP)";
    }

    private static String[] restrictedPerson() {
        return new String[] {
            "INSERT INTO person (id, created_at) VALUES (1, CURRENT_TIMESTAMP)",
            "INSERT INTO rights_request (id, kind, person_id, received_on, received_via, due_on, status, created_by,"
                    + " created_at) VALUES (1, 'restriction', 1, DATE '2026-11-30', 'letter', DATE '2026-12-30',"
                    + " 'received', 'cli:root', CURRENT_TIMESTAMP)",
            "INSERT INTO processing_restriction (person_id, request_id, since, created_by)"
                    + " VALUES (1, 1, CURRENT_TIMESTAMP, 'cli:root')"};
    }

    /** Refused by the first table (one row per person), kept by today's (one per person and request). */
    private static void restrictTheSamePersonAgain(Store store) {
        store.jdbi().useHandle(h -> {
            h.execute("INSERT INTO rights_request (id, kind, person_id, received_on, received_via, due_on, status,"
                    + " created_by, created_at) VALUES (2, 'restriction', 1, DATE '2026-12-01', 'letter',"
                    + " DATE '2027-01-04', 'received', 'cli:root', CURRENT_TIMESTAMP)");
            h.execute("INSERT INTO processing_restriction (person_id, request_id, since, created_by)"
                    + " VALUES (1, 2, CURRENT_TIMESTAMP, 'cli:root')");
        });
    }

    /** Version → success of the history rows of those versions. */
    private static Map<String, Boolean> history(Store store, String... versions) {
        List<String> wanted = List.of(versions);
        return store.jdbi().withHandle(h -> h.createQuery("SELECT version, success FROM " + Tables.MIGRATIONS
                        + " WHERE version IS NOT NULL").map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
                .list()).stream().filter(e -> wanted.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private void onBoth(Consumer<OlderDatabase> test) {
        OlderDatabase.onBoth(tmp, test);
    }
}
