package fr.terrain.privacy;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where imported data comes from. Every import names one; the forbidden ones are refused with the
 * rule they break (CNIL, "Les fichiers qui ne peuvent pas être utilisés pour la communication
 * politique", 2025).
 */
public enum SourceCategory implements RetentionCategory {
    ELECTORAL_LIST("electoral-list", true, "liste électorale (Code électoral L.37)"),
    SIGN_IN_LIST("sign-in-list", true, "listes d'émargement"),
    MEMBERS("members", true, "adhérents"),
    REGULAR_CONTACTS("regular-contacts", true, "contacts réguliers"),
    COMMERCIAL_WITH_CONSENT("commercial-with-consent", true, "fichier commercial avec consentement"),
    CAMPAIGN_COLLECTED("campaign-collected", true, "collecté par la campagne"),
    OFFICIAL_OPEN_DATA("official-open-data", true, "données publiques agrégées"),
    PUBLIC_SECTOR_FILE("public-sector-file", false,
            "un fichier du secteur public (état civil, aides sociales, scolarité, urbanisme, usagers, pétitions locales)"
                    + " ne peut pas servir à la communication politique"),
    MUNICIPAL_FILE("municipal-file", false,
            "un fichier de la commune ne peut pas servir à la communication politique"),
    OTHER_ROLE_FILE("other-role-file", false,
            "un fichier détenu à un autre titre (élu, employeur, médecin, association) ne peut pas servir à la communication politique"),
    HR_PAYROLL("hr-payroll", false, "un fichier RH ou de paie ne peut pas servir à la communication politique"),
    PATIENTS_CLIENTS("patients-clients", false,
            "un fichier de patients ou de clients ne peut pas servir à la communication politique"),
    SCRAPED_SOCIAL_MEDIA("scraped-social-media", false,
            "des données collectées sur les réseaux sociaux sans consentement ne peuvent pas être utilisées");

    private final String id;
    private final boolean allowed;
    private final String description;

    SourceCategory(String id, boolean allowed, String description) {
        this.id = id;
        this.allowed = allowed;
        this.description = description;
    }

    @Override
    public String id() {
        return id;
    }

    public boolean allowed() {
        return allowed;
    }

    /** For an allowed category its name; for a forbidden one the rule it breaks. */
    @Override
    public String description() {
        return description;
    }

    /** The category of this id in the pages' words, or the id itself when no category has it. */
    public static String describe(String id) {
        return find(id).map(SourceCategory::description).orElse(id);
    }

    public boolean personalData() {
        return this != OFFICIAL_OPEN_DATA;
    }

    public static Optional<SourceCategory> find(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
