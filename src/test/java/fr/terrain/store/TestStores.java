package fr.terrain.store;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Stores for tests: H2 in a temporary folder, or a fresh schema of the real PostgreSQL. */
public final class TestStores {
    /** The CI machine's PostgreSQL (trust authentication); TERRAIN_TEST_PG_URL overrides. */
    public static final String PG_URL = System.getenv().getOrDefault("TERRAIN_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = System.getenv().getOrDefault("TERRAIN_TEST_PG_USER", "postgres");

    private TestStores() {}

    public static Store h2(Path dir) {
        return Store.h2(dir);
    }

    /** A store in a new schema; {@link #dropSchema} removes it. */
    public static Store postgres() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return Store.url(PG_URL, PG_USER, null, schema);
    }

    /** Runs a test on a fresh H2 store in {@code home}, then on a fresh PostgreSQL schema (dropped after). */
    public static void onBoth(Path home, java.util.function.Consumer<Store> test) {
        try (Store h2 = h2(home)) {
            test.accept(h2);
        }
        Store pg = postgres();
        try {
            test.accept(pg);
        } finally {
            dropSchema(pg);
        }
    }

    public static void dropSchema(Store store) {
        String description = store.description();
        int i = description.lastIndexOf(" schema ");
        if (i < 0) {
            return;
        }
        String schema = description.substring(i + " schema ".length());
        store.close();
        try (var c = DriverManager.getConnection(PG_URL, PG_USER, null)) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of every table, sorted: two equal dumps mean two equal databases. */
    public static String dump(Store store) {
        List<String> tables = List.of("election", "station", "candidacy", "station_result", "arrondissement", "iris",
                "iris_indicator", "address", "commune_name", "import_log", "voter", "voter_change",
                "flyway_schema_history");
        return store.jdbi().withHandle(h -> tables.stream().map(t -> {
            List<String> rows = h.createQuery("SELECT * FROM " + t).map((rs, ctx) -> {
                StringBuilder row = new StringBuilder();
                int n = rs.getMetaData().getColumnCount();
                for (int c = 1; c <= n; c++) {
                    String name = rs.getMetaData().getColumnName(c).toLowerCase();
                    if (t.equals("flyway_schema_history") && (name.equals("installed_on") || name.equals("execution_time"))) {
                        continue;
                    }
                    row.append(rs.getString(c)).append('|');
                }
                return row.toString();
            }).list();
            return "## " + t + " (" + rows.size() + ")\n" + rows.stream().sorted().collect(Collectors.joining("\n"));
        }).collect(Collectors.joining("\n")));
    }

    /**
     * Every row of every table the database has (whoever's migration made it), the migrations'
     * history included, sorted: equal dumps mean equal stores, byte for byte in what SQL can see.
     */
    public static String dumpAll(Store store) {
        List<String> names = new java.util.ArrayList<>(Tables.list(store).stream().map(Tables.Table::name).toList());
        return store.jdbi().withHandle(h -> {
            names.add(Tables.MIGRATIONS);
            return names.stream().sorted().map(t -> {
                List<String> rows = h.createQuery("SELECT * FROM " + t).map((rs, ctx) -> {
                    StringBuilder row = new StringBuilder();
                    int n = rs.getMetaData().getColumnCount();
                    for (int c = 1; c <= n; c++) {
                        String name = rs.getMetaData().getColumnName(c).toLowerCase();
                        if (t.equals(Tables.MIGRATIONS) && (name.equals("installed_on") || name.equals("execution_time"))) {
                            continue;
                        }
                        row.append(name).append('=').append(rs.getString(c)).append('|');
                    }
                    return row.toString();
                }).list();
                return "## " + t + " (" + rows.size() + ")\n" + rows.stream().sorted().collect(Collectors.joining("\n"));
            }).collect(Collectors.joining("\n"));
        });
    }
}
