package fr.terrain.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A person's consent ledger, read as of a date: on each channel the latest event effective at that
 * date decides (a later withdrawal ends a consent, a later consent renews it); no event means no
 * consent. When the consent was recorded is kept as proof, not used here: a paper form entered a
 * week late still dates from its signature.
 */
public final class ConsentHistory {
    /** Consent on one channel at one date, and the event it rests on. */
    public record State(ConsentChannel channel, Status status, Optional<ConsentEvent> basis) {
        public boolean allows() {
            return status == Status.GIVEN;
        }
    }

    public enum Status { NEVER_GIVEN, GIVEN, WITHDRAWN }

    /**
     * Effective order: by effective date, then by recording time; of two events alike in both, the withdrawal comes last
     * and prevails (when it cannot be told which came last, there is no consent). The id only makes the order total: it
     * is drawn at random (docs/adr/0030) and says nothing of which was recorded first.
     */
    public static final Comparator<ConsentEvent> ORDER = Comparator.comparing(ConsentEvent::effectiveAt)
            .thenComparing(ConsentEvent::recordedAt).thenComparing(e -> e.kind() == ConsentEvent.Kind.WITHDRAWN)
            .thenComparingLong(ConsentEvent::id);

    private final List<ConsentEvent> events;

    public ConsentHistory(List<ConsentEvent> events) {
        List<ConsentEvent> sorted = new ArrayList<>(events);
        sorted.sort(ORDER);
        this.events = List.copyOf(sorted);
    }

    /** Every event, in effective order. */
    public List<ConsentEvent> events() {
        return events;
    }

    /** The state of one channel as of {@code at}. */
    public State stateOf(ConsentChannel channel, Instant at) {
        ConsentEvent last = null;
        for (ConsentEvent e : events) {
            if (e.channel() == channel && !e.effectiveAt().isAfter(at)) {
                last = e;
            }
        }
        if (last == null) {
            return new State(channel, Status.NEVER_GIVEN, Optional.empty());
        }
        return new State(channel, last.kind() == ConsentEvent.Kind.GIVEN ? Status.GIVEN : Status.WITHDRAWN,
                Optional.of(last));
    }

    /** Every channel's state as of {@code at}. */
    public Map<ConsentChannel, State> statesAt(Instant at) {
        Map<ConsentChannel, State> out = new EnumMap<>(ConsentChannel.class);
        for (ConsentChannel c : ConsentChannel.values()) {
            out.put(c, stateOf(c, at));
        }
        return out;
    }

    public boolean allows(ConsentChannel channel, Instant at) {
        return stateOf(channel, at).allows();
    }
}
