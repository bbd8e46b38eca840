package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.terrain.mail.UnsubscribeToken;
import fr.terrain.mail.smtp.ScriptedSmtpServer;
import fr.terrain.privacy.ConsentChannel;
import fr.terrain.privacy.ConsentEvent;
import fr.terrain.store.ConsentLedger;
import fr.terrain.store.HashKeyFile;
import fr.terrain.store.Persons;
import fr.terrain.store.Store;
import fr.terrain.store.SuppressionList;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's acceptance on a real SMTP server (GreenMail, embedded): a campaign to generated
 * contacts reaches exactly the consenting, unsuppressed ones, once each, every message with its
 * mandatory blocks and headers; a server that goes away mid-send and a sender killed halfway
 * (a separate JVM, SIGKILL) both end with every recipient served exactly once.
 */
class CampaignSendTest {
    @TempDir
    Path home;

    @TempDir
    Path files;

    GreenMail smtp;

    @BeforeEach
    void start() throws IOException {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        writeSettings(home);
        Files.writeString(files.resolve("modele.md"), """
                subject: {{first_name}}, le programme pour votre quartier

                Bonjour {{first_name}},

                Nous présentons **notre programme** jeudi. [Lire le programme](https://parisdemain.fr/programme)
                """, StandardCharsets.UTF_8);
    }

    /** The campaign's identity (privacy.properties) and its mail settings (mail.properties) in {@code home}. */
    static void writeSettings(Path home) throws IOException {
        Files.writeString(home.resolve("privacy.properties"), """
                campaign.controller=Association de financement de la liste Paris Demain
                campaign.address=12 rue de la Roquette, 75011 Paris
                campaign.contact=contact@parisdemain.fr
                campaign.election=municipales de Paris, mars 2026
                """, StandardCharsets.UTF_8);
        Files.writeString(home.resolve("mail.properties"), """
                mail.list=Paris Demain
                mail.from=equipe@parisdemain.fr
                mail.base-url=https://terrain.parisdemain.fr
                """, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    CommandRun run(String... args) {
        return CommandRun.of(List.of("--home", home.toString()), args);
    }

    CommandRun ok(String... args) {
        CommandRun r = run(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
        return r;
    }

    /** Generated contacts and, computed here from the generator's own flags, who may be written to. */
    record Population(Path csv, Set<String> expected, int total) {}

    /**
     * n contacts: every 10th says "non"; every 37th is suppressed before the import (refused then);
     * every 23rd is suppressed after it (objection by letter); every 41st regular contact withdraws
     * e-mail consent after the import.
     */
    Population population(int n) throws IOException {
        StringBuilder csv = new StringBuilder("email;first_name;sector;consent_email\n");
        Set<String> expected = new TreeSet<>();
        List<String> before = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String email = "contact" + i + "@exemple.fr";
            boolean yes = i % 10 != 0;
            csv.append(i % 50 == 0 ? email.toUpperCase() : email).append(';').append("Prénom").append(i).append(';')
                    .append(1 + i % 20).append(';').append(yes ? "oui" : "non").append('\n');
            if (i % 37 == 0) {
                before.add(email);
            }
            if (yes && i % 37 != 0 && i % 23 != 0 && i % 41 != 0) {
                expected.add(email);
            }
        }
        Path file = files.resolve("contacts.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        // the first as a user would type it, the others in one go
        ok("suppress", "--email", before.get(0), "--via", "letter");
        try (Store s = Store.h2(home)) {
            SuppressionList.addIdentifiers(s, HashKeyFile.load(home), before.stream().skip(1)
                    .map(fr.terrain.privacy.Identifiers::emailOf).toList(), SuppressionList.Reason.OBJECTION, "letter", "test");
        }
        return new Population(file, expected, n);
    }

    /** After the import: objections (known persons) and consent withdrawals, as the generator says. */
    void afterImport(int n) {
        var hasher = HashKeyFile.load(home);
        try (Store s = Store.h2(home)) {
            Map<String, Long> persons = new HashMap<>();
            s.jdbi().useHandle(h -> h.createQuery("SELECT email, person_id FROM mail_contact").map((rs, c) ->
                    Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> persons.put(e.getKey(), e.getValue())));
            for (int i = 1; i <= n; i++) {
                String email = "contact" + i + "@exemple.fr";
                Long p = persons.get(email);
                if (p == null) {
                    continue;
                }
                if (i % 23 == 0) {
                    SuppressionList.addPerson(s, hasher, Persons.find(s, p).orElseThrow(), SuppressionList.Reason.OBJECTION,
                            "letter", "test");
                } else if (i % 41 == 0) {
                    Instant now = Instant.now();
                    ConsentLedger.append(s, p, new ConsentEvent(0, ConsentChannel.EMAIL, ConsentEvent.Kind.WITHDRAWN, now,
                            "letter", null, null, "courrier", "test", now), "test");
                }
            }
        }
    }

    /** Messages received by GreenMail, by their single To: address. */
    static Map<String, Integer> byRecipient(List<MimeMessage> messages) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        for (MimeMessage m : messages) {
            var to = m.getRecipients(Message.RecipientType.TO);
            assertThat(to).hasSize(1);
            assertThat(m.getRecipients(Message.RecipientType.CC)).isNull();
            out.merge(to[0].toString(), 1, Integer::sum);
        }
        return out;
    }

    static List<MimeMessage> received(GreenMail... servers) {
        List<MimeMessage> all = new ArrayList<>();
        for (GreenMail g : servers) {
            all.addAll(List.of(g.getReceivedMessages()));
        }
        return all;
    }

    @Test
    void aCampaignOfTenThousandReachesExactlyTheConsentingUnsuppressedOnesWithTheMandatoryBlocks() throws Exception {
        int n = 10_000;
        Population pop = population(n);
        CommandRun imported = ok("contacts", "import", pop.csv().toString(), "--source", "regular-contacts",
                "--provider", "fichier des sympathisants");
        // every 37th of 10 000 is suppressed beforehand: 270 refused; 10 000 - 270 stored
        assertThat(imported.out()).contains("270 refusés (liste d'opposition)").contains("9 730 contacts enregistrés");
        afterImport(n);
        ok("campaign", "create", "jeudi", "--template", files.resolve("modele.md").toString(), "--segment", "all");
        CommandRun sent = ok("campaign", "send", "jeudi", "--smtp", "127.0.0.1:" + smtp.getSmtp().getPort(), "--threads", "2");
        assertThat(sent.out()).contains("campagne terminée");

        List<MimeMessage> messages = received(smtp);
        Map<String, Integer> counts = byRecipient(messages);
        assertThat(counts.keySet()).isEqualTo(pop.expected());
        assertThat(counts.values()).allMatch(c -> c == 1);

        var hasher = HashKeyFile.load(home);
        Map<Long, String> outboxEmail = new HashMap<>();
        try (Store s = Store.h2(home)) {
            // the run is recorded with tracking off (never switched on here): its messages are not « 0 % ouvert »
            List<Boolean> runs = s.jdbi().withHandle(h -> h.createQuery("SELECT tracking FROM mail_send_run")
                    .mapTo(Boolean.class).list());
            assertThat(runs).containsExactly(false);
            s.jdbi().useHandle(h -> h.createQuery("SELECT id, email FROM mail_outbox").map((rs, c) ->
                    Map.entry(rs.getLong(1), rs.getString(2))).forEach(e -> outboxEmail.put(e.getKey(), e.getValue())));
        }
        Set<String> messageIds = new HashSet<>();
        java.util.TreeMap<Long, String> tokenOfRow = new java.util.TreeMap<>();
        for (MimeMessage m : messages) {
            String to = m.getRecipients(Message.RecipientType.TO)[0].toString();
            String lu = m.getHeader("List-Unsubscribe", null);
            assertThat(lu).startsWith("<https://terrain.parisdemain.fr/desinscription?t=");
            String token = lu.substring(lu.indexOf("t=") + 2, lu.indexOf('>'));
            // the token is genuine and names this recipient's own outbox row
            long row = UnsubscribeToken.verify(hasher, token).orElseThrow();
            assertThat(outboxEmail.get(row)).isEqualTo(to);
            tokenOfRow.put(row, token);
            // what a recipient reads in the headers names no campaign, row nor count (docs/adr/0031): a random
            // Message-ID, and a random MIME boundary (Jakarta Mail's own numbers every message the process built)
            assertThat(m.getMessageID()).matches("<[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}@parisdemain\\.fr>");
            assertThat(m.getContentType()).doesNotContain("_Part_").containsPattern("boundary=\"=_[A-Za-z0-9_-]{24}\"");
            assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(messageIds.add(m.getMessageID())).isTrue();
            String number = to.substring("contact".length(), to.indexOf('@'));
            assertThat(m.getSubject()).isEqualTo("Prénom" + number + ", le programme pour votre quartier");
            Multipart alt = (Multipart) m.getContent();
            assertThat(alt.getContentType()).startsWith("multipart/alternative");
            String text = (String) alt.getBodyPart(0).getContent();
            String html = (String) alt.getBodyPart(1).getContent();
            for (String body : List.of(text, html)) {
                assertThat(body).contains("Association de financement de la liste Paris Demain")
                        .contains("Paris Demain").contains("municipales de Paris, mars 2026")
                        .contains("contacts réguliers, fournie par fichier des sympathisants")
                        .contains("contacts.csv").contains(token);
            }
            assertThat(text).contains("Bonjour Prénom" + number);
            assertThat(html).contains("href=\"https://parisdemain.fr/programme\"");
        }
        // consecutive outbox rows (the send order): their unsubscribe tokens have no more bytes in common than chance;
        // the key is drawn at each run: two unrelated 29-byte tokens share 7 of the 28 positions after the version
        // with odds of C(28,7)/256^7 = 1.6e-11, under 2e-7 for the whole campaign
        Long previous = null;
        for (long row : tokenOfRow.keySet()) {
            if (previous != null && previous == row - 1) {
                assertThat(fr.terrain.mail.OldTokens.sharedBytes(tokenOfRow.get(previous), tokenOfRow.get(row)))
                        .isLessThanOrEqualTo(6);
            }
            previous = row;
        }
        CommandRun report = ok("campaign", "report", "jeudi", "--json");
        assertThat(report.out()).contains("\"sent\" : " + pop.expected().size() + ",").contains("\"finished\" : true");
        // every contact suppressed after the import was in the segment ("all"), with or without consent: recorded as
        // skipped, never sent (the suppression is checked first); 434 multiples of 23, less the 11 of 23 × 37 refused
        // at the import
        int skipped = 0;
        for (int i = 1; i <= n; i++) {
            if (i % 37 != 0 && i % 23 == 0) {
                skipped++;
            }
        }
        assertThat(report.out()).contains("\"skipped-suppressed\" : " + skipped);
    }

    /**
     * Someone unsubscribes (or withdraws consent) while the campaign is being sent: their message, still waiting in
     * a claimed batch, is not sent. The batch of 50 is claimed with its facts at the start; the sender reads them
     * again for the rest of the batch once they are a second old, so the window is about a second, not the batch's
     * duration (40 messages at 8 per second here: about 5 s).
     */
    @Test
    void aRecipientWhoUnsubscribesDuringTheSendIsNotWrittenTo() throws Exception {
        StringBuilder csv = new StringBuilder("email;first_name;sector;consent_email\n");
        for (int i = 1; i <= 40; i++) {
            csv.append("contact").append(i).append("@exemple.fr;Prénom").append(i).append(";11;oui\n");
        }
        Path file = files.resolve("contacts.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        ok("contacts", "import", file.toString(), "--source", "regular-contacts");
        ok("campaign", "create", "pendant", "--template", files.resolve("modele.md").toString(), "--segment", "all");
        var send = java.util.concurrent.CompletableFuture.supplyAsync(() -> run("campaign", "send", "pendant",
                "--smtp", "127.0.0.1:" + smtp.getSmtp().getPort(), "--rate", "8", "--threads", "1"));
        long deadline = System.currentTimeMillis() + 30_000;
        while (smtp.getReceivedMessages().length < 5 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertThat(smtp.getReceivedMessages().length).as("the send has started").isBetween(5, 20);
        try (Store s = Store.h2(home)) {
            // contact30 unsubscribes (the list's way: its identifier added), contact35 withdraws e-mail consent
            SuppressionList.addIdentifiers(s, HashKeyFile.load(home), List.of(fr.terrain.privacy.Identifiers.emailOf(
                    "contact30@exemple.fr")), SuppressionList.Reason.UNSUBSCRIBE, "lien", "test");
            long person = s.jdbi().withHandle(h -> h.createQuery("SELECT person_id FROM mail_contact WHERE email = :e")
                    .bind("e", "contact35@exemple.fr").mapTo(Long.class).one());
            Instant now = Instant.now();
            ConsentLedger.append(s, person, new ConsentEvent(0, ConsentChannel.EMAIL, ConsentEvent.Kind.WITHDRAWN, now,
                    "letter", null, null, "courrier", "test", now), "test");
        }
        CommandRun sent = send.get(60, TimeUnit.SECONDS);
        assertThat(sent.exit()).as(sent.out() + sent.err()).isZero();
        Map<String, Integer> counts = byRecipient(received(smtp));
        Set<String> expected = new TreeSet<>();
        for (int i = 1; i <= 40; i++) {
            if (i != 30 && i != 35) {
                expected.add("contact" + i + "@exemple.fr");
            }
        }
        assertThat(counts.keySet()).isEqualTo(expected);
        assertThat(counts.values()).allMatch(c -> c == 1);
        try (Store s = Store.h2(home)) {
            List<String> skipped = s.jdbi().withHandle(h -> h.createQuery("SELECT email FROM mail_outbox"
                    + " WHERE state = 'skipped-suppressed' ORDER BY email").mapTo(String.class).list());
            assertThat(skipped).containsExactly("contact30@exemple.fr", "contact35@exemple.fr");
        }
    }

    @Test
    void aServerThatGoesAwayMidSendIsRetriedAndEveryRecipientGetsOneMessage() throws Exception {
        int n = 400;
        Population pop = population(n);
        ok("contacts", "import", pop.csv().toString(), "--source", "regular-contacts");
        afterImport(n);
        ok("campaign", "create", "panne", "--template", files.resolve("modele.md").toString(), "--segment", "all");
        int port = smtp.getSmtp().getPort();
        GreenMail first = smtp;
        var firstMailboxes = first.getManagers().getImapHostManager();
        GreenMail[] second = new GreenMail[1];
        Thread outage = Thread.ofPlatform().start(() -> {
            try {
                while (first.getReceivedMessages().length < 100) {
                    Thread.sleep(5);
                }
                first.stop();
                Thread.sleep(1500);
                second[0] = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
                second[0].start();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // two connections: at most two messages in the window below
        CommandRun sent = ok("campaign", "send", "panne", "--smtp", "127.0.0.1:" + port, "--retry-after", "PT0.2S",
                "--rate", "200", "--threads", "2");
        outage.join();
        smtp = second[0];
        List<MimeMessage> beforeOutage = new ArrayList<>();
        for (var stored : firstMailboxes.getAllMessages()) {
            beforeOutage.add(stored.getMimeMessage());
        }
        List<MimeMessage> all = new ArrayList<>(beforeOutage);
        all.addAll(received(second[0]));
        Map<String, Integer> counts = byRecipient(all);
        assertThat(beforeOutage.size()).isBetween(100, pop.expected().size() - 1);
        assertThat(counts.values()).allMatch(c -> c == 1);
        assertThat(pop.expected()).containsAll(counts.keySet());
        // The window ADR 0010 accepts: a message whose final dot went out as the server stopped, with no reply,
        // counts as sent (never twice). GreenMail may have dropped it; then the outbox must say it is unconfirmed.
        Set<String> missing = new TreeSet<>(pop.expected());
        missing.removeAll(counts.keySet());
        assertThat(unconfirmed("panne")).containsAll(missing).hasSizeLessThanOrEqualTo(2);
        assertThat(sent.out()).contains("campagne terminée");
        CommandRun report = ok("campaign", "report", "panne", "--json");
        assertThat(report.out()).contains("\"unconfirmed\" : " + unconfirmed("panne").size());
    }

    @Test
    void aConnectionLostAfterTheFinalDotIsNeverResentAndIsReportedUnconfirmed() throws Exception {
        Population pop = population(40);
        ok("contacts", "import", pop.csv().toString(), "--source", "regular-contacts");
        afterImport(40);
        ok("campaign", "create", "doute", "--template", files.resolve("modele.md").toString(), "--segment", "all");
        try (ScriptedSmtpServer server = ScriptedSmtpServer.droppingTheFirstMessage()) {
            CommandRun sent = ok("campaign", "send", "doute", "--smtp", "127.0.0.1:" + server.port(), "--retry-after",
                    "PT0.1S");
            // the server read the first message to its final dot and hung up without a reply: in doubt, that recipient
            // counts as sent and is never written to again; every other one was accepted exactly once
            String dropped = server.dropped();
            assertThat(dropped).isNotNull();
            assertThat(server.accepted()).doesNotContain(dropped).doesNotHaveDuplicates();
            Set<String> all = new TreeSet<>(server.accepted());
            all.add(dropped);
            assertThat(all).isEqualTo(pop.expected());
            assertThat(unconfirmed("doute")).containsExactly(dropped);
            assertThat(sent.out()).contains("campagne terminée").contains("dont 1 non confirmé(s) par le serveur");
            assertThat(ok("campaign", "report", "doute", "--json").out()).contains("\"unconfirmed\" : 1");
            assertThat(ok("campaign", "report", "doute").out()).contains("dont non confirmés par le serveur : 1");
        }
    }

    /**
     * The server refuses one recipient (550 5.1.1, as for an address that does not exist): that row fails for good,
     * every other recipient gets their message (the send used to loop on the refused one forever).
     */
    @Test
    void aRecipientTheServerRefusesFailsAloneAndTheOthersAreSent() throws Exception {
        Population pop = population(40);
        ok("contacts", "import", pop.csv().toString(), "--source", "regular-contacts");
        afterImport(40);
        ok("campaign", "create", "refus", "--template", files.resolve("modele.md").toString(), "--segment", "all");
        String refused = pop.expected().iterator().next();
        try (ScriptedSmtpServer server = ScriptedSmtpServer.refusing(refused)) {
            CommandRun sent = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(90),
                    () -> ok("campaign", "send", "refus", "--smtp", "127.0.0.1:" + server.port(), "--retry-after", "PT0.1S"));
            Set<String> others = new TreeSet<>(pop.expected());
            others.remove(refused);
            assertThat(new TreeSet<>(server.accepted())).isEqualTo(others);
            assertThat(server.accepted()).doesNotHaveDuplicates();
            assertThat(sent.out()).contains("campagne terminée");
            try (Store s = Store.h2(home)) {
                String row = s.jdbi().withHandle(h -> h.createQuery("SELECT o.state || ' ' || o.last_error FROM mail_outbox o"
                        + " JOIN mail_campaign c ON c.id = o.campaign_id WHERE c.name = 'refus' AND o.email = :e")
                        .bind("e", refused).mapTo(String.class).one());
                assertThat(row).startsWith("failed-permanent 550");
            }
        }
    }

    /** Three contacts: an accented local part (RFC 6531), a domain in letters (IDN), a plain address. */
    void accentedContacts() throws IOException {
        Path file = files.resolve("accents.csv");
        Files.writeString(file, "email;first_name;sector;consent_email\nÉlodie.Müller@Exemple.FR;Élodie;11;oui\n"
                + "ana@exemple-é.fr;Ana;12;oui\nbob@exemple.fr;Bob;12;oui\n", StandardCharsets.UTF_8);
        ok("contacts", "import", file.toString(), "--source", "regular-contacts");
        ok("campaign", "create", "accents", "--template", files.resolve("modele.md").toString(), "--segment", "all");
    }

    /** The state and reason of the campaign's row for one address. */
    String row(String campaign, String email) {
        try (Store s = Store.h2(home)) {
            return s.jdbi().withHandle(h -> h.createQuery("SELECT o.state || ' ' || COALESCE(o.last_error, '')"
                    + " FROM mail_outbox o JOIN mail_campaign c ON c.id = o.campaign_id WHERE c.name = :n AND o.email = :e")
                    .bind("n", campaign).bind("e", email).mapTo(String.class).one());
        }
    }

    /**
     * A server that offers SMTPUTF8 receives the accented address as it is, in the envelope (MAIL FROM … SMTPUTF8, RCPT
     * TO) and in the To: header, with the message intact. GreenMail announces no SMTPUTF8 and reads commands as ASCII:
     * the scripted server stands in for a server that does (Postfix with smtputf8_enable, say).
     */
    @Test
    void anAccentedAddressIsDeliveredIntactWithSmtpUtf8WhenTheServerOffersIt() throws Exception {
        accentedContacts();
        try (ScriptedSmtpServer server = ScriptedSmtpServer.offeringSmtpUtf8()) {
            CommandRun sent = ok("campaign", "send", "accents", "--smtp", "127.0.0.1:" + server.port());
            assertThat(sent.out()).contains("campagne terminée").doesNotContain("SMTPUTF8");
            assertThat(server.accepted()).containsExactlyInAnyOrder("élodie.müller@exemple.fr", "ana@exemple-é.fr",
                    "bob@exemple.fr");
            assertThat(server.mailFrom()).allMatch(l -> l.equals("MAIL FROM:<equipe@parisdemain.fr> SMTPUTF8"));
            java.util.Properties utf8 = new java.util.Properties();
            utf8.put("mail.mime.allowutf8", "true");
            MimeMessage m = new MimeMessage(jakarta.mail.Session.getInstance(utf8), new java.io.ByteArrayInputStream(
                    server.message("élodie.müller@exemple.fr").getBytes(StandardCharsets.UTF_8)));
            assertThat(m.getHeader("To", null)).isEqualTo("élodie.müller@exemple.fr");
            assertThat(m.getSubject()).isEqualTo("Élodie, le programme pour votre quartier");
            String text = (String) ((Multipart) m.getContent()).getBodyPart(0).getContent();
            assertThat(text).contains("Bonjour Élodie,").contains("Nous présentons");
        }
        assertThat(row("accents", "élodie.müller@exemple.fr")).isEqualTo("sent ");
    }

    /**
     * A server without SMTPUTF8 (GreenMail) cannot be given an accented local part: that recipient fails for good with
     * the reason on its row, and the campaign goes on; a domain in letters goes as its A-label. (Angus Mail used to
     * write the UTF-8 bytes anyway, and GreenMail filed the message under a mangled name, counted sent.)
     */
    @Test
    void aServerWithoutSmtpUtf8FailsTheAccentedRecipientAloneWithItsReason() throws Exception {
        accentedContacts();
        // a domain with no faithful ASCII spelling fails the same way, and is counted with the accented local parts
        Path more = files.resolve("strasse.csv");
        Files.writeString(more, "email;first_name;sector;consent_email\njo@straße.de;Jo;13;oui\n", StandardCharsets.UTF_8);
        ok("contacts", "import", more.toString(), "--source", "regular-contacts");
        CommandRun sent = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(90),
                () -> ok("campaign", "send", "accents", "--smtp", "127.0.0.1:" + smtp.getSmtp().getPort()));
        assertThat(sent.out()).contains("campagne terminée").contains("dont 2 adresse(s) internationalisée(s) non"
                + " envoyée(s) : 127.0.0.1:" + smtp.getSmtp().getPort() + " n'annonce pas SMTPUTF8");
        assertThat(row("accents", "jo@straße.de")).startsWith("failed-permanent nom de domaine « straße.de » sans écriture"
                + " ASCII fidèle");
        assertThat(row("accents", "élodie.müller@exemple.fr")).isEqualTo("failed-permanent adresse accentuée avant « @ »"
                + " (adresse internationalisée, RFC 6531) : le serveur SMTP n'annonce pas l'extension SMTPUTF8 qu'il faut"
                + " pour la lui confier ; non envoyé (127.0.0.1:" + smtp.getSmtp().getPort() + ")");
        assertThat(row("accents", "ana@exemple-é.fr")).isEqualTo("sent ");
        assertThat(row("accents", "bob@exemple.fr")).isEqualTo("sent ");
        // the envelope recipients GreenMail made mailboxes for: the A-label, nothing mangled
        assertThat(smtp.getUserManager().listUser()).extracting(u -> u.getEmail())
                .containsExactlyInAnyOrder("ana@xn--exemple--i1a.fr", "bob@exemple.fr");
        assertThat(received(smtp)).hasSize(2);
        // the help says both cases
        assertThat(ok("campaign", "send", "--help").out().replaceAll("\\s+", " ")).contains("adresse internationalisée")
                .contains("élodie.müller@").contains("ana@straße.de");
    }

    /**
     * An engaged: segment of fewer than ten people (those who opened the first letter) is sent to each of them, but
     * neither send, list nor report prints how many they are: that number is what they did (small-cell rule).
     */
    @Test
    void anEngagedSegmentUnderTenIsSentButItsCountIsNotPrinted() throws Exception {
        Path file = files.resolve("quatre.csv");
        Files.writeString(file, "email;first_name;sector;consent_email\na@exemple.fr;A;11;oui\nb@exemple.fr;B;11;oui\n"
                + "c@exemple.fr;C;12;oui\nd@exemple.fr;D;12;oui\n", StandardCharsets.UTF_8);
        ok("contacts", "import", file.toString(), "--source", "regular-contacts");
        String smtpAt = "127.0.0.1:" + smtp.getSmtp().getPort();
        ok("campaign", "create", "lettre", "--template", files.resolve("modele.md").toString(), "--segment", "all");
        ok("campaign", "send", "lettre", "--smtp", smtpAt);
        try (Store s = Store.h2(home)) { // a and c opened the letter
            s.jdbi().useHandle(h -> h.createUpdate("INSERT INTO mail_event (outbox_id, kind, occurred_at) SELECT id, 'open',"
                    + " :t FROM mail_outbox WHERE email IN ('a@exemple.fr', 'c@exemple.fr')")
                    .bind("t", java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)).execute());
        }
        ok("campaign", "create", "relance", "--template", files.resolve("modele.md").toString(), "--segment", "engaged:7d");
        CommandRun sent = ok("campaign", "send", "relance", "--smtp", smtpAt);
        String tooFew = fr.terrain.mail.tracking.SmallCells.TOO_FEW_TEXT;
        assertThat(sent.out()).contains("campagne terminée — " + tooFew).doesNotContain("ligne(s) d'envoi")
                .doesNotContain("envoyé(s)").doesNotContain("(sent)");
        // sent all the same: masking is about what is printed
        Map<String, Integer> counts = byRecipient(received(smtp));
        assertThat(counts).containsEntry("a@exemple.fr", 2).containsEntry("c@exemple.fr", 2)
                .containsEntry("b@exemple.fr", 1).containsEntry("d@exemple.fr", 1);

        String list = ok("campaign", "list").out();
        // the campaign's state in French, its id beside it as for the outbox states (it was « finished » alone)
        assertThat(list).contains("relance\tterminée (finished)\tengaged:7d\t" + tooFew)
                .contains("lettre\tterminée (finished)\tall\tenvoyé (sent) 4");
        CommandRun report = ok("campaign", "report", "relance", "--json");
        var j = fr.terrain.web.Json.MAPPER.readTree(report.out());
        assertThat(j.path("recipients").isNull()).isTrue();
        assertThat(j.path("states").path("sent").isNull()).isTrue();
        assertThat(j.path("unconfirmed").isNull()).isTrue();
        assertThat(j.path("masked").asBoolean()).isTrue();
        assertThat(ok("campaign", "report", "relance").out()).contains("destinataires : " + tooFew).doesNotContain("(sent)")
                .doesNotContain("sent :");
        assertThat(ok("campaign", "send", "relance", "--smtp", smtpAt).out()).contains("déjà terminée : " + tooFew);
        // in French, like `campaign send` (the report said « — finished — » and « pending : 0 », « sent : 4 »)
        assertThat(ok("campaign", "report", "lettre").out()).contains("Campagne « lettre » — terminée (finished) — objet")
                .contains("destinataires : 4").contains("\n  envoyé (sent) : 4\n").contains("\n  en attente (pending) : 0\n")
                .contains("\n  écarté (liste d'opposition) (skipped-suppressed) : 0\n").doesNotContain("\n  sent :");
    }

    /** Recipients whose rows are flagged unconfirmed: counted sent, with no reply from the server to their final dot. */
    Set<String> unconfirmed(String campaign) {
        try (Store s = Store.h2(home)) {
            List<String> emails = s.jdbi().withHandle(h -> h.createQuery("SELECT o.email FROM mail_outbox o JOIN mail_campaign c"
                    + " ON c.id = o.campaign_id WHERE c.name = :n AND o.unconfirmed AND o.state = 'sent'").bind("n", campaign)
                    .mapTo(String.class).list());
            return new TreeSet<>(emails);
        }
    }

    @Test
    void aSenderKilledHalfwayIsRestartedAndDeliversTheRestWithNoDuplicate() throws Exception {
        int n = 1_000;
        Population pop = population(n);
        ok("contacts", "import", pop.csv().toString(), "--source", "regular-contacts");
        afterImport(n);
        ok("campaign", "create", "coupure", "--template", files.resolve("modele.md").toString(), "--segment", "all");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "fr.terrain.cli.Terrain",
                "campaign", "send", "coupure", "--smtp", "127.0.0.1:" + smtp.getSmtp().getPort(), "--rate", "150",
                "--threads", "2", "--home", home.toString()).redirectErrorStream(true).redirectOutput(files.resolve("child.log").toFile())
                .start();
        long deadline = System.currentTimeMillis() + 120_000;
        while (smtp.getReceivedMessages().length < 300 && p.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(2);
        }
        assertThat(p.isAlive()).as(Files.readString(files.resolve("child.log"))).isTrue();
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int atKill = smtp.getReceivedMessages().length;
        assertThat(atKill).isLessThan(pop.expected().size());

        CommandRun resumed = ok("campaign", "send", "coupure", "--smtp", "127.0.0.1:" + smtp.getSmtp().getPort());
        Map<String, Integer> counts = byRecipient(received(smtp));
        assertThat(counts.entrySet()).allMatch(e -> e.getValue() == 1, "no recipient twice");
        assertThat(pop.expected()).containsAll(counts.keySet());
        // The one window ADR 0010 accepts: a row marked committed whose final dot never left the killed
        // process (at most one message per SMTP connection, 2 here) counts as sent, flagged unconfirmed.
        // Every other recipient is delivered by the restart; in most runs the window is not hit and all are.
        Set<String> missing = new TreeSet<>(pop.expected());
        missing.removeAll(counts.keySet());
        assertThat(missing).as("recipients lost in the kill window").hasSizeLessThanOrEqualTo(2);
        assertThat(unconfirmed("coupure")).as("a lost recipient is reported unconfirmed").containsAll(missing)
                .hasSizeLessThanOrEqualTo(4);
        assertThat(resumed.out()).contains("campagne terminée");
    }
}
