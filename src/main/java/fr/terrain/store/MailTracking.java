package fr.terrain.store;

import fr.terrain.mail.tracking.Device;
import fr.terrain.mail.tracking.Interaction;
import fr.terrain.mail.tracking.ReferralCode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The tables of tracking (V11): the campaigns' recorded links, opens and clicks (in mail-core's
 * {@code mail_event}, with the referral code, cookie id and device class, never an IP address),
 * per-person opt-out and the global switch.
 */
public final class MailTracking {
    /** What a verified token points at, read in one query: enough to decide what to record and where to go. */
    public record Target(long outboxId, long campaignId, long personId, Integer sector, boolean optedOut,
            Optional<String> url, boolean trackingOn) {
        /** Whether a request through this target may be recorded: tracking on, and the person did not refuse it. */
        public boolean recordable() {
            return trackingOn && !optedOut;
        }
    }

    /** Opt-outs and switch changes committed in this JVM: caches of either ({@link TrackingCache}) check it on each read. */
    private static final AtomicLong CHANGES = new AtomicLong();

    /**
     * SQL: the event {@code e} ({@code mail_event}) is a person's, as {@link fr.terrain.mail.tracking.Interaction#automated}
     * says: not a scanner's nor a preview's, nor a link fetched by a webmail's image proxy (whose pixel loads are
     * opens).
     */
    static final String BY_A_PERSON = "(e.device IS NULL OR NOT (e.device = 'automated'"
            + " OR e.device = 'image_proxy' AND e.kind = 'click'))";

    private MailTracking() {}

    /** How many opt-outs and switch changes this JVM committed: a cached value read under another count is stale. */
    static long changes() {
        return CHANGES.get();
    }

    /** Counts a change once the handle's transaction commits (at once when it has none). */
    private static void changed(Handle h) {
        if (h.isInTransaction()) {
            h.afterCommit(CHANGES::incrementAndGet);
        } else {
            CHANGES.incrementAndGet();
        }
    }

    /** Whether tracking is on: off until an administrator turns it on. */
    public static boolean enabled(Handle h) {
        return h.createQuery("SELECT setting_value FROM mail_tracking_setting WHERE name = 'enabled'").mapTo(String.class)
                .findOne().map("true"::equals).orElse(false);
    }

    public static boolean enabled(Store store) {
        return store.jdbi().withHandle(MailTracking::enabled);
    }

    /** Turns tracking on or off for every campaign (audited). */
    public static void setEnabled(Store store, boolean on, String by) {
        store.jdbi().useTransaction(h -> {
            Instant now = Instant.now();
            int n = h.createUpdate("UPDATE mail_tracking_setting SET setting_value = :v, updated_by = :by, updated_at = :at"
                    + " WHERE name = 'enabled'").bind("v", Boolean.toString(on)).bind("by", by).bind("at", utc(now)).execute();
            if (n == 0) {
                h.createUpdate("INSERT INTO mail_tracking_setting (name, setting_value, updated_by, updated_at)"
                        + " VALUES ('enabled', :v, :by, :at)").bind("v", Boolean.toString(on)).bind("by", by)
                        .bind("at", utc(now)).execute();
            }
            changed(h);
            AuditLog.append(h, now, by, on ? "tracking.enable" : "tracking.disable", "mail_tracking_setting", 0,
                    on ? "suivi des ouvertures et des clics activé" : "suivi des ouvertures et des clics désactivé");
        });
    }

    /** Records that a person does not want to be tracked; returns false if they had already said so. */
    public static boolean optOut(Handle h, long personId, String via) {
        if (optedOut(h, personId)) {
            return false;
        }
        h.createUpdate("INSERT INTO mail_tracking_optout (person_id, opted_out_at, via) VALUES (:p, :at, :via)")
                .bind("p", personId).bind("at", utc(Instant.now())).bind("via", via).execute();
        changed(h);
        return true;
    }

    public static boolean optedOut(Handle h, long personId) {
        return h.createQuery("SELECT COUNT(*) FROM mail_tracking_optout WHERE person_id = :p").bind("p", personId)
                .mapTo(Long.class).one() > 0;
    }

    /** The person an outbox row was for. */
    public static Optional<Long> personOfOutbox(Handle h, long outboxId) {
        return h.createQuery("SELECT c.person_id FROM mail_outbox o JOIN mail_contact c ON c.id = o.mail_contact_id"
                + " WHERE o.id = :o").bind("o", outboxId).mapTo(Long.class).findOne();
    }

    /** The number of {@code url} among the campaign's links, recording it the first time (1, 2, …). */
    public static int linkIndex(Handle h, long campaignId, String url) {
        Optional<Integer> known = h.createQuery("SELECT link_index FROM mail_link WHERE campaign_id = :c AND url = :u")
                .bind("c", campaignId).bind("u", url).mapTo(Integer.class).findOne();
        if (known.isPresent()) {
            return known.get();
        }
        int next = h.createQuery("SELECT COALESCE(MAX(link_index), 0) + 1 FROM mail_link WHERE campaign_id = :c")
                .bind("c", campaignId).mapTo(Integer.class).one();
        h.createUpdate("INSERT INTO mail_link (campaign_id, link_index, url) VALUES (:c, :i, :u)").bind("c", campaignId)
                .bind("i", next).bind("u", url).execute();
        return next;
    }

    /** The campaign's links by number. */
    public static Map<Integer, String> links(Handle h, long campaignId) {
        Map<Integer, String> out = new TreeMap<>();
        h.createQuery("SELECT link_index, url FROM mail_link WHERE campaign_id = :c").bind("c", campaignId)
                .map((rs, ctx) -> Map.entry(rs.getInt(1), rs.getString(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * What a token names, if its outbox row belongs to its campaign, with the global switch and the person's
     * opt-out read in the same query; {@code link} 0 asks for no URL. A token
     * naming a link the campaign never recorded finds a target without URL: the caller refuses it.
     */
    public static Optional<Target> target(Handle h, long outboxId, long campaignId, int link) {
        return h.createQuery("SELECT o.id, o.campaign_id, c.person_id, c.sector,"
                        + " (SELECT COUNT(*) FROM mail_tracking_optout t WHERE t.person_id = c.person_id) AS opted,"
                        + " (SELECT url FROM mail_link l WHERE l.campaign_id = o.campaign_id AND l.link_index = :l) AS url,"
                        + " (SELECT setting_value FROM mail_tracking_setting WHERE name = 'enabled') AS tracking_on"
                        + " FROM mail_outbox o JOIN mail_contact c ON c.id = o.mail_contact_id"
                        // by its key alone, the campaign checked below: given both, H2 scans the campaign's rows
                        // through its (campaign, contact) index
                        + " WHERE o.id = :o")
                .bind("o", outboxId).bind("l", link)
                .map((rs, ctx) -> new Target(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getObject(4) == null ? null : rs.getInt(4), rs.getLong(5) > 0, Optional.ofNullable(rs.getString(6)),
                        "true".equals(rs.getString(7))))
                .findOne().filter(t -> t.campaignId() == campaignId);
    }

    /** An open or a click to store, with the campaign link it followed (null for an open). */
    public record Event(Interaction interaction, String url) {}

    /**
     * Stores opens and clicks in one batch, each only if, as the statement runs, its outbox row still exists,
     * tracking is on and the person has not opted out: an opt-out, a switch turned off or an erasure committed
     * before (by any process) wins over an event queued earlier. Returns, per event, whether it was stored.
     */
    public static boolean[] record(Handle h, List<Event> events) {
        boolean[] stored = new boolean[events.size()];
        if (events.isEmpty()) {
            return stored;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO mail_event (outbox_id, kind, occurred_at, url, link_index, referral,"
                + " browser, device) SELECT o.id, CAST(:k AS VARCHAR(20)), CAST(:at AS TIMESTAMP), CAST(:url AS VARCHAR(2000)),"
                + " CAST(:l AS INT), CAST(:r AS CHAR(8)), CAST(:b AS VARCHAR(32)), CAST(:d AS VARCHAR(12))"
                + " FROM mail_outbox o JOIN mail_contact c ON c.id = o.mail_contact_id WHERE o.id = :o"
                + " AND NOT EXISTS (SELECT 1 FROM mail_tracking_optout t WHERE t.person_id = c.person_id)"
                + " AND EXISTS (SELECT 1 FROM mail_tracking_setting s WHERE s.name = 'enabled' AND s.setting_value = 'true')");
        for (Event e : events) {
            Interaction i = e.interaction();
            batch.bind("o", i.recipientId()).bind("k", i.kind() == Interaction.Kind.OPEN ? "open" : "click")
                    .bind("at", utc(i.at())).bind("url", e.url()).bind("l", i.link()).bind("r", i.referral().value())
                    .bind("b", i.browser().isEmpty() ? null : i.browser()).bind("d", i.device().id()).add();
        }
        int[] counts = batch.execute();
        for (int k = 0; k < stored.length; k++) {
            stored[k] = counts[k] > 0 || counts[k] == java.sql.Statement.SUCCESS_NO_INFO;
        }
        return stored;
    }

    /** Stores one open or click of an outbox row, under the conditions of {@link #record(Handle, List)}. */
    public static boolean record(Handle h, Interaction i, String url) {
        return record(h, List.of(new Event(i, url)))[0];
    }

    /** Every tracked open and click of a campaign (events written without a referral code are not tracking's). */
    public static List<Interaction> interactions(Handle h, long campaignId) {
        return h.createQuery("SELECT e.kind, e.occurred_at, o.campaign_id, e.outbox_id, e.link_index, e.referral,"
                        + " e.browser, e.device FROM mail_event e JOIN mail_outbox o ON o.id = e.outbox_id"
                        + " WHERE o.campaign_id = :c AND e.referral IS NOT NULL ORDER BY e.occurred_at, e.id")
                .bind("c", campaignId)
                .map((rs, ctx) -> new Interaction("open".equals(rs.getString(1)) ? Interaction.Kind.OPEN
                        : Interaction.Kind.CLICK, instant(rs.getObject(2, LocalDateTime.class)), rs.getLong(3), rs.getLong(4),
                        rs.getInt(5), new ReferralCode(rs.getString(6)), rs.getString(7), Device.ofId(rs.getString(8))))
                .list();
    }

    /**
     * The sector (arrondissement or commune) of each outbox row of a campaign, as text; rows whose contact has none are
     * absent.
     */
    public static Map<Long, String> sectors(Handle h, long campaignId) {
        Map<Long, String> out = new TreeMap<>();
        h.createQuery("SELECT o.id, c.sector FROM mail_outbox o JOIN mail_contact c ON c.id = o.mail_contact_id"
                + " WHERE o.campaign_id = :c AND c.sector IS NOT NULL").bind("c", campaignId)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), Integer.toString(rs.getInt(2))))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Records a run of a campaign's send, and whether its messages carry tracking (V34). */
    public static void recordSendRun(Store store, long campaignId, Instant startedAt, boolean tracking) {
        store.jdbi().useHandle(h -> h.createUpdate("INSERT INTO mail_send_run (campaign_id, started_at, tracking)"
                + " VALUES (:c, :at, :t)").bind("c", campaignId).bind("at", utc(startedAt)).bind("t", tracking).execute());
    }

    /** A run of a campaign's send (V34): when it started, and whether its messages carried tracking. */
    record SendRun(LocalDateTime startedAt, boolean tracking) {}

    /** The send runs of every campaign, or of one when {@code campaignId} is not null, each campaign's in start order. */
    static Map<Long, List<SendRun>> sendRuns(Handle h, Long campaignId) {
        Map<Long, List<SendRun>> out = new java.util.HashMap<>();
        var q = h.createQuery("SELECT campaign_id, started_at, tracking FROM mail_send_run"
                + (campaignId == null ? "" : " WHERE campaign_id = :c") + " ORDER BY campaign_id, started_at, id");
        if (campaignId != null) {
            q.bind("c", campaignId);
        }
        q.map((rs, ctx) -> Map.entry(rs.getLong(1), new SendRun(rs.getObject(2, LocalDateTime.class),
                        rs.getBoolean(3))))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
        return out;
    }

    /**
     * Whether a message sent at {@code sentAt} went without tracking: the latest of its campaign's runs started before
     * it had tracking off. A message without such a run (sent before V34) counts as tracked, as before.
     */
    static boolean untracked(List<SendRun> runs, LocalDateTime sentAt) {
        boolean tracking = true;
        for (SendRun run : runs) {
            if (sentAt != null && !run.startedAt().isAfter(sentAt)) {
                tracking = run.tracking();
            }
        }
        return !tracking;
    }

    /**
     * Whether a message's opens and clicks could be measured: it went with tracking ({@link #untracked}) to a person
     * who had not refused it before it was sent ({@code optedOutAt}, null if they never did; such a message carries
     * no pixel and no tracked link, {@link TrackingLinks}). One who refuses later was measured until then.
     */
    static boolean measured(List<SendRun> runs, LocalDateTime sentAt, LocalDateTime optedOutAt) {
        return !untracked(runs, sentAt) && (optedOutAt == null || sentAt == null || optedOutAt.isAfter(sentAt));
    }

    /**
     * The opt-out of the person of the {@code mail_contact} aliased {@code contact}, as a column: when they refused
     * tracking, or null.
     */
    static String optedOutAt(String contact) {
        return "(SELECT MIN(t.opted_out_at) FROM mail_tracking_optout t WHERE t.person_id = " + contact + ".person_id)";
    }

    static LocalDateTime utc(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
