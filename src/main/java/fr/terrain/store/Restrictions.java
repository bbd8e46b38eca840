package fr.terrain.store;

import fr.terrain.privacy.RightsRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Restrictions of processing in force (GDPR art. 18): the person's data are kept but not used. A restricted
 * person is written to by no campaign ({@code fr.terrain.mail.CheckedRecipient}), listed in no voter list
 * ({@code /api/voters?view=list}, {@code terrain voters select}) and named on no walk list; their records stay,
 * and an erasure or a retention purge still removes them. A restriction covers the person's record and the
 * records sharing one of their e-mails or phones, as an erasure does.
 */
public final class Restrictions {
    /**
     * The condition that a row of {@code voter} belongs to no restricted person (the same identity match as
     * {@link Persons#voterRows}), for a query whose {@code voter} table is not aliased.
     */
    public static final String VOTER_NOT_RESTRICTED = "NOT EXISTS (SELECT 1 FROM processing_restriction pr"
            + " JOIN person rp ON rp.id = pr.person_id WHERE rp.birth_date = voter.birth_date"
            + " AND rp.birth_name = voter.birth_name AND COALESCE(rp.first_names, '') = COALESCE(voter.first_names, ''))";

    private Restrictions() {}

    /** Puts the restriction of request {@code request} in force for its person; returns the records covered. */
    static int restrict(Handle h, RightsRequest request, Instant now, String by) {
        PersonRecord p = Persons.find(h, request.personId().orElseThrow()).orElseThrow();
        List<PersonRecord> all = new ArrayList<>(List.of(p));
        all.addAll(Persons.sameContacts(h, p));
        return cover(h, request.id(), all.stream().map(PersonRecord::id).toList(), now, by);
    }

    /** Puts the restriction of request {@code requestId} in force for these person records; returns the rows added. */
    static int cover(Handle h, long requestId, List<Long> persons, Instant now, String by) {
        int n = 0;
        for (long x : persons) {
            // each request holds its own row: lifting another request's restriction leaves this one in force
            if (h.createQuery("SELECT COUNT(*) FROM processing_restriction WHERE person_id = :p AND request_id = :r")
                    .bind("p", x).bind("r", requestId).mapTo(Long.class).one() == 0) {
                n += h.createUpdate("INSERT INTO processing_restriction (person_id, request_id, since, created_by)"
                                + " VALUES (:p, :r, :t, :b)").bind("p", x).bind("r", requestId)
                        .bind("t", LocalDateTime.ofInstant(now, ZoneOffset.UTC)).bind("b", by).execute();
            }
        }
        return n;
    }

    /** The e-mails and phones ({@code kind}, value) of the person records a request's restriction covers. */
    static List<Map.Entry<String, String>> contacts(Handle h, long requestId) {
        return h.createQuery("SELECT DISTINCT c.kind, c.contact_value FROM processing_restriction pr JOIN person_contact c"
                        + " ON c.person_id = pr.person_id WHERE pr.request_id = :r").bind("r", requestId)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list();
    }

    /** The person records holding one of these e-mails or phones (as {@link Persons#sameContacts} matches them). */
    static List<Long> holding(Handle h, List<Map.Entry<String, String>> contacts) {
        java.util.Set<Long> out = new java.util.TreeSet<>();
        for (Map.Entry<String, String> c : contacts) {
            out.addAll(h.createQuery("SELECT person_id FROM person_contact WHERE kind = :k AND contact_value = :v"
                            + (c.getKey().equals("email") ? " UNION SELECT person_id FROM mail_contact WHERE email = :v" : ""))
                    .bind("k", c.getKey()).bind("v", c.getValue()).mapTo(Long.class).list());
        }
        return List.copyOf(out);
    }

    /** Lifts the restriction a request put in force; returns the records it covered (0: none in force). */
    static int lift(Handle h, long requestId) {
        return h.createUpdate("DELETE FROM processing_restriction WHERE request_id = :r").bind("r", requestId).execute();
    }

    /** Since when the person's data are restricted, if they are. */
    public static Optional<Instant> since(Handle h, long personId) {
        return h.createQuery("SELECT since FROM processing_restriction WHERE person_id = :p ORDER BY since")
                .bind("p", personId).mapTo(LocalDateTime.class).findFirst().map(t -> t.toInstant(ZoneOffset.UTC));
    }

    /** Whether the restriction of this request is in force. */
    public static boolean inForce(Handle h, long requestId) {
        return h.createQuery("SELECT COUNT(*) FROM processing_restriction WHERE request_id = :r").bind("r", requestId)
                .mapTo(Long.class).one() > 0;
    }

    /** Deletes the restrictions of these persons (erased, or left with no data). */
    static void forget(Handle h, List<Long> persons) {
        if (!persons.isEmpty()) {
            h.createUpdate("DELETE FROM processing_restriction WHERE person_id IN (<p>)").bindList("p", persons).execute();
        }
    }
}
