package fr.terrain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed statement's message ends up in the server's log (an unexpected error is logged with its causes): it does
 * not list the values bound to the statement, nor, on PostgreSQL, the row's key (PRIVACY.md: no personal data in logs).
 */
class StatementErrorsTest {
    @TempDir
    Path home;

    @Test
    void aFailedStatementsMessageHoldsNoneOfItsValues() {
        TestStores.onBoth(home, store -> {
            store.jdbi().useHandle(h -> h.execute("CREATE TABLE contact_test (email VARCHAR(100) UNIQUE, n INT)"));
            store.jdbi().useHandle(h -> h.createUpdate("INSERT INTO contact_test (email, n) VALUES (:email, 1)")
                    .bind("email", "jeanne.martin@example.org").execute());
            Throwable wrongType = catchThrowable(() -> store.jdbi().useHandle(h -> h.createUpdate(
                    "INSERT INTO contact_test (email, n) VALUES (:email, :n)").bind("email", "paul.durand@example.org")
                    .bind("n", "Paul Durand").execute()));
            // the database may quote the value it could not convert (H2 does), not the others bound with it
            assertThat(messages(wrongType)).isNotEmpty().doesNotContain("paul.durand@");
            if (store.dialect() == Store.Dialect.POSTGRESQL) { // H2 quotes a unique key's value, whatever the setting
                Throwable twice = catchThrowable(() -> store.jdbi().useHandle(h -> h.createUpdate(
                        "INSERT INTO contact_test (email, n) VALUES (:email, 2)").bind("email", "jeanne.martin@example.org")
                        .execute()));
                assertThat(messages(twice)).contains("contact_test").doesNotContain("jeanne.martin@");
            }
        });
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
