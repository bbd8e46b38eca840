package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    @Test
    void offATerminalEachTenthIsOnePlainLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 0);
        p.start("écriture liste.csv", 1_000);
        for (long done = 0; done <= 1_000; done += 50) {
            p.update(done);
        }
        p.finish();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(10).startsWith("écriture liste.csv : 10 %").endsWith("écriture liste.csv : 100 %");
    }

    @Test
    void shortPhasesPrintNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 60_000);
        p.start("lecture", 100);
        p.update(100);
        p.finish();
        assertThat(bytes.size()).isZero();
    }
}
