package fr.terrain.election.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import fr.terrain.election.Candidacy;
import fr.terrain.election.law.Ballot;
import fr.terrain.election.law.ListResult;
import fr.terrain.election.law.ListVoting;
import fr.terrain.election.law.Sector;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The simulation on tiny hand-worked cities. */
class SimulationTest {

    static SectorCount sector(String name, int seats, long... redBlue) {
        return new SectorCount(Sector.of(name, seats, 10, Integer.parseInt(name)), redBlue[0] + redBlue[1],
                List.of(new SectorCount.ListCount("rouge " + name, "rouge", redBlue[0]),
                        new SectorCount.ListCount("bleu " + name, "bleu", redBlue[1])));
    }

    /**
     * Three sectors of 5, 5 and 3 seats (13, majority 7), red at 60 % everywhere. In a 5-seat
     * sector red takes the bonus 3 (L.262: half of 5 rounded up) and D'Hondt on the other 2 at
     * 600/400 gives 1 and 1: red 4, blue 1. In the 3-seat sector the bonus is 1 (half of 3
     * rounded down), the other 2 go 1-1: red 2, blue 1. Red has 10. Handing sector 1 to blue swaps
     * 4 and 1: red 7, still a majority; handing sector 3 over: red 9. No sector tips.
     */
    @Test
    void withoutNoiseTheExpectedResultIsCertainAndNoSectorTips() {
        VoteModel model = new VoteModel("paris-1982", List.of(sector("1", 5, 600, 400), sector("2", 5, 600, 400),
                sector("3", 3, 600, 400)), 0, 0, "test", null);
        SimulationResult r = Simulation.run(model, Transfers.DEFAULT, 1000, 3);

        assertThat(r.majority()).isEqualTo(7);
        SimulationResult.CampResult red = r.camps().get(0);
        assertThat(red.camp()).isEqualTo("rouge");
        assertThat(red.expectedSeats()).isEqualTo(4 + 4 + 2);
        assertThat(red.distribution()[10]).isEqualTo(1000);
        assertThat(red.pMajority()).isEqualTo(1.0);
        assertThat(r.sectors()).allSatisfy(s -> assertThat(s.tippingPointProbability()).isZero());
        assertThat(r.sectors().get(2).winProbability()).containsEntry("rouge", 1.0).containsEntry("bleu", 0.0);
    }

    /**
     * Sectors of 5, 5 and 7 seats (17, majority 9). Red wins 1 and 2 (4 seats each, see above);
     * blue wins 3 with 60 %: bonus 4 (half of 7 rounded up), D'Hondt on 3 at 600/400 → averages
     * 600 B, 400 R, 300 B: blue 6, red 1. Red has 4 + 4 + 1 = 9: exactly the majority. Handing
     * sector 1 or 2 to blue (red 4 → 1) takes it away, so both tip in every draw; handing sector 3
     * to red only widens red's majority: never tips.
     */
    @Test
    void aSectorWhoseFlipLosesTheMajorityTipsEveryTime() {
        VoteModel model = new VoteModel("paris-1982", List.of(sector("1", 5, 600, 400), sector("2", 5, 600, 400),
                sector("3", 7, 400, 600)), 0, 0, "test", null);
        SimulationResult r = Simulation.run(model, Transfers.DEFAULT, 500, 3);

        assertThat(r.majority()).isEqualTo(9);
        assertThat(r.camps().get(0).expectedSeats()).isEqualTo(9);
        assertThat(r.camps().stream().filter(c -> c.camp().equals("rouge")).findFirst().orElseThrow().pMajority())
                .isEqualTo(1.0);
        assertThat(r.sectors()).extracting(SimulationResult.SectorResult::tippingPointProbability)
                .containsExactly(1.0, 1.0, 0.0);
    }

    /**
     * Sector 1: red 600, blue 400 of 1,000. For blue to win in round 1 it needs more than 500:
     * moving 101 votes gives 499 / 501. Moving 100 gives 500 / 500: no majority, round 2 between
     * both (each ≥ 10 %) with equal votes, a tie the law breaks by age: not a win.
     */
    @Test
    void votesNeededIsTheSmallestShiftFromTheLeader() {
        VoteModel model = new VoteModel("paris-1982", List.of(sector("1", 5, 600, 400), sector("2", 5, 600, 400),
                sector("3", 3, 400, 600)), 1, 1, "test", null);
        SimulationResult r = Simulation.run(model, Transfers.DEFAULT, 10, 3);

        assertThat(r.sectors().get(0).votesNeeded()).containsEntry("bleu", 101L).containsEntry("rouge", 0L);
        assertThat(r.sectors().get(2).votesNeeded()).containsEntry("rouge", 101L);
    }

    /**
     * One sector of 5 seats, no majority in round 1: A 45 %, B 40 %, C 15 % (all qualify). With
     * the default rule all three stand with their own voters and A wins. With 100 % of C's voters
     * going to B, B has 55 against A's 45 and takes the bonus.
     */
    @Test
    void transfersDecideRoundTwo() {
        SectorCount s = new SectorCount(Sector.of("1", 5, 10, 1), 1000, List.of(new SectorCount.ListCount("A", "a", 450),
                new SectorCount.ListCount("B", "b", 400), new SectorCount.ListCount("C", "c", 150)));
        VoteModel model = new VoteModel("paris-1982", List.of(s), 0, 0, "test", null);

        assertThat(Simulation.run(model, Transfers.DEFAULT, 10, 1).sectors().get(0).expectedWinner()).isEqualTo("a");
        Transfers cToB = new Transfers(Map.of("c", Map.of("b", 1.0)));
        SimulationResult r = Simulation.run(model, cToB, 10, 1);
        assertThat(r.sectors().get(0).expectedWinner()).isEqualTo("b");
        assertThat(r.sectors().get(0).winProbability()).containsEntry("b", 1.0);
    }

    /**
     * Default rule: an eliminated list (D, 6 %) gives 80 % to its own camp's qualified list and an
     * eliminated list of another camp with none qualified (E, 4 %) 40 % to all qualified lists
     * pro rata. A 450 + 0.4·40·450/850, B 400 + 0.8·60 + 0.4·40·400/850 (D is in B's camp).
     */
    @Test
    void theDefaultRuleKeepsQualifiedVotersAndSendsEliminatedOnes() {
        long[] votes = {450, 400, 60, 40};
        int[] camps = {0, 1, 1, 2};
        long[] second = Transfers.DEFAULT.roundTwo(votes, camps, new String[] {"a", "b", "c"},
                new boolean[] {true, true, false, false}, -1);
        assertThat(second[0]).isEqualTo(Math.round(450 + 0.4 * 40 * 450 / 850.0));
        assertThat(second[1]).isEqualTo(Math.round(400 + 0.8 * 60 + 0.4 * 40 * 400 / 850.0));
        assertThat(second[2]).isZero();
        assertThat(second[3]).isZero();
    }

    @Test
    void theSameSeedGivesTheSameResultAndSeatDistributionsSumToTheDraws() {
        VoteModel model = new VoteModel("paris-1982", List.of(sector("1", 5, 520, 480), sector("2", 7, 470, 530),
                sector("3", 3, 500, 500)), 3, 2, "test", null);
        SimulationResult a = Simulation.run(model, Transfers.DEFAULT, 2_345, 42);
        SimulationResult b = Simulation.run(model, Transfers.DEFAULT, 2_345, 42);
        SimulationResult other = Simulation.run(model, Transfers.DEFAULT, 2_345, 43);

        for (int c = 0; c < a.camps().size(); c++) {
            assertThat(a.camps().get(c).distribution()).isEqualTo(b.camps().get(c).distribution());
            assertThat(Arrays.stream(a.camps().get(c).distribution()).sum()).isEqualTo(2_345);
        }
        assertThat(a.sectors()).isEqualTo(b.sectors());
        assertThat(a.camps().get(0).distribution()).isNotEqualTo(other.camps().get(0).distribution());
        double meanTotal = a.camps().stream().mapToDouble(SimulationResult.CampResult::meanSeats).sum();
        assertThat(meanTotal).isCloseTo(15, within(1e-9));
        for (SimulationResult.SectorResult s : a.sectors()) {
            assertThat(s.winProbability().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, within(1e-9));
            assertThat(s.tippingPointProbability()).isBetween(0.0, 1.0);
        }
        assertThat(a.pNoMajority() + a.camps().stream().mapToDouble(SimulationResult.CampResult::pMajority).sum())
                .isCloseTo(1, within(1e-9));
    }

    @Test
    void campsGroupListsByLabelThenNuanceThenTheCatchAll() {
        Camps camps = new Camps(Map.of("gauche", List.of("Mme X  Anne", "nuance:LUG"), "autres", List.of("*")));
        assertThat(camps.campOf(new Candidacy("mme x anne", null, null))).hasValue("gauche");
        assertThat(camps.campOf(new Candidacy("M. Y", "LUG", null))).hasValue("gauche");
        assertThat(camps.campOf(new Candidacy("M. Z", "LUD", null))).hasValue("autres");
        assertThat(camps.catchAll()).hasValue("autres");
        Camps strict = new Camps(Map.of("gauche", List.of("Mme X Anne")));
        assertThatThrownBy(() -> strict.assign(List.of(Candidacy.named("M. Z")))).hasMessageContaining("M. Z");
        assertThatThrownBy(() -> new Camps(Map.of("a", List.of("M. Z"), "b", List.of("m. z"))))
                .hasMessageMatching("« (M|m)\\. (Z|z) » est dans deux camps : « (a|b) » et « (a|b) »");
        // twice in one camp: said as such, not « dans deux camps : « a » et « a » » (found by a crawl)
        assertThatThrownBy(() -> new Camps(Map.of("a", List.of("M. Z", "m.  z"))))
                .hasMessage("« m.  z » est deux fois dans le camp « a »");
    }

    @Test
    void transferRowsAreChecked() {
        assertThatThrownBy(() -> new Transfers(Map.of("a", Map.of("b", 0.7, "c", 0.4)))).hasMessageContaining("100 %");
        assertThatThrownBy(() -> new Transfers(Map.of("a", Map.of("b", -0.1)))).hasMessageContaining("entre 0 et 1");
        VoteModel model = new VoteModel("paris-1982", List.of(sector("1", 5, 600, 400)), 0, 0, "test", null);
        assertThatThrownBy(() -> Simulation.run(model, new Transfers(Map.of("vert", Map.of("rouge", 1.0))), 10, 1))
                .hasMessageContaining("camp inconnu « vert »");
    }

    /** The inner loop's round-1 rule agrees with the law engine's on random counts. */
    @Test
    void roundOneQualificationMatchesTheLawEngine() {
        SplittableRandom random = new SplittableRandom(5);
        for (int k = 0; k < 20_000; k++) {
            int n = 2 + random.nextInt(8);
            long[] votes = new long[n];
            String[] names = new String[n];
            List<ListResult> lists = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                votes[i] = random.nextInt(4) == 0 ? random.nextInt(3) * 50 : random.nextInt(1000);
                names[i] = "L" + random.nextInt(1000) + "-" + i;
                lists.add(ListResult.of(names[i], votes[i]));
            }
            long sum = Arrays.stream(votes).sum();
            if (sum == 0) {
                continue;
            }
            long expressed = sum + random.nextInt(50);
            Ballot ballot = new Ballot(1, expressed, lists);
            boolean[] fast = RoundOne.qualified(votes, expressed, names);
            Map<String, Boolean> expected = new LinkedHashMap<>();
            for (String q : ListVoting.qualifiedForRoundTwo(ballot)) {
                expected.put(q, true);
            }
            for (int i = 0; i < n; i++) {
                assertThat(fast[i]).as(Arrays.toString(votes) + " " + names[i]).isEqualTo(expected.containsKey(names[i]));
            }
        }
    }

    /**
     * Two rounds of three sectors, camps a and b. City shares (exprimés 3,000 each time): a 50 %
     * → 60 %, so a's scaled city change is 0.10 / sqrt(4·0.55·0.45) = 0.1005; b the opposite.
     * Swing = RMS = 10.05 points. Every sector moved like the city: sector noise 0.
     */
    @Test
    void theSpreadIsFittedFromTwoRounds() {
        List<SectorCount> before = List.of(sector2("5", 500, 500), sector2("6", 500, 500), sector2("7", 500, 500));
        List<SectorCount> after = List.of(sector2("5", 600, 400), sector2("6", 600, 400), sector2("7", 600, 400));
        SpreadFit.Spread s = SpreadFit.fit(before, after).orElseThrow();
        assertThat(s.swing()).isCloseTo(100 * 0.1 / Math.sqrt(4 * 0.55 * 0.45), within(0.01));
        assertThat(s.sectorNoise()).isZero();
        assertThat(s.camps()).isEqualTo(2);
        assertThat(SpreadFit.fit(before.subList(0, 2), after)).isEmpty();
    }

    static SectorCount sector2(String name, long a, long b) {
        return new SectorCount(Sector.of(name, 3, 10, Integer.parseInt(name)), a + b,
                List.of(new SectorCount.ListCount("A" + name, "a", a), new SectorCount.ListCount("B" + name, "b", b)));
    }

    static SectorCount three(String name, int arrondissementSeats, long a, long b, long c) {
        return new SectorCount(Sector.of(name, 0, arrondissementSeats, Integer.parseInt(name)), a + b + c,
                List.of(new SectorCount.ListCount("A" + name, "a", a), new SectorCount.ListCount("B" + name, "b", b),
                        new SectorCount.ListCount("C" + name, "c", c)));
    }

    /**
     * The 2025 law at zero noise, round 1. City-wide: A 40,000 + 21,000 = 61,000, B 15,000 + 14,000 =
     * 29,000, C 5,000 + 5,000 = 10,000 of 100,000: A has 61 % > 50 %, bonus 163/4 = 40.75 → 41
     * (L.272-4-1). 122 seats by highest average: A's 75th average 61,000/75 = 813.3, B's 35th
     * 29,000/35 = 828.6, C's 12th 10,000/12 = 833.3 are all above the next ones (B 29,000/36 = 805.6,
     * A 61,000/76 = 802.6, C 10,000/13 = 769.2): A 75, B 35, C 12. Council A 116, B 35, C 12 = 163;
     * majority 82, held by A in every draw. The sectors elect their arrondissement councils: sector
     * 1 (10 seats) A 40,000 of 60,000 → A; sector 2 (10 seats) A 21,000 of 40,000 (52.5 %) → A.
     * No sector can tip the council, which they do not elect.
     */
    @Test
    void theCityWideCouncilAtZeroNoiseIsTheHandWorkedQuarterBonusAllocation() {
        VoteModel model = new VoteModel("paris-1982", List.of(three("1", 10, 40_000, 15_000, 5_000),
                three("2", 10, 21_000, 14_000, 5_000)), 0, 0, "test", null).cityWide("paris-2025", 163);
        SimulationResult r = Simulation.run(model, Transfers.DEFAULT, 1000, 5);

        assertThat(r.system()).isEqualTo("paris-2025");
        assertThat(r.councilSeats()).isEqualTo(163);
        assertThat(r.majority()).isEqualTo(82);
        Map<String, SimulationResult.CampResult> camps = new LinkedHashMap<>();
        r.camps().forEach(c -> camps.put(c.camp(), c));
        assertThat(camps.get("a").expectedSeats()).isEqualTo(116);
        assertThat(camps.get("b").expectedSeats()).isEqualTo(35);
        assertThat(camps.get("c").expectedSeats()).isEqualTo(12);
        assertThat(camps.get("a").distribution()[116]).isEqualTo(1000);
        assertThat(camps.get("b").distribution()[35]).isEqualTo(1000);
        assertThat(camps.get("a").pMajority()).isEqualTo(1.0);
        assertThat(r.pNoMajority()).isZero();
        assertThat(r.sectors()).allSatisfy(sec -> {
            assertThat(sec.seats()).isEqualTo(10);
            assertThat(sec.winProbability()).containsEntry("a", 1.0);
            assertThat(sec.tippingPointProbability()).isZero();
        });
    }

    /**
     * Round 2 under the 2025 law at zero noise: A 45,000, B 40,000, C 15,000 city-wide (no majority);
     * all three reach 10 % and, without transfer rows, keep their voters. A has the most votes: bonus
     * 41; 122 by highest average: A's 55th 45,000/55 = 818.2, B's 49th 40,000/49 = 816.3, C's 18th
     * 15,000/18 = 833.3, next A 803.6, B 800, C 789.5: A 55, B 49, C 18. Council A 96, B 49, C 18:
     * A holds the majority (82) in every draw — where the 1982-style half bonus (82 + 41 of the 81
     * left) would have given A far more. Then a transfer row sending 90 % of C's voters to B: round
     * 2 A 45,000, B 40,000 + 13,500 = 53,500, so B takes the bonus; 122 among B 53,500 and A 45,000
     * (C withdrawn, its row has no share for itself): B's 66th 53,500/66 = 810.6, A's 56th 45,000/56
     * = 803.6, next B 53,500/67 = 798.5, A 45,000/57 = 789.5 → B 66, A 56. Council B 107, A 56.
     */
    @Test
    void theCityWideCouncilGoesToRoundTwoWithTheTransfers() {
        VoteModel model = new VoteModel("paris-1982", List.of(three("1", 10, 25_000, 20_000, 5_000),
                three("2", 10, 20_000, 20_000, 10_000)), 0, 0, "test", null).cityWide("paris-2025", 163);
        SimulationResult r = Simulation.run(model, Transfers.DEFAULT, 200, 5);
        Map<String, Integer> expected = new LinkedHashMap<>();
        r.camps().forEach(c -> expected.put(c.camp(), c.expectedSeats()));
        assertThat(expected).containsEntry("a", 96).containsEntry("b", 49).containsEntry("c", 18);
        assertThat(r.camps().get(0).pMajority()).isEqualTo(1.0);

        SimulationResult merged = Simulation.run(model, new Transfers(Map.of("c", Map.of("b", 0.9))), 200, 5);
        Map<String, SimulationResult.CampResult> camps = new LinkedHashMap<>();
        merged.camps().forEach(c -> camps.put(c.camp(), c));
        assertThat(camps.get("b").expectedSeats()).isEqualTo(107);
        assertThat(camps.get("a").expectedSeats()).isEqualTo(56);
        assertThat(camps.get("c").expectedSeats()).isZero();
        assertThat(camps.get("b").pMajority()).isEqualTo(1.0);
    }

    /** With noise, every draw's council still adds up to 163 and the probabilities are consistent. */
    @Test
    void theCityWideCouncilAlwaysAddsUpTo163() {
        VoteModel model = new VoteModel("paris-1982", List.of(three("1", 10, 25_000, 20_000, 5_000),
                three("2", 12, 20_000, 20_000, 10_000), three("3", 14, 9_000, 12_000, 3_000)), 3, 2, "test", null)
                .cityWide("paris-2025", 163);
        SimulationResult r = Simulation.run(model, Transfers.DEFAULT, 4000, 11);
        double meanTotal = r.camps().stream().mapToDouble(SimulationResult.CampResult::meanSeats).sum();
        assertThat(meanTotal).isCloseTo(163.0, within(1e-9));
        assertThat(r.camps()).allSatisfy(c -> assertThat(Arrays.stream(c.distribution()).sum()).isEqualTo(4000));
        double pAny = r.camps().stream().mapToDouble(SimulationResult.CampResult::pMajority).sum();
        assertThat(pAny + r.pNoMajority()).isCloseTo(1.0, within(1e-9));
        // A 54,000 and B 52,000 city-wide: a close race, each camp holds the majority in some draws
        assertThat(r.camps().get(0).pMajority()).isBetween(0.05, 0.95);
        assertThat(r.camps().get(1).pMajority()).isBetween(0.05, 0.95);
        assertThat(r.sectors().get(2).seats()).isEqualTo(14);
    }
}
