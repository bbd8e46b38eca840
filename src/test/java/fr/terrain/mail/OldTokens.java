package fr.terrain.mail;

import fr.terrain.mail.tracking.ReferralCode;
import fr.terrain.privacy.IdentifierHasher;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens in the formats of messages sent before docs/adr/0031, built here by hand from the formats' description (not
 * by the code under test, which no longer issues them), and the checks of what a token shows.
 */
public final class OldTokens {
    private OldTokens() {}

    /** The first unsubscribe format: {@code ROW.} then 32 hex digits of HMAC-SHA-256 of the row, purpose "mail-unsubscribe". */
    public static String unsubscribe(IdentifierHasher key, long outboxId) {
        return outboxId + "." + key.sign("mail-unsubscribe", Long.toString(outboxId)).substring(0, 32);
    }

    /**
     * A version 1 tracking token: base64url of byte 1, campaign, recipient and link as unsigned varints, the code's 6
     * bytes, and the first 12 bytes of HMAC-SHA-256 under the tracking key of all that.
     */
    public static String tracking(byte[] key, long campaign, long recipient, int link, ReferralCode code) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(1);
        for (long v : new long[] {campaign, recipient, link}) {
            while ((v & ~0x7FL) != 0) {
                body.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            body.write((int) v);
        }
        body.writeBytes(Base64.getUrlDecoder().decode(code.value()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] tag = Arrays.copyOf(mac.doFinal(body.toByteArray()), 12);
        body.writeBytes(tag);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(body.toByteArray());
    }

    /**
     * Whether a token shows {@code id} in a form a curious reader would try: its decimal digits in the text, or, in its
     * bytes once base64-decoded, the id as an unsigned varint or as a big-endian integer of 3 to 8 bytes. Meant for ids
     * of at least 2^16, whose 3 bytes and more a random token holds by chance about once in half a million.
     */
    public static boolean shows(String token, long id) {
        if (id < 1 << 16) {
            throw new IllegalArgumentException("id trop petit pour ce test : " + id);
        }
        if (token.contains(Long.toString(id))) {
            return true;
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token.replaceAll("[^A-Za-z0-9_-]", ""));
        } catch (IllegalArgumentException e) {
            return false;
        }
        ByteArrayOutputStream varint = new ByteArrayOutputStream();
        long v = id;
        while ((v & ~0x7FL) != 0) {
            varint.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        varint.write((int) v);
        if (contains(bytes, varint.toByteArray())) {
            return true;
        }
        for (int width = 3; width <= 8; width++) {
            if (width < 8 && id >>> (8 * width) != 0) {
                continue; // does not fit in this width
            }
            byte[] be = new byte[width];
            for (int i = 0; i < width; i++) {
                be[i] = (byte) (id >>> (8 * (width - 1 - i)));
            }
            if (contains(bytes, be)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many byte positions after the first (the format's version) two tokens share, base64-decoded: about 0.1 for
     * two unrelated 29-byte tokens (28 positions × 1/256), 5 or more where both spell the same campaign and most of a
     * counter.
     */
    public static int sharedBytes(String a, String b) {
        byte[] x = Base64.getUrlDecoder().decode(a);
        byte[] y = Base64.getUrlDecoder().decode(b);
        int same = 0;
        for (int i = 1; i < Math.min(x.length, y.length); i++) {
            same += x[i] == y[i] ? 1 : 0;
        }
        return same;
    }

    /** {@code token} with its character at {@code where} (modulo its length) replaced by another one of base64url. */
    public static String withOneCharacterChanged(String token, int where, int shift) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int i = Math.floorMod(where, token.length());
        int at = alphabet.indexOf(token.charAt(i));
        char changed = at < 0 ? 'A' : alphabet.charAt((at + 1 + Math.floorMod(shift, 63)) % 64);
        return token.substring(0, i) + changed + token.substring(i + 1);
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
