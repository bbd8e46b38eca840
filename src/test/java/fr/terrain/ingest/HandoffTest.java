package fr.terrain.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HandoffTest {
    @Test
    void everyItemArrivesOnceInOrderInFullBatchesThenTheRest() throws Exception {
        Handoff<Integer> handoff = new Handoff<>(8, 2); // a queue shorter than the stream: the reader waits
        Thread reader = Thread.ofPlatform().start(() -> {
            IntStream.range(0, 50).forEach(handoff::add);
            handoff.end();
        });
        List<Integer> sizes = new ArrayList<>();
        List<Integer> items = new ArrayList<>();
        for (List<Integer> batch; (batch = handoff.take()) != null; ) {
            sizes.add(batch.size());
            items.addAll(batch);
        }
        reader.join();
        assertThat(items).isEqualTo(IntStream.range(0, 50).boxed().toList());
        assertThat(sizes).containsExactly(8, 8, 8, 8, 8, 8, 2);
    }

    @Test
    void aCancelledHandoffStopsTheReaderAtItsNextHandOver() {
        Handoff<Integer> handoff = new Handoff<>(2, 1);
        handoff.add(0);
        handoff.cancel();
        assertThatThrownBy(() -> handoff.add(1)) // completes a batch: the hand-over refuses it
                .isInstanceOf(CancellationException.class);
        handoff.end(); // the reader's finally: nothing more to hand over, no error on top of the first
    }
}
