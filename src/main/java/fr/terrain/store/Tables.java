package fr.terrain.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tables of the store as the database describes them (every migration's, whoever wrote it),
 * in an order where a table comes after the tables it refers to: the order to fill them, and
 * reversed, the order to empty them.
 */
public final class Tables {
    /** Flyway's own bookkeeping: part of the schema, not of the data. */
    public static final String MIGRATIONS = "flyway_schema_history";
    /** The row audit appends lock to follow one another (V35): bookkeeping too, never changed. */
    public static final String AUDIT_LOCK = "audit_lock";

    private Tables() {}

    /** A column and its JDBC type ({@link java.sql.Types}), with the database's type name. */
    public record Column(String name, int jdbcType, String typeName, boolean autoIncrement) {
        /** Whether the database keeps a time zone (or an instant) in this column. */
        public boolean withTimeZone() {
            String t = typeName.toLowerCase(Locale.ROOT);
            return jdbcType == java.sql.Types.TIMESTAMP_WITH_TIMEZONE || t.contains("timestamptz")
                    || t.contains("with time zone");
        }
    }

    public record Table(String name, List<Column> columns) {
        public Column column(String name) {
            return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        }
    }

    /** Every data table of the store, parents before children. */
    public static List<Table> list(Store store) {
        return store.jdbi().withHandle(h -> {
            try {
                return list(h.getConnection());
            } catch (SQLException e) {
                throw new StoreException("impossible de lire la liste des tables : " + e.getMessage());
            }
        });
    }

    /** Every data table (not the migrations' history nor the audit log's lock), parents before children. */
    public static List<Table> list(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String schema = c.getSchema();
        Map<String, Table> tables = new TreeMap<>();
        try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (!name.equalsIgnoreCase(MIGRATIONS) && !name.equalsIgnoreCase(AUDIT_LOCK)) {
                    tables.put(name, null);
                }
            }
        }
        Map<String, Set<String>> parents = new TreeMap<>();
        for (String name : List.copyOf(tables.keySet())) {
            List<Column> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, schema, name, "%")) {
                while (rs.next()) {
                    columns.add(new Column(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"),
                            "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT"))));
                }
            }
            tables.put(name, new Table(name, List.copyOf(columns)));
            Set<String> p = new TreeSet<>();
            try (ResultSet rs = meta.getImportedKeys(null, schema, name)) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME");
                    if (!parent.equals(name)) {
                        p.add(parent);
                    }
                }
            }
            parents.put(name, p);
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String name : tables.keySet()) {
            visit(name, parents, ordered, new LinkedHashSet<>());
        }
        Map<String, Table> result = new LinkedHashMap<>();
        for (String name : ordered) {
            if (tables.containsKey(name)) {
                result.put(name, tables.get(name));
            }
        }
        return List.copyOf(result.values());
    }

    private static void visit(String name, Map<String, Set<String>> parents, Set<String> ordered, Set<String> path) {
        if (ordered.contains(name) || !path.add(name)) {
            return; // done, or a cycle of references (none in Terrain's schema): keep the name order
        }
        for (String p : parents.getOrDefault(name, Set.of())) {
            visit(p, parents, ordered, path);
        }
        ordered.add(name);
    }

    /** The version of the newest migration applied, e.g. "6". */
    public static String schemaVersion(Connection c) throws SQLException {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version FROM " + MIGRATIONS
                + " WHERE success AND version IS NOT NULL")) {
            String best = null;
            while (rs.next()) {
                String v = rs.getString(1);
                if (best == null || compareVersions(v, best) > 0) {
                    best = v;
                }
            }
            return best == null ? "0" : best;
        }
    }

    /** Version → checksum of each migration Flyway applied; empty when it has no history yet. */
    static Map<String, Integer> migrations(Connection c) throws SQLException {
        Map<String, Integer> applied = new TreeMap<>(Tables::compareVersions);
        String schema = c.getSchema(); // none on PostgreSQL while the configured schema is still to be created
        if (schema == null) {
            return applied;
        }
        DatabaseMetaData meta = c.getMetaData();
        String escape = meta.getSearchStringEscape(); // the schema is a pattern there, where « _ » stands for any letter
        String exact = schema.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
        try (ResultSet rs = meta.getTables(null, exact, MIGRATIONS, new String[] {"TABLE"})) {
            if (!rs.next()) {
                return applied;
            }
        }
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version, checksum FROM " + MIGRATIONS
                + " WHERE success AND version IS NOT NULL")) {
            while (rs.next()) {
                applied.put(rs.getString(1), rs.getInt(2));
            }
        }
        return applied;
    }

    /** Compares Flyway versions numerically part by part: 10 is after 9. */
    public static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    /** Rows in all data tables together. */
    public static long rows(Connection c) throws SQLException {
        long n = 0;
        for (Table t : list(c)) {
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + t.name())) {
                rs.next();
                n += rs.getLong(1);
            }
        }
        return n;
    }
}
