package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import fr.terrain.store.TrackingEvents;
import fr.terrain.web.Json;
import fr.terrain.web.WebApp;
import io.javalin.Javalin;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tracked campaign from the command line to GreenMail and back through the web server: the
 * messages carry signed links and a pixel, following them is counted, a forwarded click is a
 * share, and {@code campaign report --json} shows it all beside mail-core's fields.
 */
class TrackingEndToEndTest {
    @TempDir
    Path home;

    static final int RECIPIENTS = 12 + 10 + 10 + 1;

    GreenMail smtp;
    Javalin app;
    Store store;
    List<String> at;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        store = TestStores.h2(home);
        app = WebApp.create(store).start(0);
        at = List.of("--home", home.toString());
        Files.writeString(home.resolve("mail.properties"), String.join("\n", "campaign.controller=Liste Paris Ensemble",
                "campaign.address=1 rue de Rivoli, 75001 Paris", "campaign.contact=contact@paris-ensemble.example",
                "campaign.election=Municipales 2026", "mail.list=Paris Ensemble", "mail.from=info@paris-ensemble.example",
                "mail.base-url=http://localhost:" + app.port(), ""), StandardCharsets.UTF_8);
        Path csv = home.resolve("contacts.csv");
        // enough people for the small-cell rule to show figures: 12 in the 11th, 10 in the 12th and 13th, 1 in the 14th
        StringBuilder contacts = new StringBuilder("email;first_name;sector;consent_email\nana@example.org;Ana;11;oui\n"
                + "bruno@example.org;Bruno;12;oui\nchloe@example.org;Chloé;12;oui\ndora@example.org;Dora;14;oui\n");
        for (int[] sector : new int[][] {{11, 11}, {12, 8}, {13, 10}}) {
            for (int i = 0; i < sector[1]; i++) {
                contacts.append("p").append(sector[0]).append('.').append(i).append("@example.org;P;").append(sector[0])
                        .append(";oui\n");
            }
        }
        Files.writeString(csv, contacts, StandardCharsets.UTF_8);
        CommandRun imported = CommandRun.of(at, "contacts", "import", csv.toString(), "--source", "members");
        assertThat(imported.exit()).as(imported.err()).isZero();
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
        smtp.stop();
    }

    private List<String> send(String name) throws Exception {
        return send(name, "all", RECIPIENTS);
    }

    private List<String> send(String name, String segment, int recipients) throws Exception {
        Path template = home.resolve(name + ".md");
        Files.writeString(template, "subject: Réunion publique\n\nBonjour {{first_name}}, lisez [le programme]"
                + "(https://paris-ensemble.example/programme) et [signez](https://paris-ensemble.example/petition).\n",
                StandardCharsets.UTF_8);
        CommandRun created = CommandRun.of(at, "campaign", "create", name, "--template", template.toString(), "--segment", segment);
        assertThat(created.exit()).as(created.err()).isZero();
        int before = smtp.getReceivedMessages().length;
        CommandRun sent = CommandRun.of(at, "campaign", "send", name, "--smtp", "127.0.0.1:" + smtp.getSmtp().getPort());
        assertThat(sent.exit()).as(sent.err() + sent.out()).isZero();
        MimeMessage[] all = smtp.getReceivedMessages();
        List<String> bodies = new ArrayList<>();
        for (int i = before; i < all.length; i++) {
            bodies.add(GreenMailUtil.getBody(all[i]).replace("=\r\n", "").replace("=3D", "="));
        }
        assertThat(bodies).hasSize(recipients);
        return bodies;
    }

    private static List<String> find(String text, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private HttpResponse<String> get(String url, String cookie) throws Exception {
        return get(url, cookie, "Mozilla/5.0 (X11; Linux x86_64)");
    }

    private HttpResponse<String> get(String url, String cookie, String userAgent) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("User-Agent", userAgent);
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void openClickAndShareAreCountedInTheReport() throws Exception {
        assertThat(CommandRun.of(at, "tracking", "on").exit()).isZero();
        List<String> bodies = send("reunion");
        String base = "http://localhost:" + app.port();
        String ana = bodies.stream().filter(b -> b.contains("Bonjour Ana")).findFirst().orElseThrow();
        List<String> links = find(ana, Pattern.quote(base) + "/t/c/[A-Za-z0-9_-]+");
        assertThat(links).hasSizeGreaterThanOrEqualTo(2); // both links (HTML and text parts carry them)
        assertThat(ana).doesNotContain("href=\"https://paris-ensemble.example/programme");
        assertThat(find(ana, Pattern.quote(base) + "/t/o/[A-Za-z0-9_-]+\\.gif")).hasSize(1);
        assertThat(ana).contains("/t/refus/").contains("/desinscription?t=");

        String first = links.get(0);
        var own = get(first, null);
        assertThat(own.statusCode()).isEqualTo(302);
        assertThat(own.headers().firstValue("Location")).contains("https://paris-ensemble.example/programme");
        String cookie = own.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(get(first, cookie).statusCode()).isEqualTo(302);
        assertThat(get(first, null).statusCode()).isEqualTo(302); // forwarded: a browser without Ana's cookie
        String pixel = find(ana, Pattern.quote(base) + "/t/o/[A-Za-z0-9_-]+\\.gif").get(0);
        assertThat(get(pixel, null).statusCode()).isEqualTo(200);

        TrackingEvents.flush(store); // what the server still queues (a few milliseconds' worth), before another process reads
        CommandRun report = CommandRun.of(at, "campaign", "report", "reunion", "--json");
        assertThat(report.exit()).as(report.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(report.out());
        assertThat(j.path("states").path("sent").asLong()).isEqualTo(RECIPIENTS); // mail-core's fields are kept
        assertThat(j.path("masked").asBoolean()).isFalse();
        assertThat(j.path("recipientsSent").asInt()).isEqualTo(RECIPIENTS);
        assertThat(j.path("opens").path("unique").asInt()).isEqualTo(1);
        assertThat(j.path("opens").path("total").asInt()).isEqualTo(1);
        assertThat(j.path("clicks").path("total").asInt()).isEqualTo(3);
        assertThat(j.path("clicks").path("unique").asInt()).isEqualTo(1);
        assertThat(j.path("shares").path("readers").asInt()).isEqualTo(1);
        assertThat(j.path("shares").path("depth").asInt()).isEqualTo(1);
        assertThat(j.path("shares").path("topSharers").get(0).path("recipient").asText()).isEqualTo("partageur n° 1")
                .doesNotContain("ana@");
        JsonNode sectors = j.path("bySector");
        assertThat(sectors.path("11").path("recipients").asInt()).isEqualTo(12);
        assertThat(sectors.path("11").path("uniqueClicks").asInt()).isEqualTo(1);
        assertThat(sectors.path("11").path("openRate").asDouble()).isEqualTo(0.0833); // Ana's click: 1 reader of 12
        // the 14th's lone recipient is masked, and the smallest other sector with it: else the total would tell
        assertThat(sectors.path("14").path("maskReason").asText()).isEqualTo("small-cell");
        assertThat(sectors.path("14").path("recipients").isNull()).isTrue();
        assertThat(sectors.path("12").path("maskReason").asText()).isEqualTo("complement");
        assertThat(sectors.path("12").path("recipients").isNull()).isTrue(); // or the total minus the others gives the 14th's
        assertThat(sectors.path("12").path("openRate").isNull()).isTrue();
        assertThat(sectors.path("13").path("masked").asBoolean()).isFalse();
        CommandRun text = CommandRun.of(at, "campaign", "report", "reunion");
        assertThat(text.out()).contains("ouvertures : 1 personne(s)").contains("partages : 1 lecteur(s)")
                .contains("11e arrondissement : 12 destinataires, 8,3 % d'ouverture, 8,3 % de clic")
                .contains("14e arrondissement : moins de 10 destinataires : non affiché (secret statistique)")
                .contains("12e arrondissement : non affiché pour qu'un groupe de moins de 10")
                .doesNotContain("12e arrondissement : 10 destinataires")
                .contains("13e arrondissement : 10 destinataires, 0,0 % d'ouverture");
    }

    /** Gmail loads Ana's pixel through its image proxy when she opens the message: she opened it; its link fetch is no click. */
    @Test
    void aGmailReadersOpenCountsThroughItsImageProxy() throws Exception {
        assertThat(CommandRun.of(at, "tracking", "on").exit()).isZero();
        String ana = send("webmail").stream().filter(b -> b.contains("Bonjour Ana")).findFirst().orElseThrow();
        String base = "http://localhost:" + app.port();
        String gmail = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";
        assertThat(get(find(ana, Pattern.quote(base) + "/t/o/[A-Za-z0-9_-]+\\.gif").get(0), null, gmail).statusCode())
                .isEqualTo(200);
        assertThat(get(find(ana, Pattern.quote(base) + "/t/c/[A-Za-z0-9_-]+").get(0), null, gmail).statusCode())
                .isEqualTo(302);

        TrackingEvents.flush(store);
        JsonNode j = Json.MAPPER.readTree(CommandRun.of(at, "campaign", "report", "webmail", "--json").out());
        assertThat(j.path("opens").path("unique").asInt()).isEqualTo(1);
        assertThat(j.path("opens").path("viaImageProxy").asInt()).isEqualTo(1);
        assertThat(j.path("clicks").path("total").asInt()).isZero();
        assertThat(j.path("automatedRequests").asInt()).isEqualTo(1);
        assertThat(CommandRun.of(at, "campaign", "report", "webmail").out())
                .contains("ouvertures : 1 personne(s), 1 au total (dont 1 par le proxy d'images d'un webmail) ; clics : 0");
    }

    @Test
    void aCampaignToFewerThanTenPeopleShowsNoTrackingFigure() throws Exception {
        assertThat(CommandRun.of(at, "tracking", "on").exit()).isZero();
        String dora = send("dora", "sector:14", 1).get(0);
        String link = find(dora, Pattern.quote("http://localhost:" + app.port()) + "/t/c/[A-Za-z0-9_-]+").get(0);
        assertThat(get(link, null).statusCode()).isEqualTo(302);
        TrackingEvents.flush(store);
        JsonNode j = Json.MAPPER.readTree(CommandRun.of(at, "campaign", "report", "dora", "--json").out());
        assertThat(j.path("states").path("sent").asLong()).isEqualTo(1); // the send itself is no behaviour: kept
        assertThat(j.path("masked").asBoolean()).isTrue();
        assertThat(j.path("recipientsSent").isNull()).isTrue();
        assertThat(j.path("clicks").path("unique").isNull()).isTrue();
        assertThat(j.path("clicks").path("rate").isNull()).isTrue();
        assertThat(j.path("bySector").path("14").path("uniqueClicks").isNull()).isTrue();
        CommandRun text = CommandRun.of(at, "campaign", "report", "dora");
        assertThat(text.out()).contains("ouvertures, clics et partages : moins de 10 destinataires : non affiché"
                + " (secret statistique)").doesNotContain("personne(s)").doesNotContain("% d'ouverture");
        // nor does the send-time model learn from it: one person at one hour
        CommandRun sendTime = CommandRun.of(at, "tracking", "send-time", "--segment", "sector:14");
        assertThat(sendTime.exit()).isNotZero();
        assertThat(sendTime.err()).contains("pas de recommandation (secret statistique)");
    }

    @Test
    void withTrackingOffMessagesCarryPlainLinksAndNoPixel() throws Exception {
        CommandRun status = CommandRun.of(at, "tracking", "status");
        assertThat(status.out()).contains("désactivée"); // off until someone decides
        List<String> bodies = send("sans-suivi");
        for (String b : bodies) {
            assertThat(b).contains("https://paris-ensemble.example/programme").doesNotContain("/t/c/")
                    .doesNotContain("/t/o/").doesNotContain("/t/refus/").contains("/desinscription?t=");
        }
    }

    @Test
    void refusingByCommandLineStopsTrackingThatPerson() throws Exception {
        assertThat(CommandRun.of(at, "tracking", "on").exit()).isZero();
        CommandRun refused = CommandRun.of(at, "tracking", "refuse", "--email", " Bruno@Example.org ");
        assertThat(refused.exit()).as(refused.err()).isZero();
        assertThat(CommandRun.of(at, "tracking", "refuse", "--email", "bruno@example.org").out()).contains("déjà");
        CommandRun unknown = CommandRun.of(at, "tracking", "refuse", "--email", "nobody@example.org");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).contains("aucun contact");
        List<String> bodies = send("refus");
        String bruno = bodies.stream().filter(b -> b.contains("Bonjour Bruno")).findFirst().orElseThrow();
        assertThat(bruno).doesNotContain("/t/c/").doesNotContain("/t/o/");
        assertThat(bodies.stream().filter(b -> b.contains("Bonjour Ana")).findFirst().orElseThrow()).contains("/t/c/");
    }
}
