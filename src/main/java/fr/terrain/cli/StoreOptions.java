package fr.terrain.cli;

import fr.terrain.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command accepts to choose its data: {@code --home}, {@code --db}. */
public final class StoreOptions {
    @Option(names = "--home", paramLabel = "DIR",
            description = "Répertoire des données (défaut : $TERRAIN_HOME, sinon ./.terrain).")
    Path home;

    @Option(names = "--db", paramLabel = "URL",
            description = "Base JDBC, par ex. jdbc:postgresql://127.0.0.1:5432/terrain?user=postgres"
                    + " (défaut : $TERRAIN_DB_URL, sinon H2 embarqué dans le répertoire des données).")
    String db;

    Path home() {
        if (home != null) {
            return home;
        }
        String env = System.getenv("TERRAIN_HOME");
        return Path.of(env == null || env.isBlank() ? ".terrain" : env);
    }

    /** The suppression list's hasher, keyed by the file in the data directory (created on first use). */
    fr.terrain.privacy.IdentifierHasher hasher() {
        return fr.terrain.store.HashKeyFile.load(home());
    }

    /**
     * The store of a command that reads or changes data already there: on the embedded database, a data directory
     * without one (a mistyped {@code --home}, a command run from another folder) is said, not created empty.
     */
    Store open() {
        Map<String, String> env = env();
        String url = env.get("TERRAIN_DB_URL");
        // a file given as the directory goes on to the store, which says so
        boolean none = Files.isDirectory(home()) ? !Store.holdsH2(home()) : Files.notExists(home());
        if ((url == null || url.isBlank()) && none) {
            throw new Terrain.UserError("aucune donnée dans " + home().toAbsolutePath().normalize() + " (--home ou"
                    + " TERRAIN_HOME) : rien n'y a été importé ; terrain import … ou terrain demo d'abord");
        }
        try {
            return Store.existing(home(), env);
        } catch (Store.Empty e) { // a mistyped name that exists, a new schema: not made a store by a command that reads
            throw new Terrain.UserError(e.getMessage() + " : rien n'y a été importé ; terrain import … ou terrain demo d'abord");
        }
    }

    /** The store, created with its data directory when missing: for the commands that bring data (import, demo…). */
    Store openOrCreate() {
        return Store.open(home(), env());
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (db != null) {
            env.put("TERRAIN_DB_URL", db);
        }
        return env;
    }
}
