package fr.terrain.store;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.mail.tracking.Device;
import fr.terrain.privacy.IdentifierHasher;
import fr.terrain.mail.tracking.Interaction;
import fr.terrain.mail.tracking.ReferralCode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-behind queue of opens and clicks, and the conditions every write checks, on H2 and PostgreSQL. */
class TrackingEventsTest {
    @TempDir
    Path home;

    void onBoth(Consumer<Store> test) {
        TestStores.onBoth(home, test);
    }

    static Interaction open(MailFixture.Sent sent, int row, Instant at) {
        return new Interaction(Interaction.Kind.OPEN, at, sent.campaignId(), sent.outbox().get(row), 0,
                new ReferralCode("abcdEFGH"), "", Device.DESKTOP);
    }

    static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static long count(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mail_event").mapTo(Long.class).one());
    }

    @Test
    void queuedEventsAreAllWrittenByFlushWhateverTheirNumber() {
        onBoth(store -> {
            MailFixture.Sent sent = MailFixture.campaign(store, "lettre", 3);
            MailTracking.setEnabled(store, true, "test");
            TrackingEvents events = TrackingEvents.of(store);
            assertThat(TrackingEvents.of(store)).isSameAs(events); // one queue per store
            Instant start = Instant.parse("2026-03-02T08:00:00Z");
            int n = TrackingEvents.BATCH * 2 + 17; // more than one transaction's worth
            for (int i = 0; i < n; i++) {
                events.record(open(sent, i % 3, start.plusSeconds(i)), null);
            }
            events.flush();
            List<Interaction> read = store.jdbi().withHandle(h -> MailTracking.interactions(h, sent.campaignId()));
            assertThat(read).hasSize(n);
            assertThat(read.get(n - 1)).isEqualTo(open(sent, (n - 1) % 3, start.plusSeconds(n - 1)));
            assertThat(events.lost()).isZero();
        });
    }

    @Test
    // a lone open or click used to wait, unwritten, until 1,000 had queued or the server stopped: `campaign report`,
    // `engaged:` segments and A/B decisions (other processes) never saw a quiet day's events, and a crash lost them all
    void aLoneEventIsWrittenWithinMillisecondsWithoutAFlush() {
        onBoth(store -> {
            MailFixture.Sent sent = MailFixture.campaign(store, "lettre", 3);
            MailTracking.setEnabled(store, true, "test");
            TrackingEvents events = TrackingEvents.of(store);
            Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            events.record(open(sent, 0, at), null);
            // the documented delay is 5 ms (TrackingEvents.LINGER); 5 s leaves room for a loaded machine
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (count(store) == 0 && System.nanoTime() < deadline) {
                sleep();
            }
            assertThat(count(store)).as("written without flush() nor close()").isEqualTo(1);
            events.record(open(sent, 1, at), null); // and again once the writer has gone back to waiting
            deadline = System.nanoTime() + 5_000_000_000L;
            while (count(store) == 1 && System.nanoTime() < deadline) {
                sleep();
            }
            assertThat(count(store)).isEqualTo(2);
        });
    }

    /**
     * A person who unsubscribed, or objected by letter, is on the suppression list: their later opens and clicks of
     * messages already received are no longer recorded (art. 21(3) GDPR: no more processing for prospecting). They
     * were, and counted in the campaign's rates, shares and send-time model; the links still redirect.
     */
    @Test
    void opensAndClicksOfAPersonWhoUnsubscribedOrObjectedAreNoLongerRecorded() {
        onBoth(store -> {
            MailFixture.Sent sent = MailFixture.campaign(store, "lettre", 3);
            MailTracking.setEnabled(store, true, "test");
            IdentifierHasher hasher = HashKeyFile.load(home);
            Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            MailStore.unsubscribe(store, hasher, sent.outbox().get(0), "one-click");
            SuppressionList.addIdentifiers(store, hasher, List.of(fr.terrain.privacy.Identifiers.emailOf(
                    "lettre.1@example.org")), SuppressionList.Reason.OBJECTION, "letter", "test");
            boolean[] stored = store.jdbi().inTransaction(h -> MailTracking.record(h, List.of(
                    new MailTracking.Event(open(sent, 0, at), null), new MailTracking.Event(open(sent, 1, at), null),
                    new MailTracking.Event(open(sent, 2, at), null))));
            assertThat(stored).containsExactly(false, false, true);
            // and the tracking endpoints' lookup says so, which keeps the click cookie off
            assertThat(store.jdbi().withHandle(h -> MailTracking.target(h, sent.outbox().get(0), sent.campaignId(), 0))
                    .orElseThrow().recordable()).isFalse();
        });
    }

    @Test
    void aWriteStoresNothingForAnOptedOutPersonAnErasedRowOrWithTrackingOff() {
        onBoth(store -> {
            MailFixture.Sent sent = MailFixture.campaign(store, "lettre", 3);
            MailTracking.setEnabled(store, true, "test");
            Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            store.jdbi().useTransaction(h -> {
                MailTracking.optOut(h, sent.persons().get(0), "cli");
                PersonRecord erased = Persons.find(h, sent.persons().get(1)).orElseThrow();
                Erasure.erase(h, HashKeyFile.load(home), erased, 1, at, "test");
            });
            // events queued before the opt-out and the erasure, written after them: both lose
            boolean[] stored = store.jdbi().inTransaction(h -> MailTracking.record(h, List.of(
                    new MailTracking.Event(open(sent, 0, at), null), new MailTracking.Event(open(sent, 1, at), null),
                    new MailTracking.Event(open(sent, 2, at), null))));
            assertThat(stored).containsExactly(false, false, true);
            List<Interaction> read = store.jdbi().withHandle(h -> MailTracking.interactions(h, sent.campaignId()));
            assertThat(read).containsExactly(open(sent, 2, at));
            MailTracking.setEnabled(store, false, "test");
            boolean off = store.jdbi().inTransaction(h -> MailTracking.record(h, open(sent, 2, at), null));
            assertThat(off).isFalse();
            assertThat(count(store)).isEqualTo(1);
        });
    }

    @Test
    // before the guard, the writer died and flush() waited for ever (uninterruptibly: hence a thread of its own)
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void anErrorWhileWritingLosesThatBatchOnlyAndTheWriterGoesOn() {
        try (Store store = TestStores.h2(home)) {
            MailFixture.Sent sent = MailFixture.campaign(store, "lettre", 2);
            MailTracking.setEnabled(store, true, "test");
            java.util.concurrent.atomic.AtomicBoolean fail = new java.util.concurrent.atomic.AtomicBoolean(true);
            try (TrackingEvents events = new TrackingEvents(store, (s, batch) -> {
                if (fail.get()) {
                    throw new StackOverflowError("simulée");
                }
                s.jdbi().useTransaction(h -> MailTracking.record(h, batch));
            })) {
                for (int i = 0; i < 3; i++) {
                    events.record(open(sent, i % 2, Instant.now()), null);
                }
                events.flush();
                assertThat(events.lost()).isEqualTo(3);
                fail.set(false);
                events.record(open(sent, 0, Instant.now()), null);
                events.record(open(sent, 1, Instant.now()), null);
                events.flush();
                assertThat(events.lost()).isEqualTo(3);
                assertThat(count(store)).isEqualTo(2);
            }
        }
    }

    @Test
    void closingTheStoreWritesWhatIsStillQueued() {
        int n = 300;
        try (Store store = TestStores.h2(home)) {
            MailFixture.Sent sent = MailFixture.campaign(store, "lettre", 2);
            MailTracking.setEnabled(store, true, "test");
            TrackingEvents events = TrackingEvents.of(store);
            for (int i = 0; i < n; i++) {
                events.record(open(sent, i % 2, Instant.now()), null);
            }
        } // no flush: closing the store (as the server's shutdown does) writes the queue first
        try (Store again = TestStores.h2(home)) {
            assertThat(count(again)).isEqualTo(n);
        }
    }
}
