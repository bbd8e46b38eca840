package fr.terrain.field;

import fr.terrain.election.StationCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Groups matched voters into doors: one door per address and complement, the household its voters. */
public final class Households {
    private Households() {}

    /** The doors of the matched voters, ordered by id; unmatched voters have no door. */
    public static List<Door> doors(List<Match> matches) {
        return doors(matches, Set.of());
    }

    /**
     * The same, where the voters {@code placedByContour} ({@link ContourPlacement}) give a door its station only when
     * none of its other voters has one from the list: the list's bureau wins.
     */
    public static List<Door> doors(List<Match> matches, Set<Long> placedByContour) {
        return build(matches, placedByContour).doors();
    }

    /**
     * @param doors the doors, by id
     * @param byContour the ids of the doors whose station their voters placed by contour give (none of theirs is listed)
     */
    public record Built(List<Door> doors, Set<String> byContour) {}

    /** The doors as {@link #doors} gives them, with those whose station comes from voters placed by contour. */
    public static Built build(List<Match> matches, Set<Long> placedByContour) {
        Map<String, List<Match>> byDoor = new LinkedHashMap<>();
        for (Match m : matches) {
            if (m.matched()) {
                byDoor.computeIfAbsent(Door.id(m.address(), m.voter().complement()), k -> new ArrayList<>()).add(m);
            }
        }
        List<Door> doors = new ArrayList<>(byDoor.size());
        Set<String> byContour = new HashSet<>();
        byDoor.forEach((id, household) -> {
            Map<StationCode, Integer> stations = new HashMap<>();
            Map<StationCode, Integer> placed = new HashMap<>();
            for (Match m : household) {
                if (m.voter().station() != null) {
                    (placedByContour.contains(m.voter().voterId()) ? placed : stations)
                            .merge(m.voter().station(), 1, Integer::sum);
                }
            }
            if (stations.isEmpty() && !placed.isEmpty()) {
                stations = placed;
                byContour.add(id);
            }
            StationCode station = stations.entrySet().stream()
                    .max(Map.Entry.<StationCode, Integer>comparingByValue()
                            .thenComparing(e -> e.getKey(), Comparator.reverseOrder()))
                    .map(Map.Entry::getKey).orElse(null);
            String complement = household.get(0).voter().complement();
            doors.add(new Door(id, household.get(0).address(), complement == null || complement.isBlank() ? null
                    : complement.strip(), station, household.size()));
        });
        doors.sort(Comparator.comparing(Door::id));
        return new Built(doors, byContour);
    }

    /** Door id → the ids of the voters registered there, in the list's order: the households of {@link #doors}. */
    public static Map<String, List<Long>> voterIds(List<Match> matches) {
        Map<String, List<Long>> out = new HashMap<>();
        for (Match m : matches) {
            if (m.matched()) {
                out.computeIfAbsent(Door.id(m.address(), m.voter().complement()), k -> new ArrayList<>())
                        .add(m.voter().voterId());
            }
        }
        return out;
    }
}
