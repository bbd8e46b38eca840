package fr.terrain.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;

/**
 * Batched inserts on the transaction's connection: the bulk path for results, addresses and
 * voters, a few thousand times faster than one statement per row.
 */
final class Batch implements AutoCloseable {
    private static final int SIZE = 2_000;
    private final PreparedStatement statement;
    private int pending;
    private long rows;

    Batch(Connection connection, String sql) {
        try {
            this.statement = connection.prepareStatement(sql);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    void add(Object... values) {
        try {
            for (int i = 0; i < values.length; i++) {
                set(i + 1, values[i]);
            }
            statement.addBatch();
            rows++;
            if (++pending == SIZE) {
                flush();
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private void set(int index, Object v) throws SQLException {
        switch (v) {
            case null -> statement.setNull(index, Types.NULL);
            case Integer i -> statement.setInt(index, i);
            case Long l -> statement.setLong(index, l);
            case Double d -> statement.setDouble(index, d);
            case String s -> statement.setString(index, s);
            case LocalDate d -> statement.setObject(index, d);
            case Typed t -> {
                if (t.value() == null) {
                    statement.setNull(index, t.sqlType());
                } else {
                    set(index, t.value());
                }
            }
            default -> statement.setObject(index, v);
        }
    }

    /** A value with its SQL type, for nulls the driver must type (PostgreSQL does). */
    record Typed(Object value, int sqlType) {
        static Typed integer(Integer v) {
            return new Typed(v, Types.INTEGER);
        }

        static Typed decimal(Double v) {
            return new Typed(v, Types.DOUBLE);
        }

        static Typed text(String v) {
            return new Typed(v, Types.VARCHAR);
        }
    }

    void flush() {
        if (pending == 0) {
            return;
        }
        try {
            statement.executeBatch();
            pending = 0;
        } catch (SQLException e) {
            throw new StoreException(e.getNextException() != null ? e.getNextException() : e);
        }
    }

    long rows() {
        return rows;
    }

    /** Closes without sending the rows not yet flushed. */
    void discard() {
        try {
            statement.close();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @Override
    public void close() {
        flush();
        try {
            statement.close();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
