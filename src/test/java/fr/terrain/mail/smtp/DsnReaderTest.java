package fr.terrain.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.terrain.mail.Bounce;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Delivery status notifications as an MTA writes them (RFC 3464, multipart/report), from a file or an IMAP box. */
class DsnReaderTest {
    /** Written by hand after RFC 3464's section 6 and Postfix's bounce format: one hard, one soft failure. */
    static final String DSN = """
            From: MAILER-DAEMON@mx.exemple.fr (Mail Delivery System)
            To: equipe@parisdemain.fr
            Subject: Undelivered Mail Returned to Sender
            Date: Tue, 10 Mar 2026 18:02:11 +0100
            Message-ID: <20260310170211.ABC@mx.exemple.fr>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status;
            \tboundary="B-1"

            --B-1
            Content-Type: text/plain; charset=us-ascii

            I'm sorry to have to inform you that your message could not be delivered.

            --B-1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.exemple.fr
            Arrival-Date: Tue, 10 Mar 2026 18:02:10 +0100

            Final-Recipient: rfc822; Inconnu@Exemple.fr
            Original-Recipient: rfc822;inconnu@exemple.fr
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 <inconnu@exemple.fr>: Recipient address
             rejected: User unknown in local recipient table

            Final-Recipient: rfc822; pleine@exemple.fr
            Action: delayed
            Status: 4.2.2
            Diagnostic-Code: smtp; 452 4.2.2 Mailbox full

            --B-1
            Content-Type: text/rfc822-headers

            From: equipe@parisdemain.fr
            To: inconnu@exemple.fr
            Subject: Jeudi
            Message-ID: <4f1c.12@parisdemain.fr>

            --B-1--
            """.replace("\n", "\r\n");

    @Test
    void aReportGivesOneBouncePerRecipientWithTheOriginalMessageId() throws Exception {
        List<Bounce> b = DsnReader.read(new ByteArrayInputStream(DSN.getBytes(StandardCharsets.US_ASCII)));
        assertThat(b).containsExactly(
                new Bounce(Optional.of("<4f1c.12@parisdemain.fr>"), "inconnu@exemple.fr", "failed", "5.1.1",
                        "smtp; 550 5.1.1 <inconnu@exemple.fr>: Recipient address rejected: User unknown in local"
                                + " recipient table"),
                new Bounce(Optional.of("<4f1c.12@parisdemain.fr>"), "pleine@exemple.fr", "delayed", "4.2.2",
                        "smtp; 452 4.2.2 Mailbox full"));
        assertThat(b.get(0).hard()).isTrue();
        assertThat(b.get(1).hard()).isFalse();
    }

    @Test
    void anOrdinaryMessageIsNotAReport() throws Exception {
        String plain = "From: a@b.fr\r\nTo: c@d.fr\r\nSubject: Re: jeudi\r\n\r\nMerci !\r\n";
        assertThat(DsnReader.read(new ByteArrayInputStream(plain.getBytes(StandardCharsets.US_ASCII)))).isEmpty();
    }

    @Test
    void reportsAreReadFromAnImapMailboxAndDeletedWhenAsked() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        try {
            var user = mail.setUser("retours@parisdemain.fr", "retours", "secret");
            Session session = Session.getInstance(new Properties());
            MimeMessage dsn = new MimeMessage(session, new ByteArrayInputStream(DSN.getBytes(StandardCharsets.US_ASCII)));
            user.deliver(withTo(dsn, session));
            MimeMessage other = new MimeMessage(session);
            other.setFrom("a@b.fr");
            other.setRecipients(jakarta.mail.Message.RecipientType.TO, "retours@parisdemain.fr");
            other.setSubject("Question");
            other.setText("Bonjour");
            other.saveChanges();
            user.deliver(other);
            int port = mail.getImap().getPort();
            var read = DsnReader.mailbox("imap://retours@127.0.0.1:" + port + "/INBOX", "secret", true);
            assertThat(read.messages()).isEqualTo(2);
            assertThat(read.reports()).isEqualTo(1);
            assertThat(read.bounces()).extracting(Bounce::recipient).containsExactly("inconnu@exemple.fr", "pleine@exemple.fr");
            // the report was deleted, the question stays
            assertThat(DsnReader.mailbox("imap://retours@127.0.0.1:" + port + "/INBOX", "secret", false).messages())
                    .isEqualTo(1);
        } finally {
            mail.stop();
        }
    }

    private static MimeMessage withTo(MimeMessage m, Session s) throws Exception {
        m.setRecipients(jakarta.mail.Message.RecipientType.TO, "retours@parisdemain.fr");
        return m;
    }
}
