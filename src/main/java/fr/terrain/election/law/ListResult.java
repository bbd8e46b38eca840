package fr.terrain.election.law;

import java.time.LocalDate;

/**
 * The votes (voix) of one list in one constituency and round, with the two facts the law uses to
 * break ties.
 *
 * @param averageAge average age of the list's candidates, for a tie for the majority bonus
 *     (Code électoral art. L.262 al. 2), or null when unknown
 * @param oldestCandidateBirthDate for a tie for the last seat (art. L.262 al. 5: "le plus âgé des
 *     candidats susceptibles d'être proclamés élus"), the birth date of the list's candidate the seat
 *     would elect — its next candidate in order (al. 4) — or null when unknown; the name keeps the
 *     input column's, see docs/electoral-law.md for the other reading
 */
public record ListResult(String list, long votes, Double averageAge, LocalDate oldestCandidateBirthDate) {

    public ListResult {
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException("une liste doit avoir un nom");
        }
        list = list.strip();
        if (votes < 0) {
            throw new IllegalArgumentException("nombre de voix négatif pour " + list + " : " + votes);
        }
        if (averageAge != null && !(averageAge > 0 && averageAge < 130)) {
            throw new IllegalArgumentException("moyenne d'âge invraisemblable pour " + list + " : " + averageAge);
        }
    }

    public static ListResult of(String list, long votes) {
        return new ListResult(list, votes, null, null);
    }

    /** The same list with other votes (a vote shift in a simulation). */
    public ListResult withVotes(long newVotes) {
        return new ListResult(list, newVotes, averageAge, oldestCandidateBirthDate);
    }
}
