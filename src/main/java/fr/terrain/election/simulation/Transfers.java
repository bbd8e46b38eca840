package fr.terrain.election.simulation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How round-1 voters vote in round 2, by camp: {@code rows.get("eelv").get("gauche") = 0.8} sends
 * 80 % of the round-1 voters of every EELV list to the qualified lists of camp "gauche" (split
 * among them by their round-1 votes); what a row does not give away abstains (or votes blank).
 * A share for a camp with no qualified list in the sector abstains too.
 *
 * <p>Camps without a row follow the default rule: a qualified list keeps all its voters; an
 * eliminated list gives {@value #DEFAULT_SAME_CAMP} of its voters to the qualified lists of its own
 * camp when there are any, else {@value #DEFAULT_SPREAD} to all qualified lists in proportion to
 * their round-1 votes; the rest abstains (docs/simulation.md). Lists of the catch-all camp ({@code *})
 * count as having no camp: eliminated, they always spread.
 */
public record Transfers(Map<String, Map<String, Double>> rows) {
    public static final String ABSTENTION = "abstention";
    public static final double DEFAULT_SAME_CAMP = 0.8;
    public static final double DEFAULT_SPREAD = 0.4;

    public Transfers {
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        rows.forEach((from, row) -> {
            if (from == null || from.isBlank() || from.equals(ABSTENTION)) {
                throw new IllegalArgumentException("report : camp de départ invalide « " + from + " »");
            }
            double sum = 0;
            for (Map.Entry<String, Double> e : row.entrySet()) {
                Double v = e.getValue();
                if (v == null || !(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("report « " + from + " » → « " + e.getKey()
                            + " » : part entre 0 et 1 attendue, trouvé " + v);
                }
                sum += v;
            }
            if (sum > 1 + 1e-9) {
                throw new IllegalArgumentException("report « " + from + " » : les parts font " + Math.round(sum * 1000) / 10.0
                        + " %, plus de 100 %");
            }
            copy.put(from.strip(), Collections.unmodifiableMap(new LinkedHashMap<>(row)));
        });
        rows = Collections.unmodifiableMap(copy);
    }

    public static final Transfers DEFAULT = new Transfers(Map.of());

    /**
     * Round-2 votes of the qualified lists of one sector.
     *
     * @param votes round-1 votes of every list
     * @param camps the camp index of every list
     * @param campNames camp index → name
     * @param qualified whether each list stands in round 2
     * @param catchAll the index of the catch-all camp, or -1
     * @return round-2 votes of every list (0 for the others)
     */
    long[] roundTwo(long[] votes, int[] camps, String[] campNames, boolean[] qualified, int catchAll) {
        int n = votes.length;
        double[] campQualifiedVotes = new double[campNames.length];
        double qualifiedVotes = 0;
        for (int i = 0; i < n; i++) {
            if (qualified[i]) {
                campQualifiedVotes[camps[i]] += votes[i];
                qualifiedVotes += votes[i];
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            if (votes[i] == 0) {
                continue;
            }
            Map<String, Double> row = rows.get(campNames[camps[i]]);
            if (row != null) {
                for (Map.Entry<String, Double> e : row.entrySet()) {
                    int to = indexOf(campNames, e.getKey());
                    if (to >= 0 && campQualifiedVotes[to] > 0) {
                        giveToCamp(out, votes, camps, qualified, to, campQualifiedVotes[to], votes[i] * e.getValue());
                    }
                }
            } else if (qualified[i]) {
                out[i] += votes[i];
            } else if (camps[i] != catchAll && campQualifiedVotes[camps[i]] > 0) {
                giveToCamp(out, votes, camps, qualified, camps[i], campQualifiedVotes[camps[i]],
                        votes[i] * DEFAULT_SAME_CAMP);
            } else {
                for (int j = 0; j < n; j++) {
                    if (qualified[j]) {
                        out[j] += votes[i] * DEFAULT_SPREAD * votes[j] / qualifiedVotes;
                    }
                }
            }
        }
        long[] rounded = new long[n];
        for (int i = 0; i < n; i++) {
            rounded[i] = Math.round(out[i]);
        }
        return rounded;
    }

    private static void giveToCamp(double[] out, long[] votes, int[] camps, boolean[] qualified, int camp,
            double campVotes, double amount) {
        for (int j = 0; j < out.length; j++) {
            if (qualified[j] && camps[j] == camp) {
                out[j] += amount * votes[j] / campVotes;
            }
        }
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
