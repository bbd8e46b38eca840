package fr.terrain.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random secrets (session ids, API tokens, CSRF tokens, generated passwords) and their SHA-256. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** No 0/O, 1/l/I: a generated password is read off a screen and typed on a tablet. */
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    /** 20 characters of 57: 116 bits. */
    private static final int PASSWORD_LENGTH = 20;

    private Secrets() {}

    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** {@code bytes} random bytes as URL-safe Base64 without padding (32 bytes: 43 characters, 256 bits). */
    public static String randomToken(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }

    /** A strong password to print once: 20 unambiguous letters and digits, in groups of five. */
    public static String generatePassword() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            if (i > 0 && i % 5 == 0) {
                b.append('-');
            }
            b.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return b.toString();
    }

    /** Lower-case hex SHA-256 of the UTF-8 text: what the store keeps of a session id or a token. */
    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Equality that takes the same time wherever the strings differ. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
