package fr.terrain.mail;

import fr.terrain.election.SectorNames;
import fr.terrain.election.StationCode;
import java.util.Optional;

/**
 * The sector of an e-mail contact: an arrondissement of Paris, 1 to 20. Organizers see the contacts
 * of their own sectors only, so a contact filed under sector 99 would be seen by no organizer and
 * selected by no {@code sector:} segment: every entry point (contacts import, sign-up page, store)
 * refuses it. A polling station written like {@code 12-7} must lie in the contact's arrondissement;
 * whether that station exists is not checked here (no station list at hand).
 */
public final class ContactSector {
    public static final int FIRST = 1;
    public static final int LAST = 20;

    private ContactSector() {}

    /** Why {@code sector} is not a sector, in French, or empty when it is one. */
    public static Optional<String> problem(int sector) {
        if (sector < FIRST || sector > LAST) {
            return Optional.of("secteur hors limites : " + sector + " (arrondissement de Paris, de " + FIRST + " à " + LAST
                    + ")");
        }
        return Optional.empty();
    }

    /**
     * Why {@code station} does not fit {@code sector} (either may be null), in French, or empty. Only
     * codes in the {@code arrondissement-bureau} form ({@code 12-7}) are checked; another spelling is
     * kept as given.
     */
    public static Optional<String> stationProblem(Integer sector, String station) {
        if (station == null || station.isBlank()) {
            return Optional.empty();
        }
        StationCode code;
        try {
            code = StationCode.parse(station);
        } catch (IllegalArgumentException notThatForm) {
            return Optional.empty();
        }
        int arrondissement = code.arrondissement();
        if (arrondissement < FIRST || arrondissement > LAST) {
            return Optional.of("bureau " + station.strip() + " hors de Paris : l'arrondissement " + arrondissement
                    + " n'existe pas (1 à " + LAST + ")");
        }
        if (sector != null && sector != arrondissement) {
            return Optional.of("bureau " + station.strip() + " " + SectorNames.NONE.in(java.util.List.of(arrondissement))
                    + ", mais secteur " + sector + " sur la même ligne");
        }
        return Optional.empty();
    }

    /** Refuses a sector out of 1..20 or a station outside it (for callers that have no file location to give). */
    public static void check(Integer sector, String station) {
        if (sector != null) {
            problem(sector).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
        }
        stationProblem(sector, station).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }
}
