package fr.terrain.privacy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The last entry of the audit log as seen at a checkpoint, kept outside the database. A chain
 * alone cannot show that its last entries were cut off (what is left is still a whole chain);
 * comparing it with a head recorded earlier does, for every entry up to that head.
 */
public record AuditHead(long seq, String hash) {
    public AuditHead {
        Objects.requireNonNull(hash, "hash");
        if (seq < 0) {
            throw new IllegalArgumentException("tête de journal invalide : n° " + seq);
        }
    }

    /** The head of these entries (ordered by seq): the last one, or seq 0 for an empty log. */
    public static AuditHead of(List<AuditEntry> entries) {
        return entries.isEmpty() ? new AuditHead(0, AuditEntry.GENESIS)
                : new AuditHead(entries.getLast().seq(), entries.getLast().hash());
    }

    /** Why these entries (a whole chain) do not extend this earlier head, or empty when they do. */
    public Optional<AuditChain.Break> contradiction(List<AuditEntry> entries) {
        if (seq == 0) {
            return Optional.empty();
        }
        if (entries.size() < seq) {
            return Optional.of(new AuditChain.Break(entries.size() + 1L, "le journal s'arrête à l'entrée n° " + entries.size()
                    + " alors qu'il en comptait au moins " + seq + " au dernier point de contrôle : "
                    + (entries.size() + 1 == seq ? "l'entrée n° " + seq + " a été supprimée"
                            : "les entrées n° " + (entries.size() + 1) + " à " + seq + " ont été supprimées")));
        }
        AuditEntry atHead = entries.get((int) seq - 1);
        if (atHead.seq() != seq || !atHead.hash().equals(hash)) {
            return Optional.of(new AuditChain.Break(seq, "l'entrée n° " + seq + " n'est plus celle du dernier point de"
                    + " contrôle (empreinte " + hash.substring(0, 12) + "… attendue) : le journal a été réécrit"));
        }
        return Optional.empty();
    }
}
