package fr.terrain.store;

import fr.terrain.election.Election;
import fr.terrain.election.Paris;
import fr.terrain.mail.ContactFacts;
import fr.terrain.privacy.ConsentHistory;
import fr.terrain.privacy.Holding;
import fr.terrain.privacy.Retention;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.privacy.TrackerData;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The personal data the store holds, as the retention policy sees it (blocks by source category
 * and scope), and its deletion: the electoral and sign-in lists ({@code voter}), and the saved
 * turfs cut from a list with the outcomes canvassers brought back ({@code turf_plan} and what hangs
 * from it, the consents given at the door with their anonymous persons): those serve that election
 * only and go with its list.
 */
public final class PersonalData {
    private PersonalData() {}

    /** The scope of a field holding: {@code tournées paris-2026}. */
    public static final String FIELD_SCOPE = "tournées ";

    /**
     * One holding per contest and source category of the {@code voter} table, and one per contest of
     * saved turfs ({@value #FIELD_SCOPE}contest, category electoral-list: doors and outcomes derive
     * from that list), dated by the contest's last round.
     */
    public static List<Holding> holdings(Store store) {
        record Block(String contest, String category, long records) {}
        List<Block> blocks = store.jdbi().withHandle(h -> h.createQuery("SELECT contest, source_category, COUNT(*) AS n"
                        + " FROM voter GROUP BY contest, source_category ORDER BY contest, source_category")
                .map((rs, ctx) -> new Block(rs.getString("contest"), rs.getString("source_category"), rs.getLong("n")))
                .list());
        List<Holding> held = new ArrayList<>();
        for (Block b : blocks) {
            SourceCategory category = SourceCategory.find(b.category())
                    .orElseThrow(() -> new StoreException("catégorie de source inconnue en base : " + b.category()));
            List<Election> rounds = Elections.rounds(store, b.contest());
            Optional<LocalDate> last = rounds.stream().map(Election::date).max(LocalDate::compareTo);
            String note = last.map(d -> "élection " + b.contest() + ", dernier tour le " + Paris.day(d))
                    .orElse("élection " + b.contest() + " inconnue (aucun tour déclaré)");
            held.add(new Holding(category, b.contest(), b.records(), last, note));
        }
        record Field(String contest, long doors, long outcomes) {}
        List<Field> field = store.jdbi().withHandle(h -> h.createQuery("SELECT p.contest,"
                        + " (SELECT COUNT(*) FROM turf_door d JOIN turf t ON t.id = d.turf_id JOIN turf_plan q ON q.id = t.plan_id"
                        + " WHERE q.contest = p.contest) AS doors,"
                        + " (SELECT COUNT(*) FROM door_outcome o JOIN turf t ON t.id = o.turf_id JOIN turf_plan q ON q.id = t.plan_id"
                        + " WHERE q.contest = p.contest) AS outcomes FROM turf_plan p GROUP BY p.contest ORDER BY p.contest")
                .map((rs, ctx) -> new Field(rs.getString(1), rs.getLong(2), rs.getLong(3))).list());
        for (Field f : field) {
            Optional<LocalDate> last = Elections.rounds(store, f.contest()).stream().map(Election::date)
                    .max(LocalDate::compareTo);
            String what = "tournées enregistrées : " + f.doors() + " portes, " + f.outcomes()
                    + " résultats de porte-à-porte (avec les consentements recueillis à la porte)";
            held.add(new Holding(SourceCategory.ELECTORAL_LIST, FIELD_SCOPE + f.contest(), f.doors() + f.outcomes(), last,
                    last.map(d -> what + ", élection " + f.contest() + ", dernier tour le " + Paris.day(d))
                            .orElse(what + ", élection " + f.contest() + " inconnue (aucun tour déclaré)")));
        }
        // e-mail contacts (V8). Prospects without consent (collected by the campaign or bought, no e-mail consent given,
        // not a regular contact) are dated by their collection: one block per category and day, which the policy
        // deletes after its period (PRIVACY.md: purged after the election). Those who consented, or became regular
        // contacts, took a positive step: kept as regular contacts are. The others' retention event (the person's
        // last contact, membership's end) is not tracked: flagged for review, never deleted silently.
        Map<SourceCategory, Long> others = new java.util.TreeMap<>();
        Map<SourceCategory, Long> consented = new java.util.TreeMap<>();
        Map<Map.Entry<SourceCategory, LocalDate>, Long> prospects = new java.util.TreeMap<>(
                Map.Entry.<SourceCategory, LocalDate>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        for (ContactFacts c : store.jdbi().withHandle(h -> MailStore.facts(h, Instant.now(), Optional.empty()))) {
            if (prospect(c)) {
                prospects.merge(Map.entry(c.origin().category(), c.origin().collectedOn()), 1L, Long::sum);
            } else if (prospectCategory(c.origin().category())
                    && (c.emailConsent() == ConsentHistory.Status.GIVEN || c.regularContact())) {
                consented.merge(c.origin().category(), 1L, Long::sum);
            } else {
                others.merge(c.origin().category(), 1L, Long::sum);
            }
        }
        prospects.forEach((k, n) -> held.add(new Holding(k.getKey(), PROSPECTS_SCOPE + k.getValue(), n,
                Optional.of(k.getValue()), "contacts de courriel sans consentement, collectés le "
                        + Paris.day(k.getValue()))));
        consented.forEach((category, n) -> held.add(new Holding(category, CONSENTED_SCOPE, n, Optional.empty(),
                "contacts de courriel qui ont consenti ou sont devenus des contacts réguliers, gardés comme ceux-ci :"
                        + " la date de leur dernier contact n'est pas suivie par Terrain",
                SourceCategory.REGULAR_CONTACTS)));
        others.forEach((category, n) -> held.add(new Holding(category, "contacts-courriel", n, Optional.empty(),
                "contacts de courriel : la date de leur dernier contact n'est pas suivie par Terrain")));
        // volunteers' profiles (V7: display name, starting point, weekly availability) are members' data; the end of
        // someone's engagement is not dated by Terrain, so the block is flagged for review, never deleted silently
        long volunteers = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM volunteer").mapTo(Long.class).one());
        if (volunteers > 0) {
            held.add(new Holding(SourceCategory.MEMBERS, VOLUNTEERS_SCOPE, volunteers, Optional.empty(),
                    "profils de bénévoles (nom affiché, point de départ, disponibilités) : la fin de leur engagement"
                            + " n'est pas datée par Terrain ; désactiver son compte (page Comptes, ou terrain user"
                            + " disable) efface son profil"));
        }
        // opens and clicks of e-mails (mail_event): a tracker's data, with a life of their own (TrackerData.MAIL_TRACKING),
        // one block per campaign dated by its first sending, so that no event outlives the delay from its collection
        record Tracked(String campaign, LocalDateTime firstSent, long events) {}
        for (Tracked t : store.jdbi().withHandle(h -> h.createQuery("SELECT c.name,"
                        + " (SELECT MIN(x.sent_at) FROM mail_outbox x WHERE x.campaign_id = c.id) AS first_sent, COUNT(*) AS n"
                        + " FROM mail_event e JOIN mail_outbox o ON o.id = e.outbox_id JOIN mail_campaign c ON c.id = o.campaign_id"
                        + " GROUP BY c.id, c.name ORDER BY c.name")
                .map((rs, ctx) -> new Tracked(rs.getString(1), rs.getObject(2, LocalDateTime.class), rs.getLong(3))).list())) {
            Optional<LocalDate> sent = Optional.ofNullable(t.firstSent())
                    .map(d -> MailTracking.instant(d).atZone(fr.terrain.election.Paris.ZONE).toLocalDate());
            held.add(new Holding(TrackerData.MAIL_TRACKING, TRACKING_SCOPE + t.campaign(), t.events(), sent,
                    sent.map(d -> "ouvertures et clics de la campagne « " + t.campaign() + " », envoyée le "
                            + Paris.day(d))
                            .orElse("ouvertures et clics de la campagne « " + t.campaign() + " », dont l'envoi n'est pas daté")));
        }
        return held;
    }

    /** The scope of a campaign's tracking events: {@code suivi-courriel:jeudi}. */
    public static final String TRACKING_SCOPE = "suivi-courriel:";

    /** The scope of a day's prospects without consent: {@code prospects-courriel:2026-01-05}. */
    public static final String PROSPECTS_SCOPE = "prospects-courriel:";

    /** The scope of the e-mail contacts of a prospects' category who consented: {@code contacts-courriel-consentis}. */
    public static final String CONSENTED_SCOPE = "contacts-courriel-consentis";

    /** A contact kept only as long as the policy keeps prospects: collected or bought, no consent, no regular contact. */
    private static boolean prospect(ContactFacts c) {
        return prospectCategory(c.origin().category()) && c.emailConsent() != ConsentHistory.Status.GIVEN
                && !c.regularContact() && c.origin().collectedOn() != null;
    }

    /** Whether contacts of this category are prospects unless they consent: collected by the campaign, or bought. */
    private static boolean prospectCategory(SourceCategory category) {
        return category == SourceCategory.CAMPAIGN_COLLECTED || category == SourceCategory.COMMERCIAL_WITH_CONSENT;
    }

    /** The scope of the volunteers' profiles. */
    public static final String VOLUNTEERS_SCOPE = "bénévoles";

    /**
     * What a run deleted: the rows of each decision to delete (in the plan's order), and the persons left without any
     * data by those deletions, erased with them.
     */
    public record Deleted(List<Long> rows, long persons) {
        public Deleted {
            rows = List.copyOf(rows);
        }
    }

    /**
     * Deletes the records of each decision to delete, each block in its own transaction with its
     * audit entry, and returns how many rows each deletion removed and how many persons went with them.
     */
    public static Deleted delete(Store store, Retention.Plan plan, String actor) {
        List<Long> removed = new ArrayList<>();
        long[] orphans = {0};
        for (Retention.Decision d : plan.toDelete()) {
            Holding h = d.holding();
            if (h.category() == TrackerData.MAIL_TRACKING) {
                removed.add(deleteTracking(store, h.scope().substring(TRACKING_SCOPE.length()), plan.asOf(), d.reason(),
                        actor));
                continue;
            }
            removed.add(store.jdbi().inTransaction(handle -> {
                long n;
                if (h.scope().startsWith(PROSPECTS_SCOPE)) {
                    // the day's prospects still without consent now (one may have consented since the plan was made)
                    LocalDate day = LocalDate.parse(h.scope().substring(PROSPECTS_SCOPE.length()));
                    List<Long> ids = MailStore.facts(handle, Instant.now(), Optional.empty()).stream()
                            .filter(c -> prospect(c) && c.origin().category() == h.category()
                                    && day.equals(c.origin().collectedOn()))
                            .map(ContactFacts::mailContactId).toList();
                    n = deleteMailContacts(handle, ids);
                    AuditLog.append(handle, Instant.now(), actor, "retention.delete", "prospects:" + h.category().id()
                            + ":" + day, n, "au " + plan.asOf() + " : " + d.reason());
                } else if (h.scope().startsWith(FIELD_SCOPE)) {
                    // turfs, their doors and outcomes go with the plan (ON DELETE CASCADE); the door's
                    // anonymous persons and their consents are orphans then, erased just below
                    String contest = h.scope().substring(FIELD_SCOPE.length());
                    n = h.records();
                    handle.createUpdate("DELETE FROM turf_plan WHERE contest = :c").bind("c", contest).execute();
                    AuditLog.append(handle, Instant.now(), actor, "retention.delete", "turfs:" + contest, n,
                            "au " + plan.asOf() + " : " + d.reason());
                } else {
                    n = handle.createUpdate("DELETE FROM voter WHERE contest = :c AND source_category = :s")
                            .bind("c", h.scope()).bind("s", h.category().id()).execute();
                    VoterChanges.record(handle, VoterChanges.Kind.RETENTION, n);
                    AuditLog.append(handle, Instant.now(), actor, "retention.delete",
                            "voters:" + h.scope() + ":" + h.category().id(), n, "au " + plan.asOf() + " : " + d.reason());
                }
                int persons = Erasure.deleteOrphans(handle);
                orphans[0] += persons;
                if (persons > 0) {
                    AuditLog.append(handle, Instant.now(), actor, "retention.delete", "persons", persons,
                            "personnes sans plus aucune donnée (liste purgée, ni contact ni demande en cours),"
                                    + " avec leur historique de consentement");
                }
                return n;
            }));
        }
        return new Deleted(removed, orphans[0]);
    }

    /**
     * Deletes a campaign's opens and clicks, keeping first the figures its report showed (small cells masked, no
     * sharer) and those of the A/B test it is part of, so that the mail pages still show them (docs/adr/0021).
     * Events recorded after a first purge (an old message opened again) go at the next run; the figures kept stay
     * those of the first. Returns how many events were deleted.
     */
    private static long deleteTracking(Store store, String campaign, LocalDate asOf, String reason, String actor) {
        TrackingEvents.flush(store); // the events this process still queues belong to the block too
        Optional<CampaignTracking.Report> report = CampaignTracking.report(store, campaign);
        if (report.isEmpty()) {
            return 0;
        }
        long id = report.get().campaignId();
        boolean kept = report.get().frozen().isPresent();
        Map<String, Object> figures = kept ? null : CampaignTracking.freeze(report.get());
        String ab = kept ? null : AbTests.ofVariant(store, id)
                .map(t -> CampaignTracking.write(AbTests.json(t, AbTests.evaluate(store, t, Instant.now())))).orElse(null);
        return store.jdbi().inTransaction(h -> {
            long n = h.createUpdate("DELETE FROM mail_event WHERE outbox_id IN (SELECT id FROM mail_outbox WHERE campaign_id = :c)")
                    .bind("c", id).execute();
            if (kept) {
                h.createUpdate("UPDATE mail_tracking_summary SET events_deleted = events_deleted + :n WHERE campaign_id = :c")
                        .bind("n", n).bind("c", id).execute();
            } else {
                h.createUpdate("INSERT INTO mail_tracking_summary (campaign_id, figures, ab_figures, events_deleted, as_of,"
                        + " summarised_at) VALUES (:c, :f, :ab, :n, :d, :at)").bind("c", id)
                        .bind("f", CampaignTracking.write(figures)).bind("ab", ab).bind("n", n).bind("d", asOf)
                        .bind("at", LocalDateTime.ofInstant(Instant.now(), java.time.ZoneOffset.UTC)).execute();
            }
            AuditLog.append(h, Instant.now(), actor, "retention.delete", "mail-tracking:" + campaign, n, "au " + asOf
                    + " : " + reason + " ; chiffres agrégés de la campagne gardés (cellules de moins de 10 masquées)");
            return n;
        });
    }

    /** Deletes e-mail contacts with their sending rows, events and contact records; returns how many contacts. */
    private static long deleteMailContacts(org.jdbi.v3.core.Handle h, List<Long> ids) {
        List<Long> contacts = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 500) {
            contacts.addAll(h.createQuery("SELECT contact_id FROM mail_contact WHERE id IN (<c>)")
                    .bindList("c", ids.subList(i, Math.min(ids.size(), i + 500))).mapTo(Long.class).list());
        }
        long n = MailContactRows.delete(h, ids).get("mail_contact");
        for (int i = 0; i < contacts.size(); i += 500) {
            h.createUpdate("DELETE FROM person_contact WHERE id IN (<c>)")
                    .bindList("c", contacts.subList(i, Math.min(contacts.size(), i + 500))).execute();
        }
        return n;
    }
}
