package fr.terrain.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory holds the database and the keys: Terrain creates it for its owner only. */
class DataDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void aNewDataDirectoryIsTheOwnersOnlyAnExistingOneIsLeftAsItIs() throws Exception {
        Path home = tmp.resolve("campagne").resolve(".terrain");
        try (Store s = Store.h2(home)) {
            assertThat(Files.exists(home.resolve("terrain.mv.db"))).isTrue();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");

        Path shared = Files.createDirectory(tmp.resolve("partage"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
        HashKeyFile.load(shared);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rwxr-x---");
        Path keysOnly = tmp.resolve("cles");
        HashKeyFile.load(keysOnly); // a PostgreSQL campaign's data directory, created for its key
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keysOnly))).isEqualTo("rwx------");
    }
}
