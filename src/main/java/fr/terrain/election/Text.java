package fr.terrain.election;

import java.text.Normalizer;
import java.util.Locale;

/** Accent- and case-insensitive comparison of labels written by different publishers. */
public final class Text {
    private Text() {}

    /** "Présidentielle " → "presidentielle"; "N° Bureau" → "n bureau". */
    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text.strip(), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").replace('°', ' ').toLowerCase(Locale.ROOT).strip();
    }
}
