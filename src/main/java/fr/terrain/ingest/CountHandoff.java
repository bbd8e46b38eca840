package fr.terrain.ingest;

import fr.terrain.election.Election;
import fr.terrain.election.StationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Station counts passed from the thread reading a results file to the thread writing them, in
 * batches (one hand-over per station would cost more than the station's write). A bounded queue:
 * a reader far ahead of the database waits instead of filling the heap.
 */
final class CountHandoff implements ResultsFormat.EarlyCounts {
    private static final int BATCH = 128;
    private static final List<Count> END = new ArrayList<>(0);

    /** One station's count in the election its round resolved to when it was handed over. */
    record Count(Election election, StationResult count) {}

    private final BlockingQueue<List<Count>> queue = new ArrayBlockingQueue<>(32);
    private List<Count> batch = new ArrayList<>(BATCH);
    private volatile boolean cancelled;

    /** Reading thread: one more count. */
    @Override
    public void station(Election election, StationResult count) {
        batch.add(new Count(election, count));
        if (batch.size() == BATCH) {
            put(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /** Reading thread: no more counts, whether the file was read to its end or not. */
    void end() {
        if (cancelled) {
            return;
        }
        if (!batch.isEmpty()) {
            put(batch);
        }
        put(END);
    }

    /** Writing thread: the next batch, or null once the reader has ended. */
    List<Count> take() {
        try {
            List<Count> next = queue.take();
            return next == END ? null : next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("import interrompu");
        }
    }

    /** Writing thread: it takes no more; the reader stops at its next hand-over. */
    void cancel() {
        cancelled = true;
        queue.clear();
    }

    private void put(List<Count> counts) {
        try {
            do {
                if (cancelled) {
                    throw new CancellationException("écriture arrêtée");
                }
            } while (!queue.offer(counts, 50, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("lecture interrompue");
        }
    }
}
