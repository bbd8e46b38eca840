package fr.terrain.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The walking order of one turf ({@link Tours}) on generated neighbourhoods ({@link TurfProperties#city}). */
class ToursProperties {

    /**
     * The cutter orders each set of stops once and reuses the walk whenever a rotation cuts the same set again,
     * which is only right if the walk depends on the set and not on the order it is given in. Every door is its
     * own stop here, so the doors of a building are at distance 0 from each other: ties the order must break by
     * the stops themselves, not by their position in the input.
     */
    @Property(tries = 30)
    void walkDependsOnTheSetOfStopsNotTheOrderGiven(@ForAll long seed, @ForAll @IntRange(min = 2, max = 6) int streets,
            @ForAll @IntRange(min = 3, max = 12) int length) {
        List<Door> doors = TurfProperties.city(seed, streets, length);
        WalkProblem problem = WalkProblem.of(doors, TurfCutter.centroid(doors), TurfParameters.DEFAULTS, 1);
        SplittableRandom random = new SplittableRandom(seed);
        int[] stops = random.ints(0, problem.size()).distinct().limit(Math.min(40, problem.size())).toArray();
        int[] shuffled = stops.clone();
        for (int k = shuffled.length - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int t = shuffled[k];
            shuffled[k] = shuffled[j];
            shuffled[j] = t;
        }

        assertThat(Tours.order(problem, shuffled)).containsExactly(Tours.order(problem, stops));
    }
}
