package fr.terrain.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads of the import log. */
public final class ImportLog {
    private ImportLog() {}

    static Optional<ImportRecord> last(Handle h, String target) {
        return h.createQuery("SELECT * FROM import_log WHERE target = :t ORDER BY id DESC").bind("t", target)
                .setMaxRows(1).map((rs, ctx) -> map(rs)).findFirst();
    }

    public static List<ImportRecord> list(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT * FROM import_log ORDER BY id")
                .map((rs, ctx) -> map(rs)).list());
    }

    private static ImportRecord map(ResultSet rs) throws SQLException {
        return new ImportRecord(rs.getLong("id"), rs.getString("kind"), rs.getString("target"),
                rs.getString("file_name"), rs.getString("sha256"), rs.getString("source_category"),
                rs.getString("provider"), rs.getString("options"), rs.getLong("rows_read"), rs.getLong("rows_stored"),
                rs.getInt("warnings"), rs.getTimestamp("started_at").toLocalDateTime(),
                rs.getTimestamp("finished_at").toLocalDateTime());
    }
}
