package fr.terrain.store;

import fr.terrain.privacy.Identifier;
import fr.terrain.privacy.IdentifierHasher;
import fr.terrain.privacy.RightsRequest;
import fr.terrain.privacy.SourceCategory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * Erasure of a person (GDPR art. 17), in one transaction: their identifiers go to the suppression
 * list as keyed hashes (so that no re-import brings them back), then every row about them is
 * deleted, and the request is closed with a report of what was deleted where. A table of personal
 * data added later must be added here (and to the test that checks every table).
 */
public final class Erasure {
    /** One line of the report: a table, how many rows, what they were. */
    public record Line(String table, long rows, String what) {}

    /** What an erasure did; holds no personal data. */
    public record Report(long requestId, long personId, Instant erasedAt, String erasedBy, List<Line> deleted,
            List<Line> kept) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("request", requestId);
            m.put("person", personId);
            m.put("erasedAt", erasedAt.toString());
            m.put("erasedBy", erasedBy);
            m.put("deleted", deleted.stream().map(Erasure::line).toList());
            m.put("kept", kept.stream().map(Erasure::line).toList());
            return m;
        }
    }

    private Erasure() {}

    /** Erases the person of an open erasure request and closes it; the audit entry is written in the same transaction. */
    public static Report run(Store store, IdentifierHasher hasher, long requestId, String by,
            java.util.function.Function<Report, String> reportJson) {
        return store.jdbi().inTransaction(h -> {
            RightsRequest r = RightsRequests.requireOpen(h, requestId);
            if (r.kind() != RightsRequest.Kind.ERASURE) {
                throw new StoreException("la demande n° " + requestId + " est une demande d'" + r.kind().label()
                        + ", pas d'effacement");
            }
            PersonRecord p = Persons.lock(h, r.personId().orElseThrow()).orElseThrow();
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            Report report = erase(h, hasher, p, requestId, now, by);
            RightsRequests.close(h, requestId, RightsRequest.Status.DONE, reportJson.apply(report), by);
            long rows = report.deleted().stream().mapToLong(Line::rows).sum();
            AuditLog.append(h, now, by, "rights.erase", "request:" + requestId, rows, p.reference() + " effacée : "
                    + report.deleted().stream().map(l -> l.table() + "=" + l.rows()).toList());
            return report;
        });
    }

    static Report erase(Handle h, IdentifierHasher hasher, PersonRecord p, long requestId, Instant now, String by) {
        // the same person under other records: those holding one of their e-mails or phones (a contacts import makes a
        // record of its own for an address a consent already gave) go with them, or the address would stay
        List<PersonRecord> all = new ArrayList<>(List.of(p));
        all.addAll(Persons.sameContacts(h, p));
        List<Long> ids = all.stream().map(PersonRecord::id).toList();
        ids.forEach(id -> Persons.lock(h, id));
        Set<Identifier> identifiers = new java.util.LinkedHashSet<>();
        all.forEach(x -> identifiers.addAll(Persons.identifiers(h, x)));
        int hashes = SuppressionList.addHashes(h, hasher, identifiers, SuppressionList.Reason.ERASURE, "rights-request", by,
                now);
        Set<String> contests = new TreeSet<>();
        int voterRows = 0;
        Line doors = ErasedDoors.takeOff(h, all.stream().flatMap(x -> Persons.voterRows(h, x).stream())
                .map(v -> ((Number) v.get("id")).longValue()).toList());
        for (PersonRecord x : all) {
            Persons.voterRows(h, x).forEach(v -> contests.add(v.get("contest") + ", "
                    + SourceCategory.describe(String.valueOf(v.get("source_category")))));
            voterRows += Persons.deleteVoterRows(h, x, VoterChanges.Kind.ERASURE);
        }
        List<Line> deleted = new ArrayList<>();
        deleted.add(new Line("voter", voterRows, "lignes de liste électorale : " + String.join(" ; ", contests)));
        deleted.add(doors);
        deleted.add(delete(h, ids, "mail_signup", "DELETE FROM mail_signup WHERE email IN (SELECT contact_value FROM"
                + " person_contact WHERE person_id IN (<p>) AND kind = 'email')", "inscriptions en attente de confirmation"));
        List<Long> mailContacts = h.createQuery("SELECT id FROM mail_contact WHERE person_id IN (<p>)").bindList("p", ids)
                .mapTo(Long.class).list();
        Map<String, Long> mail = MailContactRows.delete(h, mailContacts);
        Map<String, String> what = Map.of("mail_event", "ouvertures et clics de ses messages",
                "mail_bounce", "avis de non-distribution de ses messages", "mail_ab_assignment", "place dans les tests A/B",
                "mail_outbox", "lignes d'envoi des campagnes de courriel",
                "mail_contact", "fiche de contact par courriel (secteur, bureau, sujets)");
        mail.forEach((table, rows) -> deleted.add(new Line(table, rows, what.get(table))));
        deleted.add(delete(h, ids, "mail_tracking_optout", "DELETE FROM mail_tracking_optout WHERE person_id IN (<p>)",
                "refus du suivi des ouvertures et des clics"));
        deleted.add(delete(h, ids, "person_contact", "DELETE FROM person_contact WHERE person_id IN (<p>)",
                "adresses électroniques et téléphones"));
        deleted.add(delete(h, ids, "consent_event", "DELETE FROM consent_event WHERE person_id IN (<p>)",
                "historique des consentements"));
        Restrictions.forget(h, ids);
        int requests = h.createUpdate("UPDATE rights_request SET person_id = NULL WHERE person_id IN (<p>)")
                .bindList("p", ids).execute();
        deleted.add(delete(h, ids, "person", "DELETE FROM person WHERE id IN (<p>)", "identité (nom, prénoms, date de"
                + " naissance)" + (all.size() > 1 ? ", et " + (all.size() - 1) + " autre(s) fiche(s) de la même adresse"
                + " électronique ou du même téléphone" : "")));
        List<Line> kept = List.of(
                new Line("suppression", identifiers.size(), hashes + " empreintes ajoutées (HMAC-SHA-256, clé hors base) :"
                        + " empêchent tout réimport de la personne"),
                new Line("rights_request", requests, "demandes de la personne, sans lien vers elle : type, dates, statut"),
                new Line("audit_entry", 0, "le journal ne nomme la personne que par son numéro (" + p.reference() + ")"));
        return new Report(requestId, p.id(), now, by, deleted, kept);
    }

    private static Line delete(Handle h, List<Long> persons, String table, String sql, String what) {
        return new Line(table, h.createUpdate(sql).bindList("p", persons).execute(), what);
    }

    private static Map<String, Object> line(Line l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", l.table());
        m.put("rows", l.rows());
        m.put("what", l.what());
        return m;
    }

    /**
     * Deletes the persons nothing keeps any more: no voter row, no contact, no open rights request,
     * no door outcome naming their consent (the anonymous person who gave an opinion at a door is
     * kept while the outcome is). Their consent history goes with them (consent without the person
     * is meaningless); their suppression hashes stay, since the suppression list names no person.
     * Returns how many.
     */
    public static int deleteOrphans(Handle h) {
        int n = 0;
        for (PersonRecord p : h.createQuery("SELECT id, birth_name, first_names, birth_date, created_at FROM person p"
                        + " WHERE NOT EXISTS (SELECT 1 FROM door_outcome o JOIN consent_event e ON e.id = o.consent_event_id"
                        + " WHERE e.person_id = p.id)")
                .map((rs, ctx) -> Persons.map(rs)).list()) {
            n += deleteIfHeldByNothing(h, p) > 0 ? 1 : 0;
        }
        return n;
    }

    /**
     * Deletes one person with their consent history if nothing holds them any more (no outcome naming one of their
     * consents, no list row, no contact, no open rights request); returns the rows deleted (consents and the person),
     * 0 when kept.
     */
    static int deleteIfOrphan(Handle h, long personId) {
        boolean cited = h.createQuery("SELECT COUNT(*) FROM door_outcome o JOIN consent_event e ON e.id = o.consent_event_id"
                + " WHERE e.person_id = :p").bind("p", personId).mapTo(Long.class).one() > 0;
        if (cited) {
            return 0;
        }
        return Persons.find(h, personId).map(p -> deleteIfHeldByNothing(h, p)).orElse(0);
    }

    private static int deleteIfHeldByNothing(Handle h, PersonRecord p) {
        boolean open = h.createQuery("SELECT COUNT(*) FROM rights_request WHERE person_id = :p"
                + " AND status IN ('received', 'in-progress')").bind("p", p.id()).mapTo(Long.class).one() > 0;
        if (open || !Persons.voterRows(h, p).isEmpty() || !Persons.contacts(h, p.id()).isEmpty()) {
            return 0;
        }
        int n = h.createUpdate("DELETE FROM consent_event WHERE person_id = :p").bind("p", p.id()).execute();
        h.createUpdate("DELETE FROM mail_tracking_optout WHERE person_id = :p").bind("p", p.id()).execute();
        Restrictions.forget(h, List.of(p.id()));
        h.createUpdate("UPDATE rights_request SET person_id = NULL WHERE person_id = :p").bind("p", p.id()).execute();
        return n + h.createUpdate("DELETE FROM person WHERE id = :p").bind("p", p.id()).execute();
    }
}
