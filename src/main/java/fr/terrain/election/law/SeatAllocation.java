package fr.terrain.election.law;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one round in one constituency: either seats for every list, or — in round 1
 * without an absolute majority — no seats and the lists that may stand in round 2.
 *
 * @param system the voting system's id ({@code commune}, {@code paris-1982}, …)
 * @param bonusTo the list given the majority bonus (prime majoritaire), or null
 * @param eligible lists with at least 5 % of the exprimés (admises à la répartition des sièges)
 * @param qualifiedForRoundTwo lists that may stand in round 2 (art. L.264): empty unless the
 *     constituency goes to round 2
 * @param votes every list's votes, by decreasing votes
 * @param seats every list's seats (0 allowed), in the same order
 */
public record SeatAllocation(String system, int seatsTotal, int round, long expressed, String bonusTo,
        int bonusSeats, List<String> eligible, List<String> qualifiedForRoundTwo, Map<String, Long> votes,
        Map<String, Integer> seats) {

    public SeatAllocation {
        Objects.requireNonNull(system, "system");
        if (seatsTotal < 1) {
            throw new IllegalArgumentException("au moins un siège à pourvoir");
        }
        eligible = List.copyOf(eligible);
        qualifiedForRoundTwo = List.copyOf(qualifiedForRoundTwo);
        votes = Collections.unmodifiableMap(new LinkedHashMap<>(votes));
        seats = Collections.unmodifiableMap(new LinkedHashMap<>(seats));
        if (!votes.keySet().equals(seats.keySet())) {
            throw new IllegalArgumentException("chaque liste doit avoir ses voix et ses sièges");
        }
        int sum = seats.values().stream().mapToInt(Integer::intValue).sum();
        boolean roundTwo = !qualifiedForRoundTwo.isEmpty();
        if (roundTwo && (sum != 0 || bonusTo != null || round != 1)) {
            throw new IllegalArgumentException("un secteur renvoyé au second tour n'a ni sièges ni prime");
        }
        if (!roundTwo && sum != seatsTotal) {
            throw new IllegalArgumentException("les sièges (" + sum + ") doivent faire le total (" + seatsTotal + ")");
        }
        if (bonusTo != null && (!seats.containsKey(bonusTo) || seats.get(bonusTo) < bonusSeats)) {
            throw new IllegalArgumentException("la liste qui reçoit la prime doit avoir au moins la prime");
        }
        if (bonusSeats < 0 || bonusSeats > seatsTotal || (bonusTo == null && bonusSeats != 0)) {
            throw new IllegalArgumentException("prime invalide : " + bonusSeats);
        }
    }

    /** True when round 1 gave no list an absolute majority: no seats yet. */
    public boolean goesToRoundTwo() {
        return !qualifiedForRoundTwo.isEmpty();
    }

    public int seatsOf(String list) {
        return seats.getOrDefault(list, 0);
    }
}
