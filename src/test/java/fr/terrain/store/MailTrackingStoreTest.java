package fr.terrain.store;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.mail.tracking.Device;
import fr.terrain.privacy.IdentifierHasher;
import fr.terrain.mail.tracking.Interaction;
import fr.terrain.mail.tracking.ReferralCode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracking tables on H2 and on PostgreSQL, and what erasing a person does to them. */
class MailTrackingStoreTest {
    @TempDir
    Path home;

    void onBoth(Consumer<Store> test) {
        TestStores.onBoth(home, test);
    }

    @Test
    void linksAreNumberedOncePerCampaignAndEventsReadBack() {
        onBoth(store -> {
            MailFixture.Sent sent = MailFixture.campaign(store, "lettre", 2);
            store.jdbi().useHandle(h -> {
                assertThat(MailTracking.linkIndex(h, sent.campaignId(), "https://a.example")).isEqualTo(1);
                assertThat(MailTracking.linkIndex(h, sent.campaignId(), "https://b.example")).isEqualTo(2);
                assertThat(MailTracking.linkIndex(h, sent.campaignId(), "https://a.example")).isEqualTo(1);
                var target = MailTracking.target(h, sent.outbox().get(1), sent.campaignId(), 2).orElseThrow();
                assertThat(target.url()).contains("https://b.example");
                assertThat(target.recordable()).isFalse(); // the switch was never turned on
                assertThat(MailTracking.target(h, sent.outbox().get(1), sent.campaignId() + 1, 2)).isEmpty();
            });
            Instant at = Instant.parse("2026-03-02T08:15:30Z");
            Interaction click = new Interaction(Interaction.Kind.CLICK, at, sent.campaignId(), sent.outbox().get(1), 2,
                    new ReferralCode("abcdEFGH"), "nav-1", Device.MOBILE);
            store.jdbi().useHandle(h -> {
                assertThat(MailTracking.record(h, click, "https://b.example")).isFalse(); // tracking off: nothing stored
                assertThat(MailTracking.interactions(h, sent.campaignId())).isEmpty();
            });
            MailTracking.setEnabled(store, true, "test");
            store.jdbi().useHandle(h -> {
                assertThat(MailTracking.record(h, click, "https://b.example")).isTrue();
                List<Interaction> read = MailTracking.interactions(h, sent.campaignId());
                assertThat(read).containsExactly(click);
            });
            store.jdbi().useHandle(h -> {
                assertThat(MailTracking.target(h, sent.outbox().get(0), sent.campaignId(), 0).orElseThrow().recordable()).isTrue();
                assertThat(MailTracking.optOut(h, sent.persons().get(0), "cli")).isTrue();
                assertThat(MailTracking.optOut(h, sent.persons().get(0), "cli")).isFalse();
                assertThat(MailTracking.target(h, sent.outbox().get(0), sent.campaignId(), 0).orElseThrow().recordable()).isFalse();
            });
        });
    }

    @Test
    void erasingAPersonRemovesTheirOptOutAndTheirPlaceInAbTests() {
        try (Store store = TestStores.h2(home)) {
            MailFixture.Sent sent = MailFixture.campaign(store, "lettre", 1);
            store.jdbi().useHandle(h -> {
                long contact = h.createQuery("SELECT mail_contact_id FROM mail_outbox WHERE id = :o")
                        .bind("o", sent.outbox().get(0)).mapTo(Long.class).one();
                long b = MailFixture.campaign(store, "lettre-b", 0).campaignId();
                h.execute("INSERT INTO mail_ab_test (campaign_id, campaign_b_id, sample_share, seed, metric, window_hours,"
                        + " alpha, deadline, status, created_by, created_at) VALUES (?, ?, 1, 1, 'click', 24, 0.05,"
                        + " CURRENT_TIMESTAMP, 'running', 't', CURRENT_TIMESTAMP)", sent.campaignId(), b);
                h.execute("INSERT INTO mail_ab_assignment (campaign_id, mail_contact_id, variant, position) VALUES (?, ?, 'A', 0)",
                        sent.campaignId(), contact);
                MailTracking.optOut(h, sent.persons().get(0), "link");
                PersonRecord p = Persons.find(h, sent.persons().get(0)).orElseThrow();
                Erasure.Report r = Erasure.erase(h, HashKeyFile.load(home), p, 1, Instant.now(), "test");
                assertThat(r.deleted()).anySatisfy(l -> {
                    assertThat(l.table()).isEqualTo("mail_tracking_optout");
                    assertThat(l.rows()).isEqualTo(1);
                });
                assertThat(h.createQuery("SELECT COUNT(*) FROM mail_ab_assignment").mapTo(Long.class).one()).isZero();
                assertThat(h.createQuery("SELECT COUNT(*) FROM person").mapTo(Long.class).one()).isZero();
            });
        }
    }

    /**
     * The A/B test pairs the i-th of A with the i-th of B, fixed before any result. Erasing a person of the sample (or
     * the retention of prospects deleting one) must not shift the pairs after theirs: their pair leaves the test and
     * every other pair stays as drawn. 12 recipients per variant, all sent two days ago (outcomes final after 24 h);
     * only B's last recipient (position 11) clicked; A's position 0 is erased. By hand: pairs 1…11 remain, B's
     * position 11 among them, so B has 1 response in 11; shifted, B's 11 would have lost its pair (0 in 11).
     */
    @Test
    void erasingOneRecipientOfAnAbTestLeavesTheOtherPairsAsDrawn() {
        try (Store store = TestStores.h2(home)) {
            MailFixture.Sent a = MailFixture.campaign(store, "essai", 12);
            MailFixture.Sent b = MailFixture.campaign(store, "essai-b", 12);
            store.jdbi().useHandle(h -> {
                h.execute("UPDATE mail_outbox SET sent_at = sent_at - INTERVAL '2' DAY");
                h.execute("INSERT INTO mail_ab_test (campaign_id, campaign_b_id, sample_share, seed, metric, window_hours,"
                        + " alpha, deadline, status, created_by, created_at) VALUES (?, ?, 1, 1, 'click', 24, 0.05,"
                        + " TIMESTAMP '2099-01-01 00:00:00', 'running', 't', CURRENT_TIMESTAMP)", a.campaignId(), b.campaignId());
                for (var variant : List.of(java.util.Map.entry("A", a), java.util.Map.entry("B", b))) {
                    for (int i = 0; i < 12; i++) {
                        h.execute("INSERT INTO mail_ab_assignment (campaign_id, mail_contact_id, variant, position)"
                                + " SELECT ?, mail_contact_id, ?, ? FROM mail_outbox WHERE id = ?", a.campaignId(),
                                variant.getKey(), i, variant.getValue().outbox().get(i));
                    }
                }
                h.execute("INSERT INTO mail_event (outbox_id, kind, occurred_at, link_index, referral, device)"
                        + " SELECT id, 'click', sent_at + INTERVAL '10' MINUTE, 1, 'AAAAAAAA', 'desktop' FROM mail_outbox"
                        + " WHERE id = ?", b.outbox().get(11));
                long erased = h.createQuery("SELECT mail_contact_id FROM mail_outbox WHERE id = :o")
                        .bind("o", a.outbox().get(0)).mapTo(Long.class).one();
                MailContactRows.delete(h, List.of(erased));
            });
            AbTests.Test t = AbTests.of(store, a.campaignId()).orElseThrow();
            var r = AbTests.evaluate(store, t, Instant.now());
            assertThat(r.pairs()).isEqualTo(11);
            assertThat(r.successesB()).as("B's position 11 is still paired with A's 11").isEqualTo(1);
            assertThat(r.successesA()).isZero();
        }
    }

    @Test
    void theSmallCellRuleReadsTheSameOnBothDatabases() {
        onBoth(store -> {
            MailTracking.setEnabled(store, true, "test");
            MailFixture.Sent sent = MailFixture.campaign(store, "lettre", 12); // one recipient in each of the 1st..12th
            MailFixture.campaign(store, "billet", 3);
            store.jdbi().useHandle(h -> MailTracking.record(h, new Interaction(Interaction.Kind.OPEN, Instant.now(),
                    sent.campaignId(), sent.outbox().get(0), 0, new ReferralCode("AAAAAAAA"), "", Device.DESKTOP), null));
            var json = CampaignTracking.json(CampaignTracking.report(store, "lettre").orElseThrow(), java.util.Set.of());
            assertThat(json).containsEntry("masked", false).containsEntry("recipientsSent", 12);
            @SuppressWarnings("unchecked")
            var sectors = (java.util.Map<String, java.util.Map<String, Object>>) json.get("bySector");
            assertThat(sectors).hasSize(12).allSatisfy((sector, f) -> assertThat(f).containsEntry("masked", true)
                    .containsEntry("maskReason", "small-cell").containsEntry("recipients", null)
                    .containsEntry("uniqueOpens", null));
            assertThat(CampaignTracking.json(CampaignTracking.report(store, "billet").orElseThrow(), java.util.Set.of()))
                    .containsEntry("masked", true).containsEntry("recipientsSent", null);
            // the segment's send hour counts "lettre"'s twelve people, not "billet"'s three
            CampaignTracking.SendTime t = CampaignTracking.sendTime(store, "all", false);
            assertThat(t.maskedHours()).isEmpty();
            var hour = t.recommendation().slot(t.recommendation().habit());
            assertThat(hour.sent()).isEqualTo(12);
            assertThat(hour.responded()).isEqualTo(1);
        });
    }

    /**
     * A campaign sent before tracking was switched on (its run recorded without tracking, V34) was never seen opened:
     * its messages are left out of the segment's send-time recommendation (they counted as never opened) and counted
     * as untracked for its report; a campaign whose run had tracking counts whole.
     */
    @Test
    void messagesSentWithoutTrackingAreNotCountedAsNeverOpened() {
        onBoth(store -> {
            MailTracking.setEnabled(store, true, "test"); // switched on after « avant » went
            Instant before = Instant.now().minusSeconds(60);
            MailFixture.Sent old = MailFixture.campaign(store, "avant", 12);
            MailTracking.recordSendRun(store, old.campaignId(), before, false);
            MailFixture.Sent tracked = MailFixture.campaign(store, "apres", 12);
            MailTracking.recordSendRun(store, tracked.campaignId(), before, true);
            store.jdbi().useHandle(h -> {
                for (long outbox : tracked.outbox().subList(0, 6)) {
                    MailTracking.record(h, new Interaction(Interaction.Kind.OPEN, Instant.now(), tracked.campaignId(),
                            outbox, 0, new ReferralCode("AAAAAAAA"), "", Device.DESKTOP), null);
                }
            });
            CampaignTracking.Measured avant = CampaignTracking.report(store, "avant").orElseThrow().measured();
            assertThat(avant.messages()).isZero();
            assertThat(avant.withoutTracking()).isEqualTo(12);
            assertThat(avant.bySector()).hasSize(12).allSatisfy((sector, n) -> assertThat(n).isZero());
            assertThat(CampaignTracking.json(CampaignTracking.report(store, "avant").orElseThrow(), java.util.Set.of()))
                    .containsEntry("tracking", "none").containsEntry("recipientsMeasured", 0);
            assertThat(CampaignTracking.report(store, "apres").orElseThrow().measured().withoutTracking()).isZero();
            // both went to segment « all » this hour: the hour counts « apres »'s 12 messages and 6 openers only
            CampaignTracking.SendTime t = CampaignTracking.sendTime(store, "all", false);
            var hour = t.recommendation().slot(t.recommendation().habit());
            assertThat(hour.sent()).isEqualTo(12);
            assertThat(hour.responded()).isEqualTo(6);
        });
    }

    /**
     * Rates are over the messages whose opens could be measured: sent with tracking on, to people who had not refused
     * it. Campaign « mixte »: 20 recipients in the 1st (indices 0–19), 20 in the 2nd (20–39). Indices 0–9 went two
     * hours ago in a run without tracking (started three hours ago); a run with tracking started an hour ago, the
     * others went now. The person of index 20 refused tracking 90 minutes ago, before their message; the person of
     * index 39 refuses now, after theirs (measured until then). Measured by hand: 1st 10, 2nd 19, 29 in all. Opened:
     * indices 10–14 (5 in the 1st) and 21–30 (10 in the 2nd): 15. Rates 15/29 = 0.5172, 5/10 = 0.5, 10/19 = 0.5263
     * (counted over all messages, as before: 15/40, 5/20, 10/20). The segment's send hour of now counts the 29, not
     * index 20's message.
     */
    @Test
    void ratesAreOverTheMessagesThatCarriedTracking() {
        onBoth(store -> {
            MailTracking.setEnabled(store, true, "test");
            List<Integer> sectors = new java.util.ArrayList<>(java.util.Collections.nCopies(20, 1));
            sectors.addAll(java.util.Collections.nCopies(20, 2));
            MailFixture.Sent sent = MailFixture.campaign(store, "mixte", sectors);
            Instant now = Instant.now();
            MailTracking.recordSendRun(store, sent.campaignId(), now.minusSeconds(3 * 3600), false);
            MailTracking.recordSendRun(store, sent.campaignId(), now.minusSeconds(3600), true);
            store.jdbi().useHandle(h -> {
                h.createUpdate("UPDATE mail_outbox SET sent_at = :at WHERE id IN (<ids>)")
                        .bind("at", MailTracking.utc(now.minusSeconds(2 * 3600))).bindList("ids", sent.outbox().subList(0, 10))
                        .execute();
                MailTracking.optOut(h, sent.persons().get(20), "link");
                h.createUpdate("UPDATE mail_tracking_optout SET opted_out_at = :at").bind("at",
                        MailTracking.utc(now.minusSeconds(90 * 60))).execute();
                for (int i : java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(10, 14),
                        java.util.stream.IntStream.rangeClosed(21, 30)).toArray()) {
                    MailTracking.record(h, new Interaction(Interaction.Kind.OPEN, now, sent.campaignId(),
                            sent.outbox().get(i), 0, new ReferralCode("AAAAAAAA"), "", Device.DESKTOP), null);
                }
                MailTracking.optOut(h, sent.persons().get(39), "link");
            });
            var json = CampaignTracking.json(CampaignTracking.report(store, "mixte").orElseThrow(), java.util.Set.of());
            assertThat(json).containsEntry("masked", false).containsEntry("recipientsSent", 40)
                    .containsEntry("recipientsMeasured", 29).containsEntry("tracking", "partial");
            @SuppressWarnings("unchecked")
            var opens = (java.util.Map<String, Object>) json.get("opens");
            assertThat(opens).containsEntry("unique", 15).containsEntry("rate", 0.5172);
            @SuppressWarnings("unchecked")
            var bySector = (java.util.Map<String, java.util.Map<String, Object>>) json.get("bySector");
            assertThat(bySector.get("1")).containsEntry("masked", false).containsEntry("recipients", 20)
                    .containsEntry("measured", 10).containsEntry("openRate", 0.5);
            assertThat(bySector.get("2")).containsEntry("measured", 19).containsEntry("openRate", 0.5263);
            CampaignTracking.SendTime t = CampaignTracking.sendTime(store, "all", false);
            int hourNow = MailTracking.instant(store.jdbi().withHandle(h -> h.createQuery("SELECT sent_at FROM mail_outbox"
                    + " WHERE id = :o").bind("o", sent.outbox().get(10)).mapTo(java.time.LocalDateTime.class).one()))
                    .atZone(fr.terrain.mail.tracking.Engagement.PARIS).getHour();
            assertThat(t.recommendation().slot(hourNow).sent()).isEqualTo(29);
            assertThat(t.recommendation().slot(hourNow).responded()).isEqualTo(15);
        });
    }

    /**
     * Retention of tracking events (docs/adr/0021): a campaign's opens and clicks go 13 months after its first
     * sending, on both databases, each run audited; its report keeps the figures it showed (small cells masked, no
     * sharer) and the A/B test it was part of keeps its rates. 20 recipients, sectors 1..20 → 10 in the 1st..10th,
     * and so on: one per sector, every sector masked; the whole campaign (20 ≥ 10) shown. By hand: recipients 0..5
     * open (6 readers), 2 and 3 also click (2 clickers): 8 events.
     */
    @Test
    void retentionDeletesACampaignsOpensAndClicksAfterThirteenMonthsAndKeepsItsFigures() {
        onBoth(store -> {
            MailTracking.setEnabled(store, true, "test");
            MailFixture.Sent sent = MailFixture.campaign(store, "rentree", 20);
            MailFixture.Sent other = MailFixture.campaign(store, "rentree-b", 20);
            store.jdbi().useHandle(h -> {
                h.execute("INSERT INTO mail_ab_test (campaign_id, campaign_b_id, sample_share, seed, metric, window_hours,"
                        + " alpha, deadline, status, created_by, created_at) VALUES (?, ?, 1, 1, 'open', 1, 0.05,"
                        + " TIMESTAMP '2000-01-01 00:00:00', 'decided', 't', CURRENT_TIMESTAMP)", sent.campaignId(),
                        other.campaignId());
                for (int i = 0; i < 20; i++) {
                    h.execute("INSERT INTO mail_ab_assignment (campaign_id, mail_contact_id, variant, position)"
                            + " SELECT ?, mail_contact_id, 'A', ? FROM mail_outbox WHERE id = ?", sent.campaignId(), i,
                            sent.outbox().get(i));
                    h.execute("INSERT INTO mail_ab_assignment (campaign_id, mail_contact_id, variant, position)"
                            + " SELECT ?, mail_contact_id, 'B', ? FROM mail_outbox WHERE id = ?", sent.campaignId(), i,
                            other.outbox().get(i));
                }
                h.execute("UPDATE mail_outbox SET sent_at = sent_at - INTERVAL '2' HOUR");
            });
            Instant at = Instant.now().minusSeconds(3600);
            for (int r = 0; r < 6; r++) {
                record(store, sent, r, Interaction.Kind.OPEN, at);
            }
            record(store, sent, 2, Interaction.Kind.CLICK, at);
            record(store, sent, 3, Interaction.Kind.CLICK, at);
            record(store, other, 0, Interaction.Kind.OPEN, at);
            var before = CampaignTracking.json(CampaignTracking.report(store, "rentree").orElseThrow(), java.util.Set.of());
            assertThat(before).containsEntry("recipientsSent", 20);
            assertThat(map(before.get("opens"))).containsEntry("unique", 6).containsEntry("total", 6);
            assertThat(map(before.get("clicks"))).containsEntry("unique", 2);
            var abBefore = AbTests.report(store, AbTests.of(store, sent.campaignId()).orElseThrow(), Instant.now());
            assertThat(abBefore.get("pairs")).isEqualTo(20);

            // the day of the first sending in Paris, as stored (UTC): two hours ago is yesterday from 00:00 to 02:00
            java.time.LocalDate sentOn = store.jdbi().withHandle(h -> h.createQuery("SELECT MIN(sent_at) FROM mail_outbox"
                            + " WHERE campaign_id = :c").bind("c", sent.campaignId()).mapTo(java.time.LocalDateTime.class).one())
                    .toInstant(java.time.ZoneOffset.UTC).atZone(fr.terrain.election.Paris.ZONE).toLocalDate();
            assertThat(PersonalData.holdings(store)).filteredOn(h -> h.category() == fr.terrain.privacy.TrackerData.MAIL_TRACKING)
                    .extracting(fr.terrain.privacy.Holding::scope, fr.terrain.privacy.Holding::records)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("suivi-courriel:rentree", 8L),
                            org.assertj.core.groups.Tuple.tuple("suivi-courriel:rentree-b", 1L));
            var policy = fr.terrain.privacy.RetentionPolicy.defaults();
            Path reports = home.resolve("reports-" + store.description().hashCode());
            // kept through the day of sending + 13 months, deleted the day after
            var kept = fr.terrain.compliance.RetentionRun.run(store, reports, policy, sentOn.plusMonths(13), false, "system");
            assertThat(kept.recordsDeleted()).isZero();
            var dry = fr.terrain.compliance.RetentionRun.run(store, reports, policy, sentOn.plusMonths(13).plusDays(1), true,
                    "system");
            assertThat(dry.plan().recordsToDelete()).isEqualTo(9);
            assertThat(count(store, "mail_event")).isEqualTo(9);
            var run = fr.terrain.compliance.RetentionRun.run(store, reports, policy, sentOn.plusMonths(13).plusDays(1), false,
                    "system");
            assertThat(run.recordsDeleted()).isEqualTo(9);
            assertThat(count(store, "mail_event")).isZero();
            assertThat(AuditLog.all(store)).filteredOn(e -> e.action().equals("retention.delete"))
                    .extracting(fr.terrain.privacy.AuditEntry::target, fr.terrain.privacy.AuditEntry::records)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("mail-tracking:rentree", 8L),
                            org.assertj.core.groups.Tuple.tuple("mail-tracking:rentree-b", 1L));
            assertThat(fr.terrain.privacy.AuditChain.verify(AuditLog.all(store))).isEmpty();

            // the figures the pages showed are still there, said to be frozen, with no sharer
            var after = CampaignTracking.json(CampaignTracking.report(store, "rentree").orElseThrow(), java.util.Set.of());
            var expected = new java.util.LinkedHashMap<>(before);
            assertThat(after).containsKey("retention");
            after.remove("retention");
            assertThat(CampaignTracking.write(after)).isEqualTo(CampaignTracking.write(expected));
            var abAfter = AbTests.report(store, AbTests.of(store, sent.campaignId()).orElseThrow(), Instant.now());
            assertThat(abAfter).containsKey("retention");
            abAfter.remove("retention");
            assertThat(CampaignTracking.write(abAfter)).isEqualTo(CampaignTracking.write(abBefore));

            // an old message opened again: its event goes at the next run, the figures kept stay those of the first
            record(store, sent, 10, Interaction.Kind.OPEN, Instant.now());
            var again = fr.terrain.compliance.RetentionRun.run(store, reports, policy, sentOn.plusMonths(13).plusDays(2),
                    false, "system");
            assertThat(again.recordsDeleted()).isEqualTo(1);
            var last = CampaignTracking.json(CampaignTracking.report(store, "rentree").orElseThrow(), java.util.Set.of());
            assertThat(map(last.get("opens"))).containsEntry("unique", 6);
            assertThat(map(last.get("retention"))).containsEntry("eventsDeleted", 9L);
        });
    }

    /**
     * An access request of someone whose message was opened: the answer says that opens and clicks are held and how
     * long (their own retention, 13 months after the sending: art. 15(1)(d)); someone whose messages were not opened
     * is told nothing of it.
     */
    @Test
    void anAccessExportSaysHowLongTheOpensAndClicksOfThePersonsMessagesAreKept() {
        onBoth(store -> {
            MailTracking.setEnabled(store, true, "test");
            MailFixture.Sent sent = MailFixture.campaign(store, "lettre", 2);
            record(store, sent, 0, Interaction.Kind.OPEN, Instant.now());
            IdentifierHasher hasher = HashKeyFile.load(home.resolve("cle-" + store.description().hashCode()));
            List<String> retentions = new java.util.ArrayList<>();
            for (long person : sent.persons()) {
                var request = RightsRequests.add(store, fr.terrain.privacy.RightsRequest.Kind.ACCESS, person,
                        java.time.LocalDate.of(2026, 2, 2), "email", "test");
                var file = PersonFile.of(store, hasher, request.id(), fr.terrain.privacy.CampaignIdentity.fromSettings(
                        java.util.Map.of()), fr.terrain.privacy.RetentionPolicy.defaults());
                @SuppressWarnings("unchecked")
                var processing = (List<java.util.Map<String, Object>>) map(file.get("information")).get("processing");
                retentions.add(processing.stream().filter(m -> "mail-tracking".equals(m.get("record")))
                        .map(m -> (String) m.get("retention")).findFirst().orElse(null));
            }
            assertThat(retentions.get(0)).startsWith("13 mois après le premier envoi de la campagne");
            assertThat(retentions.get(1)).as("her message was never opened").isNull();
        });
    }

    private static void record(Store store, MailFixture.Sent sent, int recipient, Interaction.Kind kind, Instant at) {
        boolean stored = store.jdbi().withHandle(h -> MailTracking.record(h, new Interaction(kind, at, sent.campaignId(),
                sent.outbox().get(recipient), kind == Interaction.Kind.OPEN ? 0 : 1,
                new ReferralCode(String.format("R%07d", recipient)), kind == Interaction.Kind.OPEN ? "" : "nav-" + recipient,
                Device.DESKTOP), kind == Interaction.Kind.OPEN ? null : "https://exemple.fr/programme"));
        assertThat(stored).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> map(Object value) {
        return (java.util.Map<String, Object>) value;
    }

    private static long count(Store store, String table) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }
}
