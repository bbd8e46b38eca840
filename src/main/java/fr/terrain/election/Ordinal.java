package fr.terrain.election;

/**
 * A number as French abbreviates its ordinal, the way an arrondissement is written (« 1er », « 2e » … « 20e »; so are a
 * round and a decile): {@code er} after one (premier), {@code e} after the others, never « 1e » or « 2ème ». In this
 * package, the core every other depends on, so that every package may use it (the territory package would close a
 * cycle: it depends on field, which depends on account).
 */
public final class Ordinal {
    private Ordinal() {}

    /** {@code 1er}, {@code 2e}, {@code 12e}. */
    public static String of(int n) {
        return n == 1 ? "1er" : n + "e";
    }
}
