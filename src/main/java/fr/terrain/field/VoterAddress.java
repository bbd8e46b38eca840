package fr.terrain.field;

import fr.terrain.election.StationCode;

/**
 * The address of one voter as the electoral list writes it: only what matching a door needs (no
 * name, no birth date), so the matcher handles no more personal data than its job requires.
 *
 * @param voterId the voter's row id in the store
 * @param importId the import that brought the voter (match rates are reported per import)
 * @param station the polling station on the list, or null
 * @param complement the apartment, staircase or building line (complément de localisation), or null
 * @param communeCode the commune (or arrondissement) code of the list, for streets of the same name elsewhere
 */
public record VoterAddress(long voterId, long importId, StationCode station, String number, String streetType,
        String streetName, String complement, String postcode, String communeCode) {}
