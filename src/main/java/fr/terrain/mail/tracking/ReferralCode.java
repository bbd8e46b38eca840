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
        if (value == null || !value.matches("[A-Za-z0-9_-]{8}")) {
            throw new IllegalArgumentException("code de partage invalide : " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
