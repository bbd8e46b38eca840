package fr.terrain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every action the code writes to the audit log has words for the page that shows it. */
class AuditActionsTest {
    /** A call that appends to the log, up to its end. */
    private static final Pattern CALL = Pattern.compile("AuditLog\\.append\\((.*?)\\);", Pattern.DOTALL);
    /**
     * An action id as the code writes it: lower-case words joined by dots (hyphens inside a word); not a system
     * property's name (the actor {@code cli:} + {@code user.name}).
     */
    private static final Pattern ACTION = Pattern.compile("(?<!getProperty\\()\"([a-z]+(?:-[a-z]+)*(?:\\.[a-z]+(?:-[a-z]+)*)+)\"");

    @Test
    void everyActionWrittenByTheCodeHasWords() throws IOException {
        TreeSet<String> written = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher call = CALL.matcher(Files.readString(file));
                while (call.find()) {
                    Matcher action = ACTION.matcher(call.group(1));
                    while (action.find()) {
                        written.add(action.group(1));
                    }
                }
            }
        }
        // actions the code builds rather than writes whole: the personal-data import, consent given or withdrawn
        written.addAll(List.of("voters.import", "consent.record", "consent.withdraw"));
        assertThat(written).as("actions found in the code").hasSizeGreaterThan(45);
        assertThat(written.stream().filter(a -> !AuditActions.known(a)).toList()).as("actions without words").isEmpty();
        // and no words for an action the code no longer writes ("export": terrain doors match --unmatched, a plain word)
        written.add("export");
        assertThat(AuditActions.known()).as("words without an action").isSubsetOf(written);
        assertThat(AuditActions.words("rights.erase")).isEqualTo("personne effacée (droit à l'effacement)");
        assertThat(AuditActions.words("inconnue.action")).isEqualTo("inconnue.action");
    }
}
