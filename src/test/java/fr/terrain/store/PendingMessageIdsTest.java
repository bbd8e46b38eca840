package fr.terrain.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbox rows written before ADR 0031 carried the campaign's id in their Message-ID ({@code <uuid.7@domain>}). A
 * store opened by this build gives a random one to the rows no server has accepted yet, and keeps the others': a
 * delivered message's Message-ID is what its delivery report names. On H2 and on PostgreSQL.
 */
class PendingMessageIdsTest {
    /** One outbox row per state, in this order; the contacts are numbered from 1. */
    private static final List<String> STATES = List.of("pending", "failed-temporary", "sending", "committed", "sent",
            "failed-permanent", "bounced", "skipped-suppressed");
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TempDir
    Path tmp;

    @Test
    void rowsNotYetAcceptedGetARandomMessageIdTheOthersKeepTheirs() {
        OlderDatabase.onBoth(tmp, db -> {
            db.migrate("29", "classpath:db/migration");
            List<String> rows = new ArrayList<>(List.of(
                    "INSERT INTO mail_campaign (id, name, subject, template, segment, status, created_by, created_at)"
                            + " VALUES (7, 'janvier', 'Bonjour', 'Bonjour', 'all', 'sending', 'test', CURRENT_TIMESTAMP)"));
            List<String> before = new ArrayList<>();
            for (int i = 1; i <= STATES.size() + 1; i++) {
                String email = "electeur." + i + "@example.org";
                // the last row is pending but already random, as rows written after ADR 0031
                String messageId = i > STATES.size() ? "<0b3d6e9c-1f2a-4c5d-8e7f-a1b2c3d4e5f6@parisdemain.fr>"
                        : "<" + java.util.UUID.nameUUIDFromBytes(email.getBytes()) + ".7@parisdemain.fr>";
                before.add(messageId);
                rows.add("INSERT INTO person (id, created_at) VALUES (" + i + ", CURRENT_TIMESTAMP)");
                rows.add("INSERT INTO person_contact (id, person_id, kind, contact_value, source_category, collected_on,"
                        + " recorded_by, recorded_at) VALUES (" + i + ", " + i + ", 'email', '" + email + "', 'members',"
                        + " DATE '2026-11-01', 'test', CURRENT_TIMESTAMP)");
                rows.add("INSERT INTO mail_contact (id, person_id, contact_id, email, regular_contact, created_at) VALUES ("
                        + i + ", " + i + ", " + i + ", '" + email + "', TRUE, CURRENT_TIMESTAMP)");
                rows.add("INSERT INTO mail_outbox (id, campaign_id, mail_contact_id, email, state, message_id, updated_at)"
                        + " VALUES (" + i + ", 7, " + i + ", '" + email + "', '"
                        + (i > STATES.size() ? "pending" : STATES.get(i - 1)) + "', '" + messageId + "', CURRENT_TIMESTAMP)");
            }
            db.sql(rows.toArray(String[]::new));

            Map<Long, String> after;
            try (Store store = db.open()) {
                after = store.jdbi().withHandle(h -> h.createQuery("SELECT id, message_id FROM mail_outbox")
                        .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2))).list()).stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            }
            for (int i = 1; i <= STATES.size(); i++) {
                String state = STATES.get(i - 1);
                String id = after.get((long) i);
                if (state.equals("pending") || state.equals("failed-temporary")) {
                    assertTrue(id.matches("<" + UUID + "@parisdemain\\.fr>"), state + " : " + id);
                    assertNotEquals(before.get(i - 1), id, state);
                } else {
                    assertEquals(before.get(i - 1), id, state + " : a message that may have been delivered keeps its id");
                }
            }
            assertEquals(before.getLast(), after.get((long) STATES.size() + 1), "already random: unchanged");
            assertEquals(after.size(), new HashSet<>(after.values()).size(), "Message-IDs stay unique");

            try (Store again = db.open()) { // applied once: reopening changes nothing
                assertEquals(after.get(1L), again.jdbi().withHandle(h -> h.createQuery(
                        "SELECT message_id FROM mail_outbox WHERE id = 1").mapTo(String.class).one()));
            }
        });
    }
}
