package fr.terrain.targeting;

import fr.terrain.election.Election;
import fr.terrain.election.StationCode;
import fr.terrain.election.law.Sector;
import fr.terrain.election.law.SectorTable;

/** The electoral sector of a station, the unit in which seats are won. */
public final class Sectors {
    private Sectors() {}

    /**
     * In Paris, Lyon and Marseille, the sector of the law's seat table for the election's year (in
     * Paris from 2020 the 1st–4th arrondissements vote together as sector 1, Paris Centre; in
     * Marseille each sector is two arrondissements); elsewhere the arrondissement (or area) number.
     */
    public static String of(Election election, StationCode station) {
        if (SectorTable.CITIES.contains(election.territory())) {
            return SectorTable.of(election.territory(), election.year()).sectorOf(station.arrondissement())
                    .map(Sector::name).orElse(Integer.toString(station.arrondissement()));
        }
        return Integer.toString(station.arrondissement());
    }
}
