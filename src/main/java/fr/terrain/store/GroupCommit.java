package fr.terrain.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Group commit: threads hand in items that must each be durably written before the thread goes on;
 * while one batch is being written, the items handed in meanwhile gather into the next batch, which
 * one of their threads then writes for all of them. Each item is written once, in one batch, and
 * {@link #write} returns only after that batch's transaction returned. With N threads, about one
 * transaction (one log flush) serves up to N items instead of one each.
 *
 * <p>Each thread waits on its own batch, not on a lock shared by all: when a batch is written only
 * its threads wake, and the writer hands the next batch to one of that batch's threads. (A single
 * shared monitor woken with notifyAll had 16 sending threads spin for it: a tenth of the sender's CPU.)
 */
final class GroupCommit<T> {
    private final Consumer<List<T>> writeBatch;
    private final Object lock = new Object();
    private Batch<T> open = new Batch<>(); // guarded by lock
    private boolean writing; // guarded by lock: a batch is being written

    /** Items written together; its fields after {@code items} are guarded by the batch's own monitor. */
    private static final class Batch<T> {
        final List<T> items = new ArrayList<>(); // filled under lock while the batch is open
        boolean done;
        boolean handed; // the previous writer handed this batch over: one of its threads must write it
        RuntimeException failure;
    }

    /** {@code writeBatch} writes and commits a batch of items, or throws (then none of them counts as written). */
    GroupCommit(Consumer<List<T>> writeBatch) {
        this.writeBatch = Objects.requireNonNull(writeBatch);
    }

    /**
     * Returns once the item was written in a committed batch; throws the batch's failure if its
     * transaction failed. Waits without giving up on an interrupt (the item is in a batch whose
     * outcome must be known), then restores the interrupt status.
     */
    void write(T item) {
        Batch<T> mine;
        boolean lead;
        synchronized (lock) {
            mine = open;
            mine.items.add(item);
            lead = !writing;
            if (lead) {
                writing = true;
                open = new Batch<>();
            }
        }
        boolean interrupted = false;
        try {
            if (!lead) {
                synchronized (mine) {
                    while (!mine.done && !mine.handed) {
                        try {
                            mine.wait();
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                    lead = !mine.done;
                    mine.handed = false; // taken: the batch's other threads go on waiting for done
                }
            }
            if (lead) {
                writeAndHandOver(mine);
            }
            if (mine.failure != null) {
                throw mine.failure;
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes a closed batch, wakes its threads, and hands the batch that gathered meanwhile to one of its own. */
    private void writeAndHandOver(Batch<T> batch) {
        RuntimeException failure = null;
        try {
            writeBatch.accept(batch.items);
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            failure = new IllegalStateException(e);
        }
        Batch<T> next;
        synchronized (lock) {
            next = open.items.isEmpty() ? null : open;
            if (next == null) {
                writing = false;
            } else {
                open = new Batch<>();
            }
        }
        synchronized (batch) {
            batch.failure = failure;
            batch.done = true;
            batch.notifyAll();
        }
        if (next != null) {
            synchronized (next) {
                next.handed = true;
                next.notifyAll();
            }
        }
    }
}
