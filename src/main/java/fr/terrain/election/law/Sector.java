package fr.terrain.election.law;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A sector (secteur) of Paris, Lyon or Marseille: one or more arrondissements voting together,
 * electing a fixed number of members of the city council and of arrondissement councillors.
 *
 * @param name the sector's designation, e.g. {@code 1er secteur (Paris Centre)} shortened to {@code 1}
 * @param councilSeats members of the Conseil de Paris / conseil municipal elected in the sector
 *     (0 under the 2025 system, where the council is elected city-wide)
 * @param arrondissementSeats conseillers d'arrondissement elected in the sector
 */
public record Sector(String name, SortedSet<Integer> arrondissements, int councilSeats, int arrondissementSeats) {

    public Sector {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("un secteur doit avoir un nom");
        }
        if (arrondissements == null || arrondissements.isEmpty()) {
            throw new IllegalArgumentException("le secteur " + name + " doit compter au moins un arrondissement");
        }
        arrondissements = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(arrondissements));
        if (arrondissements.first() < 1) {
            throw new IllegalArgumentException("numéro d'arrondissement invalide dans le secteur " + name);
        }
        if (councilSeats < 0 || arrondissementSeats < 0 || councilSeats + arrondissementSeats == 0) {
            throw new IllegalArgumentException("le secteur " + name + " doit élire au moins un conseiller");
        }
    }

    public static Sector of(String name, int councilSeats, int arrondissementSeats, Integer... arrondissements) {
        return new Sector(name, new TreeSet<>(Set.of(arrondissements)), councilSeats, arrondissementSeats);
    }
}
