package fr.terrain.election.law;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The municipal voting systems Terrain knows. Each is data (seat counts, sector table, bonus
 * rule) over the one list-vote rule of {@link ListVoting}, so Lyon or Marseille are new
 * {@link SectorTable}s, not new code.
 */
public sealed interface VotingSystem {

    /** The id written on the command line ({@code commune}, {@code paris-1982}, {@code paris-2025}). */
    String id();

    /** A commune of 1,000 inhabitants or more: one constituency (Code électoral L.260–L.262, L.264). */
    record Commune(int seats) implements VotingSystem {
        public Commune {
            if (seats < 1) {
                throw new IllegalArgumentException("une commune élit au moins un conseiller, trouvé " + seats);
            }
        }

        @Override
        public String id() {
            return "commune";
        }

        public SeatAllocation allocate(Ballot ballot) {
            return ListVoting.allocate(id(), seats, new BonusRule.Half(), ballot);
        }
    }

    /**
     * Paris, Lyon and Marseille under the loi n° 82-1169 du 31 décembre 1982 (PLM), until 2020: one
     * ballot per sector; the sector's council seats are allocated first by L.262, then its
     * arrondissement seats "dans les mêmes conditions" (Code électoral art. L.272-5 in that version).
     * The city council is the sum of the sectors' council seats. Sectors without a count are left
     * out (see {@link CityAllocation#sectorsWithoutResults()}).
     */
    record SectorVote(String id, SectorTable table) implements VotingSystem {
        public SectorVote {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(table, "table");
        }

        public CityAllocation allocate(Map<Sector, Ballot> ballots) {
            Map<String, CityAllocation.SectorOutcome> sectors = new LinkedHashMap<>();
            for (Sector s : table.sectors()) {
                Ballot b = ballots.get(s);
                if (b == null) {
                    continue; // a count of part of the city (one arrondissement's file): its sectors only
                }
                SeatAllocation council = s.councilSeats() > 0
                        ? ListVoting.allocate(id, s.councilSeats(), new BonusRule.Half(), b) : null;
                SeatAllocation arrondissement = s.arrondissementSeats() > 0
                        ? ListVoting.allocate(id, s.arrondissementSeats(), new BonusRule.Half(), b) : null;
                sectors.put(s.name(), new CityAllocation.SectorOutcome(s, council, arrondissement));
            }
            return new CityAllocation(id, table, null, sectors);
        }
    }

    /**
     * Paris, Lyon and Marseille after the loi n° 2025-795 du 11 août 2025: two separate ballots
     * (Code électoral L.271). The city council is elected city-wide, its bonus a quarter of the
     * seats (L.272-4-1); arrondissement councils are still elected by sector under L.262.
     *
     * @param councilSeats members of the city council (163 in Paris, CGCT L.2512-3)
     * @param sectors the sectors electing arrondissement councils (their council seats are ignored)
     */
    record CityWideCouncil(String id, int councilSeats, SectorTable sectors) implements VotingSystem {
        public CityWideCouncil {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(sectors, "sectors");
            if (councilSeats < 1) {
                throw new IllegalArgumentException("le conseil doit avoir au moins un siège");
            }
        }

        /**
         * @param cityBallot the council ballot summed over the city, lists named as city-wide lists
         * @param sectorBallots the arrondissement ballot of each sector
         */
        public CityAllocation allocate(Ballot cityBallot, Map<Sector, Ballot> sectorBallots) {
            SeatAllocation council = ListVoting.allocate(id, councilSeats, new BonusRule.Quarter(), cityBallot);
            Map<String, CityAllocation.SectorOutcome> out = new LinkedHashMap<>();
            for (Sector s : sectors.sectors()) {
                Ballot b = sectorBallots.get(s);
                if (b == null) {
                    continue;
                }
                out.put(s.name(), new CityAllocation.SectorOutcome(s, null,
                        ListVoting.allocate(id, s.arrondissementSeats(), new BonusRule.Half(), b)));
            }
            return new CityAllocation(id, sectors, council, out);
        }
    }

    /** Paris under the 1982 law: 20 sectors before 2020, 17 from 2020 (Paris Centre). */
    static SectorVote paris1982(int year) {
        return new SectorVote("paris-1982", SectorTable.parisIn(year));
    }

    /** Paris from 2026: 163 members elected city-wide, arrondissement councils by the 2020 sectors. */
    static CityWideCouncil paris2025() {
        return new CityWideCouncil("paris-2025", 163, SectorTable.PARIS_2020);
    }

    /**
     * Paris, Lyon or Marseille under the 1982 law ({@code paris-1982} on the command line whatever
     * the city): the city's sector table of that year.
     */
    static SectorVote plm1982(String city, int year) {
        return new SectorVote("paris-1982", SectorTable.of(city, year));
    }

    /**
     * Paris, Lyon or Marseille from 2026: the council (163, 73 or 101 members: the total of the
     * city's table) elected city-wide; arrondissement councils by the city's sectors, with the 1982
     * counts standing in for the 2025 table (docs/electoral-law.md).
     */
    static CityWideCouncil plm2025(String city) {
        SectorTable table = SectorTable.of(city, 2026);
        return new CityWideCouncil("paris-2025", table.councilSeats(), table);
    }
}
