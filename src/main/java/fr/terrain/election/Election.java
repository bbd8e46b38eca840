package fr.terrain.election;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One round of an election (un tour de scrutin) in a territory, e.g. {@code paris-2020-t1}.
 * Rounds of the same election share a {@code contest} id ({@code paris-2020}).
 *
 * @param stationVintage the year of the polling-station boundaries (découpage) its results use,
 *     or {@code null} to take the newest vintage not later than the election year
 */
public record Election(String id, String contest, ElectionKind kind, String territory, int round,
        LocalDate date, Integer stationVintage) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    public Election {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(date, "date");
        if (date.getYear() < 1848 || date.getYear() > 2100) {
            throw new IllegalArgumentException("date de scrutin invraisemblable : " + date);
        }
        requireId(id, "id");
        requireId(contest, "contest");
        requireId(territory, "territory");
        if (round < 1 || round > 2) {
            throw new IllegalArgumentException("le tour doit être 1 ou 2, trouvé " + round);
        }
        if (stationVintage != null && (stationVintage < 1900 || stationVintage > 2100)) {
            throw new IllegalArgumentException("découpage invraisemblable " + stationVintage);
        }
    }

    /** A round whose id follows the convention {@code <territory>[-<kind>]-<year>-t<round>}. */
    public static Election of(ElectionKind kind, String territory, int round, LocalDate date) {
        String id = kind.roundId(territory, date.getYear(), round);
        return new Election(id, contestOf(id), kind, territory, round, date, null);
    }

    /**
     * Why an election id a user typed (a contest, {@code paris-2020}, or a round, {@code paris-2020-t1})
     * cannot be what they meant for a round held on {@code date} (null when unknown), or empty: a round
     * other than t1 or t2 ({@code paris-2020-t9} would name the contest "paris-2020-t9"), no year, or a
     * year that is not the date's.
     */
    public static Optional<String> idMistake(String id, LocalDate date) {
        if (id.matches(".*-t\\d+") && !id.matches(".*-t[12]")) {
            return Optional.of("un tour s'écrit -t1 ou -t2 ; l'élection sans son tour : "
                    + id.replaceFirst("-t\\d+$", ""));
        }
        List<Integer> years = Arrays.stream(id.split("-")).filter(p -> p.matches("(1[89]|20)\\d\\d"))
                .map(Integer::valueOf).toList();
        if (years.isEmpty()) {
            return Optional.of("l'identifiant doit porter l'année de l'élection, par ex. paris-2020 ou paris-2020-t1");
        }
        if (date != null && !years.contains(date.getYear())) {
            return Optional.of("l'identifiant nomme une élection de " + years.get(0) + ", mais le tour a lieu le "
                    + date);
        }
        return Optional.empty();
    }

    /** {@code paris-2020-t1} → {@code paris-2020}; an id without a round suffix is its own contest. */
    public static String contestOf(String roundId) {
        return roundId.replaceFirst("-t[12]$", "");
    }

    public int year() {
        return date.getYear();
    }

    private static void requireId(String value, String what) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " : lettres minuscules, chiffres et tirets attendus, trouvé " + value);
        }
    }
}
