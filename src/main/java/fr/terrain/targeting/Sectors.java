package fr.terrain.targeting;

import fr.terrain.election.Election;
import fr.terrain.election.StationCode;

/** The electoral sector of a station, the unit in which seats are won. */
public final class Sectors {
    private Sectors() {}

    /**
     * Paris since 2020: arrondissements 1 to 4 vote together as sector 1 (Paris Centre), the others
     * each form their own sector; before 2020, and elsewhere, the arrondissement (or area) number.
     */
    public static String of(Election election, StationCode station) {
        if (election.territory().equals("paris") && election.year() >= 2020 && station.arrondissement() <= 4) {
            return "1";
        }
        return Integer.toString(station.arrondissement());
    }
}
