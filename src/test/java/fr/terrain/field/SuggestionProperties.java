package fr.terrain.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the suggestions on generated turfs and volunteers. */
class SuggestionProperties {
    record Case(List<Suggestions.OpenTurf> turfs, List<Suggestions.Volunteer> volunteers) {}

    static Case generate(long seed, int turfCount, int volunteerCount) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Suggestions.OpenTurf> turfs = new ArrayList<>();
        for (int i = 0; i < turfCount; i++) {
            turfs.add(new Suggestions.OpenTurf(100 + i, 11 + r.nextInt(3), 2.33 + r.nextDouble() * 0.08,
                    48.82 + r.nextDouble() * 0.06, 30 + r.nextInt(150)));
        }
        List<Suggestions.Volunteer> volunteers = new ArrayList<>();
        for (int i = 0; i < volunteerCount; i++) {
            Set<Integer> sectors = new HashSet<>();
            for (int s = 11; s <= 13; s++) {
                if (r.nextDouble() < 0.5) {
                    sectors.add(s);
                }
            }
            List<WeeklySlot> slots = new ArrayList<>();
            int n = r.nextInt(4);
            for (int k = 0; k < n; k++) { // Monday, Wednesday, Friday: never overlapping
                int start = 8 + r.nextInt(8);
                slots.add(new WeeklySlot(DayOfWeek.of(1 + 2 * k), LocalTime.of(start, 0),
                        LocalTime.of(start + 1 + r.nextInt(4), r.nextInt(2) * 30)));
            }
            Optional<Suggestions.Point> home = r.nextDouble() < 0.3 ? Optional.empty()
                    : Optional.of(new Suggestions.Point(2.33 + r.nextDouble() * 0.08, 48.82 + r.nextDouble() * 0.06));
            int held = r.nextInt(3);
            volunteers.add(new Suggestions.Volunteer(1 + i, sectors, home, slots, held, held * 40.0 * r.nextDouble()));
        }
        return new Case(turfs, volunteers);
    }

    @Property(tries = 300)
    void suggestionsKeepSectorsSlotsAndWeeklyTimeAndLeaveNoTurfSomeoneCouldTake(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 40) int turfCount, @ForAll @IntRange(min = 0, max = 15) int volunteerCount) {
        Case c = generate(seed, turfCount, volunteerCount);
        List<Suggestions.Suggestion> out = Suggestions.suggest(c.turfs(), c.volunteers());
        Map<Long, Suggestions.OpenTurf> turfs = new HashMap<>();
        c.turfs().forEach(t -> turfs.put(t.id(), t));
        Map<Long, Suggestions.Volunteer> people = new HashMap<>();
        c.volunteers().forEach(v -> people.put(v.userId(), v));
        Map<Long, Double> minutes = new HashMap<>();
        c.volunteers().forEach(v -> minutes.put(v.userId(), v.minutesHeld()));
        Set<Long> seen = new HashSet<>();
        for (Suggestions.Suggestion s : out) {
            assertThat(seen.add(s.turfId())).as("turf %d suggested once", s.turfId()).isTrue();
            Suggestions.OpenTurf t = turfs.get(s.turfId());
            Suggestions.Volunteer v = people.get(s.userId());
            assertThat(t).isNotNull();
            assertThat(v.sectors()).contains(t.arrondissement());
            assertThat(v.longestSlotMinutes()).isGreaterThanOrEqualTo(t.minutes());
            minutes.merge(v.userId(), t.minutes(), Double::sum);
            assertThat(s.distanceMetres().isPresent()).isEqualTo(v.home().isPresent());
        }
        for (Suggestions.Volunteer v : c.volunteers()) {
            assertThat(minutes.get(v.userId())).as("volunteer %d's week", v.userId())
                    .isLessThanOrEqualTo(Math.max(v.weeklyMinutes(), v.minutesHeld()) + 1e-9);
        }
        for (Suggestions.OpenTurf t : c.turfs()) {
            if (!seen.contains(t.id())) {
                for (Suggestions.Volunteer v : c.volunteers()) {
                    assertThat(Suggestions.canTake(v, t, minutes.get(v.userId())))
                            .as("turf %d left out though volunteer %d could take it", t.id(), v.userId()).isFalse();
                }
            }
        }
    }

    @Property(tries = 100)
    void theAnswerDoesNotDependOnTheOrderOfTheLists(@ForAll long seed, @ForAll @IntRange(min = 0, max = 30) int turfCount,
            @ForAll @IntRange(min = 0, max = 12) int volunteerCount) {
        Case c = generate(seed, turfCount, volunteerCount);
        List<Suggestions.OpenTurf> turfs = new ArrayList<>(c.turfs());
        List<Suggestions.Volunteer> volunteers = new ArrayList<>(c.volunteers());
        Collections.shuffle(turfs, new java.util.Random(seed));
        Collections.shuffle(volunteers, new java.util.Random(seed + 1));
        assertThat(Suggestions.suggest(turfs, volunteers)).isEqualTo(Suggestions.suggest(c.turfs(), c.volunteers()));
    }

    @Property(tries = 100)
    void volunteersAtTheSamePlaceShareTheTurfsWithinOne(@ForAll @IntRange(min = 1, max = 8) int volunteerCount,
            @ForAll @IntRange(min = 0, max = 40) int turfCount, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Optional<Suggestions.Point> home = Optional.of(new Suggestions.Point(2.38, 48.85));
        List<WeeklySlot> week = List.of(new WeeklySlot(DayOfWeek.SATURDAY, LocalTime.of(8, 0), LocalTime.of(20, 0)),
                new WeeklySlot(DayOfWeek.SUNDAY, LocalTime.of(8, 0), LocalTime.of(20, 0)));
        List<Suggestions.Volunteer> volunteers = new ArrayList<>();
        for (int i = 0; i < volunteerCount; i++) {
            volunteers.add(new Suggestions.Volunteer(i + 1, Set.of(12), home, week, 0, 0));
        }
        List<Suggestions.OpenTurf> turfs = new ArrayList<>();
        for (int i = 0; i < turfCount; i++) { // every home at one point: distances tie, load decides
            turfs.add(new Suggestions.OpenTurf(i + 1, 12, 2.38 + (r.nextDouble() - 0.5) * 0.006,
                    48.85 + (r.nextDouble() - 0.5) * 0.004, 20));
        }
        List<Suggestions.Suggestion> out = Suggestions.suggest(turfs, volunteers);
        assertThat(out).hasSize(turfCount);
        Map<Long, Integer> load = new HashMap<>();
        volunteers.forEach(v -> load.put(v.userId(), 0));
        out.forEach(s -> load.merge(s.userId(), 1, Integer::sum));
        assertThat(Collections.max(load.values()) - Collections.min(load.values())).isLessThanOrEqualTo(1);
    }
}
