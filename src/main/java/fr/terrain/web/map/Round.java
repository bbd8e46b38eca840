package fr.terrain.web.map;

import fr.terrain.atlas.Counts;
import fr.terrain.election.Election;
import fr.terrain.election.StationCode;
import fr.terrain.election.StationCommunes;
import fr.terrain.election.StationResult;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One round's counts, ready for the map.
 *
 * @param vintage the station boundaries its results refer to, or null when none is loaded
 * @param lists the round's lists, most votes first
 * @param communes the communes of its results: the stations of its vintage it shows (ADR 0028)
 */
record Round(Election election, Integer vintage, Map<StationCode, StationResult> results,
        Map<StationCode, Counts> counts, Counts total, List<ListTotal> lists, StationCommunes communes) {

    /**
     * A list's votes over the whole territory, and its share of the exprimés of the stations where
     * it ran (in Paris each sector has its own lists).
     *
     * @param arrondissements where it ran
     */
    record ListTotal(String label, String nuance, double votes, double share, List<Integer> arrondissements) {}

    static Round of(Election election, Integer vintage, List<StationResult> results) {
        Map<StationCode, StationResult> byCode = new java.util.LinkedHashMap<>();
        Map<StationCode, Counts> counts = new java.util.LinkedHashMap<>();
        Map<String, String> nuances = new java.util.HashMap<>();
        Map<String, Double> expressedWhereRunning = new java.util.HashMap<>();
        Map<String, java.util.SortedSet<Integer>> areas = new java.util.HashMap<>();
        Counts total = Counts.ZERO;
        for (StationResult r : results) {
            byCode.put(r.station(), r);
            Counts c = Counts.of(r);
            counts.put(r.station(), c);
            total = total.plus(c);
            for (StationResult.ListVotes v : r.votes()) {
                nuances.putIfAbsent(v.list().label(), v.list().nuance());
                expressedWhereRunning.merge(v.list().label(), (double) r.expressed(), Double::sum);
                areas.computeIfAbsent(v.list().label(), k -> new java.util.TreeSet<>()).add(r.station().arrondissement());
            }
        }
        List<ListTotal> lists = total.listVotes().entrySet().stream()
                .map(e -> {
                    double expressed = expressedWhereRunning.get(e.getKey());
                    return new ListTotal(e.getKey(), nuances.get(e.getKey()), e.getValue(),
                            expressed == 0 ? 0 : 100 * e.getValue() / expressed, List.copyOf(areas.get(e.getKey())));
                })
                .sorted(Comparator.comparingDouble(ListTotal::votes).reversed()).toList();
        return new Round(election, vintage, byCode, counts, total, lists, StationCommunes.of(byCode.keySet()));
    }

    Optional<ListTotal> list(String label) {
        return lists.stream().filter(l -> l.label().equals(label)).findFirst();
    }
}
