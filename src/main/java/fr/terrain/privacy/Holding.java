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
 */
public record Holding(RetentionCategory category, String scope, long records, Optional<LocalDate> event, String eventNote) {
    public Holding {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(eventNote, "eventNote");
        if (records < 0) {
            throw new IllegalArgumentException("nombre d'enregistrements négatif : " + records);
        }
    }
}
