package fr.terrain.mail;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sixteen bytes of store ids made unreadable and unforgeable for a link a recipient receives (docs/adr/0031): {@code
 * version · AES-256(block) · MAC}, URL-safe base64 without padding, always {@value #TOKEN_CHARS} characters. The block
 * is encrypted alone (one AES block, no IV: a keyed permutation, so the same ids always give the same token, and ids
 * n and n + 1 give unrelated ones); the MAC, HMAC-SHA-256 truncated to 96 bits under a second key, covers the version
 * and the ciphertext and is checked in constant time before anything is decrypted. Thread-safe.
 */
public final class SealedBlock {
    public static final int BLOCK_BYTES = 16;
    private static final int MAC_BYTES = 12;
    private static final int TOKEN_BYTES = 1 + BLOCK_BYTES + MAC_BYTES;
    /** 29 bytes in base64: 9 groups of 4 characters and 3 for the last 2 bytes (2 padding bits, always zero). */
    public static final int TOKEN_CHARS = 39;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte version;
    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec macKey;
    private final ThreadLocal<Cipher> encrypting = ThreadLocal.withInitial(() -> cipher(Cipher.ENCRYPT_MODE));
    private final ThreadLocal<Cipher> decrypting = ThreadLocal.withInitial(() -> cipher(Cipher.DECRYPT_MODE));
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::mac);
    private final ThreadLocal<byte[]> macBuffers = ThreadLocal.withInitial(() -> new byte[32]);

    /** @param encryptionKey and {@code macKey}: 32 bytes each, derived for this one purpose and different */
    public SealedBlock(byte version, byte[] encryptionKey, byte[] macKey) {
        if (encryptionKey == null || encryptionKey.length != 32 || macKey == null || macKey.length != 32) {
            throw new IllegalArgumentException("clés de jeton : 32 octets chacune");
        }
        this.version = version;
        this.encryptionKey = new SecretKeySpec(encryptionKey.clone(), "AES");
        this.macKey = new SecretKeySpec(macKey.clone(), "HmacSHA256");
    }

    /** The token of a block of {@value #BLOCK_BYTES} bytes. */
    public String seal(byte[] block) {
        if (block.length != BLOCK_BYTES) {
            throw new IllegalArgumentException("bloc de " + block.length + " octets au lieu de " + BLOCK_BYTES);
        }
        byte[] all = new byte[TOKEN_BYTES];
        all[0] = version;
        try {
            encrypting.get().doFinal(block, 0, BLOCK_BYTES, all, 1);
            byte[] tag = macBuffers.get();
            Mac m = macs.get();
            m.update(all, 0, 1 + BLOCK_BYTES);
            m.doFinal(tag, 0);
            System.arraycopy(tag, 0, all, 1 + BLOCK_BYTES, MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return ENCODER.encodeToString(all);
    }

    /** The block of a genuine token of this version and these keys; empty for anything else, never an exception. */
    public Optional<byte[]> open(String token) {
        if (token == null || token.length() != TOKEN_CHARS) {
            return Optional.empty();
        }
        byte[] all;
        try {
            all = DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // the last character's two padding bits must be zero (the token written back is the token), so that one
        // changed character is one changed byte
        if (all.length != TOKEN_BYTES || all[0] != version || !ENCODER.encodeToString(all).equals(token)) {
            return Optional.empty();
        }
        try {
            byte[] expected = macBuffers.get();
            Mac m = macs.get();
            m.update(all, 0, 1 + BLOCK_BYTES);
            m.doFinal(expected, 0);
            if (!MessageDigest.isEqual(Arrays.copyOf(expected, MAC_BYTES), Arrays.copyOfRange(all, 1 + BLOCK_BYTES,
                    TOKEN_BYTES))) { // constant time
                return Optional.empty();
            }
            return Optional.of(decrypting.get().doFinal(all, 1, BLOCK_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Cipher cipher(int mode) {
        try {
            Cipher c = Cipher.getInstance("AES/ECB/NoPadding"); // one block only: see the class comment
            c.init(mode, encryptionKey);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Mac mac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(macKey);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
