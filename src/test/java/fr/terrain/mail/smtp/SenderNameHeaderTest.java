package fr.terrain.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.mail.RenderedMessage;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A {@code mail.from} with an accented display name ({@code Équipe Paris Démain <equipe@…>}): the sender's sessions
 * allow UTF-8 (for accented recipients), and Jakarta Mail then writes an address header's display name as raw UTF-8
 * whatever the server offers; the From: header must stay 7-bit (RFC 2047 encoded word) for a server without SMTPUTF8.
 */
class SenderNameHeaderTest {
    private static final String FROM = "Équipe Paris Démain <equipe@parisdemain.fr>";

    private static RenderedMessage message(String to) {
        return new RenderedMessage(FROM, to, "Zoé, notre programme", "<p>x</p>", "x", Map.of(), "<m1@parisdemain.fr>",
                "https://t.fr/d");
    }

    private static String headers(String wire) {
        int end = wire.indexOf("\r\n\r\n");
        return end < 0 ? wire : wire.substring(0, end);
    }

    @Test
    void anAccentedDisplayNameInMailFromStaysSevenBit() throws Exception {
        Session session = Session.getInstance(new SmtpSettings("127.0.0.1", 25, null, null, null, 0).properties());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CampaignSender.mime(session, message("zoe@exemple.fr")).writeTo(out);
        String wire = out.toString(StandardCharsets.ISO_8859_1);
        String from = wire.lines().filter(l -> l.startsWith("From:")).findFirst().orElseThrow();
        assertThat(from.chars().allMatch(c -> c < 128)).as(from).isTrue();
        assertThat(headers(wire).chars().allMatch(c -> c < 128)).as(headers(wire)).isTrue();

        // and a reader gets the name back as written
        MimeMessage back = new MimeMessage(session, new ByteArrayInputStream(out.toByteArray()));
        InternetAddress sender = (InternetAddress) back.getFrom()[0];
        assertThat(sender.getPersonal()).isEqualTo("Équipe Paris Démain");
        assertThat(sender.getAddress()).isEqualTo("equipe@parisdemain.fr");
    }

    @Test
    void anAsciiFromIsWrittenAsItWas() throws Exception {
        Session session = Session.getInstance(new SmtpSettings("127.0.0.1", 25, null, null, null, 0).properties());
        for (String from : new String[] {"equipe@parisdemain.fr", "Paris Demain <equipe@parisdemain.fr>"}) {
            RenderedMessage m = new RenderedMessage(from, "zoe@exemple.fr", "Objet", "<p>x</p>", "x", Map.of(),
                    "<m1@parisdemain.fr>", "https://t.fr/d");
            assertThat(CampaignSender.mime(session, m).getHeader("From", null)).isEqualTo(from);
        }
    }

    @Test
    void aServerWithoutSmtpUtf8ReceivesSevenBitHeadersAndOneWithItTheSameName() throws Exception {
        try (ScriptedSmtpServer plain = ScriptedSmtpServer.refusing("personne@exemple.fr")) {
            CampaignSender.sendOne(new SmtpSettings("127.0.0.1", plain.port(), null, null, null, 5000),
                    message("zoe@exemple.fr"));
            String received = plain.message("zoe@exemple.fr");
            assertThat(received).isNotNull();
            assertThat(headers(received).chars().allMatch(c -> c < 128)).as(headers(received)).isTrue();
        }
        try (ScriptedSmtpServer utf8 = ScriptedSmtpServer.offeringSmtpUtf8()) {
            CampaignSender.sendOne(new SmtpSettings("127.0.0.1", utf8.port(), null, null, null, 5000),
                    message("zoé@exemple.fr"));
            assertThat(utf8.mailFrom()).singleElement().asString().contains("SMTPUTF8");
            String received = utf8.message("zoé@exemple.fr");
            MimeMessage back = new MimeMessage(Session.getInstance(new java.util.Properties()),
                    new ByteArrayInputStream(received.getBytes(StandardCharsets.UTF_8)));
            assertThat(((InternetAddress) back.getFrom()[0]).getPersonal()).isEqualTo("Équipe Paris Démain");
        }
    }
}
