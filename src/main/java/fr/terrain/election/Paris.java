package fr.terrain.election;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The campaign's time zone. A day the campaign reads — a retention run's « as of », a register's date, a deadline —
 * is a day in Paris, whatever zone the server runs in (a server in UTC is still on the 29th at 00:30 in Paris).
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
}
