package fr.terrain.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * What a chosen password must be: long enough, and not guessable from the few things an attacker
 * tries first — the most common passwords (and their padded or capitalised forms), a single
 * repeated character, the account's own name.
 */
public final class Passwords {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    /**
     * The commonest passwords (from published breach rankings, French ones included), lower case;
     * a password is refused when, stripped of spaces, digits and punctuation, it is one of them.
     */
    static final Set<String> COMMON = Set.of("password", "motdepasse", "azerty", "azertyuiop", "qwerty", "qwertyuiop",
            "soleil", "bonjour", "doudou", "chouchou", "loulou", "marseille", "paris", "iloveyou", "jetaime",
            "admin", "administrateur", "administrator", "welcome", "bienvenue", "letmein", "monkey", "dragon",
            "football", "baseball", "sunshine", "princess", "master", "secret", "changeme", "trustno", "abc",
            "abcdef", "abcdefgh", "abcdefghijkl", "aaaaaa", "passw", "passe", "terrain", "campagne", "election",
            "elections", "municipales", "mairie", "militant", "", "passwordpassword", "motdepassemotdepasse",
            "azertyazerty", "qwertyqwerty", "superman", "batman", "starwars", "pokemon", "nicolas", "camille",
            "julien", "thomas", "chocolat", "coucou", "nathalie", "isabelle");

    /** Runs of digits or keys that make a password of their own: 123456789012, 098765432109. */
    private static final String DIGIT_RUNS = "0123456789012345678901234567890";
    private static final String REVERSED_RUNS = new StringBuilder(DIGIT_RUNS).reverse().toString();

    private Passwords() {}

    /** The password, or an exception saying in French why it is refused. */
    public static String check(String password) {
        return check(password, null);
    }

    /** The same, also refusing a password built on the account's name. */
    public static String check(String password, String userName) {
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("mot de passe vide");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw new IllegalArgumentException("mot de passe trop court : " + MIN_LENGTH + " caractères au moins ("
                    + length + " donnés)");
        }
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("mot de passe trop long : " + MAX_LENGTH + " caractères au plus");
        }
        String folded = fold(password);
        String letters = folded.replaceAll("[^\\p{L}]", "");
        String compact = folded.replaceAll("\\s", "");
        if (COMMON.contains(letters) || COMMON.contains(compact) || DIGIT_RUNS.contains(compact)
                || REVERSED_RUNS.contains(compact)) {
            throw new IllegalArgumentException("mot de passe trop courant : il figure parmi les premiers essayés ;"
                    + " préférez une phrase de plusieurs mots");
        }
        if (compact.codePoints().distinct().count() <= 2) {
            throw new IllegalArgumentException("mot de passe trop simple : un ou deux caractères répétés");
        }
        if (userName != null && !userName.isBlank()) {
            String name = fold(userName).replaceAll("\\s", "");
            if (name.length() >= 3 && (compact.contains(name) || letters.equals(name.replaceAll("[^\\p{L}]", "")))) {
                throw new IllegalArgumentException("mot de passe refusé : il contient le nom d'utilisateur");
            }
        }
        return password;
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
