package fr.terrain.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.Jdbi;

/**
 * The data store. One instance per process: a connection pool, migrated to the latest schema on
 * open. H2 runs embedded in PostgreSQL mode, in auto-server mode so that a second process (the
 * CLI while the web app runs) can use the same file, with a page cache sized to the heap
 * ({@link #h2CacheKib}).
 */
public final class Store implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;
    /** Per-store helpers (a write-behind queue, a cache) made on first use, closed before the pool. */
    private final Map<Class<?>, AutoCloseable> companions = new LinkedHashMap<>();
    private final String description;
    /** The data directory (TERRAIN_HOME) the store was opened from, where keys live; null when opened by URL alone. */
    private Path home;

    /** The SQL spoken by the database, for the few statements that differ. */
    public enum Dialect { H2, POSTGRESQL }

    /** A PostgreSQL base that holds no Terrain store (an empty base, a new schema), left as it was by {@link #existing}. */
    public static final class Empty extends RuntimeException {
        Empty(String description) {
            super("aucune donnée dans la base " + description);
        }
    }

    private Store(String url, String user, String password, String schema, String description, boolean create) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        if (schema != null) {
            config.setSchema(schema);
        }
        if (url.startsWith("jdbc:postgresql:")) { // « Detail: Key (email)=(…) » would carry personal data into the log
            config.addDataSourceProperty("logServerErrorDetail", "false");
        }
        config.setMaximumPoolSize(4);
        config.setPoolName("terrain");
        this.dialect = dialect(url, description);
        try {
            this.dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) { // no database there, refused, wrong password: the user's setting, not a bug
            throw new StoreException("impossible d'ouvrir la base " + description + " : " + connectionProblem(e), e);
        }
        this.description = description;
        if (!create && dialect == Dialect.POSTGRESQL) {
            boolean holds;
            try {
                holds = holdsMigrations(dataSource, schema);
            } catch (java.sql.SQLException e) {
                dataSource.close();
                throw new StoreException("impossible de lire la base " + description + " : " + connectionProblem(e), e);
            }
            if (!holds) {
                dataSource.close();
                throw new Empty(description);
            }
        }
        var configuration = migrations().dataSource(dataSource).loggers("slf4j");
        if (schema != null) {
            configuration.schemas(schema).defaultSchema(schema);
        }
        Flyway flyway = configuration.load();
        try {
            EditedMigrations.reconcile(dataSource, () -> resolvedChecksums(flyway));
            // migrations are numbered on parallel branches: a lower number merged after a higher one that a store has
            // applied runs then, out of order (ADR 0024), rather than stop the store from opening
            boolean below = java.util.Arrays.stream(flyway.info().all())
                    .anyMatch(m -> m.getState() == org.flywaydb.core.api.MigrationState.IGNORED);
            (below ? configuration.outOfOrder(true).load() : flyway).migrate();
        } catch (org.flywaydb.core.api.FlywayException e) {
            dataSource.close();
            throw new StoreException("la base " + description + " n'a pas pu être mise au schéma de cette version : "
                    + rootMessage(e), e);
        } catch (StoreException e) {
            dataSource.close();
            throw new StoreException("la base " + description + " : " + e.getMessage(), e);
        }
        if (dialect == Dialect.H2) {
            VoterIdentityIndex.ensure(dataSource);
        }
        this.jdbi = Jdbi.create(dataSource);
        // a failed statement's message names the statement, never the values bound to it: it may reach the server's log
        jdbi.getConfig(org.jdbi.v3.core.statement.StatementExceptions.class).setMessageRendering(e ->
                e.getShortMessage() + (e.getStatementContext() == null ? "" : " [statement:\""
                        + e.getStatementContext().getRawSql() + "\"]"));
    }

    /** This build's migrations: the SQL files, and the one that draws random numbers ({@link PendingMessageIds}). */
    static FluentConfiguration migrations() {
        return Flyway.configure().locations("classpath:db/migration").javaMigrations(new PendingMessageIds());
    }

    /** Version → checksum of each migration file of this build, as Flyway computes it. */
    private static Map<String, Integer> resolvedChecksums(Flyway flyway) {
        Map<String, Integer> checksums = new java.util.HashMap<>();
        for (MigrationInfo m : flyway.info().all()) {
            if (m.getVersion() != null && m.getResolvedChecksum() != null) {
                checksums.put(m.getVersion().getVersion(), m.getResolvedChecksum());
            }
        }
        return checksums;
    }

    private static Dialect dialect(String url, String shown) {
        if (url.startsWith("jdbc:postgresql:")) {
            return Dialect.POSTGRESQL;
        }
        if (url.startsWith("jdbc:h2:")) {
            return Dialect.H2;
        }
        throw new StoreException("base non prise en charge : " + shown
                + " (Terrain utilise PostgreSQL, jdbc:postgresql://…, ou H2 embarqué par défaut)");
    }

    /**
     * Why a connection failed, in French for what a setting explains (PostgreSQL's SQLSTATE: no such database, user
     * or password refused; no server at the address), the driver's own words after it.
     */
    static String connectionProblem(Throwable e) {
        String state = null;
        boolean refused = false;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && state == null) {
                state = sql.getSQLState();
            }
            refused |= t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException;
        }
        String why = refused ? "aucun serveur ne répond à cette adresse"
                : state == null ? null
                : switch (state) {
                    case "3D000" -> "cette base n'existe pas sur le serveur (createdb NOM pour la créer)";
                    case "28000", "28P01" -> "utilisateur ou mot de passe refusé (TERRAIN_DB_USER, TERRAIN_DB_PASSWORD)";
                    case "3F000" -> "ce schéma n'existe pas";
                    default -> state.startsWith("08") ? "aucun serveur ne répond à cette adresse" : null;
                };
        return why == null ? rootMessage(e) : why + " (" + rootMessage(e) + ")";
    }

    /** Whether the base holds Terrain's migrations' table, in {@code schema} or else the connection's current one. */
    private static boolean holdsMigrations(javax.sql.DataSource dataSource, String schema) throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM information_schema.tables"
                        + " WHERE table_schema = COALESCE(?, current_schema()) AND table_name = 'flyway_schema_history'")) {
            q.setString(1, schema);
            try (java.sql.ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getInt(1) > 0;
            }
        }
    }

    /** The innermost cause's message: what went wrong, without the layers that carried it. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    /**
     * Creates the data directory if it does not exist, readable by its owner only (rwx------) where the file system has
     * POSIX permissions: it holds the database, the keys and the reports, all personal data or what guards it. An
     * existing directory is left as it is.
     */
    static void createHome(Path home) throws java.io.IOException {
        if (Files.isDirectory(home)) {
            return;
        }
        if (home.toAbsolutePath().getParent() != null) {
            Files.createDirectories(home.toAbsolutePath().getParent());
        }
        try {
            Files.createDirectory(home, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectory(home);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // created meanwhile by another process: theirs; or a file of that name (a mistyped --home)
            if (!Files.isDirectory(home)) {
                throw new StoreException("le répertoire des données " + home + " est un fichier, pas un répertoire"
                        + " (--home ou TERRAIN_HOME)");
            }
        }
    }

    /** {@link #createHome}, its failure said as the store's. */
    private static void makeHome(Path home) {
        try {
            createHome(home);
        } catch (java.io.IOException e) {
            throw new StoreException("impossible de créer le répertoire des données " + home + " ("
                    + e.getClass().getSimpleName() + " " + e.getMessage() + ")", e);
        }
    }

    /** Whether the data directory holds an embedded database (a mistyped {@code --home} does not). */
    public static boolean holdsH2(Path home) {
        return Files.isRegularFile(home.toAbsolutePath().resolve("terrain.mv.db"));
    }

    /** The embedded H2 database in the data directory, created with it when missing. */
    public static Store h2(Path home) {
        makeHome(home);
        Path file = home.toAbsolutePath().resolve("terrain");
        String url = "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";AUTO_SERVER=TRUE;CACHE_SIZE=" + h2CacheKib(Runtime.getRuntime().maxMemory());
        Store store = new Store(url, "sa", "", null, "H2 " + file + ".mv.db", true);
        store.home = home;
        return store;
    }

    /**
     * H2's page cache in KiB: a sixteenth of the heap, between H2's default (16 MiB) and 256 MiB. A large
     * import commits tens of thousands of rows in one transaction, and the commit revisits every page the
     * transaction wrote: with 16 MiB, the pages of a national results file had already been evicted and
     * were read back from the file (a quarter of H2's work on that import, BENCHMARKS.md). An eighth was
     * too much under a 1 GiB heap: the cache's pages kept the collector busy and the electoral list's
     * import took half as long again.
     */
    static long h2CacheKib(long maxHeapBytes) {
        long sixteenth = maxHeapBytes / 16 / 1024;
        return Math.clamp(sixteenth, 16 * 1024, 256 * 1024);
    }

    /** Any JDBC URL (PostgreSQL in production), optionally inside a schema. */
    public static Store url(String url, String user, String password, String schema) {
        return url(url, user, password, schema, true);
    }

    private static Store url(String url, String user, String password, String schema, boolean create) {
        return new Store(url, user, password, schema, shown(url) + (schema == null ? "" : " schema " + schema), create);
    }

    /** A JDBC URL as messages and logs may show it: a password in it masked. */
    public static String shown(String url) {
        return url.replaceAll("password=[^&;]*", "password=***");
    }

    /**
     * {@code TERRAIN_DB_URL} (with {@code TERRAIN_DB_USER}, {@code TERRAIN_DB_PASSWORD}) when set,
     * else H2 in the data directory.
     */
    public static Store open(Path home, Map<String, String> env) {
        return open(home, env, true);
    }

    /**
     * As {@link #open}, for what reads or changes data already there: a PostgreSQL base without a store is not made one
     * (checked on the pool's first connection, before any migration).
     *
     * @throws Empty when the base holds no store; nothing is created in it
     */
    public static Store existing(Path home, Map<String, String> env) {
        return open(home, env, false);
    }

    private static Store open(Path home, Map<String, String> env, boolean create) {
        String url = env.get("TERRAIN_DB_URL");
        if (url == null || url.isBlank()) {
            return h2(home);
        }
        if (create) { // the data directory holds the keys and reports, whatever the database: made as h2() makes it
            makeHome(home);
        }
        Store store = url(url, env.get("TERRAIN_DB_USER"), env.get("TERRAIN_DB_PASSWORD"), env.get("TERRAIN_DB_SCHEMA"), create);
        store.home = home;
        return store;
    }

    /** The data directory the store was opened from (its secret keys live there), if any. */
    public java.util.Optional<Path> home() {
        return java.util.Optional.ofNullable(home);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Dialect dialect() {
        return dialect;
    }

    public String description() {
        return description;
    }

    /**
     * The store's one {@code type} helper, made by {@code make} on first use; {@link #close} closes it (most recent
     * first) while the database is still open, so that a write-behind queue can flush.
     */
    public <T extends AutoCloseable> T companion(Class<T> type, Function<Store, T> make) {
        synchronized (companions) {
            AutoCloseable c = companions.get(type);
            if (c == null) {
                c = make.apply(this);
                companions.put(type, c);
            }
            return type.cast(c);
        }
    }

    /** The store's {@code type} helper if one was made, without making it. */
    public <T extends AutoCloseable> java.util.Optional<T> existingCompanion(Class<T> type) {
        synchronized (companions) {
            return java.util.Optional.ofNullable(type.cast(companions.get(type)));
        }
    }

    @Override
    public void close() {
        List<AutoCloseable> open;
        synchronized (companions) {
            open = new ArrayList<>(companions.values());
            companions.clear();
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(Store.class).warn("fermeture de {} : {}", open.get(i), e.toString());
            }
        }
        dataSource.close();
    }
}
