package fr.terrain.mail.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngagementTest {
    private static final ReferralCode CODE = new ReferralCode("AAAAAAAA");

    private static Interaction open(long r, String at) {
        return new Interaction(Interaction.Kind.OPEN, Instant.parse(at), 1, r, 0, CODE, "", Device.DESKTOP);
    }

    private static Interaction click(long r, String at, Device d) {
        return new Interaction(Interaction.Kind.CLICK, Instant.parse(at), 1, r, 1, CODE, "nav" + r, d);
    }

    @Test
    void totalsCountEveryEventAndUniquesCountRecipients() {
        Engagement e = Engagement.of(List.of(open(1, "2026-03-02T08:00:00Z"), open(1, "2026-03-02T09:00:00Z"),
                open(2, "2026-03-02T09:00:00Z"), click(1, "2026-03-02T09:01:00Z", Device.DESKTOP),
                click(3, "2026-03-02T09:05:00Z", Device.MOBILE), click(4, "2026-03-02T09:05:00Z", Device.AUTOMATED)));
        assertThat(e.opens()).isEqualTo(3);
        assertThat(e.uniqueOpens()).isEqualTo(3); // 1 and 2 opened; 3 clicked with images off: a reader too
        assertThat(e.clicks()).isEqualTo(2);
        assertThat(e.uniqueClicks()).isEqualTo(2);
        assertThat(e.automated()).isEqualTo(1);
    }

    @Test
    void theHeatmapIsInParisTimeAcrossDaylightSaving() {
        // Monday 2 March 2026 08:00 UTC is 09:00 in Paris (UTC+1); Monday 30 March 2026 08:00 UTC is 10:00 (UTC+2)
        Engagement e = Engagement.of(List.of(open(1, "2026-03-02T08:00:00Z"), open(2, "2026-03-30T08:00:00Z"),
                // Sunday 1 March 23:30 UTC is already Monday 00:30 in Paris
                click(3, "2026-03-01T23:30:00Z", Device.DESKTOP)));
        assertThat(e.openHeatmap()[0][9]).isEqualTo(1);
        assertThat(e.openHeatmap()[0][10]).isEqualTo(1);
        assertThat(e.clickHeatmap()[0][0]).isEqualTo(1);
        assertThat(e.clickHeatmap()[6][23]).isZero();
    }

    @Test
    void groupsSplitBySectorAndLeaveUnknownsOut() {
        Map<Long, String> sector = Map.of(1L, "12", 2L, "15");
        Map<String, Engagement> by = Engagement.by(List.of(open(1, "2026-03-02T08:00:00Z"), open(2, "2026-03-02T08:00:00Z"),
                open(2, "2026-03-02T08:10:00Z"), open(9, "2026-03-02T08:10:00Z")), i -> sector.get(i.recipientId()));
        assertThat(by).containsOnlyKeys("12", "15");
        assertThat(by.get("15").opens()).isEqualTo(2);
        assertThat(by.get("15").uniqueOpens()).isEqualTo(1);
    }

    @Test
    void theTimelineBucketsByHourSinceTheSend() {
        int[][] t = Engagement.timeline(List.of(open(1, "2026-03-02T08:10:00Z"), click(1, "2026-03-02T09:59:00Z",
                Device.DESKTOP), open(2, "2026-03-05T08:00:00Z")), Instant.parse("2026-03-02T08:05:00Z"), 24);
        assertThat(t[0]).containsExactly(1, 0);
        assertThat(t[1]).containsExactly(0, 1);
        assertThat(t[23]).containsExactly(1, 0); // three days later: into the last bucket
    }

    @Test
    void userAgentsAreReducedToAClass() {
        assertThat(Device.of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148")).isEqualTo(Device.MOBILE);
        assertThat(Device.of("Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36")).isEqualTo(Device.DESKTOP);
        assertThat(Device.of("curl/8.5.0")).isEqualTo(Device.AUTOMATED);
        assertThat(Device.of(null)).isEqualTo(Device.UNKNOWN);
    }

    /**
     * A link pasted into WhatsApp (or Signal, which borrows its name) or Facebook is fetched by the app's server to
     * draw its preview, before anyone reads it — even while the message is being typed. Such a fetch is no reader:
     * counted, it made the recipient a clicker and a new browser a reader reached by transfer. Facebook's own in-app
     * browser is a person reading, and stays one.
     */
    @Test
    void linkPreviewsOfMessagingAppsAreAutomated() {
        assertThat(Device.of("WhatsApp/2.23.18.78 i")).isEqualTo(Device.AUTOMATED);
        assertThat(Device.of("WhatsApp/2.19.92 A")).isEqualTo(Device.AUTOMATED);
        assertThat(Device.of("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"))
                .isEqualTo(Device.AUTOMATED);
        assertThat(Device.of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
                + " Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/440.0.0.33.117]")).isEqualTo(Device.MOBILE);
        Engagement e = Engagement.of(List.of(click(1, "2026-03-02T09:00:00Z", Device.of("WhatsApp/2.23.18.78 i"))));
        assertThat(e.uniqueClicks()).isZero();
        assertThat(e.automated()).isEqualTo(1);
    }

    /**
     * Gmail and Yahoo load the pixel through their image proxy for their reader, at the first opening: an open, with
     * no device known — before, classed as automata, no Gmail or Yahoo reader ever counted as having opened. A link
     * the proxy would fetch is no click (a person's click comes from their own browser).
     */
    @Test
    void aWebmailsImageProxyOpensForItsReaderButNeverClicks() {
        Device gmail = Device.of("Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)");
        Device yahoo = Device.of("YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html");
        assertThat(gmail).isEqualTo(Device.IMAGE_PROXY);
        assertThat(yahoo).isEqualTo(Device.IMAGE_PROXY);
        Interaction gmailOpen = new Interaction(Interaction.Kind.OPEN, Instant.parse("2026-03-02T08:00:00Z"), 1, 1, 0,
                CODE, "", gmail);
        Interaction yahooOpen = new Interaction(Interaction.Kind.OPEN, Instant.parse("2026-03-02T08:30:00Z"), 1, 2, 0,
                CODE, "", yahoo);
        Engagement e = Engagement.of(List.of(gmailOpen, yahooOpen, open(3, "2026-03-02T08:00:00Z"),
                click(4, "2026-03-02T09:00:00Z", gmail)));
        assertThat(e.opens()).isEqualTo(3);
        assertThat(e.uniqueOpens()).as("recipients 1, 2 and 3; 4's proxy fetched a link, no reader").isEqualTo(3);
        assertThat(e.proxyOpens()).isEqualTo(2);
        assertThat(e.clicks()).isZero();
        assertThat(e.automated()).isEqualTo(1);
        assertThat(e.openHeatmap()[0][9]).as("Monday 9 h in Paris (08:00 and 08:30 UTC): all three opens").isEqualTo(3);
    }
}
