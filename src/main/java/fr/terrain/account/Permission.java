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
    /** Reading the audit log (who did what to personal data): the administrator only. */
    READ_AUDIT,
    /** The canvasser's own turfs (field operations). */
    CANVASS_OWN_TURFS,
    /**
     * Rights requests of any person (access, rectification, erasure, objection) and the suppression
     * list: the whole file of a person, whatever the sector, and erasure.
     */
    HANDLE_RIGHTS
}
