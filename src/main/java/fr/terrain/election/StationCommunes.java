package fr.terrain.election;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The communes some stations are in, to keep the stations of a vintage that belong to them: a vintage may hold, beside
 * the city's stations, those INSEE's REU drew for other communes (ADR 0028), which a round of the city must not show.
 * A commune numbered per commune is its area ({@code 29039}); the arrondissements 1–99 of the city divided into them
 * ({@link SectorCodes#isArrondissement}; Paris, Lyon or Marseille: one such city a store, ADR 0029) are one commune,
 * so that a round whose results cover a single arrondissement (the 2014 file of the 20th) still shows the city's other
 * stations.
 *
 * @param arrondissements whether the city divided into arrondissements is among them
 * @param communes the areas of the other communes among them
 */
public record StationCommunes(boolean arrondissements, Set<Integer> communes) {
    public StationCommunes {
        communes = Set.copyOf(communes);
    }

    /** The communes of these stations (a round's result stations, the stations chosen for a cut). */
    public static StationCommunes of(Collection<StationCode> stations) {
        boolean arrondissements = false;
        Set<Integer> communes = new TreeSet<>();
        for (StationCode code : stations) {
            if (SectorCodes.isArrondissement(code.area())) {
                arrondissements = true;
            } else {
                communes.add(code.area());
            }
        }
        return new StationCommunes(arrondissements, communes);
    }

    /** Whether the station is in one of these communes. */
    public boolean holds(StationCode code) {
        return SectorCodes.isArrondissement(code.area()) ? arrondissements : communes.contains(code.area());
    }
}
