package fr.terrain.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Items passed from the thread reading a file to the thread writing them in the import's
 * transaction, in batches (one hand-over per item would cost more than the item's write). A
 * bounded queue: a reader far ahead of the database waits instead of filling the heap.
 */
class Handoff<T> {
    private final List<T> end = new ArrayList<>(0);
    private final int batchSize;
    private final BlockingQueue<List<T>> queue;
    private List<T> batch;
    private volatile boolean cancelled;

    /** Batches of {@code batchSize} items, at most {@code batches} of them waiting. */
    Handoff(int batchSize, int batches) {
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(batches);
        this.batch = new ArrayList<>(batchSize);
    }

    /** Reading thread: one more item. */
    final void add(T item) {
        batch.add(item);
        if (batch.size() == batchSize) {
            put(batch);
            batch = new ArrayList<>(batchSize);
        }
    }

    /** Reading thread: no more items, whether the file was read to its end or not. */
    final void end() {
        if (cancelled) {
            return;
        }
        if (!batch.isEmpty()) {
            put(batch);
        }
        put(end);
    }

    /** Writing thread: the next batch, or null once the reader has ended. */
    final List<T> take() {
        try {
            List<T> next = queue.take();
            return next == end ? null : next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("import interrompu");
        }
    }

    /** Writing thread: it takes no more; the reader stops at its next hand-over. */
    final void cancel() {
        cancelled = true;
        queue.clear();
    }

    private void put(List<T> items) {
        try {
            do {
                if (cancelled) {
                    throw new CancellationException("écriture arrêtée");
                }
            } while (!queue.offer(items, 50, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("lecture interrompue");
        }
    }
}
