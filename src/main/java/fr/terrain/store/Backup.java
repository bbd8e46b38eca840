package fr.terrain.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * A portable copy of every table of the store (format in docs/privacy.md): a zip of one JSON
 * Lines file per table — the column names, then one JSON array per row, dates and times as ISO
 * text — so that a backup of H2 restores into PostgreSQL and back. Tables are found in the
 * database itself, so tables added by later migrations are included without a change here.
 */
public final class Backup {
    public static final String FORMAT = "terrain-backup";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 1_000;

    private Backup() {}

    /**
     * What a backup holds: tables in restore order and their row counts.
     *
     * @param secrets files of the data directory the data cannot be used without (the suppression
     *     list's key), by file name
     * @param reapplied after a restore in place of a store, what of its rights requests and suppression list the
     *     backup lacked and was kept, and what applying the list removed (in French), or empty
     * @param lost after a restore in place of a store, what of it the restore undid and could not keep, one warning
     *     each (in French; {@link RestoredLosses})
     */
    public record Summary(String schemaVersion, Map<String, Long> rows, Map<String, byte[]> secrets, String reapplied,
            List<String> lost) {
        public Summary(String schemaVersion, Map<String, Long> rows) {
            this(schemaVersion, rows, Map.of(), "", List.of());
        }

        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Writes every table, as one consistent snapshot, to {@code out} (a zip; the caller encrypts and closes). */
    public static Summary write(Store store, OutputStream out) {
        return write(store, out, Map.of());
    }

    /**
     * The same, with files of the data directory stored alongside the tables under {@code secrets/}
     * (the suppression list's key: its hashes are useless without it).
     */
    public static Summary write(Store store, OutputStream out, Map<String, byte[]> secrets) {
        return store.jdbi().inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            Connection c = h.getConnection();
            try {
                String version = Tables.schemaVersion(c);
                List<Tables.Table> tables = Tables.list(c);
                ZipOutputStream zip = new ZipOutputStream(out);
                zip.putNextEntry(new ZipEntry("manifest.json"));
                Map<String, Object> manifest = new LinkedHashMap<>();
                manifest.put("format", FORMAT);
                manifest.put("version", VERSION);
                manifest.put("schemaVersion", version);
                manifest.put("migrations", Tables.migrations(c));
                manifest.put("database", store.dialect().name());
                manifest.put("tables", tables.stream().map(Tables.Table::name).toList());
                zip.write(JSON.writeValueAsBytes(manifest));
                zip.closeEntry();
                Map<String, Long> counts = new LinkedHashMap<>();
                JsonFactory factory = JSON.getFactory();
                for (Tables.Table t : tables) {
                    zip.putNextEntry(new ZipEntry("tables/" + t.name() + ".jsonl"));
                    JsonGenerator g = factory.createGenerator(new NonClosing(zip));
                    g.writeStartArray();
                    for (Tables.Column col : t.columns()) {
                        g.writeString(col.name());
                    }
                    g.writeEndArray();
                    g.writeRaw('\n');
                    long n = 0;
                    try (Statement st = c.createStatement()) {
                        st.setFetchSize(BATCH);
                        try (ResultSet rs = st.executeQuery("SELECT * FROM " + t.name())) {
                            while (rs.next()) {
                                g.writeStartArray();
                                for (int i = 0; i < t.columns().size(); i++) {
                                    writeValue(g, rs, i + 1, t.columns().get(i));
                                }
                                g.writeEndArray();
                                g.writeRaw('\n');
                                n++;
                            }
                        }
                    }
                    g.flush();
                    zip.closeEntry();
                    counts.put(t.name(), n);
                }
                for (var secret : new java.util.TreeMap<>(secrets).entrySet()) {
                    zip.putNextEntry(new ZipEntry("secrets/" + secret.getKey()));
                    zip.write(secret.getValue());
                    zip.closeEntry();
                }
                zip.putNextEntry(new ZipEntry("end.json"));
                zip.write(JSON.writeValueAsBytes(Map.of("rows", counts)));
                zip.closeEntry();
                zip.finish();
                return new Summary(version, counts);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new StoreException(e);
            }
        });
    }

    private static void writeValue(JsonGenerator g, ResultSet rs, int i, Tables.Column col) throws SQLException,
            IOException {
        switch (col.jdbcType()) {
            case Types.BOOLEAN, Types.BIT -> {
                boolean v = rs.getBoolean(i);
                if (rs.wasNull()) {
                    g.writeNull();
                } else {
                    g.writeBoolean(v);
                }
            }
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                long v = rs.getLong(i);
                if (rs.wasNull()) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> {
                double v = rs.getDouble(i);
                if (rs.wasNull()) {
                    g.writeNull();
                } else if (Double.isFinite(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeString(Double.toString(v));
                }
            }
            case Types.NUMERIC, Types.DECIMAL -> {
                BigDecimal v = rs.getBigDecimal(i);
                if (v == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
            case Types.DATE -> text(g, rs.getObject(i, LocalDate.class));
            case Types.TIME -> text(g, rs.getObject(i, LocalTime.class));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] v = rs.getBytes(i);
                text(g, v == null ? null : Base64.getEncoder().encodeToString(v));
            }
            default -> {
                if (col.withTimeZone()) {
                    OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
                    text(g, v == null ? null : v.toInstant());
                } else if (col.jdbcType() == Types.TIMESTAMP) {
                    text(g, rs.getObject(i, LocalDateTime.class));
                } else {
                    text(g, rs.getString(i));
                }
            }
        }
    }

    private static void text(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v.toString());
        }
    }

    /**
     * The backup's schema version in today's numbering of the migrations (ADR 0024): the highest of those it lists,
     * or, written before backups listed them, its {@code schemaVersion}.
     */
    private static String schemaVersionToday(JsonNode manifest) {
        JsonNode migrations = manifest.path("migrations");
        if (!migrations.isObject()) {
            return EditedMigrations.today(manifest.path("schemaVersion").asText(), null);
        }
        String highest = "0";
        for (var m : migrations.properties()) {
            String version = EditedMigrations.today(m.getKey(), m.getValue().asInt());
            if (Tables.compareVersions(version, highest) > 0) {
                highest = version;
            }
        }
        return highest;
    }

    /**
     * Restores a backup ({@code in}: the decrypted zip) in one transaction: into an empty store,
     * or, with {@code replace}, in place of everything the store holds. Nothing changes if any part
     * of the backup cannot be read or does not fit the store's schema. In place of a store, the store's
     * rights requests ({@link RestoredRequests}) and suppression list survive: what the backup lacks of the list is
     * kept and applied to the restored data ({@link RestoredSuppression}), with the key that made it ({@code currentSecrets}: the data
     * directory's keys before the restore); a restore that could not apply it is refused. The restore is
     * appended to the restored audit log.
     */
    public static Summary restore(Store store, InputStream in, boolean replace, Map<String, byte[]> currentSecrets,
            String actor, String what) {
        return store.jdbi().inTransaction(h -> {
            Connection c = h.getConnection();
            try {
                List<Tables.Table> tables = Tables.list(c);
                Map<String, Tables.Table> byName = new LinkedHashMap<>();
                tables.forEach(t -> byName.put(t.name(), t));
                ZipInputStream zip = new ZipInputStream(in);
                ZipEntry entry = zip.getNextEntry();
                if (entry == null || !entry.getName().equals("manifest.json")) {
                    throw new StoreException("sauvegarde illisible : manifest.json attendu en tête");
                }
                JsonNode manifest = JSON.readTree(zip.readAllBytes());
                if (!FORMAT.equals(manifest.path("format").asText()) || manifest.path("version").asInt() != VERSION) {
                    throw new StoreException("sauvegarde d'un format inconnu : " + manifest.path("format").asText() + " v"
                            + manifest.path("version").asText());
                }
                String version = manifest.path("schemaVersion").asText();
                String ours = Tables.schemaVersion(c);
                if (Tables.compareVersions(schemaVersionToday(manifest), ours) > 0) {
                    throw new StoreException("sauvegarde d'un schéma plus récent (v" + version + ") que cette base (v"
                            + ours + ") : mettez Terrain à jour avant de restaurer");
                }
                for (JsonNode name : manifest.path("tables")) {
                    if (!byName.containsKey(name.asText())) {
                        throw new StoreException("la table " + name.asText() + " de la sauvegarde n'existe pas dans cette base");
                    }
                }
                long existing = Tables.rows(c);
                if (existing > 0 && !replace) {
                    throw new StoreException("la base n'est pas vide (" + existing + " lignes) : restaurez dans une base"
                            + " vide, ou ajoutez --replace pour remplacer tout son contenu");
                }
                List<RestoredSuppression.Row> suppressed = replace ? RestoredSuppression.read(h) : List.of();
                List<RestoredRequests.Held> requests = replace ? RestoredRequests.read(h) : List.of();
                List<RestoredChoices.Choice> choices = replace ? RestoredChoices.read(h) : List.of();
                List<RestoredCorrections.Held> corrections = replace ? RestoredCorrections.read(h) : List.of();
                Optional<RestoredLosses.Before> before = replace ? Optional.of(RestoredLosses.read(h, requests)) : Optional.empty();
                Map<String, Long> floor = highestIds(c, tables);
                Optional<String> replacedLog = replace ? logHead(h) : Optional.empty();
                if (replace) {
                    for (int i = tables.size() - 1; i >= 0; i--) {
                        try (Statement st = c.createStatement()) {
                            st.executeUpdate("DELETE FROM " + tables.get(i).name());
                        }
                    }
                }
                Map<String, Long> counts = new LinkedHashMap<>();
                Map<String, byte[]> secrets = new LinkedHashMap<>();
                Map<String, Long> expected = null;
                while ((entry = zip.getNextEntry()) != null) {
                    String name = entry.getName();
                    if (name.equals("end.json")) {
                        expected = new LinkedHashMap<>();
                        for (var f : JSON.readTree(zip.readAllBytes()).path("rows").properties()) {
                            expected.put(f.getKey(), f.getValue().asLong());
                        }
                    } else if (name.startsWith("tables/") && name.endsWith(".jsonl")) {
                        String table = name.substring("tables/".length(), name.length() - ".jsonl".length());
                        Tables.Table t = byName.get(table);
                        if (t == null) {
                            throw new StoreException("la table " + table + " de la sauvegarde n'existe pas dans cette base");
                        }
                        counts.put(table, insertRows(c, t, zip));
                    } else if (name.startsWith("secrets/") && name.indexOf('/', "secrets/".length()) < 0) {
                        secrets.put(name.substring("secrets/".length()), zip.readAllBytes());
                    } else {
                        throw new StoreException("sauvegarde illisible : élément inattendu " + name);
                    }
                }
                if (expected == null || !expected.equals(counts)) {
                    throw new StoreException("sauvegarde incomplète : lignes attendues " + expected + ", lues " + counts);
                }
                restartIdentities(c, tables, floor); // before rows are added back below
                List<String> lost = before.map(b -> RestoredLosses.lost(h, b)).orElse(List.of());
                List<String> kept = new ArrayList<>();
                String requestsKept = RestoredRequests.describe(RestoredRequests.keep(h, requests));
                if (!requestsKept.isEmpty()) {
                    kept.add(requestsKept);
                }
                String choicesKept = RestoredChoices.describe(RestoredChoices.keep(h, choices));
                if (!choicesKept.isEmpty()) {
                    kept.add(choicesKept);
                }
                String correctionsKept = RestoredCorrections.describe(RestoredCorrections.keep(h, corrections));
                if (!correctionsKept.isEmpty()) {
                    kept.add(correctionsKept);
                }
                String undeliverableKept = RestoredLosses.describe(before.map(b -> RestoredLosses.keepUndeliverable(h, b))
                        .orElse(0));
                if (!undeliverableKept.isEmpty()) {
                    kept.add(undeliverableKept);
                }
                List<RestoredSuppression.Row> missing = RestoredSuppression.missing(h, suppressed);
                if (!missing.isEmpty()) {
                    byte[] key = currentSecrets.get(HashKeyFile.NAME);
                    if (key == null) {
                        throw new StoreException("cette base tient " + missing.size() + " empreinte(s) de la liste"
                                + " d'opposition que la sauvegarde n'a pas, mais la clé qui les a faites ("
                                + HashKeyFile.NAME + ") n'est pas dans le répertoire des données indiqué : elles ne"
                                + " pourraient pas être appliquées ; indiquez le répertoire des données de cette base (--home)");
                    }
                    byte[] theirs = secrets.get(HashKeyFile.NAME);
                    if (theirs != null && !java.util.Arrays.equals(theirs, key)) {
                        throw new StoreException("cette base tient " + missing.size() + " empreinte(s) de la liste"
                                + " d'opposition que la sauvegarde n'a pas, et la sauvegarde vient d'une autre clé : ces"
                                + " personnes reviendraient ; restaurez-la dans une base vide");
                    }
                    kept.add(RestoredSuppression.describe(RestoredSuppression.reapply(h, missing, HashKeyFile.hasher(key),
                            actor)));
                }
                // the audit log is the backup's from here: its restore entry says which log it replaced
                replacedLog.ifPresent(old -> kept.add("le journal d'audit de la base remplacée (" + old + ") cède la place"
                        + " à celui de la sauvegarde" + logHead(h).map(b -> " (" + b + ")").orElse(" (vide)")));
                String reapplied = String.join(" ; ", kept);
                Summary summary = new Summary(version, counts, secrets, reapplied, lost);
                AuditLog.append(h, Instant.now(), actor, "backup.restore", what, summary.totalRows(),
                        (replace ? "remplacement, " : "") + counts.size() + " tables, schéma v" + version
                                + (reapplied.isEmpty() ? "" : " ; " + reapplied)
                                + lost.stream().map(l -> " ; perdu : " + l).collect(Collectors.joining()));
                restartIdentities(c, tables, floor); // after the requests added back with their own ids
                return summary;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new StoreException(e);
            }
        });
    }

    private static long insertRows(Connection c, Tables.Table t, InputStream zip) throws IOException, SQLException {
        JsonParser p = JSON.getFactory().createParser(new NonClosingIn(zip));
        if (p.nextToken() != JsonToken.START_ARRAY) {
            throw new StoreException("sauvegarde illisible : colonnes de " + t.name() + " attendues");
        }
        List<Tables.Column> columns = new ArrayList<>();
        while (p.nextToken() == JsonToken.VALUE_STRING) {
            Tables.Column col = t.column(p.getText());
            if (col == null) {
                throw new StoreException("la colonne " + t.name() + "." + p.getText() + " de la sauvegarde n'existe pas"
                        + " dans cette base");
            }
            columns.add(col);
        }
        String sql = "INSERT INTO " + t.name() + " (" + String.join(", ", columns.stream().map(Tables.Column::name)
                .toList()) + ") VALUES (" + String.join(", ", columns.stream().map(x -> "?").toList()) + ")";
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            while (p.nextToken() == JsonToken.START_ARRAY) {
                for (int i = 0; i < columns.size(); i++) {
                    p.nextToken();
                    bind(ps, i + 1, columns.get(i), p);
                }
                if (p.nextToken() != JsonToken.END_ARRAY) {
                    throw new StoreException("sauvegarde illisible : ligne " + (n + 1) + " de " + t.name()
                            + " n'a pas " + columns.size() + " valeurs");
                }
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        return n;
    }

    private static void bind(PreparedStatement ps, int i, Tables.Column col, JsonParser p) throws IOException,
            SQLException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            ps.setNull(i, col.jdbcType());
            return;
        }
        String text = p.getText();
        switch (col.jdbcType()) {
            case Types.BOOLEAN, Types.BIT -> ps.setBoolean(i, p.getBooleanValue());
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> ps.setInt(i, p.getIntValue());
            case Types.BIGINT -> ps.setLong(i, p.getLongValue());
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> ps.setDouble(i,
                    p.currentToken() == JsonToken.VALUE_STRING ? Double.parseDouble(text) : p.getDoubleValue());
            case Types.NUMERIC, Types.DECIMAL -> ps.setBigDecimal(i, new BigDecimal(text));
            case Types.DATE -> ps.setObject(i, LocalDate.parse(text));
            case Types.TIME -> ps.setObject(i, LocalTime.parse(text));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                    ps.setBytes(i, Base64.getDecoder().decode(text));
            default -> {
                if (col.withTimeZone()) {
                    ps.setObject(i, Instant.parse(text).atOffset(ZoneOffset.UTC));
                } else if (col.jdbcType() == Types.TIMESTAMP) {
                    ps.setObject(i, LocalDateTime.parse(text));
                } else {
                    ps.setString(i, text);
                }
            }
        }
    }

    /** The audit log's last entry in words: « entrées n° 1 à 20, dernière empreinte 3f2a9c81b0d4… », if any. */
    private static Optional<String> logHead(org.jdbi.v3.core.Handle h) {
        return h.createQuery("SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1")
                .map((rs, ctx) -> "entrées n° 1 à " + rs.getLong(1) + ", dernière empreinte " + rs.getString(2).substring(0, 12)
                        + "…")
                .findOne();
    }

    /** The highest value of each identity column ({@code table.column}), 0 for an empty table. */
    private static Map<String, Long> highestIds(Connection c, List<Tables.Table> tables) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Tables.Table t : tables) {
            for (Tables.Column col : t.columns()) {
                if (col.autoIncrement()) {
                    try (Statement st = c.createStatement();
                            ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(" + col.name() + "), 0) FROM " + t.name())) {
                        rs.next();
                        out.put(t.name() + "." + col.name(), rs.getLong(1));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Identity columns continue after the restored ids, so the next insert does not collide; never below
     * {@code floor} (the ids the store held before the restore): H2 does not roll an identity's restart back,
     * so a restore that fails after it must leave every identity above the rows the store keeps.
     */
    private static void restartIdentities(Connection c, List<Tables.Table> tables, Map<String, Long> floor)
            throws SQLException {
        Map<String, Long> highest = highestIds(c, tables);
        for (Tables.Table t : tables) {
            for (Tables.Column col : t.columns()) {
                if (!col.autoIncrement()) {
                    continue;
                }
                String key = t.name() + "." + col.name();
                long next = Math.max(highest.get(key), floor.getOrDefault(key, 0L)) + 1;
                try (Statement st = c.createStatement()) {
                    st.execute("ALTER TABLE " + t.name() + " ALTER COLUMN " + col.name() + " RESTART WITH " + next);
                }
            }
        }
    }

    /** Lets a JSON writer flush into the current zip entry without closing the zip. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static final class NonClosingIn extends java.io.FilterInputStream {
        NonClosingIn(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }
}
