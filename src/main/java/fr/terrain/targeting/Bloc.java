package fr.terrain.targeting;

import fr.terrain.election.Candidacy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which lists count as "our side" and which are "neighbours" whose voters may be persuaded, per
 * election. A list is named as imported (its head of list, {@code M. GRÉGOIRE Emmanuel}) or by
 * nuance code ({@code nuance:LUG}) where the data has one.
 *
 * @param ours election id → list names or {@code nuance:XXX}
 * @param neighbours election id → list names or {@code nuance:XXX}
 */
public record Bloc(String name, Map<String, List<String>> ours, Map<String, List<String>> neighbours) {
    public static final String NUANCE_PREFIX = "nuance:";

    /** Where a list stands relative to the bloc. */
    public enum Side { OURS, NEIGHBOUR, OTHER }

    public Bloc {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("un bloc doit avoir un nom");
        }
        ours = copy(ours);
        neighbours = copy(neighbours);
        if (ours.isEmpty()) {
            throw new IllegalArgumentException("le bloc « " + name + " » ne nomme aucune liste dans « ours »");
        }
        for (var e : ours.entrySet()) {
            Set<String> theirs = new java.util.HashSet<>(neighbours.getOrDefault(e.getKey(), List.of()).stream()
                    .map(Bloc::key).toList());
            // named as the file writes them (« M. RODRIGUEZ Patrick »), not as they are compared (upper case)
            Set<String> both = new TreeSet<>(e.getValue().stream().filter(l -> theirs.contains(key(l))).map(String::strip)
                    .toList());
            if (!both.isEmpty()) {
                throw new IllegalArgumentException("listes à la fois dans ours et neighbours pour " + e.getKey() + " : "
                        + String.join(", ", both));
            }
        }
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (m != null) {
            m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Whether the bloc says anything about this election. */
    public boolean covers(String electionId) {
        return ours.containsKey(electionId);
    }

    public Side sideOf(String electionId, Candidacy list) {
        if (matches(ours.getOrDefault(electionId, List.of()), list)) {
            return Side.OURS;
        }
        if (matches(neighbours.getOrDefault(electionId, List.of()), list)) {
            return Side.NEIGHBOUR;
        }
        return Side.OTHER;
    }

    /**
     * The names the bloc gives for this election (in {@code ours} or {@code neighbours}) that match none of its lists:
     * a label no list has, or a nuance no list carries. A typo there would make the bloc silently empty.
     */
    public List<String> unmatched(String electionId, java.util.Collection<Candidacy> lists) {
        List<String> out = new java.util.ArrayList<>();
        for (String n : java.util.stream.Stream.concat(ours.getOrDefault(electionId, List.of()).stream(),
                neighbours.getOrDefault(electionId, List.of()).stream()).toList()) {
            if (lists.stream().noneMatch(l -> matches(List.of(n), l))) {
                out.add(n);
            }
        }
        return out;
    }

    private static boolean matches(List<String> names, Candidacy list) {
        String label = key(list.label());
        for (String n : names) {
            if (n.regionMatches(true, 0, NUANCE_PREFIX, 0, NUANCE_PREFIX.length())) {
                if (list.nuance() != null && list.nuance().equalsIgnoreCase(n.substring(NUANCE_PREFIX.length()).strip())) {
                    return true;
                }
            } else if (key(n).equals(label)) {
                return true;
            }
        }
        return false;
    }

    /** Labels compare without regard to case or repeated spaces (files differ on both). */
    static String key(String label) {
        String s = Objects.requireNonNull(label).strip();
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) { // one pass: this runs for every list of every station
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }
}
