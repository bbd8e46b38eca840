package fr.terrain.field;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * When a volunteer can canvass, every week: a day and a span of Paris local time
 * ({@code volunteer_availability}). A slot ends after it starts, on the same day.
 */
public record WeeklySlot(DayOfWeek day, LocalTime start, LocalTime end) {
    public WeeklySlot {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("créneau vide ou inversé : " + start + " – " + end
                    + " (la fin doit suivre le début, le même jour)");
        }
    }

    public double minutes() {
        return Duration.between(start, end).toSeconds() / 60.0;
    }

    /** Whether the two slots share some time (then a volunteer's list would count it twice). */
    public boolean overlaps(WeeklySlot other) {
        return day == other.day && start.isBefore(other.end) && other.start.isBefore(end);
    }
}
