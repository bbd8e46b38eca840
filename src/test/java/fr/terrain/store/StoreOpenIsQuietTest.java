package fr.terrain.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a store is silent on standard error when its schema is in order: every command opens one, and Flyway's
 * warnings (in English) would follow each of them.
 */
class StoreOpenIsQuietTest {
    @TempDir
    Path home;

    @Test
    void aStoreWithNoMigrationOutOfOrderOpensWithoutAWarning() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            Store.h2(home).close(); // created: every migration in order
            Store.h2(home).close(); // opened again: nothing pending
        } finally {
            System.setErr(err);
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("outOfOrder").doesNotContain("WARN");
    }
}
