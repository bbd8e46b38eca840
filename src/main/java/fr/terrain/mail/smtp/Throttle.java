package fr.terrain.mail.smtp;

import java.util.concurrent.atomic.AtomicLong;

/** At most {@code rate} messages per second across every sending thread (0: no limit). */
final class Throttle {
    private final long intervalNanos;
    private final AtomicLong next = new AtomicLong(System.nanoTime());

    Throttle(double rate) {
        this.intervalNanos = rate <= 0 ? 0 : (long) (1_000_000_000L / rate);
    }

    void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        long slot = next.getAndUpdate(n -> Math.max(n, now) + intervalNanos);
        long wait = Math.max(slot, now) - now;
        if (slot < now) {
            wait = 0;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
