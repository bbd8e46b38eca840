package fr.terrain.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.store.AuditLog;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's daily chores: a run under way ends before the store closes; the audit check always says its outcome. */
class DailyRetentionTest {
    @TempDir
    Path home;

    /** The log line said « [conservation] échec » for a checkpoint that could not be read, as if retention had failed. */
    @Test
    void anUnreadableCheckpointIsLoggedAsTheAuditsOutcomeAfterRetentionRan() throws Exception {
        List<String> log = new ArrayList<>();
        try (Store store = TestStores.h2(home)) {
            AuditLog.append(store, "claire", "voters.view", "paris-2026", 1, "essai");
            Files.writeString(home.resolve(AuditCheck.HEAD_FILE), "1.first=" + "a".repeat(64) + "\n1.store=H2\n1.seq=-1\n");
            DailyRetention.runOnce(store, home, true, log::add);
        }
        assertThat(log).hasSize(2);
        assertThat(log.get(0)).startsWith("[conservation] ").doesNotContain("échec");
        assertThat(log.get(1)).startsWith("[audit] JOURNAL NON VÉRIFIÉ, point de contrôle illisible")
                .contains("clé « 1.seq » : numéro d'entrée attendu, trouvé « -1 »");
    }

    @Test
    void closeLetsARunUnderWayFinishUninterrupted() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        DailyRetention daily = DailyRetention.schedule(() -> {
            started.countDown();
            try {
                Thread.sleep(500); // a retention run's transaction
                finished.set(true);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }, 0);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        daily.close();
        assertThat(interrupted).as("interrupted by close").isFalse();
        assertThat(finished).as("finished before close returned").isTrue();
    }
}
