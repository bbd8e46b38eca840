package fr.terrain.mail.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.mail.OldTokens;
import java.util.Arrays;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** A token says what it was signed with, and nothing else gets through; tokens of messages already sent too. */
class TokenSignerProperties {
    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
        Arrays.fill(OTHER_KEY, (byte) 8);
    }

    private final TokenSigner signer = new TokenSigner(KEY);

    /** What a version 2 token holds: a campaign up to 2^48 - 1, any recipient, a link up to 65,535. */
    @Provide
    Arbitrary<TrackingToken> tokens() {
        Arbitrary<Long> campaigns = Arbitraries.longs().between(1, TokenSigner.MAX_CAMPAIGN);
        Arbitrary<Long> recipients = Arbitraries.longs().between(1, Long.MAX_VALUE);
        Arbitrary<Integer> links = Arbitraries.integers().between(0, TokenSigner.MAX_LINK);
        return net.jqwik.api.Combinators.combine(campaigns, recipients, links)
                .as((c, r, l) -> new TrackingToken(c, r, l, signer.recipientCode(c, r)));
    }

    /** What a version 1 token held: any ids and link, any code. */
    @Provide
    Arbitrary<TrackingToken> version1Tokens() {
        Arbitrary<Long> ids = Arbitraries.longs().between(1, Long.MAX_VALUE);
        Arbitrary<Integer> links = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<String> codes = Arbitraries.strings().withChars(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_").ofLength(8)
                .filter(c -> Base64.getUrlEncoder().withoutPadding().encodeToString(
                        Base64.getUrlDecoder().decode(c)).equals(c)); // canonical: 8 chars = 6 bytes exactly
        return net.jqwik.api.Combinators.combine(ids, ids, links, codes)
                .as((c, r, l, code) -> new TrackingToken(c, r, l, new ReferralCode(code)));
    }

    private String sign(TrackingToken t) {
        return signer.sign(t.campaignId(), t.recipientId(), t.link());
    }

    private static String version1(TrackingToken t) throws Exception {
        return OldTokens.tracking(KEY, t.campaignId(), t.recipientId(), t.link(), t.referral());
    }

    @Property
    void aSignedTokenReadsBackAsItsValuesWithTheRecipientsOwnCode(@ForAll("tokens") TrackingToken t) {
        String s = sign(t);
        assertThat(s).matches("[A-Za-z0-9_-]{39}");
        assertThat(signer.verify(s)).contains(t);
    }

    @Property
    void aVersion1TokenOfAMessageAlreadySentStillReadsBackAsItsValues(@ForAll("version1Tokens") TrackingToken t)
            throws Exception {
        assertThat(signer.verify(version1(t))).contains(t);
    }

    @Property
    void realisticTokensAreCompact(@ForAll @LongRange(min = 1, max = 1_000_000) long campaign,
            @ForAll @LongRange(min = 1, max = 100_000_000) long recipient, @ForAll @IntRange(min = 0, max = 100) int link) {
        // 1 version + 16 encrypted + 12 MAC = 29 bytes → 39 base64 characters, whatever the ids (version 1: ≤ 36)
        assertThat(signer.sign(campaign, recipient, link)).hasSize(39);
    }

    @Property
    void changingAnyCharacterIsDetected(@ForAll("tokens") TrackingToken t, @ForAll("version1Tokens") TrackingToken old,
            @ForAll @IntRange(min = 0, max = 1000) int where, @ForAll @IntRange(min = 0, max = 62) int shift) throws Exception {
        String s = sign(t);
        // every character of a version 2 token counts: its padding bits must be zero
        assertThat(signer.verify(OldTokens.withOneCharacterChanged(s, where, shift))).isEmpty();
        String o = version1(old);
        String forged = OldTokens.withOneCharacterChanged(o, where, shift);
        // the last character of a version 1 token carries 2 or 4 padding bits that decoders may ignore: then the bytes
        // are the same and the token genuinely unchanged; any change of the bytes must be refused
        boolean sameBytes = decodes(forged) && Arrays.equals(Base64.getUrlDecoder().decode(forged),
                Base64.getUrlDecoder().decode(o));
        if (sameBytes) {
            assertThat(signer.verify(forged)).contains(old);
        } else {
            assertThat(signer.verify(forged)).isEmpty();
        }
    }

    @Property
    void anotherKeysTokensAreRefused(@ForAll("tokens") TrackingToken t, @ForAll("version1Tokens") TrackingToken old)
            throws Exception {
        assertThat(new TokenSigner(OTHER_KEY).verify(sign(t))).isEmpty();
        assertThat(new TokenSigner(OTHER_KEY).verify(version1(old))).isEmpty();
    }

    @Property
    void truncatedOrExtendedTokensAreRefused(@ForAll("tokens") TrackingToken t, @ForAll("version1Tokens") TrackingToken old,
            @ForAll @IntRange(min = 1, max = 30) int cut) throws Exception {
        for (String s : new String[] {sign(t), version1(old)}) {
            assertThat(signer.verify(s.substring(0, Math.max(0, s.length() - cut)))).isEmpty();
            assertThat(signer.verify(s + "AAAA")).isEmpty();
        }
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
