package fr.terrain.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The "Suggérer" button's choices on small cases worked out by hand. */
class SuggestionsTest {
    static final double LAT = 48.84;
    static final Suggestions.OpenTurf T1 = new Suggestions.OpenTurf(1, 12, 2.37, LAT, 120);

    static List<WeeklySlot> saturdayMorning() {
        return List.of(new WeeklySlot(DayOfWeek.SATURDAY, LocalTime.of(9, 0), LocalTime.of(13, 0)));
    }

    static Suggestions.Volunteer volunteer(long id, Optional<Suggestions.Point> home, int held, double minutesHeld) {
        return new Suggestions.Volunteer(id, Set.of(12), home, saturdayMorning(), held, minutesHeld);
    }

    // Distances from T1's start, by hand: 0.01° of longitude at 48.84° N is 0.01 × cos(48.84°) × 111 195 m
    // = 0.01 × 0.65825 × 111 195 ≈ 732 m; 0.02° of latitude is 0.02 × 111 195 ≈ 2 224 m.
    static final Optional<Suggestions.Point> EAST_732 = Optional.of(new Suggestions.Point(2.38, LAT));
    static final Optional<Suggestions.Point> NORTH_2224 = Optional.of(new Suggestions.Point(2.37, LAT + 0.02));

    @Test
    void distancesAreGreatCircleMetres() {
        assertThat(Suggestions.metres(EAST_732.get(), T1)).isCloseTo(732, org.assertj.core.data.Offset.offset(2.0));
        assertThat(Suggestions.metres(NORTH_2224.get(), T1)).isCloseTo(2224, org.assertj.core.data.Offset.offset(2.0));
    }

    @Test
    void theNearestFreeVolunteerGetsTheTurf() {
        List<Suggestions.Suggestion> s = Suggestions.suggest(List.of(T1), List.of(
                volunteer(2, NORTH_2224, 0, 0), volunteer(1, EAST_732, 0, 0), volunteer(3, Optional.empty(), 0, 0)));
        assertThat(s).hasSize(1);
        assertThat(s.getFirst().userId()).isEqualTo(1);
        assertThat(s.getFirst().distanceMetres().getAsDouble()).isBetween(730.0, 734.0);
    }

    @Test
    void oneTurfHeldWeighsOneAndAHalfKilometres() {
        // volunteer 1 holds a turf: 732 + 1 500 = 2 232 m against 2 000 m for the one without a home point
        List<Suggestions.Suggestion> s = Suggestions.suggest(List.of(T1), List.of(
                volunteer(1, EAST_732, 1, 120), volunteer(2, NORTH_2224, 0, 0), volunteer(3, Optional.empty(), 0, 0)));
        assertThat(s.getFirst().userId()).isEqualTo(3);
        assertThat(s.getFirst().distanceMetres()).isEmpty();
        // without volunteer 3: 2 232 m against 2 224 m, volunteer 2 by eight metres
        s = Suggestions.suggest(List.of(T1), List.of(volunteer(1, EAST_732, 1, 120), volunteer(2, NORTH_2224, 0, 0)));
        assertThat(s.getFirst().userId()).isEqualTo(2);
    }

    @Test
    void aSlotTooShortOrAFullWeekOrAnotherSectorRulesAVolunteerOut() {
        var shortSlot = new Suggestions.Volunteer(1, Set.of(12), EAST_732,
                List.of(new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(18, 0), LocalTime.of(19, 30))), 0, 0);
        var fullWeek = volunteer(2, EAST_732, 2, 180); // 240 min a week, 180 held: no room for 120
        var elsewhere = new Suggestions.Volunteer(3, Set.of(11), EAST_732, saturdayMorning(), 0, 0);
        var noSlots = new Suggestions.Volunteer(4, Set.of(12), EAST_732, List.of(), 0, 0);
        assertThat(Suggestions.suggest(List.of(T1), List.of(shortSlot, fullWeek, elsewhere, noSlots))).isEmpty();
        var roomy = volunteer(5, NORTH_2224, 1, 120);
        assertThat(Suggestions.suggest(List.of(T1), List.of(shortSlot, fullWeek, elsewhere, noSlots, roomy)))
                .extracting(Suggestions.Suggestion::userId).containsExactly(5L);
    }

    @Test
    void theTurfWithFewerPossibleVolunteersIsServedFirst() {
        // Turf 1 (12e) could go to A or B; turf 2 (11e) only to A. Served by id, turf 1 would take A (nearer)
        // and leave turf 2 without anyone; served by scarcity, A takes turf 2 and B turf 1.
        var t2 = new Suggestions.OpenTurf(2, 11, 2.37, LAT, 120);
        var a = new Suggestions.Volunteer(10, Set.of(11, 12), EAST_732,
                List.of(new WeeklySlot(DayOfWeek.SUNDAY, LocalTime.of(10, 0), LocalTime.of(12, 0))), 0, 0);
        var b = new Suggestions.Volunteer(20, Set.of(12), NORTH_2224, saturdayMorning(), 0, 0);
        List<Suggestions.Suggestion> s = Suggestions.suggest(List.of(T1, t2), List.of(a, b));
        assertThat(s).extracting(Suggestions.Suggestion::turfId, Suggestions.Suggestion::userId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 20L), org.assertj.core.groups.Tuple.tuple(2L, 10L));
    }

    @Test
    void slotsMustEndAfterTheyStart() {
        assertThatThrownBy(() -> new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(12, 0), LocalTime.of(10, 0)))
                .hasMessageContaining("la fin doit suivre le début");
        assertThat(new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(10, 30)).minutes()).isEqualTo(90.0);
    }
}
