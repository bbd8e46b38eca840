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
 */
final class GroupCommit<T> {
    private final Consumer<List<T>> writeBatch;
    private final Object lock = new Object();
    private Batch<T> open = new Batch<>();
    private boolean writing;

    private static final class Batch<T> {
        final List<T> items = new ArrayList<>();
        boolean done;
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
        boolean interrupted = false;
        synchronized (lock) {
            mine = open;
            mine.items.add(item);
            while (!mine.done && (writing || mine != open)) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (!mine.done) {
                writing = true;
                open = new Batch<>();
            }
        }
        try {
            if (mine.done) {
                if (mine.failure != null) {
                    throw mine.failure;
                }
                return;
            }
            try {
                writeBatch.accept(mine.items);
            } catch (RuntimeException e) {
                mine.failure = e;
            } catch (Error e) {
                mine.failure = new IllegalStateException(e);
            }
            synchronized (lock) {
                mine.done = true;
                writing = false;
                lock.notifyAll();
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
}
