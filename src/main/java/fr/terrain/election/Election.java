package fr.terrain.election;

import java.time.LocalDate;
import java.util.Objects;
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
