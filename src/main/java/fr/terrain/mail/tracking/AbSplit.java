package fr.terrain.mail.tracking;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The random split of an A/B campaign's recipients: a sample of {@code share} of them, half
 * receiving variant A and half variant B (each list in assignment order: the order the sequential
 * test pairs them), and the rest, who later receive the winner. Drawn from a seed the campaign
 * keeps, so that the split can be checked again.
 */
public record AbSplit(List<Long> variantA, List<Long> variantB, List<Long> rest) {
    public AbSplit {
        variantA = List.copyOf(variantA);
        variantB = List.copyOf(variantB);
        rest = List.copyOf(rest);
    }

    /** The split of {@code recipients} (distinct ids) with a sample of {@code share} ∈ ]0, 1] of them, at least one per variant. */
    public static AbSplit of(List<Long> recipients, double share, long seed) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("part de l'échantillon hors de ]0, 1] : " + share);
        }
        if (recipients.size() < 2) {
            throw new IllegalArgumentException("un test A/B demande au moins deux destinataires");
        }
        List<Long> shuffled = new ArrayList<>(recipients);
        Collections.sort(shuffled); // the split depends on the seed only, not on the order the ids came in
        Collections.shuffle(shuffled, new Random(seed));
        int perVariant = Math.max(1, (int) Math.floor(recipients.size() * share / 2));
        return new AbSplit(shuffled.subList(0, perVariant), shuffled.subList(perVariant, 2 * perVariant),
                shuffled.subList(2 * perVariant, shuffled.size()));
    }
}
