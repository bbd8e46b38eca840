package fr.terrain.store;

import fr.terrain.privacy.Identifier;
import fr.terrain.privacy.IdentifierHasher;
import fr.terrain.privacy.Identifiers;
import fr.terrain.privacy.ReceivedVia;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The suppression list (liste d'opposition): keyed hashes of the identifiers of everyone who
 * objected, unsubscribed or sent STOP. Adding to it also removes the matching electoral-list rows
 * (and withdraws the person's consents), and every voter import skips whoever matches it, so a
 * re-imported file cannot bring them back.
 */
public final class SuppressionList {
    /** Why an identifier is on the list. */
    public enum Reason {
        OBJECTION("objection"), UNSUBSCRIBE("unsubscribe"), STOP("stop"), ERASURE("erasure");

        private final String id;

        Reason(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Reason of(String id) {
            for (Reason r : values()) {
                if (r.id.equals(id)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("motif inconnu « " + id + " » ; motifs : objection, unsubscribe, stop");
        }

        /** The reason in the DPO's words, as the audit log writes it. */
        public String label() {
            return switch (this) {
                case OBJECTION -> "opposition";
                case UNSUBSCRIBE -> "désinscription";
                case STOP -> "réponse STOP";
                case ERASURE -> "effacement";
            };
        }
    }

    /** An addition to the list as the audit log says it: « opposition reçue par courrier ». */
    public static String describe(Reason reason, String via) {
        return reason.label() + " reçue par " + ReceivedVia.words(via);
    }

    /** What an addition did: hashes added (new ones), voter rows removed, consents withdrawn. */
    public record Added(int hashes, int alreadyListed, int voterRowsRemoved, int consentsWithdrawn) {}

    private SuppressionList() {}

    /** Every hash on the list, to check rows against in memory. */
    public static Set<String> hashes(Handle h) {
        return new HashSet<>(h.createQuery("SELECT identifier_hash FROM suppression").mapTo(String.class).list());
    }

    public static long size(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM suppression").mapTo(Long.class).one());
    }

    /** Whether any of these identifiers is on the list. */
    public static boolean containsAny(Handle h, IdentifierHasher hasher, Collection<Identifier> ids) {
        return !listed(h, hasher, ids).isEmpty();
    }

    /** The hashes of these identifiers that are on the list. */
    public static Set<String> listed(Handle h, IdentifierHasher hasher, Collection<Identifier> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<String> wanted = new HashSet<>();
        ids.forEach(i -> wanted.add(hasher.hash(i)));
        return new HashSet<>(h.createQuery("SELECT identifier_hash FROM suppression WHERE identifier_hash IN (<h>)")
                .bindList("h", List.copyOf(wanted)).mapTo(String.class).list());
    }

    /**
     * Adds the hashes of these identifiers; returns how many were new. For an erasure, a hash already listed for
     * another reason becomes an erasure's: the list then says the person was erased, which a restore of an older
     * backup reads to erase them again ({@link RestoredSuppression}).
     */
    static int addHashes(Handle h, IdentifierHasher hasher, Collection<Identifier> ids, Reason reason, String via,
            String by, Instant at) {
        Set<String> present = hashes(h);
        int added = 0;
        for (Identifier id : ids) {
            String hash = hasher.hash(id);
            if (!present.add(hash)) {
                if (reason == Reason.ERASURE) {
                    h.createUpdate("UPDATE suppression SET reason = :r WHERE kind = :k AND identifier_hash = :h")
                            .bind("r", reason.id()).bind("k", id.kind().id()).bind("h", hash).execute();
                }
            } else {
                h.createUpdate("INSERT INTO suppression (kind, identifier_hash, reason, received_via, added_by, added_at)"
                                + " VALUES (:k, :h, :r, :v, :b, :a)").bind("k", id.kind().id()).bind("h", hash)
                        .bind("r", reason.id()).bind("v", via).bind("b", by)
                        .bind("a", LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC)).execute();
                added++;
            }
        }
        return added;
    }

    /**
     * Puts a known person on the list: every identifier held on them (name + birth date, name +
     * address from each voter row, e-mails, phones), then removes their voter rows and withdraws
     * every consent still given. The person row and its ledger stay, as proof the objection was honoured.
     */
    public static Added addPerson(Handle h, IdentifierHasher hasher, PersonRecord p, Reason reason, String via,
            String by) {
        Instant now = Instant.now();
        Set<Identifier> ids = Persons.identifiers(h, p);
        int before = ids.size();
        int added = addHashes(h, hasher, ids, reason, via, by, now);
        int removed = Persons.deleteVoterRows(h, p, VoterChanges.Kind.SUPPRESSION);
        int withdrawn = ConsentLedger.withdrawAll(h, p.id(), now, method(reason), null, by).size();
        MailTracking.optOut(h, p.id(), TRACKING_OPT_OUT);
        return new Added(added, before - added, removed, withdrawn);
    }

    /** The same in its own transaction, with its audit entry ({@code suppression.add}, the person's reference). */
    public static Added addPerson(Store store, IdentifierHasher hasher, PersonRecord p, Reason reason, String via,
            String by) {
        // two objections for one person at once (a double click): the second finds the first's hashes listed
        return Races.retrying(store, "inscription sur la liste d'opposition", h -> audited(h, p.reference(), reason, via,
                by, addPerson(h, hasher, p, reason, via, by)));
    }

    /** The audit entry of an addition, in the transaction that made it: in the DPO's words, what it did. */
    static Added audited(Handle h, String target, Reason reason, String via, String by, Added added) {
        AuditLog.append(h, Instant.now(), by, "suppression.add", target, added.voterRowsRemoved(), describe(reason, via)
                + " : " + added.hashes() + " empreinte(s) ajoutée(s), " + added.alreadyListed() + " déjà présente(s)");
        return added;
    }

    /**
     * Puts identifiers received without a known person (a letter giving a name and an address, an
     * e-mail address) on the list, withdraws the consents of every person they match, then removes
     * every voter row that matches the list; with its audit entry ({@code suppression.add}).
     */
    public static Added addIdentifiers(Store store, IdentifierHasher hasher, Collection<Identifier> ids, Reason reason,
            String via, String by) {
        return Races.retrying(store, "inscription sur la liste d'opposition", h -> {
            Instant now = Instant.now();
            int added = addHashes(h, hasher, ids, reason, via, by, now);
            Set<String> listed = hashes(h);
            int withdrawn = 0;
            for (long id : h.createQuery("SELECT id FROM person ORDER BY id").mapTo(Long.class).list()) {
                PersonRecord p = Persons.find(h, id).orElseThrow();
                if (Persons.identifiers(h, p).stream().anyMatch(i -> listed.contains(hasher.hash(i)))) {
                    withdrawn += ConsentLedger.withdrawAll(h, p.id(), now, method(reason), null, by).size();
                    MailTracking.optOut(h, p.id(), TRACKING_OPT_OUT);
                }
            }
            // the voter rows the given identifiers find hold more of the person (a birth date when the objection gave an
            // address): those go on the list too, so that the person moving or changing address stays off
            Map<Long, List<Identifier>> rows = listedVoters(h, hasher);
            int derived = addHashes(h, hasher, rows.values().stream().flatMap(List::stream).toList(), reason, via, by, now);
            int removed = deleteVoters(h, List.copyOf(rows.keySet())); // one pass over the voter table, not two
            return audited(h, "suppression", reason, via, by, new Added(added + derived, ids.size() - added, removed,
                    withdrawn));
        });
    }

    /**
     * How a listed person's tracking opt-out is recorded ({@code mail_tracking_optout.via}): whoever objects, unsubscribes
     * or asks for erasure is no longer measured either, in the messages they already received (art. 21(3) GDPR).
     */
    static final String TRACKING_OPT_OUT = "suppression";

    /** The consent ledger's method for a withdrawal this reason causes. */
    static String method(Reason reason) {
        return switch (reason) {
            case STOP -> "sms-stop";
            case UNSUBSCRIBE -> "unsubscribe";
            case OBJECTION, ERASURE -> "objection";
        };
    }

    /** The voter rows one of whose identifiers is on the list, with all their identifiers (a full pass over the table). */
    private static Map<Long, List<Identifier>> listedVoters(Handle h, IdentifierHasher hasher) {
        Set<String> listed = hashes(h);
        Map<Long, List<Identifier>> found = new java.util.LinkedHashMap<>();
        if (listed.isEmpty()) {
            return found;
        }
        h.createQuery("SELECT id, birth_name, usage_name, first_names, birth_date, address_number, street_type,"
                        + " street_name, postcode FROM voter").setFetchSize(10_000)
                .map((rs, ctx) -> Map.entry(rs.getLong("id"), Identifiers.ofListedPerson(rs.getString("birth_name"),
                        rs.getString("usage_name"), rs.getString("first_names"),
                        rs.getObject("birth_date", java.time.LocalDate.class), rs.getString("address_number"),
                        rs.getString("street_type"), rs.getString("street_name"), rs.getString("postcode"))))
                .forEach(e -> {
                    if (e.getValue().stream().anyMatch(i -> listed.contains(hasher.hash(i)))) {
                        found.put(e.getKey(), List.copyOf(e.getValue()));
                    }
                });
        return found;
    }

    /** Deletes every voter row whose identifiers are on the list (a full pass over the voter table). */
    static int removeListedVoters(Handle h, IdentifierHasher hasher) {
        return deleteVoters(h, List.copyOf(listedVoters(h, hasher).keySet()));
    }

    private static int deleteVoters(Handle h, List<Long> doomed) {
        int removed = 0;
        for (int i = 0; i < doomed.size(); i += 500) {
            removed += h.createUpdate("DELETE FROM voter WHERE id IN (<ids>)")
                    .bindList("ids", doomed.subList(i, Math.min(doomed.size(), i + 500))).execute();
        }
        VoterChanges.record(h, VoterChanges.Kind.SUPPRESSION, removed);
        return removed;
    }
}
