package fr.terrain.mail.tracking;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks tracking tokens with HMAC-SHA-256 under a secret key kept outside the
 * database (like the suppression list's key). A token is URL-safe base64 without padding of
 * {@code version · campaign · recipient · link} (unsigned varints), the 6-byte referral code and
 * the first 12 bytes (96 bits) of the MAC over all that: about 32 characters. Anything altered —
 * one bit of the campaign, the link number or the code — fails the check, compared in constant
 * time, and the token is refused as a whole.
 */
public final class TokenSigner {
    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 12;
    private static final int MAX_TOKEN_CHARS = 80;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;
    private final ThreadLocal<byte[]> macBuffers = ThreadLocal.withInitial(() -> new byte[32]);

    public TokenSigner(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("clé de suivi trop courte (32 octets au moins)");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The URL-safe token of these values. */
    public String sign(TrackingToken t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(40);
        out.write(VERSION);
        writeVarint(out, t.campaignId());
        writeVarint(out, t.recipientId());
        writeVarint(out, t.link());
        out.writeBytes(DECODER.decode(t.referral().value()));
        byte[] body = out.toByteArray();
        out.writeBytes(Arrays.copyOf(mac(body), MAC_BYTES));
        return ENCODER.encodeToString(out.toByteArray());
    }

    /**
     * The values of a genuine token; empty for anything forged, altered, truncated or malformed. Called on every
     * open and click: one decoded array, the MAC computed into a per-thread buffer, no other copy.
     */
    public Optional<TrackingToken> verify(String token) {
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
        if (bodyLength <= 1 + ReferralCode.BYTES || all[0] != VERSION) {
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
        int difference = 0; // constant time: every byte compared whatever the first mismatch
        for (int i = 0; i < MAC_BYTES; i++) {
            difference |= expected[i] ^ all[bodyLength + i];
        }
        if (difference != 0) {
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

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
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
