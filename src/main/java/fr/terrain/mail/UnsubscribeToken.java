package fr.terrain.mail;

import fr.terrain.privacy.IdentifierHasher;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The token of a recipient's unsubscribe link: the outbox row and a keyed signature of it (the
 * suppression list's key, kept outside the database), so that it works whether tracking is on or
 * off and cannot be forged for another row: {@code 1234.3f9a…} (32 hex digits of HMAC-SHA-256).
 */
public final class UnsubscribeToken {
    private static final String PURPOSE = "mail-unsubscribe";

    private UnsubscribeToken() {}

    public static String of(IdentifierHasher key, long outboxId) {
        return outboxId + "." + key.sign(PURPOSE, Long.toString(outboxId)).substring(0, 32);
    }

    /** The outbox row of a genuine token, or empty. */
    public static Optional<Long> verify(IdentifierHasher key, String token) {
        if (token == null || !token.matches("\\d{1,18}\\.[0-9a-f]{32}")) {
            return Optional.empty();
        }
        long id = Long.parseLong(token.substring(0, token.indexOf('.')));
        byte[] expected = of(key, id).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.US_ASCII)) ? Optional.of(id) : Optional.empty();
    }
}
