package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.terrain.account.Role;
import fr.terrain.mail.Campaign;
import fr.terrain.mail.OutboxEntry;
import fr.terrain.mail.Segment;
import fr.terrain.mail.Template;
import fr.terrain.mail.UnsubscribeToken;
import fr.terrain.privacy.ConsentChannel;
import fr.terrain.privacy.ConsentEvent;
import fr.terrain.privacy.ConsentHistory;
import fr.terrain.privacy.SourceDeclaration;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.ConsentLedger;
import fr.terrain.store.FieldFixtures;
import fr.terrain.store.HashKeyFile;
import fr.terrain.store.MailStore;
import fr.terrain.store.Store;
import fr.terrain.store.SuppressionList;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public e-mail pages over HTTP: sign-up with double opt-in through a real SMTP server
 * (GreenMail), the RFC 8058 one-click unsubscribe, and the campaign list seen by each role.
 */
class MailWebTest {
    @TempDir
    Path home;

    Store store;
    Javalin app;
    GreenMail smtp;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Files.writeString(home.resolve("privacy.properties"), """
                campaign.controller=Association de financement Paris Demain
                campaign.address=12 rue de la Roquette, 75011 Paris
                campaign.contact=contact@parisdemain.fr
                campaign.election=municipales 2026
                """, StandardCharsets.UTF_8);
        Files.writeString(home.resolve("mail.properties"), "mail.list=Paris Demain\nmail.from=equipe@parisdemain.fr\n"
                + "mail.base-url=https://terrain.parisdemain.fr\nmail.signup-notice=inscription-1\nsmtp.host=127.0.0.1\n"
                + "smtp.port=" + smtp.getSmtp().getPort() + "\n", StandardCharsets.UTF_8);
        store = TestStores.h2(home);
        ConsentLedger.addNotice(store, "inscription-1", ConsentChannel.EMAIL, "Paris Demain utilise votre adresse pour"
                + " vous envoyer ses messages de campagne jusqu'au 31 mars 2026.", "test");
        app = WebApp.create(store).start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
        smtp.stop();
    }

    HttpResponse<String> form(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aSignUpIsRecordedOnlyWhenTheEmailedLinkIsOpened() throws Exception {
        var page = get("/inscription");
        assertThat(page.body()).contains("type=\"checkbox\" name=\"consentement\"").doesNotContain("checked");
        assertThat(get("/api/inscription/mention").body()).contains("inscription-1").contains("31 mars 2026");
        // without the consent box: refused, nothing sent
        assertThat(form("/inscription", "email=" + enc("lea@exemple.fr")).statusCode()).isEqualTo(400);
        assertThat(smtp.getReceivedMessages()).isEmpty();
        var asked = form("/inscription", "email=" + enc("Lea@Exemple.fr") + "&prenom=L%C3%A9a&secteur=20&consentement=oui");
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(MailStore.facts(store, Instant.now())).isEmpty();
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        var mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("lea@exemple.fr");
        String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "=");
        Matcher m = Pattern.compile("https://terrain\\.parisdemain\\.fr(/inscription/confirmer\\?t=[A-Za-z0-9_-]+)").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        // opening the link shows a button: a mail gateway's link scanner (Safe Links, Barracuda…) fetches every link of
        // a message, and used to confirm, by itself, a sign-up a robot had typed with someone else's address
        for (int i = 0; i < 2; i++) {
            var opened = get(m.group(1));
            assertThat(opened.statusCode()).isEqualTo(200);
            assertThat(opened.body()).contains("Confirmer mon inscription").contains("Paris Demain")
                    .contains("<form method=\"post\" action=\"/inscription/confirmer\"").doesNotContain("Inscription confirmée");
            assertThat(MailStore.facts(store, Instant.now())).isEmpty();
        }
        String token = m.group(1).substring(m.group(1).indexOf("?t=") + 3);
        var confirmed = form("/inscription/confirmer", "t=" + enc(token));
        assertThat(confirmed.body()).contains("Inscription confirmée");
        var f = MailStore.facts(store, Instant.now()).get(0);
        assertThat(f.email()).isEqualTo("lea@exemple.fr");
        assertThat(f.sector()).isEqualTo(20);
        assertThat(f.emailConsent()).isEqualTo(ConsentHistory.Status.GIVEN);
        assertThat(get(m.group(1)).statusCode()).isEqualTo(410);
        assertThat(form("/inscription/confirmer", "t=" + enc(token)).statusCode()).isEqualTo(410);
    }

    /** The public form cannot be made to flood one mailbox with confirmations (a robot typing someone else's address). */
    @Test
    void oneAddressReceivesAtMostThreeConfirmationsWhileTheyArePending() throws Exception {
        for (int i = 0; i < 8; i++) {
            var asked = form("/inscription", "email=" + enc("victime@exemple.fr") + "&consentement=oui");
            assertThat(asked.statusCode()).isEqualTo(200);
            assertThat(asked.body()).contains("Vérifiez votre messagerie");
        }
        assertThat(form("/inscription", "email=" + enc("autre@exemple.fr") + "&consentement=oui").statusCode()).isEqualTo(200);
        assertThat(smtp.waitForIncomingEmail(10_000, MailRoutes.PENDING_SIGNUPS_PER_ADDRESS + 1)).isTrue();
        assertThat(smtp.waitForIncomingEmail(2_000, MailRoutes.PENDING_SIGNUPS_PER_ADDRESS + 2)).isFalse();
        assertThat(java.util.Arrays.stream(smtp.getReceivedMessages()).map(m -> {
            try {
                return m.getAllRecipients()[0].toString();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList()).containsOnly("victime@exemple.fr", "autre@exemple.fr").filteredOn("victime@exemple.fr"::equals)
                .hasSize(MailRoutes.PENDING_SIGNUPS_PER_ADDRESS);
        assertThat(signups("email = 'victime@exemple.fr'")).isEqualTo(MailRoutes.PENDING_SIGNUPS_PER_ADDRESS);
    }

    long signups(String where) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mail_signup WHERE " + where)
                .mapTo(Long.class).one());
    }

    /** The form's number field stops most mistakes in the browser; the server refuses what gets past it, by name. */
    @Test
    void aSignUpWithAnArrondissementParisDoesNotHaveIsRefusedNamingTheField() throws Exception {
        for (String typed : List.of("99", "0", "21", "douze", "-3")) {
            var refused = form("/inscription", "email=" + enc("lea@exemple.fr") + "&secteur=" + enc(typed)
                    + "&consentement=oui");
            assertThat(refused.statusCode()).as(typed).isEqualTo(400);
            assertThat(refused.body()).as(typed).contains("Arrondissement invalide")
                    .contains("Arrondissement : indiquez un numéro de 1 à 20 (vous avez saisi « " + typed + " »)");
        }
        assertThat(signups("1 = 1")).isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
        // an empty field is no sector at all, not a mistake
        var asked = form("/inscription", "email=" + enc("lea@exemple.fr") + "&secteur=&consentement=oui");
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue(); // stored, then sent, after the reply
        assertThat(signups("sector IS NULL")).isEqualTo(1);
    }

    /**
     * An accented address signs up like any other when the SMTP server offers SMTPUTF8; to one that does not
     * (GreenMail), the visitor is told why no confirmation can come, and nothing is sent under a mangled name.
     */
    @Test
    void anAccentedAddressSignsUpThroughAServerThatOffersSmtpUtf8AndIsToldWhyOtherwise() throws Exception {
        var refused = form("/inscription", "email=" + enc("Élodie.Müller@Exemple.FR") + "&consentement=oui");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("Adresse non prise en charge").contains("accents avant « @ »");
        // an address on the opposition list gets the reply another would: nothing to learn from it
        suppress("Zoé.Opposée@Exemple.FR");
        var opposed = form("/inscription", "email=" + enc("zoé.opposée@exemple.fr") + "&consentement=oui");
        assertThat(opposed.statusCode()).isEqualTo(503);
        assertThat(opposed.body()).contains("Adresse non prise en charge");
        assertThat(smtp.getReceivedMessages()).isEmpty();
        try (var utf8 = fr.terrain.mail.smtp.ScriptedSmtpServer.offeringSmtpUtf8()) {
            Files.writeString(home.resolve("mail.properties"), "mail.list=Paris Demain\nmail.from=equipe@parisdemain.fr\n"
                    + "mail.base-url=https://terrain.parisdemain.fr\nmail.signup-notice=inscription-1\nsmtp.host=127.0.0.1\n"
                    + "smtp.port=" + utf8.port() + "\n", StandardCharsets.UTF_8);
            var asked = form("/inscription", "email=" + enc("Élodie.Müller@Exemple.FR") + "&consentement=oui");
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
            long until = System.nanoTime() + 10_000_000_000L; // the confirmation goes after the reply
            while (utf8.accepted().isEmpty() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(utf8.accepted()).containsExactly("élodie.müller@exemple.fr");
            assertThat(utf8.mailFrom()).containsExactly("MAIL FROM:<equipe@parisdemain.fr> SMTPUTF8");
            assertThat(utf8.message("élodie.müller@exemple.fr")).contains("\r\nTo: élodie.müller@exemple.fr\r\n");
        }
    }

    /** An address no confirmation can reach leaves nothing behind: not even a pending sign-up for 48 hours. */
    @Test
    void anAddressTheServerCannotBeGivenLeavesNoPendingSignUp() throws Exception {
        for (String email : List.of("Élodie.Müller@Exemple.FR", "ana@straße.de")) {
            var refused = form("/inscription", "email=" + enc(email) + "&consentement=oui");
            assertThat(refused.statusCode()).as(email).isEqualTo(503);
            assertThat(signups("1 = 1")).as(email).isZero();
            assertThat(refused.body()).as(email).contains("Adresse non prise en charge").contains("internationalisées");
        }
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    void suppress(String email) {
        SuppressionList.addIdentifiers(store, HashKeyFile.load(home), List.of(fr.terrain.privacy.Identifiers.emailOf(email)),
                SuppressionList.Reason.OBJECTION, "letter", "test");
    }

    /**
     * The mail server down: an address on the opposition list (nothing would be sent to it) gets the very reply any
     * other gets, so the page says nothing about the list; and nothing is kept of the other.
     */
    @Test
    void withTheMailServerDownAListedAddressGetsTheReplyAnyOtherGets() throws Exception {
        suppress("listee@exemple.fr");
        smtp.stop();
        var listed = form("/inscription", "email=" + enc("listee@exemple.fr") + "&consentement=oui");
        var other = form("/inscription", "email=" + enc("autre@exemple.fr") + "&consentement=oui");
        assertThat(listed.statusCode()).isEqualTo(503);
        assertThat(listed.body()).contains("Envoi impossible");
        assertThat(other.statusCode()).isEqualTo(listed.statusCode());
        assertThat(other.body()).isEqualTo(listed.body());
        assertThat(signups("1 = 1")).isZero();
    }

    /**
     * A server that takes the connection but refuses the confirmation (here its recipient): the page cannot differ from
     * a listed address's, to which nothing goes; the failure is the server's business (logged) and the pending sign-up,
     * useless, is removed.
     */
    @Test
    void aConfirmationTheServerRefusesAnswersLikeAListedAddressAndKeepsNothing() throws Exception {
        suppress("listee@exemple.fr");
        try (var server = fr.terrain.mail.smtp.ScriptedSmtpServer.refusing("refusee@exemple.fr")) {
            Files.writeString(home.resolve("mail.properties"), "mail.list=Paris Demain\nmail.from=equipe@parisdemain.fr\n"
                    + "mail.base-url=https://terrain.parisdemain.fr\nmail.signup-notice=inscription-1\nsmtp.host=127.0.0.1\n"
                    + "smtp.port=" + server.port() + "\n", StandardCharsets.UTF_8);
            var listed = form("/inscription", "email=" + enc("listee@exemple.fr") + "&consentement=oui");
            var refused = form("/inscription", "email=" + enc("refusee@exemple.fr") + "&consentement=oui");
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body()).isEqualTo(listed.body());
            // confirmations go one at a time, in order: once the next one is through, the refused one is done with
            assertThat(form("/inscription", "email=" + enc("suivante@exemple.fr") + "&consentement=oui").statusCode())
                    .isEqualTo(200);
            long until = System.nanoTime() + 10_000_000_000L;
            while (server.accepted().isEmpty() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(server.accepted()).containsExactly("suivante@exemple.fr");
            assertThat(signups("email = 'refusee@exemple.fr'")).isZero();
            assertThat(signups("1 = 1")).isEqualTo(1);
        }
    }

    /** The server's log says a confirmation was refused, never to whom: its reply quotes the address (PRIVACY.md). */
    @Test
    void aRefusedConfirmationIsLoggedWithoutTheAddress() throws Exception {
        var log = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        try (var server = fr.terrain.mail.smtp.ScriptedSmtpServer.refusing("refusee@exemple.fr")) {
            Files.writeString(home.resolve("mail.properties"), "mail.list=Paris Demain\nmail.from=equipe@parisdemain.fr\n"
                    + "mail.base-url=https://terrain.parisdemain.fr\nmail.signup-notice=inscription-1\nsmtp.host=127.0.0.1\n"
                    + "smtp.port=" + server.port() + "\n", StandardCharsets.UTF_8);
            System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
            form("/inscription", "email=" + enc("refusee@exemple.fr") + "&consentement=oui");
            form("/inscription", "email=" + enc("suivante@exemple.fr") + "&consentement=oui");
            long until = System.nanoTime() + 10_000_000_000L;
            while (server.accepted().isEmpty() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
        } finally {
            System.setErr(err);
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("confirmation non envoyée").doesNotContain("refusee@")
                .doesNotContain("suivante@");
    }

    @Test
    void withoutASignUpNoticeTheSignUpIsClosedInWordsForThePublic() throws Exception {
        Files.writeString(home.resolve("mail.properties"), "mail.list=Paris Demain\nmail.from=equipe@parisdemain.fr\n",
                StandardCharsets.UTF_8);
        var closed = get("/api/inscription/mention");
        assertThat(closed.statusCode()).isEqualTo(404);
        assertThat(closed.body()).contains("Les inscriptions ne sont pas ouvertes pour le moment.")
                .doesNotContain("mail.signup-notice");
    }

    @Test
    void aOneClickUnsubscribeSuppressesThePersonOnEveryChannel() throws Exception {
        var hasher = HashKeyFile.load(home);
        MailStore.importContacts(store, hasher, "c.csv", "x", SourceDeclaration.parse("regular-contacts", null, null, null),
                null, LocalDate.now(), List.of(new MailStore.NewContact(2, "paul@exemple.fr", "Paul", 11, null, Set.of(),
                        true)), "test");
        long person = MailStore.facts(store, Instant.now()).get(0).personId();
        ConsentLedger.addNotice(store, "sms-1", ConsentChannel.SMS, "SMS de campagne", "test");
        Instant now = Instant.now();
        ConsentLedger.append(store, person, new ConsentEvent(0, ConsentChannel.SMS, ConsentEvent.Kind.GIVEN, now,
                "paper-form", "sms-1", null, "formulaire 12", "test", now), "test");
        Campaign c = MailStore.createCampaign(store, "c", Template.parse("subject: S\n\nCorps"), Segment.parse("all"),
                Optional.empty(), "test");
        var box = MailStore.outbox(store, hasher, c, "h:1:x");
        MailStore.freeze(store, c, box.suppression(), "parisdemain.fr", Instant.now(), "test");
        OutboxEntry row = box.claim(c.id(), 1, "w", Instant.now()).get(0);
        String token = UnsubscribeToken.of(hasher, row.id());
        // both pages name the list the person leaves (they said « de notre part » only: which list, of so many?)
        assertThat(get("/desinscription?t=" + token).body()).contains("Confirmer la désinscription")
                .contains("aucun message de Paris Demain (Association de financement Paris Demain)");
        assertThat(form("/desinscription?t=" + row.id() + ".00000000000000000000000000000000", "List-Unsubscribe=One-Click")
                .statusCode()).isEqualTo(404);
        long before = SuppressionList.size(store);
        var done = form("/desinscription?t=" + token, "List-Unsubscribe=One-Click");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Vous ne recevrez plus aucun message de Paris Demain (Association de financement"
                + " Paris Demain)");
        assertThat(SuppressionList.size(store)).isGreaterThan(before);
        ConsentHistory h = ConsentLedger.history(store, person);
        assertThat(h.stateOf(ConsentChannel.SMS, Instant.now().plusSeconds(1)).status())
                .isEqualTo(ConsentHistory.Status.WITHDRAWN);
        assertThat(h.events()).anyMatch(e -> e.method().equals("unsubscribe"));
        // no later campaign reaches them
        Campaign next = MailStore.createCampaign(store, "d", Template.parse("subject: S\n\nCorps"), Segment.parse("all"),
                Optional.empty(), "test");
        assertThat(MailStore.freeze(store, next, MailStore.outbox(store, hasher, next, "h:1:y").suppression(),
                "parisdemain.fr", Instant.now(), "test").recipients()).isZero();
    }

    @Test
    void anUnsubscribeLinkOfAMessageAlreadySentStillWorksAndAnAlteredOneChangesNothing() throws Exception {
        var hasher = HashKeyFile.load(home);
        MailStore.importContacts(store, hasher, "c.csv", "x", SourceDeclaration.parse("regular-contacts", null, null, null),
                null, LocalDate.now(), List.of(new MailStore.NewContact(2, "paul@exemple.fr", "Paul", 11, null, Set.of(),
                        true), new MailStore.NewContact(3, "lea@exemple.fr", "Léa", 12, null, Set.of(), true)), "test");
        Campaign c = MailStore.createCampaign(store, "c", Template.parse("subject: S\n\nCorps"), Segment.parse("all"),
                Optional.empty(), "test");
        var box = MailStore.outbox(store, hasher, c, "h:1:x");
        MailStore.freeze(store, c, box.suppression(), "parisdemain.fr", Instant.now(), "test");
        List<OutboxEntry> rows = box.claim(c.id(), 2, "w", Instant.now());
        // the first row's link as messages carried it before docs/adr/0031 (built by hand: OldTokens)
        String old = fr.terrain.mail.OldTokens.unsubscribe(hasher, rows.get(0).id());
        String current = UnsubscribeToken.of(hasher, rows.get(1).id());
        long before = SuppressionList.size(store);
        for (int i = 0; i < current.length(); i += 7) {
            String altered = fr.terrain.mail.OldTokens.withOneCharacterChanged(current, i, i);
            assertThat(get("/desinscription?t=" + altered).statusCode()).as(altered).isEqualTo(404);
            var refused = form("/desinscription?t=" + altered, "List-Unsubscribe=One-Click");
            assertThat(refused.statusCode()).isEqualTo(404);
            assertThat(refused.body()).contains("Lien invalide").contains("Ce lien de désinscription").doesNotContain("Exception");
        }
        assertThat(SuppressionList.size(store)).isEqualTo(before);
        assertThat(get("/desinscription?t=" + old).body()).contains("Confirmer la désinscription");
        assertThat(form("/desinscription?t=" + old, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
        long afterOld = SuppressionList.size(store);
        assertThat(afterOld).isGreaterThan(before);
        assertThat(form("/desinscription?t=" + current, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
        assertThat(SuppressionList.size(store)).isGreaterThan(afterOld);
    }

    HttpResponse<String> testSend(AccountRecord user, String to) throws Exception {
        TestAccounts.Session s = TestAccounts.session(store, user);
        String body = Json.write(java.util.Map.of("to", to, "segment", "all", "template",
                "subject: Objet {{first_name}}\n\nBonjour {{first_name}},"));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/campaigns/test"))
                .header("Cookie", s.header()).header(Gate.CSRF_HEADER, s.csrf()).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A campaign saved with a send time already gone is refused: it would read « programmée » and never go. */
    @Test
    void aSendTimeAlreadyGoneIsRefused() throws Exception {
        TestAccounts.Session s = TestAccounts.session(store, TestAccounts.user(store, "dir", Role.DIRECTOR));
        java.util.function.Function<String, HttpResponse<String>> save = at -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/campaigns"))
                        .header("Cookie", s.header()).header(Gate.CSRF_HEADER, s.csrf())
                        .header("Content-Type", "application/json").header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(java.util.Map.of("name", "appel", "segment",
                                "all", "template", "subject: Objet\n\nBonjour,", "at", at)))).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        HttpResponse<String> past = save.apply("10/03/2026 18:00");
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(past.body()).contains("heure d'envoi passée (10/03/2026 18:00, heure de Paris)");
        assertThat(fr.terrain.store.MailStore.campaign(store, "appel")).isEmpty();
        String coming = java.time.LocalDate.now(fr.terrain.mail.Schedule.PARIS).plusDays(7) + " 18:00";
        HttpResponse<String> ahead = save.apply(coming);
        assertThat(ahead.statusCode()).as(ahead.body()).isEqualTo(200);
        assertThat(ahead.body()).contains(coming);
    }

    /**
     * The editor's test send honours the suppression list like every other path: a person who objected or unsubscribed
     * gets no campaign message, not even a test typed with their address (it went, « [TEST] » and all).
     */
    @Test
    void aTestSendToAnAddressOnTheSuppressionListIsRefused() throws Exception {
        AccountRecord director = TestAccounts.user(store, "dir", Role.DIRECTOR);
        SuppressionList.addIdentifiers(store, HashKeyFile.load(home), List.of(fr.terrain.privacy.Identifiers.emailOf(
                "oppose@exemple.fr")), SuppressionList.Reason.OBJECTION, "letter", "test");
        var refused = testSend(director, "Oppose@Exemple.fr");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("liste d'opposition");
        var sent = testSend(director, "directrice@parisdemain.fr");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(smtp.waitForIncomingEmail(1_000, 2)).isFalse();
        assertThat(smtp.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("directrice@parisdemain.fr");
        assertThat(smtp.getReceivedMessages()[0].getSubject()).startsWith("[TEST] Objet");
    }

    HttpResponse<String> api(AccountRecord user, String path) throws Exception {
        TestAccounts.Session s = TestAccounts.session(store, user);
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Cookie", s.header()).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void organizersSeeTheCountsOfTheirSectorsOnly() throws Exception {
        var hasher = HashKeyFile.load(home);
        MailStore.importContacts(store, hasher, "c.csv", "x", SourceDeclaration.parse("regular-contacts", null, null, null),
                null, LocalDate.now(), List.of(new MailStore.NewContact(2, "a@exemple.fr", "A", 11, null, Set.of(), true),
                        new MailStore.NewContact(3, "b@exemple.fr", "B", 12, null, Set.of(), true),
                        new MailStore.NewContact(4, "c@exemple.fr", "C", 12, null, Set.of(), true)), "test");
        Campaign c = MailStore.createCampaign(store, "c", Template.parse("subject: S\n\nCorps"), Segment.parse("all"),
                Optional.empty(), "test");
        MailStore.freeze(store, c, id -> false, "parisdemain.fr", Instant.now(), "test");
        AccountRecord organizer = TestAccounts.user(store, "org", Role.ORGANIZER, 12);
        AccountRecord analyst = TestAccounts.user(store, "ana", Role.ANALYST);
        assertThat(api(organizer, "/api/campaigns").body()).contains("\"recipients\" : 2").contains("\"canEdit\" : false")
                .contains("\"scope\" : \"secteurs 12e\""); // not « secteurs [12] »
        assertThat(api(analyst, "/api/campaigns/c/progress").body()).contains("\"recipients\" : 3");
        assertThat(api(analyst, "/api/campaigns").body()).doesNotContain("exemple.fr");
    }

    /** ADR 0033: a commune's contacts are counted for its organizers, and for no organizer of another sector. */
    @Test
    void anOrganizerOfACommuneSeesTheCountsOfItsContactsAndOneOfTheTwelfthNone() throws Exception {
        var hasher = HashKeyFile.load(home);
        MailStore.importContacts(store, hasher, "c.csv", "x", SourceDeclaration.parse("regular-contacts", null, null, null),
                null, LocalDate.now(), List.of(new MailStore.NewContact(2, "a@exemple.fr", "A", 29039, "29039-3", Set.of(),
                        true), new MailStore.NewContact(3, "b@exemple.fr", "B", 29039, null, Set.of(), true),
                        new MailStore.NewContact(4, "c@exemple.fr", "C", 12, "12-7", Set.of(), true)), "test");
        Campaign c = MailStore.createCampaign(store, "c", Template.parse("subject: S\n\nCorps"), Segment.parse("all"),
                Optional.empty(), "test");
        MailStore.freeze(store, c, id -> false, "parisdemain.fr", Instant.now(), "test");
        var concarneau = Json.MAPPER.readTree(api(TestAccounts.user(store, "conc", Role.ORGANIZER, 29039),
                "/api/campaigns/c/progress").body());
        var twelfth = Json.MAPPER.readTree(api(TestAccounts.user(store, "douze", Role.ORGANIZER, 12),
                "/api/campaigns/c/progress").body());
        var elsewhere = Json.MAPPER.readTree(api(TestAccounts.user(store, "ailleurs", Role.ORGANIZER, 29040),
                "/api/campaigns/c/progress").body());
        assertThat(concarneau.get("recipients").asInt()).isEqualTo(2);
        assertThat(concarneau.get("states").get("pending").asInt()).isEqualTo(2);
        assertThat(twelfth.get("recipients").asInt()).isEqualTo(1);
        assertThat(elsewhere.get("recipients").asInt()).isZero();
    }

    void station(String code) {
        var s = fr.terrain.election.StationCode.parse(code);
        store.jdbi().useHandle(h -> h.createUpdate("INSERT INTO station (vintage, code, arrondissement, bureau_number)"
                + " VALUES (2022, :c, :a, :n)").bind("c", code).bind("a", s.area()).bind("n", s.number()).execute());
    }

    /**
     * ADR 0033: where the store holds a commune's stations, the sign-up page offers the sectors that have stations, named
     * (Concarneau by the BAN), and files the visitor under the one chosen; what it does not offer is refused by name.
     * With Paris's stations only, the page keeps its arrondissement number (1 to 20).
     */
    @Test
    void theSignUpPageOffersTheCommunesThatHaveStationsAndFilesTheVisitorThere() throws Exception {
        station("12-7");
        assertThat(Json.MAPPER.readTree(get("/api/inscription/mention").body()).get("sectors")).isEmpty();
        assertThat(form("/inscription", "email=" + enc("lea@exemple.fr") + "&secteur=21&consentement=oui").body())
                .contains("Arrondissement : indiquez un numéro de 1 à 20");

        station("29039-1");
        station("29039-2");
        station("29046-1");
        station("01001-1"); // L'Abergement-Clémenciat: a code with a leading zero, sent by the list as 1001
        FieldFixtures.banAddress(store, "29039_0001_00001", 1, "Rue Vauban", "29039", "Concarneau", -3.9, 47.9);
        var offered = Json.MAPPER.readTree(get("/api/inscription/mention").body()).get("sectors");
        assertThat(offered).hasSize(4);
        assertThat(offered.get(0).get("sector").asInt()).isEqualTo(12);
        assertThat(offered.get(0).get("name").asText()).isEqualTo("12e arrondissement");
        assertThat(offered.get(1).get("sector").asInt()).isEqualTo(1001);
        assertThat(offered.get(1).get("name").asText()).isEqualTo("commune 01001");
        assertThat(offered.get(2).get("sector").asInt()).isEqualTo(29039);
        assertThat(offered.get(2).get("name").asText()).isEqualTo("Concarneau (29039)");
        assertThat(offered.get(3).get("name").asText()).isEqualTo("commune 29046");

        for (String typed : List.of("13", "29040", "75112", "douze")) {
            var refused = form("/inscription", "email=" + enc("lea@exemple.fr") + "&secteur=" + enc(typed)
                    + "&consentement=oui");
            assertThat(refused.statusCode()).as(typed).isEqualTo(400);
            assertThat(refused.body()).as(typed).contains("Commune ou arrondissement invalide").contains("Commune ou arrondissement :"
                    + " choisissez dans la liste (vous avez saisi « " + typed + " »), ou laissez le champ vide.");
        }
        assertThat(signups("1 = 1")).isZero();
        assertThat(form("/inscription", "email=" + enc("lea@exemple.fr") + "&secteur=29039&consentement=oui").statusCode())
                .isEqualTo(200);
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue(); // stored, then sent, after the reply
        assertThat(signups("sector = 29039")).isEqualTo(1);
        assertThat(signups("1 = 1")).isEqualTo(1);
        // the list's value for 01001, as inscription.js sends it (String(s.sector))
        assertThat(form("/inscription", "email=" + enc("paul@exemple.fr") + "&secteur=1001&consentement=oui").statusCode())
                .isEqualTo(200);
        assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
        assertThat(signups("sector = 1001")).isEqualTo(1);
    }

    @Test
    void aSignedInVisitorCanUseThePublicFormsWithoutTheSessionsCsrfTokenButNotTheSessionRoutes() throws Exception {
        AccountRecord organizer = TestAccounts.user(store, "org", Role.ORGANIZER, 20);
        TestAccounts.Session s = TestAccounts.session(store, organizer);
        java.util.function.BiFunction<String, String, HttpResponse<String>> signedIn = (path, body) -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                        .header("Cookie", s.header()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        // the sign-up form acts on what the visitor typed, not with the organizer's rights: no session token needed
        var asked = signedIn.apply("/inscription", "email=" + enc("zoe@exemple.fr") + "&consentement=oui");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        // a route that acts with the session's rights still refuses a change without it
        var campaign = signedIn.apply("/api/campaigns", "name=x");
        assertThat(campaign.statusCode()).isEqualTo(403);
        assertThat(campaign.body()).contains("jeton CSRF");
    }
}
