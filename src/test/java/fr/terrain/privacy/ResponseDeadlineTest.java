package fr.terrain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.privacy.RightsRequest.Kind;
import fr.terrain.privacy.RightsRequest.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponseDeadlineTest {
    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void oneMonthEndsOnTheSameDateOfTheNextMonth() {
        assertThat(ResponseDeadline.due(d("2026-02-10"))).isEqualTo(d("2026-03-10")); // Tuesday
    }

    @Test
    void aMonthWithoutThatDateEndsOnItsLastDay() {
        assertThat(ResponseDeadline.due(d("2025-01-31"))).isEqualTo(d("2025-02-28")); // Friday
        assertThat(ResponseDeadline.due(d("2028-01-31"))).isEqualTo(d("2028-02-29")); // leap year, Tuesday
    }

    @Test
    void aDeadlineOnAWeekendOrAHolidayMovesToTheNextWorkingDay() {
        assertThat(ResponseDeadline.due(d("2026-02-14"))).isEqualTo(d("2026-03-16")); // Saturday 14 March → Monday
        assertThat(ResponseDeadline.due(d("2026-06-14"))).isEqualTo(d("2026-07-15")); // 14 July, a Tuesday
        assertThat(ResponseDeadline.due(d("2026-04-01"))).isEqualTo(d("2026-05-04")); // 1 May Friday, then weekend
        assertThat(ResponseDeadline.due(d("2026-04-14"))).isEqualTo(d("2026-05-15")); // Ascension, Thursday 14 May
        assertThat(ResponseDeadline.due(d("2026-04-25"))).isEqualTo(d("2026-05-26")); // Whit Monday 25 May
    }

    @Test
    void easterIsComputedForTheGregorianCalendar() {
        assertThat(ResponseDeadline.easterSunday(2024)).isEqualTo(d("2024-03-31"));
        assertThat(ResponseDeadline.easterSunday(2025)).isEqualTo(d("2025-04-20"));
        assertThat(ResponseDeadline.easterSunday(2026)).isEqualTo(d("2026-04-05"));
        assertThat(ResponseDeadline.easterSunday(2038)).isEqualTo(d("2038-04-25"));
        assertThat(ResponseDeadline.isPublicHoliday(d("2026-04-06"))).isTrue(); // Easter Monday
    }

    @Test
    void anExtensionAddsTwoMonths() {
        assertThat(ResponseDeadline.extended(d("2026-02-10"))).isEqualTo(d("2026-05-11")); // 10 May is a Sunday
    }

    @Test
    void aRequestIsOverdueOnlyWhileOpenAfterItsDeadlineDay() {
        RightsRequest r = new RightsRequest(1, Kind.ACCESS, Optional.of(7L), d("2026-02-10"), "letter", d("2026-03-10"),
                null, null, Status.RECEIVED, null, null, "claire", Instant.EPOCH, null, null);
        assertThat(r.overdueOn(d("2026-03-10"))).isFalse();
        assertThat(r.overdueOn(d("2026-03-11"))).isTrue();
        RightsRequest extended = new RightsRequest(1, Kind.ACCESS, Optional.of(7L), d("2026-02-10"), "letter",
                d("2026-03-10"), d("2026-05-11"), "volume", Status.IN_PROGRESS, null, null, "claire", Instant.EPOCH, null,
                null);
        assertThat(extended.overdueOn(d("2026-03-11"))).isFalse();
        assertThat(extended.overdueOn(d("2026-05-12"))).isTrue();
        RightsRequest done = new RightsRequest(1, Kind.ACCESS, Optional.of(7L), d("2026-02-10"), "letter", d("2026-03-10"),
                null, null, Status.DONE, null, null, "claire", Instant.EPOCH, "claire", Instant.EPOCH);
        assertThat(done.overdueOn(d("2027-01-01"))).isFalse();
    }
}
