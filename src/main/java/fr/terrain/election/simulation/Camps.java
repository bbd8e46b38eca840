package fr.terrain.election.simulation;

import fr.terrain.election.Candidacy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which camp (political family) each list belongs to, so that seats add up city-wide although in
 * Paris every sector has its own head of list. A camp is named by selectors: a list's label as
 * published ({@code Mme DATI Rachida}), {@code nuance:LUD} for every list of that Ministry nuance,
 * or {@code *} for every list no other selector names. Labels are matched ignoring case and
 * repeated spaces.
 *
 * @param selectors camp → its selectors, in the user's order; empty for {@link #byLabel()}
 */
public record Camps(Map<String, List<String>> selectors) {
    public static final String ANY = "*";
    private static final String NUANCE = "nuance:";

    public Camps {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : selectors.entrySet()) {
            String camp = e.getKey() == null ? "" : e.getKey().strip();
            if (camp.isEmpty() || camp.length() > 80) {
                throw new IllegalArgumentException("nom de camp vide ou trop long : « " + e.getKey() + " »");
            }
            List<String> own = new ArrayList<>();
            for (String s : e.getValue()) {
                String key = normalise(s);
                if (key.isEmpty() || key.equals(NUANCE)) {
                    throw new IllegalArgumentException("le camp « " + camp + " » a un sélecteur vide");
                }
                String other = seen.put(key, camp);
                if (other != null) {
                    throw new IllegalArgumentException(other.equals(camp)
                            ? "« " + s.strip() + " » est deux fois dans le camp « " + camp + " »"
                            : "« " + s.strip() + " » est dans deux camps : « " + other + " » et « " + camp + " »");
                }
                own.add(s.strip());
            }
            if (copy.put(camp, List.copyOf(own)) != null) {
                throw new IllegalArgumentException("camp en double : " + camp);
            }
        }
        selectors = Collections.unmodifiableMap(copy);
    }

    /** No grouping: every list label is its own camp. */
    public static Camps byLabel() {
        return new Camps(Map.of());
    }

    public boolean isByLabel() {
        return selectors.isEmpty();
    }

    /**
     * The camp that takes every list no other selector names ({@code *}): not a political family,
     * so round-2 transfers treat its lists as having no camp of their own.
     */
    public Optional<String> catchAll() {
        return selectors.entrySet().stream().filter(e -> e.getValue().contains(ANY)).map(Map.Entry::getKey).findFirst();
    }

    /** The camp of a list: its label's, else its nuance's, else the {@code *} camp. */
    public Optional<String> campOf(Candidacy list) {
        if (isByLabel()) {
            return Optional.of(list.label());
        }
        String label = normalise(list.label());
        String nuance = list.nuance() == null ? null : normalise(NUANCE + list.nuance());
        String any = null;
        String byNuance = null;
        for (Map.Entry<String, List<String>> e : selectors.entrySet()) {
            for (String s : e.getValue()) {
                String key = normalise(s);
                if (key.equals(label)) {
                    return Optional.of(e.getKey());
                }
                if (key.equals(nuance)) {
                    byNuance = e.getKey();
                }
                if (key.equals(ANY)) {
                    any = e.getKey();
                }
            }
        }
        return Optional.ofNullable(byNuance != null ? byNuance : any);
    }

    /**
     * Each list's camp.
     *
     * @throws IllegalArgumentException naming the lists no selector covers (add them or a {@code *})
     */
    public Map<String, String> assign(Iterable<Candidacy> lists) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (Candidacy c : lists) {
            campOf(c).ifPresentOrElse(camp -> out.put(c.label(), camp), () -> missing.add(c.label()));
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(missing.size() + " liste(s) dans aucun camp : "
                    + String.join(", ", missing.stream().limit(12).toList()) + (missing.size() > 12 ? ", …" : "")
                    + " (nommez-les, ou ajoutez \"*\" à un camp pour toutes les autres)");
        }
        return out;
    }

    /** Label selectors that name none of {@code lists} (a typo, or a list of another election). */
    public List<String> unusedLabels(Iterable<Candidacy> lists) {
        Set<String> labels = new LinkedHashSet<>();
        lists.forEach(c -> labels.add(normalise(c.label())));
        List<String> out = new ArrayList<>();
        selectors.values().forEach(ss -> ss.stream()
                .filter(s -> !s.equals(ANY) && !normalise(s).startsWith(NUANCE) && !labels.contains(normalise(s)))
                .forEach(out::add));
        return out;
    }

    private static String normalise(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    }
}
