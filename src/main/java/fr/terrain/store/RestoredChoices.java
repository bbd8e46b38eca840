package fr.terrain.store;

import fr.terrain.privacy.ConsentEvent;
import fr.terrain.privacy.Identifier;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * A backup restored in place of a store must not undo what people asked of the campaign since it was made and
 * that is not on the suppression list: a consent withdrawn (an e-mail's unsubscribe is on the list, a letter
 * withdrawing an SMS consent is not), a refusal of e-mail tracking. Both are read before the restore with the
 * identifiers of the person they belong to (name and birth date, addresses, e-mails, phones); after it, they are
 * written again for every restored person sharing one of those identifiers, unless that person's record already
 * holds them.
 */
final class RestoredChoices {
    /** A withdrawal, or a tracking refusal ({@code event} null), and whom it belongs to. */
    record Choice(Set<Identifier> person, ConsentEvent event, LocalDateTime optedOutAt, String via) {}

    /** What the restore kept. */
    record Kept(int withdrawals, int trackingRefusals) {}

    private RestoredChoices() {}

    /** The withdrawals and tracking refusals of the store, before the restore deletes them. */
    static List<Choice> read(Handle h) {
        List<Choice> out = new ArrayList<>();
        Map<Long, Set<Identifier>> identifiers = new HashMap<>();
        for (long id : h.createQuery("SELECT DISTINCT person_id FROM consent_event WHERE event = 'withdrawn'"
                + " ORDER BY person_id").mapTo(Long.class).list()) {
            Set<Identifier> ids = identifiers.computeIfAbsent(id, p -> identifiers(h, p));
            ConsentLedger.history(h, id).events().stream().filter(e -> e.kind() == ConsentEvent.Kind.WITHDRAWN)
                    .forEach(e -> out.add(new Choice(ids, e, null, null)));
        }
        h.createQuery("SELECT person_id, opted_out_at, via FROM mail_tracking_optout ORDER BY person_id")
                .map((rs, ctx) -> new Choice(identifiers.computeIfAbsent(rs.getLong(1), p -> identifiers(h, p)), null,
                        rs.getObject(2, LocalDateTime.class), rs.getString(3)))
                .forEach(out::add);
        return out;
    }

    private static Set<Identifier> identifiers(Handle h, long person) {
        return Persons.find(h, person).map(p -> Persons.identifiers(h, p)).orElse(Set.of());
    }

    /** Writes the choices again for the restored persons they belong to, in the restore's transaction. */
    static Kept keep(Handle h, List<Choice> choices) {
        if (choices.isEmpty()) {
            return new Kept(0, 0);
        }
        Map<Identifier, Set<Long>> persons = new HashMap<>();
        for (long id : h.createQuery("SELECT id FROM person ORDER BY id").mapTo(Long.class).list()) {
            identifiers(h, id).forEach(i -> persons.computeIfAbsent(i, k -> new HashSet<>()).add(id));
        }
        int withdrawals = 0;
        int refusals = 0;
        for (Choice c : choices) {
            Set<Long> theirs = new HashSet<>();
            c.person().forEach(i -> theirs.addAll(persons.getOrDefault(i, Set.of())));
            for (long person : theirs) {
                if (c.event() != null) {
                    ConsentEvent e = c.event();
                    boolean held = ConsentLedger.history(h, person).events().stream().anyMatch(x -> x.kind() == e.kind()
                            && x.channel() == e.channel() && x.effectiveAt().equals(e.effectiveAt()));
                    if (!held) {
                        ConsentLedger.append(h, person, e);
                        withdrawals++;
                    }
                } else {
                    boolean held = h.createQuery("SELECT COUNT(*) FROM mail_tracking_optout WHERE person_id = :p")
                            .bind("p", person).mapTo(Long.class).one() > 0;
                    if (!held) {
                        h.createUpdate("INSERT INTO mail_tracking_optout (person_id, opted_out_at, via) VALUES (:p, :at, :v)")
                                .bind("p", person).bind("at", c.optedOutAt()).bind("v", c.via()).execute();
                        refusals++;
                    }
                }
            }
        }
        return new Kept(withdrawals, refusals);
    }

    /** For the messages, in French; empty when nothing was written again. */
    static String describe(Kept k) {
        if (k.withdrawals() == 0 && k.trackingRefusals() == 0) {
            return "";
        }
        return k.withdrawals() + " retrait(s) de consentement et " + k.trackingRefusals() + " refus du suivi des courriels"
                + " postérieurs à la sauvegarde gardés";
    }
}
