package fr.terrain.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, unpadded Base64), so that each hash carries
 * its own cost and a later, stronger cost still verifies older hashes.
 */
public final class PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    /**
     * The cost of one hash.
     *
     * @param memoryKiB memory in KiB (m)
     * @param iterations passes over memory (t)
     * @param parallelism lanes (p)
     */
    public record Cost(int memoryKiB, int iterations, int parallelism) {
        /** OWASP's Argon2id setting (19 MiB, 2 passes, 1 lane): about 30 ms on one core of a small server. */
        public static final Cost OWASP = new Cost(19_456, 2, 1);

        public Cost {
            if (parallelism < 1 || parallelism > 16 || iterations < 1 || iterations > 20
                    || memoryKiB < 8 * parallelism || memoryKiB > 1_048_576) {
                throw new IllegalArgumentException("paramètres Argon2id hors limites : m=" + memoryKiB + ", t="
                        + iterations + ", p=" + parallelism);
            }
        }
    }

    /** A parsed PHC string. */
    record Hash(Cost cost, byte[] salt, byte[] hash) {}

    private final Cost cost;
    private volatile String decoy;

    public PasswordHasher(Cost cost) {
        this.cost = cost;
    }

    /** The production hasher (OWASP cost). */
    public static PasswordHasher standard() {
        return new PasswordHasher(Cost.OWASP);
    }

    public Cost cost() {
        return cost;
    }

    /** A new PHC string for the password, with a fresh random salt. */
    public String hash(String password) {
        byte[] salt = Secrets.randomBytes(SALT_BYTES);
        byte[] hash = argon2(password, salt, cost, HASH_BYTES);
        return "$argon2id$v=19$m=" + cost.memoryKiB() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether the password matches the PHC string; a malformed string matches nothing. */
    public boolean verify(String password, String phc) {
        Hash expected;
        try {
            expected = parse(phc);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] actual = argon2(password, expected.salt(), expected.cost(), expected.hash().length);
        return MessageDigest.isEqual(actual, expected.hash());
    }

    /**
     * Spends the time of one verification and returns false: called when the account does not
     * exist, so that the response time does not tell which names are accounts.
     */
    public boolean verifyNothing(String password) {
        String d = decoy;
        if (d == null) {
            d = hash(Secrets.randomToken(16));
            decoy = d;
        }
        verify(password, d);
        return false;
    }

    /** Whether a stored hash was made with another cost than this hasher's, and should be redone. */
    public boolean needsRehash(String phc) {
        try {
            return !parse(phc).cost().equals(cost);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    static Hash parse(String phc) {
        Matcher m = phc == null ? null : PHC.matcher(phc);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("empreinte de mot de passe illisible (format PHC argon2id attendu)");
        }
        Cost cost = new Cost(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        return new Hash(cost, Base64.getDecoder().decode(m.group(4)), Base64.getDecoder().decode(m.group(5)));
    }

    private static byte[] argon2(String password, byte[] salt, Cost cost, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(cost.memoryKiB())
                .withIterations(cost.iterations()).withParallelism(cost.parallelism()).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
