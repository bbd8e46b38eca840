package fr.terrain.account;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The roles of a campaign team, each with a fixed set of permissions. */
public enum Role {
    /** Everything, user management included. */
    ADMIN(true, EnumSet.allOf(Permission.class)),
    /** Everything but user management and the audit log (which records the director's actions too); rights requests included. */
    DIRECTOR(true, EnumSet.complementOf(EnumSet.of(Permission.MANAGE_USERS, Permission.READ_AUDIT))),
    /** An arrondissement's organizer: aggregates and personal data of the sectors assigned. */
    ORGANIZER(false, EnumSet.of(Permission.SIGNED_IN, Permission.READ_AGGREGATES, Permission.READ_PERSONAL_DATA,
            Permission.CANVASS_OWN_TURFS)),
    /** A volunteer: only their own turfs. */
    CANVASSER(false, EnumSet.of(Permission.SIGNED_IN, Permission.CANVASS_OWN_TURFS)),
    /** Aggregates of the whole city, never personal data. */
    ANALYST(true, EnumSet.of(Permission.SIGNED_IN, Permission.READ_AGGREGATES)),
    /**
     * The data-protection officer (GDPR art. 37–39), or whoever answers to the CNIL for the campaign: the audit log
     * and compliance pages, rights requests (the whole file of the person who asks, whatever the sector) and the
     * aggregates; no electoral list, no turf, no change to the campaign's data, no account management.
     */
    DPO(true, EnumSet.of(Permission.SIGNED_IN, Permission.READ_AGGREGATES, Permission.READ_AUDIT,
            Permission.HANDLE_RIGHTS));

    private final boolean allSectors;
    private final Set<Permission> permissions;

    Role(boolean allSectors, Set<Permission> permissions) {
        this.allSectors = allSectors;
        this.permissions = Set.copyOf(permissions);
    }

    public boolean has(Permission p) {
        return permissions.contains(p);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** Whether the role sees every sector, rather than only those assigned to the account. */
    public boolean seesAllSectors() {
        return allSectors;
    }

    /** {@code director}, as typed on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role's name for the campaign team, in the web pages. */
    public String frenchName() {
        return switch (this) {
            case ADMIN -> "administrateur";
            case DIRECTOR -> "direction de campagne";
            case ORGANIZER -> "organisateur";
            case CANVASSER -> "militant";
            case ANALYST -> "analyste";
            case DPO -> "délégué à la protection des données";
        };
    }

    /** The same in English, for the pages that have an English version (the map, the simulation). */
    public String englishName() {
        return switch (this) {
            case ADMIN -> "administrator";
            case DIRECTOR -> "campaign director";
            case ORGANIZER -> "organizer";
            case CANVASSER -> "canvasser";
            case ANALYST -> "analyst";
            case DPO -> "data protection officer";
        };
    }

    public static Optional<Role> find(String label) {
        for (Role r : values()) {
            if (r.label().equals(label)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
