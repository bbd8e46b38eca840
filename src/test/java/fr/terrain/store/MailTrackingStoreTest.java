package fr.terrain.store;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.mail.tracking.Device;
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
}
