package fr.terrain.compliance;

import fr.terrain.store.Store;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The server's daily privacy chores: apply the retention policy (settings re-read each time) and
 * verify the audit log, moving its checkpoint. Runs a minute after start, then every 24 hours.
 */
public final class DailyRetention implements AutoCloseable {
    /** The actor the audit log names for scheduled runs. */
    public static final String ACTOR = "system:retention";

    private final ScheduledExecutorService executor;

    private DailyRetention(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /**
     * Starts the schedule; {@code dryRun} only reports what would go (the demo keeps its fictitious
     * list). Every outcome, and every failure, goes to {@code log}.
     */
    public static DailyRetention start(Store store, Path home, boolean dryRun, Consumer<String> log) {
        return schedule(() -> runOnce(store, home, dryRun, log), 60_000);
    }

    /** {@code chores} after {@code delayMillis}, then every 24 hours, on a daemon thread. */
    static DailyRetention schedule(Runnable chores, long delayMillis) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "daily-retention");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(chores, delayMillis, TimeUnit.DAYS.toMillis(1), TimeUnit.MILLISECONDS);
        return new DailyRetention(executor);
    }

    /**
     * One day's chores; never throws (a failure is logged and the schedule goes on). The audit check runs whatever
     * retention's outcome, each failure logged under its own chore.
     */
    public static void runOnce(Store store, Path home, boolean dryRun, Consumer<String> log) {
        try {
            var settings = PrivacySettings.read(home);
            var result = RetentionRun.run(store, home, settings.retention(), fr.terrain.election.Paris.today(), dryRun,
                    ACTOR);
            log.accept("[conservation] " + result.summary());
        } catch (RuntimeException e) {
            log.accept("[conservation] échec : " + e.getMessage());
        }
        try {
            var audit = AuditCheck.run(store, home, true);
            log.accept("[audit] " + (audit.intact() ? "journal intact, " + audit.entries() + " entrées"
                    : "JOURNAL ALTÉRÉ : " + audit.broken().get().reason()));
        } catch (AuditCheck.UnreadableCheckpoint e) {
            log.accept("[audit] JOURNAL NON VÉRIFIÉ, point de contrôle illisible : " + e.getMessage());
        } catch (RuntimeException e) {
            log.accept("[audit] échec : " + e.getMessage());
        }
    }

    /**
     * No run after this one; a run under way finishes first (its deletions are one transaction, its audit entry
     * follows them; interrupting it could also make H2 close its file under it), for {@link #FINISH_WAIT} at most.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(FINISH_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** How long {@link #close} waits for a run under way. */
    static final java.time.Duration FINISH_WAIT = java.time.Duration.ofSeconds(30);
}
