package fr.terrain.mail;

import fr.terrain.privacy.IdentifierHasher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The token of a recipient's unsubscribe link, keyed by the suppression list's key (kept outside the database) so that
 * it works whether tracking is on or off and cannot be forged for another row. Issued now: a {@link SealedBlock} of the
 * outbox row's id and 8 zero bytes under two keys derived from that key, 39 URL-safe characters that show no id
 * (docs/adr/0031). Messages sent before carry the first format, {@code 1234.3f9a…} (the row, then 32 hex digits of
 * HMAC-SHA-256): it is still honoured, for an unsubscribe link must never stop working.
 */
public final class UnsubscribeToken {
    private static final String PURPOSE = "mail-unsubscribe";
    /** The purpose the sealing keys are derived under ({@code sign/} + purpose + NUL + label, unlike any row's). */
    private static final String KEYS = "mail-unsubscribe-keys";

    /** The last key's sealer: a send, or a page, asks with the same key again and again. */
    private static volatile Keyed last;

    private record Keyed(IdentifierHasher key, SealedBlock sealed) {}

    private UnsubscribeToken() {}

    public static String of(IdentifierHasher key, long outboxId) {
        if (outboxId <= 0) {
            throw new IllegalArgumentException("ligne d'envoi invalide : " + outboxId);
        }
        return sealed(key).seal(ByteBuffer.allocate(SealedBlock.BLOCK_BYTES).putLong(outboxId).array()); // then 8 zeros
    }

    /** The outbox row of a genuine token of either format, or empty. */
    public static Optional<Long> verify(IdentifierHasher key, String token) {
        if (token != null && token.indexOf('.') >= 0) {
            return verifyFirstFormat(key, token); // a sealed token has no dot
        }
        Optional<byte[]> block = sealed(key).open(token);
        if (block.isPresent()) {
            ByteBuffer b = ByteBuffer.wrap(block.get());
            long id = b.getLong();
            return id > 0 && b.getLong() == 0 ? Optional.of(id) : Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Long> verifyFirstFormat(IdentifierHasher key, String token) {
        if (!token.matches("\\d{1,18}\\.[0-9a-f]{32}")) {
            return Optional.empty();
        }
        long id = Long.parseLong(token.substring(0, token.indexOf('.')));
        byte[] expected = (id + "." + key.sign(PURPOSE, Long.toString(id)).substring(0, 32))
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.US_ASCII)) ? Optional.of(id) : Optional.empty();
    }

    private static SealedBlock sealed(IdentifierHasher key) {
        Keyed k = last;
        if (k == null || k.key() != key) {
            k = new Keyed(key, new SealedBlock((byte) 2, HexFormat.of().parseHex(key.sign(KEYS, "aes")),
                    HexFormat.of().parseHex(key.sign(KEYS, "mac"))));
            last = k;
        }
        return k.sealed();
    }
}
