package fr.terrain.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes (HMAC-SHA-256) of identifiers: what the suppression list keeps. Without the key,
 * which lives outside the database, the hashes cannot be tested against guessed names or numbers.
 */
public final class IdentifierHasher {
    private final SecretKeySpec key;

    public IdentifierHasher(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("clé de hachage trop courte (32 octets au moins)");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** Lower-case hex HMAC-SHA-256 of the identifier's kind and normalised value. */
    public String hash(Identifier id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((id.kind().id() + ":" + id.normalised())
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A keyed signature of a value for one purpose (the unsubscribe link of an outbox row, say):
     * HMAC-SHA-256 of {@code "sign/" + purpose + "\0" + value}, which no identifier's input
     * ({@code kind:value}) can equal. Lower-case hex.
     */
    public String sign(String purpose, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(("sign/" + purpose + "\0" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
