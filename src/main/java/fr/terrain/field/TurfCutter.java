package fr.terrain.field;

import fr.terrain.election.StationCode;
import fr.terrain.geo.Lambert93;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Cuts doors into turfs. A sweep around the start orders the stops by angle; for several starting
 * angles a dynamic programme cuts that circular order into the right number of consecutive,
 * balanced pieces (each within ± tolerance of the mean), each piece is ordered ({@link Tours}), and
 * the shortest total is kept. Then stops move (relocate) or trade places (swap) between
 * neighbouring turfs while that shortens the total walk and keeps every size within bounds, a
 * bounded ruin-and-recreate search ({@link RuinAndRecreate}) shortens it further without adding
 * overlap, and {@link Untangle} removes what overlap it can. Method and measured quality: docs/field.md.
 */
public final class TurfCutter {
    private TurfCutter() {}

    private static final int ROTATIONS = 12;
    private static final int NEIGHBOURS = 10;
    private static final double EPSILON = 1e-6;
    private static final int SEARCH_ITERATIONS = 2500;
    private static final int SEARCH_PER_STOP = 30;
    private static final long SEARCH_WORK = 5_000_000L;

    /** The start when none is known: the doors' centroid. */
    public static Start centroid(List<Door> doors) {
        double lon = 0;
        double lat = 0;
        for (Door d : doors) {
            lon += d.address().lon();
            lat += d.address().lat();
        }
        return new Start("centre des portes", lon / doors.size(), lat / doors.size());
    }

    /** The routing problem these doors make with these parameters (what {@link #cut} solves). */
    public static WalkProblem problem(List<Door> doors, Start start, TurfParameters p) {
        int k = p.turfCount(doors.size());
        double mean = k == 0 ? 1 : (double) doors.size() / k;
        int[] bounds = bounds(doors.size(), p);
        // stops no larger than the room between the mean and the bounds keep a balanced cut possible
        double room = Math.min(mean * p.tolerance(), Math.min(bounds[1] - mean, mean - bounds[0]));
        return WalkProblem.of(doors, start, p, Math.max(1, (int) Math.floor(room)));
    }

    /** Cuts the doors into turfs walked from and back to the start. */
    public static List<Turf> cut(List<Door> doors, Start start, TurfParameters p) {
        if (doors.isEmpty()) {
            return List.of();
        }
        List<Turf> turfs = cut(problem(doors, start, p), p);
        int[] bounds = bounds(doors.size(), p);
        if (turfs.stream().anyMatch(t -> t.doors() < bounds[0] || t.doors() > bounds[1])) {
            // buildings too big for a balanced cut (sizes at the cap, say): every door its own stop
            turfs = cut(WalkProblem.of(doors, start, p, 1), p);
        }
        return turfs;
    }

    /** The turfs of a problem. */
    public static List<Turf> cut(WalkProblem problem, TurfParameters p) {
        int[][] routes = routes(problem, p);
        List<Turf> turfs = new ArrayList<>();
        for (int[] route : routes) {
            List<Door> walk = new ArrayList<>();
            TreeSet<StationCode> stations = new TreeSet<>();
            int voters = 0;
            for (int s : route) {
                for (Door d : problem.stop(s)) {
                    walk.add(d);
                    voters += d.voters();
                    if (d.station() != null) {
                        stations.add(d.station());
                    }
                }
            }
            double metres = problem.tourLength(route);
            turfs.add(new Turf(turfs.size() + 1, new ArrayList<>(stations), walk, voters, metres,
                    p.minutes(metres, walk.size()), problem.start()));
        }
        return turfs;
    }

    /**
     * Sizes a cut keeps to: the station's mean turf ± tolerance, under the cap if there is one. Whole doors within the
     * tolerance (a mean of 82.9 allows 99, not 100: +20.6 %), but never so narrow that no size is whole (a mean under
     * 5 doors at ±20 %): then the whole sizes on either side of the mean.
     */
    public static int[] bounds(int doors, TurfParameters p) {
        int k = Math.max(1, p.turfCount(doors));
        double mean = (double) doors / k;
        // a hair of slack so that a bound the mean hits exactly (80 × 1.2 = 96.00000000000001) stays whole
        int lo = Math.min((int) Math.ceil(mean * (1 - p.tolerance()) - 1e-9), (int) Math.floor(mean));
        int hi = Math.max((int) Math.floor(mean * (1 + p.tolerance()) + 1e-9), (int) Math.ceil(mean));
        if (p.maxDoors() > 0) {
            hi = Math.min(hi, p.maxDoors());
        }
        return new int[] {Math.max(1, lo), Math.max(hi, 1)};
    }

    /** The turfs' stops in walking order, turfs numbered clockwise from north around the start. */
    public static int[][] routes(WalkProblem problem, TurfParameters p) {
        int n = problem.size();
        int total = problem.totalDoors();
        int k = p.turfCount(total);
        if (n == 0 || k == 0) {
            return new int[0][];
        }
        int[] bounds = bounds(total, p);
        Integer[] byAngle = new Integer[n];
        double[] angle = new double[n];
        for (int i = 0; i < n; i++) {
            byAngle[i] = i;
            angle[i] = Math.atan2(problem.x(i) - problem.startX(), problem.y(i) - problem.startY());
        }
        Arrays.sort(byAngle, Comparator.<Integer>comparingDouble(i -> angle[i]).thenComparingInt(i -> i));
        int[] order = Arrays.stream(byAngle).mapToInt(Integer::intValue).toArray();

        // two circular orders to cut: the sweep (petals around the start, best for few turfs) and one
        // walk through every stop (route first, cut second: better when the turfs are many)
        List<int[]> orders = new ArrayList<>();
        orders.add(order);
        if (k > 4) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            int[] giant = Tours.nearestNeighbour(problem, all);
            Tours.twoOptPasses(problem, giant, 3);
            orders.add(giant);
        }
        // rotations of one order cut many of the same pieces: each set of stops is ordered once
        Map<Piece, int[]> walks = new HashMap<>();
        int[][] best = null;
        double bestCost = Double.MAX_VALUE;
        int rotations = Math.min(ROTATIONS, n);
        double[] widen = {1, 1.5, 2.5};
        for (double w : widen) {
            int lo = Math.max(1, (int) Math.floor(bounds[0] / w));
            int hi = p.maxDoors() > 0 ? bounds[1] : (int) Math.ceil(bounds[1] * w);
            for (int r = 0; r < rotations * orders.size(); r++) {
                int[] circular = orders.get(r % orders.size());
                int offset = (int) ((long) n * (r / orders.size()) / rotations);
                int[][] pieces = balancedCut(problem, circular, offset, k, lo, hi, (double) total / k);
                if (pieces == null) {
                    continue;
                }
                double cost = 0;
                for (int t = 0; t < pieces.length; t++) {
                    pieces[t] = ordered(problem, pieces[t], walks);
                    cost += problem.tourLength(pieces[t]);
                }
                if (cost < bestCost) {
                    bestCost = cost;
                    best = pieces;
                }
            }
            if (best != null) {
                bounds = new int[] {Math.min(lo, bounds[0]), Math.max(hi, bounds[1])};
                break;
            }
        }
        if (best == null) { // stops too uneven for k pieces: one turf per stop group, as the sweep gives
            best = greedyCut(problem, order, k);
            for (int t = 0; t < best.length; t++) {
                best[t] = Tours.order(problem, best[t]);
            }
        } else {
            new Exchange(problem, best, bounds[0], bounds[1]).run();
            RuinAndRecreate.run(problem, best, bounds[0], bounds[1], searchIterations(n));
            Untangle.run(problem, best, bounds[0], bounds[1]);
        }
        return canonical(problem, best);
    }

    /** A set of stops (sorted), as a key. */
    private record Piece(int[] stops) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Piece other && Arrays.equals(stops, other.stops);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(stops);
        }
    }

    /**
     * The walking order of these stops ({@link Tours#order}, which depends on the set only, not on the order
     * given), taken from the walks already ordered when the same set was.
     */
    private static int[] ordered(WalkProblem problem, int[] stops, Map<Piece, int[]> walks) {
        int[] sorted = stops.clone();
        Arrays.sort(sorted);
        return walks.computeIfAbsent(new Piece(sorted), key -> Tours.order(problem, stops)).clone();
    }

    /**
     * Iterations of each ruin-and-recreate search for n stops: 30 per stop (each iteration takes about ten
     * stops out, so every stop is moved some 300 times whatever the size), at least 2,500, and at most
     * 5 million / n, since an iteration costs more on a bigger cut: the most, about 12,200, falls near
     * 408 stops, and above 2,000 stops a large cut keeps its speed. The effort is per cut: all of Paris
     * (900 cuts) grows with it and must stay well under a minute, and on the bench's station longer
     * searches gained little (measures in docs/field.md).
     */
    static int searchIterations(int n) {
        long wanted = Math.max(SEARCH_ITERATIONS, (long) SEARCH_PER_STOP * n);
        return (int) Math.min(wanted, SEARCH_WORK / Math.max(1, n));
    }

    /**
     * Cuts the circular order, starting at offset, into k consecutive pieces of door counts within
     * [lo, hi], as close to the mean as possible (least squares); null when impossible.
     */
    private static int[][] balancedCut(WalkProblem problem, int[] order, int offset, int k, int lo, int hi, double mean) {
        int n = order.length;
        long[] prefix = new long[n + 1];
        for (int t = 0; t < n; t++) {
            prefix[t + 1] = prefix[t] + problem.doors(order[(offset + t) % n]);
        }
        double[][] f = new double[k + 1][n + 1];
        int[][] from = new int[k + 1][n + 1];
        for (double[] row : f) {
            Arrays.fill(row, Double.MAX_VALUE);
        }
        f[0][0] = 0;
        long total = prefix[n];
        for (int j = 1; j <= k; j++) {
            // a piece can end at t only if j pieces can hold prefix[t] doors and k - j pieces the rest: a state
            // outside is on no complete cut, so skipping it changes nothing but the time (most of it, for many turfs)
            long least = Math.max((long) j * lo, total - (long) (k - j) * hi);
            long most = Math.min((long) j * hi, total - (long) (k - j) * lo);
            for (int t = 1; t <= n; t++) {
                if (prefix[t] < least || prefix[t] > most) {
                    continue;
                }
                // pieces end at t; s walks back while the piece stays under hi
                for (int s = t - 1; s >= 0; s--) {
                    long size = prefix[t] - prefix[s];
                    if (size > hi) {
                        break;
                    }
                    if (size < lo || f[j - 1][s] == Double.MAX_VALUE) {
                        continue;
                    }
                    double c = f[j - 1][s] + (size - mean) * (size - mean);
                    if (c < f[j][t]) {
                        f[j][t] = c;
                        from[j][t] = s;
                    }
                }
            }
        }
        if (f[k][n] == Double.MAX_VALUE) {
            return null;
        }
        int[][] pieces = new int[k][];
        int t = n;
        for (int j = k; j >= 1; j--) {
            int s = from[j][t];
            pieces[j - 1] = new int[t - s];
            for (int q = s; q < t; q++) {
                pieces[j - 1][q - s] = order[(offset + q) % n];
            }
            t = s;
        }
        return pieces;
    }

    /** Consecutive pieces of about equal doors, whatever their bounds. */
    private static int[][] greedyCut(WalkProblem problem, int[] order, int k) {
        int total = problem.totalDoors();
        List<int[]> pieces = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long sum = 0;
        for (int s : order) {
            current.add(s);
            sum += problem.doors(s);
            if (sum >= (long) total * (pieces.size() + 1) / k && pieces.size() < k - 1) {
                pieces.add(current.stream().mapToInt(Integer::intValue).toArray());
                current.clear();
            }
        }
        if (!current.isEmpty()) {
            pieces.add(current.stream().mapToInt(Integer::intValue).toArray());
        }
        return pieces.toArray(int[][]::new);
    }

    /**
     * Stable output: each walk starts at the end nearer the start (ties: the lower stop), turfs
     * sorted by the bearing of their centre from the start.
     */
    private static int[][] canonical(WalkProblem problem, int[][] routes) {
        List<int[]> out = new ArrayList<>();
        for (int[] r : routes) {
            if (r.length == 0) {
                continue;
            }
            double first = problem.fromStart(r[0]);
            double last = problem.fromStart(r[r.length - 1]);
            if (last < first || (last == first && r[r.length - 1] < r[0])) {
                Tours.reverse(r, 0, r.length - 1);
            }
            out.add(r);
        }
        out.sort(Comparator.comparingDouble((int[] r) -> bearing(problem, r)).thenComparingInt(r -> r[0]));
        return out.toArray(int[][]::new);
    }

    private static double bearing(WalkProblem problem, int[] r) {
        double x = 0;
        double y = 0;
        for (int s : r) {
            x += problem.x(s);
            y += problem.y(s);
        }
        double a = Math.atan2(x / r.length - problem.startX(), y / r.length - problem.startY());
        return a < 0 ? a + 2 * Math.PI : a;
    }

    /** Doors of these routes lying inside another route's hull (docs/field.md, "Overlap, defined"): what benchmarks report. */
    public static int intrudingDoors(WalkProblem problem, int[][] routes) {
        return Untangle.intruding(problem, routes);
    }

    /** Lambert-93 metres of a point, for tests and callers that measure. */
    public static double[] metres(double lon, double lat) {
        return Lambert93.project(lon, lat);
    }

    /** Moves stops between neighbouring turfs while the total walk shrinks and sizes stay in bounds. */
    private static final class Exchange {
        private final WalkProblem p;
        private final List<List<Integer>> routes = new ArrayList<>();
        private final int[] turfOf;
        private final int[] load;
        private final int lo;
        private final int hi;
        private final int[][] near;

        Exchange(WalkProblem p, int[][] start, int lo, int hi) {
            this.p = p;
            this.lo = lo;
            this.hi = hi;
            int n = p.size();
            turfOf = new int[n];
            load = new int[start.length];
            for (int t = 0; t < start.length; t++) {
                List<Integer> r = new ArrayList<>();
                for (int s : start[t]) {
                    r.add(s);
                    turfOf[s] = t;
                    load[t] += p.doors(s);
                }
                routes.add(r);
            }
            near = p.nearest(NEIGHBOURS);
            this.result = start;
        }

        private final int[][] result;

        void run() {
            int n = p.size();
            boolean[] dirty = new boolean[routes.size()];
            for (int pass = 0; pass < 50; pass++) {
                boolean improved = false;
                for (int u = 0; u < n; u++) {
                    improved |= relocate(u, dirty) || swap(u, dirty);
                }
                for (int t = 0; t < routes.size(); t++) {
                    if (dirty[t]) {
                        int[] r = routes.get(t).stream().mapToInt(Integer::intValue).toArray();
                        Tours.improve(p, r);
                        List<Integer> list = routes.get(t);
                        for (int q = 0; q < r.length; q++) {
                            list.set(q, r[q]);
                        }
                        dirty[t] = false;
                    }
                }
                if (!improved) {
                    break;
                }
            }
            for (int t = 0; t < routes.size(); t++) {
                result[t] = routes.get(t).stream().mapToInt(Integer::intValue).toArray();
            }
        }

        private double d(int a, int b) {
            if (a < 0) {
                return b < 0 ? 0 : p.fromStart(b);
            }
            return b < 0 ? p.fromStart(a) : p.distance(a, b);
        }

        private int at(List<Integer> r, int position) {
            return position < 0 || position >= r.size() ? -1 : r.get(position);
        }

        /** Cost saved by taking the stop at this position out of its route. */
        private double removal(List<Integer> r, int position) {
            int prev = at(r, position - 1);
            int next = at(r, position + 1);
            int u = r.get(position);
            return d(prev, u) + d(u, next) - d(prev, next);
        }

        /** Cheapest insertion of u into r: {cost, position}. */
        private double[] insertion(List<Integer> r, int u) {
            double best = Double.MAX_VALUE;
            int where = 0;
            int prev = -1;
            for (int q = 0; q <= r.size(); q++) {
                int next = q < r.size() ? r.get(q) : -1;
                double c = d(prev, u) + d(u, next) - d(prev, next);
                if (c < best) {
                    best = c;
                    where = q;
                }
                prev = next;
            }
            return new double[] {best, where};
        }

        private boolean relocate(int u, boolean[] dirty) {
            int a = turfOf[u];
            if (load[a] - p.doors(u) < lo) {
                return false;
            }
            List<Integer> ra = routes.get(a);
            int position = ra.indexOf(u);
            double saved = removal(ra, position);
            int bestTurf = -1;
            double bestGain = EPSILON;
            int bestAt = 0;
            for (int v : near[u]) {
                int b = turfOf[v];
                if (b == a || load[b] + p.doors(u) > hi) {
                    continue;
                }
                double[] ins = insertion(routes.get(b), u);
                double gain = saved - ins[0];
                if (gain > bestGain) {
                    bestGain = gain;
                    bestTurf = b;
                    bestAt = (int) ins[1];
                }
            }
            if (bestTurf < 0) {
                return false;
            }
            ra.remove(position);
            routes.get(bestTurf).add(bestAt, u);
            load[a] -= p.doors(u);
            load[bestTurf] += p.doors(u);
            turfOf[u] = bestTurf;
            dirty[a] = true;
            dirty[bestTurf] = true;
            return true;
        }

        /** Trades u with a near stop of another turf, each taking the other's place. */
        private boolean swap(int u, boolean[] dirty) {
            int a = turfOf[u];
            List<Integer> ra = routes.get(a);
            int pu = ra.indexOf(u);
            for (int v : near[u]) {
                int b = turfOf[v];
                if (b == a) {
                    continue;
                }
                int la = load[a] - p.doors(u) + p.doors(v);
                int lb = load[b] - p.doors(v) + p.doors(u);
                if (la < lo || la > hi || lb < lo || lb > hi) {
                    continue;
                }
                List<Integer> rb = routes.get(b);
                int pv = rb.indexOf(v);
                int ua = at(ra, pu - 1);
                int ub = at(ra, pu + 1);
                int va = at(rb, pv - 1);
                int vb = at(rb, pv + 1);
                double before = d(ua, u) + d(u, ub) + d(va, v) + d(v, vb);
                double after = d(ua, v) + d(v, ub) + d(va, u) + d(u, vb);
                if (after < before - EPSILON) {
                    ra.set(pu, v);
                    rb.set(pv, u);
                    load[a] = la;
                    load[b] = lb;
                    turfOf[u] = b;
                    turfOf[v] = a;
                    dirty[a] = true;
                    dirty[b] = true;
                    return true;
                }
            }
            return false;
        }
    }
}
