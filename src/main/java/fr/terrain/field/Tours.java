package fr.terrain.field;

/**
 * The walking order of one turf: nearest neighbour from the start, then 2-opt (reverse a stretch)
 * and Or-opt (move a run of one to three stops elsewhere, either way round) until neither shortens
 * the closed tour start → stops → start.
 */
final class Tours {
    private Tours() {}

    private static final double EPSILON = 1e-6;

    /** A good order of these stops. */
    static int[] order(WalkProblem p, int[] stops) {
        int[] route = nearestNeighbour(p, stops);
        improve(p, route);
        return route;
    }

    static int[] nearestNeighbour(WalkProblem p, int[] stops) {
        int n = stops.length;
        int[] route = new int[n];
        boolean[] used = new boolean[n];
        int current = -1;
        for (int k = 0; k < n; k++) {
            int best = -1;
            double bestD = Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                if (!used[i]) {
                    double d = current < 0 ? p.fromStart(stops[i]) : p.distance(current, stops[i]);
                    if (d < bestD || (d == bestD && stops[i] < stops[best])) {
                        bestD = d;
                        best = i;
                    }
                }
            }
            used[best] = true;
            current = stops[best];
            route[k] = current;
        }
        return route;
    }

    /** 2-opt and Or-opt in turn until a pass changes nothing. */
    static void improve(WalkProblem p, int[] route) {
        for (int pass = 0; pass < 100; pass++) {
            boolean changed = twoOpt(p, route);
            changed |= orOpt(p, route);
            if (!changed) {
                return;
            }
        }
    }

    /** Distance between positions, where -1 and n are the start. */
    private static double d(WalkProblem p, int[] r, int a, int b) {
        int n = r.length;
        boolean sa = a < 0 || a >= n;
        boolean sb = b < 0 || b >= n;
        if (sa && sb) {
            return 0;
        }
        if (sa) {
            return p.fromStart(r[b]);
        }
        if (sb) {
            return p.fromStart(r[a]);
        }
        return p.distance(r[a], r[b]);
    }

    /** At most this many full 2-opt sweeps (for long walks, where a complete descent costs too much). */
    static void twoOptPasses(WalkProblem p, int[] r, int passes) {
        int n = r.length;
        for (int pass = 0; pass < passes; pass++) {
            boolean changed = false;
            for (int i = 0; i < n - 1; i++) {
                for (int j = i + 1; j < n; j++) {
                    double delta = d(p, r, i - 1, j) + d(p, r, i, j + 1) - d(p, r, i - 1, i) - d(p, r, j, j + 1);
                    if (delta < -EPSILON) {
                        reverse(r, i, j);
                        changed = true;
                    }
                }
            }
            if (!changed) {
                return;
            }
        }
    }

    private static boolean twoOpt(WalkProblem p, int[] r) {
        int n = r.length;
        boolean changed = false;
        boolean again = true;
        while (again) {
            again = false;
            for (int i = 0; i < n - 1; i++) {
                for (int j = i + 1; j < n; j++) {
                    // reverse r[i..j]: edges (i-1,i) and (j,j+1) become (i-1,j) and (i,j+1)
                    double delta = d(p, r, i - 1, j) + d(p, r, i, j + 1) - d(p, r, i - 1, i) - d(p, r, j, j + 1);
                    if (delta < -EPSILON) {
                        reverse(r, i, j);
                        changed = true;
                        again = true;
                    }
                }
            }
        }
        return changed;
    }

    private static boolean orOpt(WalkProblem p, int[] r) {
        int n = r.length;
        boolean changed = false;
        for (int len = 1; len <= 3 && len < n; len++) {
            boolean again = true;
            while (again) {
                again = false;
                for (int i = 0; i + len <= n; i++) {
                    int j = i + len - 1;
                    double removed = d(p, r, i - 1, i) + d(p, r, j, j + 1) - d(p, r, i - 1, j + 1);
                    // insert between k and k+1 (positions outside i-1..j)
                    for (int k = -1; k < n; k++) {
                        if (k >= i - 1 && k <= j) {
                            continue;
                        }
                        double forward = d(p, r, k, i) + d(p, r, j, k + 1) - d(p, r, k, k + 1);
                        double backward = d(p, r, k, j) + d(p, r, i, k + 1) - d(p, r, k, k + 1);
                        double added = Math.min(forward, backward);
                        if (added - removed < -EPSILON) {
                            move(r, i, j, k, backward < forward);
                            changed = true;
                            again = true;
                            break;
                        }
                    }
                }
            }
        }
        return changed;
    }

    /** Moves r[i..j] to after position k (k outside i-1..j), reversed if asked. */
    private static void move(int[] r, int i, int j, int k, boolean reversed) {
        int len = j - i + 1;
        int[] segment = new int[len];
        for (int t = 0; t < len; t++) {
            segment[t] = reversed ? r[j - t] : r[i + t];
        }
        if (k > j) {
            System.arraycopy(r, j + 1, r, i, k - j);
            System.arraycopy(segment, 0, r, k - len + 1, len);
        } else {
            System.arraycopy(r, k + 1, r, k + 1 + len, i - k - 1);
            System.arraycopy(segment, 0, r, k + 1, len);
        }
    }

    static void reverse(int[] r, int i, int j) {
        while (i < j) {
            int t = r[i];
            r[i++] = r[j];
            r[j--] = t;
        }
    }
}
