package fr.terrain.store;

import fr.terrain.privacy.IdentifierHasher;
import fr.terrain.privacy.ReceivedVia;
import fr.terrain.privacy.ResponseDeadline;
import fr.terrain.privacy.RightsRequest;
import fr.terrain.privacy.RightsRequest.Kind;
import fr.terrain.privacy.RightsRequest.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rights requests and their statuses. Every change here is audited by the caller's command or route. */
public final class RightsRequests {
    private static final String COLUMNS = "id, kind, person_id, received_on, received_via, due_on, extended_due_on,"
            + " extension_reason, status, refusal_reason, report, created_by, created_at, closed_by, closed_at";

    private RightsRequests() {}

    /**
     * Checks what a request says of its arrival, so that a caller refuses it before it finds or creates the person:
     * a refused request leaves no identity behind.
     */
    public static void check(LocalDate receivedOn, String receivedVia) {
        if (receivedOn.isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
            throw new StoreException("date de réception dans le futur : " + receivedOn);
        }
        try {
            ReceivedVia.of(receivedVia, ReceivedVia.REQUESTS);
        } catch (IllegalArgumentException e) {
            throw new StoreException(e.getMessage());
        }
    }

    /**
     * Registers a request received on that day, due one month later (next working day). Every change here writes its
     * audit entry ({@code rights.add}, {@code rights.start}…) in its own transaction: the change never lands without it.
     */
    public static RightsRequest add(Store store, Kind kind, long personId, LocalDate receivedOn, String receivedVia,
            String by) {
        check(receivedOn, receivedVia);
        return store.jdbi().inTransaction(h -> {
            PersonRecord person = Persons.find(h, personId).orElseThrow(() -> new StoreException("personne inconnue : n° "
                    + personId));
            long id = h.createUpdate("INSERT INTO rights_request (kind, person_id, received_on, received_via, due_on, status,"
                            + " created_by, created_at) VALUES (:k, :p, :r, :v, :d, 'received', :b, :t)")
                    .bind("k", kind.id()).bind("p", personId).bind("r", receivedOn).bind("v", receivedVia)
                    .bind("d", ResponseDeadline.due(receivedOn)).bind("b", by).bind("t", now())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            RightsRequest added = find(h, id).orElseThrow();
            if (kind == Kind.RESTRICTION) {
                // art. 18: the data are not used while the request is examined, nor after if it is granted
                Restrictions.restrict(h, added, Instant.now(), by);
            }
            AuditLog.append(h, Instant.now(), by, "rights.add", "request:" + id, 1, kind.id() + " " + person.reference());
            return added;
        });
    }

    public static Optional<RightsRequest> find(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM rights_request WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne();
    }

    public static Optional<RightsRequest> find(Store store, long id) {
        return store.jdbi().withHandle(h -> find(h, id));
    }

    public static RightsRequest require(Handle h, long id) {
        return find(h, id).orElseThrow(() -> new StoreException("demande inconnue : n° " + id));
    }

    /** Every request, the open ones first by deadline, then the closed ones, newest first. */
    public static List<RightsRequest> list(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM rights_request"
                        + " ORDER BY CASE WHEN status IN ('received', 'in-progress') THEN 0 ELSE 1 END,"
                        + " COALESCE(extended_due_on, due_on), id").map((rs, ctx) -> map(rs)).list());
    }

    /** Every request, by id. */
    static List<RightsRequest> all(Handle h) {
        return h.createQuery("SELECT " + COLUMNS + " FROM rights_request ORDER BY id").map((rs, ctx) -> map(rs)).list();
    }

    public static List<RightsRequest> ofPerson(Handle h, long personId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM rights_request WHERE person_id = :p ORDER BY id")
                .bind("p", personId).map((rs, ctx) -> map(rs)).list();
    }

    /** Marks an open request as being handled. */
    public static RightsRequest start(Store store, long id, String by) {
        return store.jdbi().inTransaction(h -> {
            RightsRequest r = requireOpen(h, id);
            if (r.status() == Status.RECEIVED) {
                h.createUpdate("UPDATE rights_request SET status = 'in-progress' WHERE id = :id").bind("id", id).execute();
            }
            AuditLog.append(h, Instant.now(), by, "rights.start", "request:" + id, 0, "");
            return require(h, id);
        });
    }

    /**
     * Extends the deadline by two months (art. 12(3)); the person must be told why within the first month, so a request
     * whose first month is over ({@code today} after its due day) can no longer be extended: an extension would have
     * hidden it from the overdue ones.
     */
    public static RightsRequest extend(Store store, long id, String reason, LocalDate today, String by) {
        if (reason == null || reason.isBlank()) {
            throw new StoreException("une prolongation doit être motivée (RGPD art. 12(3))");
        }
        return store.jdbi().inTransaction(h -> {
            RightsRequest r = requireOpen(h, id);
            if (r.extendedDueOn() != null) {
                throw new StoreException("la demande n° " + id + " est déjà prolongée jusqu'au " + r.extendedDueOn());
            }
            if (today.isAfter(r.dueOn())) {
                throw new StoreException("la demande n° " + id + " ne peut plus être prolongée : la prolongation s'annonce"
                        + " à la personne dans le premier mois, qui a pris fin le " + r.dueOn().format(
                        java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")) + " (RGPD art. 12(3)) ; répondez-lui"
                        + " au plus vite");
            }
            h.createUpdate("UPDATE rights_request SET extended_due_on = :d, extension_reason = :r WHERE id = :id")
                    .bind("d", ResponseDeadline.extended(r.receivedOn())).bind("r", reason).bind("id", id).execute();
            RightsRequest extended = require(h, id);
            AuditLog.append(h, Instant.now(), by, "rights.extend", "request:" + id, 0, "jusqu'au " + extended.deadline());
            return extended;
        });
    }

    /** Closes an open request as done (with what was done) or refused (with the reason). */
    static RightsRequest close(Handle h, long id, Status status, String reasonOrReport, String by) {
        RightsRequest r = requireOpen(h, id);
        if (status == Status.REFUSED && (reasonOrReport == null || reasonOrReport.isBlank())) {
            throw new StoreException("un refus doit être motivé (RGPD art. 12(4))");
        }
        h.createUpdate("UPDATE rights_request SET status = :s, refusal_reason = :rr, report = COALESCE(:rep, report),"
                        + " closed_by = :b, closed_at = :t WHERE id = :id")
                .bind("s", status.id()).bind("rr", status == Status.REFUSED ? reasonOrReport : null)
                .bind("rep", status == Status.DONE ? reasonOrReport : null).bind("b", by).bind("t", now())
                .bind("id", r.id()).execute();
        if (r.kind() == Kind.RESTRICTION && status == Status.REFUSED) {
            Restrictions.lift(h, id);
        }
        return require(h, id);
    }

    /**
     * Lifts the restriction a request put in force (art. 18(3): the person is told before, which {@code note}
     * records). An open request is closed as done; a closed one keeps its status, the lifting added to its report.
     */
    public static RightsRequest lift(Store store, long id, String note, String by) {
        if (note == null || note.isBlank()) {
            throw new StoreException("dites pourquoi la limitation est levée et quand la personne en a été informée"
                    + " (RGPD art. 18(3))");
        }
        return store.jdbi().inTransaction(h -> {
            RightsRequest r = require(h, id);
            if (r.kind() != Kind.RESTRICTION) {
                throw new StoreException("la demande n° " + id + " est une demande d'" + r.kind().label()
                        + ", pas de limitation");
            }
            if (Restrictions.lift(h, id) == 0) {
                throw new StoreException("aucune limitation en vigueur pour la demande n° " + id);
            }
            String lifted = "limitation levée : " + note.strip();
            AuditLog.append(h, Instant.now(), by, "rights.lift", "request:" + id, 0, note.strip());
            if (r.status().open()) {
                return close(h, id, Status.DONE, lifted, by);
            }
            h.createUpdate("UPDATE rights_request SET report = :rep WHERE id = :id")
                    .bind("rep", r.report() == null || r.report().isBlank() ? lifted : r.report() + " ; " + lifted)
                    .bind("id", id).execute();
            return require(h, id);
        });
    }

    /** Closes an open request as done or refused, with its audit entry ({@code rights.close}, {@code rights.refuse}). */
    public static RightsRequest close(Store store, long id, Status status, String reasonOrReport, String by) {
        if (status.open()) {
            throw new IllegalArgumentException("close : done ou refused");
        }
        return store.jdbi().inTransaction(h -> closeAudited(h, id, status, reasonOrReport, by));
    }

    private static RightsRequest closeAudited(Handle h, long id, Status status, String reasonOrReport, String by) {
        RightsRequest closed = close(h, id, status, reasonOrReport, by);
        AuditLog.append(h, Instant.now(), by, status == Status.REFUSED ? "rights.refuse" : "rights.close", "request:" + id,
                0, reasonOrReport == null ? "" : reasonOrReport);
        return closed;
    }

    /**
     * Closes an open request as done, with what was done ({@code note}, or null): an objection puts its person on the
     * suppression list first (art. 21), which the report then says, all in one transaction with both audit entries. An
     * erasure is not closed here: {@link Erasure} does it.
     */
    public static RightsRequest closeDone(Store store, IdentifierHasher hasher, long id, String note, String by) {
        return store.jdbi().inTransaction(h -> {
            RightsRequest r = requireOpen(h, id);
            if (r.kind() == Kind.ERASURE) {
                throw new IllegalStateException("un effacement se clôt par Erasure");
            }
            String done = note == null ? "" : note;
            if (r.kind() == Kind.OBJECTION) {
                PersonRecord p = Persons.find(h, r.personId().orElseThrow()).orElseThrow();
                var added = SuppressionList.audited(h, p.reference(), SuppressionList.Reason.OBJECTION,
                        ReceivedVia.RIGHTS_REQUEST.id(), by, SuppressionList.addPerson(h, hasher, p,
                                SuppressionList.Reason.OBJECTION, ReceivedVia.RIGHTS_REQUEST.id(), by));
                done = (done.isEmpty() ? "" : done + " ; ") + "liste d'opposition : " + added.hashes() + " empreinte(s), "
                        + added.voterRowsRemoved() + " ligne(s) de liste électorale supprimée(s), "
                        + added.consentsWithdrawn() + " consentement(s) retiré(s)";
            }
            return closeAudited(h, id, Status.DONE, done.isEmpty() ? null : done, by);
        });
    }

    /**
     * The request, open, locked until the transaction ends: of two people acting on it at once (two erasures, a closing
     * and an erasure), the second finds it closed (two erasures at once both found it open; one answered 500).
     */
    static RightsRequest requireOpen(Handle h, long id) {
        h.createQuery("SELECT id FROM rights_request WHERE id = :id FOR UPDATE").bind("id", id).mapTo(Long.class).findOne();
        RightsRequest r = require(h, id);
        if (!r.status().open()) {
            throw new StoreException("la demande n° " + id + " est déjà close (" + r.status().label() + ")");
        }
        return r;
    }

    private static LocalDateTime now() {
        return LocalDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static RightsRequest map(java.sql.ResultSet rs) throws java.sql.SQLException {
        long person = rs.getLong("person_id");
        Optional<Long> personId = rs.wasNull() ? Optional.empty() : Optional.of(person);
        LocalDateTime closed = rs.getObject("closed_at", LocalDateTime.class);
        return new RightsRequest(rs.getLong("id"), Kind.of(rs.getString("kind")), personId,
                rs.getObject("received_on", LocalDate.class), rs.getString("received_via"),
                rs.getObject("due_on", LocalDate.class), rs.getObject("extended_due_on", LocalDate.class),
                rs.getString("extension_reason"), Status.of(rs.getString("status")), rs.getString("refusal_reason"),
                rs.getString("report"), rs.getString("created_by"),
                rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString("closed_by"),
                closed == null ? null : closed.toInstant(ZoneOffset.UTC));
    }
}
