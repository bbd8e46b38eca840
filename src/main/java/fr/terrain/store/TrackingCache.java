package fr.terrain.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * What the tracking endpoints look up for a token, kept for {@link #TTL} so that repeated opens and
 * clicks do not query the database: the outbox row (its campaign, person and sector), the campaign's
 * recorded links, the person's opt-out and the global switch.
 *
 * <p>An opt-out or a switch change committed in this process is seen at once: each cached opt-out
 * and switch value carries {@link MailTracking#changes()} as read before it was loaded, and is
 * reloaded when the count moved. One made by another process (the command line) is seen within
 * {@link #TTL}; until then at most a click cookie is set, since the event writer checks the opt-out
 * and the switch again as it writes ({@link MailTracking#record}).
 */
public final class TrackingCache implements AutoCloseable {
    /** How long a looked-up value is used without reading it again. */
    public static final Duration TTL = Duration.ofSeconds(2);
    static final int MAX_ROWS = 100_000;

    /** An outbox row as tokens name it: fixed once sent (until an erasure deletes it). */
    private record Row(long campaignId, long personId, Integer sector) {}

    /** A campaign's link by number: recorded before any message carries it, never changed. */
    private record LinkKey(long campaignId, int link) {}

    /** A value that holds while {@link MailTracking#changes()} still equals {@code changes}. */
    private record Flag(boolean value, long changes) {}

    /** The global switch as read at {@code readAt} (System.nanoTime). */
    private record Switch(boolean on, long changes, long readAt) {}

    private final Store store;
    private final Cache<Long, Row> rows;
    private final Cache<LinkKey, String> links;
    private final Cache<Long, Flag> optOuts;
    private volatile Switch trackingOn = new Switch(false, -1, 0);

    private TrackingCache(Store store) {
        this.store = store;
        this.rows = Caffeine.newBuilder().maximumSize(MAX_ROWS).expireAfterWrite(TTL).build();
        this.links = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TTL).build();
        this.optOuts = Caffeine.newBuilder().maximumSize(MAX_ROWS).expireAfterWrite(TTL).build();
    }

    /** The store's cache (one per store). */
    public static TrackingCache of(Store store) {
        return store.companion(TrackingCache.class, TrackingCache::new);
    }

    /**
     * {@link MailTracking#target} through the cache: what the token names if its outbox row belongs to its
     * campaign; {@code link} 0 asks for no URL, and a link the campaign never recorded gives a target without URL.
     */
    public Optional<MailTracking.Target> target(long outboxId, long campaignId, int link) {
        long changes = MailTracking.changes();
        Row row = rows.getIfPresent(outboxId);
        if (row != null) {
            if (row.campaignId() != campaignId) {
                return Optional.empty();
            }
            Flag opted = optOuts.getIfPresent(row.personId());
            Switch on = trackingOn;
            String url = link == 0 ? null : links.getIfPresent(new LinkKey(campaignId, link));
            if (opted != null && opted.changes() == changes && on.changes() == changes
                    && System.nanoTime() - on.readAt() < TTL.toNanos() && (link == 0 || url != null)) {
                return Optional.of(new MailTracking.Target(outboxId, campaignId, row.personId(), row.sector(),
                        opted.value(), Optional.ofNullable(url), on.on()));
            }
        }
        long readAt = System.nanoTime();
        Optional<MailTracking.Target> read = store.jdbi().withHandle(h -> MailTracking.target(h, outboxId, campaignId, link));
        read.ifPresent(t -> {
            rows.put(outboxId, new Row(t.campaignId(), t.personId(), t.sector()));
            optOuts.put(t.personId(), new Flag(t.optedOut(), changes));
            trackingOn = new Switch(t.trackingOn(), changes, readAt);
            t.url().ifPresent(u -> links.put(new LinkKey(campaignId, link), u));
        });
        return read;
    }

    @Override
    public void close() {
        rows.invalidateAll();
        links.invalidateAll();
        optOuts.invalidateAll();
        trackingOn = new Switch(false, -1, 0);
    }

    @Override
    public String toString() {
        return "cache des liens suivis";
    }
}
