package fr.terrain.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/**
 * A migration that some database has applied must never change: Flyway then refuses to start on that database
 * (checksum mismatch), in the middle of a campaign. Every migration's checksum is recorded in
 * {@value #RECORD}; this test fails when a recorded file changed, vanished or was renumbered, and names a new file
 * to record (ADR 0024).
 */
class MigrationChecksumsTest {
    static final String RECORD = "src/test/resources/db/migration-checksums.txt";

    @Test
    void everyMigrationIsRecordedAndNoneChangedSinceItsCommit() throws IOException {
        Map<String, Integer> recorded = recorded();
        Map<String, Integer> found = new LinkedHashMap<>();
        for (MigrationInfo m : resolvedMigrations()) {
            found.put(m.getScript(), m.getResolvedChecksum());
        }
        List<String> problems = new ArrayList<>();
        recorded.forEach((script, checksum) -> {
            Integer now = found.get(script);
            if (now == null) {
                problems.add(script + " a disparu ou changé de nom / was deleted or renamed");
            } else if (!now.equals(checksum)) {
                problems.add(script + " a changé (somme " + checksum + " → " + now + ") / was edited");
            }
        });
        found.forEach((script, checksum) -> {
            if (!recorded.containsKey(script)) {
                problems.add(script + " n'est pas inscrite / is not recorded : ajoutez la ligne / add the line « "
                        + script + " " + checksum + " » à / to " + RECORD);
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems)
                + "\nUne migration déjà livrée ne se modifie jamais : des bases l'ont appliquée et Flyway refuserait de"
                + " les ouvrir. Remettez-la comme elle était et ajoutez une nouvelle migration (numéro suivant)."
                + "\nA migration once committed is never edited: databases have applied it and Flyway would refuse to"
                + " open them. Restore it and add a new migration (next number). See docs/adr/0024.");
    }

    /** What Flyway finds on the class path, resolved without applying anything. */
    static List<MigrationInfo> resolvedMigrations() {
        Flyway flyway = Store.migrations().dataSource("jdbc:h2:mem:checksums", "sa", "").load();
        return List.of(flyway.info().all());
    }

    static Map<String, Integer> recorded() throws IOException {
        Map<String, Integer> record = new LinkedHashMap<>();
        try (InputStream in = MigrationChecksumsTest.class.getResourceAsStream("/db/migration-checksums.txt")) {
            if (in == null) {
                return record;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] parts = l.split("\\s+");
                record.put(parts[0], Integer.parseInt(parts[1]));
            }
        }
        return record;
    }
}
