package fr.terrain.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ParisTest {
    @Test
    void theDayIsParissWhateverTheServersZone() {
        // 23:30 UTC on 29 November is 00:30 on the 30th in Paris (UTC+1 in winter); 21:30 UTC on 29 June is 23:30 (UTC+2)
        assertThat(Paris.today(Clock.fixed(Instant.parse("2026-11-29T23:30:00Z"), ZoneOffset.UTC)))
                .isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(Paris.today(Clock.fixed(Instant.parse("2026-06-29T21:30:00Z"), ZoneOffset.UTC)))
                .isEqualTo(LocalDate.of(2026, 6, 29));
        assertThat(Paris.today(Clock.fixed(Instant.parse("2026-06-29T22:30:00Z"), ZoneOffset.UTC)))
                .isEqualTo(LocalDate.of(2026, 6, 30));
    }

    @Test
    void daysAndTimesAsFrenchReadersWriteThem() {
        // a consent given « le 5 octobre » at midnight in Paris is stored as 22:00 UTC on the 4th (UTC+2 in summer)
        assertThat(Paris.minute(Instant.parse("2026-10-04T22:00:00Z"))).isEqualTo("05/10/2026 à 00:00");
        assertThat(Paris.minute(Instant.parse("2026-12-24T23:15:00Z"))).isEqualTo("25/12/2026 à 00:15");
        assertThat(Paris.day(LocalDate.of(2006, 9, 3))).isEqualTo("03/09/2006");
    }

    @Test
    void countsAsFrenchReadersWriteThem() {
        // thousands apart with a plain space (not Java's narrow no-break space, which some PDF fonts lack)
        assertThat(Paris.count(1_350_000)).isEqualTo("1 350 000");
        assertThat(Paris.count(70_658)).isEqualTo("70 658");
        assertThat(Paris.count(999)).isEqualTo("999");
        assertThat(Paris.count(-1_200)).isEqualTo("-1 200");
    }
}
