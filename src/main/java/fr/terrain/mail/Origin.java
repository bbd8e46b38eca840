package fr.terrain.mail;

import fr.terrain.privacy.SourceCategory;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a recipient's address came from, precisely, as every message must say (PRIVACY.md,
 * "Every message"): the source category, the provider, the date of collection and how (the file
 * imported, or the sign-up form confirmed).
 *
 * @param how "fichier contacts-2026.csv (import n° 4)" or "formulaire d'inscription du site, confirmé par courriel"
 */
public record Origin(SourceCategory category, String provider, LocalDate collectedOn, String how) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);

    public Origin {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(collectedOn, "collectedOn");
        if (how == null || how.isBlank()) {
            throw new IllegalArgumentException("l'origine d'une adresse doit dire comment elle a été recueillie");
        }
    }

    /** A day as a French reader writes it: « 12 janvier 2026 », « 1er mars 2026 » (the first is an ordinal). */
    public static String day(LocalDate d) {
        return d.getDayOfMonth() == 1 ? "1er " + DAY.format(d).substring(2) : DAY.format(d);
    }

    /** The sentence the message carries. */
    public String text() {
        return category.description() + (provider == null || provider.isBlank() ? "" : ", fournie par " + provider)
                + ", recueillie le " + day(collectedOn) + " (" + how + ")";
    }
}
