package fr.terrain.election;

import java.util.regex.Pattern;

/**
 * A list (liste) in a municipal election, or a candidate in a single-name election, identified by
 * the label the publisher uses: the head of list ({@code M. WEIL Ariel}) or the candidate's name.
 *
 * @param nuance the Ministry's political nuance code ({@code LUG}, {@code LDVD}), or null
 * @param panel the deposit / panel number (numéro de dépôt), or null
 */
public record Candidacy(String label, String nuance, Integer panel) {

    private static final Pattern NUANCE = Pattern.compile("[A-Z]{2,8}");

    public Candidacy {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a list needs a head of list or a name");
        }
        label = label.strip().replaceAll("\\s+", " ");
        if (nuance != null && nuance.isBlank()) {
            nuance = null;
        }
        if (nuance != null && !NUANCE.matcher(nuance.strip()).matches()) {
            throw new IllegalArgumentException("a nuance code is 2–8 capital letters, found \"" + nuance + "\"");
        }
        if (nuance != null) {
            nuance = nuance.strip();
        }
        if (panel != null && panel < 0) {
            throw new IllegalArgumentException("negative panel number");
        }
    }

    public static Candidacy named(String label) {
        return new Candidacy(label, null, null);
    }
}
