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
        Files.writeString(csv, "email;first_name;sector;consent_email\nana@example.org;Ana;11;oui\n"
                + "bruno@example.org;Bruno;12;oui\nchloe@example.org;Chloé;12;oui\n", StandardCharsets.UTF_8);
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
        Path template = home.resolve(name + ".md");
        Files.writeString(template, "subject: Réunion publique\n\nBonjour {{first_name}}, lisez [le programme]"
                + "(https://paris-ensemble.example/programme) et [signez](https://paris-ensemble.example/petition).\n",
                StandardCharsets.UTF_8);
        CommandRun created = CommandRun.of(at, "campaign", "create", name, "--template", template.toString(), "--segment", "all");
        assertThat(created.exit()).as(created.err()).isZero();
        int before = smtp.getReceivedMessages().length;
        CommandRun sent = CommandRun.of(at, "campaign", "send", name, "--smtp", "127.0.0.1:" + smtp.getSmtp().getPort());
        assertThat(sent.exit()).as(sent.err() + sent.out()).isZero();
        MimeMessage[] all = smtp.getReceivedMessages();
        List<String> bodies = new ArrayList<>();
        for (int i = before; i < all.length; i++) {
            bodies.add(GreenMailUtil.getBody(all[i]).replace("=\r\n", "").replace("=3D", "="));
        }
        assertThat(bodies).hasSize(3);
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
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)");
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
        assertThat(j.path("states").path("sent").asLong()).isEqualTo(3); // mail-core's fields are kept
        assertThat(j.path("opens").path("unique").asInt()).isEqualTo(1);
        assertThat(j.path("opens").path("total").asInt()).isEqualTo(1);
        assertThat(j.path("clicks").path("total").asInt()).isEqualTo(3);
        assertThat(j.path("clicks").path("unique").asInt()).isEqualTo(1);
        assertThat(j.path("shares").path("readers").asInt()).isEqualTo(1);
        assertThat(j.path("shares").path("depth").asInt()).isEqualTo(1);
        assertThat(j.path("shares").path("topSharers").get(0).path("recipient").asText()).startsWith("destinataire n° ")
                .doesNotContain("ana@");
        assertThat(j.path("bySector").path("11").path("uniqueClicks").asInt()).isEqualTo(1);
        assertThat(j.path("bySector").path("12").path("recipients").asInt()).isEqualTo(2);
        CommandRun text = CommandRun.of(at, "campaign", "report", "reunion");
        assertThat(text.out()).contains("ouvertures : 1 personne(s)").contains("partages : 1 lecteur(s)");
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
