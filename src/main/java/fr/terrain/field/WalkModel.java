package fr.terrain.field;

import fr.terrain.geo.Lambert93;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walking distances between addresses without a street network. Each street's line is drawn from
 * the BAN itself: the addresses of its better-numbered side, in number order, make a polyline, and
 * every address of the street is placed along it ({@code along}, metres). Two addresses of one
 * street are then {@code |Δalong|} apart, plus {@link TurfParameters#crossingMetres()} when they are
 * on opposite sides (odd and even numbers); addresses of different streets are the straight line ×
 * {@link TurfParameters#detourFactor()} apart. The shorter of the two applies within a street (a
 * curved street can be cut across). Coordinates are Lambert-93 metres.
 */
public final class WalkModel {
    private final double[] x;
    private final double[] y;
    private final int[] street;
    private final int[] side;
    private final double[] along;
    private final double detour;
    private final double crossing;

    private WalkModel(int n, double detour, double crossing) {
        x = new double[n];
        y = new double[n];
        street = new int[n];
        side = new int[n];
        along = new double[n];
        this.detour = detour;
        this.crossing = crossing;
    }

    /** A model of these addresses, indexed as the list. */
    public static WalkModel of(List<Address> addresses, TurfParameters p) {
        int n = addresses.size();
        WalkModel m = new WalkModel(n, p.detourFactor(), p.crossingMetres());
        Map<String, List<Integer>> streets = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Address a = addresses.get(i);
            double[] xy = Lambert93.project(a.lon(), a.lat());
            m.x[i] = xy[0];
            m.y[i] = xy[1];
            m.side[i] = a.number() % 2;
            streets.computeIfAbsent(a.inseeCode() + '|' + AddressText.streetKey(null, a.street()), k -> new ArrayList<>())
                    .add(i);
        }
        int id = 0;
        for (List<Integer> members : streets.values()) {
            for (int i : members) {
                m.street[i] = id;
            }
            id++;
            m.placeAlong(members, addresses);
        }
        return m;
    }

    /** Puts each address of one street on the polyline of its better-numbered side. */
    private void placeAlong(List<Integer> members, List<Address> addresses) {
        Comparator<Integer> byNumber = Comparator.<Integer>comparingInt(i -> addresses.get(i).number())
                .thenComparing(i -> addresses.get(i).suffix() == null ? "" : addresses.get(i).suffix());
        List<Integer> odd = members.stream().filter(i -> side[i] == 1).sorted(byNumber).toList();
        List<Integer> even = members.stream().filter(i -> side[i] == 0).sorted(byNumber).toList();
        List<Integer> line = distinct(odd.size() >= even.size() ? odd : even);
        if (line.size() < 2) {
            line = distinct(members.stream().sorted(byNumber).toList());
        }
        if (line.size() < 2) {
            return; // one point: along stays 0, the street is a spot
        }
        double[] cumulative = new double[line.size()];
        for (int k = 1; k < line.size(); k++) {
            cumulative[k] = cumulative[k - 1] + Math.hypot(x[line.get(k)] - x[line.get(k - 1)], y[line.get(k)] - y[line.get(k - 1)]);
        }
        for (int i : members) {
            double best = Double.MAX_VALUE;
            double at = 0;
            for (int k = 1; k < line.size(); k++) {
                int a = line.get(k - 1);
                int b = line.get(k);
                double dx = x[b] - x[a];
                double dy = y[b] - y[a];
                double len2 = dx * dx + dy * dy;
                double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x[i] - x[a]) * dx + (y[i] - y[a]) * dy) / len2));
                double px = x[a] + t * dx - x[i];
                double py = y[a] + t * dy - y[i];
                double d2 = px * px + py * py;
                if (d2 < best) {
                    best = d2;
                    at = cumulative[k - 1] + t * Math.sqrt(len2);
                }
            }
            along[i] = at;
        }
    }

    /** The list without consecutive points less than half a metre apart. */
    private List<Integer> distinct(List<Integer> ordered) {
        List<Integer> out = new ArrayList<>();
        for (int i : ordered) {
            if (out.isEmpty() || Math.hypot(x[i] - x[out.get(out.size() - 1)], y[i] - y[out.get(out.size() - 1)]) > 0.5) {
                out.add(i);
            }
        }
        return out;
    }

    public int size() {
        return x.length;
    }

    /** Walking metres between addresses i and j. */
    public double distance(int i, int j) {
        if (i == j) {
            return 0;
        }
        double straight = Math.hypot(x[i] - x[j], y[i] - y[j]);
        if (straight == 0) {
            return 0;
        }
        double across = straight * detour;
        if (street[i] != street[j]) {
            return across;
        }
        double within = Math.abs(along[i] - along[j]) + (side[i] != side[j] ? crossing : 0);
        return Math.min(within, across);
    }

    /** Walking metres from a point (Lambert-93) to address i: straight line × detour. */
    public double distance(double px, double py, int i) {
        return Math.hypot(x[i] - px, y[i] - py) * detour;
    }

    public double x(int i) {
        return x[i];
    }

    public double y(int i) {
        return y[i];
    }

    /** The same street (by normalised name in one commune). */
    public boolean sameStreet(int i, int j) {
        return street[i] == street[j];
    }

    /** 1 for odd numbers, 0 for even. */
    public int side(int i) {
        return side[i];
    }
}
