package fr.terrain.election.law;

import fr.terrain.election.StationResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Station counts (bureaux de vote) summed into the ballot of each sector, or of the whole city. */
public final class SectorBallots {
    private SectorBallots() {}

    /**
     * Each sector's ballot: exprimés and list votes summed over the stations of its
     * arrondissements ({@code StationCode.arrondissement()}); see {@link #sum} for a station whose lists exceed its
     * exprimés.
     *
     * @throws IllegalArgumentException when a station lies in no sector of the table
     */
    public static Map<Sector, Ballot> bySector(SectorTable table, int round, List<StationResult> stations) {
        Map<Sector, List<StationResult>> grouped = new LinkedHashMap<>();
        table.sectors().forEach(s -> grouped.put(s, new ArrayList<>()));
        for (StationResult r : stations) {
            Sector s = table.sectorOf(r.station().arrondissement()).orElseThrow(() -> new IllegalArgumentException(
                    "le bureau " + r.station() + " n'appartient à aucun secteur de la table " + table.id()));
            grouped.get(s).add(r);
        }
        Map<Sector, Ballot> out = new LinkedHashMap<>();
        grouped.forEach((s, rs) -> {
            if (!rs.isEmpty()) {
                out.put(s, sum(round, rs, Function.identity()));
            }
        });
        return out;
    }

    /**
     * The city-wide ballot, each station list renamed by {@code cityList} (the same city list runs
     * under different heads in different sectors; identity when the labels already are city lists).
     */
    public static Ballot cityWide(int round, List<StationResult> stations, Function<String, String> cityList) {
        return sum(round, stations, cityList);
    }

    /**
     * The stations' counts summed. A station whose lists' votes exceed its exprimés (a typo the import kept as a
     * warning: « la somme des voix (555) diffère des exprimés (455) ») counts its lists' votes as its exprimés: which of
     * the two numbers is wrong no one knows here, and one station's typo must not refuse its sector's count, nor the
     * city's (it did: « les voix des listes dépassent les suffrages exprimés » for all 17 sectors).
     */
    private static Ballot sum(int round, List<StationResult> stations, Function<String, String> rename) {
        long expressed = 0;
        Map<String, Long> votes = new HashMap<>();
        for (StationResult r : stations) {
            long listed = 0;
            for (StationResult.ListVotes v : r.votes()) {
                votes.merge(rename.apply(v.list().label()), (long) v.votes(), Long::sum);
                listed += v.votes();
            }
            expressed += Math.max(r.expressed(), listed);
        }
        List<ListResult> lists = votes.entrySet().stream().map(e -> ListResult.of(e.getKey(), e.getValue())).toList();
        return new Ballot(round, expressed, lists);
    }
}
