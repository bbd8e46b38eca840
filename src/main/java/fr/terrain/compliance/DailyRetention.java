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
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "daily-retention");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(() -> runOnce(store, home, dryRun, log), 1, 24 * 60, TimeUnit.MINUTES);
        return new DailyRetention(executor);
    }

    /** One day's chores; never throws (a failure is logged and the schedule goes on). */
    public static void runOnce(Store store, Path home, boolean dryRun, Consumer<String> log) {
        try {
            var settings = PrivacySettings.read(home);
            var result = RetentionRun.run(store, home, settings.retention(), fr.terrain.election.Paris.today(), dryRun,
                    ACTOR);
            log.accept("[conservation] " + result.summary());
            var audit = AuditCheck.run(store, home, true);
            log.accept("[audit] " + (audit.intact() ? "journal intact, " + audit.entries() + " entrées"
                    : "JOURNAL ALTÉRÉ : " + audit.broken().get().reason()));
        } catch (RuntimeException e) {
            log.accept("[conservation] échec : " + e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
