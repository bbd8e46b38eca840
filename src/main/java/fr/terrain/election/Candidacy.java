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
            throw new IllegalArgumentException("une liste doit avoir une tête de liste ou un nom");
        }
        label = label.strip().replaceAll("\\s+", " ");
        if (nuance != null && nuance.isBlank()) {
            nuance = null;
        }
        if (nuance != null && !NUANCE.matcher(nuance.strip()).matches()) {
            throw new IllegalArgumentException("un code de nuance a de 2 à 8 majuscules, trouvé \"" + nuance + "\"");
        }
        if (nuance != null) {
            nuance = nuance.strip();
        }
        if (panel != null && panel < 0) {
            throw new IllegalArgumentException("numéro de dépôt négatif");
        }
    }

    public static Candidacy named(String label) {
        return new Candidacy(label, null, null);
    }
}
