package fr.terrain.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What hangs from e-mail contacts, deleted with them: the opens, clicks and bounces of the messages sent to them, their
 * places in A/B tests, the sending rows, then the contacts. An erasure and the retention of prospects both delete so.
 */
final class MailContactRows {
    private MailContactRows() {}

    /** Deletes the contacts and their rows; how many rows each table lost, in deletion order. */
    static Map<String, Long> delete(Handle h, List<Long> mailContacts) {
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (String table : List.of("mail_event", "mail_bounce", "mail_ab_assignment", "mail_outbox", "mail_contact")) {
            deleted.put(table, 0L);
        }
        for (int i = 0; i < mailContacts.size(); i += 500) {
            List<Long> part = mailContacts.subList(i, Math.min(mailContacts.size(), i + 500));
            add(deleted, "mail_event", h.createUpdate("DELETE FROM mail_event WHERE outbox_id IN (SELECT id FROM mail_outbox"
                    + " WHERE mail_contact_id IN (<c>))").bindList("c", part).execute());
            add(deleted, "mail_bounce", h.createUpdate("DELETE FROM mail_bounce WHERE outbox_id IN (SELECT id FROM"
                    + " mail_outbox WHERE mail_contact_id IN (<c>))").bindList("c", part).execute());
            add(deleted, "mail_ab_assignment", h.createUpdate("DELETE FROM mail_ab_assignment WHERE mail_contact_id IN"
                    + " (<c>)").bindList("c", part).execute());
            add(deleted, "mail_outbox", h.createUpdate("DELETE FROM mail_outbox WHERE mail_contact_id IN (<c>)")
                    .bindList("c", part).execute());
            add(deleted, "mail_contact", h.createUpdate("DELETE FROM mail_contact WHERE id IN (<c>)").bindList("c", part)
                    .execute());
        }
        return deleted;
    }

    private static void add(Map<String, Long> deleted, String table, int rows) {
        deleted.merge(table, (long) rows, Long::sum);
    }
}
