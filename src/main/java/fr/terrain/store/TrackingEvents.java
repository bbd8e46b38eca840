package fr.terrain.store;

import fr.terrain.mail.tracking.Interaction;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-behind queue of opens and clicks: a request hands its event over and answers at once;
 * one writer thread stores what has queued every {@link #LINGER} (or as soon as {@link #BATCH}
 * events wait) in one transaction. Each event is written only if, at that moment, tracking is on
 * and the person has not opted out and still has the outbox row (see {@link MailTracking#record}):
 * an opt-out or an erasure committed by any process is honoured by every event written after it.
 *
 * <p>Bounded: when {@link #CAPACITY} events wait, the request writes its own event (slower, never
 * lost). What is lost on a crash is stated in ADR 0011: the events of the last few milliseconds,
 * never a consent, an opt-out or an unsubscription (those are written synchronously elsewhere).
 * {@link #flush} (reports read in this process, tests) and {@link #close} (the store's close, the
 * web server's stop) write everything queued before returning.
 */
public final class TrackingEvents implements AutoCloseable {
    static final int CAPACITY = 16_384;
    static final int BATCH = 1_000;
    static final Duration LINGER = Duration.ofMillis(5);

    private static final Logger LOG = LoggerFactory.getLogger(TrackingEvents.class);

    private final Store store;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition written = lock.newCondition();
    private final ArrayDeque<MailTracking.Event> queue = new ArrayDeque<>();
    /** Events queued and events done (written, refused or failed) since the start; flush waits for the second. */
    private long queued;
    private long done;
    private boolean flushing;
    private boolean closed;
    private long lost;
    private final Thread writer;
    private final Writes writes;

    /** One transaction's worth of events stored (the seam a test uses to make a write fail). */
    interface Writes {
        void store(Store store, List<MailTracking.Event> events);
    }

    private TrackingEvents(Store store) {
        this(store, (s, events) -> s.jdbi().useTransaction(h -> MailTracking.record(h, events)));
    }

    TrackingEvents(Store store, Writes writes) {
        this.store = store;
        this.writes = writes;
        this.writer = Thread.ofPlatform().daemon().name("terrain-suivi-ecriture").start(this::run);
    }

    /** The store's queue (one per store, started on first use, flushed when the store closes). */
    public static TrackingEvents of(Store store) {
        return store.companion(TrackingEvents.class, TrackingEvents::new);
    }

    /** Writes what the store's queue holds, if it has one: reads of events in this process call it first. */
    public static void flush(Store store) {
        store.existingCompanion(TrackingEvents.class).ifPresent(TrackingEvents::flush);
    }

    /** Queues one open or click ({@code url}: the campaign link, null for an open); written within milliseconds. */
    public void record(Interaction interaction, String url) {
        MailTracking.Event p = new MailTracking.Event(interaction, url);
        lock.lock();
        try {
            if (!closed && queue.size() < CAPACITY) {
                queue.add(p);
                queued++;
                // the first event wakes the writer (which then lets a batch gather for LINGER), a full batch ends
                // the wait: signalled only at BATCH, a quiet server's events waited for a flush or the stop
                if (queue.size() == 1 || queue.size() == BATCH) {
                    work.signal();
                }
                return;
            }
        } finally {
            lock.unlock();
        }
        write(List.of(p)); // full (the writer is behind) or closed: the caller pays for its own event
    }

    /** Returns once every event queued before the call is written (or, for a failure, logged as lost). */
    public void flush() {
        lock.lock();
        try {
            long target = queued;
            flushing = true;
            work.signal();
            while (done < target) {
                written.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Events that could not be written (a database failure), since the start: logged, not retried. */
    public long lost() {
        lock.lock();
        try {
            return lost;
        } finally {
            lock.unlock();
        }
    }

    /** Writes what is queued and stops the writer; later events are written by their caller. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<MailTracking.Event> batch = new ArrayList<>(BATCH);
        while (true) {
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    work.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return; // closed and drained
                }
                // let a batch gather unless one is full, someone waits for it or the store is closing
                long deadline = System.nanoTime() + LINGER.toNanos();
                for (long left = LINGER.toNanos(); left > 0 && queue.size() < BATCH && !flushing && !closed;
                        left = deadline - System.nanoTime()) {
                    try {
                        work.awaitNanos(left);
                    } catch (InterruptedException e) {
                        // the writer is only stopped through close()
                    }
                }
                for (int i = 0; i < BATCH && !queue.isEmpty(); i++) {
                    batch.add(queue.poll());
                }
            } finally {
                lock.unlock();
            }
            long failed;
            try {
                failed = write(batch);
            } catch (Error e) { // the thread goes on: a dead writer would leave every flush() waiting for ever
                failed = batch.size();
                LOG.error("{} événements de suivi perdus", batch.size(), e);
            }
            lock.lock();
            try {
                done += batch.size();
                lost += failed;
                if (done == queued) {
                    flushing = false;
                }
                written.signalAll();
            } finally {
                lock.unlock();
            }
            batch.clear();
        }
    }

    /** Writes events in one transaction, else one by one; returns how many could not be written. */
    private long write(List<MailTracking.Event> events) {
        try {
            writes.store(store, events);
            return 0;
        } catch (RuntimeException batchFailure) {
            long failed = 0;
            for (MailTracking.Event p : events) {
                try {
                    writes.store(store, List.of(p));
                } catch (RuntimeException e) {
                    failed++;
                    LOG.warn("événement de suivi perdu (ligne d'envoi {}) : {}", p.interaction().recipientId(), e.toString());
                }
            }
            return failed;
        }
    }

    @Override
    public String toString() {
        return "file d'écriture des ouvertures et des clics";
    }
}
