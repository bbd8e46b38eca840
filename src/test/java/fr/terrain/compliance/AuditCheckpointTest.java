package fr.terrain.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.store.AuditLog;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit checkpoint belongs to a log, not to the spelling of its database's URL: checking the same PostgreSQL
 * database as {@code localhost} after {@code 127.0.0.1}, or an empty database with the same data directory, must not
 * replace the checkpoint that shows entries cut off the end (both made a later deletion pass as « journal intact »).
 */
class AuditCheckpointTest {
    @TempDir
    Path home;

    static Store sameDatabaseOtherSpelling(Store store) {
        String schema = store.description().substring(store.description().lastIndexOf(" schema ") + " schema ".length());
        return Store.url(TestStores.PG_URL.replace("127.0.0.1", "localhost"), TestStores.PG_USER, null, schema);
    }

    static void deleteFrom(Store store, long seq) {
        store.jdbi().useHandle(h -> h.execute("DELETE FROM audit_entry WHERE seq >= ?", seq));
    }

    @Test
    void entriesCutOffAreFoundWhateverUrlOrEmptyDatabaseWasCheckedInBetween() {
        Store pg = TestStores.postgres();
        Store empty = TestStores.postgres();
        try {
            for (int i = 0; i < 5; i++) {
                AuditLog.append(pg, "claire", "voters.view", "voters:" + i, 1, "essai");
            }
            assertThat(AuditCheck.run(pg, home, true).intact()).isTrue();

            // an empty database read with the same data directory: nothing to protect, nothing replaced
            AuditCheck.Result nothing = AuditCheck.run(empty, home, true);
            assertThat(nothing.intact()).isTrue();
            assertThat(nothing.checkpoint()).isEmpty();

            // the same database under another spelling: its checkpoint is found, and moves with the log
            Store other = sameDatabaseOtherSpelling(pg);
            try {
                AuditLog.append(pg, "claire", "voters.view", "voters:5", 1, "essai");
                AuditCheck.Result again = AuditCheck.run(other, home, true);
                assertThat(again.intact()).isTrue();
                assertThat(again.checkpoint()).hasValueSatisfying(h -> assertThat(h.seq()).isEqualTo(5));
                assertThat(again.checkpointNote()).contains("lu alors par " + pg.description());

                deleteFrom(pg, 5); // entries 5 and 6: the chain left is whole
                AuditCheck.Result cut = AuditCheck.run(pg, home, true);
                assertThat(cut.broken()).hasValueSatisfying(b -> assertThat(b.reason())
                        .contains("les entrées n° 5 à 6 ont été supprimées"));
                assertThat(AuditCheck.run(other, home, true).intact()).as("nor under the other spelling").isFalse();
            } finally {
                other.close();
            }
        } finally {
            TestStores.dropSchema(pg);
            TestStores.dropSchema(empty);
        }
    }

    @Test
    void aLogEmptiedWholeIsFoundAndAnOlderFilesCheckpointStillCounts() throws Exception {
        Store pg = TestStores.postgres();
        try {
            for (int i = 0; i < 3; i++) {
                AuditLog.append(pg, "claire", "voters.view", "voters:" + i, 1, "essai");
            }
            var head = fr.terrain.privacy.AuditHead.of(AuditLog.all(pg));
            // the file as written before 2026-12-02: one database's checkpoint, named by its URL
            Files.writeString(home.resolve(AuditCheck.HEAD_FILE), "store=" + pg.description().replace(":", "\\:")
                    + "\nseq=" + head.seq() + "\nhash=" + head.hash() + "\nrecorded=2026-11-30T10\\:00\\:00Z\n");
            assertThat(AuditCheck.run(pg, home, true).checkpoint()).contains(head);

            deleteFrom(pg, 1);
            AuditCheck.Result emptied = AuditCheck.run(pg, home, true);
            assertThat(emptied.broken()).hasValueSatisfying(b -> assertThat(b.reason())
                    .contains("les entrées n° 1 à 3 ont été supprimées"));
        } finally {
            TestStores.dropSchema(pg);
        }
    }
}
