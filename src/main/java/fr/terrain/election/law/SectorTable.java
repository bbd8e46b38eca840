package fr.terrain.election.law;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a city is divided into sectors and how many councillors each elects: the tables annexed to
 * the Code électoral (tableau n° 2 for Paris) and, for arrondissement councils, CGCT art. L.2511-8
 * (twice the sector's council members, at least 10 and at most 40).
 *
 * @param source where the figures come from (law, article, URL)
 */
public record SectorTable(String id, String city, String source, List<Sector> sectors) {

    public SectorTable {
        if (sectors == null || sectors.isEmpty()) {
            throw new IllegalArgumentException("une table de secteurs doit avoir au moins un secteur");
        }
        sectors = List.copyOf(sectors);
        Map<Integer, String> seen = new HashMap<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Sector s : sectors) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("secteur en double : " + s.name());
            }
            for (int a : s.arrondissements()) {
                String other = seen.put(a, s.name());
                if (other != null) {
                    throw new IllegalArgumentException("l'arrondissement " + a + " est dans les secteurs " + other
                            + " et " + s.name());
                }
            }
        }
    }

    public Optional<Sector> sectorOf(int arrondissement) {
        return sectors.stream().filter(s -> s.arrondissements().contains(arrondissement)).findFirst();
    }

    public int councilSeats() {
        return sectors.stream().mapToInt(Sector::councilSeats).sum();
    }

    public int arrondissementSeats() {
        return sectors.stream().mapToInt(Sector::arrondissementSeats).sum();
    }

    /** CGCT art. L.2511-8: twice the council members, no fewer than 10, no more than 40. */
    public static int arrondissementCouncillors(int councilSeats) {
        return Math.max(10, Math.min(40, 2 * councilSeats));
    }

    private static Sector paris(String name, int councilSeats, Integer... arrondissements) {
        return Sector.of(name, councilSeats, arrondissementCouncillors(councilSeats), arrondissements);
    }

    /**
     * Paris in 2014: 20 sectors, one per arrondissement. Tableau n° 2 annexed to the Code électoral
     * as rewritten by loi n° 2013-713 du 5 août 2013, art. 1er (text adopted by the Sénat,
     * Assemblée nationale document n° 1300, 24 July 2013, adopted unchanged). 163 members; 364
     * arrondissement councillors by CGCT L.2511-8 (527 elected in all, the figure paris.fr gives).
     */
    public static final SectorTable PARIS_2014 = new SectorTable("paris-2014", "Paris",
            "Code électoral, tableau n° 2 (loi n° 2013-713 du 5 août 2013, art. 1er) ; CGCT art. L.2511-8",
            List.of(paris("1", 1, 1), paris("2", 2, 2), paris("3", 3, 3), paris("4", 2, 4), paris("5", 4, 5),
                    paris("6", 3, 6), paris("7", 4, 7), paris("8", 3, 8), paris("9", 4, 9), paris("10", 7, 10),
                    paris("11", 11, 11), paris("12", 10, 12), paris("13", 13, 13), paris("14", 10, 14),
                    paris("15", 18, 15), paris("16", 13, 16), paris("17", 12, 17), paris("18", 15, 18),
                    paris("19", 14, 19), paris("20", 14, 20)));

    /**
     * Paris in 2020: the 1st–4th arrondissements form the 1st sector, "Paris Centre", with the 8
     * seats they had together (loi n° 2017-257 du 28 février 2017 relative au statut de Paris,
     * art. 21 and 22, in force from the 2020 renewal); the other sectors are unchanged from 2013.
     */
    public static final SectorTable PARIS_2020 = new SectorTable("paris-2020", "Paris",
            "Code électoral, tableau n° 2 (loi n° 2013-713 du 5 août 2013 ; loi n° 2017-257 du 28 février 2017,"
                    + " art. 21-22) ; CGCT art. L.2511-8",
            List.of(paris("1", 8, 1, 2, 3, 4), paris("5", 4, 5), paris("6", 3, 6), paris("7", 4, 7), paris("8", 3, 8),
                    paris("9", 4, 9), paris("10", 7, 10), paris("11", 11, 11), paris("12", 10, 12),
                    paris("13", 13, 13), paris("14", 10, 14), paris("15", 18, 15), paris("16", 13, 16),
                    paris("17", 12, 17), paris("18", 15, 18), paris("19", 14, 19), paris("20", 14, 20)));

    /** The sector tables known by id, for the command line. */
    public static final List<SectorTable> KNOWN = List.of(PARIS_2014, PARIS_2020);

    /** The sectors of Paris in a given year: 20 before 2020, 17 from 2020 (Paris Centre). */
    public static SectorTable parisIn(int year) {
        return year < 2020 ? PARIS_2014 : PARIS_2020;
    }
}
