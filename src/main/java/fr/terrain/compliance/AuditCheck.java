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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Verifies the audit log: the hash chain itself, then the chain against the head recorded at the
 * last good check in {@code audit-head.properties} of the data directory (outside the database),
 * which shows entries cut off the end. A good check moves the checkpoint to the current head.
 *
 * <p>One checkpoint per log, known by its first entry's hash (a log's own, whatever the URL that reaches its database:
 * {@code localhost} or {@code 127.0.0.1}), with the database it was read from. Checking another database with the
 * same data directory (a mistyped URL, an empty database) adds its own checkpoint and never replaces the first
 * one's; an empty log is compared with the checkpoint of its database, which shows a log emptied whole.
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

    /**
     * A checkpoint: the log's first entry's hash ({@code first}; null in a file written before there could be more than
     * one, which named its database only), the database it was read from, its head and when it was recorded.
     */
    record Checkpoint(String first, String store, AuditHead head, String recorded) {}

    /**
     * The checkpoint file cannot be read (a value edited by hand, a file cut short): the log cannot be compared with it,
     * and the file is left as it is, for whoever looks into it.
     */
    public static final class UnreadableCheckpoint extends RuntimeException {
        UnreadableCheckpoint(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private AuditCheck() {}

    /**
     * Checks the chain and the checkpoint; when both hold and {@code moveCheckpoint}, records the new head.
     *
     * @throws UnreadableCheckpoint when the checkpoint file cannot be read; nothing is written then
     */
    public static Result run(Store store, Path home, boolean moveCheckpoint) {
        List<AuditEntry> entries = AuditLog.all(store);
        AuditHead head = AuditHead.of(entries);
        Optional<AuditChain.Break> broken = AuditChain.verify(entries);
        Path file = home.resolve(HEAD_FILE);
        List<Checkpoint> saved = readAll(file);
        String first = entries.isEmpty() ? null : entries.getFirst().hash();
        Optional<Checkpoint> mine = find(saved, first, store.description());
        Optional<AuditHead> checkpoint = mine.map(Checkpoint::head);
        String note;
        if (mine.isEmpty()) {
            note = "aucun point de contrôle antérieur pour ce journal (" + file + ")";
        } else {
            Checkpoint c = mine.get();
            note = "point de contrôle du " + c.recorded() + " : entrée n° " + c.head().seq()
                    + (c.store().equals(store.description()) ? "" : " (lu alors par " + c.store() + ")");
            if (broken.isEmpty()) {
                broken = c.head().contradiction(entries);
            }
        }
        if (broken.isEmpty() && moveCheckpoint && first != null) {
            writeAll(file, replaced(saved, mine, new Checkpoint(first, store.description(), head, Instant.now().toString())));
        }
        return new Result(entries.size(), head, broken, checkpoint, note);
    }

    /**
     * After a restore: the log is now the backup's (its {@code backup.restore} entry names the log it replaced), so the
     * checkpoint, which still names the replaced log's head, moves to it when its chain holds; a broken chain moves
     * nothing.
     *
     * @throws UnreadableCheckpoint when the checkpoint file cannot be read; nothing is written then
     */
    public static Result restart(Store store, Path home) {
        List<AuditEntry> entries = AuditLog.all(store);
        AuditHead head = AuditHead.of(entries);
        Optional<AuditChain.Break> broken = AuditChain.verify(entries);
        if (broken.isEmpty() && !entries.isEmpty()) {
            Path file = home.resolve(HEAD_FILE);
            List<Checkpoint> saved = readAll(file);
            // the replaced log's checkpoint for this database goes too: it is no longer this database's log
            List<Checkpoint> kept = new ArrayList<>(saved.stream().filter(c -> !c.store().equals(store.description())).toList());
            writeAll(file, replaced(kept, find(kept, entries.getFirst().hash(), store.description()),
                    new Checkpoint(entries.getFirst().hash(), store.description(), head, Instant.now().toString())));
        }
        return new Result(entries.size(), head, broken, Optional.empty(), "point de contrôle replacé après la restauration");
    }

    /**
     * The checkpoint of the log that begins with {@code first} (the one read from this database first, else any), or,
     * when the log is empty or has none, one written before checkpoints named their log, for this database; and for
     * an empty log any checkpoint of this database (it shows every entry deleted).
     */
    static Optional<Checkpoint> find(List<Checkpoint> saved, String first, String store) {
        if (first != null) {
            Optional<Checkpoint> same = saved.stream().filter(c -> first.equals(c.first()))
                    .sorted(java.util.Comparator.comparing((Checkpoint c) -> !c.store().equals(store))).findFirst();
            if (same.isPresent()) {
                return same;
            }
            return saved.stream().filter(c -> c.first() == null && c.store().equals(store)).findFirst();
        }
        return saved.stream().filter(c -> c.store().equals(store)).max(java.util.Comparator.comparingLong(c -> c.head().seq()));
    }

    private static List<Checkpoint> replaced(List<Checkpoint> saved, Optional<Checkpoint> old, Checkpoint now) {
        List<Checkpoint> out = new ArrayList<>(saved);
        old.ifPresent(out::remove);
        out.removeIf(c -> now.first().equals(c.first()) && c.store().equals(now.store()));
        out.add(now);
        return out;
    }

    /** The file's checkpoints: {@code 1.first}, {@code 1.store}, {@code 1.seq}… and the single one of older files. */
    static List<Checkpoint> readAll(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) { // a byte that is not UTF-8, a malformed unicode escape
            throw new UnreadableCheckpoint(file + " : fichier illisible (" + e.getMessage() + ")", e);
        }
        List<Checkpoint> out = new ArrayList<>();
        if (p.getProperty("seq") != null && p.getProperty("hash") != null) { // one database's, before 2026-12-02
            out.add(new Checkpoint(null, p.getProperty("store", ""), head(file, p, ""), p.getProperty("recorded", "?")));
        }
        for (int i = 1; p.getProperty(i + ".seq") != null; i++) {
            out.add(new Checkpoint(p.getProperty(i + ".first"), p.getProperty(i + ".store", ""), head(file, p, i + "."),
                    p.getProperty(i + ".recorded", "?")));
        }
        return out;
    }

    private static AuditHead head(Path file, Properties p, String prefix) {
        String seq = p.getProperty(prefix + "seq");
        String hash = p.getProperty(prefix + "hash");
        if (!seq.matches("\\d{1,18}")) {
            throw new UnreadableCheckpoint(file + " : clé « " + prefix + "seq » : numéro d'entrée attendu, trouvé « " + seq
                    + " »", null);
        }
        if (hash == null || !hash.matches("[0-9a-f]{64}")) {
            throw new UnreadableCheckpoint(file + " : clé « " + prefix + "hash » : empreinte SHA-256 attendue (64 chiffres"
                    + " hexadécimaux), trouvé " + (hash == null ? "rien" : "« " + hash + " »"), null);
        }
        return new AuditHead(Long.parseLong(seq), hash);
    }

    private static void writeAll(Path file, List<Checkpoint> checkpoints) {
        Properties p = new Properties();
        int i = 0;
        for (Checkpoint c : checkpoints) {
            if (c.first() == null) { // an older file's, another database's: kept as it was written
                p.setProperty("store", c.store());
                p.setProperty("seq", Long.toString(c.head().seq()));
                p.setProperty("hash", c.head().hash());
                p.setProperty("recorded", c.recorded());
                continue;
            }
            i++;
            p.setProperty(i + ".first", c.first());
            p.setProperty(i + ".store", c.store());
            p.setProperty(i + ".seq", Long.toString(c.head().seq()));
            p.setProperty(i + ".hash", c.head().hash());
            p.setProperty(i + ".recorded", c.recorded());
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "Dernières têtes vérifiées des journaux d'audit de Terrain, une par journal : ne pas modifier");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("impossible d'écrire " + file, e);
        }
    }
}
