package fr.terrain.atlas;

import java.util.Locale;

/** The languages of the interface: French by default, English available. */
public enum Language {
    FR, EN;

    /** {@code en} → EN; anything else is French. */
    public static Language of(String code) {
        return code != null && code.toLowerCase(Locale.ROOT).startsWith("en") ? EN : FR;
    }
}
