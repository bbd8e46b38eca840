package fr.terrain.store;

import fr.terrain.election.Election;
import fr.terrain.election.Paris;
import fr.terrain.privacy.AccessInformation;
import fr.terrain.privacy.CampaignIdentity;
import fr.terrain.privacy.ConsentEvent;
import fr.terrain.privacy.ConsentHistory;
import fr.terrain.privacy.Identifier;
import fr.terrain.privacy.IdentifierHasher;
import fr.terrain.privacy.RetentionPolicy;
import fr.terrain.privacy.RetentionRule;
import fr.terrain.privacy.RightsRequest;
import fr.terrain.privacy.SourceCategory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * Everything held on one person, and where each item came from: the content of an access export
 * (GDPR art. 15). Plain maps and lists, in the order a reader expects, ready for JSON or HTML.
 */
public final class PersonFile {
    private PersonFile() {}

    /**
     * The file of the person a request is about, as of now, with what the campaign must tell them besides their data
     * ({@link AccessInformation}, under {@code information}) and, for each electoral-list row, the last day it is kept.
     */
    public static Map<String, Object> of(Store store, IdentifierHasher hasher, long requestId, CampaignIdentity campaign,
            RetentionPolicy policy) {
        return store.jdbi().inTransaction(h -> {
            RightsRequest r = RightsRequests.require(h, requestId);
            PersonRecord p = Persons.find(h, r.personId().orElseThrow(() -> new StoreException("la personne de la demande n° "
                    + requestId + " a été effacée : il n'y a plus rien à exporter"))).orElseThrow();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("request", request(r));
            out.put("generatedAt", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            out.putAll(of(h, hasher, p));
            keptThrough(h, policy, out);
            out.put("information", AccessInformation.of(campaign, policy, categories(out), consentGiven(out),
                    Boolean.TRUE.equals(((Map<?, ?>) out.get("suppression")).get("listed")),
                    !((List<?>) out.get("rightsRequests")).isEmpty(), tracked(out)));
            return out;
        });
    }

    /** The file of a person: identity, voter rows, contacts, consents, suppression status, requests. */
    public static Map<String, Object> of(Handle h, IdentifierHasher hasher, PersonRecord p) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("id", p.id());
        person.put("birthName", p.birthName());
        person.put("firstNames", p.firstNames());
        person.put("birthDate", p.birthDate() == null ? null : p.birthDate().toString());
        person.put("recordCreatedAt", p.createdAt().toString());
        out.put("person", person);

        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> v : Persons.voterRows(h, p)) {
            Map<String, Object> row = new LinkedHashMap<>();
            Map<String, Object> fields = new LinkedHashMap<>();
            for (var e : v.entrySet()) {
                if (!Set.of("import_id", "source_category", "provider", "collected_on").contains(e.getKey())) {
                    fields.put(e.getKey(), e.getValue() == null ? null : e.getValue().toString());
                }
            }
            row.put("data", fields);
            row.put("origin", origin(h, (String) v.get("source_category"), (String) v.get("provider"),
                    String.valueOf(v.get("collected_on")), ((Number) v.get("import_id")).longValue()));
            rows.add(row);
        }
        out.put("electoralListRows", rows);

        List<Map<String, Object>> contacts = new ArrayList<>();
        for (Persons.Contact c : Persons.contacts(h, p.id())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", c.kind());
            m.put("value", c.value());
            Map<String, Object> origin = new LinkedHashMap<>();
            origin.put("sourceCategory", c.sourceCategory());
            origin.put("source", SourceCategory.find(c.sourceCategory()).map(SourceCategory::description).orElse(null));
            origin.put("provider", c.provider());
            origin.put("collectedOn", c.collectedOn().toString());
            origin.put("recordedBy", c.recordedBy());
            origin.put("recordedAt", c.recordedAt().toString());
            m.put("origin", origin);
            contacts.add(m);
        }
        out.put("contacts", contacts);
        List<Map<String, Object>> mail = new ArrayList<>(emailContacts(h, p.id()));
        Persons.sameContacts(h, p).forEach(twin -> mail.addAll(emailContacts(h, twin.id())));
        out.put("emailContacts", mail);

        ConsentHistory history = ConsentLedger.history(h, p.id());
        List<Map<String, Object>> events = new ArrayList<>();
        for (ConsentEvent e : history.events()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("channel", e.channel().id());
            m.put("event", e.kind().id());
            m.put("effectiveAt", e.effectiveAt().toString());
            m.put("method", e.method());
            m.put("noticeVersion", e.noticeVersion());
            m.put("noticeText", e.noticeVersion() == null ? null
                    : ConsentLedger.notice(h, e.noticeVersion()).map(ConsentLedger.Notice::text).orElse(null));
            m.put("scope", e.scope());
            m.put("evidence", e.evidence());
            m.put("recordedBy", e.recordedBy());
            m.put("recordedAt", e.recordedAt().toString());
            events.add(m);
        }
        Map<String, Object> now = new LinkedHashMap<>();
        for (var s : history.statesAt(Instant.now()).entrySet()) {
            now.put(s.getKey().id(), s.getValue().status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        Map<String, Object> consents = new LinkedHashMap<>();
        consents.put("history", events);
        consents.put("now", now);
        out.put("consents", consents);

        Set<Identifier> ids = Persons.identifiers(h, p);
        Set<String> listed = SuppressionList.hashes(h);
        long onList = ids.stream().filter(i -> listed.contains(hasher.hash(i))).count();
        Set<String> kinds = new TreeSet<>();
        ids.stream().filter(i -> listed.contains(hasher.hash(i))).forEach(i -> kinds.add(i.kind().id()));
        Map<String, Object> suppression = new LinkedHashMap<>();
        suppression.put("listed", onList > 0);
        suppression.put("identifiersListed", onList);
        suppression.put("identifiersHeld", ids.size());
        suppression.put("kindsListed", List.copyOf(kinds));
        out.put("suppression", suppression);
        // art. 18: since when the person's data are kept but not used, or null
        out.put("restrictedSince", Restrictions.since(h, p.id()).map(Instant::toString).orElse(null));

        out.put("rightsRequests", RightsRequests.ofPerson(h, p.id()).stream().map(PersonFile::request).toList());
        return out;
    }

    /**
     * The person's e-mail contact records (first name, sector, station, topics as the campaign keeps them), each with
     * the campaign messages addressed to it and the opens and clicks recorded.
     */
    private static List<Map<String, Object>> emailContacts(Handle h, long person) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> c : h.createQuery("SELECT id, email, first_name, sector, station_code, topics,"
                + " regular_contact, undeliverable_at, created_at FROM mail_contact WHERE person_id = :p ORDER BY id")
                .bind("p", person).mapToMap().list()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("email", c.get("email"));
            m.put("firstName", c.get("first_name"));
            m.put("sector", c.get("sector"));
            m.put("station", c.get("station_code"));
            m.put("topics", c.get("topics"));
            m.put("regularContact", c.get("regular_contact"));
            m.put("undeliverable", c.get("undeliverable_at") != null);
            m.put("recordedAt", utc(c.get("created_at")));
            long id = ((Number) c.get("id")).longValue();
            m.put("messages", h.createQuery("SELECT c.name, c.subject, o.state, o.sent_at,"
                            + " (SELECT COUNT(*) FROM mail_event e WHERE e.outbox_id = o.id AND e.kind = 'open') AS opens,"
                            + " (SELECT COUNT(*) FROM mail_event e WHERE e.outbox_id = o.id AND e.kind = 'click') AS clicks"
                            + " FROM mail_outbox o JOIN mail_campaign c ON c.id = o.campaign_id WHERE o.mail_contact_id = :m"
                            + " ORDER BY o.id")
                    .bind("m", id).map((rs, ctx) -> {
                        Map<String, Object> msg = new LinkedHashMap<>();
                        msg.put("campaign", rs.getString("name"));
                        msg.put("subject", rs.getString("subject"));
                        msg.put("state", rs.getString("state"));
                        Object sent = rs.getObject("sent_at");
                        msg.put("sentAt", utc(sent));
                        msg.put("opens", rs.getLong("opens"));
                        msg.put("clicks", rs.getLong("clicks"));
                        return msg;
                    }).list());
            out.add(m);
        }
        return out;
    }

    /** The categories the person's data come from: their electoral-list rows' and their contacts'. */
    @SuppressWarnings("unchecked")
    private static Set<SourceCategory> categories(Map<String, Object> file) {
        Set<SourceCategory> held = java.util.EnumSet.noneOf(SourceCategory.class);
        for (String key : List.of("electoralListRows", "contacts")) {
            for (Map<String, Object> item : (List<Map<String, Object>>) file.get(key)) {
                SourceCategory.find(String.valueOf(((Map<String, Object>) item.get("origin")).get("sourceCategory")))
                        .ifPresent(held::add);
            }
        }
        return held;
    }

    /** Whether any message of the person's was opened or clicked as tracking recorded it (held in mail_event). */
    @SuppressWarnings("unchecked")
    private static boolean tracked(Map<String, Object> file) {
        return ((List<Map<String, Object>>) file.get("emailContacts")).stream()
                .flatMap(c -> ((List<Map<String, Object>>) c.get("messages")).stream())
                .anyMatch(m -> ((Number) m.get("opens")).longValue() + ((Number) m.get("clicks")).longValue() > 0);
    }

    @SuppressWarnings("unchecked")
    private static boolean consentGiven(Map<String, Object> file) {
        return ((List<Map<String, Object>>) ((Map<String, Object>) file.get("consents")).get("history")).stream()
                .anyMatch(e -> "given".equals(e.get("event")));
    }

    /**
     * Adds to each electoral-list row's origin its retention: the rule, and the last day the row is kept
     * ({@code keptThrough}, the election's last round plus the delay), or null while the election's rounds are unknown.
     */
    @SuppressWarnings("unchecked")
    private static void keptThrough(Handle h, RetentionPolicy policy, Map<String, Object> file) {
        for (Map<String, Object> row : (List<Map<String, Object>>) file.get("electoralListRows")) {
            Map<String, Object> origin = (Map<String, Object>) row.get("origin");
            Optional<RetentionRule> rule = SourceCategory.find(String.valueOf(origin.get("sourceCategory")))
                    .flatMap(policy::rule);
            Object contest = ((Map<String, Object>) row.get("data")).get("contest");
            Optional<LocalDate> last = contest == null ? Optional.empty()
                    : Elections.rounds(h, contest.toString()).stream().map(Election::date).max(LocalDate::compareTo);
            origin.put("retention", rule.map(RetentionRule::describe).orElse(null));
            LocalDate kept = rule.isEmpty() || last.isEmpty() ? null : rule.get().lastDay(last.get());
            origin.put("keptThrough", kept == null ? null : kept.toString());
            // past its last day, a row waits for the daily purge: the answer says so rather than promise a past date
            origin.put("retentionElapsed", kept != null && kept.isBefore(Paris.today()));
        }
    }

    /** A database timestamp (UTC, as every timestamp column holds) as an ISO instant, « 2026-01-20T10:00:00Z »; null stays null. */
    private static String utc(Object at) {
        return at instanceof java.sql.Timestamp t ? t.toLocalDateTime().toInstant(ZoneOffset.UTC).toString()
                : at instanceof LocalDateTime l ? l.toInstant(ZoneOffset.UTC).toString()
                : at == null ? null : String.valueOf(at);
    }

    /** How many items the file holds (for the audit log). */
    @SuppressWarnings("unchecked")
    public static long items(Map<String, Object> file) {
        return ((List<?>) file.get("electoralListRows")).size() + ((List<?>) file.get("contacts")).size()
                + ((List<?>) ((Map<String, Object>) file.get("consents")).get("history")).size() + 1;
    }

    private static Map<String, Object> origin(Handle h, String category, String provider, String collectedOn,
            long importId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sourceCategory", category);
        m.put("source", SourceCategory.find(category).map(SourceCategory::description).orElse(null));
        m.put("provider", provider);
        m.put("collectedOn", collectedOn);
        m.put("importId", importId);
        h.createQuery("SELECT file_name, started_at FROM import_log WHERE id = :id").bind("id", importId).mapToMap()
                .findOne().ifPresent(i -> {
                    m.put("file", i.get("file_name"));
                    Object at = i.get("started_at");
                    m.put("importedAt", utc(at));
                });
        return m;
    }

    static Map<String, Object> request(RightsRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("kind", r.kind().id());
        m.put("receivedOn", r.receivedOn().toString());
        m.put("receivedVia", r.receivedVia());
        m.put("dueOn", r.dueOn().toString());
        m.put("extendedDueOn", r.extendedDueOn() == null ? null : r.extendedDueOn().toString());
        m.put("status", r.status().id());
        m.put("refusalReason", r.refusalReason());
        return m;
    }
}
