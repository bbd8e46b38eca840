package fr.terrain.store;

import fr.terrain.field.AddressCorrection;
import fr.terrain.field.AddressMatcher;
import fr.terrain.field.Door;
import fr.terrain.field.Match;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What an erasure takes off the turfs already cut: each erased voter leaves the count of their door, and a door where
 * nobody is left leaves its turf. A saved turf's walk list went on saying « 1 électeur » at the address of a person
 * erased (found by a crawl). The doors are found as a cut finds them: the voter's address, corrected, matched to the
 * BAN ({@link Door#id}).
 */
final class ErasedDoors {
    private ErasedDoors() {}

    static final String WHAT = "portes des tournées déjà découpées : la personne retirée du nombre d'électeurs de sa"
            + " porte, la porte retirée de sa tournée s'il n'y reste personne";

    /** Called before the voter rows are deleted; the rows of {@code turf_door} changed or deleted. */
    static Erasure.Line takeOff(Handle h, Collection<Long> voterIds) {
        if (voterIds.isEmpty() || h.createQuery("SELECT COUNT(*) FROM turf_door").mapTo(Long.class).one() == 0) {
            return new Erasure.Line("turf_door", 0, WHAT);
        }
        AddressMatcher matcher = AddressMatcher.of(Geography.addresses(h));
        Map<String, Integer> erasedAt = new HashMap<>();
        for (Match m : matcher.matchAll(AddressCorrection.applyAll(FieldData.voterAddresses(h, voterIds),
                AddressCorrections.all(h)))) {
            if (m.matched()) {
                erasedAt.merge(Door.id(m.address(), m.voter().complement()), 1, Integer::sum);
            }
        }
        long rows = 0;
        for (Map.Entry<String, Integer> e : erasedAt.entrySet()) {
            List<Map<String, Object>> doors = h.createQuery("SELECT turf_id, position, voters FROM turf_door"
                    + " WHERE door_id = :d ORDER BY turf_id, position FOR UPDATE").bind("d", e.getKey()).mapToMap().list();
            for (Map<String, Object> d : doors) {
                long turf = ((Number) d.get("turf_id")).longValue();
                int position = ((Number) d.get("position")).intValue();
                int before = ((Number) d.get("voters")).intValue();
                int left = Math.max(0, before - e.getValue());
                if (left == 0) {
                    h.createUpdate("DELETE FROM turf_door WHERE turf_id = :t AND position = :p").bind("t", turf)
                            .bind("p", position).execute();
                } else {
                    h.createUpdate("UPDATE turf_door SET voters = :v WHERE turf_id = :t AND position = :p")
                            .bind("v", left).bind("t", turf).bind("p", position).execute();
                }
                h.createUpdate("UPDATE turf SET voters = voters - :n, door_count = door_count - :gone WHERE id = :t")
                        .bind("n", before - left).bind("gone", left == 0 ? 1 : 0).bind("t", turf).execute();
                rows++;
            }
        }
        return new Erasure.Line("turf_door", rows, WHAT);
    }
}
