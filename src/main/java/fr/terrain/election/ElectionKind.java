package fr.terrain.election;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of French elections, with the short slug used in election ids. */
public enum ElectionKind {
    MUNICIPALES("municipales", ""),
    PRESIDENTIELLE("presidentielle", "pres"),
    LEGISLATIVES("legislatives", "leg"),
    EUROPEENNES("europeennes", "euro"),
    REGIONALES("regionales", "reg"),
    DEPARTEMENTALES("departementales", "dep");

    private final String label;
    private final String idSlug;

    ElectionKind(String label, String idSlug) {
        this.label = label;
        this.idSlug = idSlug;
    }

    /** Lower-case French name, as written on the command line (`municipales`). */
    public String label() {
        return label;
    }

    /**
     * The id of one round: {@code paris-2020-t1} for municipal elections, which are the default,
     * {@code paris-pres-2012-t1} for the other kinds.
     */
    public String roundId(String territory, int year, int round) {
        return idSlug.isEmpty()
                ? territory + "-" + year + "-t" + round
                : territory + "-" + idSlug + "-" + year + "-t" + round;
    }

    /** Accepts the label, the slug or a common spelling ("Municipales", "présidentielle"). */
    public static Optional<ElectionKind> find(String text) {
        String t = Text.fold(text);
        return Arrays.stream(values())
                .filter(k -> k.label.equals(t) || (!k.idSlug.isEmpty() && k.idSlug.equals(t))
                        || t.startsWith(k.label.substring(0, 5)))
                .findFirst();
    }
}
