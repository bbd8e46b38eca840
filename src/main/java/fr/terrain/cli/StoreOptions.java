package fr.terrain.cli;

import fr.terrain.store.Store;
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

    Store open() {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (db != null) {
            env.put("TERRAIN_DB_URL", db);
        }
        return Store.open(home(), env);
    }
}
