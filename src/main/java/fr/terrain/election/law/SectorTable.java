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
        return plm(name, councilSeats, arrondissements);
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

    private static Sector plm(String name, int councilSeats, Integer... arrondissements) {
        return Sector.of(name, councilSeats, arrondissementCouncillors(councilSeats), arrondissements);
    }

    /**
     * Lyon under the 1982 law: 9 sectors, one per arrondissement, 73 members of the conseil
     * municipal. Tableau n° 3 annexé au Code électoral (art. L.261 and L.272-2), "Tableau des
     * secteurs pour l'élection des conseillers municipaux de Lyon": 4, 5, 12, 5, 8, 9, 9, 12, 9
     * (Légifrance text as published by etalab/codes-juridiques-francais,
     * codes-en-vigueur/code-electoral/annexes/tableau/article-annexe-tableau-no-3.md). Arrondissement
     * councillors by CGCT L.2511-8: 148, so 221 elected in all, the figure Lyon gave in 2020
     * (rtl.fr, 13 March 2020, after lyon.fr).
     */
    public static final SectorTable LYON_1982 = new SectorTable("lyon-1982", "Lyon",
            "Code électoral, tableau n° 3 ; CGCT art. L.2511-8",
            List.of(plm("1", 4, 1), plm("2", 5, 2), plm("3", 12, 3), plm("4", 5, 4), plm("5", 8, 5), plm("6", 9, 6),
                    plm("7", 9, 7), plm("8", 12, 8), plm("9", 9, 9)));

    /**
     * Marseille under the 1982 law as redrawn by loi n° 87-509 du 9 juillet 1987: 8 sectors of two
     * arrondissements, 101 members of the conseil municipal. Tableau n° 4 annexé au Code électoral,
     * "Tableau des secteurs pour l'élection des conseillers municipaux de Marseille": 1er (1er, 7e)
     * 11, 2e (2e, 3e) 8, 3e (4e, 5e) 11, 4e (6e, 8e) 15, 5e (9e, 10e) 15, 6e (11e, 12e) 13, 7e (13e,
     * 14e) 16, 8e (15e, 16e) 12 (etalab/codes-juridiques-francais,
     * codes-en-vigueur/code-electoral/annexes/tableau/article-annexe-tableau-no-4.md). Arrondissement
     * councillors by CGCT L.2511-8: 202 (the 7th sector's council has 48 members, 16 of whom sit in
     * the conseil municipal; the 3rd sector's 33, 11 of whom do).
     */
    public static final SectorTable MARSEILLE_1982 = new SectorTable("marseille-1982", "Marseille",
            "Code électoral, tableau n° 4 (loi n° 87-509 du 9 juillet 1987) ; CGCT art. L.2511-8",
            List.of(plm("1", 11, 1, 7), plm("2", 8, 2, 3), plm("3", 11, 4, 5), plm("4", 15, 6, 8), plm("5", 15, 9, 10),
                    plm("6", 13, 11, 12), plm("7", 16, 13, 14), plm("8", 12, 15, 16)));

    /** The sector tables known by id, for the command line. */
    public static final List<SectorTable> KNOWN = List.of(PARIS_2014, PARIS_2020, LYON_1982, MARSEILLE_1982);

    /** The cities divided into sectors, by the name the command line and the API use. */
    public static final List<String> CITIES = List.of("paris", "lyon", "marseille");

    /**
     * The sectors of a city in a given year: Paris 20 before 2020 and 17 from 2020, Lyon and
     * Marseille their 1982 (1987) tables.
     *
     * @throws IllegalArgumentException for a city other than paris, lyon or marseille
     */
    public static SectorTable of(String city, int year) {
        return switch (city) {
            case "paris" -> parisIn(year);
            case "lyon" -> LYON_1982;
            case "marseille" -> MARSEILLE_1982;
            default -> throw new IllegalArgumentException("ville inconnue : « " + city + " » (attendu "
                    + String.join(", ", CITIES) + ")");
        };
    }

    /**
     * The territory the demo city is imported under ({@code terrain generate city}, {@code terrain demo}). The city is
     * drawn on Paris's twenty arrondissements and its seats are counted as Paris's: its sectors are Paris's.
     */
    public static final String DEMO_TERRITORY = "demo";

    /**
     * The sectors of an election's territory in its year: Paris, Lyon and Marseille (and the demo city, as Paris); empty
     * for a commune without sectors, whose areas stand for themselves.
     */
    public static Optional<SectorTable> ofTerritory(String territory, int year) {
        String city = territory.equals(DEMO_TERRITORY) ? "paris" : territory;
        return CITIES.contains(city) ? Optional.of(of(city, year)) : Optional.empty();
    }

    /** The sectors of Paris in a given year: 20 before 2020, 17 from 2020 (Paris Centre). */
    public static SectorTable parisIn(int year) {
        return year < 2020 ? PARIS_2014 : PARIS_2020;
    }
}
