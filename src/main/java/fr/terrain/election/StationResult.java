package fr.terrain.election;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The count of one polling station for one round: inscrits, votants, blancs, nuls, suffrages
 * exprimés, and the votes (voix) of each list. Only sign and presence are checked here; whether
 * the figures add up is a consistency check of the import ({@link ResultChecks}), since real
 * files sometimes do not and the user decides whether that is fatal.
 *
 * @param blank blank ballots (bulletins blancs), or null when the source does not separate them
 * @param invalid void ballots (bulletins nuls), or null when the source does not separate them
 * @param blankAndInvalid blancs + nuls when the source gives only their sum, else null
 * @param proxies votes by proxy (procurations), or null
 */
public record StationResult(StationCode station, int registered, int voters, Integer blank, Integer invalid,
        Integer blankAndInvalid, int expressed, Integer proxies, List<ListVotes> votes) {

    public StationResult {
        Objects.requireNonNull(station, "station");
        requireCount(registered, "inscrits");
        requireCount(voters, "votants");
        requireCount(expressed, "exprimés");
        requireOptionalCount(blank);
        requireOptionalCount(invalid);
        requireOptionalCount(blankAndInvalid);
        requireOptionalCount(proxies);
        votes = List.copyOf(votes);
    }

    /** The votes of one list in one station. */
    public record ListVotes(Candidacy list, int votes) {
        public ListVotes {
            Objects.requireNonNull(list, "list");
            requireCount(votes, "voix");
        }
    }

    /** Blank and void ballots together, whichever way the source gave them. */
    public Optional<Integer> blankOrInvalid() {
        if (blank != null && invalid != null) {
            return Optional.of(blank + invalid);
        }
        return Optional.ofNullable(blankAndInvalid);
    }

    public int abstentions() {
        return Math.max(0, registered - voters);
    }

    private static void requireOptionalCount(Integer n) {
        if (n != null) {
            requireCount(n, "count");
        }
    }

    private static void requireCount(int n, String what) {
        if (n < 0) {
            throw new IllegalArgumentException(what + " cannot be negative: " + n);
        }
    }
}
