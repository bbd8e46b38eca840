package fr.terrain.field;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Measures of a walk's order a person would check on a map. */
final class Walks {
    private Walks() {}

    static String street(Door d) {
        return d.address().inseeCode() + "|" + AddressText.streetKey(null, d.address().street());
    }

    /** Maximal runs of consecutive doors on one street. */
    static int streetRuns(Turf t) {
        int runs = 0;
        String previous = null;
        for (Door d : t.walk()) {
            String s = street(d);
            if (!s.equals(previous)) {
                runs++;
            }
            previous = s;
        }
        return runs;
    }

    static int streets(Turf t) {
        return (int) t.walk().stream().map(Walks::street).distinct().count();
    }

    /**
     * The most side changes (odd ↔ even) one street gets between consecutive doors of it: 1 means
     * one side then the other, more is zig-zagging across.
     */
    static int worstSideSwitches(Turf t) {
        Map<String, Integer> switches = new HashMap<>();
        List<Door> walk = t.walk();
        for (int i = 1; i < walk.size(); i++) {
            Door a = walk.get(i - 1);
            Door b = walk.get(i);
            if (street(a).equals(street(b)) && a.address().number() % 2 != b.address().number() % 2) {
                switches.merge(street(a), 1, Integer::sum);
            }
        }
        return switches.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
