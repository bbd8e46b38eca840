package fr.terrain.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.mail.RenderedMessage;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The MIME message a campaign sends: built cheaply, and read back exactly as rendered. */
class MimeBuilderTest {
    @Test
    void theSenderNamesAngusStreamProviderWhichJakartaMailThenUses() throws Exception {
        Class.forName(CampaignSender.class.getName(), true, getClass().getClassLoader()); // its static initializer
        assertThat(System.getProperty(StreamProvider.class.getName())).isEqualTo(CampaignSender.STREAM_PROVIDER);
        // the class exists and is what Jakarta Mail hands out (a wrong name would fall back or fail here)
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(CampaignSender.STREAM_PROVIDER);
    }

    @Test
    void bothPartsAreQuotedPrintableAndReadBackAsRendered() throws Exception {
        String longLine = "Nous présentons notre programme « Paris Demain » jeudi à 19 h ; ".repeat(30);
        String text = "Bonjour Zoé,\n\n" + longLine + "\n\n-- \nSe désinscrire : https://t.fr/d?t=1.x=y\n";
        String html = "<!DOCTYPE html>\n<html lang=\"fr\"><body><p>Bonjour Zoé,</p><p>" + longLine + "</p>"
                + "<a href=\"https://t.fr/d?t=1.x=y\">Se désinscrire</a></body></html>\n";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<https://t.fr/d?t=1.x=y>");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        RenderedMessage m = new RenderedMessage("equipe@parisdemain.fr", "zoe@exemple.fr", "Zoé, notre programme", html,
                text, headers, "<m1@parisdemain.fr>", "https://t.fr/d?t=1.x=y");
        // the sender's session allows UTF-8 (for accented addresses): an ASCII recipient's message is unchanged by it
        Session session = Session.getInstance(new SmtpSettings("127.0.0.1", 25, null, null, null, 0).properties());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CampaignSender.mime(session, m).writeTo(out);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        CampaignSender.mime(Session.getInstance(new Properties()), m).writeTo(plain);
        java.util.function.Function<ByteArrayOutputStream, String> stable = b -> b.toString(
                java.nio.charset.StandardCharsets.US_ASCII).replaceAll("(?m)^Date: .*$", "").replaceAll("=_[A-Za-z0-9_-]{24}", "BOUNDARY");
        assertThat(stable.apply(out)).isEqualTo(stable.apply(plain));
        String wire = out.toString(java.nio.charset.StandardCharsets.US_ASCII);
        // 7-bit on the wire, no line over the 76 characters quoted-printable allows (RFC 2045)
        assertThat(wire.chars().allMatch(c -> c < 128)).isTrue();
        assertThat(wire.lines().filter(l -> !l.startsWith("List-Unsubscribe") && !l.startsWith("Subject")))
                .allMatch(l -> l.length() <= 76);

        MimeMessage back = new MimeMessage(session, new ByteArrayInputStream(out.toByteArray()));
        assertThat(back.getMessageID()).isEqualTo("<m1@parisdemain.fr>");
        assertThat(back.getSubject()).isEqualTo("Zoé, notre programme");
        MimeMultipart alt = (MimeMultipart) back.getContent();
        assertThat(alt.getCount()).isEqualTo(2);
        assertThat(alt.getBodyPart(0).getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat(alt.getBodyPart(1).getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        // line breaks travel as CRLF (RFC 5322); the text itself is unchanged
        assertThat(((String) alt.getBodyPart(0).getContent()).replace("\r\n", "\n")).isEqualTo(text);
        assertThat(((String) alt.getBodyPart(1).getContent()).replace("\r\n", "\n")).isEqualTo(html);
    }

    @Test
    void theBoundaryIsRandomAndCountsNothing() throws Exception {
        // Jakarta Mail's boundary, ----=_Part_N_…, numbers every multipart this process built: two messages built in a
        // row gave N and N + 1, so a recipient of both learnt how many went out in between
        RenderedMessage m = new RenderedMessage("equipe@parisdemain.fr", "zoe@exemple.fr", "Objet", "<p>x</p>", "x",
                Map.of(), "<m1@parisdemain.fr>", "https://t.fr/d");
        Session session = Session.getInstance(new Properties());
        java.util.Set<String> boundaries = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            MimeMessage built = CampaignSender.mime(session, m);
            String boundary = new jakarta.mail.internet.ContentType(built.getContentType()).getParameter("boundary");
            assertThat(boundary).matches("=_[A-Za-z0-9_-]{24}");
            boundaries.add(boundary);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            built.writeTo(out);
            assertThat(out.toString(java.nio.charset.StandardCharsets.US_ASCII)).contains("--" + boundary + "\r\n")
                    .contains("--" + boundary + "--").doesNotContain("_Part_");
            MimeMultipart back = (MimeMultipart) new MimeMessage(session, new ByteArrayInputStream(out.toByteArray()))
                    .getContent();
            assertThat(back.getCount()).isEqualTo(2);
        }
        assertThat(boundaries).hasSize(3);
    }
}
