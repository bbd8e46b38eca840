package fr.terrain.mail;

import fr.terrain.election.SectorCodes;
import fr.terrain.election.SectorNames;
import fr.terrain.election.StationCode;
import java.util.List;
import java.util.Optional;

/**
 * The sector of an e-mail contact: a sector as an organizer's is ({@link SectorCodes}, ADR 0032 and 0033), an
 * arrondissement 1 to 99 or a commune (29039; Corsica's 2A004 as 20004). Organizers see the contacts of their own
 * sectors only, so a contact filed under what is no sector (0, 100) would be seen by no organizer and selected by no
 * {@code sector:} segment: every entry point (contacts import, sign-up page, store) refuses it. A polling station
 * written like {@code 12-7} or {@code 29039-3} must lie in the contact's sector, its area ({@link StationCode#area()});
 * whether that station exists is not checked here (no station list at hand).
 */
public final class ContactSector {
    private ContactSector() {}

    /**
     * Why {@code station} does not fit {@code sector} (either may be null), in French, or empty. Only codes in the
     * {@code area-bureau} form ({@code 12-7}, {@code 29039-3}) are checked; another spelling is kept as given.
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
        int area = code.area();
        if (SectorCodes.problem(area).isPresent()) {
            return Optional.of("bureau " + station.strip() + " : " + area + " n'est ni un arrondissement (1 à "
                    + SectorCodes.LAST_ARRONDISSEMENT + ") ni une commune");
        }
        if (sector != null && sector != area) {
            return Optional.of("bureau " + station.strip() + " " + SectorNames.NONE.in(List.of(area))
                    + ", mais secteur " + sector + " sur la même ligne");
        }
        return Optional.empty();
    }

    /** Refuses what is no sector or a station outside it (for callers that have no file location to give). */
    public static void check(Integer sector, String station) {
        if (sector != null) {
            SectorCodes.check(sector);
        }
        stationProblem(sector, station).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }
}
