package fr.terrain.field;

import fr.terrain.geo.Lambert93;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Doors to cut into turfs, as a routing problem: stops (a building's doors, split when a building
 * alone would overflow a turf), their door counts, the walking distance between stops
 * ({@link WalkModel}) and from the start. A turf's walk is a closed tour start → stops → start.
 * Public so that the benchmark gives a reference solver exactly the same problem.
 */
public final class WalkProblem {
    private final List<List<Door>> stops;
    private final int[] address;
    private final int[] doors;
    private final WalkModel model;
    private final Start start;
    private final double startX;
    private final double startY;
    private final float[] matrix;
    private final double[] fromStart;

    private WalkProblem(List<List<Door>> stops, int[] address, WalkModel model, Start start) {
        this.stops = stops;
        this.address = address;
        this.model = model;
        this.start = start;
        double[] xy = Lambert93.project(start.lon(), start.lat());
        this.startX = xy[0];
        this.startY = xy[1];
        int n = stops.size();
        this.doors = new int[n];
        this.fromStart = new double[n];
        for (int i = 0; i < n; i++) {
            doors[i] = stops.get(i).size();
            fromStart[i] = model.distance(startX, startY, address[i]);
        }
        // a full matrix while it stays small (6,000 stops = 144 MB is too much; then computed on demand)
        if ((long) n * n <= 16_000_000L) {
            matrix = new float[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    float d = (float) model.distance(address[i], address[j]);
                    matrix[i * n + j] = d;
                    matrix[j * n + i] = d;
                }
            }
        } else {
            matrix = null;
        }
    }

    /**
     * @param largestStop a building with more doors than this is split into stops of at most this many
     */
    public static WalkProblem of(List<Door> doors, Start start, TurfParameters p, int largestStop) {
        Map<String, List<Door>> byAddress = new LinkedHashMap<>();
        List<Door> sorted = new ArrayList<>(doors);
        sorted.sort(Comparator.comparing((Door d) -> d.address().banId())
                .thenComparing((Door d) -> d.complement() == null ? "" : AddressText.fold(d.complement()), WalkProblem::natural)
                .thenComparing((Door d) -> d.id()));
        for (Door d : sorted) {
            byAddress.computeIfAbsent(d.address().banId(), k -> new ArrayList<>()).add(d);
        }
        List<Address> addresses = new ArrayList<>();
        List<List<Door>> stops = new ArrayList<>();
        List<Integer> addressOfStop = new ArrayList<>();
        int cap = Math.max(1, largestStop);
        for (List<Door> building : byAddress.values()) {
            int index = addresses.size();
            addresses.add(building.get(0).address());
            int pieces = (building.size() + cap - 1) / cap;
            for (int k = 0; k < pieces; k++) {
                int from = (int) ((long) building.size() * k / pieces);
                int to = (int) ((long) building.size() * (k + 1) / pieces);
                stops.add(List.copyOf(building.subList(from, to)));
                addressOfStop.add(index);
            }
        }
        return new WalkProblem(stops, addressOfStop.stream().mapToInt(Integer::intValue).toArray(),
                WalkModel.of(addresses, p), start);
    }

    /** Compares texts with their digit runs as numbers: {@code APT 9} before {@code APT 10}. */
    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    public int size() {
        return stops.size();
    }

    /** Doors at stop i. */
    public int doors(int i) {
        return doors[i];
    }

    public List<Door> stop(int i) {
        return stops.get(i);
    }

    public int totalDoors() {
        int sum = 0;
        for (int d : doors) {
            sum += d;
        }
        return sum;
    }

    /** Walking metres between stops. */
    public double distance(int i, int j) {
        if (matrix != null) {
            return matrix[i * stops.size() + j];
        }
        return model.distance(address[i], address[j]);
    }

    /** Walking metres between the start and stop i (either way). */
    public double fromStart(int i) {
        return fromStart[i];
    }

    /** Metres of the closed tour start → route → start. */
    public double tourLength(int[] route) {
        if (route.length == 0) {
            return 0;
        }
        double sum = fromStart[route[0]] + fromStart[route[route.length - 1]];
        for (int k = 1; k < route.length; k++) {
            sum += distance(route[k - 1], route[k]);
        }
        return sum;
    }

    public Start start() {
        return start;
    }

    /** Lambert-93 x of the start, then of stop i: what a sweep turns around. */
    double startX() {
        return startX;
    }

    double startY() {
        return startY;
    }

    public double x(int i) {
        return model.x(address[i]);
    }

    public double y(int i) {
        return model.y(address[i]);
    }

    /** The index of stop i's address in the walk model (stops of one building share it). */
    int address(int i) {
        return address[i];
    }

    WalkModel model() {
        return model;
    }

    /** For each stop, its {@code count} nearest other stops by walking distance, nearest first. */
    int[][] nearest(int count) {
        int n = size();
        int m = Math.min(count, n - 1);
        int[][] out = new int[n][];
        double[] dist = new double[m];
        for (int u = 0; u < n; u++) {
            int[] best = new int[m];
            int filled = 0;
            for (int v = 0; v < n; v++) {
                if (v == u) {
                    continue;
                }
                double dv = distance(u, v);
                if (filled < m || (m > 0 && dv < dist[m - 1])) {
                    // insertion into the sorted list: at its end while it fills up, else over its farthest
                    int q = filled < m ? filled++ : m - 1;
                    while (q > 0 && dist[q - 1] > dv) {
                        dist[q] = dist[q - 1];
                        best[q] = best[q - 1];
                        q--;
                    }
                    dist[q] = dv;
                    best[q] = v;
                }
            }
            out[u] = best;
        }
        return out;
    }
}
