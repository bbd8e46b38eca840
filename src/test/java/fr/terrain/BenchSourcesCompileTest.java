package fr.terrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harnesses of {@code bench/} compile against today's code. They are compiled only by {@code bench/run}, which CI
 * does not run: a constructor changed under {@code TargetBench} (ResultsOptions lost a flag) had left the whole
 * benchmark script failing on its first step, unnoticed.
 */
class BenchSourcesCompileTest {

    @TempDir
    Path out;

    @Test
    void everyBenchHarnessCompiles() throws Exception {
        List<String> sources;
        try (Stream<Path> files = Files.list(Path.of("bench"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
        assertThat(sources).hasSizeGreaterThan(5);
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", System.getProperty("java.class.path"),
                "-proc:none", "-Xlint:none"));
        args.addAll(sources);
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int exit = ToolProvider.getSystemJavaCompiler().run(null, messages, messages, args.toArray(String[]::new));
        assertThat(exit).as("javac bench/*.java:%n%s", messages).isZero();
    }
}
