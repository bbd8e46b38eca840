package fr.terrain.mail.tracking;

/**
 * The code a message's links carry so that a click by someone else than the recipient (the
 * message was forwarded) can be credited to the recipient: 6 bytes, written as 8 URL-safe
 * base64 characters. A recipient's own code is derived from the campaign and recipient; the
 * code of a forwarded reader is derived from the code they arrived with (see {@link TokenSigner}).
 */
public record ReferralCode(String value) {
    public static final int BYTES = 6;

    public ReferralCode {
        if (!isBase64Url(value, 8)) {
            throw new IllegalArgumentException("code de partage invalide : " + value);
        }
    }

    /** Whether {@code s} is {@code length} URL-safe base64 characters ({@code [A-Za-z0-9_-]}), without a regex. */
    public static boolean isBase64Url(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
