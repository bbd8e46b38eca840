package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.terrain.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regulation (EU) 2024/900 and the campaign's e-mails, on a real SMTP server (GreenMail): a campaign that targets on
 * tracking data (engaged: segment, A/B test) is warned in French, naming the article, until the campaign declares how
 * it collected the explicit consent to targeting; every campaign's report records which techniques it used, on which
 * data and with which logic (art. 19), and the consent declared when it was first sent.
 */
class PoliticalAdvertisingTest {
    @TempDir
    Path home;

    @TempDir
    Path files;

    GreenMail smtp;

    @BeforeEach
    void start() throws IOException {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        CampaignSendTest.writeSettings(home);
        Files.writeString(files.resolve("modele.md"), "subject: Notre programme\n\nBonjour {{first_name}},\n\nÀ jeudi.\n",
                StandardCharsets.UTF_8);
        StringBuilder csv = new StringBuilder("email;first_name;sector;consent_email\n");
        for (int i = 1; i <= 12; i++) {
            csv.append("contact").append(i).append("@exemple.fr;P").append(i).append(';').append(11 + i % 2).append(";oui\n");
        }
        Files.writeString(files.resolve("contacts.csv"), csv, StandardCharsets.UTF_8);
        ok("contacts", "import", files.resolve("contacts.csv").toString(), "--source", "regular-contacts");
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    CommandRun ok(String... args) {
        return CommandRun.ok(home, args);
    }

    String smtpAt() {
        return "127.0.0.1:" + smtp.getSmtp().getPort();
    }

    void everyoneOpenedTheFirstLetter() {
        ok("campaign", "create", "lettre", "--template", files.resolve("modele.md").toString(), "--segment", "all");
        ok("campaign", "send", "lettre", "--smtp", smtpAt());
        try (Store s = Store.h2(home)) {
            s.jdbi().useHandle(h -> h.createUpdate("INSERT INTO mail_event (outbox_id, kind, occurred_at) SELECT id, 'open',"
                    + " :t FROM mail_outbox").bind("t", java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)).execute());
        }
    }

    JsonNode report(String campaign) throws IOException {
        return fr.terrain.web.Json.MAPPER.readTree(ok("campaign", "report", campaign, "--json").out());
    }

    @Test
    void aTrackingBasedSegmentIsWarnedNamingTheArticleAndSentAllTheSame() throws Exception {
        everyoneOpenedTheFirstLetter();
        CommandRun created = ok("campaign", "create", "relance", "--template", files.resolve("modele.md").toString(),
                "--segment", "sector:11+engaged:7d");
        assertThat(created.err()).contains("⚠ ciblage fondé sur le suivi des courriels")
                .contains("règlement (UE) 2024/900").contains("art. 18").contains("targeting.consent");
        CommandRun sent = ok("campaign", "send", "relance", "--smtp", smtpAt());
        assertThat(sent.err()).contains("⚠ ciblage fondé sur le suivi des courriels");
        assertThat(sent.out()).contains("campagne terminée");
        assertThat(smtp.getReceivedMessages()).hasSize(12 + 6);

        JsonNode targeting = report("relance").path("targeting");
        assertThat(targeting.path("regulation").asText()).contains("2024/900");
        assertThat(targeting.path("observed").asBoolean()).isTrue();
        assertThat(targeting.path("techniques")).hasSize(2);
        JsonNode engaged = targeting.path("techniques").get(1);
        assertThat(engaged.path("id").asText()).isEqualTo("engagement");
        assertThat(engaged.path("origin").asText()).isEqualTo("observed");
        assertThat(engaged.path("data").asText()).contains("ouvertures et clics");
        assertThat(engaged.path("logic").asText()).contains("7 derniers jours");
        // what was declared when it went out, kept with the campaign: nothing here
        assertThat(targeting.path("consentDeclared").asText()).isEmpty();
        assertThat(targeting.path("warning").asText()).contains("art. 18");
        assertThat(ok("campaign", "report", "relance").out())
                .contains("ciblage (règlement (UE) 2024/900) : sélection géographique — arrondissement 11 ; sélection selon"
                        + " l'engagement (segment engaged:) — a ouvert ou cliqué")
                .contains("⚠ ciblage fondé sur le suivi des courriels");

        // the plain letter to everyone: no technique, no warning
        JsonNode plain = report("lettre").path("targeting");
        assertThat(plain.path("techniques")).isEmpty();
        assertThat(plain.path("observed").asBoolean()).isFalse();
        assertThat(plain.path("warning").isNull()).isTrue();
        assertThat(ok("campaign", "report", "lettre").out())
                .contains("ciblage (règlement (UE) 2024/900) : aucun (le même message à toute la liste)");
    }

    @Test
    void aDeclaredConsentSilencesTheWarningAndIsRecordedAtTheFirstSend() throws Exception {
        everyoneOpenedTheFirstLetter();
        Files.writeString(home.resolve("privacy.properties"), "targeting.consent=case distincte « mes ouvertures et clics"
                + " peuvent choisir les messages que je reçois », formulaire d'inscription v3\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        CommandRun created = ok("campaign", "create", "relance", "--template", files.resolve("modele.md").toString(),
                "--segment", "engaged:7d");
        assertThat(created.err()).doesNotContain("⚠");
        assertThat(ok("campaign", "send", "relance", "--smtp", smtpAt()).err()).doesNotContain("⚠");
        // changed afterwards: the record keeps what held when it was sent
        Files.writeString(home.resolve("privacy.properties"), "targeting.consent=autre chose\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        JsonNode targeting = report("relance").path("targeting");
        assertThat(targeting.path("consentDeclared").asText()).contains("formulaire d'inscription v3");
        assertThat(targeting.path("warning").isNull()).isTrue();
        assertThat(ok("campaign", "report", "relance").out())
                .contains("consentement au ciblage déclaré à l'envoi : case distincte");
    }

    /** An A/B test chooses the message the rest receives from the sample's opens or clicks: tracking-based too. */
    @Test
    void startingAnAbTestWarnsAndItsVariantsRecordTheTest() throws Exception {
        ok("campaign", "create", "essai", "--template", files.resolve("modele.md").toString(), "--segment", "all");
        CommandRun started = ok("ab", "start", "essai", "--variant-subject", "Objet B", "--sample", "0.5", "--deadline",
                fr.terrain.mail.Schedule.format(java.time.Instant.now().plus(java.time.Duration.ofDays(2))));
        assertThat(started.err()).contains("⚠ ciblage fondé sur le suivi des courriels (test A/B (choix du message))")
                .contains("art. 18");
        for (String variant : List.of("essai", "essai-b")) {
            JsonNode t = report(variant).path("targeting").path("techniques");
            assertThat(t).hasSize(1);
            assertThat(t.get(0).path("id").asText()).isEqualTo("ab-test");
            assertThat(t.get(0).path("logic").asText()).contains("clics");
        }
    }

    /** The register of processing (terrain register) lists the campaign that targeted on opens, not the plain letter. */
    @Test
    void theRegisterOfProcessingListsTheCampaignsThatTargeted() throws Exception {
        everyoneOpenedTheFirstLetter();
        ok("campaign", "create", "relance", "--template", files.resolve("modele.md").toString(), "--segment", "engaged:7d");
        Path out = files.resolve("registre");
        ok("register", "--out", out.toString());
        String md = Files.readString(out.resolve("registre-des-traitements.md"));
        assertThat(md).contains("### Ciblage des courriels de campagne (règlement (UE) 2024/900)")
                .contains("1 campagne(s) sur 2")
                .contains("| relance | brouillon | sélection selon l'engagement (segment engaged:) — a ouvert ou cliqué")
                .contains("aucun recueil déclaré");
    }

    /** retention policy --init writes the key where the campaign says how it collected the consent to targeting. */
    @Test
    void retentionPolicyInitAddsTheTargetingConsentKey() throws Exception {
        CommandRun added = ok("retention", "policy", "--init");
        assertThat(added.out()).contains("targeting.consent");
        assertThat(Files.readString(home.resolve("privacy.properties"))).contains("\ntargeting.consent=\n");
    }
}
