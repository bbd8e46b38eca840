package fr.terrain.field;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * A bounded search that shortens a cut's total walk without letting turfs overlap more: ruin (take
 * strings of consecutive stops out of the turfs around a random stop) and recreate (put each back
 * where it costs least, skipping a position now and then), accepting a longer cut with a falling
 * probability (simulated annealing) and keeping the best cut seen. The method is that of Christiaens
 * and Vanden Berghe ("Slack induction by string removals", Transportation Science, 2020), written here
 * from its description. Two rules of ours: every cut it accepts has every turf within [lo, hi] doors,
 * and never more intrusions (a door more than {@link Untangle#MARGIN} inside another turf's convex
 * hull, counted once per hull and weighted by doors) than the cut it replaces — fewer is always
 * accepted. Iterations are counted and the random source seeded, so a cut is the same on every run
 * and every machine. On a small cut {@link #run} makes two searches from two seeds, side by side on
 * two cores, and keeps the better cut.
 */
final class RuinAndRecreate {
    private static final double EPSILON = 1e-6;
    /** Mean number of stops a ruin takes out, and the longest string (the paper's values). */
    private static final double MEAN_REMOVED = 10;
    private static final int LONGEST_STRING = 10;
    /** Chance of skipping an insertion position (the paper's "blinks"). */
    private static final double BLINK = 0.01;
    /** A stop goes back into a turf holding one of its nearest stops (all turfs if none has room). */
    private static final int NEIGHBOURS = 30;

    private final WalkProblem p;
    private final int lo;
    private final int hi;
    private final int[][] near;
    private final SplittableRandom random;
    private final double logKeep = Math.log(1 - BLINK);

    // the current cut; arrays are replaced, never written in place, so a copy of the outer array is a snapshot
    private int[][] routes;
    private int[] load;
    private double[] length;
    private Hull[] hulls;
    /** Doors of other turfs inside each turf's hull: the cut's intrusions are their sum. */
    private int[] inside;
    private int[] routeOf;
    private int intrusions;
    /** The stops by x, and their x, to find those within a hull's box. */
    private final int[] byX;
    private final double[] sortedX;

    private RuinAndRecreate(WalkProblem p, int[][] start, int lo, int hi, long seed) {
        this.p = p;
        this.lo = lo;
        this.hi = hi;
        this.near = p.nearest(NEIGHBOURS);
        this.random = new SplittableRandom(seed);
        int k = start.length;
        routes = new int[k][];
        load = new int[k];
        length = new double[k];
        hulls = new Hull[k];
        inside = new int[k];
        routeOf = new int[p.size()];
        byX = IntStream.range(0, p.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer s) -> p.x(s)).thenComparingInt(s -> s))
                .mapToInt(Integer::intValue).toArray();
        sortedX = new double[byX.length];
        for (int q = 0; q < byX.length; q++) {
            sortedX[q] = p.x(byX[q]);
        }
        for (int t = 0; t < k; t++) {
            routes[t] = start[t].clone();
            for (int s : start[t]) {
                load[t] += p.doors(s);
                routeOf[s] = t;
            }
            length[t] = p.tourLength(routes[t]);
            hulls[t] = new Hull(Untangle.hull(p, routes[t]));
        }
        for (int t = 0; t < k; t++) {
            inside[t] = inside(t);
            intrusions += inside[t];
        }
    }

    /**
     * Cuts of this many stops or more get one search: on the 2 cores measured the second search cost
     * nearly its own time again (0.53 s → 1.01 s on the bench's arrondissement of 2,081 stops, over the
     * 1 s budget), where a small cut has time to spare (the station of 294 stops: 0.3 s).
     */
    static final int SECOND_SEARCH_BELOW = 1000;

    /**
     * Shortens the routes in place: under {@link #SECOND_SEARCH_BELOW} stops, two searches of this many
     * iterations each (two seeds, run in parallel), the better cut kept — fewer intrusions, else the
     * shorter; above, one. Each route stays within
     * [lo, hi] doors and the intrusions do not grow. Each returned route is re-ordered ({@link Tours#improve}).
     */
    static void run(WalkProblem p, int[][] routes, int lo, int hi, int iterations) {
        if (routes.length < 2 || p.size() < 3 || iterations <= 0) {
            return;
        }
        long seed = seed(p, routes);
        if (p.size() >= SECOND_SEARCH_BELOW) {
            System.arraycopy(search(p, routes.clone(), lo, hi, iterations, seed), 0, routes, 0, routes.length);
            return;
        }
        int[][] start = routes.clone();
        // the second search runs in another thread while this one runs the first; which one is kept
        // depends only on the cuts they find, never on which finishes first
        CompletableFuture<int[][]> second = CompletableFuture.supplyAsync(() -> search(p, start, lo, hi, iterations, seed + 1));
        int[][] best = search(p, start, lo, hi, iterations, seed);
        int[][] other = second.join();
        if (better(p, other, best)) {
            best = other;
        }
        System.arraycopy(best, 0, routes, 0, routes.length);
    }

    /** The seed of the first search {@link #run} makes for these routes (the second takes the next). */
    static long seed(WalkProblem p, int[][] routes) {
        return 7919L * p.size() + routes.length;
    }

    /** One search from these routes (left as they are) with this seed: the best cut it found, each walk re-ordered. */
    static int[][] search(WalkProblem p, int[][] routes, int lo, int hi, int iterations, long seed) {
        return new RuinAndRecreate(p, routes, lo, hi, seed).search(iterations);
    }

    /** Fewer intrusions, or as many and a shorter total walk. */
    private static boolean better(WalkProblem p, int[][] a, int[][] b) {
        int ia = intrusions(p, a);
        int ib = intrusions(p, b);
        if (ia != ib) {
            return ia < ib;
        }
        double la = 0;
        double lb = 0;
        for (int[] r : a) {
            la += p.tourLength(r);
        }
        for (int[] r : b) {
            lb += p.tourLength(r);
        }
        return la < lb - EPSILON;
    }

    /** The (door, other turf's hull) pairs of a cut where the door lies inside the hull by more than the margin. */
    static int intrusions(WalkProblem p, int[][] routes) {
        return new RuinAndRecreate(p, routes, 0, Integer.MAX_VALUE, 0).intrusions;
    }

    private int[][] search(int iterations) {
        double current = sum(length);
        double bestCost = current;
        int bestIntrusions = intrusions;
        int[][] best = routes.clone();
        // temperatures in metres: from the cut's mean step down to a fiftieth of it (tuned on the bench's station)
        double step = current / (p.size() + routes.length);
        double hot = step;
        double cold = step / 50;
        int[] removed = new int[p.size()];
        for (int it = 0; it < iterations; it++) {
            double temperature = hot * Math.pow(cold / hot, (double) it / iterations);
            int[][] savedRoutes = routes.clone();
            int[] savedLoad = load.clone();
            double[] savedLength = length.clone();
            Hull[] savedHulls = hulls.clone();
            int[] savedInside = inside.clone();
            int[] savedRouteOf = routeOf.clone();
            boolean[] touched = new boolean[routes.length];
            int count = ruin(removed, touched);
            boolean accepted = false;
            boolean placed = recreate(removed, count, touched) && loadsHold(touched);
            if (placed && unchanged(touched, savedRoutes)) {
                // the stops went back where they were (over half the iterations): the same cut, accepted as the
                // test below would accept it, with the draw it makes, but without recomputing hulls and overlap
                random.nextDouble();
                accepted = true;
            } else if (placed) {
                for (int t = 0; t < routes.length; t++) {
                    if (touched[t]) {
                        length[t] = p.tourLength(routes[t]);
                        hulls[t] = new Hull(Untangle.hull(p, routes[t]));
                    }
                }
                // a pair (door, hull) changes only where the hull's turf changed: the untouched turfs kept their
                // hulls and the doors outside them (touched turfs trade doors among themselves only)
                int after = intrusions;
                for (int t = 0; t < routes.length; t++) {
                    if (touched[t]) {
                        inside[t] = inside(t);
                        after += inside[t] - savedInside[t];
                    }
                }
                double cost = sum(length);
                if (after < intrusions || (after == intrusions && cost < current - temperature * Math.log(random.nextDouble()))) {
                    accepted = true;
                    current = cost;
                    intrusions = after;
                    if (after < bestIntrusions || (after == bestIntrusions && cost < bestCost - EPSILON)) {
                        bestIntrusions = after;
                        bestCost = cost;
                        best = routes.clone();
                    }
                }
            }
            if (!accepted) {
                routes = savedRoutes;
                load = savedLoad;
                length = savedLength;
                hulls = savedHulls;
                inside = savedInside;
                routeOf = savedRouteOf;
            }
        }
        int[][] out = new int[best.length][];
        for (int t = 0; t < best.length; t++) {
            out[t] = best[t].clone();
            Tours.improve(p, out[t]);
        }
        return out;
    }

    /** Whether every touched route is as it was. */
    private boolean unchanged(boolean[] touched, int[][] saved) {
        for (int t = 0; t < routes.length; t++) {
            if (touched[t] && !Arrays.equals(routes[t], saved[t])) {
                return false;
            }
        }
        return true;
    }

    private boolean loadsHold(boolean[] touched) {
        for (int t = 0; t < routes.length; t++) {
            if (touched[t] && (load[t] < lo || routes[t].length == 0)) {
                return false;
            }
        }
        return true;
    }

    /** Takes strings of stops out of the routes near a random stop; returns how many, listed in removed. */
    private int ruin(int[] removed, boolean[] touched) {
        double meanRoute = (double) p.size() / routes.length;
        double longest = Math.min(LONGEST_STRING, meanRoute);
        double maxStrings = 4 * MEAN_REMOVED / (1 + longest) - 1;
        int strings = 1 + (int) (random.nextDouble() * maxStrings);
        int seed = random.nextInt(p.size());
        int count = 0;
        int done = 0;
        for (int k = -1; k < near[seed].length && done < strings; k++) {
            int s = k < 0 ? seed : near[seed][k];
            int t = routeOf[s];
            if (t < 0 || touched[t]) {
                continue;
            }
            int[] r = routes[t];
            int position = indexOf(r, s);
            int most = (int) Math.min(r.length, longest);
            int l = 1 + random.nextInt(Math.max(1, most));
            int first = Math.max(0, Math.min(r.length - l, position - random.nextInt(l)));
            int[] rest = new int[r.length - l];
            System.arraycopy(r, 0, rest, 0, first);
            System.arraycopy(r, first + l, rest, first, r.length - first - l);
            for (int q = first; q < first + l; q++) {
                removed[count++] = r[q];
                load[t] -= p.doors(r[q]);
                routeOf[r[q]] = -1;
            }
            routes[t] = rest;
            touched[t] = true;
            done++;
        }
        return count;
    }

    /** Puts the removed stops back, each where it costs least; false if one fits nowhere. */
    private boolean recreate(int[] removed, int count, boolean[] touched) {
        order(removed, count);
        boolean[] candidate = new boolean[routes.length];
        for (int k = 0; k < count; k++) {
            int u = removed[k];
            Arrays.fill(candidate, false);
            boolean any = false;
            for (int v : near[u]) {
                int t = routeOf[v];
                if (t >= 0 && load[t] + p.doors(u) <= hi) {
                    candidate[t] = true;
                    any = true;
                }
            }
            if (!any) {
                Arrays.fill(candidate, true);
            }
            double best = Double.MAX_VALUE;
            int bestRoute = -1;
            int bestAt = 0;
            int skip = nextBlink();
            for (int t = 0; t < routes.length; t++) {
                if (!candidate[t] || load[t] + p.doors(u) > hi) {
                    continue;
                }
                int[] r = routes[t];
                int prev = -1;
                for (int q = 0; q <= r.length; q++) {
                    int next = q < r.length ? r[q] : -1;
                    if (skip-- == 0) {
                        skip = nextBlink();
                    } else {
                        double c = d(prev, u) + d(u, next) - d(prev, next);
                        if (c < best) {
                            best = c;
                            bestRoute = t;
                            bestAt = q;
                        }
                    }
                    prev = next;
                }
            }
            if (bestRoute < 0) {
                return false;
            }
            int[] r = routes[bestRoute];
            int[] grown = new int[r.length + 1];
            System.arraycopy(r, 0, grown, 0, bestAt);
            grown[bestAt] = u;
            System.arraycopy(r, bestAt, grown, bestAt + 1, r.length - bestAt);
            routes[bestRoute] = grown;
            load[bestRoute] += p.doors(u);
            routeOf[u] = bestRoute;
            touched[bestRoute] = true;
        }
        return true;
    }

    /** Positions to look at before the next one skipped (geometric, mean 1 / BLINK). */
    private int nextBlink() {
        return (int) (Math.log(1 - random.nextDouble()) / logKeep);
    }

    /** The order stops go back in: random, biggest first, farthest from the start first, or nearest first (4:4:2:1). */
    private void order(int[] removed, int count) {
        double roll = random.nextDouble();
        if (roll < 4.0 / 11) {
            for (int k = count - 1; k > 0; k--) {
                int j = random.nextInt(k + 1);
                int t = removed[k];
                removed[k] = removed[j];
                removed[j] = t;
            }
            return;
        }
        double[] key = new double[count];
        for (int k = 0; k < count; k++) {
            int s = removed[k];
            key[k] = roll < 8.0 / 11 ? -p.doors(s) : roll < 10.0 / 11 ? -p.fromStart(s) : p.fromStart(s);
        }
        // insertion sort: a few dozen stops at most
        for (int k = 1; k < count; k++) {
            int s = removed[k];
            double kk = key[k];
            int j = k - 1;
            while (j >= 0 && key[j] > kk) {
                key[j + 1] = key[j];
                removed[j + 1] = removed[j];
                j--;
            }
            key[j + 1] = kk;
            removed[j + 1] = s;
        }
    }

    /** Doors of other turfs lying inside turf t's hull by more than the margin. */
    private int inside(int t) {
        Hull h = hulls[t];
        if (h.edges() == 0) {
            return 0;
        }
        int n = 0;
        // the first stop whose x passes the box's left side, then along x to its right side
        int q = Arrays.binarySearch(sortedX, h.minX);
        q = q < 0 ? -q - 1 : q;
        while (q > 0 && sortedX[q - 1] >= h.minX) {
            q--;
        }
        for (; q < byX.length && sortedX[q] < h.maxX; q++) {
            int s = byX[q];
            if (routeOf[s] != t && h.contains(p.x(s), p.y(s))) {
                n += p.doors(s);
            }
        }
        return n;
    }

    /**
     * A hull ready for containment tests: {@link Untangle#inside}'s test with each edge's length computed once
     * (the same arithmetic, so the same answers), and its bounding box.
     */
    static final class Hull {
        private final double[] ax;
        private final double[] ay;
        private final double[] dx;
        private final double[] dy;
        private final double[] limit;
        private final double minX;
        private final double minY;
        private final double maxX;
        private final double maxY;

        Hull(double[][] hull) {
            int m = hull.length < 3 ? 0 : hull.length;
            double[][] edges = new double[5][m];
            int e = 0;
            double x0 = Double.MAX_VALUE;
            double y0 = Double.MAX_VALUE;
            double x1 = -Double.MAX_VALUE;
            double y1 = -Double.MAX_VALUE;
            for (int i = 0; i < m; i++) {
                double[] a = hull[i];
                double[] b = hull[(i + 1) % m];
                x0 = Math.min(x0, a[0]);
                y0 = Math.min(y0, a[1]);
                x1 = Math.max(x1, a[0]);
                y1 = Math.max(y1, a[1]);
                double ex = b[0] - a[0];
                double ey = b[1] - a[1];
                double len = Math.sqrt(ex * ex + ey * ey);
                if (len == 0) {
                    continue;
                }
                edges[0][e] = a[0];
                edges[1][e] = a[1];
                edges[2][e] = ex;
                edges[3][e] = ey;
                edges[4][e] = Untangle.MARGIN * len;
                e++;
            }
            ax = Arrays.copyOf(edges[0], e);
            ay = Arrays.copyOf(edges[1], e);
            dx = Arrays.copyOf(edges[2], e);
            dy = Arrays.copyOf(edges[3], e);
            limit = Arrays.copyOf(edges[4], e);
            minX = x0;
            minY = y0;
            maxX = x1;
            maxY = y1;
        }

        int edges() {
            return limit.length;
        }

        /** Whether (x, y) lies inside by more than the margin from every edge (a hull of under 3 points holds nothing). */
        boolean contains(double x, double y) {
            if (limit.length == 0 || !(x > minX && x < maxX && y > minY && y < maxY)) {
                return false;
            }
            for (int i = 0; i < limit.length; i++) {
                if (dx[i] * (y - ay[i]) - dy[i] * (x - ax[i]) <= limit[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private double d(int a, int b) {
        if (a < 0) {
            return b < 0 ? 0 : p.fromStart(b);
        }
        return b < 0 ? p.fromStart(a) : p.distance(a, b);
    }

    private static int indexOf(int[] r, int s) {
        for (int q = 0; q < r.length; q++) {
            if (r[q] == s) {
                return q;
            }
        }
        return -1;
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }
}
