package fr.terrain.store;

import fr.terrain.privacy.RightsRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * What a backup restored in place of a store would undo without a word, said or kept. A rectification made since the
 * backup (by hand, on a contact: Terrain records it, the campaign applies it) is undone, its request surviving as
 * done ({@link RestoredRequests}): the restore names the requests to apply again. A consent given since is lost
 * (the campaign will not contact the person on that channel: the cautious side): the restore says how many. An
 * e-mail address a hard bounce marked undeliverable since stays marked, by address: sending to it again would only
 * harm the campaign's sending reputation.
 */
final class RestoredLosses {
    /**
     * The store before the restore: its rectifications done (id and creation time, which tells the same request in
     * the backup), its consents given (id and recording time), its undeliverable addresses and since when.
     */
    record Before(Map<Long, Instant> rectifications, Set<Map.Entry<Long, LocalDateTime>> consentsGiven,
            List<Map.Entry<String, LocalDateTime>> undeliverable) {}

    /** Request numbers named in a warning, at most. */
    static final int SHOWN = 20;

    private RestoredLosses() {}

    /** The store before the restore; {@code requests}: its rights requests, as {@link RestoredRequests} read them. */
    static Before read(Handle h, List<RestoredRequests.Held> requests) {
        Map<Long, Instant> rectifications = new TreeMap<>();
        requests.stream().map(RestoredRequests.Held::request)
                .filter(r -> r.kind() == RightsRequest.Kind.RECTIFICATION && r.status() == RightsRequest.Status.DONE)
                .forEach(r -> rectifications.put(r.id(), r.createdAt()));
        return new Before(rectifications, consentsGiven(h),
                h.createQuery("SELECT email, undeliverable_at FROM mail_contact WHERE undeliverable_at IS NOT NULL ORDER BY id")
                        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getObject(2, LocalDateTime.class))).list());
    }

    private static Set<Map.Entry<Long, LocalDateTime>> consentsGiven(Handle h) {
        // to the second: a backup of one database restored into the other may keep fewer digits
        return new HashSet<>(h.createQuery("SELECT id, recorded_at FROM consent_event WHERE event = 'given'")
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getObject(2, LocalDateTime.class).withNano(0))).list());
    }

    /**
     * What the restored rows lack of the store's, in French, one warning each (empty when nothing): to be called
     * once the backup's rows are in, before the store's requests are applied to them.
     */
    static List<String> lost(Handle h, Before before) {
        List<String> out = new ArrayList<>();
        List<Long> undone = new ArrayList<>();
        before.rectifications().forEach((id, createdAt) -> {
            Optional<RightsRequest> b = RightsRequests.find(h, id);
            if (b.isEmpty() || !b.get().createdAt().equals(createdAt) || b.get().status() != RightsRequest.Status.DONE) {
                undone.add(id);
            }
        });
        if (!undone.isEmpty()) {
            // the first ones only: the line goes into the audit entry too, which holds 2,000 characters
            String ids = String.join(", ", undone.stream().limit(SHOWN).map(String::valueOf).toList())
                    + (undone.size() > SHOWN ? " … (" + undone.size() + " en tout)" : "");
            out.add("rectification(s) faite(s) depuis la sauvegarde, que la restauration a défaite(s) : demande(s) n° "
                    + ids + " ; refaites la correction (sa note : terrain rights list)");
        }
        Set<Map.Entry<Long, LocalDateTime>> given = new HashSet<>(before.consentsGiven());
        given.removeAll(consentsGiven(h));
        if (!given.isEmpty()) {
            out.add(given.size() + " consentement(s) donné(s) depuis la sauvegarde perdu(s) : ces personnes ne seront"
                    + " pas sollicitées sur ce canal tant qu'il n'est pas enregistré à nouveau (terrain consent record)");
        }
        return out;
    }

    /** Marks again the restored contacts whose address the store held undeliverable; how many it marked. */
    static int keepUndeliverable(Handle h, Before before) {
        int n = 0;
        for (Map.Entry<String, LocalDateTime> u : before.undeliverable()) {
            n += h.createUpdate("UPDATE mail_contact SET undeliverable_at = :t WHERE email = :e AND undeliverable_at IS NULL")
                    .bind("t", u.getValue()).bind("e", u.getKey()).execute();
        }
        return n;
    }

    /** For the messages, in French; empty when none was marked again. */
    static String describe(int undeliverable) {
        return undeliverable == 0 ? ""
                : undeliverable + " adresse(s) de courriel non distribuable(s) depuis la sauvegarde gardée(s)";
    }
}
