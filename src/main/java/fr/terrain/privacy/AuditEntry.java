package fr.terrain.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One entry of the audit log: who did what to which personal data, how many records. The hash
 * covers every field and the previous entry's hash, so the log is a chain: changing, inserting
 * or removing an entry breaks every hash after it.
 *
 * @param records how many personal records the action concerned (0 for an admin action)
 * @param detail the query or reason, never the personal data itself
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String target, long records, String detail,
        String previousHash, String hash) {

    /** The hash of the (absent) entry before the first. */
    public static final String GENESIS = "0".repeat(64);

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
        if (seq < 1 || records < 0) {
            throw new IllegalArgumentException("entrée d'audit invalide : n° " + seq + ", " + records + " enregistrements");
        }
    }

    /** The next entry after {@code previous} (null for the first), with its hash computed. */
    public static AuditEntry next(AuditEntry previous, Instant at, String actor, String action, String target, long records,
            String detail) {
        long seq = previous == null ? 1 : previous.seq() + 1;
        String prev = previous == null ? GENESIS : previous.hash();
        return new AuditEntry(seq, at, actor, action, target, records, detail, prev,
                hash(seq, at, actor, action, target, records, detail, prev));
    }

    /** The hash this entry should have, from its content and its previous hash. */
    public String expectedHash() {
        return hash(seq, at, actor, action, target, records, detail, previousHash);
    }

    private static String hash(long seq, Instant at, String actor, String action, String target, long records,
            String detail, String previousHash) {
        // Length-prefixed fields: no two different entries give the same text.
        StringBuilder text = new StringBuilder();
        for (String field : new String[] {Long.toString(seq), at.toString(), actor, action, target, Long.toString(records),
            detail, previousHash}) {
            text.append(field.length()).append(':').append(field).append(';');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
