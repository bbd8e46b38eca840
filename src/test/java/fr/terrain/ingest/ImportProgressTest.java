package fr.terrain.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.RealData;
import fr.terrain.demo.ReuTable;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user watching a long import sees: each phase ends at its total (a national REU import is 30 minutes of bars
 * that should not stop at 97 %), never goes backwards, and nothing is reported once a phase is over — a late tick of
 * the bytes read used to land in the next phase or after the import's report.
 */
class ImportProgressTest {
    @TempDir
    Path dir;

    /** Every call, in order. */
    static class Recorded implements Progress {
        record Call(String kind, String label, long value) {}

        final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void start(String label, long total) {
            calls.add(new Call("start", label, total));
        }

        @Override
        public void update(long done) {
            calls.add(new Call("update", null, done));
        }

        @Override
        public void finish() {
            calls.add(new Call("finish", null, 0));
        }

        /** The phases in order, each with its updates; updates outside any phase make one named « hors phase ». */
        List<Phase> phases() {
            List<Phase> phases = new ArrayList<>();
            Phase open = null;
            synchronized (calls) {
                for (Call c : calls) {
                    switch (c.kind()) {
                        case "start" -> phases.add(open = new Phase(c.label(), c.value(), new ArrayList<>()));
                        case "finish" -> open = null;
                        default -> {
                            if (open == null) {
                                phases.add(open = new Phase("hors phase", -1, new ArrayList<>()));
                            }
                            open.updates().add(c.value());
                        }
                    }
                }
            }
            return phases;
        }
    }

    record Phase(String label, long total, List<Long> updates) {}

    private static void assertEachPhaseEndsCompleteWithoutGoingBack(List<Phase> phases) {
        for (Phase p : phases) {
            assertThat(p.label()).isNotEqualTo("hors phase");
            assertThat(p.updates()).as(p.label()).isNotEmpty().isSorted().last().isEqualTo(p.total());
        }
    }

    @Test
    void eachPhaseOfAReuImportEndsAtItsTotal() throws Exception {
        Path sample = RealData.file(ReuImportTest.SAMPLE);
        Recorded progress = new Recorded();
        ReuStations.read(sample, 2022, Set.of(), progress, new ArrayList<>());
        List<Phase> phases = progress.phases();
        assertThat(phases).extracting(Phase::label, Phase::total).containsExactly(
                org.assertj.core.groups.Tuple.tuple("lecture " + sample.getFileName(), Files.size(sample)),
                org.assertj.core.groups.Tuple.tuple("tracé des contours", 3L));
        assertEachPhaseEndsCompleteWithoutGoingBack(phases);
    }

    /**
     * A results file refused for a corrupted number does not end its byte phase at 100 % before its error, as the
     * streamed imports do not (CsvProgress.read). The first {@link Problems#LIMIT} lines are corrupted, so that the
     * reading stops there, a few kilobytes into the 896,004 bytes: no tick of the bytes read can reach the file's size,
     * only the import claiming it could.
     */
    @Test
    void aResultsImportThatFailsDoesNotEndItsBytesAtTheirTotal() throws Exception {
        Path corrupted = dir.resolve("paris_2020_corrompu.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(RealData.file(RealData.RESULTS_2020)));
        for (int i = 1; i <= Problems.LIMIT; i++) { // nb_voix is the 18th and last field
            String line = lines.get(i);
            lines.set(i, line.substring(0, line.lastIndexOf(';') + 1) + "1O7");
        }
        Files.write(corrupted, lines);
        Recorded progress = new Recorded();
        Store store = TestStores.h2(dir.resolve("db"));
        try {
            assertThatThrownBy(() -> new Importer(store, progress, false).results(corrupted, ResultsOptions.none(),
                    SourceCategory.OFFICIAL_OPEN_DATA)).isInstanceOfSatisfying(InputError.class, e ->
                    assertThat(e.problems().get(0).toString()).startsWith("paris_2020_corrompu.csv:2:18:").contains("1O7"));
        } finally {
            store.close();
        }
        List<Phase> phases = progress.phases();
        assertThat(phases).extracting(Phase::label, Phase::total).containsExactly(org.assertj.core.groups.Tuple.tuple(
                "lecture paris_2020_corrompu.csv", Files.size(corrupted)));
        assertThat(phases.get(0).updates()).isSorted().allSatisfy(done -> assertThat(done).isLessThan(
                Files.size(corrupted)));
        assertThat(progress.calls.getLast().kind()).isEqualTo("finish");
    }

    @Test
    void aResultsFileSkippedForItsRoundsEndsItsBytesAtTheirTotal() throws Exception {
        // a folder import leaves out a round another file of the folder holds: this file is read whole, then skipped
        Path file = RealData.file(RealData.RESULTS_2020);
        Recorded progress = new Recorded();
        Store store = TestStores.h2(dir.resolve("db-skip"));
        try {
            assertThatThrownBy(() -> new Importer(store, progress, false).results(file, ResultsOptions.none(),
                    SourceCategory.OFFICIAL_OPEN_DATA, Set.of("paris-2020-t1")))
                    .isInstanceOf(Importer.RoundsImportedOtherwise.class);
        } finally {
            store.close();
        }
        List<Phase> phases = progress.phases();
        assertThat(phases).hasSize(1);
        assertThat(phases.get(0).updates()).isSorted().last().isEqualTo(Files.size(file));
        assertThat(progress.calls.getLast().kind()).isEqualTo("finish");
    }

    /**
     * Communes drawn side by side on the cores: their count reaches the user in order and ends at all of them. The
     * count used to be taken before the lock that reports it, so a lower one could follow a higher one: a race, which
     * this test met in 1 run of 3 on two loaded cores (2,000 communes of one bureau each).
     */
    @Test
    void theCountOfCommunesDrawnNeverGoesBack() {
        Path file = dir.resolve("reu.csv");
        ReuTable.write(file, new ReuTable.Size("essai", 2_000, 2_000, 1, 2), 7, Progress.NONE);
        Recorded progress = new Recorded();
        ReuStations.read(file, 2022, Set.of(), progress, new ArrayList<>());
        List<Phase> phases = progress.phases();
        assertThat(phases).extracting(Phase::total).endsWith(2_000L);
        assertEachPhaseEndsCompleteWithoutGoingBack(phases);
    }

    /**
     * A tick of the bytes read that is slow to print (a console write held up) is waited for: when its phase ends, the
     * thread that reported it is over, and nothing it reported came after.
     */
    @Test
    void noTickOfTheBytesReadOutlivesItsPhase() {
        Set<Thread> tickers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Thread> aliveAtAnEnd = Collections.synchronizedList(new ArrayList<>());
        Recorded slow = new Recorded() {
            @Override
            public void update(long done) {
                super.update(done);
                if (Thread.currentThread().isVirtual()) {
                    tickers.add(Thread.currentThread());
                    long until = System.nanoTime() + 500_000_000L;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait(); // a blocked write, which an interrupt does not end
                    }
                }
            }

            @Override
            public void finish() {
                tickers.stream().filter(Thread::isAlive).forEach(aliveAtAnEnd::add);
                super.finish();
            }
        };
        ReuStations.read(RealData.file(ReuImportTest.SAMPLE), 2022, Set.of(), slow, new ArrayList<>());
        assertThat(tickers).isNotEmpty();
        assertThat(aliveAtAnEnd).isEmpty();
        assertEachPhaseEndsCompleteWithoutGoingBack(slow.phases());
    }
}
