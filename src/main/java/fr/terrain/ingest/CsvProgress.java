package fr.terrain.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * A CSV file read as one phase of progress counted in bytes: the one way the streamed imports open a table (encoding,
 * BOM and separator as {@link TextInput} detects them), report the bytes read as they go, and end the phase at the
 * file's size once it is read.
 */
final class CsvProgress {
    private CsvProgress() {}

    /** What the reader gave, and the SHA-256 of the file's bytes if it read them all (else null). */
    record Read<T>(T value, String sha256) {}

    /** Runs {@code reader} over the table of {@code file}, reporting the phase {@code label} in bytes. */
    @SuppressWarnings("try") // the ticker is there for its lifetime only
    static <T> Read<T> read(Path file, String label, Progress progress, Function<CsvTable, T> reader) {
        long size = size(file);
        progress.start(label, size);
        try (CsvTable table = CsvTable.open(TextInput.detect(file))) {
            T value;
            try (Ticker ignored = new Ticker(progress, table)) {
                value = reader.apply(table);
            }
            progress.update(size); // the last tick may have come up to 200 ms before the end
            return new Read<>(value, table.sha256().orElse(null));
        } finally {
            progress.finish();
        }
    }

    /**
     * Reports the bytes a table has read every 200 ms, from a thread of its own, until closed. Closing waits for a
     * report under way, so that none comes after: it would land in the next phase, or after the import's report. The
     * wait is bounded (a terminal held by Ctrl-S would hold the import too); a console line takes microseconds.
     */
    static final class Ticker implements AutoCloseable {
        private static final Duration LAST_REPORT = Duration.ofSeconds(2);
        private final Thread thread;

        Ticker(Progress progress, CsvTable table) {
            thread = Thread.ofVirtual().name("terrain-progression").start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    progress.update(table.bytesRead());
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        @Override
        public void close() {
            thread.interrupt();
            try {
                thread.join(LAST_REPORT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw InputError.unreadable(file.getFileName().toString(), e);
        }
    }
}
