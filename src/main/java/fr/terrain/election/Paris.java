package fr.terrain.election;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The campaign's time zone, and its days, times and counts as French readers write them. A day the campaign reads —
 * a retention run's « as of », a register's date, a deadline — is a day in Paris, whatever zone the server runs in (a
 * server in UTC is still on the 29th at 00:30 in Paris).
 */
public final class Paris {
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private Paris() {}

    /** Today in Paris. */
    public static LocalDate today() {
        return today(Clock.systemUTC());
    }

    static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm").withZone(ZONE);

    /** A day as French readers write it: « 03/09/2006 ». */
    public static String day(LocalDate day) {
        return DAY.format(day);
    }

    /** A count as French readers write it: « 70 658 », thousands apart with a plain space (any font, any terminal). */
    public static String count(long n) {
        return java.text.NumberFormat.getIntegerInstance(java.util.Locale.FRANCE).format(n).replace('\u202f', ' ')
                .replace('\u00a0', ' ');
    }

    /** An instant as French readers in Paris read it: « 05/10/2026 à 00:00 ». */
    public static String minute(Instant at) {
        return MINUTE.format(at);
    }
}
