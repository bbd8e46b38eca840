package fr.terrain.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Group commit: each item written once, before its thread goes on; concurrent items share batches. */
class GroupCommitTest {
    @Test
    void everyItemIsWrittenOnceAndBeforeItsThreadGoesOnAndConcurrentItemsShareBatches() throws Exception {
        Set<Integer> durable = ConcurrentHashMap.newKeySet();
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer> commit = new GroupCommit<>(items -> {
            sleep(5); // a log flush
            batches.add(List.copyOf(items));
            durable.addAll(items);
        });
        int threads = 8;
        int each = 40;
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * each;
            ts.add(Thread.ofPlatform().start(() -> {
                for (int i = base; i < base + each; i++) {
                    commit.write(i);
                    if (!durable.contains(i)) {
                        violations.add("item " + i + " returned before its batch was written");
                    }
                }
            }));
        }
        for (Thread t : ts) {
            t.join();
        }
        assertThat(violations).isEmpty();
        List<Integer> all = batches.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(threads * each);
        assertThat(new HashSet<>(all)).hasSize(threads * each);
        // one writer at a time, so items handed in during a flush wait for the next one, together
        assertThat(batches.size()).isLessThan(threads * each / 2);
    }

    @Test
    void aFailedBatchFailsEachOfItsItemsAndTheNextBatchStillWrites() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> written = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer> commit = new GroupCommit<>(items -> {
            int call = calls.incrementAndGet();
            if (call == 1) {
                firstStarted.countDown();
                await(release);
                written.add(List.copyOf(items));
            } else if (call == 2) {
                throw new StoreException("disque plein");
            } else {
                written.add(List.copyOf(items));
            }
        });
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        Thread first = Thread.ofPlatform().start(() -> commit.write(0));
        firstStarted.await();
        // while the first batch is being written, two items gather into the second batch, which fails
        List<Thread> second = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            int item = i;
            second.add(Thread.ofPlatform().start(() -> {
                try {
                    commit.write(item);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        // both are waiting once their item is handed in (they wait only after adding it)
        while (second.stream().anyMatch(t -> t.getState() != Thread.State.WAITING)) {
            sleep(5);
        }
        release.countDown();
        first.join();
        for (Thread t : second) {
            t.join();
        }
        assertThat(failures).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(StoreException.class)
                .hasMessageContaining("disque plein"));
        commit.write(3);
        assertThat(written).containsExactly(List.of(0), List.of(3));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
