package fr.terrain.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Appends many rows to one table inside the current transaction: PostgreSQL's COPY on
 * PostgreSQL (several times faster than batched INSERTs; a few rows go as one INSERT … VALUES),
 * batched INSERTs elsewhere. No other statement may run on the connection between the first
 * {@link #add} and {@link #close} on PostgreSQL: pgjdbc makes it wait for an open COPY forever.
 */
abstract class Bulk implements AutoCloseable {

    abstract void add(Object... values);

    abstract long rows();

    /** Flushes and ends: the rows are in the transaction. */
    @Override
    public abstract void close();

    /** Drops what is not flushed and ends without completing (the transaction is to be rolled back). */
    abstract void abort();

    static Bulk into(Connection connection, Store.Dialect dialect, String table, String... columns) {
        if (dialect == Store.Dialect.POSTGRESQL) {
            return new Copy(connection, table, columns);
        }
        String placeholders = "?" + ", ?".repeat(columns.length - 1);
        Batch batch = new Batch(connection, "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + placeholders + ")");
        return new Bulk() {
            @Override
            void add(Object... values) {
                batch.add(values);
            }

            @Override
            long rows() {
                return batch.rows();
            }

            @Override
            public void close() {
                batch.close();
            }

            @Override
            void abort() {
                batch.discard();
            }
        };
    }

    /**
     * COPY … FROM STDIN in text format: tab-separated, {@code \N} for null, backslash escapes. The
     * COPY starts at the first flush; rows that all fit before it (a round's lists) go as one
     * {@code INSERT … VALUES} instead, one round trip to the server where a COPY takes two.
     */
    private static final class Copy extends Bulk {
        private static final int FLUSH_AT = 1 << 16;
        private static final int FEW = 500;
        private final Connection connection;
        private final String table;
        private final String[] columns;
        private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 1024);
        private List<Object[]> few = new ArrayList<>();
        private CopyIn copy;
        private long rows;

        Copy(Connection connection, String table, String[] columns) {
            this.connection = connection;
            this.table = table;
            this.columns = columns;
        }

        @Override
        void add(Object... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buffer.append('\t');
                }
                Object v = values[i] instanceof Batch.Typed t ? t.value() : values[i];
                switch (v) {
                    case null -> buffer.append("\\N");
                    case String s -> escape(s);
                    case LocalDate d -> buffer.append(d);
                    default -> buffer.append(v);
                }
            }
            buffer.append('\n');
            rows++;
            if (few != null) {
                if (few.size() < FEW) {
                    few.add(values.clone());
                } else {
                    few = null;
                }
            }
            if (buffer.length() >= FLUSH_AT) {
                flush();
            }
        }

        private void escape(String s) {
            int from = 0; // the prefix with nothing to escape (usually the whole value) is appended at once
            while (from < s.length() && !needsEscape(s.charAt(from))) {
                from++;
            }
            buffer.append(s, 0, from);
            for (int i = from; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> buffer.append("\\\\");
                    case '\t' -> buffer.append("\\t");
                    case '\n' -> buffer.append("\\n");
                    case '\r' -> buffer.append("\\r");
                    default -> buffer.append(c);
                }
            }
        }

        private static boolean needsEscape(char c) {
            return c == '\\' || c == '\t' || c == '\n' || c == '\r';
        }

        private void flush() {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            buffer.setLength(0);
            try {
                if (copy == null) {
                    few = null;
                    copy = connection.unwrap(PGConnection.class).getCopyAPI()
                            .copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN");
                }
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new StoreException(e);
            }
        }

        /** The rows kept while they were few, as one statement. */
        private void insertFew() {
            String row = "(?" + ", ?".repeat(columns.length - 1) + ")";
            try (Batch insert = new Batch(connection, "INSERT INTO " + table + " (" + String.join(", ", columns)
                    + ") VALUES " + String.join(", ", java.util.Collections.nCopies(few.size(), row)))) {
                insert.add(few.stream().flatMap(java.util.Arrays::stream).toArray());
            }
        }

        @Override
        long rows() {
            return rows;
        }

        @Override
        void abort() {
            few = null;
            try {
                if (copy != null && copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException e) {
                throw new StoreException(e);
            }
        }

        @Override
        public void close() {
            if (copy == null && (rows == 0 || few != null)) {
                if (rows > 0) {
                    insertFew();
                }
                return;
            }
            try {
                flush();
                copy.endCopy();
            } catch (SQLException e) {
                throw new StoreException(e);
            } finally {
                if (copy != null && copy.isActive()) {
                    try {
                        copy.cancelCopy();
                    } catch (SQLException ignored) {
                        // the transaction is rolled back anyway
                    }
                }
            }
        }
    }

}
