package fr.terrain.privacy;

import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What an import of personal data says about where it comes from. Only a lawful declaration can
 * be built: a forbidden or unknown category, or a commercial file without its provider, the
 * provider's contact and the channels the consent covers, is refused with the rule it breaks.
 *
 * @param provider who supplied the file (préfecture, mairie, loueur de fichiers)
 * @param providerContact how to reach the provider (required for commercial files)
 * @param consentChannels the channels the persons consented to for political use (commercial files)
 */
public record SourceDeclaration(SourceCategory category, String provider, String providerContact,
        SortedSet<String> consentChannels) {

    /** Channels a consent may cover (the consent ledger's channels). */
    public static final SortedSet<String> CHANNELS = Collections.unmodifiableSortedSet(new TreeSet<>(
            java.util.List.of("email", "sms", "phone", "automated-call", "canvass-opinion")));

    /** The rule that makes every import of personal data declare its source. */
    public static final String DECLARATION_RULE = "toute importation de données personnelles déclare une catégorie de"
            + " source connue, et les catégories interdites sont refusées (CNIL, « Les fichiers qui ne peuvent pas être"
            + " utilisés pour la communication politique »)";

    /** The rule on rented or bought files. */
    public static final String COMMERCIAL_RULE = "un fichier commercial loué ou acheté n'est utilisable qu'avec un"
            + " consentement à l'usage politique, par canal, et le nom et le contact du fournisseur sont enregistrés"
            + " (CNIL, « Les fichiers du secteur privé »)";

    public SourceDeclaration {
        if (category == null) {
            throw new SourceRefused("catégorie de source manquante : " + DECLARATION_RULE);
        }
        if (!category.allowed()) {
            throw new SourceRefused("source refusée (" + category.id() + ") : " + category.description());
        }
        provider = blankToNull(provider);
        providerContact = blankToNull(providerContact);
        consentChannels = Collections.unmodifiableSortedSet(consentChannels == null ? new TreeSet<>()
                : new TreeSet<>(consentChannels));
        for (String c : consentChannels) {
            if (!CHANNELS.contains(c)) {
                throw new SourceRefused("canal de consentement inconnu « " + c + " » ; canaux : "
                        + String.join(", ", CHANNELS));
            }
        }
        if (category == SourceCategory.COMMERCIAL_WITH_CONSENT) {
            StringBuilder missing = new StringBuilder();
            if (provider == null) {
                missing.append(" le nom du fournisseur (--provider)");
            }
            if (providerContact == null) {
                missing.append(missing.isEmpty() ? "" : ",").append(" son contact (--provider-contact)");
            }
            if (consentChannels.isEmpty()) {
                missing.append(missing.isEmpty() ? "" : ",")
                        .append(" les canaux couverts par le consentement (--consent-channels email,sms…)");
            }
            if (!missing.isEmpty()) {
                throw new SourceRefused("source " + category.id() + " incomplète, il manque" + missing + " : "
                        + COMMERCIAL_RULE);
            }
        }
    }

    /** A declaration from the words of a command line or a form; refused with the rule it breaks. */
    public static SourceDeclaration parse(String categoryId, String provider, String providerContact,
            String consentChannels) {
        SourceCategory category = SourceCategory.find(categoryId == null ? "" : categoryId.strip())
                .orElseThrow(() -> new SourceRefused("catégorie de source inconnue « " + categoryId + " » : "
                        + DECLARATION_RULE + " ; catégories admises : " + Arrays.stream(SourceCategory.values())
                                .filter(SourceCategory::allowed).map(SourceCategory::id)
                                .collect(Collectors.joining(", "))));
        SortedSet<String> channels = new TreeSet<>();
        if (consentChannels != null) {
            for (String c : consentChannels.split(",")) {
                if (!c.isBlank()) {
                    channels.add(c.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return new SourceDeclaration(category, provider, providerContact, channels);
    }

    /** An allowed category with its provider only (official data, electoral lists). */
    public static SourceDeclaration of(SourceCategory category, String provider) {
        return new SourceDeclaration(category, provider, null, null);
    }

    /** The channels as stored: {@code email,sms}, or empty. */
    public Optional<String> channelList() {
        return consentChannels.isEmpty() ? Optional.empty() : Optional.of(String.join(",", consentChannels));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A declaration the law does not allow; the message names the rule. */
    public static final class SourceRefused extends IllegalArgumentException {
        public SourceRefused(String message) {
            super(message);
        }
    }
}
