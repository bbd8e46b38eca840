package fr.terrain.election.law;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The seats of a city divided into sectors: each sector's outcome and the city council.
 *
 * @param cityWide the city-wide council ballot's allocation (2025 system), or null when the
 *     council is made of the sectors' council seats (1982 system)
 */
public record CityAllocation(String system, SectorTable table, SeatAllocation cityWide,
        Map<String, SectorOutcome> sectors) {

    public CityAllocation {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(table, "table");
        sectors = Collections.unmodifiableMap(new LinkedHashMap<>(sectors));
        if (sectors.isEmpty()) {
            throw new IllegalArgumentException("aucun secteur n'a de résultats");
        }
    }

    /**
     * One sector.
     *
     * @param council the allocation of its council seats, or null when it elects none
     * @param arrondissement the allocation of its arrondissement council seats, or null
     */
    public record SectorOutcome(Sector sector, SeatAllocation council, SeatAllocation arrondissement) {
        public SectorOutcome {
            Objects.requireNonNull(sector, "sector");
            if (council == null && arrondissement == null) {
                throw new IllegalArgumentException("un secteur sans aucune répartition");
            }
        }

        /** The allocation that stands for the sector in reports: its council seats when it has any. */
        public SeatAllocation main() {
            return council != null ? council : arrondissement;
        }

        public boolean goesToRoundTwo() {
            return main().goesToRoundTwo();
        }
    }

    /**
     * Council seats per list (0 allowed): the city-wide ballot's, or the sum over sectors decided
     * in this round. Sectors going to round 2 add nothing yet.
     */
    public Map<String, Integer> council() {
        if (cityWide != null) {
            return cityWide.goesToRoundTwo() ? zeros(cityWide.seats().keySet()) : cityWide.seats();
        }
        Map<String, Integer> total = new LinkedHashMap<>();
        for (SectorOutcome o : sectors.values()) {
            if (o.council() != null) {
                o.council().seats().forEach((list, n) -> total.merge(list, n, Integer::sum));
            }
        }
        List<Map.Entry<String, Integer>> sorted = total.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).toList();
        Map<String, Integer> out = new LinkedHashMap<>();
        sorted.forEach(e -> out.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(out);
    }

    /** Council seats given in this round (less than the council's size when sectors go to round 2). */
    public int councilSeatsAllocated() {
        return council().values().stream().mapToInt(Integer::intValue).sum();
    }

    public List<String> sectorsGoingToRoundTwo() {
        return sectors.entrySet().stream().filter(e -> e.getValue().goesToRoundTwo()).map(Map.Entry::getKey).toList();
    }

    /** Sectors of the table absent from the count (a file covering part of the city). */
    public List<String> sectorsWithoutResults() {
        return table.sectors().stream().map(Sector::name).filter(n -> !sectors.containsKey(n)).toList();
    }

    private static Map<String, Integer> zeros(java.util.Set<String> lists) {
        Map<String, Integer> out = new LinkedHashMap<>();
        lists.forEach(l -> out.put(l, 0));
        return out;
    }
}
