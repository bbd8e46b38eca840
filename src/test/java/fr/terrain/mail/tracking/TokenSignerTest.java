package fr.terrain.mail.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.mail.OldTokens;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TokenSignerTest {
    private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new TokenSigner(new byte[16])).hasMessageContaining("32 octets");
    }

    @Test
    void aVersion1TokenOfAMessageAlreadySentStillReadsAsItsValues() throws Exception {
        TokenSigner signer = new TokenSigner(KEY);
        ReferralCode code = new ReferralCode("AAECAwQF"); // bytes 00 01 02 03 04 05
        // body by hand: version 01, campaign 03, recipient 300 = 0xAC 0x02 (varint), link 02, code 000102030405
        byte[] body = HexFormat.of().parseHex("0103ac0202000102030405");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] all = Arrays.copyOf(body, body.length + 12);
        System.arraycopy(mac.doFinal(body), 0, all, body.length, 12);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(all);
        assertThat(OldTokens.tracking(KEY, 3, 300, 2, code)).isEqualTo(token); // the helper the other tests use
        assertThat(signer.verify(token)).contains(new TrackingToken(3, 300, 2, code));
    }

    @Test
    void aVersion2TokenIsTheIdsEncryptedUnderADerivedKeyThenMaced() throws Exception {
        // checked with javax.crypto directly, from the format's description (docs/adr/0031): byte 2, AES-256/ECB of
        // campaign (6 bytes), recipient (8), link (2), big-endian, then 12 bytes of HMAC-SHA-256 of those 17 bytes;
        // both keys are HMAC-SHA-256 of a label under the tracking key
        String token = new TokenSigner(KEY).sign(3, 300, 2);
        byte[] all = Base64.getUrlDecoder().decode(token);
        assertThat(token).hasSize(39);
        assertThat(all[0]).isEqualTo((byte) 2);
        Mac derive = Mac.getInstance("HmacSHA256");
        derive.init(new SecretKeySpec(KEY, "HmacSHA256"));
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derive.doFinal("derive/tracking-token/aes".getBytes()), "AES"));
        assertThat(aes.doFinal(all, 1, 16)).isEqualTo(HexFormat.of().parseHex("000000000003" + "000000000000012c" + "0002"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(derive.doFinal("derive/tracking-token/mac".getBytes()), "HmacSHA256"));
        assertThat(Arrays.copyOfRange(all, 17, 29)).isEqualTo(Arrays.copyOf(mac.doFinal(Arrays.copyOf(all, 17)), 12));
    }

    @Test
    void consecutiveRecipientsGetTokensThatShowNeitherIdsNorACounter() {
        TokenSigner signer = new TokenSigner(KEY);
        long campaign = 70_001;
        String n = signer.sign(campaign, 1_000_003, 1);
        String next = signer.sign(campaign, 1_000_004, 1);
        for (String t : new String[] {n, next}) {
            assertThat(OldTokens.shows(t, campaign)).as(t).isFalse();
            assertThat(OldTokens.shows(t, 1_000_003)).as(t).isFalse();
            assertThat(OldTokens.shows(t, 1_000_004)).as(t).isFalse();
        }
        assertThat(OldTokens.sharedBytes(n, next)).isLessThanOrEqualTo(3);
        assertThat(signer.verify(n)).contains(new TrackingToken(campaign, 1_000_003, 1,
                signer.recipientCode(campaign, 1_000_003)));
    }

    @Test
    void idsBeyondWhatAVersion2TokenHoldsAreRefusedInFrench() {
        TokenSigner signer = new TokenSigner(KEY);
        assertThatThrownBy(() -> signer.sign(TokenSigner.MAX_CAMPAIGN + 1, 1, 0)).hasMessageContaining("jeton de suivi");
        assertThatThrownBy(() -> signer.sign(1, 1, TokenSigner.MAX_LINK + 1)).hasMessageContaining("jeton de suivi");
        assertThatThrownBy(() -> signer.sign(1, 0, 0)).hasMessageContaining("jeton de suivi");
        assertThat(signer.verify(signer.sign(TokenSigner.MAX_CAMPAIGN, Long.MAX_VALUE, TokenSigner.MAX_LINK)))
                .contains(new TrackingToken(TokenSigner.MAX_CAMPAIGN, Long.MAX_VALUE, TokenSigner.MAX_LINK,
                        signer.recipientCode(TokenSigner.MAX_CAMPAIGN, Long.MAX_VALUE)));
    }

    @Test
    void aTokenWithAnotherVersionByteIsRefusedEvenIfItsMacWereRight() {
        TokenSigner signer = new TokenSigner(KEY);
        assertThat(signer.verify("AgEBAQAAAAAAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
        String v2 = signer.sign(3, 300, 2);
        byte[] all = Base64.getUrlDecoder().decode(v2);
        all[0] = 3;
        assertThat(signer.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(all))).isEmpty();
        assertThat(signer.verify("")).isEmpty();
        assertThat(signer.verify(null)).isEmpty();
        assertThat(signer.verify("x".repeat(200))).isEmpty();
    }
}
