package fr.terrain.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration V30, in Java because it draws random numbers, which H2 and PostgreSQL spell differently: the outbox rows
 * not yet sent whose Message-ID still names their campaign ({@code <uuid.12@domain>}, written before ADR 0031) get a
 * random one ({@code <uuid@domain>}), as rows written since do. A recipient reads a Message-ID; the campaign's id
 * counts the campaigns.
 *
 * <p>Only rows no server has accepted change: {@code pending} (never tried) and {@code failed-temporary} (refused by
 * a 4xx reply, or cut before the end of DATA). A row {@code sending} may be in a running sender's hands; a row
 * {@code committed}, {@code sent} or {@code bounced} was, or may have been, delivered with its Message-ID, which a
 * delivery report (DSN) names to find it: both keep theirs.
 */
final class PendingMessageIds implements JavaMigration {
    /** The Message-ID written before ADR 0031: a UUID, a dot, the campaign's id, then {@code @domain}. */
    static final Pattern NAMING_CAMPAIGN = Pattern.compile("<[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\\.\\d+@(.+)>");

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("30");
    }

    @Override
    public String getDescription() {
        return "random message ids for pending mail";
    }

    /** Fixed: {@code MigrationChecksumsTest} records it like a file's, and this class must not change once shipped. */
    @Override
    public Integer getChecksum() {
        return 300_031;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (PreparedStatement select = c.prepareStatement("SELECT id, message_id FROM mail_outbox"
                + " WHERE state IN ('pending', 'failed-temporary') AND message_id LIKE '<%.%@%'");
                PreparedStatement update = c.prepareStatement("UPDATE mail_outbox SET message_id = ? WHERE id = ?");
                ResultSet rs = select.executeQuery()) {
            int batched = 0;
            while (rs.next()) {
                Matcher m = NAMING_CAMPAIGN.matcher(rs.getString(2));
                if (!m.matches()) {
                    continue;
                }
                // written out here rather than MailStore's: what a shipped migration does must not change with it
                update.setString(1, "<" + UUID.randomUUID() + "@" + m.group(1) + ">");
                update.setLong(2, rs.getLong(1));
                update.addBatch();
                if (++batched % 1_000 == 0) {
                    update.executeBatch();
                }
            }
            update.executeBatch();
        }
    }
}
