package fr.terrain.compliance;

import fr.terrain.privacy.AuditChain;
import fr.terrain.privacy.AuditEntry;
import fr.terrain.privacy.AuditHead;
import fr.terrain.store.AuditLog;
import fr.terrain.store.Store;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Verifies the audit log: the hash chain itself, then the chain against the head recorded at the
 * last good check in {@code audit-head.properties} of the data directory (outside the database),
 * which shows entries cut off the end. A good check moves the checkpoint to the current head.
 *
 * <p>Limit: entries appended after the last checkpoint and then deleted are not detected; the
 * server checks (and so moves the checkpoint) daily, which bounds that window to a day.
 */
public final class AuditCheck {
    public static final String HEAD_FILE = "audit-head.properties";

    /** The outcome: how many entries, the first break if any, and what the checkpoint said. */
    public record Result(int entries, AuditHead head, Optional<AuditChain.Break> broken, Optional<AuditHead> checkpoint,
            String checkpointNote) {
        public boolean intact() {
            return broken.isEmpty();
        }
    }

    private AuditCheck() {}

    /** Checks the chain and the checkpoint; when both hold and {@code moveCheckpoint}, records the new head. */
    public static Result run(Store store, Path home, boolean moveCheckpoint) {
        List<AuditEntry> entries = AuditLog.all(store);
        AuditHead head = AuditHead.of(entries);
        Optional<AuditChain.Break> broken = AuditChain.verify(entries);
        Path file = home.resolve(HEAD_FILE);
        Optional<AuditHead> checkpoint = Optional.empty();
        String note;
        Properties saved = readHead(file);
        if (saved == null) {
            note = "aucun point de contrôle antérieur (" + file + ")";
        } else if (!store.description().equals(saved.getProperty("store"))) {
            note = "le point de contrôle de " + file + " concerne une autre base (" + saved.getProperty("store") + ")";
        } else {
            AuditHead recorded = new AuditHead(Long.parseLong(saved.getProperty("seq")), saved.getProperty("hash"));
            checkpoint = Optional.of(recorded);
            note = "point de contrôle du " + saved.getProperty("recorded") + " : entrée n° " + recorded.seq();
            if (broken.isEmpty()) {
                broken = recorded.contradiction(entries);
            }
        }
        if (broken.isEmpty() && moveCheckpoint) {
            writeHead(file, store.description(), head);
        }
        return new Result(entries.size(), head, broken, checkpoint, note);
    }

    /**
     * After a restore: the log is now the backup's (its {@code backup.restore} entry names the log it replaced), so the
     * checkpoint, which still names the replaced log's head, moves to it when its chain holds; a broken chain moves
     * nothing.
     */
    public static Result restart(Store store, Path home) {
        List<AuditEntry> entries = AuditLog.all(store);
        AuditHead head = AuditHead.of(entries);
        Optional<AuditChain.Break> broken = AuditChain.verify(entries);
        if (broken.isEmpty()) {
            writeHead(home.resolve(HEAD_FILE), store.description(), head);
        }
        return new Result(entries.size(), head, broken, Optional.empty(), "point de contrôle replacé après la restauration");
    }

    private static Properties readHead(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("impossible de lire " + file, e);
        }
        return p.getProperty("seq") == null || p.getProperty("hash") == null ? null : p;
    }

    private static void writeHead(Path file, String store, AuditHead head) {
        Properties p = new Properties();
        p.setProperty("store", store);
        p.setProperty("seq", Long.toString(head.seq()));
        p.setProperty("hash", head.hash());
        p.setProperty("recorded", Instant.now().toString());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "Dernière tête vérifiée du journal d'audit de Terrain : ne pas modifier");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("impossible d'écrire " + file, e);
        }
    }
}
