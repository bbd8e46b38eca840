package fr.terrain.store;

import fr.terrain.privacy.IdentifierHasher;
import fr.terrain.privacy.RightsRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * A backup restored in place of a store must not bring back whom the store had let go since the backup
 * was made: the store's suppression list (objections, unsubscriptions, STOPs and erasures, as keyed
 * hashes) is read before the restore, what the backup lacks of it is written back after, and applied
 * to the restored data as it was when first received: a person erased since is erased again, the
 * electoral-list rows of anyone on the list are removed, the consents of whoever matches are withdrawn.
 * GDPR art. 17 (an erasure holds for copies brought back into use) and PRIVACY.md (an objection
 * survives re-imports; a restore is one).
 */
final class RestoredSuppression {
    /** One row of the suppression list, as the store holds it. */
    record Row(String kind, String hash, String reason, String via, String by, LocalDateTime at) {
        String key() {
            return kind + ":" + hash;
        }
    }

    /** What a restore re-applied: the rows the backup lacked, and what they removed from it. */
    record Reapplied(int hashes, int personsErased, int voterRowsRemoved, int consentsWithdrawn) {
        static final Reapplied NONE = new Reapplied(0, 0, 0, 0);
    }

    private RestoredSuppression() {}

    /** The whole list, before the restore deletes it. */
    static List<Row> read(Handle h) {
        return h.createQuery("SELECT kind, identifier_hash, reason, received_via, added_by, added_at FROM suppression"
                        + " ORDER BY id")
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, LocalDateTime.class)))
                .list();
    }

    /**
     * The rows of {@code before} the restored list lacks, or holds for another reason than an erasure the store
     * recorded since (a person who objected before the backup and was erased after it).
     */
    static List<Row> missing(Handle h, List<Row> before) {
        Map<String, String> restored = new HashMap<>();
        read(h).forEach(r -> restored.put(r.key(), r.reason()));
        return before.stream().filter(r -> !restored.containsKey(r.key())
                || (ERASURE.equals(r.reason()) && !ERASURE.equals(restored.get(r.key())))).toList();
    }

    private static final String ERASURE = SuppressionList.Reason.ERASURE.id();

    /**
     * Writes back the rows the restored list lacks and applies them, with {@code hasher} (the key that made
     * them), to the restored data, in the restore's transaction.
     */
    static Reapplied reapply(Handle h, List<Row> missing, IdentifierHasher hasher, String by) {
        if (missing.isEmpty()) {
            return Reapplied.NONE;
        }
        for (Row r : missing) {
            int updated = h.createUpdate("UPDATE suppression SET reason = :r WHERE kind = :k AND identifier_hash = :h")
                    .bind("r", r.reason()).bind("k", r.kind()).bind("h", r.hash()).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO suppression (kind, identifier_hash, reason, received_via, added_by, added_at)"
                                + " VALUES (:k, :h, :r, :v, :b, :a)").bind("k", r.kind()).bind("h", r.hash())
                        .bind("r", r.reason()).bind("v", r.via()).bind("b", r.by()).bind("a", r.at()).execute();
            }
        }
        Set<String> erased = new HashSet<>();
        Map<String, SuppressionList.Reason> listed = new HashMap<>();
        for (Row r : missing) {
            SuppressionList.Reason reason = SuppressionList.Reason.of(r.reason());
            if (reason == SuppressionList.Reason.ERASURE) {
                erased.add(r.hash());
            } else {
                listed.put(r.hash(), reason);
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int personsErased = 0;
        int withdrawn = 0;
        for (long id : h.createQuery("SELECT id FROM person ORDER BY id").mapTo(Long.class).list()) {
            var p = Persons.find(h, id);
            if (p.isEmpty()) {
                continue; // erased above with another record of the same person
            }
            Set<String> hashes = new HashSet<>();
            Persons.identifiers(h, p.get()).forEach(i -> hashes.add(hasher.hash(i)));
            if (hashes.stream().anyMatch(erased::contains)) {
                for (RightsRequest open : RightsRequests.ofPerson(h, id)) {
                    if (open.kind() == RightsRequest.Kind.ERASURE && open.status().open()) {
                        RightsRequests.close(h, open.id(), RightsRequest.Status.DONE, "effacement fait après cette"
                                + " sauvegarde, ré-appliqué à sa restauration", by);
                    }
                }
                Erasure.erase(h, hasher, p.get(), 0, now, by);
                personsErased++;
            } else {
                var reason = hashes.stream().map(listed::get).filter(java.util.Objects::nonNull).findFirst();
                if (reason.isPresent()) {
                    withdrawn += ConsentLedger.withdrawAll(h, id, now, SuppressionList.method(reason.get()), null, by).size();
                }
            }
        }
        int voterRows = SuppressionList.removeListedVoters(h, hasher);
        return new Reapplied(missing.size(), personsErased, voterRows, withdrawn);
    }

    /** For the messages: what was re-applied, in French. */
    static String describe(Reapplied r) {
        List<String> parts = new ArrayList<>();
        parts.add(r.hashes() + " empreinte(s) de la liste d'opposition postérieure(s) à la sauvegarde, gardée(s)");
        parts.add(r.personsErased() + " personne(s) effacée(s) de nouveau");
        parts.add(r.voterRowsRemoved() + " ligne(s) de liste électorale retirée(s)");
        parts.add(r.consentsWithdrawn() + " consentement(s) retiré(s)");
        return String.join(", ", parts);
    }
}
