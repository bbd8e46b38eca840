package fr.terrain.account;

/** One thing a route lets its caller do; roles are sets of these. */
public enum Permission {
    /** Any signed-in user: their own page, their own API tokens, logout. */
    SIGNED_IN,
    /** Aggregate public data: results, maps, tables, dashboards, census figures. */
    READ_AGGREGATES,
    /** Personal data (electoral list, contacts, canvass results), within the account's sectors. */
    READ_PERSONAL_DATA,
    /** Imports and other changes to the campaign's data. */
    MANAGE_DATA,
    /** Creating, changing and removing accounts. */
    MANAGE_USERS,
    /** Reading the audit log (who did what to personal data) and the compliance pages: administrator and DPO. */
    READ_AUDIT,
    /** The canvasser's own turfs (field operations). */
    CANVASS_OWN_TURFS,
    /**
     * Rights requests of any person (access, rectification, erasure, objection, restriction) and the suppression
     * list: the whole file of a person, whatever the sector, and erasure.
     */
    HANDLE_RIGHTS;

    /** « accès » followed by what the permission opens: « aux données personnelles », « aux pages d'audit et de conformité ». */
    public String accessTo() {
        String name = frenchName();
        return name.startsWith("les ") ? "aux " + name.substring(4)
                : name.startsWith("le ") ? "au " + name.substring(3)
                : "à " + name;
    }

    /** What the permission opens, in the web pages' words. */
    public String frenchName() {
        return switch (this) {
            case SIGNED_IN -> "l'espace personnel";
            case READ_AGGREGATES -> "les données agrégées (cartes, résultats, tableaux)";
            case READ_PERSONAL_DATA -> "les données personnelles";
            case MANAGE_DATA -> "la modification des données";
            case MANAGE_USERS -> "la gestion des comptes";
            case READ_AUDIT -> "les pages d'audit et de conformité";
            case CANVASS_OWN_TURFS -> "les tournées de porte-à-porte";
            case HANDLE_RIGHTS -> "les demandes d'exercice des droits";
        };
    }
}
