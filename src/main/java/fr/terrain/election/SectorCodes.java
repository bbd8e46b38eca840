package fr.terrain.election;

import java.util.Locale;
import java.util.Optional;

/**
 * What a sector is — the unit an organizer, a team, an invitation and a turf belong to: an arrondissement, 1 to 99
 * (Paris's, Lyon's, Marseille's, the demo city's), or a commune numbered per commune, as the area of its stations
 * ({@link CommuneCodes#stationArea}: 29039, Corsica's 2A004 as 20004), so that a turf cut from {@code 29039-1} is in
 * sector 29039. Users write a commune as INSEE does, {@code 29039} or {@code 2A004}.
 */
public final class SectorCodes {
    /** The highest arrondissement number; any higher sector is a commune. */
    public static final int LAST_ARRONDISSEMENT = 99;

    /** How users may write a sector, for help texts and messages. */
    public static final String SPELLING = "un arrondissement de 1 à 99, ou le code INSEE d'une commune comme 29039"
            + " (Corse : 2A004)";

    private SectorCodes() {}

    public static boolean isArrondissement(int sector) {
        return sector >= 1 && sector <= LAST_ARRONDISSEMENT;
    }

    /** Why {@code sector} is no sector, in French, or empty when it is one. */
    public static Optional<String> problem(int sector) {
        if (isArrondissement(sector)) {
            return Optional.empty();
        }
        boolean commune;
        try {
            commune = sector > LAST_ARRONDISSEMENT && sector <= 99_999
                    && CommuneCodes.stationArea(String.format(Locale.ROOT, "%05d", sector)).isPresent();
        } catch (IllegalArgumentException noCommune) {
            commune = false;
        }
        return commune ? Optional.empty() : Optional.of("secteur invalide : " + sector + " (" + SPELLING + ")");
    }

    /** Refuses what is no sector, with {@link #problem}'s message. */
    public static int check(int sector) {
        problem(sector).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return sector;
    }

    /**
     * Reads a sector as the API receives it by number — a JSON number, a page's address ({@code ?arrondissement=12}):
     * its number as teams' and turfs' JSON give it back ({@code 12}, {@code 29039}, {@code 1001} for the commune 01001),
     * else as users write it ({@link #parse}: {@code 2A004}).
     *
     * @throws IllegalArgumentException in French, {@link #parse}'s message naming the text (« « 75112 » est Paris 12e :
     *     écrivez 12 »)
     */
    public static int read(String text) {
        String t = text == null ? "" : text.strip();
        if (t.matches("\\d{1,9}") && problem(Integer.parseInt(t)).isEmpty()) {
            return Integer.parseInt(t);
        }
        return parse(t);
    }

    /**
     * Reads a list of sectors as users type it: {@code 11,12,20} or {@code 12 29039} (commas, semicolons or spaces),
     * each as {@link #parse} reads it; an empty text is no sector.
     *
     * @throws IllegalArgumentException in French, naming the item it cannot read
     */
    public static java.util.Set<Integer> parseList(String text) {
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        for (String item : (text == null ? "" : text).split("[,;\\s]+")) {
            if (!item.isBlank()) {
                out.add(parse(item));
            }
        }
        return out;
    }

    /**
     * Reads a sector as users write it: {@code 12} (an arrondissement, leading zeros tolerated), {@code 29039} or
     * {@code 2A004} (a commune, five characters). Paris's, Lyon's and Marseille's codes are refused with the number to
     * write instead ({@code 75112}: 12), since their sectors are arrondissements.
     *
     * @throws IllegalArgumentException in French, naming the text
     */
    public static int parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        if (t.matches("\\d{5}|2[AB]\\d{3}")) {
            Optional<Integer> area = CommuneCodes.stationArea(t); // refuses a code that is no commune's
            if (area.isPresent()) {
                return area.get();
            }
            String city = t.startsWith("75") ? "Paris" : t.startsWith("69") ? "Lyon" : "Marseille";
            throw new IllegalArgumentException(CommuneCodes.arrondissement(t)
                    .map(n -> "« " + t + " » est " + city + " " + Ordinal.of(n) + " : écrivez " + n)
                    .orElse("« " + t + " » : Paris, Lyon et Marseille ont pour secteurs leurs arrondissements ;"
                            + " écrivez leurs numéros, par ex. 12"));
        }
        if (t.matches("\\d{1,4}") && isArrondissement(Integer.parseInt(t))) {
            return Integer.parseInt(t);
        }
        throw new IllegalArgumentException("« " + (text == null ? "" : text.strip()) + " » n'est ni un arrondissement"
                + " (1 à 99) ni le code INSEE d'une commune (29039, Corse 2A004)");
    }
}
