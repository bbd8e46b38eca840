package fr.terrain.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The server's stop closes the store after the daily run: a run under way must end first, not be cut. */
class DailyRetentionTest {

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
