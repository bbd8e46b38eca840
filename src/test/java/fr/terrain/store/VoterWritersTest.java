package fr.terrain.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every class that writes voter rows records the change ({@link VoterChanges#record}): the pages' caches of voter
 * figures are keyed on the count of those records, so a writer that forgot it would leave them stale.
 * {@code PrivacyStoreContract.everyChangeOfTheVoterRowsMovesTheVotersVersion} follows each writer on both databases;
 * this finds a writer added later, by its SQL in the sources.
 */
class VoterWritersTest {
    private static final Pattern WRITES_VOTERS = Pattern.compile(
            "(?i)(DELETE\\s+FROM|INSERT\\s+INTO|UPDATE|MERGE\\s+INTO|TRUNCATE(\\s+TABLE)?)\\s+voter\\b"
                    + "|Bulk\\.into\\([^;]*?\"voter\"");

    @Test
    void everyClassWritingVoterRowsRecordsTheChange() throws IOException {
        TreeMap<String, Boolean> writers = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(f);
                if (WRITES_VOTERS.matcher(source).find()) {
                    writers.put(f.getFileName().toString(), source.contains("VoterChanges.record("));
                }
            }
        }
        // the writers known today: finding them shows the pattern still sees SQL as the sources write it
        assertThat(writers).containsKeys("ImportWriter.java", "Persons.java", "SuppressionList.java",
                "PersonalData.java");
        assertThat(writers.entrySet().stream().filter(e -> !e.getValue()).map(e -> e.getKey()).toList())
                .as("classes writing voter rows without VoterChanges.record").isEqualTo(List.of());
    }
}
