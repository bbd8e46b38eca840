package fr.terrain.mail;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;

/**
 * Send times are given in Paris time ({@code "2026-03-10 18:00"}, or the French way {@code "10/03/2026 18h00"}),
 * shown as {@code "2026-03-10 18:00"} and stored as instants.
 * A time that does not exist (the spring-forward hour) moves forward by the gap; a time that occurs
 * twice (the fall-back hour) is the first one (summer time).
 */
public final class Schedule {
    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Schedule() {}

    /** The ways a time may be written: 2026-03-10 18:00, 10/03/2026 18:00 (18h00 and 18h too). */
    private static final List<DateTimeFormatter> WRITTEN = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM-dd H:mm").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("d/M/uuuu H:mm").withResolverStyle(ResolverStyle.STRICT));

    public static Instant parse(String text) {
        String t = text == null ? "" : text.strip().replace('T', ' ').replaceAll("\\s+", " ");
        t = t.replaceFirst("(\\d{1,2}) ?[hH] ?(\\d{2})?$", "$1:$2").replaceFirst(":$", ":00");
        for (DateTimeFormatter f : WRITTEN) {
            try {
                LocalDateTime local = LocalDateTime.parse(t, f);
                return ZonedDateTime.ofLocal(local, PARIS, null).toInstant();
            } catch (DateTimeParseException e) {
                // the next way of writing it
            }
        }
        throw new IllegalArgumentException("heure invalide « " + text + " » : AAAA-MM-JJ HH:MM ou JJ/MM/AAAA HH:MM,"
                + " heure de Paris");
    }

    /**
     * The send time when it is still to come: a campaign scheduled in the past would be saved as « programmée » and never
     * go (the sender takes the campaigns whose time has come when it starts them by hand).
     */
    public static Instant ahead(Instant at, Instant now) {
        if (!at.isAfter(now)) {
            throw new IllegalArgumentException("heure d'envoi passée (" + DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
                    .format(at.atZone(PARIS)) + ", heure de Paris) : donnez une heure à venir, ou aucune");
        }
        return at;
    }

    public static String format(Instant at) {
        return SHOWN.format(at.atZone(PARIS));
    }
}
