package fr.terrain.store;

import fr.terrain.mail.tracking.Engagement;
import fr.terrain.mail.tracking.Interaction;
import fr.terrain.mail.tracking.SendTimeModel;
import fr.terrain.mail.tracking.ShareTree;
import fr.terrain.mail.tracking.TokenSigner;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What tracking tells about a campaign, read from the store: opens and clicks (unique and total),
 * shares, the hour × weekday heatmap, the figures by sector, the first days hour by hour; and the
 * send-time recommendation of a segment from its past campaigns. Aggregates: no address, except
 * the top sharers' for whoever may see them (see {@link #json}).
 */
public final class CampaignTracking {
    /** Hours of the timeline after the send's start. */
    public static final int TIMELINE_HOURS = 72;

    /** A sharer with the address of the message they passed on (shown only to those allowed). */
    public record Sharer(ShareTree.Sharer counts, String email, Integer sector) {}

    /** The tracking figures of one campaign. */
    public record Report(long campaignId, String name, int recipients, Engagement engagement, Map<String, Engagement> bySector,
            Map<String, Integer> recipientsBySector, int shares, int shareClicks, double clicksPerShare, int shareDepth,
            List<Sharer> topSharers, Optional<Instant> start, int[][] timeline) {}

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
            int recipients = h.createQuery("SELECT COUNT(*) FROM mail_outbox WHERE campaign_id = :c AND state = 'sent'")
                    .bind("c", campaign).mapTo(Integer.class).one();
            Map<String, Integer> bySectorCount = new TreeMap<>();
            h.createQuery("SELECT c.sector, COUNT(*) FROM mail_outbox o JOIN mail_contact c ON c.id = o.mail_contact_id"
                    + " WHERE o.campaign_id = :c AND o.state = 'sent' AND c.sector IS NOT NULL GROUP BY c.sector")
                    .bind("c", campaign).map((rs, ctx) -> Map.entry(Integer.toString(rs.getInt(1)), rs.getInt(2)))
                    .forEach(e -> bySectorCount.put(e.getKey(), e.getValue()));
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
            return Optional.of(new Report(campaign, name, recipients, Engagement.of(events),
                    Engagement.by(events, i -> sectors.get(i.recipientId())), bySectorCount, tree.shares(),
                    tree.shareClicks(), tree.clicksPerShare(), tree.depth(), top, start,
                    Engagement.timeline(events, start.orElse(Instant.now()), TIMELINE_HOURS)));
        });
    }

    /**
     * The report as JSON fields: {@code opens}, {@code clicks}, {@code shares} objects and the
     * heatmap, sectors and timeline. {@code sharerSectors}: the sectors whose sharers' addresses may be
     * shown (empty: none, null: all).
     */
    public static Map<String, Object> json(Report r, Set<Integer> sharerSectors) {
        Map<String, Object> out = new LinkedHashMap<>();
        Engagement e = r.engagement();
        out.put("recipientsSent", r.recipients());
        out.put("opens", Map.of("total", e.opens(), "unique", e.uniqueOpens(), "rate", round(e.openRate(r.recipients()))));
        out.put("clicks", Map.of("total", e.clicks(), "unique", e.uniqueClicks(), "rate", round(e.clickRate(r.recipients()))));
        out.put("automatedRequests", e.automated());
        Map<String, Object> shares = new LinkedHashMap<>();
        shares.put("readers", r.shares());
        shares.put("clicks", r.shareClicks());
        shares.put("clicksPerShare", round(r.clicksPerShare()));
        shares.put("depth", r.shareDepth());
        List<Map<String, Object>> top = new ArrayList<>();
        for (Sharer s : r.topSharers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            boolean named = sharerSectors == null || (s.sector() != null && sharerSectors.contains(s.sector()));
            m.put("recipient", named ? s.email() : "destinataire n° " + s.counts().recipientId());
            m.put("readers", s.counts().readers());
            m.put("clicks", s.counts().clicks());
            m.put("depth", s.counts().maxDepth());
            top.add(m);
        }
        shares.put("topSharers", top);
        out.put("shares", shares);
        out.put("heatmap", Map.of("opens", e.openHeatmap(), "clicks", e.clickHeatmap(), "zone", "Europe/Paris",
                "rows", "lundi…dimanche", "columns", "heures 0…23"));
        Map<String, Object> sectors = new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        r.recipientsBySector().forEach((sector, n) -> {
            Engagement s = r.bySector().getOrDefault(sector, Engagement.of(List.of()));
            sectors.put(sector, Map.of("recipients", n, "uniqueOpens", s.uniqueOpens(), "uniqueClicks", s.uniqueClicks(),
                    "openRate", round(s.openRate(n)), "clickRate", round(s.clickRate(n))));
        });
        out.put("bySector", sectors);
        out.put("timeline", Map.of("start", r.start().map(Instant::toString).orElse(""), "hours", r.timeline()));
        return out;
    }

    /**
     * The send-time recommendation for a segment (as campaigns write it: {@code all}, {@code sector:12}…) from its
     * past campaigns' sent messages: hour of sending in Paris time, and whether the message was opened (or
     * clicked, with {@code clicks}) by a person, not an automaton.
     */
    public static SendTimeModel.Recommendation sendTime(Store store, String segment, boolean clicks) {
        TrackingEvents.flush(store);
        long[][] counts = new long[24][2];
        store.jdbi().useHandle(h -> h.createQuery("SELECT o.sent_at, (SELECT COUNT(*) FROM mail_event e"
                        + " WHERE e.outbox_id = o.id AND e.kind IN (<kinds>) AND (e.device IS NULL OR e.device <> 'automated'))"
                        + " FROM mail_outbox o JOIN mail_campaign c ON c.id = o.campaign_id"
                        + " WHERE c.segment = :s AND o.state = 'sent' AND o.sent_at IS NOT NULL")
                .bind("s", segment).bindList("kinds", clicks ? List.of("click") : List.of("open", "click"))
                .map((rs, ctx) -> new Object[] {rs.getObject(1, LocalDateTime.class), rs.getLong(2)})
                .forEach(row -> {
                    int hour = MailTracking.instant((LocalDateTime) row[0]).atZone(Engagement.PARIS).getHour();
                    counts[hour][0]++;
                    counts[hour][1] += (Long) row[1] > 0 ? 1 : 0;
                }));
        List<SendTimeModel.SlotCounts> slots = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            if (counts[hour][0] > 0) {
                slots.add(new SendTimeModel.SlotCounts(hour, counts[hour][0], counts[hour][1]));
            }
        }
        return SendTimeModel.fit(24, slots, segment.hashCode());
    }

    /** The recommendation as JSON fields. */
    public static Map<String, Object> json(SendTimeModel.Recommendation r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("recommendedHour", r.recommended());
        out.put("habitHour", r.habit());
        out.put("recommendedRate", interval(r.slot(r.recommended()).rate()));
        out.put("habitRate", interval(r.slot(r.habit()).rate()));
        out.put("gain", interval(r.gain()));
        out.put("probabilityBetter", round(r.probabilityBetter()));
        out.put("baseRate", round(r.baseRate()));
        List<Map<String, Object>> slots = new ArrayList<>();
        for (SendTimeModel.SlotEstimate s : r.slots()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hour", s.slot());
            m.put("sent", s.sent());
            m.put("responded", s.responded());
            m.put("rate", interval(s.rate()));
            m.put("probabilityBest", round(s.probabilityBest()));
            slots.add(m);
        }
        out.put("hours", slots);
        return out;
    }

    static Map<String, Object> interval(fr.terrain.mail.tracking.Interval i) {
        return Map.of("estimate", round(i.estimate()), "low", round(i.low()), "high", round(i.high()));
    }

    static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }
}
