package fr.terrain.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.ingest.InputError;
import fr.terrain.ingest.Problem;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.statistics.Statistics;

/**
 * The invariant every fuzzed read must keep: it returns values, or it throws an {@link InputError}
 * whose every problem names the file, says what is wrong, and gives a line when it concerns a
 * line. Anything else thrown fails the property.
 */
final class Outcome {
    private Outcome() {}

    /** Checks a refusal and counts it in the property's statistics. */
    static void refused(InputError e, Path file) {
        located(e.problems(), file);
        boolean anyLine = e.problems().stream().anyMatch(p -> p.line() > 0);
        Statistics.collect(anyLine ? "refusé, ligne donnée" : "refusé, fichier entier");
    }

    static void accepted(List<Problem> warnings, Path file) {
        located(warnings, file);
        Statistics.collect(warnings.isEmpty() ? "lu" : "lu, avec avertissements");
    }

    static void located(List<Problem> problems, Path file) {
        String name = file.getFileName().toString();
        assertThat(problems).hasSizeLessThanOrEqualTo(51);
        for (Problem p : problems) {
            assertThat(p.file()).as("file of %s", p).isEqualTo(name);
            assertThat(p.message()).as("message of %s", p).isNotBlank()
                    .doesNotContainPattern("\\b(java|javax|com\\.fasterxml|org\\.(h2|postgresql|jdbi|locationtech)|de\\.siegmar)\\.");
            assertThat(p.line()).as("line of %s", p).isNotNegative();
            assertThat(p.column()).as("column of %s", p).isNotNegative();
            boolean aboutALine = p.column() > 0 || (p.field() != null && !p.field().isEmpty())
                    || p.message().startsWith("feature n°");
            if (aboutALine) {
                assertThat(p.line()).as("line of %s", p).isPositive();
            }
        }
    }
}
