package fr.terrain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.account.Secrets;
import fr.terrain.mail.Bounce;
import fr.terrain.mail.Campaign;
import fr.terrain.mail.CheckedRecipient;
import fr.terrain.mail.ContactFacts;
import fr.terrain.mail.OutboxEntry;
import fr.terrain.mail.OutboxState;
import fr.terrain.mail.Segment;
import fr.terrain.mail.Template;
import fr.terrain.privacy.ConsentChannel;
import fr.terrain.privacy.ConsentEvent;
import fr.terrain.privacy.ConsentHistory;
import fr.terrain.privacy.IdentifierHasher;
import fr.terrain.privacy.Identifiers;
import fr.terrain.privacy.SourceDeclaration;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** E-mail contacts, the outbox's states and recovery, bounces, unsubscribes and sign-ups, on every database. */
abstract class MailStoreContract {
    @TempDir
    Path tmp;

    Store store;
    IdentifierHasher hasher;

    abstract Store newStore(Path tmp);

    void release(Store s) {
        s.close();
    }

    @BeforeEach
    void open() {
        store = newStore(tmp);
        hasher = new IdentifierHasher(new byte[32]);
    }

    @AfterEach
    void close() {
        release(store);
    }

    static MailStore.NewContact contact(int line, String email, boolean yes) {
        return new MailStore.NewContact(line, email, "P" + line, 11, null, Set.of(), yes);
    }

    MailStore.ImportResult importRegular(List<MailStore.NewContact> rows) {
        return MailStore.importContacts(store, hasher, "contacts.csv", "abc", SourceDeclaration.parse("regular-contacts",
                "sympathisants", null, null), null, LocalDate.of(2026, 1, 12), rows, "test");
    }

    long suppressedCount() {
        return SuppressionList.size(store);
    }

    @Test
    void anImportRefusesSuppressedAddressesAndRecordsRegularContactsWithoutInventingConsent() {
        SuppressionList.addIdentifiers(store, hasher, List.of(Identifiers.emailOf("oppose@exemple.fr")),
                SuppressionList.Reason.OBJECTION, "letter", "test");
        var r = importRegular(List.of(contact(2, "a@exemple.fr", true), contact(3, "OPPOSE@exemple.fr", true),
                contact(4, "b@exemple.fr", false)));
        assertThat(r.stored()).isEqualTo(2);
        assertThat(r.refusedSuppressed()).isEqualTo(1);
        assertThat(r.regularContacts()).isEqualTo(1);
        assertThat(r.consentsRecorded()).isZero();
        long events = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM consent_event").mapTo(Long.class).one());
        assertThat(events).isZero();
        List<ContactFacts> facts = MailStore.facts(store, Instant.now());
        assertThat(facts).extracting(ContactFacts::email).containsExactly("a@exemple.fr", "b@exemple.fr");
        assertThat(facts.get(0).origin().text()).contains("contacts réguliers, fournie par sympathisants")
                .contains("12 janvier 2026").contains("contacts.csv");
        // a second import of the same address changes nothing
        assertThat(importRegular(List.of(contact(2, "a@exemple.fr", true))).alreadyKnown()).isEqualTo(1);
    }

    /**
     * The origin every message carries names the import's day in French and in Paris time: it said
     * « importé le 2026-01-14 » (ISO, and the UTC day: an import at 00:30 in Paris on 15 January is 23:30 UTC on the 14th).
     */
    @Test
    void theOriginNamesTheImportDayInFrenchAndInParisTime() {
        var r = importRegular(List.of(contact(2, "a@exemple.fr", true)));
        // 2026-01-14 23:30 UTC is 2026-01-15 00:30 in Paris (UTC+1 in winter): worked out by hand
        store.jdbi().useHandle(h -> h.createUpdate("UPDATE import_log SET started_at = :t WHERE id = :i")
                .bind("t", java.time.LocalDateTime.of(2026, 1, 14, 23, 30)).bind("i", r.importId()).execute());
        String origin = MailStore.facts(store, Instant.now()).get(0).origin().text();
        assertThat(origin).isEqualTo("contacts réguliers, fournie par sympathisants, recueillie le 12 janvier 2026"
                + " (fichier « contacts.csv » importé le 15 janvier 2026, import n° " + r.importId() + ")");
    }

    @Test
    void aConsentFromAnotherSourceCitesItsNoticeAndTheLine() {
        List<MailStore.NewContact> rows = List.of(contact(2, "c@exemple.fr", true));
        var collected = SourceDeclaration.parse("campaign-collected", null, null, null);
        assertThatThrownBy(() -> MailStore.importContacts(store, hasher, "f.csv", "x", collected, null, LocalDate.now(), rows,
                "test")).hasMessageContaining("--notice");
        ConsentLedger.addNotice(store, "email-2026-01", ConsentChannel.EMAIL, "Vos données servent à…", "test");
        var r = MailStore.importContacts(store, hasher, "f.csv", "x", collected, "email-2026-01", LocalDate.of(2026, 1, 5),
                rows, "test");
        assertThat(r.consentsRecorded()).isEqualTo(1);
        long person = MailStore.facts(store, Instant.now()).get(0).personId();
        ConsentEvent e = ConsentLedger.history(store, person).events().get(0);
        assertThat(e.noticeVersion()).isEqualTo("email-2026-01");
        assertThat(e.evidence()).contains("f.csv ligne 2");
        var commercial = SourceDeclaration.parse("commercial-with-consent", "Loueur", "loueur@x.fr", "sms");
        assertThatThrownBy(() -> MailStore.importContacts(store, hasher, "g.csv", "y", commercial, "email-2026-01",
                LocalDate.now(), List.of(contact(2, "d@exemple.fr", true)), "test")).hasMessageContaining("ne couvre pas le courriel");
        // an unknown notice names the command that registers one as it is typed (it said « terrain consent notice add »,
        // which does not exist: the version is the command's argument)
        assertThatThrownBy(() -> MailStore.importContacts(store, hasher, "i.csv", "w", collected, "email-inconnue",
                LocalDate.now(), List.of(contact(2, "f@exemple.fr", true)), "test"))
                .hasMessageContaining("mention inconnue : email-inconnue")
                .hasMessageContaining("terrain consent notice email-inconnue --channel email --file FICHIER")
                .hasMessageNotContaining("notice add");
        var members = SourceDeclaration.parse("electoral-list", "préfecture", null, null);
        assertThatThrownBy(() -> MailStore.importContacts(store, hasher, "h.csv", "z", members, null, LocalDate.now(),
                List.of(contact(2, "e@exemple.fr", false)), "test")).hasMessageContaining("regular-contacts");
    }

    /** Rows in the tables an import writes to. */
    Map<String, Long> importTables() {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (String t : List.of("person", "person_contact", "mail_contact", "consent_event", "import_log", "audit_entry")) {
            out.put(t, store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + t).mapTo(Long.class).one()));
        }
        return out;
    }

    @Test
    void aLargeImportTiesEachAddressToItsOwnPersonAndConsentAcrossBatches() {
        ConsentLedger.addNotice(store, "email-2026-01", ConsentChannel.EMAIL, "Vos données servent à…", "test");
        int n = 2_345;
        List<MailStore.NewContact> rows = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new MailStore.NewContact(i + 2, "n" + i + "@exemple.fr", "Prénom" + i, 1 + i % 20, null, Set.of(),
                    i % 3 == 0));
        }
        var r = MailStore.importContacts(store, hasher, "gros.csv", "x", SourceDeclaration.parse("campaign-collected",
                null, null, null), "email-2026-01", LocalDate.of(2026, 1, 5), rows, "test");
        assertThat(r.stored()).isEqualTo(n);
        assertThat(r.consentsRecorded()).isEqualTo((n + 2) / 3);
        // every contact's person, address and ledger line belong together: "nI" is Prénom I, file line I + 2
        record Joined(String email, String mailFirst, String personFirst, String contactValue, String evidence) {}
        List<Joined> joined = store.jdbi().withHandle(h -> h.createQuery("SELECT mc.email, mc.first_name, p.first_names,"
                        + " pc.contact_value, ce.evidence FROM mail_contact mc JOIN person p ON p.id = mc.person_id"
                        + " JOIN person_contact pc ON pc.id = mc.contact_id AND pc.person_id = mc.person_id"
                        + " LEFT JOIN consent_event ce ON ce.person_id = mc.person_id")
                .map((rs, ctx) -> new Joined(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).list());
        assertThat(joined).hasSize(n);
        for (Joined j : joined) {
            int i = Integer.parseInt(j.email().substring(1, j.email().indexOf('@')));
            assertThat(j.mailFirst()).isEqualTo("Prénom" + i);
            assertThat(j.personFirst()).isEqualTo("Prénom" + i);
            assertThat(j.contactValue()).isEqualTo(j.email());
            if (i % 3 == 0) {
                assertThat(j.evidence()).endsWith("gros.csv ligne " + (i + 2) + " (campaign-collected)");
            } else {
                assertThat(j.evidence()).isNull();
            }
        }
    }

    @Test
    void anImportFailingOnItsLastRowLeavesTheStoreUnchanged() {
        importRegular(List.of(contact(2, "avant@exemple.fr", true)));
        Map<String, Long> before = importTables();
        List<MailStore.NewContact> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            rows.add(contact(i + 2, "l" + i + "@exemple.fr", true));
        }
        // past the reader's checks (a caller's bug): the station code is longer than its column
        rows.add(new MailStore.NewContact(1_502, "dernier@exemple.fr", "Zoé", 11, "7".repeat(40), Set.of(), true));
        assertThatThrownBy(() -> importRegular(rows)).isNotNull();
        assertThat(importTables()).isEqualTo(before);
        assertThat(MailStore.facts(store, Instant.now())).extracting(ContactFacts::email).containsExactly("avant@exemple.fr");
    }

    /** Past the reader and the sign-up form (a caller's bug): the store refuses what is no sector, too. */
    @Test
    void theStoreRefusesWhatIsNoSectorAndWritesNothing() {
        Map<String, Long> before = importTables();
        assertThatThrownBy(() -> importRegular(List.of(new MailStore.NewContact(2, "a@exemple.fr", "A", 100, null, Set.of(),
                true)))).hasMessageContaining("secteur invalide : 100");
        assertThatThrownBy(() -> MailStore.addSignup(store, "h".repeat(64), "a@exemple.fr", "A", 0, Set.of(), "n-1",
                Instant.now(), Instant.now().plusSeconds(60))).hasMessageContaining("secteur invalide : 0");
        assertThat(importTables()).isEqualTo(before);
        long signups = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mail_signup").mapTo(Long.class).one());
        assertThat(signups).isZero();
    }

    static long total(Map<OutboxState, Long> states) {
        return states.values().stream().mapToLong(Long::longValue).sum();
    }

    List<String> outboxOf(Campaign c) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT email FROM mail_outbox WHERE campaign_id = :c ORDER BY email")
                .bind("c", c.id()).mapTo(String.class).list());
    }

    /**
     * ADR 0033: a commune's contacts (sector 29039, a station 29039-3) are stored, a {@code sector:29039} segment
     * selects them and no one else, and what an organizer is shown of a send counts its own sectors' recipients only:
     * an organizer of 29039 its two, one of the 12th none of them.
     */
    @Test
    void aCommunesContactsAreSelectedByItsSectorAndCountedForItsOrganizersOnly() {
        importRegular(List.of(new MailStore.NewContact(2, "ana@exemple.fr", "Ana", 29039, "29039-3", Set.of(), true),
                new MailStore.NewContact(3, "bo@exemple.fr", "Bo", 29039, null, Set.of(), true),
                new MailStore.NewContact(4, "cy@exemple.fr", "Cy", 12, "12-7", Set.of(), true),
                new MailStore.NewContact(5, "di@exemple.fr", "Di", 29040, null, Set.of(), true),
                new MailStore.NewContact(6, "ed@exemple.fr", "Ed", null, null, Set.of(), true)));
        assertThat(MailStore.facts(store, Instant.now())).filteredOn(f -> "ana@exemple.fr".equals(f.email()))
                .singleElement().satisfies(f -> {
                    assertThat(f.sector()).isEqualTo(29039);
                    assertThat(f.stationCode()).isEqualTo("29039-3");
                });
        Campaign concarneau = MailStore.createCampaign(store, "concarneau", Template.parse("subject: S\n\nCorps"),
                Segment.parse("sector:29039"), Optional.empty(), "test");
        Campaign everyone = campaign("tous");
        assertThat(MailStore.freeze(store, concarneau, id -> false, "parisdemain.fr", Instant.now(), "test").recipients())
                .isEqualTo(2);
        MailStore.freeze(store, everyone, id -> false, "parisdemain.fr", Instant.now(), "test");
        assertThat(outboxOf(concarneau)).containsExactly("ana@exemple.fr", "bo@exemple.fr");
        assertThat(outboxOf(everyone)).hasSize(5);

        assertThat(MailStore.statesIn(store, concarneau.id(), Set.of(29039))).containsEntry(OutboxState.PENDING, 2L);
        assertThat(total(MailStore.statesIn(store, concarneau.id(), Set.of(12)))).isZero();
        assertThat(total(MailStore.statesIn(store, everyone.id(), Set.of(29039)))).isEqualTo(2);
        assertThat(total(MailStore.statesIn(store, everyone.id(), Set.of(12)))).isEqualTo(1);
        // a contact without a sector is in no organizer's
        assertThat(total(MailStore.statesIn(store, everyone.id(), Set.of(12, 29039, 29040)))).isEqualTo(4);
        assertThat(total(MailStore.statesIn(store, everyone.id(), Set.of()))).isZero();
    }

    Campaign campaign(String name) {
        return MailStore.createCampaign(store, name, Template.parse("subject: S\n\nCorps"), Segment.parse("all"),
                Optional.empty(), "test");
    }

    /**
     * A campaign frozen with no recipient (an A/B test's winner when the whole segment was in the sample) is frozen:
     * sending it later must not freeze the whole segment again (everyone got their variant, then the winner).
     */
    @Test
    void aCampaignFrozenEmptyIsNotFrozenAgain() {
        importRegular(List.of(contact(2, "a@exemple.fr", true), contact(3, "b@exemple.fr", true)));
        Campaign c = campaign("gagnant");
        store.jdbi().useHandle(h -> h.createUpdate("UPDATE mail_campaign SET status = 'sending', started_at = :t WHERE id = :id")
                .bind("t", java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)).bind("id", c.id()).execute());
        var box = MailStore.outbox(store, hasher, c, "host:1:a");
        assertThat(MailStore.freeze(store, c, box.suppression(), "parisdemain.fr", Instant.now(), "test").recipients())
                .isZero();
        assertThat(MailStore.states(store, c.id()).values().stream().mapToLong(Long::longValue).sum()).isZero();
    }

    /**
     * Regulation (EU) 2024/900, art. 19's record (V26): the consent to targeting the campaign declared at its first send
     * stays, whatever is declared at a resumed send or afterwards; before any send the setting as it is now stands.
     */
    @Test
    void theConsentToTargetingDeclaredAtTheFirstSendIsKept() {
        Campaign c = campaign("relance");
        assertThat(CampaignTargeting.of(store, c, Optional.of("formulaire v2"))).satisfies(t -> {
            assertThat(t.consent()).isEqualTo("formulaire v2");
            assertThat(t.recordedAtSend()).isFalse();
        });
        CampaignTargeting.recordAtSend(store, c, Optional.empty());
        CampaignTargeting.recordAtSend(store, c, Optional.of("formulaire v3"));
        assertThat(CampaignTargeting.of(store, c, Optional.of("formulaire v3"))).satisfies(t -> {
            assertThat(t.consent()).as("nothing was declared when it went out").isEmpty();
            assertThat(t.recordedAtSend()).isTrue();
        });
    }

    @Test
    void theOutboxClaimsOnceAndARestartRequeuesWhatNeverLeftAndKeepsWhatWasCommitted() {
        importRegular(List.of(contact(2, "a@exemple.fr", true), contact(3, "b@exemple.fr", true),
                contact(4, "c@exemple.fr", true), contact(5, "d@exemple.fr", false)));
        Campaign c = campaign("c1");
        var box = MailStore.outbox(store, hasher, c, "host:1:a");
        box.acquire(Duration.ofMinutes(1));
        var freeze = MailStore.freeze(store, c, box.suppression(), "parisdemain.fr", Instant.now(), "test");
        assertThat(freeze.recipients()).isEqualTo(3);
        assertThat(freeze.refused()).containsEntry(CheckedRecipient.Refusal.NO_CONSENT, 1);
        // the audit log says it in words, not as a Java map « {NO_CONSENT=1} »
        assertThat(AuditLog.all(store)).filteredOn(e -> e.action().equals("campaign.freeze")).extracting(e -> e.detail())
                .containsExactly("3 destinataire(s), 0 écarté(s) (opposition, adresse invalide), refus : 1 ni consentement"
                        + " au courriel ni contact régulier");
        // freezing again (a resumed send) writes nothing more
        assertThat(MailStore.freeze(store, c, box.suppression(), "parisdemain.fr", Instant.now(), "test").recipients())
                .isEqualTo(3);
        List<OutboxEntry> first = box.claim(c.id(), 2, "w", Instant.now());
        List<OutboxEntry> second = box.claim(c.id(), 5, "w", Instant.now());
        assertThat(first).hasSize(2);
        assertThat(second).hasSize(1);
        assertThat(box.claim(c.id(), 5, "w", Instant.now())).isEmpty();
        // random, naming no campaign nor row (docs/adr/0031)
        assertThat(first.get(0).messageId()).matches("<[0-9a-f-]{36}@parisdemain\\.fr>");
        box.committed(first.get(0).id());
        box.sent(first.get(0).id(), Instant.now());
        box.committed(first.get(1).id());
        // the process dies here: first(1) committed, second(0) sending
        var r = MailStore.outbox(store, hasher, c, "host:2:b").recover(c.id());
        assertThat(r.sendingRequeued()).isEqualTo(1);
        assertThat(r.committedPresumedSent()).isEqualTo(1);
        Map<OutboxState, Long> st = MailStore.states(store, c.id());
        assertThat(st.get(OutboxState.SENT)).isEqualTo(2);
        assertThat(st.get(OutboxState.PENDING)).isEqualTo(1);
        assertThat(box.finishIfDone(c.id(), Instant.now())).isFalse();
        OutboxEntry last = box.claim(c.id(), 5, "w", Instant.now()).get(0);
        assertThat(last.id()).isEqualTo(second.get(0).id());
        assertThat(last.attempts()).isEqualTo(2);
        box.failed(last.id(), false, "451 plus tard", Instant.now().plusSeconds(3600));
        assertThat(box.claim(c.id(), 5, "w", Instant.now())).isEmpty();
        assertThat(box.claim(c.id(), 5, "w", Instant.now().plusSeconds(3601))).hasSize(1);
        box.committed(last.id());
        box.failed(last.id(), true, "550 inconnu", null);
        assertThat(box.finishIfDone(c.id(), Instant.now())).isTrue();
        assertThat(MailStore.campaign(store, "c1").orElseThrow().status()).isEqualTo(Campaign.Status.FINISHED);
    }

    @Test
    void aLiveSenderHoldsTheCampaign() {
        importRegular(List.of(contact(2, "a@exemple.fr", true)));
        Campaign c = campaign("c2");
        String me = host() + ":" + ProcessHandle.current().pid() + ":x";
        MailStore.outbox(store, hasher, c, "remote-host:1:y").acquire(Duration.ofMinutes(1));
        assertThatThrownBy(() -> MailStore.outbox(store, hasher, c, me).acquire(Duration.ofMinutes(1)))
                .hasMessageContaining("en cours d'envoi par remote-host:1:y");
        // a holder on this machine whose process is gone frees the campaign at once
        var dead = MailStore.outbox(store, hasher, c, "x");
        store.jdbi().useHandle(h -> h.createUpdate("UPDATE mail_campaign SET sender = :s").bind("s",
                host() + ":999999999:z").execute());
        MailStore.outbox(store, hasher, c, me).acquire(Duration.ofMinutes(1));
        assertThat(dead).isNotNull();
    }

    static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    @Test
    void aHardBounceMarksTheAddressUndeliverableAndAnUnsubscribeSuppressesEveryChannel() {
        importRegular(List.of(contact(2, "a@exemple.fr", true), contact(3, "b@exemple.fr", true)));
        Campaign c = campaign("c3");
        var box = MailStore.outbox(store, hasher, c, "h:1:a");
        MailStore.freeze(store, c, box.suppression(), "parisdemain.fr", Instant.now(), "test");
        List<OutboxEntry> rows = box.claim(c.id(), 5, "w", Instant.now());
        for (OutboxEntry e : rows) {
            box.committed(e.id());
            box.sent(e.id(), Instant.now());
        }
        box.finishIfDone(c.id(), Instant.now());
        OutboxEntry a = rows.stream().filter(e -> e.email().equals("a@exemple.fr")).findFirst().orElseThrow();
        OutboxEntry b = rows.stream().filter(e -> e.email().equals("b@exemple.fr")).findFirst().orElseThrow();
        var r = MailStore.applyBounces(store, List.of(new Bounce(Optional.of(a.messageId()), "a@exemple.fr", "failed",
                "5.1.1", "550 user unknown"), new Bounce(Optional.empty(), "inconnu@ailleurs.fr", "failed", "5.1.1", null)),
                "test");
        assertThat(r.matched()).isEqualTo(1);
        assertThat(r.hard()).isEqualTo(1);
        assertThat(MailStore.states(store, c.id()).get(OutboxState.BOUNCED)).isEqualTo(1);
        // b unsubscribes with the link of its message: suppressed on every channel
        long before = suppressedCount();
        MailStore.unsubscribe(store, hasher, b.id(), "one-click");
        assertThat(suppressedCount()).isGreaterThan(before);
        Campaign next = campaign("c4");
        var freeze = MailStore.freeze(store, next, MailStore.outbox(store, hasher, next, "h:1:b").suppression(),
                "parisdemain.fr", Instant.now(), "test");
        assertThat(freeze.recipients()).isZero();
        assertThat(freeze.refused()).containsEntry(CheckedRecipient.Refusal.UNDELIVERABLE, 1)
                .containsEntry(CheckedRecipient.Refusal.SUPPRESSED, 1);
    }

    /** A report without the Message-ID names the address as the server was given it: an A-label domain, upper case. */
    @Test
    void aBounceNamingAnALabelDomainFindsTheRowOfItsLetters() {
        importRegular(List.of(contact(2, "Ana@Exemple-É.fr", true)));
        Campaign c = campaign("idn");
        var box = MailStore.outbox(store, hasher, c, "h:1:a");
        MailStore.freeze(store, c, box.suppression(), "parisdemain.fr", Instant.now(), "test");
        OutboxEntry row = box.claim(c.id(), 5, "w", Instant.now()).get(0);
        assertThat(row.email()).isEqualTo("ana@exemple-é.fr");
        box.committed(row.id());
        box.sent(row.id(), Instant.now());
        var r = MailStore.applyBounces(store, List.of(new Bounce(Optional.empty(), "ANA@XN--EXEMPLE--I1A.FR", "failed",
                "5.1.1", "550 user unknown")), "test");
        assertThat(r.matched()).isEqualTo(1);
        assertThat(MailStore.states(store, c.id()).get(OutboxState.BOUNCED)).isEqualTo(1);
    }

    /**
     * A person whose processing is restricted (art. 18) who signs up again: the consent is recorded, the restriction
     * holds, and the page must not promise messages that will not come.
     */
    @Test
    void aRestrictedContactsSignUpIsRecordedButSaidToWaitForTheRestrictionsEnd() {
        ConsentLedger.addNotice(store, "inscription-1", ConsentChannel.EMAIL, "Mention du formulaire", "test");
        MailFixture.Sent sent = MailFixture.campaign(store, "lim", 1);
        long person = sent.persons().get(0);
        RightsRequests.add(store, fr.terrain.privacy.RightsRequest.Kind.RESTRICTION, person, java.time.LocalDate.now(),
                "letter", "test");
        Instant now = Instant.now();
        MailStore.addSignup(store, Secrets.sha256("limite"), "lim.0@example.org", "Léa", 20, Set.of(), "inscription-1",
                now, now.plus(Duration.ofHours(48)));
        assertThat(MailStore.confirmSignup(store, hasher, Secrets.sha256("limite"), now.plusSeconds(5)))
                .isEqualTo(MailStore.Confirmation.RESTRICTED);
        ContactFacts f = MailStore.facts(store, now.plusSeconds(6)).get(0);
        assertThat(f.emailConsent()).isEqualTo(ConsentHistory.Status.GIVEN);
        assertThat(f.restricted()).isTrue();
    }

    /** A sign-up confirmed at 00:30 in Paris on 15 January (23:30 UTC on the 14th) was collected on the 15th. */
    @Test
    void aSignUpConfirmedJustAfterMidnightInParisIsCollectedThatDay() {
        ConsentLedger.addNotice(store, "inscription-1", ConsentChannel.EMAIL, "Mention du formulaire", "test");
        Instant asked = Instant.parse("2026-01-14T23:20:00Z");
        Instant confirmed = Instant.parse("2026-01-14T23:30:00Z"); // 00:30 on the 15th in Paris (UTC+1), by hand
        MailStore.addSignup(store, Secrets.sha256("minuit"), "minuit@exemple.fr", "Léa", null, Set.of(), "inscription-1",
                asked, asked.plus(Duration.ofHours(48)));
        assertThat(MailStore.confirmSignup(store, hasher, Secrets.sha256("minuit"), confirmed))
                .isEqualTo(MailStore.Confirmation.CONFIRMED);
        ContactFacts f = MailStore.facts(store, confirmed.plusSeconds(1)).get(0);
        assertThat(f.origin().collectedOn()).isEqualTo(LocalDate.of(2026, 1, 15));
        assertThat(f.origin().text()).isEqualTo("collecté par la campagne, recueillie le 15 janvier 2026"
                + " (formulaire d'inscription du site, confirmé par courriel le 15 janvier 2026)");
    }

    @Test
    void aSignUpCountsOnlyOnceConfirmedAndBeforeItExpires() {
        ConsentLedger.addNotice(store, "inscription-1", ConsentChannel.EMAIL, "Mention du formulaire", "test");
        Instant now = Instant.now();
        MailStore.addSignup(store, Secrets.sha256("jeton"), "Nouvelle@Exemple.fr", "Léa", 20, Set.of("écoles"),
                "inscription-1", now, now.plus(Duration.ofHours(48)));
        assertThat(MailStore.facts(store, now)).isEmpty();
        String stored = store.jdbi().withHandle(h -> h.createQuery("SELECT token_hash FROM mail_signup").mapTo(String.class).one());
        assertThat(stored).isEqualTo(Secrets.sha256("jeton")).doesNotContain("jeton");
        assertThat(MailStore.confirmSignup(store, hasher, Secrets.sha256("autre"), now))
                .isEqualTo(MailStore.Confirmation.UNKNOWN_OR_EXPIRED);
        assertThat(MailStore.confirmSignup(store, hasher, Secrets.sha256("jeton"), now.plusSeconds(60)))
                .isEqualTo(MailStore.Confirmation.CONFIRMED);
        ContactFacts f = MailStore.facts(store, now.plusSeconds(61)).get(0);
        assertThat(f.email()).isEqualTo("nouvelle@exemple.fr");
        assertThat(f.emailConsent()).isEqualTo(ConsentHistory.Status.GIVEN);
        assertThat(f.regularContact()).isFalse();
        assertThat(f.origin().text()).contains("formulaire d'inscription")
                .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}"); // its day in French, not ISO
        ConsentEvent e = ConsentLedger.history(store, f.personId()).events().get(0);
        assertThat(e.method()).isEqualTo("web-form");
        assertThat(e.noticeVersion()).isEqualTo("inscription-1");
        // the token is used once
        assertThat(MailStore.confirmSignup(store, hasher, Secrets.sha256("jeton"), now.plusSeconds(90)))
                .isEqualTo(MailStore.Confirmation.UNKNOWN_OR_EXPIRED);
        MailStore.addSignup(store, Secrets.sha256("tard"), "tard@exemple.fr", null, null, Set.of(), "inscription-1",
                now, now.plus(Duration.ofHours(48)));
        assertThat(MailStore.confirmSignup(store, hasher, Secrets.sha256("tard"), now.plus(Duration.ofHours(49))))
                .isEqualTo(MailStore.Confirmation.UNKNOWN_OR_EXPIRED);
    }
}
