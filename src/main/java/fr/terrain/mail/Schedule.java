package fr.terrain.mail;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Send times are given and shown in Paris time ({@code "2026-03-10 18:00"}) and stored as instants.
 * A time that does not exist (the spring-forward hour) moves forward by the gap; a time that occurs
 * twice (the fall-back hour) is the first one (summer time).
 */
public final class Schedule {
    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Schedule() {}

    public static Instant parse(String text) {
        String t = text == null ? "" : text.strip().replace('T', ' ');
        try {
            LocalDateTime local = LocalDateTime.parse(t, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
            return ZonedDateTime.ofLocal(local, PARIS, null).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("heure invalide « " + text + " » : AAAA-MM-JJ HH:MM, heure de Paris");
        }
    }

    public static String format(Instant at) {
        return SHOWN.format(at.atZone(PARIS));
    }
}
