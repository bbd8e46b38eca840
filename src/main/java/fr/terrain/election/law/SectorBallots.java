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
     * arrondissements ({@code StationCode.arrondissement()}).
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

    private static Ballot sum(int round, List<StationResult> stations, Function<String, String> rename) {
        long expressed = 0;
        Map<String, Long> votes = new HashMap<>();
        for (StationResult r : stations) {
            expressed += r.expressed();
            for (StationResult.ListVotes v : r.votes()) {
                votes.merge(rename.apply(v.list().label()), (long) v.votes(), Long::sum);
            }
        }
        List<ListResult> lists = votes.entrySet().stream().map(e -> ListResult.of(e.getKey(), e.getValue())).toList();
        return new Ballot(round, expressed, lists);
    }
}
