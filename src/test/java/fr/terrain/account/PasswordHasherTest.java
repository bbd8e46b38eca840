package fr.terrain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    /** A cheap cost so that the tests run fast; the format and checks are the same. */
    private final PasswordHasher hasher = new PasswordHasher(new PasswordHasher.Cost(256, 1, 1));

    @Test
    void aHashVerifiesItsPasswordAndNoOther() {
        String phc = hasher.hash("correct cheval pile agrafe");
        assertThat(hasher.verify("correct cheval pile agrafe", phc)).isTrue();
        assertThat(hasher.verify("correct cheval pile agrafé", phc)).isFalse();
        assertThat(hasher.verify("", phc)).isFalse();
    }

    @Test
    void theStandardHashIsAnOwaspArgon2idPhcString() {
        String phc = PasswordHasher.standard().hash("mot de passe assez long");
        assertThat(phc).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(PasswordHasher.standard().verify("mot de passe assez long", phc)).isTrue();
        assertThat(hasher.verify("mot de passe assez long", phc)).as("the cost is read from the hash").isTrue();
        assertThat(hasher.needsRehash(phc)).isTrue();
        assertThat(PasswordHasher.standard().needsRehash(phc)).isFalse();
    }

    @Test
    void theSamePasswordGetsADifferentSaltEachTime() {
        String a = hasher.hash("le même mot de passe");
        String b = hasher.hash("le même mot de passe");
        assertThat(a).isNotEqualTo(b);
        assertThat(a.split("\\$")[4]).isNotEqualTo(b.split("\\$")[4]);
        assertThat(hasher.verify("le même mot de passe", a)).isTrue();
        assertThat(hasher.verify("le même mot de passe", b)).isTrue();
    }

    @Test
    void aKnownArgon2idVectorVerifies() {
        // RFC 9106 test vectors use secret and associated data; this one is from the reference
        // implementation's CLI: echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -l 32 -e
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(hasher.verify("password", reference)).isTrue();
        assertThat(hasher.verify("passwore", reference)).isFalse();
    }

    @Test
    void phcStringsAreParsedAndMalformedOnesMatchNothing() {
        PasswordHasher.Hash parsed = PasswordHasher.parse("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
                + "CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc");
        assertThat(parsed.cost()).isEqualTo(PasswordHasher.Cost.OWASP);
        assertThat(parsed.salt()).hasSize(16);
        assertThat(parsed.hash()).hasSize(32);
        for (String bad : new String[] {null, "", "plain text", "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c",
            "$argon2id$v=16$m=19456,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c", "$argon2id$v=19$m=1,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c"}) {
            assertThat(hasher.verify("password", bad)).as(String.valueOf(bad)).isFalse();
        }
        assertThatThrownBy(() -> PasswordHasher.parse("$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownAccountsCostAVerificationToo() {
        assertThat(hasher.verifyNothing("quelque chose")).isFalse();
    }

    @Test
    void generatedPasswordsAreLongEnoughAndDifferent() {
        String p = Secrets.generatePassword();
        assertThat(p).matches("[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}");
        assertThat(Passwords.check(p)).isEqualTo(p);
        assertThat(Secrets.generatePassword()).isNotEqualTo(p);
        assertThatThrownBy(() -> Passwords.check("court")).hasMessageContaining("trop court");
    }

    @Test
    void secretsAreHashedWithSha256() {
        assertThat(Secrets.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Secrets.randomToken(32)).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Secrets.constantTimeEquals("a", "a")).isTrue();
        assertThat(Secrets.constantTimeEquals("a", null)).isFalse();
    }

    @Test
    void commonPasswordsRepeatedCharactersAndTheUserNameAreRefused() {
        for (String p : List.of("motdepasse123", "Azertyuiop12", "password2024!", "123456789012", "MotDePasse 2026",
                "aaaaaaaaaaaa", "abababababab", "Soleil123456", "qwerty123456")) {
            assertThatThrownBy(() -> Passwords.check(p, "claire")).as(p).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("mot de passe trop");
        }
        assertThatThrownBy(() -> Passwords.check("claire-2026-claire", "claire"))
                .hasMessageContaining("contient le nom d'utilisateur");
        assertThatThrownBy(() -> Passwords.check("Jean-Pierre.2026", "jean-pierre"))
                .hasMessageContaining("contient le nom d'utilisateur");
        assertThat(Passwords.check("un mot de passe solide", "claire")).isEqualTo("un mot de passe solide");
        assertThat(Passwords.check("cheval agrafe pile correcte", "jean")).isNotEmpty();
    }
}
