package fr.terrain.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of mail-core's tables (V8) written straight in SQL, for tracking tests: a campaign and its
 * outbox, one contact (and person) per recipient, every row "sent".
 */
public final class MailFixture {
    /** A campaign with its outbox row ids, in order, and the person of each row. */
    public record Sent(long campaignId, List<Long> outbox, List<Long> persons) {}

    private MailFixture() {}

    /** A finished campaign named {@code name} sent to {@code recipients} contacts, sectors 1..20 in turn. */
    public static Sent campaign(Store store, String name, int recipients) {
        List<Integer> sectors = new ArrayList<>();
        for (int i = 0; i < recipients; i++) {
            sectors.add(i % 20 + 1);
        }
        return campaign(store, name, sectors);
    }

    /** A finished campaign named {@code name} sent to one contact per entry of {@code sectors}, in that sector (null: none). */
    public static Sent campaign(Store store, String name, List<Integer> sectors) {
        int recipients = sectors.size();
        return store.jdbi().inTransaction(h -> {
            LocalDateTime now = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
            long campaign = h.createUpdate("INSERT INTO mail_campaign (name, subject, template, segment, status, created_by,"
                    + " created_at) VALUES (:n, 'Objet', 'Bonjour', 'all', 'finished', 'test', :at)").bind("n", name)
                    .bind("at", now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            List<Long> outbox = new ArrayList<>();
            List<Long> persons = new ArrayList<>();
            for (int i = 0; i < recipients; i++) {
                String email = name.toLowerCase() + "." + i + "@example.org";
                long person = h.createUpdate("INSERT INTO person (created_at) VALUES (:at)").bind("at", now)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                long contact = h.createUpdate("INSERT INTO person_contact (person_id, kind, contact_value, source_category,"
                        + " collected_on, recorded_by, recorded_at) VALUES (:p, 'email', :e, 'members', :d, 'test', :at)")
                        .bind("p", person).bind("e", email).bind("d", now.toLocalDate()).bind("at", now)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                long mailContact = h.createUpdate("INSERT INTO mail_contact (person_id, contact_id, email, first_name, sector,"
                        + " regular_contact, created_at) VALUES (:p, :c, :e, 'Camille', :s, TRUE, :at)").bind("p", person)
                        .bind("c", contact).bind("e", email).bind("s", sectors.get(i)).bind("at", now)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                outbox.add(h.createUpdate("INSERT INTO mail_outbox (campaign_id, mail_contact_id, email, state, message_id,"
                        + " updated_at, sent_at) VALUES (:c, :m, :e, 'sent', :mid, :at, :at)").bind("c", campaign)
                        .bind("m", mailContact).bind("e", email).bind("mid", "<c" + campaign + ".r" + i + "@example.org>")
                        .bind("at", now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
                persons.add(person);
            }
            return new Sent(campaign, outbox, persons);
        });
    }
}
