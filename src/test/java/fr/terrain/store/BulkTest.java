package fr.terrain.store;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.store.Batch.Typed;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bulk writes read back exactly, whichever way they went: none, a few (one INSERT … VALUES on
 * PostgreSQL), just over the few (a COPY started at the end), many (a COPY started on the way).
 */
class BulkTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 500, 501, 3_000})
    void rowsReadBackAsWritten(int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // every awkward value of COPY's text format: tab, newline, backslash, \N itself, accents, null
            String text = switch (i % 5) {
                case 0 -> "tab\there";
                case 1 -> "ligne\nsuivante\r";
                case 2 -> "C:\\chemin \\N";
                case 3 -> "Élodie Ñ 漢";
                default -> null;
            };
            rows.add(java.util.Arrays.asList(i, text, i % 3 == 0 ? null : LocalDate.of(2026, 3, 1 + i % 28),
                    i % 7 == 0 ? null : i * 0.25));
        }
        TestStores.onBoth(tmp.resolve("h2-" + count), store -> {
            List<String> read = store.jdbi().inTransaction(h -> {
                h.execute("CREATE TABLE bulk_probe (n INTEGER PRIMARY KEY, t VARCHAR(100), d DATE, x DOUBLE PRECISION)");
                try (Bulk bulk = Bulk.into(h.getConnection(), store.dialect(), "bulk_probe", "n", "t", "d", "x")) {
                    for (List<Object> r : rows) {
                        bulk.add(r.get(0), Typed.text((String) r.get(1)), r.get(2), Typed.decimal((Double) r.get(3)));
                    }
                    assertThat(bulk.rows()).isEqualTo(count);
                }
                return h.createQuery("SELECT n, t, d, x FROM bulk_probe ORDER BY n")
                        .map((rs, ctx) -> rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getObject(3, LocalDate.class)
                                + "|" + rs.getObject(4))
                        .list();
            });
            assertThat(read).containsExactlyElementsOf(
                    rows.stream().map(r -> r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(3)).toList());
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 20_000})
    @org.junit.jupiter.api.Timeout(60) // a COPY left open makes the next statement wait forever
    void anAbortedBulkLeavesTheConnectionUsable(int count) {
        TestStores.onBoth(tmp.resolve("h2-abort-" + count), store -> {
            store.jdbi().useHandle(h -> h.execute("CREATE TABLE bulk_probe (n INTEGER PRIMARY KEY)"));
            long after = store.jdbi().withHandle(h -> {
                h.begin();
                Bulk bulk = Bulk.into(h.getConnection(), store.dialect(), "bulk_probe", "n");
                for (int i = 0; i < count; i++) {
                    bulk.add(i);
                }
                bulk.abort();
                h.rollback();
                return h.createQuery("SELECT COUNT(*) FROM bulk_probe").mapTo(Long.class).one();
            });
            assertThat(after).isZero();
        });
    }
}
