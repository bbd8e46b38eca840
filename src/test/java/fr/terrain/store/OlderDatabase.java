package fr.terrain.store;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;

/** A database migrated as an older build did (migrations up to a version, from a location), then opened as a store. */
record OlderDatabase(String url, String user, String password, String schema, Path home) {
    /** Runs {@code test} on a new H2 file in {@code tmp}, then on a new schema of the test PostgreSQL (dropped after). */
    static void onBoth(Path tmp, Consumer<OlderDatabase> test) {
        test.accept(new OlderDatabase("jdbc:h2:file:" + tmp.resolve("terrain") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                + ";DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE", "sa", "", null, tmp));
        OlderDatabase pg = new OlderDatabase(TestStores.PG_URL, TestStores.PG_USER, null,
                "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16), null);
        try {
            test.accept(pg);
        } finally {
            pg.sql("DROP SCHEMA IF EXISTS " + pg.schema + " CASCADE");
        }
    }

    void migrate(String target, String location) {
        var config = Flyway.configure().dataSource(url, user, password).locations(location).target(target)
                .validateOnMigrate(false);
        if (schema != null) {
            config.schemas(schema).defaultSchema(schema);
        }
        config.load().migrate();
    }

    void sql(String... statements) {
        try (var c = DriverManager.getConnection(url, user, password)) {
            if (schema != null && !statements[0].startsWith("DROP SCHEMA")) {
                c.setSchema(schema);
            }
            for (String s : statements) {
                c.createStatement().execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Store open() {
        return home != null ? Store.h2(home) : Store.url(url, user, password, schema);
    }

    static long count(Store store, String tableAndCondition) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + tableAndCondition)
                .mapTo(Long.class).one());
    }
}
