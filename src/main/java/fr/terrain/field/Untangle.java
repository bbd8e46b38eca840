package fr.terrain.field;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Turfs that do not overlap. Definition used throughout (docs/field.md): a door <em>intrudes</em> on
 * another turf when it lies more than {@link #MARGIN} metres inside that turf's convex hull (the hull
 * of its doors, Lambert-93); a cut does not overlap when no door intrudes. Walking order alone does
 * not give that (petals from one start, stops exchanged for shorter walks), so this pass moves
 * intruding stops into the turf they intrude on, or trades them for a stop of that turf, or — when a
 * size bound forbids both — moves them in a chain through a third turf (their turf takes a stop of a
 * neighbour, the turf they enter hands one on), whenever the sizes stay in bounds and the number of
 * intruding doors strictly falls. When no such move remains (two turfs at their size bounds cannot give
 * each other a stop), it cuts a pair that still intrudes anew by a straight line, which leaves neither
 * inside the other's hull, if that lowers the count.
 * The changed turfs are then re-ordered. Zero is not guaranteed (a line between two turfs can still
 * put a door inside a third's hull): the tests measure what is left.
 */
final class Untangle {
    /** Metres inside another turf's hull before a door counts as intruding (a street's half width). */
    static final double MARGIN = 5;
    private static final int SWAP_CANDIDATES = 8;
    /** Directions tried when a pair of turfs is split anew by a line (every 5°). */
    private static final int ORIENTATIONS = 36;

    private final WalkProblem p;
    private final int[][] routes;
    private final int[] turfOf;
    private final int[] load;
    private final int lo;
    private final int hi;
    private final double[][][] hulls;
    /** Moves kept so far, and for each stop the count when a chain for it last failed (or -1). */
    private int moves;
    private final int[] chainFailedAt;

    private Untangle(WalkProblem p, int[][] routes, int lo, int hi) {
        this.p = p;
        this.routes = routes;
        this.lo = lo;
        this.hi = hi;
        turfOf = new int[p.size()];
        load = new int[routes.length];
        hulls = new double[routes.length][][];
        chainFailedAt = new int[p.size()];
        Arrays.fill(chainFailedAt, -1);
        for (int t = 0; t < routes.length; t++) {
            for (int s : routes[t]) {
                turfOf[s] = t;
                load[t] += p.doors(s);
            }
            hulls[t] = hull(p, routes[t]);
        }
    }

    /** Untangles the routes in place; each changed route is re-ordered. */
    static void run(WalkProblem p, int[][] routes, int lo, int hi) {
        if (routes.length < 2) {
            return;
        }
        new Untangle(p, routes, lo, hi).untangle();
    }

    /** The doors of the routes that intrude on another route's hull. */
    static int intruding(WalkProblem p, int[][] routes) {
        Untangle u = new Untangle(p, routes, 0, Integer.MAX_VALUE);
        int n = 0;
        for (int s = 0; s < p.size(); s++) {
            if (u.intrudes(s, u.turfOf[s]) >= 0) {
                n += p.doors(s);
            }
        }
        return n;
    }

    private void untangle() {
        boolean[] changed = new boolean[routes.length];
        boolean moved;
        // every move kept lowers the count of intrusions, a whole number: the passes end
        do {
            moved = false;
            for (int s = 0; s < p.size(); s++) {
                int b = intrudes(s, turfOf[s]);
                if (b >= 0 && (relocate(s, b, changed) || swap(s, b, changed) || chain(s, b, changed))) {
                    moved = true;
                    moves++;
                }
            }
            if (!moved) {
                // what single moves cannot undo (both turfs at their size bounds, say): split a pair anew, each
                // pair tried once a pass (its many intruding stops would ask again)
                Set<Long> tried = new HashSet<>();
                for (int s = 0; s < p.size() && !moved; s++) {
                    int b = intrudes(s, turfOf[s]);
                    if (b >= 0 && tried.add((long) Math.min(b, turfOf[s]) * routes.length + Math.max(b, turfOf[s]))) {
                        moved = split(turfOf[s], b, changed);
                        moves += moved ? 1 : 0;
                    }
                }
            }
        } while (moved);
        for (int t = 0; t < routes.length; t++) {
            if (changed[t]) {
                routes[t] = Tours.order(p, routes[t]);
            }
        }
    }

    /** The turf whose hull this stop lies inside by more than the margin (not its own), or -1. */
    private int intrudes(int s, int own) {
        for (int t = 0; t < hulls.length; t++) {
            if (t != own && inside(hulls[t], p.x(s), p.y(s))) {
                return t;
            }
        }
        return -1;
    }

    /**
     * The part of the cut's intrusions (doors × hulls they lie inside, other than their own) that turfs a
     * and b take part in: every door against a's and b's hulls, and a's and b's doors against the others.
     * Moves between a and b change nothing else, so a move that lowers it lowers the whole count, and the
     * pass ends.
     */
    private int local(int a, int b) {
        return local(new int[] {a, b});
    }

    /** {@link #local(int, int)} for any set of turfs (distinct). */
    private int local(int[] turfs) {
        boolean[] in = new boolean[hulls.length];
        for (int t : turfs) {
            in[t] = true;
        }
        int n = 0;
        for (int s = 0; s < p.size(); s++) {
            int own = turfOf[s];
            int count = 0;
            if (in[own]) {
                for (int t = 0; t < hulls.length; t++) {
                    if (t != own && inside(hulls[t], p.x(s), p.y(s))) {
                        count++;
                    }
                }
            } else {
                for (int t : turfs) {
                    if (inside(hulls[t], p.x(s), p.y(s))) {
                        count++;
                    }
                }
            }
            n += count * p.doors(s);
        }
        return n;
    }

    private boolean relocate(int s, int b, boolean[] changed) {
        int a = turfOf[s];
        if (load[a] - p.doors(s) < lo || load[b] + p.doors(s) > hi || routes[a].length < 2) {
            return false;
        }
        int before = local(a, b);
        int[] ra = routes[a];
        int[] rb = routes[b];
        apply(a, without(ra, s), b, with(rb, s));
        turfOf[s] = b;
        if (local(a, b) < before) {
            load[a] -= p.doors(s);
            load[b] += p.doors(s);
            changed[a] = true;
            changed[b] = true;
            return true;
        }
        turfOf[s] = a;
        apply(a, ra, b, rb);
        return false;
    }

    /** Trades s for one of b's stops nearest to s's turf, the first that lowers the intrusions. */
    private boolean swap(int s, int b, boolean[] changed) {
        int a = turfOf[s];
        double[] c = centre(a);
        Integer[] candidates = Arrays.stream(routes[b]).boxed().toArray(Integer[]::new);
        Arrays.sort(candidates, Comparator.comparingDouble(v -> Math.hypot(p.x(v) - c[0], p.y(v) - c[1])));
        int before = local(a, b);
        int[] ra = routes[a];
        int[] rb = routes[b];
        for (int k = 0; k < Math.min(SWAP_CANDIDATES, candidates.length); k++) {
            int v = candidates[k];
            int la = load[a] - p.doors(s) + p.doors(v);
            int lb = load[b] - p.doors(v) + p.doors(s);
            if (la < lo || la > hi || lb < lo || lb > hi) {
                continue;
            }
            apply(a, with(without(ra, s), v), b, with(without(rb, v), s));
            turfOf[s] = b;
            turfOf[v] = a;
            if (local(a, b) < before) {
                load[a] = la;
                load[b] = lb;
                changed[a] = true;
                changed[b] = true;
                return true;
            }
            turfOf[s] = a;
            turfOf[v] = b;
            apply(a, ra, b, rb);
        }
        return false;
    }

    /**
     * Moves s into b when a size bound alone forbids it, by a chain through neighbouring turfs: when a would
     * fall below its bound, a takes in a stop of another turf (one of the {@link #SWAP_CANDIDATES} nearest
     * a's centre whose turf can spare it); when b would exceed its bound, b hands one of its stops to the
     * turf nearest that stop (the {@link #SWAP_CANDIDATES} such stops nearest another turf). The first chain
     * that keeps every size in bounds and lowers the intrusions of the turfs it touches is kept.
     */
    private boolean chain(int s, int b, boolean[] changed) {
        int a = turfOf[s];
        int d = p.doors(s);
        boolean refill = load[a] - d < lo;
        boolean push = load[b] + d > hi;
        // nothing has moved since it failed: it would fail again (its candidates and counts are as they were)
        if (!refill && !push || routes[a].length < 2 || chainFailedAt[s] == moves) {
            return false;
        }
        int[] intoA = refill ? refills(a, b, s) : new int[] {-1};
        int[][] fromB = push ? handOffs(b, a, s) : new int[][] {{-1, -1}};
        for (int v : intoA) {
            for (int[] w : fromB) {
                if (tryMoves(v < 0 ? new int[][] {{s, b}, w} : new int[][] {{s, b}, {v, a}, w}, changed)) {
                    return true;
                }
            }
        }
        chainFailedAt[s] = moves;
        return false;
    }

    /** The centre (mean point) of turf t's stops. */
    private double[] centre(int t) {
        double cx = 0;
        double cy = 0;
        for (int q : routes[t]) {
            cx += p.x(q);
            cy += p.y(q);
        }
        return new double[] {cx / routes[t].length, cy / routes[t].length};
    }

    /**
     * Up to {@link #SWAP_CANDIDATES} stops that could refill turf a once s has left it for b, nearest a's
     * centre: outside a and b, from a turf that stays in bounds without it, a's size in bounds with it.
     */
    private int[] refills(int a, int b, int s) {
        double[] c = centre(a);
        int after = load[a] - p.doors(s);
        return IntStream.range(0, p.size())
                .filter(q -> turfOf[q] != a && turfOf[q] != b && load[turfOf[q]] - p.doors(q) >= lo
                        && after + p.doors(q) >= lo && after + p.doors(q) <= hi)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer q) -> Math.hypot(p.x(q) - c[0], p.y(q) - c[1]))
                        .thenComparingInt(q -> q))
                .limit(SWAP_CANDIDATES).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Up to {@link #SWAP_CANDIDATES} moves {stop of b, turf} that hand a stop of b to the turf of the
     * nearest stop outside b and a that can take it, nearest first, b's size in bounds once s has come.
     */
    private int[][] handOffs(int b, int a, int s) {
        List<double[]> moves = new ArrayList<>();
        int after = load[b] + p.doors(s);
        for (int v : routes[b]) {
            if (after - p.doors(v) < lo || after - p.doors(v) > hi) {
                continue;
            }
            int nearest = -1;
            double best = Double.MAX_VALUE;
            for (int q = 0; q < p.size(); q++) {
                int t = turfOf[q];
                if (t != b && t != a && load[t] + p.doors(v) <= hi) {
                    double dist = Math.hypot(p.x(q) - p.x(v), p.y(q) - p.y(v));
                    if (dist < best) {
                        best = dist;
                        nearest = t;
                    }
                }
            }
            if (nearest >= 0) {
                moves.add(new double[] {best, v, nearest});
            }
        }
        moves.sort(Comparator.comparingDouble((double[] m) -> m[0]).thenComparingDouble(m -> m[1]));
        return moves.stream().limit(SWAP_CANDIDATES).map(m -> new int[] {(int) m[1], (int) m[2]}).toArray(int[][]::new);
    }

    /**
     * Moves each {stop, turf} given (a stop of -1 is skipped) if every turf keeps a stop and a size in
     * bounds and the intrusions of the turfs touched fall; otherwise leaves everything as it was.
     */
    private boolean tryMoves(int[][] moves, boolean[] changed) {
        Set<Integer> touched = new TreeSet<>();
        Set<Integer> stops = new HashSet<>();
        for (int[] m : moves) {
            if (m[0] >= 0) {
                if (!stops.add(m[0]) || turfOf[m[0]] == m[1]) {
                    return false;
                }
                touched.add(turfOf[m[0]]);
                touched.add(m[1]);
            }
        }
        int[] turfs = touched.stream().mapToInt(Integer::intValue).toArray();
        int[] newLoad = load.clone();
        int[] owner = turfOf.clone();
        for (int[] m : moves) {
            if (m[0] >= 0) {
                newLoad[owner[m[0]]] -= p.doors(m[0]);
                newLoad[m[1]] += p.doors(m[0]);
                owner[m[0]] = m[1];
            }
        }
        int[][] newRoutes = new int[turfs.length][];
        for (int k = 0; k < turfs.length; k++) {
            int t = turfs[k];
            int[] stopsOf = IntStream.range(0, p.size()).filter(q -> owner[q] == t).toArray();
            if (newLoad[t] < lo || newLoad[t] > hi || stopsOf.length == 0) {
                return false;
            }
            newRoutes[k] = stopsOf;
        }
        int before = local(turfs);
        int[][] oldRoutes = new int[turfs.length][];
        double[][][] oldHulls = new double[turfs.length][][];
        int[] oldOwner = turfOf.clone();
        for (int k = 0; k < turfs.length; k++) {
            oldRoutes[k] = routes[turfs[k]];
            oldHulls[k] = hulls[turfs[k]];
            routes[turfs[k]] = newRoutes[k];
            hulls[turfs[k]] = hull(p, newRoutes[k]);
        }
        System.arraycopy(owner, 0, turfOf, 0, owner.length);
        if (local(turfs) < before) {
            System.arraycopy(newLoad, 0, load, 0, load.length);
            for (int t : turfs) {
                changed[t] = true;
            }
            return true;
        }
        System.arraycopy(oldOwner, 0, turfOf, 0, oldOwner.length);
        for (int k = 0; k < turfs.length; k++) {
            routes[turfs[k]] = oldRoutes[k];
            hulls[turfs[k]] = oldHulls[k];
        }
        return false;
    }

    /**
     * Cuts the stops of turfs a and b anew by a straight line, which leaves neither inside the other's hull:
     * for each of {@link #ORIENTATIONS} directions, the stops sorted along it and split where both sizes stay
     * in bounds, nearest to a's size now. Of the splits that lower the intrusions, the one with the fewest,
     * then the shortest walks, is kept (both walks re-ordered).
     */
    private boolean split(int a, int b, boolean[] changed) {
        int[] union = new int[routes[a].length + routes[b].length];
        System.arraycopy(routes[a], 0, union, 0, routes[a].length);
        System.arraycopy(routes[b], 0, union, routes[a].length, routes[b].length);
        int before = local(a, b);
        int[] ra = routes[a];
        int[] rb = routes[b];
        int bestCount = before;
        double bestLength = Double.MAX_VALUE;
        int[][] best = null;
        for (int o = 0; o < ORIENTATIONS; o++) {
            double angle = Math.PI * o / ORIENTATIONS;
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            Integer[] along = Arrays.stream(union).boxed().toArray(Integer[]::new);
            Arrays.sort(along, Comparator.comparingDouble((Integer v) -> p.x(v) * cos + p.y(v) * sin)
                    .thenComparingInt(v -> v));
            int total = load[a] + load[b];
            int left = 0;
            int cut = -1;
            int cutLeft = 0;
            for (int m = 1; m < along.length; m++) {
                left += p.doors(along[m - 1]);
                int right = total - left;
                if (left >= lo && left <= hi && right >= lo && right <= hi
                        && (cut < 0 || Math.abs(left - load[a]) < Math.abs(cutLeft - load[a]))) {
                    cut = m;
                    cutLeft = left;
                }
            }
            if (cut < 0) {
                continue;
            }
            int[] na = Tours.order(p, Arrays.stream(along, 0, cut).mapToInt(Integer::intValue).toArray());
            int[] nb = Tours.order(p, Arrays.stream(along, cut, along.length).mapToInt(Integer::intValue).toArray());
            assign(a, na, b, nb);
            int count = local(a, b);
            double length = p.tourLength(na) + p.tourLength(nb);
            if (count < bestCount || (count == bestCount && best != null && length < bestLength)) {
                bestCount = count;
                bestLength = length;
                best = new int[][] {na, nb};
            }
            assign(a, ra, b, rb);
        }
        if (best == null) {
            return false;
        }
        assign(a, best[0], b, best[1]);
        load[a] = 0;
        load[b] = 0;
        for (int s : best[0]) {
            load[a] += p.doors(s);
        }
        for (int s : best[1]) {
            load[b] += p.doors(s);
        }
        // both walks are ordered already (Tours.order depends on the set only): nothing left to re-order
        changed[a] = false;
        changed[b] = false;
        return true;
    }

    /** Gives turf a these stops and b those (routes, hulls and owners; loads left to the caller). */
    private void assign(int a, int[] ra, int b, int[] rb) {
        for (int s : ra) {
            turfOf[s] = a;
        }
        for (int s : rb) {
            turfOf[s] = b;
        }
        apply(a, ra, b, rb);
    }

    private void apply(int a, int[] ra, int b, int[] rb) {
        routes[a] = ra;
        routes[b] = rb;
        hulls[a] = hull(p, ra);
        hulls[b] = hull(p, rb);
    }

    private static int[] without(int[] r, int s) {
        int[] out = new int[r.length - 1];
        int q = 0;
        for (int x : r) {
            if (x != s) {
                out[q++] = x;
            }
        }
        return out;
    }

    private static int[] with(int[] r, int s) {
        int[] out = Arrays.copyOf(r, r.length + 1);
        out[r.length] = s;
        return out;
    }

    /** Convex hull (Andrew's monotone chain), counter-clockwise, of the stops' points. */
    static double[][] hull(WalkProblem p, int[] route) {
        int m = route.length;
        double[] xs = new double[m];
        double[] ys = new double[m];
        for (int i = 0; i < m; i++) {
            // sorted by x then y as they come (insertion: a turf's few dozen stops)
            double x = p.x(route[i]);
            double y = p.y(route[i]);
            int k = i - 1;
            while (k >= 0 && (xs[k] > x || (xs[k] == x && ys[k] > y))) {
                xs[k + 1] = xs[k];
                ys[k + 1] = ys[k];
                k--;
            }
            xs[k + 1] = x;
            ys[k + 1] = y;
        }
        if (m < 3) {
            double[][] pts = new double[m][];
            for (int i = 0; i < m; i++) {
                pts[i] = new double[] {xs[i], ys[i]};
            }
            return pts;
        }
        int[] h = new int[2 * m];
        int size = 0;
        for (int pass = 0; pass < 2; pass++) {
            int floor = size;
            for (int k = 0; k < m; k++) {
                int q = pass == 0 ? k : m - 1 - k;
                while (size >= floor + 2 && cross(xs, ys, h[size - 2], h[size - 1], q) <= 0) {
                    size--;
                }
                h[size++] = q;
            }
            size--;
        }
        double[][] out = new double[size][];
        for (int k = 0; k < size; k++) {
            out[k] = new double[] {xs[h[k]], ys[h[k]]};
        }
        return out;
    }

    private static double cross(double[] xs, double[] ys, int o, int a, int b) {
        return (xs[a] - xs[o]) * (ys[b] - ys[o]) - (ys[a] - ys[o]) * (xs[b] - xs[o]);
    }

    /** Whether (x, y) lies inside the counter-clockwise hull by more than the margin from every edge. */
    static boolean inside(double[][] hull, double x, double y) {
        if (hull.length < 3) {
            return false;
        }
        for (int i = 0; i < hull.length; i++) {
            double[] a = hull[i];
            double[] b = hull[(i + 1) % hull.length];
            double dx = b[0] - a[0];
            double dy = b[1] - a[1];
            double len = Math.sqrt(dx * dx + dy * dy);
            if (len == 0) {
                continue;
            }
            // signed distance to the left of edge a→b (times its length): inside a counter-clockwise hull is to the left
            if (dx * (y - a[1]) - dy * (x - a[0]) <= MARGIN * len) {
                return false;
            }
        }
        return true;
    }
}
