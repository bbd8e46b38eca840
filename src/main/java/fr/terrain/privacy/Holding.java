package fr.terrain.privacy;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A block of personal data the campaign holds, as retention sees it: one source category (or the data of a
 * tracker, {@link TrackerData}) in one scope (the electoral list of one election, say), how many records, and the date of the event
 * its retention runs from, when known.
 *
 * @param scope what the block is about: a contest ({@code paris-2026}) for electoral lists
 * @param event the date the retention delay runs from (the last round…), empty when unknown
 * @param eventNote how that date was found, or why it is missing, for the report
 * @param ruledBy the category whose retention rule applies: the block's own, but prospects who consented (or became
 *        regular contacts) are kept as regular contacts are, not « 6 months after collection, for want of consent »
 */
public record Holding(RetentionCategory category, String scope, long records, Optional<LocalDate> event, String eventNote,
        RetentionCategory ruledBy) {
    /** A block under its own category's rule. */
    public Holding(RetentionCategory category, String scope, long records, Optional<LocalDate> event, String eventNote) {
        this(category, scope, records, event, eventNote, category);
    }

    public Holding {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(ruledBy, "ruledBy");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(eventNote, "eventNote");
        if (records < 0) {
            throw new IllegalArgumentException("nombre d'enregistrements négatif : " + records);
        }
    }
}
