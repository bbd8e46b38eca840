package fr.terrain.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Databases migrated by a build of Terrain whose migrations were edited or renumbered afterwards (ADR 0024). Flyway
 * refuses to open them (a checksum that no longer matches, a migration numbered below one applied); before it runs,
 * each known case is brought where today's migrations would have taken it: the schema first, then Flyway's history
 * row. {@code MigrationChecksumsTest} keeps new cases from arising.
 */
final class EditedMigrations {
    /** V1 as committed before 28 November 2026 14:17 (a2bd0e4, 45f64c0): another data model, never carried over. */
    private static final List<Integer> FIRST_FOUNDATIONS = List.of(415995470, -86057229);
    /** V19 with one restriction per person (38f28d9), later keyed by person and request (870ac78). */
    private static final int V19_ONE_PER_PERSON = 422772417;
    /** V21 « restriction per request » (43e4c79), folded into V19 eight minutes later; V21 is now another migration. */
    private static final int V21_RESTRICTION_PER_REQUEST = -1056715374;
    /** V24 « team name per sector » (03940c6), then with plan names (ea82072), then renumbered V23 (8a98ba8). */
    private static final int V24_TEAM_NAMES = -2024829805;
    private static final int V24_TEAM_AND_PLAN_NAMES = -1443233734;

    /** What V21 « restriction per request » did: V19's table keyed by person and request. */
    private static final List<String> RESTRICTION_PER_REQUEST = List.of("""
            CREATE TABLE processing_restriction_by_request (
                person_id BIGINT NOT NULL REFERENCES person (id),
                request_id BIGINT NOT NULL REFERENCES rights_request (id),
                since TIMESTAMP NOT NULL,
                created_by VARCHAR(64) NOT NULL,
                PRIMARY KEY (person_id, request_id))""",
            "INSERT INTO processing_restriction_by_request (person_id, request_id, since, created_by)"
                    + " SELECT person_id, request_id, since, created_by FROM processing_restriction",
            "DROP TABLE processing_restriction",
            "ALTER TABLE processing_restriction_by_request RENAME TO processing_restriction");
    /** What V23 does beyond V24 « team name per sector »: plan names per sector too. */
    private static final List<String> PLAN_NAMES_PER_SECTOR = List.of(
            "ALTER TABLE turf_plan ADD COLUMN plan_name VARCHAR(100)",
            "UPDATE turf_plan SET plan_name = name",
            "ALTER TABLE turf_plan DROP COLUMN name",
            "ALTER TABLE turf_plan RENAME COLUMN plan_name TO name",
            "ALTER TABLE turf_plan ALTER COLUMN name SET NOT NULL",
            "CREATE INDEX turf_plan_name ON turf_plan (name)");

    private EditedMigrations() {}

    /**
     * Brings the history of an edited migration in line with today's files; {@code checksums} gives today's checksum
     * of each version (as Flyway resolves it). A store Flyway has never touched, or one with no such history, is left alone.
     */
    static void reconcile(DataSource dataSource, Supplier<Map<String, Integer>> checksums) {
        try (Connection c = dataSource.getConnection()) {
            Map<String, Integer> applied = Tables.migrations(c);
            if (applied.isEmpty()) {
                return;
            }
            if (FIRST_FOUNDATIONS.contains(applied.get("1"))) {
                throw new StoreException("cette base a été créée par une version de Terrain du 28 novembre 2026 antérieure"
                        + " à 14 h 17, dont le modèle de données n'a pas été repris : elle ne peut pas être mise à jour ;"
                        + " créez une base neuve (autre --home ou autre base PostgreSQL) et réimportez les fichiers");
            }
            c.setAutoCommit(false);
            if (Integer.valueOf(V19_ONE_PER_PERSON).equals(applied.get("19"))) {
                if (Integer.valueOf(V21_RESTRICTION_PER_REQUEST).equals(applied.get("21"))) {
                    update(c, "DELETE FROM " + Tables.MIGRATIONS + " WHERE version = '21'");
                } else {
                    execute(c, RESTRICTION_PER_REQUEST);
                }
                rewrite(c, "19", "V19__processing_restriction.sql", checksums.get().get("19"));
            }
            Integer v24 = applied.get("24");
            if (!applied.containsKey("23") && v24 != null
                    && (v24 == V24_TEAM_NAMES || v24 == V24_TEAM_AND_PLAN_NAMES)) {
                if (v24 == V24_TEAM_NAMES) {
                    execute(c, PLAN_NAMES_PER_SECTOR);
                }
                rewrite(c, "24", "V23__team_and_plan_names_per_sector.sql", checksums.get().get("23"));
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("la base n'a pas pu être remise en accord avec les migrations de cette version : "
                    + e.getMessage(), e);
        }
    }

    /**
     * A migration's version in today's numbering: the team and plan names migration, V24 for some builds, is V23. A
     * checksum unknown (a backup written before backups listed their migrations) means that one: no other V24
     * existed then.
     */
    static String today(String version, Integer checksum) {
        boolean renumbered = "24".equals(version)
                && (checksum == null || checksum == V24_TEAM_NAMES || checksum == V24_TEAM_AND_PLAN_NAMES);
        return renumbered ? "23" : version;
    }

    private static void execute(Connection c, List<String> statements) throws SQLException {
        for (String sql : statements) {
            update(c, sql);
        }
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    /** The history row of {@code version}, made today's migration {@code script}: its number, name, file and checksum. */
    private static void rewrite(Connection c, String version, String script, int checksum) throws SQLException {
        String[] parts = script.substring(1, script.length() - ".sql".length()).split("__");
        try (PreparedStatement st = c.prepareStatement("UPDATE " + Tables.MIGRATIONS
                + " SET version = ?, description = ?, script = ?, checksum = ? WHERE version = ?")) {
            st.setString(1, parts[0]);
            st.setString(2, parts[1].replace('_', ' '));
            st.setString(3, script);
            st.setInt(4, checksum);
            st.setString(5, version);
            st.executeUpdate();
        }
    }
}
