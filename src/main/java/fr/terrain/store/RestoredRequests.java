package fr.terrain.store;

import fr.terrain.privacy.RightsRequest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A backup restored in place of a store must not lose the rights requests the store received or answered since
 * the backup was made: a request lost is a deadline missed (one month, GDPR art. 12(3)) and an answer no longer
 * proven. The store's requests are read before the restore, with the identity of the person each is about; after
 * it, a request the backup holds takes the store's later state (extended, closed, its report), and a request it
 * does not hold is added back, linked to the same person (found by name and birth date among the restored
 * persons, or recorded again as the request first did).
 */
final class RestoredRequests {
    /**
     * A request as the store held it, its person's identity (none once the person was erased), and for a
     * restriction whether it was in force and the e-mails and phones of the records it covered (a person known
     * only by an address has no identity to be found by).
     */
    record Held(RightsRequest request, Optional<PersonRecord> person, boolean restricting,
            List<Map.Entry<String, String>> restrictedContacts) {}

    /** What the restore kept: requests brought up to date, requests added back. */
    record Kept(int updated, int added) {
        static final Kept NONE = new Kept(0, 0);
    }

    private RestoredRequests() {}

    /** Every request and its person, before the restore deletes them. */
    static List<Held> read(Handle h) {
        List<Held> out = new ArrayList<>();
        for (RightsRequest r : RightsRequests.all(h)) {
            boolean restricting = Restrictions.inForce(h, r.id());
            out.add(new Held(r, r.personId().flatMap(p -> Persons.find(h, p)), restricting,
                    restricting ? Restrictions.contacts(h, r.id()) : List.of()));
        }
        return out;
    }

    /** Applies the store's requests to the restored ones, in the restore's transaction. */
    static Kept keep(Handle h, List<Held> held) {
        int updated = 0;
        int added = 0;
        for (Held x : held) {
            RightsRequest r = x.request();
            Optional<RightsRequest> restored = RightsRequests.find(h, r.id());
            if (restored.isPresent() && restored.get().createdAt().equals(r.createdAt())) {
                RightsRequest b = restored.get();
                if (!b.equals(withPerson(r, b.personId()))
                        || (r.personId().isEmpty() && b.personId().isPresent())) {
                    h.createUpdate("UPDATE rights_request SET person_id = CASE WHEN :erased THEN NULL ELSE person_id END,"
                                    + " extended_due_on = :e, extension_reason = :er, status = :s, refusal_reason = :rr,"
                                    + " report = :rep, closed_by = :cb, closed_at = :ca WHERE id = :id")
                            .bind("erased", r.personId().isEmpty()).bind("e", r.extendedDueOn())
                            .bind("er", r.extensionReason()).bind("s", r.status().id()).bind("rr", r.refusalReason())
                            .bind("rep", r.report()).bind("cb", r.closedBy()).bind("ca", utc(r.closedAt()))
                            .bind("id", r.id()).execute();
                    updated++;
                }
                keepRestriction(h, x, r.id());
                continue;
            }
            Long person = x.person().map(p -> Persons.findOrCreate(h, p.birthName(), p.firstNames(), p.birthDate()).id())
                    .orElse(null);
            long id = h.createUpdate("INSERT INTO rights_request (" + (restored.isEmpty() ? "id, " : "") + "kind, person_id,"
                            + " received_on, received_via, due_on, extended_due_on, extension_reason, status, refusal_reason,"
                            + " report, created_by, created_at, closed_by, closed_at) VALUES ("
                            + (restored.isEmpty() ? ":id, " : "") + ":k, :p, :ro, :rv, :d, :e, :er, :s, :rr, :rep, :b, :t,"
                            + " :cb, :ca)")
                    .bind("id", r.id()).bind("k", r.kind().id()).bind("p", person).bind("ro", r.receivedOn())
                    .bind("rv", r.receivedVia()).bind("d", r.dueOn()).bind("e", r.extendedDueOn())
                    .bind("er", r.extensionReason()).bind("s", r.status().id()).bind("rr", r.refusalReason())
                    .bind("rep", r.report()).bind("b", r.createdBy()).bind("t", utc(r.createdAt()))
                    .bind("cb", r.closedBy()).bind("ca", utc(r.closedAt())).executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class).one();
            keepRestriction(h, x, id);
            added++;
        }
        return new Kept(updated, added);
    }

    /** A restriction (art. 18) stays as the store had it: in force since its request, or lifted. */
    private static void keepRestriction(Handle h, Held x, long restoredId) {
        if (x.request().kind() != RightsRequest.Kind.RESTRICTION) {
            return;
        }
        Restrictions.lift(h, restoredId);
        RightsRequest restored = RightsRequests.require(h, restoredId);
        if (x.restricting() && restored.personId().isPresent()) {
            Restrictions.restrict(h, restored, x.request().createdAt(), x.request().createdBy());
        }
        if (x.restricting()) {
            Restrictions.cover(h, restoredId, Restrictions.holding(h, x.restrictedContacts()), x.request().createdAt(),
                    x.request().createdBy());
        }
    }

    private static RightsRequest withPerson(RightsRequest r, Optional<Long> person) {
        return new RightsRequest(r.id(), r.kind(), person, r.receivedOn(), r.receivedVia(), r.dueOn(), r.extendedDueOn(),
                r.extensionReason(), r.status(), r.refusalReason(), r.report(), r.createdBy(), r.createdAt(), r.closedBy(),
                r.closedAt());
    }

    private static LocalDateTime utc(java.time.Instant at) {
        return at == null ? null : LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /** For the messages, in French; empty when nothing was kept. */
    static String describe(Kept k) {
        if (k.updated() == 0 && k.added() == 0) {
            return "";
        }
        return k.added() + " demande(s) de droits reçue(s) depuis la sauvegarde gardée(s), " + k.updated()
                + " mise(s) à jour (prolongée, close) comme la base les tenait";
    }
}
