package fr.terrain.store;

import fr.terrain.mail.LinkRewriter;
import fr.terrain.mail.RecipientRef;
import fr.terrain.mail.tracking.TokenSigner;
import fr.terrain.mail.tracking.TrackingToken;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link LinkRewriter} of tracked campaigns: each web link becomes {@code BASE/t/c/TOKEN}, a
 * signed redirect to the link recorded for the campaign, and the message gets an open pixel
 * {@code BASE/t/o/TOKEN.gif} and an opt-out link {@code BASE/t/refus/TOKEN}. When tracking is off
 * (the global switch, read once when the rewriter is made, i.e. once per send) or the recipient
 * opted out, links stay as written and there is no pixel. Links to Terrain itself (the unsubscribe
 * page above all) and non-web links (mailto:, tel:) are never rewritten: unsubscribing must work
 * without tracking and must not be counted as a click.
 */
public final class TrackingLinks implements LinkRewriter {
    private final Store store;
    private final TokenSigner signer;
    private final String base;
    private final boolean enabled;
    private final Map<String, Integer> indexes = new HashMap<>();
    private long lastOutbox = -1;
    private boolean lastOptedOut;

    public TrackingLinks(Store store, TokenSigner signer, String baseUrl) {
        this.store = store;
        this.signer = signer;
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.enabled = MailTracking.enabled(store);
    }

    /** The rewriter of a store with a data directory, keyed by its tracking key. */
    public static TrackingLinks of(Store store, String baseUrl) {
        return new TrackingLinks(store, new TokenSigner(HashKeyFile.trackingKey(store.home().orElseThrow(
                () -> new StoreException("pas de répertoire de données : la clé de suivi est introuvable")))), baseUrl);
    }

    /**
     * The rewriter for a send: this one when tracking is on, {@link LinkRewriter#NONE} when it is off (links
     * as written, no pixel, no opt-out link).
     */
    public static LinkRewriter forSend(Store store, String baseUrl) {
        return MailTracking.enabled(store) ? of(store, baseUrl) : LinkRewriter.NONE;
    }

    @Override
    public synchronized String rewrite(String url, RecipientRef r) {
        if (!tracked(r) || url == null || !url.matches("(?i)https?://\\S+") || url.startsWith(base + "/")) {
            return url;
        }
        int index = indexes.computeIfAbsent(r.campaignId() + " " + url,
                k -> store.jdbi().inTransaction(h -> MailTracking.linkIndex(h, r.campaignId(), url)));
        return base + "/t/c/" + token(r, index);
    }

    @Override
    public synchronized Optional<String> openPixelUrl(RecipientRef r) {
        return tracked(r) ? Optional.of(base + "/t/o/" + token(r, TrackingToken.PIXEL) + ".gif") : Optional.empty();
    }

    @Override
    public synchronized Optional<String> optOutUrl(RecipientRef r) {
        return tracked(r) ? Optional.of(base + "/t/refus/" + token(r, TrackingToken.PIXEL)) : Optional.empty();
    }

    private String token(RecipientRef r, int link) {
        return signer.sign(r.campaignId(), r.outboxId(), link);
    }

    private boolean tracked(RecipientRef r) {
        if (!enabled) {
            return false;
        }
        if (r.outboxId() != lastOutbox) {
            lastOutbox = r.outboxId();
            lastOptedOut = store.jdbi().withHandle(h -> MailTracking.personOfOutbox(h, r.outboxId())
                    .map(p -> MailTracking.optedOut(h, p)).orElse(false));
        }
        return !lastOptedOut;
    }
}
