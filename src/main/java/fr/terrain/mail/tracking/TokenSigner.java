package fr.terrain.mail.tracking;

import fr.terrain.mail.SealedBlock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks tracking tokens under a secret key kept outside the database (like the suppression list's key).
 * A token issued now (version 2) is a {@link SealedBlock} of {@code campaign (6 bytes) · recipient (8) · link (2)},
 * encrypted and MACed under two keys derived from this one: 39 characters that show no store id (docs/adr/0031). The
 * referral code is the recipient's own ({@link #recipientCode}), the only one a message's links ever carried, so it is
 * derived again rather than carried.
 *
 * <p>Messages already sent hold version 1 tokens, which keep working: URL-safe base64 of {@code version · campaign ·
 * recipient · link} (unsigned varints, readable by anyone), the 6-byte referral code and the first 12 bytes of their
 * HMAC-SHA-256 under the key itself. Anything altered in either version fails the check, compared in constant time,
 * and the token is refused as a whole.
 */
public final class TokenSigner {
    private static final byte VERSION_1 = 1;
    private static final byte VERSION_2 = 2;
    /** The largest campaign id a version 2 token holds (6 bytes); store ids come from a sequence starting at 1. */
    public static final long MAX_CAMPAIGN = (1L << 48) - 1;
    /** The largest link number a version 2 token holds (2 bytes); a 200,000-character template has fewer links. */
    public static final int MAX_LINK = 0xFFFF;
    private static final int MAC_BYTES = 12;
    private static final int MAX_TOKEN_CHARS = 80;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;
    private final ThreadLocal<byte[]> macBuffers = ThreadLocal.withInitial(() -> new byte[32]);
    private final SealedBlock sealed;

    public TokenSigner(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("clé de suivi trop courte (32 octets au moins)");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
        // derived keys: the labels start with "derive/", which no version 1 body (byte 1) nor code seed starts with
        this.sealed = new SealedBlock(VERSION_2, mac("derive/tracking-token/aes".getBytes(StandardCharsets.US_ASCII)),
                mac("derive/tracking-token/mac".getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * The URL-safe token of a recipient's link ({@link TrackingToken#PIXEL} for the open pixel), carrying their own
     * referral code; ids beyond {@link #MAX_CAMPAIGN} or a link beyond {@link #MAX_LINK} are refused.
     */
    public String sign(long campaignId, long recipientId, int link) {
        if (campaignId <= 0 || campaignId > MAX_CAMPAIGN || recipientId <= 0 || link < 0 || link > MAX_LINK) {
            throw new IllegalArgumentException("jeton de suivi impossible : campagne " + campaignId + ", destinataire "
                    + recipientId + ", lien " + link + " (campagne de 1 à " + MAX_CAMPAIGN + ", lien de 0 à " + MAX_LINK + ")");
        }
        // campaign in 6 bytes (2 + 4), recipient in 8, link in 2, big-endian
        return sealed.seal(ByteBuffer.allocate(SealedBlock.BLOCK_BYTES).putShort((short) (campaignId >>> 32))
                .putInt((int) campaignId).putLong(recipientId).putShort((short) link).array());
    }

    /**
     * The values of a genuine token of either version; empty for anything forged, altered, truncated or malformed.
     * Called on every open and click.
     */
    public Optional<TrackingToken> verify(String token) {
        Optional<byte[]> block = sealed.open(token);
        if (block.isPresent()) {
            ByteBuffer b = ByteBuffer.wrap(block.get());
            long campaign = (b.getShort() & 0xFFFFL) << 32 | (b.getInt() & 0xFFFFFFFFL);
            long recipient = b.getLong();
            int link = b.getShort() & 0xFFFF;
            if (campaign <= 0 || recipient <= 0) {
                return Optional.empty(); // sealed by us, so unreachable unless the format changes
            }
            return Optional.of(new TrackingToken(campaign, recipient, link, recipientCode(campaign, recipient)));
        }
        return verifyVersion1(token);
    }

    /** A version 1 token (messages sent before version 2): one decoded array, the MAC into a per-thread buffer. */
    private Optional<TrackingToken> verifyVersion1(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        byte[] all;
        try {
            all = DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int bodyLength = all.length - MAC_BYTES;
        if (bodyLength <= 1 + ReferralCode.BYTES || all[0] != VERSION_1) {
            return Optional.empty();
        }
        byte[] expected = macBuffers.get();
        Mac m = macs.get();
        try {
            m.update(all, 0, bodyLength);
            m.doFinal(expected, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        if (!MessageDigest.isEqual(Arrays.copyOf(expected, MAC_BYTES), Arrays.copyOfRange(all, bodyLength,
                all.length))) { // constant time
            return Optional.empty();
        }
        int[] pos = {1};
        long campaign = readVarint(all, bodyLength, pos);
        long recipient = readVarint(all, bodyLength, pos);
        long link = readVarint(all, bodyLength, pos);
        if (campaign <= 0 || recipient <= 0 || link < 0 || link > Integer.MAX_VALUE
                || bodyLength - pos[0] != ReferralCode.BYTES) {
            return Optional.empty(); // signed by us, so unreachable unless the format changes
        }
        String code = ENCODER.encodeToString(Arrays.copyOfRange(all, pos[0], bodyLength));
        return Optional.of(new TrackingToken(campaign, recipient, (int) link, new ReferralCode(code)));
    }

    /** The referral code a recipient's own links carry: derived, so nothing needs storing to issue it. */
    public ReferralCode recipientCode(long campaignId, long recipientId) {
        return code("recipient|" + campaignId + "|" + recipientId);
    }

    /**
     * The code of a reader who arrived through {@code parent} in the browser {@code browserId}: the same
     * browser arriving through the same code always gets the same child, so replays add no node.
     */
    public ReferralCode childCode(ReferralCode parent, String browserId) {
        return code("child|" + parent.value() + "|" + browserId);
    }

    private ReferralCode code(String seed) {
        byte[] m = mac(seed.getBytes(StandardCharsets.UTF_8));
        return new ReferralCode(ENCODER.encodeToString(Arrays.copyOf(m, ReferralCode.BYTES)));
    }

    private byte[] mac(byte[] data) {
        Mac m = macs.get();
        return m.doFinal(data);
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The unsigned varint at {@code pos[0]} among the first {@code end} bytes of {@code b}; -1 if it runs past them. */
    private static long readVarint(byte[] b, int end, int[] pos) {
        long v = 0;
        for (int shift = 0; shift < 64 && pos[0] < end; shift += 7) {
            byte x = b[pos[0]++];
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        return -1;
    }
}
