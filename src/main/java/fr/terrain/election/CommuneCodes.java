package fr.terrain.election;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The area a commune's INSEE code gives its polling stations ({@link StationCode#area()}): Paris, Lyon and Marseille
 * number their bureaux per arrondissement ({@code 75112} → area 12), every other commune per commune ({@code 29039} →
 * area 29039, so never an arrondissement 1–99). One reading for the electoral list and INSEE's REU addresses.
 */
public final class CommuneCodes {
    /** Compiled once: the list reader asks for every voter's commune. */
    private static final Pattern CODE = Pattern.compile("\\d{5}|2[AB]\\d{3}");
    private static final Pattern CITY_RANGES = Pattern.compile("751\\d\\d|6938\\d|132\\d\\d");
    private static final Pattern DEMO_ARRONDISSEMENT = Pattern.compile("990\\d\\d");

    private CommuneCodes() {}

    /**
     * The arrondissement a commune code stands for: Paris 75101–75120, Lyon 69381–69389, Marseille 13201–13216; empty
     * elsewhere (the whole cities' codes 75056, 69123 and 13055 included).
     */
    public static Optional<Integer> arrondissement(String commune) {
        if (commune.length() != 5 || !commune.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int last = commune.startsWith("751") ? 20 : commune.startsWith("132") ? 16 : commune.startsWith("6938") ? 9 : 0;
        int n = Integer.parseInt(commune.substring(commune.startsWith("6938") ? 4 : 3));
        return n >= 1 && n <= last ? Optional.of(n) : Optional.empty();
    }

    /** Paris, Lyon or Marseille: the whole city's code (75056, 69123, 13055) or one of its arrondissements'. */
    public static boolean dividedIntoArrondissements(String commune) {
        return commune.equals("75056") || commune.equals("69123") || commune.equals("13055")
                || arrondissement(commune).isPresent();
    }

    /**
     * The area of the stations of a commune numbered per commune: its code as a number, Corsica's 2A004 and 2B033 under
     * their numbers from before the département was split (20004, 20033), which no two communes share. Empty for Paris,
     * Lyon and Marseille ({@link #dividedIntoArrondissements}: their areas are arrondissements).
     *
     * @throws IllegalArgumentException (in French) for a code that is no commune's: not 5 characters {@code 29039} or
     *     {@code 2A004}, below 01001, or in the ranges of Paris, Lyon or Marseille without being theirs ({@code 75121})
     */
    public static Optional<Integer> stationArea(String commune) {
        if (!CODE.matcher(commune).matches()) {
            throw new IllegalArgumentException("code de commune « " + commune + " » : attendu 5 caractères comme 29039"
                    + " (Corse : 2A004)");
        }
        if (dividedIntoArrondissements(commune)) {
            return Optional.empty();
        }
        if (CITY_RANGES.matcher(commune).matches()) {
            throw new IllegalArgumentException("code de commune « " + commune + " » inexistant (arrondissements : Paris"
                    + " 75101 à 75120, Lyon 69381 à 69389, Marseille 13201 à 13216)");
        }
        int area = Integer.parseInt(commune.replace('A', '0').replace('B', '0'));
        if (area < 1_001) { // the smallest commune code is 01001; areas 1 to 99 are arrondissements
            throw new IllegalArgumentException("code de commune « " + commune + " » inexistant");
        }
        return Optional.of(area);
    }

    /**
     * The area of the stations on a commune's electoral list: the arrondissement of Paris, Lyon and Marseille's
     * arrondissement codes and of the demo city's ({@code 99012} → 12: no commune's code starts with 99, INSEE's codes
     * for countries), {@link #stationArea} elsewhere; empty for the whole cities' codes (75056, 69123, 13055).
     *
     * @throws IllegalArgumentException as {@link #stationArea}, for a code that is no commune's
     */
    public static Optional<Integer> areaOf(String commune) {
        if (DEMO_ARRONDISSEMENT.matcher(commune).matches()) { // 99000 gives area 0, which StationCode refuses
            return Optional.of(Integer.parseInt(commune.substring(3)));
        }
        return arrondissement(commune).or(() -> stationArea(commune));
    }
}
