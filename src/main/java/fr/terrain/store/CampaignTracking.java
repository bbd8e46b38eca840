package fr.terrain.store;

import fr.terrain.mail.tracking.Engagement;
import fr.terrain.mail.tracking.Interaction;
import fr.terrain.mail.tracking.SendTimeModel;
import fr.terrain.mail.tracking.ShareTree;
import fr.terrain.mail.tracking.SmallCells;
import fr.terrain.mail.tracking.TokenSigner;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What tracking tells about a campaign, read from the store: opens and clicks (unique and total),
 * shares, the hour × weekday heatmap, the figures by sector, the first days hour by hour; and the
 * send-time recommendation of a segment from its past campaigns. Aggregates: no address, except
 * the top sharers' for whoever may see them (see {@link #json}), and no figure about fewer than
 * {@link SmallCells#MIN_RECIPIENTS} people.
 */
public final class CampaignTracking {
    /** Hours of the timeline after the send's start. */
    public static final int TIMELINE_HOURS = 72;

    /** A sharer with the address of the message they passed on (shown only to those allowed). */
    public record Sharer(ShareTree.Sharer counts, String email, Integer sector) {}

    /**
     * The tracking figures of one campaign; {@code frozen}, once the retention policy deleted its opens and clicks,
     * the figures the pages showed then (see {@link #freeze}).
     */
    public record Report(long campaignId, String name, int recipients, Engagement engagement, Map<String, Engagement> bySector,
            Map<String, Integer> recipientsBySector, Measured measured, int shares, int shareClicks, double clicksPerShare,
            int shareDepth, List<Sharer> topSharers, Optional<Instant> start, int[][] timeline, Optional<Frozen> frozen) {}

    /**
     * Of a campaign's sent messages, those whose opens and clicks could be measured ({@link MailTracking#measured}):
     * in all and by sector (the rates are over them), and how many went without tracking (a run before it was
     * switched on; the others not measured went to people who had refused it).
     */
    public record Measured(int messages, Map<String, Integer> bySector, int withoutTracking) {}

    /**
     * What remains of a campaign's tracking after the retention policy deleted its events ({@code mail_tracking_summary},
     * V22): its report as {@link #json} wrote it for a reader who sees no address (small cells masked), without the
     * top sharers, the day of the run and how many events went (docs/adr/0021).
     */
    public record Frozen(Map<String, Object> figures, LocalDate asOf, long eventsDeleted) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private CampaignTracking() {}

    /** The report of the campaign named {@code name}, if there is one. */
    public static Optional<Report> report(Store store, String name) {
        TrackingEvents.flush(store); // the events this process still queues are part of the report
        return store.jdbi().withHandle(h -> {
            Optional<Long> id = h.createQuery("SELECT id FROM mail_campaign WHERE name = :n").bind("n", name)
                    .mapTo(Long.class).findOne();
            if (id.isEmpty()) {
                return Optional.empty();
            }
            long campaign = id.get();
            List<Interaction> events = MailTracking.interactions(h, campaign);
            Map<Long, String> sectors = MailTracking.sectors(h, campaign);
            // the total, the sectors and what was measured from one read, so that a send under way cannot make the
            // sectors outgrow it
            List<MailTracking.SendRun> runs = MailTracking.sendRuns(h, campaign).getOrDefault(campaign, List.of());
            Map<String, Integer> bySectorCount = new TreeMap<>();
            Map<String, Integer> measuredBySector = new TreeMap<>();
            int[] counts = new int[3]; // sent, measured, sent without tracking
            h.createQuery("SELECT c.sector, o.sent_at, " + MailTracking.optedOutAt("c") + " FROM mail_outbox o"
                    + " JOIN mail_contact c ON c.id = o.mail_contact_id WHERE o.campaign_id = :c AND o.state = 'sent'")
                    .bind("c", campaign)
                    .map((rs, ctx) -> new Object[] {rs.getObject(1, Integer.class), rs.getObject(2, LocalDateTime.class),
                        rs.getObject(3, LocalDateTime.class)})
                    .forEach(row -> {
                        LocalDateTime sent = (LocalDateTime) row[1];
                        boolean measured = MailTracking.measured(runs, sent, (LocalDateTime) row[2]);
                        counts[0]++;
                        counts[1] += measured ? 1 : 0;
                        counts[2] += MailTracking.untracked(runs, sent) ? 1 : 0;
                        if (row[0] != null) {
                            bySectorCount.merge(row[0].toString(), 1, Integer::sum);
                            measuredBySector.merge(row[0].toString(), measured ? 1 : 0, Integer::sum);
                        }
                    });
            int recipients = counts[0];
            Optional<Instant> start = h.createQuery("SELECT MIN(sent_at) FROM mail_outbox WHERE campaign_id = :c")
                    .bind("c", campaign).mapTo(LocalDateTime.class).findOne().map(MailTracking::instant);
            ShareTree tree = store.home().isPresent()
                    ? ShareTree.of(events, new TokenSigner(HashKeyFile.trackingKey(store.home().get()))::childCode)
                    : ShareTree.of(List.of(), (a, b) -> a);
            List<Sharer> top = new ArrayList<>();
            for (ShareTree.Sharer s : tree.topSharers(10)) {
                var row = h.createQuery("SELECT c.email, c.sector FROM mail_outbox o JOIN mail_contact c"
                        + " ON c.id = o.mail_contact_id WHERE o.id = :o").bind("o", s.recipientId())
                        .map((rs, ctx) -> new Sharer(s, rs.getString(1), rs.getObject(2) == null ? null : rs.getInt(2)))
                        .findOne();
                row.ifPresent(top::add);
            }
            Optional<Frozen> frozen = frozen(h, campaign);
            return Optional.of(new Report(campaign, name, recipients, Engagement.of(events),
                    Engagement.by(events, i -> sectors.get(i.recipientId())), bySectorCount,
                    new Measured(counts[1], measuredBySector, counts[2]), tree.shares(),
                    tree.shareClicks(), tree.clicksPerShare(), tree.depth(), frozen.isPresent() ? List.of() : top, start,
                    Engagement.timeline(events, start.orElse(Instant.now()), TIMELINE_HOURS), frozen));
        });
    }

    private static Optional<Frozen> frozen(org.jdbi.v3.core.Handle h, long campaign) {
        return h.createQuery("SELECT figures, as_of, events_deleted FROM mail_tracking_summary WHERE campaign_id = :c")
                .bind("c", campaign).map((rs, ctx) -> new Frozen(read(rs.getString(1)),
                        rs.getObject(2, LocalDate.class), rs.getLong(3))).findOne();
    }

    /** Figures kept in {@code mail_tracking_summary} (a campaign's, or its A/B test's), as a map to fill in. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, LinkedHashMap.class);
        } catch (java.io.IOException e) {
            throw new StoreException("résumé de suivi illisible en base (mail_tracking_summary) : " + e.getMessage());
        }
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new StoreException("résumé de suivi impossible à écrire : " + e.getMessage());
        }
    }

    /**
     * The figures to keep when a campaign's opens and clicks are deleted: its report as a reader who sees no address
     * gets it (small cells masked), without the top sharers (rows of the outbox, hence people).
     */
    static Map<String, Object> freeze(Report r) {
        Map<String, Object> figures = json(r, Set.of());
        figures.remove("retention");
        @SuppressWarnings("unchecked")
        Map<String, Object> shares = new LinkedHashMap<>((Map<String, Object>) figures.get("shares"));
        shares.put("topSharers", List.of());
        figures.put("shares", shares);
        // as the pages read it back: through JSON
        return read(write(figures));
    }

    /**
     * The report as JSON fields: {@code opens}, {@code clicks}, {@code shares} objects and the
     * heatmap, sectors and timeline. {@code sharerSectors}: the sectors whose sharers' addresses may be
     * shown (empty: none, null: all).
     * <p>
     * The small-cell rule ({@link SmallCells}) keeps every key and nulls the figures it hides: a campaign sent
     * to fewer than {@link SmallCells#MIN_RECIPIENTS} people has {@code masked: true} and no figure at all
     * (recipients, opens, clicks, shares, heatmap, timeline hours) and, of its top sharers, only those whose
     * address the reader may see; a sector likewise has {@code masked}, its {@code maskReason} ({@code small-cell};
     * {@code complement}: hidden so that the total minus the shown sectors is no small group) and, either way,
     * {@code recipients} null (the total minus the shown sectors' recipients is then 0 or at least
     * {@link SmallCells#MIN_RECIPIENTS}). {@code smallCells} gives the threshold and the French words of each reason.
     */
    public static Map<String, Object> json(Report r, Set<Integer> sharerSectors) {
        if (r.frozen().isPresent()) {
            Frozen f = r.frozen().get();
            Map<String, Object> out = new LinkedHashMap<>(f.figures());
            Map<String, Object> retention = new LinkedHashMap<>();
            retention.put("purgedOn", f.asOf().toString());
            retention.put("eventsDeleted", f.eventsDeleted());
            retention.put("text", "Ouvertures et clics supprimés le " + fr.terrain.election.Paris.day(f.asOf())
                    + " (durée de conservation du suivi des courriels écoulée) : chiffres figés à cette date, sans les"
                    + " premiers partageurs.");
            out.put("retention", retention);
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Engagement e = r.engagement();
        Measured measured = r.measured();
        SmallCells.Cell whole = SmallCells.whole(r.recipients(), measured.messages());
        boolean shown = whole.shown();
        out.put("masked", !shown);
        out.put("maskReason", whole.id());
        out.put("smallCells", smallCells());
        out.put("recipientsSent", whole == SmallCells.Cell.TOO_FEW ? null : r.recipients());
        // all: every message went with tracking; none: none did (sent before it was switched on, nothing measured);
        // partial: some did. Rates are over the messages measured (with tracking, to people who had not refused it).
        out.put("tracking", measured.withoutTracking() == 0 ? "all"
                : measured.withoutTracking() >= r.recipients() ? "none" : "partial");
        out.put("recipientsMeasured", whole == SmallCells.Cell.TOO_FEW ? null : measured.messages());
        out.put("opens", figures(shown, "total", e.opens(), "unique", e.uniqueOpens(), "rate",
                rate(e.uniqueOpens(), measured.messages()), "viaImageProxy", e.proxyOpens()));
        out.put("clicks", figures(shown, "total", e.clicks(), "unique", e.uniqueClicks(), "rate",
                rate(e.uniqueClicks(), measured.messages())));
        out.put("automatedRequests", shown ? e.automated() : null);
        Map<String, Object> shares = figures(shown, "readers", r.shares(), "clicks", r.shareClicks(), "clicksPerShare",
                round(r.clicksPerShare()), "depth", r.shareDepth());
        List<Map<String, Object>> top = new ArrayList<>();
        for (Sharer s : r.topSharers()) {
            boolean named = sharerSectors == null || (s.sector() != null && sharerSectors.contains(s.sector()));
            if (!named && !shown) {
                continue; // too few recipients for a number to hide who it is
            }
            Map<String, Object> m = new LinkedHashMap<>();
            // by rank, not by outbox id: the ids' gaps would tell how much mail went to other sectors
            m.put("recipient", named ? s.email() : "partageur n° " + (top.size() + 1));
            m.put("readers", s.counts().readers());
            m.put("clicks", s.counts().clicks());
            m.put("depth", s.counts().maxDepth());
            top.add(m);
        }
        shares.put("topSharers", top);
        out.put("shares", shares);
        Map<String, Object> heatmap = figures(shown, "opens", e.openHeatmap(), "clicks", e.clickHeatmap());
        heatmap.put("zone", "Europe/Paris");
        heatmap.put("rows", "lundi…dimanche");
        heatmap.put("columns", "heures 0…23");
        out.put("heatmap", heatmap);
        Map<String, Integer> bySector = new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        bySector.putAll(r.recipientsBySector());
        Map<String, SmallCells.Cell> cells = SmallCells.breakdown(bySector, r.recipients(), measured.bySector(),
                measured.messages());
        Map<String, Object> sectors = new LinkedHashMap<>();
        bySector.forEach((sector, n) -> {
            Engagement s = r.bySector().getOrDefault(sector, Engagement.of(List.of()));
            SmallCells.Cell cell = cells.get(sector);
            int sectorMeasured = measured.bySector().getOrDefault(sector, 0);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("masked", !cell.shown());
            m.put("maskReason", cell.id());
            // a hidden cell hides its recipients too: a complement's, shown, would give the small cell back by subtraction
            m.put("recipients", cell.shown() ? n : null);
            m.put("measured", cell.shown() ? sectorMeasured : null);
            m.putAll(figures(cell.shown(), "uniqueOpens", s.uniqueOpens(), "uniqueClicks", s.uniqueClicks(),
                    "openRate", rate(s.uniqueOpens(), sectorMeasured), "clickRate",
                    rate(s.uniqueClicks(), sectorMeasured)));
            sectors.put(sector, m);
        });
        out.put("bySector", sectors);
        Map<String, Object> timeline = new LinkedHashMap<>();
        timeline.put("start", r.start().map(Instant::toString).orElse(""));
        timeline.put("hours", shown ? r.timeline() : null);
        out.put("timeline", timeline);
        return out;
    }

    /** The threshold and, by reason code, the French words said instead of a masked figure. */
    public static Map<String, Object> smallCells() {
        Map<String, Object> texts = new LinkedHashMap<>();
        for (SmallCells.Cell c : SmallCells.Cell.values()) {
            if (!c.shown()) {
                texts.put(c.id(), c.text());
            }
        }
        return Map.of("minRecipients", SmallCells.MIN_RECIPIENTS, "texts", texts);
    }

    /** Keys and values in order, or the same keys with null values when the figures are not {@code shown}. */
    private static Map<String, Object> figures(boolean shown, Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], shown ? keysAndValues[i + 1] : null);
        }
        return m;
    }

    /**
     * A send-time recommendation and the hours left out of it by the small-cell rule (they had messages, but to
     * fewer than {@link SmallCells#MIN_RECIPIENTS} distinct people, or only from campaigns that small).
     */
    public record SendTime(SendTimeModel.Recommendation recommendation, Set<Integer> maskedHours) {
        public SendTime {
            maskedHours = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(maskedHours));
        }
    }

    /**
     * The send-time recommendation for a segment (as campaigns write it: {@code all}, {@code sector:12}…) from its
     * past campaigns' sent messages: hour of sending in Paris time, and whether the message was opened (or
     * clicked, with {@code clicks}) by a person, not an automaton. The small-cell rule leaves out the messages of
     * campaigns sent to fewer than {@link SmallCells#MIN_RECIPIENTS} people (their own report is masked: an hour
     * minus a larger campaign's report would give them away) and the hours whose messages went to fewer distinct
     * people (a segment's campaigns reach the same people again: messages are not people). Messages sent without
     * tracking (V34) or to people who had refused it are left out ({@link MailTracking#measured}): no open of theirs
     * was ever measured.
     *
     * @throws IllegalArgumentException when no hour is left to learn from
     */
    public static SendTime sendTime(Store store, String segment, boolean clicks) {
        TrackingEvents.flush(store);
        long[][] counts = new long[24][2];
        List<Set<Long>> people = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            people.add(new HashSet<>());
        }
        Set<Integer> masked = new TreeSet<>(); // the hours messages were sent at, less those kept below
        // a message sent without tracking, or to someone who refused it, was never seen opened: it would count as not
        // opened
        var runs = store.jdbi().withHandle(h -> MailTracking.sendRuns(h, null));
        store.jdbi().useHandle(h -> h.createQuery("SELECT o.sent_at, o.mail_contact_id, (SELECT COUNT(*) FROM mail_event e"
                        + " WHERE e.outbox_id = o.id AND e.kind IN (<kinds>) AND " + MailTracking.BY_A_PERSON + "),"
                        + " k.n_sent, o.campaign_id, " + MailTracking.optedOutAt("mc") + " FROM mail_outbox o"
                        + " JOIN mail_campaign c ON c.id = o.campaign_id JOIN mail_contact mc ON mc.id = o.mail_contact_id"
                        + " JOIN (SELECT campaign_id, COUNT(*) AS n_sent FROM mail_outbox WHERE state = 'sent' GROUP BY campaign_id) k"
                        + " ON k.campaign_id = o.campaign_id WHERE c.segment = :s AND o.state = 'sent' AND o.sent_at IS NOT NULL"
                        // a campaign whose opens and clicks the retention policy deleted would count as never opened
                        + " AND NOT EXISTS (SELECT 1 FROM mail_tracking_summary z WHERE z.campaign_id = c.id)")
                .bind("s", segment).bindList("kinds", clicks ? List.of("click") : List.of("open", "click"))
                .map((rs, ctx) -> new Object[] {rs.getObject(1, LocalDateTime.class), rs.getLong(2), rs.getLong(3),
                    rs.getLong(4), rs.getLong(5), rs.getObject(6, LocalDateTime.class)})
                .forEach(row -> {
                    if (!MailTracking.measured(runs.getOrDefault((Long) row[4], List.of()), (LocalDateTime) row[0],
                            (LocalDateTime) row[5])) {
                        return;
                    }
                    int hour = MailTracking.instant((LocalDateTime) row[0]).atZone(Engagement.PARIS).getHour();
                    masked.add(hour);
                    if (SmallCells.shown((Long) row[3])) {
                        counts[hour][0]++;
                        counts[hour][1] += (Long) row[2] > 0 ? 1 : 0;
                        people.get(hour).add((Long) row[1]);
                    }
                }));
        List<SendTimeModel.SlotCounts> slots = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            if (SmallCells.shown(people.get(hour).size())) {
                slots.add(new SendTimeModel.SlotCounts(hour, counts[hour][0], counts[hour][1]));
                masked.remove(hour);
            }
        }
        if (slots.isEmpty() && !masked.isEmpty()) {
            throw new IllegalArgumentException("aucune heure d'envoi de ses campagnes passées n'atteint "
                    + SmallCells.MIN_RECIPIENTS + " destinataires : pas de recommandation (secret statistique)");
        }
        return new SendTime(SendTimeModel.fit(24, slots, segment.hashCode()), masked);
    }

    /**
     * The recommendation as JSON fields. An hour left out by the small-cell rule keeps its place in {@code hours}
     * with {@code masked: true} and null figures; the others have {@code masked: false}.
     */
    public static Map<String, Object> json(SendTime t) {
        SendTimeModel.Recommendation r = t.recommendation();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("recommendedHour", r.recommended());
        out.put("habitHour", r.habit());
        out.put("recommendedRate", interval(r.slot(r.recommended()).rate()));
        out.put("habitRate", interval(r.slot(r.habit()).rate()));
        out.put("gain", interval(r.gain()));
        out.put("probabilityBetter", round(r.probabilityBetter()));
        out.put("baseRate", round(r.baseRate()));
        out.put("smallCells", smallCells());
        List<Map<String, Object>> slots = new ArrayList<>();
        for (SendTimeModel.SlotEstimate s : r.slots()) {
            boolean shown = !t.maskedHours().contains(s.slot());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hour", s.slot());
            m.put("masked", !shown);
            m.putAll(figures(shown, "sent", s.sent(), "responded", s.responded(), "rate", interval(s.rate()),
                    "probabilityBest", round(s.probabilityBest())));
            slots.add(m);
        }
        out.put("hours", slots);
        return out;
    }

    static Map<String, Object> interval(fr.terrain.mail.tracking.Interval i) {
        return Map.of("estimate", round(i.estimate()), "low", round(i.low()), "high", round(i.high()));
    }

    /** {@code people} of {@code measured} messages, rounded; null when nothing was measured (no rate, not 0 %). */
    private static Double rate(int people, int measured) {
        return measured == 0 ? null : round((double) people / measured);
    }

    static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }
}
