package fr.terrain.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup written by an older Terrain restores into today's, or is refused with why (docs/deploy.md). The team and
 * plan names migration was V24 from 30 November 08:57 to 10:25, then V23 (ADR 0024): the backups of those builds say
 * « schéma v24 » and hold nothing today's V23 store lacks.
 */
class BackupAcrossVersionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aBackupWrittenWhileTheTeamAndPlanNamesMigrationWasV24RestoresIntoToday() throws IOException {
        byte[] legacy = withManifest(backupWithATeam(), m -> {
            m.put("schemaVersion", "24");
            m.remove("migrations");
        });
        try (Store to = TestStores.h2(tmp.resolve("to"))) {
            Backup.restore(to, new ByteArrayInputStream(legacy), false, Map.of(), "cli:test", "legacy.bak");
            long teams = to.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM team").mapTo(Long.class).one());
            assertEquals(1, teams);
        }
    }

    @Test
    void aBackupNamesTheMigrationsOfItsSchemaAndOneNewerThanTheStoreIsRefused() throws IOException {
        byte[] backup = backupWithATeam();
        assertTrue(manifest(backup).path("migrations").has("23"), manifest(backup).toString());
        byte[] newer = withManifest(backup, m -> {
            m.put("schemaVersion", "99");
            ((ObjectNode) m.path("migrations")).put("99", 12345);
        });
        try (Store to = TestStores.h2(tmp.resolve("to"))) {
            StoreException e = assertThrows(StoreException.class, () -> Backup.restore(to,
                    new ByteArrayInputStream(newer), false, Map.of(), "cli:test", "newer.bak"));
            assertTrue(e.getMessage().contains("plus récent (v99)"), e.getMessage());
        }
    }

    private byte[] backupWithATeam() {
        try (Store from = TestStores.h2(tmp.resolve("from"))) {
            from.jdbi().useHandle(h -> h.execute("INSERT INTO team (name, arrondissement, created_at)"
                    + " VALUES ('Belleville', 20, CURRENT_TIMESTAMP)"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Backup.write(from, out);
            return out.toByteArray();
        }
    }

    private static ObjectNode manifest(byte[] backup) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(backup))) {
            zip.getNextEntry();
            return (ObjectNode) JSON.readTree(zip.readAllBytes());
        }
    }

    /** The same backup with its manifest changed as an older (or newer) Terrain would have written it. */
    private static byte[] withManifest(byte[] backup, Consumer<ObjectNode> change) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(backup));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals("manifest.json")) {
                    ObjectNode m = (ObjectNode) JSON.readTree(content);
                    change.accept(m);
                    content = JSON.writeValueAsBytes(m);
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
