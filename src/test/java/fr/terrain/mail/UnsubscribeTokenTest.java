package fr.terrain.mail;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.privacy.IdentifierHasher;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The unsubscribe link's token: shows no outbox row, cannot be forged, and links already sent keep working. */
class UnsubscribeTokenTest {
    private static final IdentifierHasher KEY = new IdentifierHasher(new byte[32]);

    @Test
    void consecutiveRowsGiveTokensThatShowNeitherTheRowNorACounter() {
        String n = UnsubscribeToken.of(KEY, 1_000_003);
        String next = UnsubscribeToken.of(KEY, 1_000_004);
        assertThat(n).matches("[A-Za-z0-9_-]{39}");
        assertThat(OldTokens.shows(n, 1_000_003)).isFalse();
        assertThat(OldTokens.shows(next, 1_000_004)).isFalse();
        // apart from the format's version byte, no position in common beyond chance (0.1 expected)
        assertThat(OldTokens.sharedBytes(n, next)).isLessThanOrEqualTo(3);
        assertThat(UnsubscribeToken.verify(KEY, n)).contains(1_000_003L);
        assertThat(UnsubscribeToken.verify(KEY, next)).contains(1_000_004L);
    }

    @Test
    void theTokenIsTheRowEncryptedUnderADerivedKeyThenMaced() throws Exception {
        // checked with javax.crypto directly, from the format's description (docs/adr/0031): byte 2, AES-256/ECB of the
        // row as 8 big-endian bytes and 8 zeros, then 12 bytes of HMAC-SHA-256 of those 17 bytes; the keys are the
        // suppression key's signatures of "aes" and "mac" for the purpose "mail-unsubscribe-keys"
        byte[] all = Base64.getUrlDecoder().decode(UnsubscribeToken.of(KEY, 0x0102030405L));
        assertThat(all).hasSize(29);
        assertThat(all[0]).isEqualTo((byte) 2);
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(HexFormat.of().parseHex(KEY.sign("mail-unsubscribe-keys", "aes")),
                "AES"));
        assertThat(aes.doFinal(all, 1, 16)).isEqualTo(HexFormat.of().parseHex("00000001020304050000000000000000"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HexFormat.of().parseHex(KEY.sign("mail-unsubscribe-keys", "mac")), "HmacSHA256"));
        assertThat(Arrays.copyOfRange(all, 17, 29)).isEqualTo(Arrays.copyOf(mac.doFinal(Arrays.copyOf(all, 17)), 12));
    }

    @Property(tries = 300)
    void aLinkOfTheFirstFormatStillUnsubscribesItsRowAndNoOther(@ForAll @LongRange(min = 1, max = 999_999_999_999L) long row) {
        String old = OldTokens.unsubscribe(KEY, row);
        assertThat(UnsubscribeToken.verify(KEY, old)).contains(row);
        assertThat(UnsubscribeToken.verify(KEY, (row + 1) + old.substring(old.indexOf('.')))).isEmpty();
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThat(UnsubscribeToken.verify(new IdentifierHasher(otherKey), old)).isEmpty();
    }

    @Property(tries = 500)
    void aTokenOfEitherFormatWithOneCharacterChangedIsRefused(@ForAll @LongRange(min = 1, max = 999_999_999_999L) long row,
            @ForAll @IntRange(min = 0, max = 100) int where, @ForAll @IntRange(min = 0, max = 62) int shift) {
        for (String token : new String[] {UnsubscribeToken.of(KEY, row), OldTokens.unsubscribe(KEY, row)}) {
            String changed = OldTokens.withOneCharacterChanged(token, where, shift);
            assertThat(changed).isNotEqualTo(token);
            assertThat(UnsubscribeToken.verify(KEY, changed)).as(changed).isEmpty();
        }
    }

    @Property(tries = 200)
    void anotherKeysTokensTruncatedOnesAndJunkAreRefused(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long row,
            @ForAll String junk) {
        String token = UnsubscribeToken.of(KEY, row);
        assertThat(UnsubscribeToken.verify(KEY, token)).contains(row);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThat(UnsubscribeToken.verify(new IdentifierHasher(otherKey), token)).isEmpty();
        assertThat(UnsubscribeToken.verify(KEY, token.substring(1))).isEmpty();
        assertThat(UnsubscribeToken.verify(KEY, token + "A")).isEmpty();
        assertThat(UnsubscribeToken.verify(KEY, junk)).isEmpty();
        assertThat(UnsubscribeToken.verify(KEY, null)).isEmpty();
    }
}
