package fr.terrain.demo;

import fr.terrain.ingest.Progress;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A UTF-8 text file written line by line through buffers, so that a file of several gigabytes
 * never sits in memory, with progress reported in bytes as it grows.
 */
final class TextFile implements AutoCloseable {
    private static final int TICK = 1 << 14;

    private final Path path;
    private final String lineEnd;
    private final Progress progress;
    private final Counting counting;
    private final Writer out;
    private long lines;

    private static final class Counting extends FilterOutputStream {
        long bytes;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
        }
    }

    /**
     * @param expectedBytes an estimate of the final size, for the progress bar
     * @param lineEnd {@code "\n"}, or {@code "\r\n"} for the layouts that INSEE publishes that way
     */
    TextFile(Path path, String lineEnd, Progress progress, long expectedBytes) {
        this.path = path;
        this.lineEnd = lineEnd;
        this.progress = progress;
        try {
            this.counting = new Counting(Files.newOutputStream(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        this.out = new BufferedWriter(new OutputStreamWriter(counting, StandardCharsets.UTF_8), 1 << 16);
        progress.start("écriture " + path.getFileName(), expectedBytes);
    }

    void line(CharSequence text) {
        try {
            out.append(text).append(lineEnd);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        if (++lines % TICK == 0) {
            progress.update(counting.bytes);
        }
    }

    /** Text without a line end (the GeoJSON writer closes its own lines). */
    void text(CharSequence text) {
        try {
            out.append(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    long lines() {
        return lines;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        } finally {
            progress.update(counting.bytes);
            progress.finish();
        }
    }
}
