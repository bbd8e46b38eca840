package fr.terrain.election.simulation;

/**
 * Round 1 without a majority, in arrays for the simulation's inner loop: the lists that may stand
 * in round 2 by Code électoral L.264, exactly as {@code ListVoting.qualifiedForRoundTwo} decides
 * (at least 10 % of the exprimés, compared in integers, even if only one list; if none, the two
 * best lists, ties by name). A test checks the two agree on random counts.
 */
final class RoundOne {
    private RoundOne() {}

    static boolean[] qualified(long[] votes, long expressed, String[] names) {
        int n = votes.length;
        boolean[] out = new boolean[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (votes[i] * 100 >= 10 * expressed) {
                out[i] = true;
                count++;
            }
        }
        boolean noneReachesTenPercent = count == 0;
        while (noneReachesTenPercent && count < 2) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (!out[i] && votes[i] > 0 && (best < 0 || votes[i] > votes[best]
                        || votes[i] == votes[best] && names[i].compareTo(names[best]) < 0)) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            out[best] = true;
            count++;
        }
        return out;
    }
}
