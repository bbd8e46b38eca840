package fr.terrain.web;

import fr.terrain.election.law.CityAllocation;
import fr.terrain.election.law.SeatAllocation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seat allocations as JSON objects. The field names are a contract (issue 4): {@code system},
 * {@code seats_total}, {@code round}, {@code expressed}, {@code bonus_to}, {@code bonus_seats},
 * {@code eligible}, {@code qualified_for_round_two}, {@code seats}; for a city {@code sectors} and
 * {@code council}.
 */
public final class SeatsJson {
    private SeatsJson() {}

    public static Map<String, Object> of(SeatAllocation a) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("system", a.system());
        o.put("seats_total", a.seatsTotal());
        o.put("round", a.round());
        o.put("expressed", a.expressed());
        o.put("goes_to_round_two", a.goesToRoundTwo());
        o.put("bonus_to", a.bonusTo());
        o.put("bonus_seats", a.bonusSeats());
        o.put("eligible", a.eligible());
        o.put("qualified_for_round_two", a.qualifiedForRoundTwo());
        o.put("votes", a.votes());
        o.put("seats", a.seats());
        return o;
    }

    /**
     * A city: {@code sectors} maps each sector to its allocation object (its council seats, with its
     * arrondissement council seats under {@code arrondissement_council}; under the 2025 system, the
     * arrondissement council only) and {@code council} maps each list to its council seats.
     */
    public static Map<String, Object> of(CityAllocation c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("system", c.system());
        o.put("sector_table", c.table().id());
        o.put("source", c.table().source());
        o.put("round", c.sectors().values().iterator().next().main().round());
        Map<String, Object> sectors = new LinkedHashMap<>();
        c.sectors().forEach((name, s) -> {
            Map<String, Object> sector = of(s.main());
            sector.put("arrondissements", s.sector().arrondissements());
            if (s.council() != null && s.arrondissement() != null) {
                sector.put("arrondissement_council", of(s.arrondissement()));
            }
            sectors.put(name, sector);
        });
        o.put("sectors", sectors);
        o.put("sectors_going_to_round_two", c.sectorsGoingToRoundTwo());
        o.put("sectors_without_results", c.sectorsWithoutResults());
        if (c.cityWide() != null) {
            o.put("council_ballot", of(c.cityWide()));
        }
        o.put("council_seats_allocated", c.councilSeatsAllocated());
        o.put("council", c.council());
        return o;
    }
}
