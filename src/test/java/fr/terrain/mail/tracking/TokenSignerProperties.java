package fr.terrain.mail.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** A token says what it was signed with, and nothing else gets through. */
class TokenSignerProperties {
    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
        Arrays.fill(OTHER_KEY, (byte) 8);
    }

    private final TokenSigner signer = new TokenSigner(KEY);

    @Provide
    Arbitrary<TrackingToken> tokens() {
        Arbitrary<Long> ids = Arbitraries.longs().between(1, Long.MAX_VALUE);
        Arbitrary<Integer> links = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<String> codes = Arbitraries.strings().withChars(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_").ofLength(8)
                .filter(c -> Base64.getUrlEncoder().withoutPadding().encodeToString(
                        Base64.getUrlDecoder().decode(c)).equals(c)); // canonical: 8 chars = 6 bytes exactly
        return net.jqwik.api.Combinators.combine(ids, ids, links, codes)
                .as((c, r, l, code) -> new TrackingToken(c, r, l, new ReferralCode(code)));
    }

    @Property
    void aSignedTokenReadsBackAsItsValues(@ForAll("tokens") TrackingToken t) {
        String s = signer.sign(t);
        assertThat(s).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(60);
        assertThat(signer.verify(s)).contains(t);
    }

    @Property
    void realisticTokensAreCompact(@ForAll @LongRange(min = 1, max = 1_000_000) long campaign,
            @ForAll @LongRange(min = 1, max = 100_000_000) long recipient, @ForAll @IntRange(min = 0, max = 100) int link) {
        TrackingToken t = new TrackingToken(campaign, recipient, link, signer.recipientCode(campaign, recipient));
        // 1 version + ≤3 + ≤4 + 1 varint bytes + 6 code + 12 MAC = ≤ 27 bytes → ≤ 36 base64 characters
        assertThat(signer.sign(t)).hasSizeLessThanOrEqualTo(36);
    }

    @Property
    void changingAnyCharacterIsDetected(@ForAll("tokens") TrackingToken t, @ForAll @IntRange(min = 0, max = 1000) int where,
            @ForAll @IntRange(min = 1, max = 63) int shift) {
        String s = signer.sign(t);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int i = where % s.length();
        char changed = alphabet.charAt((alphabet.indexOf(s.charAt(i)) + shift) % 64);
        String forged = s.substring(0, i) + changed + s.substring(i + 1);
        // the last character of a token carries 2 or 4 padding bits that decoders may ignore: then the bytes are
        // the same and the token genuinely unchanged; any change of the bytes must be refused
        boolean sameBytes = decodes(forged) && Arrays.equals(Base64.getUrlDecoder().decode(forged),
                Base64.getUrlDecoder().decode(s));
        if (sameBytes) {
            assertThat(signer.verify(forged)).contains(t);
        } else {
            assertThat(signer.verify(forged)).isEmpty();
        }
    }

    @Property
    void anotherKeysTokensAreRefused(@ForAll("tokens") TrackingToken t) {
        assertThat(new TokenSigner(OTHER_KEY).verify(signer.sign(t))).isEmpty();
    }

    @Property
    void truncatedOrExtendedTokensAreRefused(@ForAll("tokens") TrackingToken t, @ForAll @IntRange(min = 1, max = 30) int cut) {
        String s = signer.sign(t);
        assertThat(signer.verify(s.substring(0, Math.max(0, s.length() - cut)))).isEmpty();
        assertThat(signer.verify(s + "AAAA")).isEmpty();
    }

    @Property(tries = 2000)
    void anyStringIsRefusedWithoutThrowing(@ForAll String junk) {
        assertThat(signer.verify(junk)).isEmpty();
    }

    @Property
    void childCodesDependOnParentAndBrowser(@ForAll @LongRange(min = 1, max = 1000) long r,
            @ForAll("browsers") String b1, @ForAll("browsers") String b2) {
        ReferralCode root = signer.recipientCode(1, r);
        assertThat(signer.childCode(root, b1)).isEqualTo(signer.childCode(root, b1));
        if (!b1.equals(b2)) {
            assertThat(signer.childCode(root, b1)).isNotEqualTo(signer.childCode(root, b2));
        }
        assertThat(signer.recipientCode(1, r)).isNotEqualTo(signer.recipientCode(1, r + 1))
                .isNotEqualTo(signer.recipientCode(2, r));
    }

    @Provide
    Arbitrary<String> browsers() {
        return Arbitraries.strings().alpha().ofMinLength(10).ofMaxLength(22);
    }

    private static boolean decodes(String s) {
        try {
            Base64.getUrlDecoder().decode(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
