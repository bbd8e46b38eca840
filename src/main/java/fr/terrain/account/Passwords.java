package fr.terrain.account;

/** What a chosen password must be. */
public final class Passwords {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    private Passwords() {}

    /** The password, or an exception saying in French why it is refused. */
    public static String check(String password) {
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
        return password;
    }
}
