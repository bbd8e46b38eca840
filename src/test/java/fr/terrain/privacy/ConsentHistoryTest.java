package fr.terrain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.privacy.ConsentEvent.Kind;
import fr.terrain.privacy.ConsentHistory.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentHistoryTest {
    static final Instant RECORDED = Instant.parse("2026-06-30T00:00:00Z");

    static ConsentEvent given(long id, ConsentChannel c, String at) {
        return new ConsentEvent(id, c, Kind.GIVEN, Instant.parse(at), "paper-form", "sms-v1", null, "formulaire 12",
                "claire", RECORDED);
    }

    static ConsentEvent withdrawn(long id, ConsentChannel c, String at) {
        return new ConsentEvent(id, c, Kind.WITHDRAWN, Instant.parse(at), "sms-stop", null, null, null, "system", RECORDED);
    }

    final ConsentHistory history = new ConsentHistory(List.of(
            withdrawn(3, ConsentChannel.SMS, "2026-03-01T10:00:00Z"),
            given(1, ConsentChannel.SMS, "2026-01-10T09:00:00Z"),
            given(4, ConsentChannel.SMS, "2026-04-15T18:30:00Z"),
            given(2, ConsentChannel.EMAIL, "2026-02-01T12:00:00Z")));

    @Test
    void noEventMeansNoConsent() {
        var before = history.stateOf(ConsentChannel.SMS, Instant.parse("2026-01-10T08:59:59Z"));
        assertThat(before.status()).isEqualTo(Status.NEVER_GIVEN);
        assertThat(before.basis()).isEmpty();
        assertThat(history.allows(ConsentChannel.PHONE, Instant.parse("2026-12-31T00:00:00Z"))).isFalse();
    }

    @Test
    void theLatestEventEffectiveAtTheDateDecides() {
        assertThat(history.stateOf(ConsentChannel.SMS, Instant.parse("2026-01-10T09:00:00Z")).status()).isEqualTo(Status.GIVEN);
        assertThat(history.stateOf(ConsentChannel.SMS, Instant.parse("2026-02-28T00:00:00Z")).basis().get().id()).isEqualTo(1);
        assertThat(history.stateOf(ConsentChannel.SMS, Instant.parse("2026-03-01T10:00:00Z")).status())
                .isEqualTo(Status.WITHDRAWN);
        assertThat(history.allows(ConsentChannel.SMS, Instant.parse("2026-04-01T00:00:00Z"))).isFalse();
        assertThat(history.stateOf(ConsentChannel.SMS, Instant.parse("2026-05-01T00:00:00Z")).basis().get().id()).isEqualTo(4);
    }

    @Test
    void channelsAreIndependent() {
        var states = history.statesAt(Instant.parse("2026-03-15T00:00:00Z"));
        assertThat(states.get(ConsentChannel.EMAIL).status()).isEqualTo(Status.GIVEN);
        assertThat(states.get(ConsentChannel.SMS).status()).isEqualTo(Status.WITHDRAWN);
        assertThat(states.get(ConsentChannel.CANVASS_OPINION).status()).isEqualTo(Status.NEVER_GIVEN);
        assertThat(states).hasSize(ConsentChannel.values().length);
    }

    @Test
    void historyIsKeptWholeInEffectiveOrder() {
        assertThat(history.events()).extracting(ConsentEvent::id).containsExactly(1L, 2L, 3L, 4L);
    }

    /**
     * Ids are drawn at random (docs/adr/0030): they no longer say which of two events alike in effective and recording
     * time was recorded last. Of those, the withdrawal prevails, whichever id is smaller.
     */
    @Test
    void aWithdrawalAlikeInTimeToAConsentPrevailsWhateverTheIds() {
        for (long[] ids : new long[][] {{7, 9}, {9, 7}}) {
            ConsentHistory tie = new ConsentHistory(List.of(given(ids[0], ConsentChannel.SMS, "2026-03-01T10:00:00Z"),
                    withdrawn(ids[1], ConsentChannel.SMS, "2026-03-01T10:00:00Z")));
            assertThat(tie.stateOf(ConsentChannel.SMS, Instant.parse("2026-03-01T10:00:00Z")).status())
                    .as("consentement n° %d, retrait n° %d", ids[0], ids[1]).isEqualTo(Status.WITHDRAWN);
            assertThat(tie.events()).extracting(ConsentEvent::kind).containsExactly(Kind.GIVEN, Kind.WITHDRAWN);
        }
    }

    @Test
    void aConsentWithoutTheNoticeShownIsNoProof() {
        assertThatThrownBy(() -> new ConsentEvent(0, ConsentChannel.EMAIL, Kind.GIVEN, RECORDED, "web-form", null, null,
                null, "claire", RECORDED)).hasMessageContaining("mention");
        assertThatThrownBy(() -> new ConsentEvent(0, ConsentChannel.EMAIL, Kind.GIVEN, RECORDED.plusSeconds(3600),
                "web-form", "v1", null, null, "claire", RECORDED)).hasMessageContaining("avant");
    }
}
