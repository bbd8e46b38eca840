package fr.terrain.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import fr.terrain.election.Candidacy;
import fr.terrain.election.Election;
import fr.terrain.election.ElectionKind;
import fr.terrain.election.StationCode;
import fr.terrain.election.StationResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed cases of the targeting rules. */
class TargetingTest {
    static final Candidacy A = Candidacy.named("Mme A");
    static final Candidacy B = new Candidacy("M. B", "LUG", null);
    static final Candidacy C = Candidacy.named("M. C");
    static final Bloc BLOC = new Bloc("gauche", Map.of("e", List.of("Mme A", "nuance:LUG")), Map.of("e", List.of("M. C")));

    static StationResult result(int number, int registered, int voters, int a, int b, int c) {
        return new StationResult(new StationCode(1, number), registered, voters, null, null, null, a + b + c, null,
                List.of(new StationResult.ListVotes(A, a), new StationResult.ListVotes(B, b), new StationResult.ListVotes(C, c)));
    }

    static StationInput input(StationResult r) {
        return new StationInput(r.station(), "1", r, Map.of(), r.station().number() * 100.0, 0);
    }

    @Test
    void blocMatchesLabelsWhateverTheCaseAndNuanceCodes() {
        assertThat(BLOC.sideOf("e", Candidacy.named("MME  a"))).isEqualTo(Bloc.Side.OURS);
        assertThat(BLOC.sideOf("e", B)).isEqualTo(Bloc.Side.OURS);
        assertThat(BLOC.sideOf("e", C)).isEqualTo(Bloc.Side.NEIGHBOUR);
        assertThat(BLOC.sideOf("other", A)).isEqualTo(Bloc.Side.OTHER);
        // the list as the file names it in « ours », not upper-cased as labels are compared (found by a crawl)
        assertThatThrownBy(() -> new Bloc("x", Map.of("e", List.of("Mme A", "M. RODRIGUEZ Patrick")),
                Map.of("e", List.of("mme a", "M. Rodriguez  PATRICK"))))
                .hasMessage("listes à la fois dans ours et neighbours pour e : M. RODRIGUEZ Patrick, Mme A");
    }

    @Test
    void aStationsSectorIsTheOneItsCitysSeatTableGivesIt() {
        // Code électoral, tableau n° 4: Marseille's 7th sector is its 13th and 14th arrondissements, so a station
        // of the 14th is in sector 7 (not "14", which --sector-caps or --sector-weights would never name);
        // Paris from 2020: the 3rd is in sector 1, Paris Centre; Lyon: one sector per arrondissement
        LocalDate march2020 = LocalDate.of(2020, 3, 15);
        assertThat(Sectors.of(Election.of(ElectionKind.MUNICIPALES, "marseille", 1, march2020), new StationCode(14, 3)))
                .isEqualTo("7");
        assertThat(Sectors.of(Election.of(ElectionKind.MUNICIPALES, "marseille", 1, march2020), new StationCode(1, 3)))
                .isEqualTo("1");
        assertThat(Sectors.of(Election.of(ElectionKind.MUNICIPALES, "paris", 1, march2020), new StationCode(3, 2)))
                .isEqualTo("1");
        assertThat(Sectors.of(Election.of(ElectionKind.MUNICIPALES, "lyon", 1, march2020), new StationCode(5, 2)))
                .isEqualTo("5");
    }

    @Test
    void blocCountsAddOurListsAndNeighbours() {
        BlocCounts c = BlocCounts.of(result(1, 1000, 500, 100, 150, 200), BLOC, "e");
        assertThat(c.ours()).isEqualTo(250);
        assertThat(c.neighbours()).isEqualTo(200);
        assertThat(c.abstainers()).isEqualTo(500);
        assertThat(c.share()).isEqualTo(250.0 / 450);
    }

    @Test
    void wilsonIntervalMatchesTheTextbookValue() {
        // 50 of 100, z = 1.96: centre 0.5, half-width 1.96/(1+0.0384)·√(0.0025+0.000096) = 0.0961
        Interval i = Interval.wilson(50, 100, 1.96);
        assertThat(i.low()).isCloseTo(0.4038, within(1e-4));
        assertThat(i.high()).isCloseTo(0.5962, within(1e-4));
        assertThat(Interval.wilson(0, 0, 1.96)).isEqualTo(new Interval(0, 0, 1));
    }

    @Test
    void normalQuantileIsAccurate() {
        assertThat(Normal.quantile(0.975)).isCloseTo(1.959964, within(1e-6));
        assertThat(Normal.quantile(0.95)).isCloseTo(1.644854, within(1e-6));
        assertThat(Normal.quantile(0.001)).isCloseTo(-3.090232, within(1e-5));
    }

    @Test
    void ridgeWithoutPenaltyIsLeastSquares() {
        // y = 1 + 2x exactly
        double[][] x = {{1, 0}, {1, 1}, {1, 2}, {1, 3}};
        double[] beta = Ridge.fit(x, new double[] {1, 3, 5, 7}, new double[] {1, 1, 1, 1}, new double[] {0, 0});
        assertThat(beta[0]).isCloseTo(1, within(1e-6));
        assertThat(beta[1]).isCloseTo(2, within(1e-6));
    }

    @Test
    void aBacktestFoldStandardisesCovariatesOnItsTrainingStationsOnly() {
        // share of 0–14 year olds 10, 20 and 30 % at three training stations, 40 % or 90 % at a held-out one.
        // Training mean 20, standard deviation √((10² + 0 + 10²) / 3) = 8.165: the training rows read −1.2247, 0,
        // 1.2247 whatever the held-out station holds (standardised over all four stations, 10 % would read
        // (10 − 25) / √125 = −1.342 with 40 % held out, and move again with 90 %)
        boolean[] training = {true, true, true, false};
        for (double heldOut : new double[] {40, 90}) {
            List<Map<String, Double>> figures = new ArrayList<>();
            for (double v : new double[] {10, 20, 30, heldOut}) {
                figures.add(Map.of("P16_POP0014", v, "P16_POP1529", 100 - v, "P16_POP3044", 0.0, "P16_POP4559", 0.0,
                        "P16_POP6074", 0.0, "P16_POP75P", 0.0));
            }
            Design d = Design.of(List.of("1", "1", "1", "1"), figures, null, 1, training);
            int j = d.columns.indexOf("children");
            assertThat(d.rows[0][j]).isCloseTo(-1.2247449, within(1e-6));
            assertThat(d.rows[1][j]).isCloseTo(0, within(1e-12));
            assertThat(d.rows[2][j]).isCloseTo(1.2247449, within(1e-6));
            // the held-out station on the training scale: (40 − 20) / 8.165 = 2.449, (90 − 20) / 8.165 = 8.573
            assertThat(d.rows[3][j]).isCloseTo((heldOut - 20) / Math.sqrt(200.0 / 3), within(1e-9));
        }
    }

    @Test
    void aCountWithMoreVotantsThanInscritsDoesNotTurnTheTurnoutBacktestIntoNaN() {
        // imports keep such a count with a warning (ResultChecks); the turnout backtest took its logit of
        // (510.5 / 501) > 1, NaN, and every fold's regression with it. Read as full turnout, every error is a
        // finite number of points between 0 and 100
        List<StationInput> in = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            in.add(input(result(i, 1000, 400 + 10 * i, 100, 150, 140 + 10 * i)));
        }
        in.add(input(result(21, 500, 510, 200, 150, 155)));
        in.add(input(result(22, 0, 3, 1, 1, 1)));
        Backtest.Result r = Backtest.run("e", BLOC, in, null, Map.of(), 5, 1, Parameters.DEFAULTS);
        assertThat(r.scores()).hasSize(2).allSatisfy(s -> {
            assertThat(s.stations()).isEqualTo(22);
            assertThat(s.model()).isBetween(0.0, 100.0);
            assertThat(s.arrondissementMean()).isBetween(0.0, 100.0);
        });
    }

    @Test
    void aReferenceCountWithVotesButNoInscritsIsLeftOutOfTheBacktest() {
        // the reference round's count of station 21 has votes over 0 inscrits: no reference turnout (0 / 0) and no
        // transition shares; kept, its NaN logit entered every fold's regression. Left out like a station without
        // reference, the 20 others are scored with finite errors between 0 and 100 points
        List<StationInput> in = new ArrayList<>();
        Map<StationCode, BlocCounts> reference = new java.util.HashMap<>();
        for (int i = 1; i <= 21; i++) {
            in.add(input(result(i, 1000, 400 + 10 * i, 100, 150, 140 + 10 * i)));
            reference.put(new StationCode(1, i), i == 21 ? new BlocCounts(0, 3, 3, 1, 1)
                    : new BlocCounts(1000, 700 + 5 * i, 690 + 5 * i, 300, 100));
        }
        assertFiniteErrors(Backtest.run("e", BLOC, in, "ref", reference, 5, 1, Parameters.DEFAULTS), 20);
    }

    /** Both targets scored on this many stations, every error (model and the three baselines) within 0–100 points. */
    static void assertFiniteErrors(Backtest.Result r, int stations) {
        assertThat(r.scores()).hasSize(2).allSatisfy(s -> {
            assertThat(s.stations()).isEqualTo(stations);
            for (double mae : new double[] {s.model(), s.arrondissementMean(), s.uniformSwing(), s.transitions()}) {
                assertThat(mae).isBetween(0.0, 100.0);
            }
        });
    }

    @Test
    void aFirstStationWithVotesButNoInscritsDoesNotBreakTheTransitionsCheck() {
        // the round's first count has 3 votes over 0 inscrits: it has no target shares of inscrits, so the
        // transitions check fits on the other stations only (the matrix solve took its sizes from that first
        // station and threw a NullPointerException); every error stays a finite number of points
        List<StationInput> in = new ArrayList<>();
        Map<StationCode, BlocCounts> reference = new java.util.HashMap<>();
        in.add(input(result(1, 0, 3, 1, 1, 1)));
        reference.put(new StationCode(1, 1), new BlocCounts(1000, 800, 790, 300, 100));
        for (int i = 2; i <= 21; i++) {
            in.add(input(result(i, 1000, 400 + 10 * i, 100, 150, 140 + 10 * i)));
            reference.put(new StationCode(1, i), new BlocCounts(1000, 700 + 5 * i, 690 + 5 * i, 300, 100));
        }
        assertFiniteErrors(Backtest.run("e", BLOC, in, "ref", reference, 5, 1, Parameters.DEFAULTS), 21);
    }

    @Test
    void scoreIsDoorsTimesContactTimesEffectsOnShares() {
        // 1000 registered, 500 abstainers, 200 neighbour voters
        List<StationInput> in = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            in.add(input(result(i, 1000, 500, 100, 150, 200)));
        }
        Parameters p = Parameters.DEFAULTS.withAbstainerLean(0, 0);
        List<StationEstimate> e = Estimator.estimate(in, BLOC, "e", Map.of(), p);
        StationEstimate s = e.get(0);
        // identical stations: the posterior is the common share 250.5/451 on the logit scale
        assertThat(s.sympatheticAbstainers().value()).isCloseTo(500 * 250.5 / 451, within(0.5));
        assertThat(s.persuadables().value()).isEqualTo(200);
        double expected = 12 * 0.45 * 1.0 * (0.03 * 200 / 1000 + 0.01 * s.sympatheticAbstainers().value() / 1000);
        assertThat(Targeting.score(s, p)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void volatilityAddsTheNetMoveToPersuadablesUpToTheVotesNotOurs() {
        Candidacy d = Candidacy.named("M. D");
        StationResult r = new StationResult(new StationCode(1, 1), 1000, 500, null, null, null, 450, null, List.of(
                new StationResult.ListVotes(A, 100), new StationResult.ListVotes(B, 150), new StationResult.ListVotes(C, 100),
                new StationResult.ListVotes(d, 100)));
        List<StationInput> in = List.of(input(r), input(result(2, 1000, 500, 100, 150, 200)), input(result(3, 900, 400, 90, 100, 150)));
        // share now 250/450, before 0.5: volatility 0.0556 × 450 = 25 more persuadables than the 100 neighbour votes
        var halfway = Map.of(new StationCode(1, 1), new BlocCounts(1000, 800, 800, 400, 100));
        StationEstimate s = Estimator.estimate(in, BLOC, "e", halfway, Parameters.DEFAULTS).get(0);
        assertThat(s.volatility()).isCloseTo(250.0 / 450 - 0.5, within(1e-12));
        assertThat(s.persuadables().value()).isCloseTo(125, within(1e-9));
        // before 0.25: 100 + 137.5 is more than the 200 votes not ours
        var far = Map.of(new StationCode(1, 1), new BlocCounts(1000, 800, 800, 200, 100));
        assertThat(Estimator.estimate(in, BLOC, "e", far, Parameters.DEFAULTS).get(0).persuadables().value()).isEqualTo(200);
    }

    @Test
    void reservoirGainIsConcaveAndItsDerivativeIsTheMarginalValue() {
        Allocation.Reservoir r = new Allocation.Reservoir("1", 2.0, 10);
        assertThat(r.gain(0)).isZero();
        assertThat(r.gain(10)).isCloseTo(2 * 10 * (1 - Math.exp(-1)), within(1e-12));
        assertThat((r.gain(5.001) - r.gain(4.999)) / 0.002).isCloseTo(r.marginal(5), within(1e-6));
        assertThat(r.gain(1000)).isLessThanOrEqualTo(20);
    }

    @Test
    void greedyAllocationEqualisesMarginalValues() {
        // two reservoirs, scores 2 and 1, capacity 10 h each: at the optimum 2e^(−h1/10) = e^(−h2/10),
        // h1 − h2 = 10 ln 2 = 6.93; with 20 h, h1 = 13.47, h2 = 6.53
        var rs = List.of(new Allocation.Reservoir("1", 2, 10), new Allocation.Reservoir("1", 1, 10));
        double[] h = Allocation.allocate(rs, Budget.total(20), 0.01);
        assertThat(h[0] + h[1]).isCloseTo(20, within(1e-9));
        assertThat(h[0]).isCloseTo(13.47, within(0.02));
    }

    @Test
    void sectorCeilingsAndSectorBudgetsAreHonoured() {
        var rs = List.of(new Allocation.Reservoir("5", 3, 10), new Allocation.Reservoir("12", 1, 10));
        double[] capped = Allocation.allocate(rs, Budget.total(10).withSectorCaps(Map.of("5", 4.0)), 0.5);
        assertThat(capped[0]).isEqualTo(4);
        assertThat(capped[1]).isEqualTo(6);
        double[] fixed = Allocation.allocate(rs, Budget.perSector(Map.of("5", 1.0, "12", 7.0)), 0.5);
        assertThat(fixed).containsExactly(1.0, 7.0);
    }

    @Test
    void aSectorCeilingAlsoBindsFixedSectorHours() {
        // terrain target --sector-hours {"5": 6, "12": 2} --sector-caps {"5": 4}: sector 5 gets at most its
        // ceiling of 4 h (the 2 h over it stay unallocated, as when every sector of a total budget is full);
        // sector 12 has no ceiling and gets its 2 h
        var rs = List.of(new Allocation.Reservoir("5", 3, 10), new Allocation.Reservoir("5", 2, 10),
                new Allocation.Reservoir("12", 1, 10));
        double[] h = Allocation.allocate(rs, Budget.perSector(Map.of("5", 6.0, "12", 2.0)).withSectorCaps(Map.of("5", 4.0)),
                0.5);
        assertThat(h[0] + h[1]).isEqualTo(4);
        assertThat(h[2]).isEqualTo(2);
    }

    /** The share of couples with children, and five stations of the 1st where it is 32, 21, 20, 22 and 18 %. */
    static final Measure COUPLES = new Measure("couples", "couples", List.of("C{yy}_PMEN_MENCOUPAENF"),
            List.of("C{yy}_PMEN_MENCOUPAENF", "C{yy}_PMEN_MENSFAM"), "%");

    static List<StationInput> couplesStations() {
        List<StationInput> in = new ArrayList<>();
        double[] couples = {32, 21, 20, 22, 18};
        for (int i = 0; i < couples.length; i++) {
            StationResult r = result(i + 1, 1000, 500, 100, 150, 200);
            in.add(new StationInput(r.station(), "1", r, Map.of("C16_PMEN_MENCOUPAENF", couples[i], "C16_PMEN_MENSFAM",
                    100 - couples[i]), 0, 0));
        }
        return in;
    }

    @Test
    void topicEvidenceQuotesTheStationAndTheCityMedian() {
        List<StationInput> in = couplesStations();
        Measure m = COUPLES;
        TopicRules rules = new TopicRules(List.of(new TopicRules.Topic("familles", "écoles et familles",
                List.of(new TopicRules.Signal(m, 1, true, null,
                        "{value} des personnes vivent en couple avec enfants, médiane de la ville {median}")))));
        var scored = rules.score(in, 3);
        assertThat(scored.get(new StationCode(1, 1))).singleElement().satisfies(t -> {
            assertThat(t.evidence()).isEqualTo("32 % des personnes vivent en couple avec enfants, médiane de la ville 21 %");
            // (32 − 21) / IQR (22 − 20)
            assertThat(t.score()).isCloseTo(5.5, within(1e-9));
        });
        assertThat(scored.get(new StationCode(1, 3))).isEmpty(); // below the median
    }

    @Test
    void measuresTakeTheNewestVintageHavingEveryCode() {
        Measure m = Measure.COVARIATES.get(0); // children
        var ages = List.of("P16_POP0014", "P16_POP1529", "P16_POP3044", "P16_POP4559", "P16_POP6074", "P16_POP75P",
                "P21_POP0014");
        assertThat(m.resolve(ages)).hasValueSatisfying(r -> assertThat(r.numerator()).containsExactly("P16_POP0014"));
        assertThat(m.resolve(List.of("P21_POP0014"))).isEmpty();
    }

    @Test
    void aStationsReservoirShrinksByTheShareOfItsDoorsAlreadyDone() {
        // two identical stations of 1,000 registered, 1,000 doors at one registered per door (the defaults);
        // 750 of station 1's registered voters live behind doors that already have an outcome
        List<StationInput> in = List.of(input(result(1, 1000, 500, 100, 150, 200)), input(result(2, 1000, 500, 100, 150, 200)));
        TopicRules none = new TopicRules(List.of());
        Plan before = Targeting.plan("e", BLOC, in, null, Map.of(), Map.of(), Budget.total(20), none, Parameters.DEFAULTS);
        assertThat(before.stations().get(0).hours()).isEqualTo(before.stations().get(1).hours());
        Plan after = Targeting.plan("e", BLOC, in, null, Map.of(), Map.of(), Budget.total(20), none, Parameters.DEFAULTS,
                Map.of(new StationCode(1, 1), 750L));
        double done = after.stations().get(0).hours();
        double fresh = after.stations().get(1).hours();
        // the score per hour is the same (the doors left were not knocked) …
        assertThat(after.stations().get(0).score()).isEqualTo(before.stations().get(0).score());
        // … but the reservoir is a quarter: greedy allocation equalises v·e^(−h/C), so h1 / (C/4) = h2 / C,
        // h1 = h2 / 4 and h1 + h2 = 20 give 4 h and 16 h, up to the half-hour step
        assertThat(done).isCloseTo(4, within(0.5));
        assertThat(fresh).isCloseTo(16, within(0.5));
        assertThat(done + fresh).isCloseTo(20, within(1e-9));
        assertThat(Targeting.plan("e", BLOC, in, null, Map.of(), Map.of(), Budget.total(20), none, Parameters.DEFAULTS,
                Map.of(new StationCode(1, 1), 0L)).stations().get(0).hours()).isEqualTo(before.stations().get(0).hours());
        assertThatThrownBy(() -> Targeting.plan("e", BLOC, in, null, Map.of(), Map.of(), Budget.total(20), none,
                Parameters.DEFAULTS, Map.of(new StationCode(1, 1), -1L))).hasMessageContaining("négatif");
        // more voters reached than registered (the list moved on since the round): nothing left, no hour
        assertThat(Targeting.plan("e", BLOC, in, null, Map.of(), Map.of(), Budget.total(20), none, Parameters.DEFAULTS,
                Map.of(new StationCode(1, 1), 5000L)).stations().get(0).hours()).isZero();
    }

    @Test
    void topicsHeardAtTheDoorsReorderAStationsTopicsInThePlan() {
        // station 1-1 is the one where "couples with children" is high (score 5.5, see above); a second topic,
        // transports, is scored from the same measure at half weight (2.75)
        List<StationInput> in = couplesStations();
        Measure m = COUPLES;
        TopicRules rules = new TopicRules(List.of(
                new TopicRules.Topic("familles", "écoles et familles", List.of(new TopicRules.Signal(m, 1, true, null, null))),
                new TopicRules.Topic("transports", "transports", List.of(new TopicRules.Signal(m, 0.5, true, null, null)))));
        StationCode one = new StationCode(1, 1);
        Plan before = Targeting.plan("e", BLOC, in, null, Map.of(), Map.of(), Budget.total(20), rules, Parameters.DEFAULTS);
        assertThat(before.stations().get(0).topics()).extracting(TopicRules.TopicMatch::id).containsExactly("familles", "transports");
        // at the doors of 1-1: families received coolly (2 favourable of 20), transports warmly (18 of 20);
        // city rate 20 / 40 = 0.5; familles (2 + 5) / 30 → × 0.467 → 2.57; transports (18 + 5) / 30 → × 1.533 → 4.22
        var heard = Map.of(one, List.of(new FieldTopics.Heard("écoles et familles", 30, 20, 2),
                new FieldTopics.Heard("transports", 25, 20, 18)));
        Plan after = Targeting.plan("e", BLOC, in, null, Map.of(), Map.of(), Budget.total(20), rules, Parameters.DEFAULTS,
                Map.of(), heard);
        List<TopicRules.TopicMatch> topics = after.stations().get(0).topics();
        assertThat(topics).extracting(TopicRules.TopicMatch::id).containsExactly("transports", "familles");
        assertThat(topics.get(0).score()).isCloseTo(2.75 * 23 / 15, within(1e-9));
        assertThat(topics.get(1).score()).isCloseTo(5.5 * 7 / 15, within(1e-9));
        // the other stations heard nothing: unchanged
        assertThat(after.stations().get(3).topics()).isEqualTo(before.stations().get(3).topics());
    }

    @Test
    void aStationWithAnEmptyListOfTopicsHeardStillGetsAtMostThreeTopics() {
        // four topics from the same measure at station 1-1 (weights 1, 0.5, 0.25, 0.1 × 5.5); a caller giving the
        // station an empty list of topics heard got all four (rerank returned the uncut list), not the plan's 3
        List<StationInput> in = couplesStations();
        List<TopicRules.Topic> topics = new ArrayList<>();
        double[] weights = {1, 0.5, 0.25, 0.1};
        for (int i = 0; i < weights.length; i++) {
            topics.add(new TopicRules.Topic("t" + i, "t" + i, List.of(new TopicRules.Signal(COUPLES, weights[i], true, null, null))));
        }
        TopicRules rules = new TopicRules(topics);
        Plan plan = Targeting.plan("e", BLOC, in, null, Map.of(), Map.of(), Budget.total(20), rules, Parameters.DEFAULTS,
                Map.of(), Map.of(new StationCode(1, 1), List.of()));
        assertThat(plan.stations().get(0).topics()).extracting(TopicRules.TopicMatch::id).containsExactly("t0", "t1", "t2");
    }
}
