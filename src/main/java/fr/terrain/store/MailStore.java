package fr.terrain.store;

import fr.terrain.mail.Bounce;
import fr.terrain.mail.Campaign;
import fr.terrain.mail.CheckedRecipient;
import fr.terrain.mail.ContactFacts;
import fr.terrain.mail.ContactSector;
import fr.terrain.mail.Origin;
import fr.terrain.mail.Outbox;
import fr.terrain.mail.OutboxEntry;
import fr.terrain.mail.OutboxState;
import fr.terrain.mail.Segment;
import fr.terrain.mail.Template;
import fr.terrain.privacy.ConsentChannel;
import fr.terrain.privacy.ConsentEvent;
import fr.terrain.privacy.ConsentHistory;
import fr.terrain.privacy.Identifier;
import fr.terrain.privacy.IdentifierHasher;
import fr.terrain.privacy.Identifiers;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.privacy.SourceDeclaration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;

/**
 * E-mail contacts, campaigns and the outbox in the store (V8). Contacts reuse the persons, their
 * contacts and the consent ledger (V5); this class adds what campaigns select on and the outbox
 * with the per-recipient state that makes a send resumable (docs/adr/0010-mail-outbox.md).
 */
public final class MailStore {
    /** The source categories an e-mail contact list may be imported under. */
    public static final Set<SourceCategory> CONTACT_SOURCES = Set.of(SourceCategory.REGULAR_CONTACTS,
            SourceCategory.MEMBERS, SourceCategory.COMMERCIAL_WITH_CONSENT, SourceCategory.CAMPAIGN_COLLECTED);

    /**
     * One contact to import (already read and checked by the reader, which names the file's line and column); what is no
     * sector ({@code election.SectorCodes}) or a station outside it is refused here too, whoever the caller.
     */
    public record NewContact(long line, String email, String firstName, Integer sector, String station,
            Set<String> topics, boolean consentEmail) {
        public NewContact {
            ContactSector.check(sector, station);
        }
    }

    /** What an import did. */
    public record ImportResult(long importId, int read, int stored, int alreadyKnown, int refusedSuppressed,
            int consentsRecorded, int regularContacts, int withoutBasis) {}

    /** What freezing a campaign's recipients did. */
    public record Freeze(int recipients, int skippedSuppressed, Map<CheckedRecipient.Refusal, Integer> refused,
            int outsideSegment) {}

    private MailStore() {}

    /** Rows written per batch of statements (one round trip each) inside an import's single transaction. */
    private static final int IMPORT_CHUNK = 1000;

    /**
     * Inserts {@code rows} rows in a single batch and returns their generated ids in the rows' order
     * (both drivers return a batch's keys in execution order; the count is checked).
     */
    private static List<Long> insertReturningIds(Handle h, String sql, int rows,
            java.util.function.ObjIntConsumer<org.jdbi.v3.core.statement.PreparedBatch> bindRow) {
        var batch = h.prepareBatch(sql);
        for (int i = 0; i < rows; i++) {
            bindRow.accept(batch, i);
            batch.add();
        }
        List<Long> ids = batch.executePreparedBatch("id").mapTo(Long.class).list();
        if (ids.size() != rows) {
            throw new StoreException("le pilote a rendu " + ids.size() + " identifiant(s) pour " + rows
                    + " ligne(s) insérée(s)");
        }
        return ids;
    }

    // ---------------------------------------------------------------- contacts

    /**
     * Imports e-mail contacts in one transaction, with their import log line and audit entry.
     * Addresses on the suppression list are refused (counted, not stored). A {@code oui} from a
     * regular-contacts or members file makes the person a regular contact (no consent event is
     * invented); from any other source it records a consent given on the e-mail channel, citing the
     * notice shown at collection ({@code noticeVersion}) and the import line as evidence.
     */
    public static ImportResult importContacts(Store store, IdentifierHasher hasher, String fileName, String sha256,
            SourceDeclaration source, String noticeVersion, LocalDate collectedOn, List<NewContact> rows, String by) {
        if (!CONTACT_SOURCES.contains(source.category())) {
            throw new StoreException("une liste de contacts électroniques s'importe sous la source regular-contacts,"
                    + " members, commercial-with-consent ou campaign-collected, pas " + source.category().id());
        }
        boolean regularSource = source.category() == SourceCategory.REGULAR_CONTACTS
                || source.category() == SourceCategory.MEMBERS;
        boolean anyYes = rows.stream().anyMatch(NewContact::consentEmail);
        if (!regularSource && anyYes) {
            if (noticeVersion == null) {
                throw new StoreException("des lignes disent « oui » : un consentement donné cite la mention d'information"
                        + " montrée lors de la collecte (--notice VERSION, enregistrée avec terrain consent notice)");
            }
            if (source.category() == SourceCategory.COMMERCIAL_WITH_CONSENT && !source.consentChannels().contains("email")) {
                throw new StoreException("le consentement de ce fichier commercial ne couvre pas le courriel"
                        + " (--consent-channels) : " + SourceDeclaration.COMMERCIAL_RULE);
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return store.jdbi().inTransaction(h -> {
            if (noticeVersion != null && !regularSource) {
                var n = ConsentLedger.notice(h, noticeVersion).orElseThrow(() -> new StoreException("mention inconnue : "
                        + noticeVersion + " (enregistrez son texte avec terrain consent notice " + noticeVersion
                        + " --channel email --file FICHIER)"));
                if (n.channel() != ConsentChannel.EMAIL) {
                    throw new StoreException("la mention " + noticeVersion + " est celle du canal " + n.channel().id()
                            + ", pas email");
                }
            }
            long importId = h.createUpdate("INSERT INTO import_log (kind, target, file_name, sha256, source_category,"
                            + " provider, provider_contact, consent_channels, options, rows_read, rows_stored, warnings,"
                            + " started_at, finished_at) VALUES ('contacts', 'contacts:email', :f, :sha, :s, :p, :pc, :cc,"
                            + " :o, 0, 0, 0, :t, :t)")
                    .bind("f", fileName).bind("sha", sha256).bind("s", source.category().id())
                    .bind("p", source.provider()).bind("pc", source.providerContact())
                    .bind("cc", source.channelList().orElse(null))
                    .bind("o", noticeVersion == null ? "" : "--notice " + noticeVersion).bind("t", utc(now))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            Set<String> suppressed = SuppressionList.hashes(h);
            Set<String> known = new HashSet<>(h.createQuery("SELECT email FROM mail_contact").mapTo(String.class).list());
            int already = 0;
            int refused = 0;
            List<NewContact> fresh = new ArrayList<>();
            for (NewContact c : rows) {
                String email = Identifiers.email(c.email());
                if (suppressed.contains(hasher.hash(Identifiers.emailOf(email)))) {
                    refused++;
                } else if (!known.add(email)) {
                    already++;
                } else {
                    fresh.add(new NewContact(c.line(), email, c.firstName(), c.sector(), c.station(), c.topics(),
                            c.consentEmail()));
                }
            }
            int consents = 0;
            int regular = 0;
            Instant given = collectedOn.atStartOfDay(ZoneOffset.UTC).toInstant();
            for (int from = 0; from < fresh.size(); from += IMPORT_CHUNK) {
                List<NewContact> chunk = fresh.subList(from, Math.min(fresh.size(), from + IMPORT_CHUNK));
                List<Long> persons = RandomIds.block(h, RandomIds.Table.PERSON, chunk.size());
                var people = h.prepareBatch("INSERT INTO person (id, first_names, created_at) VALUES (:id, :f, :t)");
                for (int i = 0; i < chunk.size(); i++) {
                    people.bind("id", persons.get(i)).bind("f", chunk.get(i).firstName()).bind("t", utc(now)).add();
                }
                people.execute();
                List<Long> contacts = insertReturningIds(h, "INSERT INTO person_contact (person_id, kind, contact_value,"
                                + " source_category, provider, collected_on, recorded_by, recorded_at)"
                                + " VALUES (:p, 'email', :v, :s, :pr, :c, :b, :t)", chunk.size(),
                        (b, i) -> b.bind("p", persons.get(i)).bind("v", chunk.get(i).email()).bind("s", source.category().id())
                                .bind("pr", source.provider()).bind("c", collectedOn).bind("b", by).bind("t", utc(now)));
                var mail = h.prepareBatch("INSERT INTO mail_contact (person_id, contact_id, email, first_name, sector,"
                        + " station_code, topics, regular_contact, import_id, created_at) VALUES (:p, :c, :e, :f, :s, :st,"
                        + " :tp, :r, :i, :t)");
                List<ConsentLedger.PersonEvent> events = new ArrayList<>();
                for (int i = 0; i < chunk.size(); i++) {
                    NewContact c = chunk.get(i);
                    boolean isRegular = regularSource && c.consentEmail();
                    mail.bind("p", persons.get(i)).bind("c", contacts.get(i)).bind("e", c.email()).bind("f", c.firstName())
                            .bind("s", c.sector()).bind("st", c.station())
                            .bind("tp", c.topics().isEmpty() ? null : String.join(",", c.topics()))
                            .bind("r", isRegular).bind("i", importId).bind("t", utc(now)).add();
                    if (isRegular) {
                        regular++;
                    } else if (c.consentEmail()) {
                        events.add(new ConsentLedger.PersonEvent(persons.get(i), new ConsentEvent(0, ConsentChannel.EMAIL,
                                ConsentEvent.Kind.GIVEN, given.isAfter(now) ? now : given, "import", noticeVersion, null,
                                "import n° " + importId + ", " + fileName + " ligne " + c.line() + " ("
                                        + source.category().id() + (source.provider() == null ? "" : ", "
                                        + source.provider()) + ")", by, now)));
                    }
                }
                mail.execute();
                ConsentLedger.appendForNewPersons(h, events);
                consents += events.size();
            }
            int stored = fresh.size();
            int without = stored - regular - consents;
            h.createUpdate("UPDATE import_log SET rows_read = :r, rows_stored = :s, warnings = :w, finished_at = :f"
                    + " WHERE id = :id").bind("r", rows.size()).bind("s", stored).bind("w", refused + already)
                    .bind("f", utc(Instant.now())).bind("id", importId).execute();
            AuditLog.append(h, now, by, "contacts.import", "import:" + importId, stored, fileName + " ("
                    + source.category().id() + ") : " + stored + " contact(s), " + refused
                    + " refusé(s) (liste d'opposition), " + already + " déjà connu(s)");
            return new ImportResult(importId, rows.size(), stored, already, refused, consents, regular, without);
        });
    }

    /** Every e-mail contact's facts as of {@code now}, or only these ones. */
    public static List<ContactFacts> facts(Handle h, Instant now, Optional<? extends java.util.Collection<Long>> only) {
        String where = only.map(ids -> ids.isEmpty() ? " WHERE 1 = 0" : " WHERE mc.id IN (<ids>)").orElse("");
        var q = h.createQuery("SELECT mc.id, mc.person_id, mc.email, mc.first_name, mc.sector, mc.station_code, mc.topics,"
                + " mc.regular_contact, mc.undeliverable_at, mc.import_id, mc.created_at, pc.source_category, pc.provider,"
                + " pc.collected_on, il.file_name, il.started_at AS imported_at FROM mail_contact mc"
                + " JOIN person_contact pc ON pc.id = mc.contact_id LEFT JOIN import_log il ON il.id = mc.import_id"
                + where + " ORDER BY mc.id");
        only.filter(ids -> !ids.isEmpty()).ifPresent(ids -> q.bindList("ids", List.copyOf(ids)));
        record Raw(long id, long person, String email, String first, Integer sector, String station, String topics,
                boolean regular, boolean undeliverable, Long importId, String category, String provider,
                LocalDate collected, String file, LocalDateTime importedAt, LocalDateTime createdAt) {}
        List<Raw> raws = q.map((rs, ctx) -> new Raw(rs.getLong("id"), rs.getLong("person_id"), rs.getString("email"),
                rs.getString("first_name"), rs.getObject("sector", Integer.class), rs.getString("station_code"),
                rs.getString("topics"), rs.getBoolean("regular_contact"), rs.getObject("undeliverable_at") != null,
                rs.getObject("import_id", Long.class), rs.getString("source_category"), rs.getString("provider"),
                rs.getObject("collected_on", LocalDate.class), rs.getString("file_name"),
                rs.getObject("imported_at", LocalDateTime.class), rs.getObject("created_at", LocalDateTime.class))).list();
        Set<Long> persons = new HashSet<>();
        raws.forEach(r -> persons.add(r.person()));
        Map<Long, ConsentHistory.Status> consent = emailConsent(h, persons, now, only.isPresent());
        Map<Long, Instant> engaged = new HashMap<>();
        // the sender asks for a batch of contacts at a time: read only their events, not every campaign's; an open or
        // click by an automaton (a mail client fetching every image, a link scanner) is nobody's engagement
        var events = h.createQuery("SELECT o.mail_contact_id, MAX(e.occurred_at) AS last FROM mail_event e JOIN mail_outbox o"
                + " ON o.id = e.outbox_id WHERE " + MailTracking.BY_A_PERSON
                + only.map(ids -> ids.isEmpty() ? " AND 1 = 0" : " AND o.mail_contact_id IN (<ids>)").orElse("")
                + " GROUP BY o.mail_contact_id");
        only.filter(ids -> !ids.isEmpty()).ifPresent(ids -> events.bindList("ids", List.copyOf(ids)));
        events.map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC)))
                .forEach(e -> engaged.put(e.getKey(), e.getValue()));
        Set<Long> restricted = new HashSet<>(h.createQuery("SELECT person_id FROM processing_restriction")
                .mapTo(Long.class).list());
        List<ContactFacts> out = new ArrayList<>(raws.size());
        for (Raw r : raws) {
            SourceCategory cat = SourceCategory.find(r.category()).orElseThrow(() -> new StoreException(
                    "catégorie de source inconnue en base : " + r.category()));
            String how = r.importId() != null
                    ? "fichier « " + r.file() + " » importé le " + parisDay(r.importedAt()) + ", import n° " + r.importId()
                    : "formulaire d'inscription du site, confirmé par courriel le " + parisDay(r.createdAt());
            Set<String> topics = r.topics() == null ? Set.of()
                    : new LinkedHashSet<>(Arrays.asList(r.topics().split(",")));
            out.add(new ContactFacts(r.id(), r.person(), r.email(), r.first(), r.sector(), r.station(), topics,
                    r.regular(), consent.getOrDefault(r.person(), ConsentHistory.Status.NEVER_GIVEN), r.undeliverable(),
                    Optional.ofNullable(engaged.get(r.id())), new Origin(cat, r.provider(), r.collected(), how),
                    restricted.contains(r.person())));
        }
        return out;
    }

    /** A UTC time of the database as the day it was in Paris, in French (« 15 janvier 2026 »). */
    private static String parisDay(LocalDateTime utc) {
        return Origin.day(utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(fr.terrain.election.Paris.ZONE).toLocalDate());
    }

    /**
     * The state of each person's e-mail consent as of {@code now}, read from the ledger in one query, in
     * {@link ConsentHistory#ORDER} (of two events alike in both times, the withdrawal last).
     */
    private static Map<Long, ConsentHistory.Status> emailConsent(Handle h, Set<Long> persons, Instant now,
            boolean restrict) {
        record Ev(long person, String event, LocalDateTime at, LocalDateTime recorded, long id) {}
        var q = h.createQuery("SELECT person_id, event, effective_at, recorded_at, id FROM consent_event"
                + " WHERE channel = 'email'" + (restrict ? (persons.isEmpty() ? " AND 1 = 0" : " AND person_id IN (<p>)") : "")
                + " ORDER BY person_id, effective_at, recorded_at, CASE WHEN event = 'withdrawn' THEN 1 ELSE 0 END, id");
        if (restrict && !persons.isEmpty()) {
            q.bindList("p", List.copyOf(persons));
        }
        LocalDateTime cut = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        Map<Long, ConsentHistory.Status> out = new HashMap<>();
        q.map((rs, ctx) -> new Ev(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDateTime.class),
                rs.getObject(4, LocalDateTime.class), rs.getLong(5))).forEach(e -> {
                    if (!e.at().isAfter(cut)) {
                        out.put(e.person(), e.event().equals("given") ? ConsentHistory.Status.GIVEN
                                : ConsentHistory.Status.WITHDRAWN);
                    }
                });
        return out;
    }

    public static List<ContactFacts> facts(Store store, Instant now) {
        return store.jdbi().withHandle(h -> facts(h, now, Optional.empty()));
    }

    /** How many contacts, and how many of them may be written to today. */
    public static long contactCount(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mail_contact").mapTo(Long.class).one());
    }

    // ---------------------------------------------------------------- campaigns

    public static Campaign createCampaign(Store store, String name, Template template, Segment segment,
            Optional<Instant> at, String by) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Campaign c = new Campaign(0, name, template.subject(), template.text(), segment,
                at.isPresent() ? Campaign.Status.SCHEDULED : Campaign.Status.DRAFT, at, by, now);
        return store.jdbi().inTransaction(h -> {
            if (campaign(h, name).isPresent()) {
                throw new StoreException("la campagne « " + name + " » existe déjà");
            }
            long id = h.createUpdate("INSERT INTO mail_campaign (name, subject, template, segment, status, scheduled_at,"
                            + " created_by, created_at) VALUES (:n, :s, :t, :g, :st, :at, :b, :c)")
                    .bind("n", name).bind("s", c.subject()).bind("t", c.template()).bind("g", segment.text())
                    .bind("st", c.status().id()).bind("at", at.map(MailStore::utc).orElse(null)).bind("b", by)
                    .bind("c", utc(now)).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            AuditLog.append(h, now, by, "campaign.create", "campaign:" + name, 0, "segment " + segment.text());
            return new Campaign(id, name, c.subject(), c.template(), segment, c.status(), at, by, now);
        });
    }

    /** Changes a campaign not yet sent: its template, segment or schedule. */
    public static Campaign updateCampaign(Store store, Campaign c, Template template, Segment segment,
            Optional<Instant> at, String by) {
        return store.jdbi().inTransaction(h -> {
            Campaign now = campaign(h, c.name()).orElseThrow();
            if (now.status() == Campaign.Status.SENDING || now.status() == Campaign.Status.FINISHED) {
                throw new StoreException("la campagne « " + c.name() + " » est déjà partie : elle ne change plus");
            }
            h.createUpdate("UPDATE mail_campaign SET subject = :s, template = :t, segment = :g, scheduled_at = :at,"
                            + " status = :st WHERE id = :id").bind("s", template.subject()).bind("t", template.text())
                    .bind("g", segment.text()).bind("at", at.map(MailStore::utc).orElse(null))
                    .bind("st", at.isPresent() ? "scheduled" : "draft").bind("id", c.id()).execute();
            AuditLog.append(h, Instant.now(), by, "campaign.update", "campaign:" + c.name(), 0, "segment " + segment.text());
            return campaign(h, c.name()).orElseThrow();
        });
    }

    public static void schedule(Store store, Campaign c, Instant at) {
        store.jdbi().useHandle(h -> h.createUpdate("UPDATE mail_campaign SET scheduled_at = :at, status = CASE WHEN"
                + " status = 'draft' THEN 'scheduled' ELSE status END WHERE id = :id").bind("at", utc(at))
                .bind("id", c.id()).execute());
    }

    public static Optional<Campaign> campaign(Handle h, String name) {
        return h.createQuery("SELECT * FROM mail_campaign WHERE name = :n").bind("n", name)
                .map((rs, ctx) -> mapCampaign(rs)).findOne();
    }

    public static Optional<Campaign> campaign(Store store, String name) {
        return store.jdbi().withHandle(h -> campaign(h, name));
    }

    public static Optional<Campaign> campaign(Store store, long id) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT * FROM mail_campaign WHERE id = :n").bind("n", id)
                .map((rs, ctx) -> mapCampaign(rs)).findOne());
    }

    public static List<Campaign> campaigns(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT * FROM mail_campaign ORDER BY created_at DESC, id DESC")
                .map((rs, ctx) -> mapCampaign(rs)).list());
    }

    private static Campaign mapCampaign(java.sql.ResultSet rs) throws java.sql.SQLException {
        LocalDateTime at = rs.getObject("scheduled_at", LocalDateTime.class);
        return new Campaign(rs.getLong("id"), rs.getString("name"), rs.getString("subject"), rs.getString("template"),
                Segment.parse(rs.getString("segment")), Campaign.Status.of(rs.getString("status")),
                Optional.ofNullable(at).map(t -> t.toInstant(ZoneOffset.UTC)), rs.getString("created_by"),
                rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC));
    }

    /**
     * Writes the campaign's outbox, once: every contact of the segment whom {@link CheckedRecipient}
     * allows, as pending rows with their Message-ID; contacts of the segment on the suppression list or
     * undeliverable as skipped-suppressed rows (the proof they were left out); the others (no
     * consent) are only counted. Does nothing when the campaign was frozen before (a resumed send, or an
     * A/B test's winner whose outbox holds only the rest of the segment, perhaps no one).
     */
    public static Freeze freeze(Store store, Campaign c, Predicate<Identifier> suppressed, String domain, Instant now,
            String by) {
        return store.jdbi().inTransaction(h -> {
            long existing = h.createQuery("SELECT COUNT(*) FROM mail_outbox WHERE campaign_id = :c").bind("c", c.id())
                    .mapTo(Long.class).one();
            // frozen before, perhaps with no one in it (an A/B test's winner when the whole segment was sampled)
            boolean started = h.createQuery("SELECT started_at FROM mail_campaign WHERE id = :c").bind("c", c.id())
                    .mapTo(LocalDateTime.class).findOne().isPresent();
            if (existing > 0 || started) {
                return new Freeze((int) existing, 0, Map.of(), 0);
            }
            int outside = 0;
            int recipients = 0;
            int skipped = 0;
            Map<CheckedRecipient.Refusal, Integer> refused = new EnumMap<>(CheckedRecipient.Refusal.class);
            var batch = h.prepareBatch("INSERT INTO mail_outbox (campaign_id, mail_contact_id, email, state, message_id,"
                    + " attempts, updated_at) VALUES (:c, :m, :e, :s, :id, 0, :t)");
            for (ContactFacts f : facts(h, now, Optional.empty())) {
                if (!c.segment().matches(f, now)) {
                    outside++;
                    continue;
                }
                String state;
                String email;
                switch (CheckedRecipient.check(f, suppressed)) {
                    case CheckedRecipient.Allowed a -> {
                        state = OutboxState.PENDING.id();
                        email = a.recipient().email();
                        recipients++;
                    }
                    case CheckedRecipient.Refused r -> {
                        refused.merge(r.reason(), 1, Integer::sum);
                        if (r.reason() != CheckedRecipient.Refusal.SUPPRESSED
                                && r.reason() != CheckedRecipient.Refusal.UNDELIVERABLE) {
                            continue;
                        }
                        state = OutboxState.SKIPPED_SUPPRESSED.id();
                        email = f.email();
                        skipped++;
                    }
                }
                batch.bind("c", c.id()).bind("m", f.mailContactId()).bind("e", email).bind("s", state)
                        .bind("id", newMessageId(domain)).bind("t", utc(now)).add();
            }
            if (batch.size() > 0) {
                batch.execute();
            }
            h.createUpdate("UPDATE mail_campaign SET status = 'sending', started_at = :t WHERE id = :id")
                    .bind("t", utc(now)).bind("id", c.id()).execute();
            AuditLog.append(h, now, by, "campaign.freeze", "campaign:" + c.name(), recipients, recipients
                    + " destinataire(s), " + skipped + " écarté(s) (opposition, adresse invalide), refus : " + CheckedRecipient.Refusal.counts(refused));
            return new Freeze(recipients, skipped, refused, outside);
        });
    }

    /** The number of rows in each state. */
    public static Map<OutboxState, Long> states(Store store, long campaignId) {
        Map<OutboxState, Long> out = new EnumMap<>(OutboxState.class);
        for (OutboxState s : OutboxState.values()) {
            out.put(s, 0L);
        }
        store.jdbi().useHandle(h -> h.createQuery("SELECT state, COUNT(*) FROM mail_outbox WHERE campaign_id = :c"
                        + " GROUP BY state").bind("c", campaignId)
                .map((rs, ctx) -> Map.entry(OutboxState.of(rs.getString(1)), rs.getLong(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /**
     * Rows counted sent although the server never confirmed them: the "." went out and the connection was lost,
     * or a killed sender left them committed (docs/adr/0010-mail-outbox.md).
     */
    public static long unconfirmed(Store store, long campaignId) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mail_outbox WHERE campaign_id = :c"
                + " AND unconfirmed").bind("c", campaignId).mapTo(Long.class).one());
    }

    /**
     * The row states of the recipients whose contact is in one of {@code sectors} (what an organizer of those sectors is
     * shown; aggregates only): a contact without a sector is in none.
     */
    public static Map<OutboxState, Long> statesIn(Store store, long campaignId, Set<Integer> sectors) {
        Map<OutboxState, Long> out = new EnumMap<>(OutboxState.class);
        if (sectors.isEmpty()) {
            return out;
        }
        store.jdbi().useHandle(h -> h.createQuery("SELECT o.state, COUNT(*) FROM mail_outbox o"
                        + " JOIN mail_contact mc ON mc.id = o.mail_contact_id WHERE o.campaign_id = :c"
                        + " AND mc.sector IN (<sectors>) GROUP BY o.state").bind("c", campaignId)
                .bindList("sectors", List.copyOf(sectors))
                .map((rs, ctx) -> Map.entry(OutboxState.of(rs.getString(1)), rs.getLong(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /**
     * A new row's Message-ID: random (a UUID's 122 bits), naming neither the row nor the campaign, which a recipient
     * would read as counts (docs/adr/0031). Fixed when the row is written, so a retried send repeats it.
     */
    static String newMessageId(String domain) {
        return "<" + UUID.randomUUID() + "@" + domain + ">";
    }

    /** The outbox row of a Message-ID, if any. */
    public static Optional<OutboxEntry> byMessageId(Handle h, String messageId) {
        return h.createQuery("SELECT * FROM mail_outbox WHERE message_id = :m").bind("m", messageId)
                .map((rs, ctx) -> entry(rs)).findOne();
    }

    public static Optional<OutboxEntry> entry(Store store, long id) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT * FROM mail_outbox WHERE id = :i").bind("i", id)
                .map((rs, ctx) -> entry(rs)).findOne());
    }

    static OutboxEntry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new OutboxEntry(rs.getLong("id"), rs.getLong("campaign_id"), rs.getLong("mail_contact_id"),
                rs.getString("email"), OutboxState.of(rs.getString("state")), rs.getString("message_id"),
                rs.getInt("attempts"));
    }

    // ---------------------------------------------------------------- the outbox

    /** The outbox of one campaign, held by one sending process (a lease on the campaign row). */
    public static SendingOutbox outbox(Store store, IdentifierHasher hasher, Campaign c, String worker) {
        return new SendingOutbox(store, hasher, c, worker);
    }

    /** The {@link Outbox} the sender drives. */
    public static final class SendingOutbox implements Outbox {
        private final Store store;
        private final IdentifierHasher hasher;
        private final Campaign campaign;
        private final String worker;
        private long claims;

        SendingOutbox(Store store, IdentifierHasher hasher, Campaign campaign, String worker) {
            this.store = store;
            this.hasher = hasher;
            this.campaign = campaign;
            this.worker = worker;
        }

        /**
         * Takes the campaign's lease: refused while another live process holds it. A lease is free
         * when no one holds it, when its holder on this machine is no longer running, or when its
         * heartbeat is older than {@code staleAfter}.
         */
        public void acquire(java.time.Duration staleAfter) {
            if (store.dialect() == Store.Dialect.H2) {
                // H2 writes committed transactions to its file up to half a second later: a killed sender would
                // forget its last "committed" and "sent" marks and send those messages again. Write at each commit.
                store.jdbi().useHandle(h -> h.execute("SET WRITE_DELAY 0"));
            }
            store.jdbi().useTransaction(h -> {
                var row = h.createQuery("SELECT sender, sender_seen_at FROM mail_campaign WHERE id = :id")
                        .bind("id", campaign.id()).mapToMap().one();
                String holder = (String) row.get("sender");
                Object seen = row.get("sender_seen_at");
                if (holder != null && !holder.equals(worker) && alive(holder)) {
                    Instant last = seen == null ? Instant.EPOCH : toInstant(seen);
                    if (last.isAfter(Instant.now().minus(staleAfter))) {
                        throw new StoreException("la campagne « " + campaign.name() + " » est en cours d'envoi par "
                                + holder + " (dernier signe de vie " + last + ")");
                    }
                }
                h.createUpdate("UPDATE mail_campaign SET sender = :w, sender_seen_at = :t WHERE id = :id")
                        .bind("w", worker).bind("t", utc(Instant.now())).bind("id", campaign.id()).execute();
            });
        }

        /** Whether a holder "host:pid:…" may still be running: on this host, asks the system. */
        private static boolean alive(String holder) {
            String[] p = holder.split(":");
            if (p.length < 2) {
                return true;
            }
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                return true;
            }
            if (!p[0].equals(host)) {
                return true;
            }
            try {
                long pid = Long.parseLong(p[1]);
                if (pid == ProcessHandle.current().pid()) {
                    return true;
                }
                return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            } catch (NumberFormatException e) {
                return true;
            }
        }

        public void release() {
            closeMarks(); // the sending threads are done
            flush();
            store.jdbi().useHandle(h -> h.createUpdate("UPDATE mail_campaign SET sender = NULL, sender_seen_at = NULL"
                    + " WHERE id = :id AND sender = :w").bind("id", campaign.id()).bind("w", worker).execute());
        }

        @Override
        public synchronized List<OutboxEntry> claim(long campaignId, int max, String unused, Instant now) {
            flush();
            String token = worker + "#" + (++claims);
            return store.jdbi().inTransaction(h -> {
                h.createUpdate("UPDATE mail_campaign SET sender_seen_at = :t WHERE id = :id AND sender = :w")
                        .bind("t", utc(now)).bind("id", campaignId).bind("w", worker).execute();
                // pending rows first, then temporary failures whose retry is due: each an ordered range of
                // the (campaign, state, id) index, read no further than the batch (an OR of both is not)
                List<Long> ids = new ArrayList<>(h.createQuery("SELECT id FROM mail_outbox WHERE campaign_id = :c"
                                + " AND state = 'pending' ORDER BY id LIMIT :n")
                        .bind("c", campaignId).bind("n", max).mapTo(Long.class).list());
                if (ids.size() < max) {
                    ids.addAll(h.createQuery("SELECT id FROM mail_outbox WHERE campaign_id = :c"
                                    + " AND state = 'failed-temporary' AND next_attempt_at <= :t ORDER BY id LIMIT :n")
                            .bind("c", campaignId).bind("t", utc(now)).bind("n", max - ids.size()).mapTo(Long.class)
                            .list());
                }
                if (ids.isEmpty()) {
                    return List.of();
                }
                h.createUpdate("UPDATE mail_outbox SET state = 'sending', claimed_by = :w, attempts = attempts + 1,"
                                + " updated_at = :t WHERE id IN (<ids>) AND (state = 'pending' OR state = 'failed-temporary')")
                        .bind("w", token).bind("t", utc(now)).bindList("ids", ids).execute();
                return h.createQuery("SELECT * FROM mail_outbox WHERE id IN (<ids>) AND claimed_by = :w"
                                + " AND state = 'sending' ORDER BY id")
                        .bindList("ids", ids).bind("w", token).map((rs, ctx) -> entry(rs)).list();
            });
        }

        @Override
        public Map<Long, ContactFacts> facts(List<OutboxEntry> entries, Instant now) {
            Set<Long> ids = new LinkedHashSet<>();
            entries.forEach(e -> ids.add(e.mailContactId()));
            Map<Long, ContactFacts> out = new LinkedHashMap<>();
            store.jdbi().useHandle(h -> MailStore.facts(h, now, Optional.of(ids)).forEach(f -> out.put(f.mailContactId(), f)));
            return out;
        }

        @Override
        public Predicate<Identifier> suppression() {
            Set<String> hashes = store.jdbi().withHandle(SuppressionList::hashes);
            return id -> hashes.contains(hasher.hash(id));
        }

        @Override
        public Predicate<Identifier> suppression(Collection<ContactFacts> of) {
            List<Identifier> ids = of.stream().map(f -> Identifiers.emailOf(f.email())).toList();
            Set<String> hashes = store.jdbi().withHandle(h -> SuppressionList.listed(h, hasher, ids));
            return id -> hashes.contains(hasher.hash(id));
        }

        /**
         * Marks the row committed and returns once that is durable. The marks of the connections that reach
         * their final dot together share one transaction (group commit: one log flush for several messages,
         * each still marked before its own dot), with the sent marks waiting: a committed row is sent unless
         * the server's reply said otherwise, so those marks may be written late.
         */
        @Override
        public void committed(long outboxId) {
            commits.write(outboxId);
        }

        private final GroupCommit<Long> commits = new GroupCommit<>(this::writeCommitted);
        private Handle marks; // the group commit's own connection and statements (one writer at a time)
        private java.sql.PreparedStatement markCommitted;
        private java.sql.PreparedStatement markSent;

        /**
         * One transaction: the sent marks waiting, then the committed marks. A commit per message or
         * small group, so plain JDBC on a connection kept for it, its two statements prepared once
         * (through a new handle and the ORM layer each time, this was a third of the sender's CPU).
         */
        private void writeCommitted(List<Long> ids) {
            List<Long> done = drainSent();
            try {
                if (marks == null) {
                    marks = store.jdbi().open();
                    java.sql.Connection c = marks.getConnection();
                    c.setAutoCommit(false);
                    markSent = c.prepareStatement(MARK_SENT);
                    markCommitted = c.prepareStatement("UPDATE mail_outbox SET state = 'committed', updated_at = ?"
                            + " WHERE id = ANY (?)");
                }
                java.sql.Connection c = marks.getConnection();
                LocalDateTime now = utc(Instant.now());
                try {
                    writeSent(c, markSent, done, now);
                    markCommitted.setObject(1, now);
                    markCommitted.setArray(2, c.createArrayOf("BIGINT", ids.toArray()));
                    markCommitted.executeUpdate();
                    c.commit();
                } catch (java.sql.SQLException e) {
                    c.rollback();
                    throw e;
                }
            } catch (java.sql.SQLException | RuntimeException e) {
                closeMarks(); // a broken connection is not reused; the next batch opens another
                throw new StoreException("marques d'envoi non enregistrées : " + e.getMessage(), e);
            }
        }

        private void closeMarks() {
            if (marks != null) {
                try {
                    marks.getConnection().rollback(); // nothing is pending: every batch ended in commit or rollback
                    marks.getConnection().setAutoCommit(true);
                    marks.close();
                } catch (java.sql.SQLException | RuntimeException ignored) {
                    // a broken connection: the pool discards it
                }
                marks = null;
            }
        }

        private final java.util.concurrent.ConcurrentLinkedQueue<Long> sentQueue = new java.util.concurrent.ConcurrentLinkedQueue<>();

        @Override
        public void sent(long outboxId, Instant at) {
            sentQueue.add(outboxId);
            if (sentQueue.size() >= 200) {
                flush();
            }
        }

        /** Writes the sent marks waiting. */
        public void flush() {
            List<Long> done = drainSent();
            if (!done.isEmpty()) {
                store.jdbi().useTransaction(h -> {
                    try (var statement = h.getConnection().prepareStatement(MARK_SENT)) {
                        writeSent(h.getConnection(), statement, done, utc(Instant.now()));
                    } catch (java.sql.SQLException e) {
                        throw new StoreException(e);
                    }
                });
            }
        }

        private List<Long> drainSent() {
            List<Long> out = new ArrayList<>();
            for (Long id; (id = sentQueue.poll()) != null; ) {
                out.add(id);
            }
            return out;
        }

        /** The sent marks: rows still committed (a reply may have failed them meanwhile) become sent. */
        private static final String MARK_SENT = "UPDATE mail_outbox SET state = 'sent', sent_at = ?, updated_at = ?,"
                + " last_error = NULL WHERE id = ANY (?) AND state = 'committed'";

        private static void writeSent(java.sql.Connection c, java.sql.PreparedStatement markSent, List<Long> ids,
                LocalDateTime now) throws java.sql.SQLException {
            if (ids.isEmpty()) {
                return;
            }
            markSent.setObject(1, now);
            markSent.setObject(2, now);
            markSent.setArray(3, c.createArrayOf("BIGINT", ids.toArray()));
            markSent.executeUpdate();
        }

        @Override
        public void unconfirmed(long outboxId, Instant at) {
            store.jdbi().useHandle(h -> h.createUpdate("UPDATE mail_outbox SET state = 'sent', sent_at = :t, updated_at = :t,"
                            + " unconfirmed = TRUE, last_error = 'non confirmé : connexion perdue après la fin des données'"
                            + " WHERE id = :id AND state = 'committed'").bind("t", utc(at)).bind("id", outboxId).execute());
        }

        @Override
        public void failed(long outboxId, boolean permanent, String error, Instant retryAt) {
            set(outboxId, permanent ? "failed-permanent" : "failed-temporary", error, permanent ? null : retryAt, null);
        }

        @Override
        public void skipped(long outboxId, String reason) {
            set(outboxId, "skipped-suppressed", reason, null, null);
        }

        @Override
        public void release(List<Long> ids, String why) {
            store.jdbi().useHandle(h -> h.createUpdate("UPDATE mail_outbox SET state = 'pending', attempts = attempts - 1,"
                            + " last_error = :e, updated_at = :t WHERE id IN (<ids>) AND state = 'sending'")
                    .bind("e", why.length() > 1000 ? why.substring(0, 1000) : why).bind("t", utc(Instant.now()))
                    .bindList("ids", ids).execute());
        }

        private void set(long id, String state, String error, Instant retry, Instant sentAt) {
            store.jdbi().useHandle(h -> h.createUpdate("UPDATE mail_outbox SET state = :s, last_error = :e,"
                            + " next_attempt_at = :r, updated_at = :t WHERE id = :id").bind("s", state)
                    .bind("e", error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error)
                    .bind("r", retry == null ? null : utc(retry)).bind("t", utc(Instant.now())).bind("id", id).execute());
        }

        @Override
        public Recovery recover(long campaignId) {
            return store.jdbi().inTransaction(h -> {
                int requeued = h.createUpdate("UPDATE mail_outbox SET state = 'pending', updated_at = :t,"
                                + " last_error = 'repris après interruption (jamais transmis)' WHERE campaign_id = :c"
                                + " AND state = 'sending'").bind("t", utc(Instant.now())).bind("c", campaignId).execute();
                int presumed = h.createUpdate("UPDATE mail_outbox SET state = 'sent', sent_at = updated_at,"
                                + " unconfirmed = TRUE, last_error = 'présumé envoyé : interrompu après la fin des données' WHERE campaign_id = :c"
                                + " AND state = 'committed'").bind("c", campaignId).execute();
                return new Recovery(requeued, presumed);
            });
        }

        @Override
        public long unfinished(long campaignId) {
            flush();
            return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mail_outbox WHERE campaign_id = :c"
                    + " AND state NOT IN ('sent', 'failed-permanent', 'bounced', 'skipped-suppressed')")
                    .bind("c", campaignId).mapTo(Long.class).one());
        }

        /** When the next temporary failure may be retried, if any is waiting. */
        public Optional<Instant> nextRetry(long campaignId) {
            return store.jdbi().withHandle(h -> h.createQuery("SELECT MIN(next_attempt_at) FROM mail_outbox"
                            + " WHERE campaign_id = :c AND state = 'failed-temporary'").bind("c", campaignId)
                    .map((rs, ctx) -> Optional.ofNullable(rs.getObject(1, LocalDateTime.class))).one()
                    .map(t -> t.toInstant(ZoneOffset.UTC)));
        }

        @Override
        public boolean finishIfDone(long campaignId, Instant at) {
            flush();
            return store.jdbi().inTransaction(h -> {
                long left = h.createQuery("SELECT COUNT(*) FROM mail_outbox WHERE campaign_id = :c AND state NOT IN"
                        + " ('sent', 'failed-permanent', 'bounced', 'skipped-suppressed')").bind("c", campaignId)
                        .mapTo(Long.class).one();
                if (left > 0) {
                    return false;
                }
                h.createUpdate("UPDATE mail_campaign SET status = 'finished', finished_at = COALESCE(finished_at, :t)"
                        + " WHERE id = :id").bind("t", utc(at)).bind("id", campaignId).execute();
                return true;
            });
        }
    }

    // ---------------------------------------------------------------- bounces and unsubscribes

    /** What applying bounces did. */
    public record BounceResult(int read, int matched, int hard, int unmatched) {}

    /** An address as the outbox keeps it, or empty for what is not one. */
    private static Optional<String> normalisedEmail(String address) {
        try {
            return Optional.of(Identifiers.email(address));
        } catch (IllegalArgumentException notAnAddress) {
            return Optional.empty();
        }
    }

    /**
     * Applies bounces: each is matched to its outbox row by the original Message-ID, else by the
     * recipient's address (the latest row sent to it); a hard bounce marks the row bounced and the
     * address undeliverable (never written to again).
     */
    public static BounceResult applyBounces(Store store, List<Bounce> bounces, String by) {
        return store.jdbi().inTransaction(h -> {
            int matched = 0;
            int hard = 0;
            for (Bounce b : bounces) {
                Optional<OutboxEntry> row = b.messageId().flatMap(m -> byMessageId(h, m));
                Optional<String> recipient = Optional.ofNullable(b.recipient()).flatMap(MailStore::normalisedEmail);
                if (row.isEmpty() && recipient.isPresent()) {
                    // the outbox keeps the normalised address: an A-label domain in the report (xn--…) finds its letters
                    row = h.createQuery("SELECT * FROM mail_outbox WHERE email = :e AND state IN ('sent', 'committed')"
                                    + " ORDER BY sent_at DESC, id DESC LIMIT 1").bind("e", recipient.get())
                            .map((rs, ctx) -> entry(rs)).findFirst();
                }
                if (row.isEmpty()) {
                    continue;
                }
                matched++;
                h.createUpdate("INSERT INTO mail_bounce (outbox_id, status, action, hard, diagnostic, received_at)"
                                + " VALUES (:o, :s, :a, :h, :d, :t)").bind("o", row.get().id()).bind("s", b.status())
                        .bind("a", b.action()).bind("h", b.hard())
                        .bind("d", b.diagnostic() == null ? null : b.diagnostic().length() > 1000
                                ? b.diagnostic().substring(0, 1000) : b.diagnostic())
                        .bind("t", utc(Instant.now())).execute();
                if (b.hard()) {
                    hard++;
                    h.createUpdate("UPDATE mail_outbox SET state = 'bounced', last_error = :d, updated_at = :t WHERE id = :id")
                            .bind("d", b.status() + " " + (b.diagnostic() == null ? "" : b.diagnostic()))
                            .bind("t", utc(Instant.now())).bind("id", row.get().id()).execute();
                    h.createUpdate("UPDATE mail_contact SET undeliverable_at = COALESCE(undeliverable_at, :t) WHERE id = :m")
                            .bind("t", utc(Instant.now())).bind("m", row.get().mailContactId()).execute();
                }
            }
            AuditLog.append(h, Instant.now(), by, "mail.bounces", "bounces", matched, bounces.size() + " avis lus, "
                    + matched + " rattaché(s), " + hard + " rejet(s) définitif(s)");
            return new BounceResult(bounces.size(), matched, hard, bounces.size() - matched);
        });
    }

    /**
     * The recipient of an outbox row unsubscribes: the person goes on the suppression list (every
     * channel) and every consent still given is withdrawn (method unsubscribe). Idempotent.
     */
    public static SuppressionList.Added unsubscribe(Store store, IdentifierHasher hasher, long outboxId, String via) {
        return store.jdbi().inTransaction(h -> {
            long personId = h.createQuery("SELECT mc.person_id FROM mail_outbox o JOIN mail_contact mc"
                            + " ON mc.id = o.mail_contact_id WHERE o.id = :o").bind("o", outboxId).mapTo(Long.class)
                    .findOne().orElseThrow(() -> new StoreException("lien de désinscription inconnu"));
            PersonRecord p = Persons.find(h, personId).orElseThrow();
            SuppressionList.Added added = SuppressionList.addPerson(h, hasher, p, SuppressionList.Reason.UNSUBSCRIBE, via,
                    "désinscription");
            AuditLog.append(h, Instant.now(), "désinscription", "suppression.add", p.reference(), 0,
                    "désinscription par le lien du message (ligne d'envoi n° " + outboxId + ", " + via + ") : "
                            + added.hashes() + " empreinte(s) ajoutée(s), " + added.consentsWithdrawn()
                            + " consentement(s) retiré(s)");
            return added;
        });
    }

    // ---------------------------------------------------------------- sign-up (double opt-in)

    /** A sign-up waiting for its confirmation; only the token's hash is stored. */
    public static void addSignup(Store store, String tokenHash, String email, String firstName, Integer sector,
            Set<String> topics, String noticeVersion, Instant now, Instant expires) {
        ContactSector.check(sector, null);
        store.jdbi().useTransaction(h -> {
            h.createUpdate("DELETE FROM mail_signup WHERE expires_at < :t").bind("t", utc(now)).execute();
            h.createUpdate("INSERT INTO mail_signup (token_hash, email, first_name, sector, topics, notice_version,"
                            + " requested_at, expires_at) VALUES (:h, :e, :f, :s, :tp, :n, :t, :x)")
                    .bind("h", tokenHash).bind("e", Identifiers.email(email)).bind("f", firstName).bind("s", sector)
                    .bind("tp", topics.isEmpty() ? null : String.join(",", topics)).bind("n", noticeVersion)
                    .bind("t", utc(now)).bind("x", utc(expires)).execute();
        });
    }

    /** Sign-ups of this address still waiting for their confirmation at {@code now}. */
    public static long pendingSignups(Store store, String email, Instant now) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mail_signup WHERE email = :e AND expires_at >= :t")
                .bind("e", Identifiers.email(email)).bind("t", utc(now)).mapTo(Long.class).one());
    }

    /** Removes a pending sign-up whose confirmation could not be sent (its link reaches no one). */
    public static void removeSignup(Store store, String tokenHash) {
        store.jdbi().useHandle(h -> h.createUpdate("DELETE FROM mail_signup WHERE token_hash = :h").bind("h", tokenHash)
                .execute());
    }

    /** Whether a sign-up waits for this token's confirmation (known, not expired); changes nothing. */
    public static boolean signupPending(Store store, String tokenHash, Instant now) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mail_signup WHERE token_hash = :h"
                + " AND expires_at >= :t").bind("h", tokenHash).bind("t", utc(now)).mapTo(Long.class).one() > 0);
    }

    /**
     * What a confirmation did. RESTRICTED: confirmed and recorded, but the person's processing is restricted (art. 18):
     * no message yet.
     */
    public enum Confirmation { CONFIRMED, RESTRICTED, ALREADY_SUBSCRIBED, SUPPRESSED, UNKNOWN_OR_EXPIRED }

    /**
     * Confirms a sign-up by its token's hash: creates the person, their e-mail contact (source
     * campaign-collected) and records the consent given on the e-mail channel with the notice shown
     * on the form, the sign-up and confirmation times as evidence. An address on the suppression
     * list is not subscribed again by this route (the person must ask the campaign).
     */
    public static Confirmation confirmSignup(Store store, IdentifierHasher hasher, String tokenHash, Instant now) {
        return store.jdbi().inTransaction(h -> {
            var row = h.createQuery("SELECT * FROM mail_signup WHERE token_hash = :h").bind("h", tokenHash).mapToMap()
                    .findOne();
            if (row.isEmpty()) {
                return Confirmation.UNKNOWN_OR_EXPIRED;
            }
            Map<String, Object> s = row.get();
            h.createUpdate("DELETE FROM mail_signup WHERE token_hash = :h").bind("h", tokenHash).execute();
            if (toInstant(s.get("expires_at")).isBefore(now)) {
                return Confirmation.UNKNOWN_OR_EXPIRED;
            }
            String email = (String) s.get("email");
            if (SuppressionList.hashes(h).contains(hasher.hash(Identifiers.emailOf(email)))) {
                return Confirmation.SUPPRESSED;
            }
            Optional<Long> existing = h.createQuery("SELECT person_id FROM mail_contact WHERE email = :e").bind("e", email)
                    .mapTo(Long.class).findOne();
            Instant requested = toInstant(s.get("requested_at"));
            String evidence = "inscription en ligne du " + requested + ", confirmée par le lien reçu par courriel le "
                    + now.truncatedTo(ChronoUnit.SECONDS);
            long personId;
            if (existing.isPresent()) {
                personId = existing.get();
            } else {
                personId = RandomIds.next(h, RandomIds.Table.PERSON);
                h.createUpdate("INSERT INTO person (id, first_names, created_at) VALUES (:id, :f, :t)").bind("id", personId)
                        .bind("f", s.get("first_name")).bind("t", utc(now)).execute();
                long contactId = h.createUpdate("INSERT INTO person_contact (person_id, kind, contact_value,"
                                + " source_category, provider, collected_on, recorded_by, recorded_at)"
                                + " VALUES (:p, 'email', :v, 'campaign-collected', NULL, :c, 'inscription', :t)")
                        .bind("p", personId).bind("v", email).bind("c", now.atZone(fr.terrain.election.Paris.ZONE).toLocalDate())
                        .bind("t", utc(now)).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                h.createUpdate("INSERT INTO mail_contact (person_id, contact_id, email, first_name, sector, topics,"
                                + " regular_contact, created_at) VALUES (:p, :c, :e, :f, :s, :tp, FALSE, :t)")
                        .bind("p", personId).bind("c", contactId).bind("e", email).bind("f", s.get("first_name"))
                        .bind("s", s.get("sector")).bind("tp", s.get("topics")).bind("t", utc(now)).execute();
            }
            ConsentHistory history = ConsentLedger.history(h, personId);
            if (history.allows(ConsentChannel.EMAIL, now) && existing.isPresent()) {
                return Confirmation.ALREADY_SUBSCRIBED;
            }
            ConsentLedger.append(h, personId, new ConsentEvent(0, ConsentChannel.EMAIL, ConsentEvent.Kind.GIVEN, now,
                    "web-form", (String) s.get("notice_version"), null, evidence, "inscription", now));
            AuditLog.append(h, now, "inscription", "consent.record", "person:" + personId, 1,
                    "inscription confirmée (double opt-in), mention " + s.get("notice_version"));
            return Restrictions.since(h, personId).isPresent() ? Confirmation.RESTRICTED : Confirmation.CONFIRMED;
        });
    }

    // ---------------------------------------------------------------- helpers

    static LocalDateTime utc(Instant i) {
        return LocalDateTime.ofInstant(i.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static Instant toInstant(Object o) {
        if (o instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        throw new IllegalArgumentException("date inattendue : " + o);
    }
}
