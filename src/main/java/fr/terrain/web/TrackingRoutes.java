package fr.terrain.web;

import fr.terrain.mail.tracking.Device;
import fr.terrain.mail.tracking.Interaction;
import fr.terrain.mail.tracking.ReferralCode;
import fr.terrain.mail.tracking.TokenSigner;
import fr.terrain.mail.tracking.TrackingToken;
import fr.terrain.store.HashKeyFile;
import fr.terrain.store.MailTracking;
import fr.terrain.store.Store;
import fr.terrain.store.TrackingCache;
import fr.terrain.store.TrackingEvents;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public endpoints of tracked messages: the open pixel {@code /t/o/TOKEN.gif}, the click
 * redirect {@code /t/c/TOKEN} and the per-person opt-out {@code /t/refus/TOKEN}. A token is checked
 * before anything else; a forged or unknown one gets a 404 page, never a redirect, and the redirect
 * only ever goes to the link the campaign recorded under the token's number. With tracking off
 * (global switch) or for a person who opted out, the link still redirects but nothing is recorded
 * and no cookie is set. Lookups go through {@link TrackingCache} and events through the
 * write-behind {@link TrackingEvents} (ADR 0011): a request touches the database only on a cache miss.
 */
final class TrackingRoutes {
    /** The first-party cookie telling one browser from another for share attribution (random, 30 days). */
    static final String BROWSER_COOKIE = "terrain_suivi";
    static final Duration BROWSER_COOKIE_AGE = Duration.ofDays(30);
    /** The smallest transparent GIF: 1 × 1, one colour. */
    static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;
    private volatile TokenSigner signer;
    private volatile TrackingCache cache;
    private volatile TrackingEvents events;

    TrackingRoutes(Store store) {
        this.store = store;
    }

    List<WebRoute> routes() {
        return List.of(WebRoute.open(HandlerType.GET, "/t/o/{file}", this::pixel),
                WebRoute.open(HandlerType.GET, "/t/c/{token}", this::click),
                WebRoute.open(HandlerType.GET, "/t/refus/{token}", this::optOutPage),
                WebRoute.tokenForm("/t/refus/{token}", this::optOut));
    }

    private Optional<TokenSigner> signer() {
        if (signer == null) {
            Optional<java.nio.file.Path> home = store.home();
            if (home.isEmpty()) {
                return Optional.empty();
            }
            signer = new TokenSigner(HashKeyFile.trackingKey(home.get()));
        }
        return Optional.of(signer);
    }

    private Optional<TrackingToken> token(String text) {
        return signer().flatMap(s -> s.verify(text));
    }

    private void pixel(Context ctx) {
        String file = ctx.pathParam("file");
        Optional<TrackingToken> t = file.endsWith(".gif") ? token(file.substring(0, file.length() - 4)) : Optional.empty();
        if (t.isEmpty() || !t.get().isPixel()) {
            notFound(ctx);
            return;
        }
        TrackingToken token = t.get();
        if (cache().target(token.recipientId(), token.campaignId(), 0).filter(MailTracking.Target::recordable).isPresent()) {
            events().record(new Interaction(Interaction.Kind.OPEN, Instant.now(), token.campaignId(), token.recipientId(), 0,
                    token.referral(), "", Device.of(ctx.userAgent())), null);
        }
        ctx.header("Cache-Control", "no-store, max-age=0").contentType("image/gif").result(PIXEL);
    }

    private void click(Context ctx) {
        Optional<TrackingToken> t = token(ctx.pathParam("token"));
        if (t.isEmpty() || t.get().isPixel()) {
            notFound(ctx);
            return;
        }
        TrackingToken token = t.get();
        Optional<MailTracking.Target> target = cache().target(token.recipientId(), token.campaignId(), token.link());
        if (target.isEmpty() || target.get().url().isEmpty()) {
            notFound(ctx);
            return;
        }
        String url = target.get().url().get();
        if (target.get().recordable()) {
            events().record(new Interaction(Interaction.Kind.CLICK, Instant.now(), token.campaignId(), token.recipientId(),
                    token.link(), token.referral(), browser(ctx), Device.of(ctx.userAgent())), url);
        }
        ctx.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").redirect(url, io.javalin.http.HttpStatus.FOUND);
    }

    /** The store's lookups of tokens (cached briefly; an opt-out made here is seen at once). */
    private TrackingCache cache() {
        TrackingCache c = cache;
        if (c == null) {
            c = TrackingCache.of(store);
            cache = c;
        }
        return c;
    }

    /** The store's event queue, started on the first event to record. */
    private TrackingEvents events() {
        TrackingEvents e = events;
        if (e == null) {
            e = TrackingEvents.of(store);
            events = e;
        }
        return e;
    }

    /** The cookie's browser id, set now if the browser had none (or a malformed one). */
    private static String browser(Context ctx) {
        String id = ctx.cookie(BROWSER_COOKIE);
        if (!ReferralCode.isBase64Url(id, 22)) {
            byte[] b = new byte[16];
            RANDOM.nextBytes(b);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        }
        // renewed on each click: it lapses 30 days after the last one
        Cookies.set(ctx, BROWSER_COOKIE, id, "/t/", BROWSER_COOKIE_AGE, "Lax");
        return id;
    }

    private void optOutPage(Context ctx) {
        if (token(ctx.pathParam("token")).isEmpty()) {
            notFound(ctx);
            return;
        }
        ctx.contentType(ContentType.TEXT_HTML).result(Replies.page("suivi-refus.html", Map.of("action",
                "/t/refus/" + ctx.pathParam("token"))));
    }

    private void optOut(Context ctx) {
        Optional<TrackingToken> t = token(ctx.pathParam("token"));
        Optional<Long> person = t.flatMap(token -> cache().target(token.recipientId(), token.campaignId(), 0))
                .map(MailTracking.Target::personId);
        if (person.isEmpty()) {
            notFound(ctx);
            return;
        }
        store.jdbi().useTransaction(h -> {
            if (MailTracking.optOut(h, person.get(), "link")) {
                fr.terrain.store.AuditLog.append(h, Instant.now(), "destinataire", "tracking.optout",
                        "person:" + person.get(), 1, "refus du suivi depuis le lien d'un message");
            }
        });
        Cookies.clear(ctx, BROWSER_COOKIE, "/t/");
        ctx.contentType(ContentType.TEXT_HTML).result(Replies.message("C'est noté",
                "Vos ouvertures et vos clics ne seront plus mesurés, dans aucun de nos messages. Les liens"
                        + " déjà reçus continuent de fonctionner.", false));
    }

    private static void notFound(Context ctx) {
        ctx.status(404).header("Cache-Control", "no-store").contentType(ContentType.TEXT_HTML).result(Replies.message(
                "Lien inconnu", "Ce lien n'est pas valide ou a été modifié.", false));
    }
}
