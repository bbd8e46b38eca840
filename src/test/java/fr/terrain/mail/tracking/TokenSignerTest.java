package fr.terrain.mail.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TokenSignerTest {
    private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new TokenSigner(new byte[16])).hasMessageContaining("32 octets");
    }

    @Test
    void theMacIsTheFirstTwelveBytesOfHmacSha256OverTheBody() throws Exception {
        TokenSigner signer = new TokenSigner(KEY);
        ReferralCode code = new ReferralCode("AAECAwQF"); // bytes 00 01 02 03 04 05
        String token = signer.sign(new TrackingToken(3, 300, 2, code));
        byte[] all = java.util.Base64.getUrlDecoder().decode(token);
        // body by hand: version 01, campaign 03, recipient 300 = 0xAC 0x02 (varint), link 02, code 000102030405
        byte[] body = HexFormat.of().parseHex("0103ac0202000102030405");
        assertThat(java.util.Arrays.copyOf(all, body.length)).isEqualTo(body);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        byte[] expected = java.util.Arrays.copyOf(mac.doFinal(body), 12);
        assertThat(java.util.Arrays.copyOfRange(all, body.length, all.length)).isEqualTo(expected);
    }

    @Test
    void aTokenWithAnotherVersionByteIsRefusedEvenIfItsMacWereRight() {
        TokenSigner signer = new TokenSigner(KEY);
        assertThat(signer.verify("AgEBAQAAAAAAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
        assertThat(signer.verify("")).isEmpty();
        assertThat(signer.verify(null)).isEmpty();
        assertThat(signer.verify("x".repeat(200))).isEmpty();
    }
}
