package fr.terrain.store;

import fr.terrain.mail.Campaign;
import fr.terrain.mail.CheckedRecipient;
import fr.terrain.mail.ContactFacts;
import fr.terrain.mail.Template;
import fr.terrain.mail.tracking.AbSplit;
import fr.terrain.mail.tracking.SequentialTest;
import fr.terrain.mail.tracking.SmallCells;
import fr.terrain.privacy.Identifier;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;

/**
 * A/B tests of campaigns (V11): set up by freezing campaign A's segment once and splitting it at
 * random into a sample for A, a sample for B (a sibling campaign) and the rest; evaluated by the
 * {@link SequentialTest} over the pairs whose outcome is final; closed by a decision (the test, or
 * the deadline with the better observed variant) and a winner campaign to the rest, checked again
 * for consent and suppression at that moment.
 */
public final class AbTests {
    /** The settings of a test. {@code metric} open or click; an outcome is final {@code window} after its send. */
    public record Spec(double sampleShare, String metric, Duration window, double alpha, Instant deadline) {
        public Spec {
            if (!metric.equals("open") && !metric.equals("click")) {
                throw new IllegalArgumentException("critère inconnu « " + metric + " » : open ou click");
            }
            if (window.isNegative() || window.toHours() < 1) {
                throw new IllegalArgumentException("fenêtre d'observation d'une heure au moins");
            }
            if (!(sampleShare > 0 && sampleShare <= 1) || !(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("part de l'échantillon dans ]0, 1] et α dans ]0, 1[ attendus");
            }
        }
    }

    /** A test as stored. */
    public record Test(long campaignId, long campaignBId, Optional<Long> winnerCampaignId, Spec spec, long seed,
            String status, Optional<String> winner, Optional<String> decidedBy, Optional<Double> eValue) {}

    /** What the set-up did: recipients in each group (suppressed or refused contacts are in none). */
    public record Setup(int a, int b, int rest) {}

    private AbTests() {}

    /**
     * Sets up the test of campaign {@code a} (not yet frozen) against {@code b} (a new campaign on the same
     * segment): freezes A's segment, keeps a random sample in A, moves an equal one to B, holds the rest back.
     */
    public static Setup create(Store store, Campaign a, Campaign b, Spec spec, Predicate<Identifier> suppressed,
            String domain, String by) {
        Instant now = Instant.now();
        long existing = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mail_outbox WHERE campaign_id"
                + " IN (:a, :b)").bind("a", a.id()).bind("b", b.id()).mapTo(Long.class).one());
        if (existing > 0) {
            throw new StoreException("la campagne « " + a.name() + " » a déjà sa file d'envoi : un test A/B se prépare avant");
        }
        MailStore.freeze(store, a, suppressed, domain, now, by);
        long seed = new SecureRandom().nextLong();
        return store.jdbi().inTransaction(h -> {
            Map<Long, Long> outboxByContact = new HashMap<>();
            h.createQuery("SELECT mail_contact_id, id FROM mail_outbox WHERE campaign_id = :c AND state = 'pending'")
                    .bind("c", a.id()).map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                    .forEach(e -> outboxByContact.put(e.getKey(), e.getValue()));
            AbSplit split = AbSplit.of(new ArrayList<>(outboxByContact.keySet()), spec.sampleShare(), seed);
            h.createUpdate("INSERT INTO mail_ab_test (campaign_id, campaign_b_id, sample_share, seed, metric, window_hours,"
                            + " alpha, deadline, status, created_by, created_at) VALUES (:a, :b, :s, :seed, :m, :w, :al, :d,"
                            + " 'running', :by, :at)").bind("a", a.id()).bind("b", b.id()).bind("s", spec.sampleShare())
                    .bind("seed", seed).bind("m", spec.metric()).bind("w", (int) spec.window().toHours())
                    .bind("al", spec.alpha()).bind("d", MailTracking.utc(spec.deadline())).bind("by", by)
                    .bind("at", MailTracking.utc(now)).execute();
            assign(h, a.id(), "A", split.variantA());
            assign(h, a.id(), "B", split.variantB());
            assign(h, a.id(), "R", split.rest());
            for (long contact : split.variantB()) {
                h.createUpdate("UPDATE mail_outbox SET campaign_id = :b, message_id = :mid WHERE id = :o").bind("b", b.id())
                        .bind("mid", MailStore.newMessageId(domain))
                        .bind("o", outboxByContact.get(contact)).execute();
            }
            for (long contact : split.rest()) {
                h.createUpdate("DELETE FROM mail_outbox WHERE id = :o").bind("o", outboxByContact.get(contact)).execute();
            }
            h.createUpdate("UPDATE mail_campaign SET status = 'sending', started_at = :t WHERE id = :id")
                    .bind("t", MailTracking.utc(now)).bind("id", b.id()).execute();
            AuditLog.append(h, now, by, "campaign.ab", "campaign:" + a.name(), split.variantA().size() + split.variantB().size(),
                    "test A/B contre « " + b.name() + " » : " + split.variantA().size() + " + " + split.variantB().size()
                            + " destinataires, " + split.rest().size() + " en attente du gagnant");
            return new Setup(split.variantA().size(), split.variantB().size(), split.rest().size());
        });
    }

    private static void assign(Handle h, long campaign, String variant, List<Long> contacts) {
        var batch = h.prepareBatch("INSERT INTO mail_ab_assignment (campaign_id, mail_contact_id, variant, position)"
                + " VALUES (:c, :m, :v, :p)");
        for (int i = 0; i < contacts.size(); i++) {
            batch.bind("c", campaign).bind("m", contacts.get(i)).bind("v", variant).bind("p", i).add();
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    /** The test campaign {@code id} is variant A, B or the winner of. */
    public static Optional<Test> of(Store store, long campaignId) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT * FROM mail_ab_test WHERE campaign_id = :c"
                        + " OR campaign_b_id = :c OR winner_campaign_id = :c").bind("c", campaignId)
                .map((rs, ctx) -> new Test(rs.getLong("campaign_id"), rs.getLong("campaign_b_id"),
                        Optional.ofNullable(rs.getObject("winner_campaign_id", Long.class)),
                        new Spec(rs.getDouble("sample_share"), rs.getString("metric"),
                                Duration.ofHours(rs.getInt("window_hours")), rs.getDouble("alpha"),
                                MailTracking.instant(rs.getObject("deadline", LocalDateTime.class))),
                        rs.getLong("seed"), rs.getString("status"), Optional.ofNullable(rs.getString("winner")),
                        Optional.ofNullable(rs.getString("decided_by")),
                        Optional.ofNullable(rs.getObject("e_value", Double.class))))
                .findOne());
    }

    /**
     * The sequential test as of {@code now}: pairs (i-th of A, i-th of B) in assignment order while both
     * outcomes are final (sent at least {@code window} ago, or never to be sent); an outcome is a
     * response within the window by a person (automated requests do not count). A pair one of whose people was
     * erased since the draw leaves the test, and the pairs after it keep their partners: closing the gap would pair
     * every later recipient of that variant with another one than drawn.
     */
    public static SequentialTest.Result evaluate(Store store, Test t, Instant now) {
        TrackingEvents.flush(store); // the opens and clicks this process still queues count
        List<Boolean> a = outcomes(store, t, "A", t.campaignId(), now);
        List<Boolean> b = outcomes(store, t, "B", t.campaignBId(), now);
        // the pair of an erased person (null) leaves the test; the others stay paired as drawn
        List<Boolean> pairedA = new ArrayList<>();
        List<Boolean> pairedB = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (a.get(i) != null && b.get(i) != null) {
                pairedA.add(a.get(i));
                pairedB.add(b.get(i));
            }
        }
        return SequentialTest.evaluate(pairedA, pairedB, t.spec().alpha(), !now.isBefore(t.spec().deadline()));
    }

    private static List<Boolean> outcomes(Store store, Test t, String variant, long campaign, Instant now) {
        List<String> kinds = t.spec().metric().equals("click") ? List.of("click") : List.of("open", "click");
        long window = t.spec().window().toSeconds();
        record Row(int position, LocalDateTime sent, String state, List<LocalDateTime> events) {}
        List<Row> rows = store.jdbi().withHandle(h -> {
            List<Object[]> raw = h.createQuery("SELECT a.position, o.id, o.sent_at, o.state FROM mail_ab_assignment a"
                            + " LEFT JOIN mail_outbox o ON o.mail_contact_id = a.mail_contact_id AND o.campaign_id = :camp"
                            + " WHERE a.campaign_id = :t AND a.variant = :v ORDER BY a.position")
                    .bind("camp", campaign).bind("t", t.campaignId()).bind("v", variant)
                    .map((rs, ctx) -> new Object[] {rs.getObject(2, Long.class), rs.getObject(3, LocalDateTime.class),
                        rs.getString(4), rs.getInt(1)}).list();
            Map<Long, List<LocalDateTime>> events = new HashMap<>();
            h.createQuery("SELECT e.outbox_id, e.occurred_at FROM mail_event e JOIN mail_outbox o ON o.id = e.outbox_id"
                            + " WHERE o.campaign_id = :camp AND e.kind IN (<k>) AND " + MailTracking.BY_A_PERSON)
                    .bind("camp", campaign).bindList("k", kinds)
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getObject(2, LocalDateTime.class)))
                    .forEach(e -> events.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            List<Row> out = new ArrayList<>();
            for (Object[] r : raw) {
                out.add(new Row((Integer) r[3], (LocalDateTime) r[1], (String) r[2], r[0] == null ? List.of()
                        : events.getOrDefault((Long) r[0], List.of())));
            }
            return out;
        });
        List<Boolean> out = new ArrayList<>();
        for (Row r : rows) {
            while (out.size() < r.position()) {
                out.add(null); // a position whose person was erased (or deleted by retention) since the draw
            }
            if (r.state() == null || r.state().startsWith("skipped") || r.state().equals("failed-permanent")
                    || r.state().equals("bounced")) {
                out.add(false); // never reaches the reader: a final "no response", equally likely in both arms
                continue;
            }
            if (r.sent() == null) {
                break; // not sent yet: this and later positions wait
            }
            Instant sent = MailTracking.instant(r.sent());
            if (sent.plusSeconds(window).isAfter(now)) {
                break;
            }
            Instant end = sent.plusSeconds(window);
            out.add(r.events().stream().map(MailTracking::instant).anyMatch(e -> !e.isAfter(end)));
        }
        return out;
    }

    /** Records the decision of a test that reached one; returns the stored test. */
    public static Test decide(Store store, Test t, SequentialTest.Result r, String by) {
        if (r.status() == SequentialTest.Status.CONTINUE || !t.status().equals("running")) {
            return t;
        }
        store.jdbi().useTransaction(h -> {
            h.createUpdate("UPDATE mail_ab_test SET status = 'decided', winner = :w, decided_by = :d, e_value = :e,"
                    + " decided_at = :at WHERE campaign_id = :c AND status = 'running'").bind("w", r.winner().name())
                    .bind("d", r.status() == SequentialTest.Status.SIGNIFICANT ? "test" : "deadline")
                    .bind("e", r.eValue()).bind("at", MailTracking.utc(Instant.now())).bind("c", t.campaignId()).execute();
            AuditLog.append(h, Instant.now(), by, "campaign.ab.decide", "campaign:" + t.campaignId(), r.pairs(),
                    "variante " + r.winner() + " gagnante (" + (r.status() == SequentialTest.Status.SIGNIFICANT
                            ? "test séquentiel, e = " + String.format(java.util.Locale.ROOT, "%.1f", r.eValue())
                            : "échéance atteinte sans preuve") + ")");
        });
        return of(store, t.campaignId()).orElseThrow();
    }

    /**
     * The campaign that sends the winner to the rest, created the first time (named after A, with the winner's
     * subject and text): its outbox holds the held-back contacts that may still be written to now.
     */
    public static Campaign winnerCampaign(Store store, Test t, Predicate<Identifier> suppressed, String domain, String by) {
        if (t.winnerCampaignId().isPresent()) {
            return MailStore.campaign(store, t.winnerCampaignId().get()).orElseThrow();
        }
        if (t.winner().isEmpty()) {
            throw new StoreException("le test A/B n'a pas encore de gagnant");
        }
        Campaign a = MailStore.campaign(store, t.campaignId()).orElseThrow();
        Campaign won = MailStore.campaign(store, t.winner().get().equals("A") ? t.campaignId() : t.campaignBId()).orElseThrow();
        Campaign w = MailStore.createCampaign(store, a.name() + "-gagnant", Template.parse(won.template()), a.segment(),
                Optional.empty(), by);
        Instant now = Instant.now();
        store.jdbi().useTransaction(h -> {
            List<Long> rest = h.createQuery("SELECT mail_contact_id FROM mail_ab_assignment WHERE campaign_id = :c"
                    + " AND variant = 'R' ORDER BY position").bind("c", t.campaignId()).mapTo(Long.class).list();
            var batch = h.prepareBatch("INSERT INTO mail_outbox (campaign_id, mail_contact_id, email, state, message_id,"
                    + " attempts, updated_at) VALUES (:c, :m, :e, :s, :id, 0, :t)");
            int sent = 0;
            for (ContactFacts f : MailStore.facts(h, now, Optional.of(rest))) {
                CheckedRecipient.Check check = CheckedRecipient.check(f, suppressed);
                String state;
                if (check instanceof CheckedRecipient.Allowed) {
                    state = "pending";
                    sent++;
                } else if (((CheckedRecipient.Refused) check).reason() == CheckedRecipient.Refusal.SUPPRESSED
                        || ((CheckedRecipient.Refused) check).reason() == CheckedRecipient.Refusal.UNDELIVERABLE) {
                    state = "skipped-suppressed";
                } else {
                    continue;
                }
                batch.bind("c", w.id()).bind("m", f.mailContactId()).bind("e", f.email()).bind("s", state)
                        .bind("id", MailStore.newMessageId(domain)).bind("t", MailTracking.utc(now))
                        .add();
            }
            if (batch.size() > 0) {
                batch.execute();
            }
            h.createUpdate("UPDATE mail_campaign SET status = 'sending', started_at = :t WHERE id = :id")
                    .bind("t", MailTracking.utc(now)).bind("id", w.id()).execute();
            h.createUpdate("UPDATE mail_ab_test SET winner_campaign_id = :w, status = 'winner-sent' WHERE campaign_id = :c")
                    .bind("w", w.id()).bind("c", t.campaignId()).execute();
            AuditLog.append(h, now, by, "campaign.freeze", "campaign:" + w.name(), sent, sent
                    + " destinataire(s) du reste, gagnant du test A/B « " + a.name() + " »");
        });
        return MailStore.campaign(store, w.id()).orElseThrow();
    }

    /**
     * The test's figures as the pages show them: {@link #json} of its evaluation now or, once the retention policy
     * deleted the opens and clicks of A or B, the figures kept then (V22; the first kept, when all were there).
     */
    public static Map<String, Object> report(Store store, Test t, Instant now) {
        Optional<String> kept = store.jdbi().withHandle(h -> h.createQuery("SELECT ab_figures FROM mail_tracking_summary"
                        + " WHERE campaign_id IN (:a, :b) AND ab_figures IS NOT NULL ORDER BY summarised_at, campaign_id")
                .bind("a", t.campaignId()).bind("b", t.campaignBId()).mapTo(String.class).list().stream().findFirst());
        if (kept.isPresent()) {
            Map<String, Object> m = CampaignTracking.read(kept.get());
            m.put("retention", "ouvertures et clics supprimés (durée de conservation du suivi écoulée) :"
                    + " chiffres figés à ce jour-là");
            return m;
        }
        return json(t, evaluate(store, t, now));
    }

    /** The test a campaign is variant A or B of, if any. */
    static Optional<Test> ofVariant(Store store, long campaignId) {
        Optional<Long> a = store.jdbi().withHandle(h -> h.createQuery("SELECT campaign_id FROM mail_ab_test"
                + " WHERE campaign_id = :c OR campaign_b_id = :c").bind("c", campaignId).mapTo(Long.class).findOne());
        return a.flatMap(id -> of(store, id));
    }

    /**
     * The test as JSON fields: status, metric, decision (pending, test, deadline), winner, pairs, e-value and
     * threshold 1/α, each variant's rate and the difference B − A with their anytime-valid 95 % intervals. Under
     * {@link SmallCells#MIN_RECIPIENTS} pairs each variant is a small cell: {@code masked: true}, and the rates,
     * the difference and the e-value keep their keys with null values (the decision and the winner stay: the
     * winner is what goes to the rest).
     */
    public static Map<String, Object> json(Test t, SequentialTest.Result r) {
        SmallCells.Cell cell = SmallCells.whole(r.pairs());
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("status", t.status());
        m.put("metric", t.spec().metric());
        m.put("windowHours", t.spec().window().toHours());
        m.put("decision", t.decidedBy().orElse(r.status() == SequentialTest.Status.CONTINUE ? "pending"
                : r.status() == SequentialTest.Status.SIGNIFICANT ? "test" : "deadline"));
        m.put("winner", t.winner().orElse(r.winner() == SequentialTest.Winner.NONE ? null : r.winner().name()));
        m.put("pairs", r.pairs());
        m.put("masked", !cell.shown());
        m.put("maskReason", cell.id());
        m.put("smallCells", CampaignTracking.smallCells());
        m.put("eValue", cell.shown() ? r.eValue() : null);
        m.put("threshold", 1 / r.alpha());
        m.put("rateA", interval(cell.shown(), r.rateA(), r.successesA(), r.trialsA()));
        m.put("rateB", interval(cell.shown(), r.rateB(), r.successesB(), r.trialsB()));
        m.put("difference", interval(cell.shown(), r.difference(), -1, -1));
        m.put("deadline", t.spec().deadline().toString());
        return m;
    }

    private static Map<String, Object> interval(boolean shown, fr.terrain.mail.tracking.Interval i, int successes,
            int trials) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("estimate", shown ? i.estimate() : null);
        m.put("low", shown ? i.low() : null);
        m.put("high", shown ? i.high() : null);
        if (trials >= 0) {
            m.put("responses", shown ? successes : null);
            m.put("recipients", shown ? trials : null);
        }
        return m;
    }
}
