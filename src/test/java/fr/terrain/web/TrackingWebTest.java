package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.mail.RecipientRef;
import fr.terrain.mail.tracking.Interaction;
import fr.terrain.mail.tracking.ShareTree;
import fr.terrain.mail.tracking.TokenSigner;
import fr.terrain.store.HashKeyFile;
import fr.terrain.store.MailFixture;
import fr.terrain.store.MailTracking;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import fr.terrain.store.TrackingCache;
import fr.terrain.store.TrackingEvents;
import fr.terrain.store.TrackingLinks;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pixel, the redirect and the opt-out as a mail client and browsers reach them over HTTP. */
class TrackingWebTest {
    private static final String DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36";

    @TempDir
    Path home;

    Store store;
    Javalin app;
    String base;
    MailFixture.Sent sent;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() {
        store = TestStores.h2(home);
        app = WebApp.create(store).start(0);
        base = "http://localhost:" + app.port();
        sent = MailFixture.campaign(store, "rentree", 3);
        MailTracking.setEnabled(store, true, "test");
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
    }

    RecipientRef ref(int i) {
        return new RecipientRef(sent.outbox().get(i), sent.campaignId(), "<m" + i + "@example.org>");
    }

    HttpResponse<byte[]> get(String url, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("User-Agent", DESKTOP);
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The recorded events, once the server's queue has written what it holds. */
    List<Interaction> events() {
        TrackingEvents.flush(store);
        return store.jdbi().withHandle(h -> MailTracking.interactions(h, sent.campaignId()));
    }

    @Test
    void aTrackedLinkRedirectsToTheCampaignsOwnUrlAndRecordsTheClick() throws Exception {
        TrackingLinks links = TrackingLinks.of(store, base);
        String tracked = links.rewrite("https://exemple.fr/programme?x=1", ref(0));
        assertThat(tracked).startsWith(base + "/t/c/");
        assertThat(links.rewrite("https://exemple.fr/programme?x=1", ref(1))).isNotEqualTo(tracked); // per recipient
        var r = get(tracked, null);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).contains("https://exemple.fr/programme?x=1");
        assertThat(r.headers().firstValue("Set-Cookie").orElse("")).startsWith(TrackingRoutes.BROWSER_COOKIE + "=")
                .contains("HttpOnly").contains("Path=/t/");
        assertThat(events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Interaction.Kind.CLICK);
            assertThat(e.recipientId()).isEqualTo(sent.outbox().get(0));
            assertThat(e.link()).isEqualTo(1);
        });
        // no IP address nor user-agent string is stored anywhere in the event
        String row = store.jdbi().withHandle(h -> h.createQuery("SELECT * FROM mail_event").map((rs, ctx) -> {
            StringBuilder b = new StringBuilder();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                b.append(rs.getString(c)).append('|');
            }
            return b.toString();
        }).one());
        assertThat(row).doesNotContain("127.0.0.1").doesNotContain("Chrome").contains("|desktop|");
    }

    @Test
    void thePixelIsAnUncachedGifAndRecordsTheOpen() throws Exception {
        String pixel = TrackingLinks.of(store, base).openPixelUrl(ref(2)).orElseThrow();
        var r = get(pixel, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("image/gif");
        assertThat(r.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(new String(r.body(), 0, 6, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
        assertThat(r.body()[6]).isEqualTo((byte) 1); // width 1, little-endian
        assertThat(r.body()[8]).isEqualTo((byte) 1); // height 1
        assertThat(events()).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo(Interaction.Kind.OPEN));
    }

    @Test
    void forgedOrForeignTokensGetA404AndNeverARedirect() throws Exception {
        String tracked = TrackingLinks.of(store, base).rewrite("https://exemple.fr/a", ref(0));
        String token = tracked.substring(tracked.lastIndexOf('/') + 1);
        char last = token.charAt(5);
        String forged = token.substring(0, 5) + (last == 'A' ? 'B' : 'A') + token.substring(6);
        TokenSigner signer = new TokenSigner(HashKeyFile.trackingKey(home));
        // genuine signatures, but a link number the campaign never recorded, and another campaign's outbox row
        String unknownLink = signer.sign(sent.campaignId(), sent.outbox().get(0), 9);
        String wrongCampaign = signer.sign(sent.campaignId() + 1, sent.outbox().get(0), 1);
        for (String bad : List.of(forged, unknownLink, wrongCampaign, "https:%2F%2Fevil.example", "x")) {
            var r = get(base + "/t/c/" + bad, null);
            assertThat(r.statusCode()).as(bad).isEqualTo(404);
            assertThat(r.headers().firstValue("Location")).isEmpty();
        }
        assertThat(get(base + "/t/o/" + forged + ".gif", null).statusCode()).isEqualTo(404);
        assertThat(events()).isEmpty();
    }

    @Test
    void consecutiveRecipientsLinksShowNoRowAndShareNoVisibleCounter() throws Exception {
        // a fixed key, so that what is compared below is the same at every run (no chance match to flake on)
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 9);
        java.nio.file.Files.writeString(home.resolve(HashKeyFile.TRACKING_NAME),
                java.util.Base64.getEncoder().encodeToString(key) + "\n");
        TrackingLinks links = TrackingLinks.of(store, base);
        String previous = null;
        for (long row = 1_000_003; row < 1_000_013; row++) { // rows of a larger campaign: ids a counter would show
            RecipientRef r = new RecipientRef(row, sent.campaignId(), "<m" + row + "@example.org>");
            List<String> urls = List.of(links.rewrite("https://exemple.fr/a", r), links.openPixelUrl(r).orElseThrow()
                    .replace(".gif", ""), links.optOutUrl(r).orElseThrow());
            for (String url : urls) {
                assertThat(url).startsWith(base + "/t/");
                assertThat(fr.terrain.mail.OldTokens.shows(url.substring(url.lastIndexOf('/') + 1), row)).as(url).isFalse();
            }
            String token = urls.get(0).substring(urls.get(0).lastIndexOf('/') + 1);
            if (previous != null) {
                // the rows n and n + 1: in version 1 the same campaign, link and most of the row at the same places
                assertThat(fr.terrain.mail.OldTokens.sharedBytes(previous, token)).isLessThanOrEqualTo(3);
            }
            previous = token;
        }
    }

    @Test
    void aVersion1LinkOfAMessageAlreadySentStillRedirectsAndRecordsItsClickAndOpen() throws Exception {
        TrackingLinks.of(store, base).rewrite("https://exemple.fr/a", ref(0)); // records the campaign's link 1
        TokenSigner signer = new TokenSigner(HashKeyFile.trackingKey(home));
        long row = sent.outbox().get(0);
        var code = signer.recipientCode(sent.campaignId(), row);
        byte[] key = HashKeyFile.trackingKey(home);
        String click = fr.terrain.mail.OldTokens.tracking(key, sent.campaignId(), row, 1, code);
        var r = get(base + "/t/c/" + click, null);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).contains("https://exemple.fr/a");
        String pixel = fr.terrain.mail.OldTokens.tracking(key, sent.campaignId(), row, 0, code);
        assertThat(get(base + "/t/o/" + pixel + ".gif", null).statusCode()).isEqualTo(200);
        assertThat(get(base + "/t/refus/" + pixel, null).statusCode()).isEqualTo(200);
        assertThat(events()).extracting(Interaction::kind, Interaction::recipientId, Interaction::referral)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Interaction.Kind.CLICK, row, code),
                        org.assertj.core.groups.Tuple.tuple(Interaction.Kind.OPEN, row, code));
        // one character changed: refused like any forgery
        assertThat(get(base + "/t/c/" + fr.terrain.mail.OldTokens.withOneCharacterChanged(click, 3, 0), null)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void withTrackingOffLinksStayPlainAndOldTrackedLinksStillRedirectWithoutRecording() throws Exception {
        String tracked = TrackingLinks.of(store, base).rewrite("https://exemple.fr/a", ref(0));
        MailTracking.setEnabled(store, false, "test");
        TrackingLinks off = TrackingLinks.of(store, base);
        assertThat(off.rewrite("https://exemple.fr/a", ref(0))).isEqualTo("https://exemple.fr/a");
        assertThat(off.openPixelUrl(ref(0))).isEmpty();
        assertThat(off.optOutUrl(ref(0))).isEmpty();
        var r = get(tracked, null);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).contains("https://exemple.fr/a");
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(events()).isEmpty();
    }

    @Test
    void aPersonWhoRefusesTrackingIsNoLongerTrackedInAnyMessage() throws Exception {
        TrackingLinks links = TrackingLinks.of(store, base);
        String tracked = links.rewrite("https://exemple.fr/a", ref(1));
        String pixel = links.openPixelUrl(ref(1)).orElseThrow();
        String refusal = links.optOutUrl(ref(1)).orElseThrow();
        var page = get(refusal, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new String(page.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("Ne plus être suivi")
                // dressed as the other public pages (44 px buttons on a phone): it had pages.css alone, unstyled
                .contains("/assets/terrain.css").contains("<body class=\"public\">").contains("<main class=\"page\">");
        var post = http.send(HttpRequest.newBuilder(URI.create(refusal)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).contains("ne seront plus mesurés");
        assertThat(get(tracked, null).statusCode()).isEqualTo(302);
        assertThat(get(pixel, null).statusCode()).isEqualTo(200);
        assertThat(events()).isEmpty();
        TrackingLinks next = TrackingLinks.of(store, base); // the next campaign's messages
        assertThat(next.rewrite("https://exemple.fr/b", ref(1))).isEqualTo("https://exemple.fr/b");
        assertThat(next.openPixelUrl(ref(1))).isEmpty();
        assertThat(next.rewrite("https://exemple.fr/b", ref(0))).startsWith(base + "/t/c/"); // others still tracked
        long audited = store.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM audit_entry WHERE action = 'tracking.optout'").mapTo(Long.class).one());
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void unsubscribeAndNonWebLinksAreNeverRewritten() {
        TrackingLinks links = TrackingLinks.of(store, base);
        assertThat(links.rewrite(base + "/desinscription?t=abc", ref(0))).isEqualTo(base + "/desinscription?t=abc");
        assertThat(links.rewrite("mailto:contact@example.org", ref(0))).isEqualTo("mailto:contact@example.org");
    }

    @Test
    void aForwardedReaderWithoutTheCookieIsCreditedToTheRecipientAsAShare() throws Exception {
        String tracked = TrackingLinks.of(store, base).rewrite("https://exemple.fr/petition", ref(0));
        var own = get(tracked, null);
        String cookie = own.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(get(tracked, cookie).statusCode()).isEqualTo(302); // the recipient again, same browser
        assertThat(get(tracked, null).statusCode()).isEqualTo(302); // someone else: no cookie
        TokenSigner signer = new TokenSigner(HashKeyFile.trackingKey(home));
        ShareTree tree = ShareTree.of(events(), signer::childCode);
        assertThat(tree.shares()).isEqualTo(1);
        assertThat(tree.topSharers(3)).containsExactly(new ShareTree.Sharer(sent.outbox().get(0), 1, 1, 1));
    }

    @Test
    void anOptOutThroughTheLinkIsHonouredAtOnceThoughTheLookupsWereCached() throws Exception {
        TrackingLinks links = TrackingLinks.of(store, base);
        String tracked = links.rewrite("https://exemple.fr/a", ref(1));
        String pixel = links.openPixelUrl(ref(1)).orElseThrow();
        assertThat(get(tracked, null).headers().firstValue("Set-Cookie")).isPresent(); // looked up, kept in the cache
        assertThat(get(pixel, null).statusCode()).isEqualTo(200);
        assertThat(events()).extracting(Interaction::kind).containsExactly(Interaction.Kind.CLICK, Interaction.Kind.OPEN);
        var post = http.send(HttpRequest.newBuilder(URI.create(links.optOutUrl(ref(1)).orElseThrow()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(200);
        var after = get(tracked, null);
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(get(pixel, null).statusCode()).isEqualTo(200);
        assertThat(events()).extracting(Interaction::kind).containsExactly(Interaction.Kind.CLICK, Interaction.Kind.OPEN);
    }

    @Test
    void turningTrackingOffIsHonouredAtOnceThoughTheLookupsWereCached() throws Exception {
        String tracked = TrackingLinks.of(store, base).rewrite("https://exemple.fr/a", ref(0));
        assertThat(get(tracked, null).headers().firstValue("Set-Cookie")).isPresent();
        assertThat(events()).hasSize(1);
        MailTracking.setEnabled(store, false, "test");
        var after = get(tracked, null);
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(events()).hasSize(1);
    }

    @Test
    void anOptOutByAnotherProcessStopsRecordingAtOnceAndTheCookieWithinTheCacheLifetime() throws Exception {
        String tracked = TrackingLinks.of(store, base).rewrite("https://exemple.fr/a", ref(2));
        assertThat(get(tracked, null).headers().firstValue("Set-Cookie")).isPresent();
        assertThat(events()).hasSize(1);
        // as the command line does it from its own process: straight into the table, nothing said to this server
        store.jdbi().useHandle(h -> h.execute("INSERT INTO mail_tracking_optout (person_id, opted_out_at, via)"
                + " VALUES (?, CURRENT_TIMESTAMP, 'cli')", sent.persons().get(2)));
        assertThat(get(tracked, null).statusCode()).isEqualTo(302); // the cached lookup may still set a cookie…
        assertThat(events()).hasSize(1); // …but the writer checks the opt-out again: the second click is not stored
        Thread.sleep(TrackingCache.TTL.toMillis() + 100);
        var later = get(tracked, null);
        assertThat(later.statusCode()).isEqualTo(302);
        assertThat(later.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(events()).hasSize(1);
    }
}
