package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import fr.terrain.web.Json;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An A/B test of a subject from the command line: split, both variants sent, decided, the winner sent to the rest. */
class AbTestEndToEndTest {
    @TempDir
    Path home;

    GreenMail smtp;
    List<String> at;

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        at = List.of("--home", home.toString());
        Files.createDirectories(home);
        Files.writeString(home.resolve("mail.properties"), String.join("\n", "campaign.controller=Liste Paris Ensemble",
                "campaign.address=1 rue de Rivoli, 75001 Paris", "campaign.contact=contact@paris-ensemble.example",
                "campaign.election=Municipales 2026", "mail.list=Paris Ensemble", "mail.from=info@paris-ensemble.example",
                "mail.base-url=https://terrain.paris-ensemble.example", ""), StandardCharsets.UTF_8);
        StringBuilder csv = new StringBuilder("email;first_name;sector;consent_email\n");
        for (int i = 0; i < 40; i++) {
            csv.append("p").append(i).append("@example.org;P").append(i).append(";").append(i % 20 + 1).append(";oui\n");
        }
        Path file = home.resolve("contacts.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        assertThat(CommandRun.of(at, "contacts", "import", file.toString(), "--source", "members").exit()).isZero();
        Path template = home.resolve("a.md");
        Files.writeString(template, "subject: Objet A\n\nBonjour {{first_name}}, [venez](https://paris-ensemble.example/r).\n",
                StandardCharsets.UTF_8);
        CommandRun created = CommandRun.of(at, "campaign", "create", "essai", "--template", template.toString(), "--segment",
                "all");
        assertThat(created.exit()).as(created.err()).isZero();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private List<String> subjects() throws Exception {
        List<String> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            out.add(m.getSubject());
        }
        return out;
    }

    @Test
    void theBetterSubjectWinsAndGoesToTheRestExceptWhoObjectedMeanwhile() throws Exception {
        CommandRun past = CommandRun.of(at, "ab", "start", "essai", "--variant-subject", "Objet B", "--deadline",
                "2020-01-01 12:00");
        assertThat(past.exit()).isEqualTo(2);
        assertThat(past.err()).contains("--deadline 2020-01-01 12:00 : date passée");
        CommandRun started = CommandRun.of(at, "ab", "start", "essai", "--variant-subject", "Objet B", "--sample", "0.5",
                "--window", "1", "--deadline", "2099-01-01 12:00");
        assertThat(started.exit()).as(started.err()).isZero();
        assertThat(started.out()).contains("10 destinataire(s) pour « essai »").contains("10 pour « essai-b »")
                .contains("20 en attente");
        String server = "127.0.0.1:" + smtp.getSmtp().getPort();
        assertThat(CommandRun.of(at, "campaign", "send", "essai", "--smtp", server).exit()).isZero();
        assertThat(CommandRun.of(at, "campaign", "send", "essai-b", "--smtp", server).exit()).isZero();
        assertThat(subjects()).hasSize(20).filteredOn("Objet B"::equals).hasSize(10);

        CommandRun undecided = CommandRun.of(at, "ab", "finish", "essai");
        assertThat(undecided.exit()).isEqualTo(3); // outcomes are final only an hour after the send
        assertThat(undecided.out()).contains("pas encore");
        // no outcome is final yet: fewer than 10 pairs, so no rate (secret statistique), the keys kept
        JsonNode early = Json.MAPPER.readTree(CommandRun.of(at, "ab", "status", "essai", "--json").out());
        assertThat(early.path("pairs").asInt()).isZero();
        assertThat(early.path("masked").asBoolean()).isTrue();
        assertThat(early.path("rateA").has("estimate")).isTrue();
        assertThat(early.path("rateA").path("estimate").isNull()).isTrue();
        assertThat(early.path("rateB").path("responses").isNull()).isTrue();
        assertThat(early.path("eValue").isNull()).isTrue();
        assertThat(CommandRun.of(at, "ab", "status", "essai").out())
                .contains("taux, écart et e-valeur sur 0 paire(s) : moins de 10 destinataires : non affiché (secret statistique)");

        try (Store s = TestStores.h2(home)) {
            s.jdbi().useHandle(h -> {
                // every B recipient clicked 10 minutes after the send, no A recipient; the send was two hours ago
                h.execute("UPDATE mail_outbox SET sent_at = sent_at - INTERVAL '2' HOUR");
                h.execute("INSERT INTO mail_event (outbox_id, kind, occurred_at, link_index, referral, device)"
                        + " SELECT o.id, 'click', o.sent_at + INTERVAL '10' MINUTE, 1, 'AAAAAAAA', 'desktop'"
                        + " FROM mail_outbox o JOIN mail_campaign c ON c.id = o.campaign_id WHERE c.name = 'essai-b'");
            });
        }
        CommandRun status = CommandRun.of(at, "ab", "status", "essai", "--json");
        JsonNode j = Json.MAPPER.readTree(status.out());
        assertThat(j.path("decision").asText()).isEqualTo("test");
        assertThat(j.path("winner").asText()).isEqualTo("B");
        assertThat(j.path("masked").asBoolean()).isFalse(); // 10 pairs: shown
        assertThat(j.path("rateB").path("responses").asInt()).isEqualTo(10);
        assertThat(j.path("difference").path("low").asDouble()).isPositive();
        assertThat(j.path("eValue").asDouble()).isGreaterThanOrEqualTo(20);

        CommandRun objected = CommandRun.of(at, "suppress", "--email", restAddress());
        assertThat(objected.exit()).as(objected.err()).isZero();
        CommandRun finished = CommandRun.of(at, "ab", "finish", "essai", "--smtp", server);
        assertThat(finished.exit()).as(finished.err() + finished.out()).isZero();
        assertThat(finished.out()).contains("variante B meilleure").contains("essai-gagnant");
        List<String> all = subjects();
        assertThat(all).hasSize(20 + 19);
        assertThat(all.subList(20, all.size())).containsOnly("Objet B");
        // everyone got exactly one message of the test, except the one who objected before the winner went out
        List<String> to = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            to.add(m.getAllRecipients()[0].toString());
        }
        assertThat(to).doesNotHaveDuplicates().hasSize(39).doesNotContain(restAddress());
        CommandRun again = CommandRun.of(at, "ab", "finish", "essai", "--smtp", server);
        assertThat(again.exit()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(39); // idempotent: the winner's outbox is done
    }

    private String restAddress() {
        try (Store s = TestStores.h2(home)) {
            return s.jdbi().withHandle(h -> h.createQuery("SELECT c.email FROM mail_ab_assignment a JOIN mail_contact c"
                    + " ON c.id = a.mail_contact_id WHERE a.variant = 'R' ORDER BY a.position").mapTo(String.class).first());
        }
    }
}
