package fr.terrain.privacy;

import java.util.List;
import java.util.Optional;

/** Checks that an audit log, read in order, is the unbroken chain it was written as. */
public final class AuditChain {
    /** Where the chain breaks: the first entry that does not follow from the one before. */
    public record Break(long seq, String reason) {}

    private AuditChain() {}

    /** The first break in the entries (ordered by {@code seq}), or empty when the chain is whole. */
    public static Optional<Break> verify(List<AuditEntry> entries) {
        String previous = AuditEntry.GENESIS;
        long expected = 1;
        for (AuditEntry e : entries) {
            if (e.seq() != expected) {
                return Optional.of(new Break(expected, e.seq() > expected
                        ? "entrée n° " + expected + " absente (supprimée ?) : la suivante est la n° " + e.seq()
                        : "entrée n° " + e.seq() + " en double ou hors d'ordre"));
            }
            if (!e.previousHash().equals(previous)) {
                return Optional.of(new Break(e.seq(), "entrée n° " + e.seq()
                        + " : l'empreinte de l'entrée précédente ne correspond pas (entrée précédente modifiée ou remplacée)"));
            }
            if (!e.expectedHash().equals(e.hash())) {
                return Optional.of(new Break(e.seq(), "entrée n° " + e.seq() + " : son contenu a été modifié après écriture"));
            }
            previous = e.hash();
            expected++;
        }
        return Optional.empty();
    }
}
