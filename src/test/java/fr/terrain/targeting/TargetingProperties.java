package fr.terrain.targeting;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.election.StationCode;
import fr.terrain.election.StationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Properties the issue asks for, over random stations. */
class TargetingProperties {
    record Counts(int registered, int voters, int a, int b, int c) {}

    @Provide
    Arbitrary<List<Counts>> cities() {
        Arbitrary<Counts> station = Arbitraries.integers().between(0, 2000).flatMap(registered ->
                Arbitraries.integers().between(0, registered).flatMap(voters ->
                        Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.integers().between(0, 100),
                                Arbitraries.integers().between(0, 100)).as((x, y, z) -> {
                                    int total = x + y + z;
                                    int expressed = voters;
                                    int a = total == 0 ? 0 : expressed * x / total;
                                    int b = total == 0 ? 0 : expressed * y / total;
                                    return new Counts(registered, voters, a, b, total == 0 ? 0 : expressed - a - b);
                                })));
        return station.list().ofMinSize(1).ofMaxSize(40);
    }

    static List<StationInput> inputs(List<Counts> city) {
        List<StationInput> out = new ArrayList<>();
        for (int i = 0; i < city.size(); i++) {
            Counts c = city.get(i);
            StationResult r = new StationResult(new StationCode(1 + i % 3, i + 1), c.registered(), c.voters(), null, null,
                    null, c.a() + c.b() + c.c(), null, List.of(new StationResult.ListVotes(TargetingTest.A, c.a()),
                            new StationResult.ListVotes(TargetingTest.B, c.b()), new StationResult.ListVotes(TargetingTest.C, c.c())));
            out.add(new StationInput(r.station(), Integer.toString(r.station().arrondissement()), r, Map.of(), i, 0));
        }
        return out;
    }

    @Property(tries = 200)
    void estimatesStayWithinTheirAccountingBounds(@ForAll("cities") List<Counts> city) {
        for (StationEstimate e : Estimator.estimate(inputs(city), TargetingTest.BLOC, "e", Map.of(), Parameters.DEFAULTS)) {
            double abstainers = e.registered() - e.voters();
            assertThat(e.sympatheticAbstainers().low()).isGreaterThanOrEqualTo(0);
            assertThat(e.sympatheticAbstainers().high()).isLessThanOrEqualTo(abstainers + 1e-9);
            assertThat(e.persuadables().low()).isGreaterThanOrEqualTo(0);
            assertThat(e.persuadables().high()).isLessThanOrEqualTo(e.expressed() - e.ourVotes() + 1e-9);
            assertThat(e.turnout().low()).isGreaterThanOrEqualTo(0);
            assertThat(e.turnout().high()).isLessThanOrEqualTo(1);
            assertThat(e.blocShareOfRegistered().high()).isLessThanOrEqualTo(1);
        }
    }

    @Property(tries = 200)
    void allocationSumsToTheHoursGiven(@ForAll("cities") List<Counts> city,
            @ForAll @DoubleRange(min = 0, max = 5000) double hours) {
        Plan plan = Targeting.plan("e", TargetingTest.BLOC, inputs(city), Map.of(), Map.of(), Budget.total(hours),
                new TopicRules(List.of()), Parameters.DEFAULTS);
        double sum = plan.stations().stream().mapToDouble(Plan.StationPlan::hours).sum();
        assertThat(sum).isCloseTo(hours, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, hours)));
    }

    @Property(tries = 100)
    void moreHoursNeverLowerTheExpectedGain(@ForAll("cities") List<Counts> city,
            @ForAll @DoubleRange(min = 0, max = 3000) double hours, @ForAll @DoubleRange(min = 0, max = 500) double more) {
        var in = inputs(city);
        double before = Targeting.plan("e", TargetingTest.BLOC, in, Map.of(), Map.of(), Budget.total(hours),
                new TopicRules(List.of()), Parameters.DEFAULTS).expectedGain();
        double after = Targeting.plan("e", TargetingTest.BLOC, in, Map.of(), Map.of(), Budget.total(hours + more),
                new TopicRules(List.of()), Parameters.DEFAULTS).expectedGain();
        assertThat(after).isGreaterThanOrEqualTo(before - 1e-9);
    }

    @Property(tries = 200)
    void aStationWithNoAbstainersGetsNoMobilisationValue(@ForAll @IntRange(min = 0, max = 3000) int registered,
            @ForAll @IntRange(min = 0, max = 100) int share) {
        int a = registered * share / 100;
        StationResult full = new StationResult(new StationCode(1, 1), registered, registered, null, null, null, registered,
                null, List.of(new StationResult.ListVotes(TargetingTest.A, a), new StationResult.ListVotes(TargetingTest.B, 0),
                        new StationResult.ListVotes(TargetingTest.C, 0)));
        StationResult other = TargetingTest.result(2, 1000, 400, 100, 100, 0);
        var in = List.of(new StationInput(full.station(), "1", full, Map.of(), 0, 0), TargetingTest.input(other));
        StationEstimate e = Estimator.estimate(in, TargetingTest.BLOC, "e", Map.of(), Parameters.DEFAULTS).get(0);
        assertThat(e.sympatheticAbstainers().high()).isZero();
        // neighbours ran no votes here: the score is mobilisation only, hence 0
        assertThat(Targeting.score(e, Parameters.DEFAULTS.withEffects(0, 1))).isZero();
    }
}
