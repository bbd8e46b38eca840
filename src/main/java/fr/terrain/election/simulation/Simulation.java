package fr.terrain.election.simulation;

import fr.terrain.election.law.Ballot;
import fr.terrain.election.law.BonusRule;
import fr.terrain.election.law.ListResult;
import fr.terrain.election.law.ListVoting;
import fr.terrain.election.law.SeatAllocation;
import fr.terrain.election.law.UnresolvedTie;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Monte Carlo over a {@link VoteModel}: each draw moves the round-1 shares, decides every sector
 * by the law engine ({@link ListVoting}: absolute majority in round 1, else round 2 among the
 * qualified lists with {@link Transfers}), and adds up council seats per camp.
 *
 * <p>Draws are cut into blocks of {@value #BLOCK}, each with its own random stream derived from
 * the seed and the block's number, and the blocks' integer tallies are summed: the result depends
 * on the seed only, not on the number of threads or the order they finish in.
 */
public final class Simulation {
    public static final int MAX_DRAWS = 1_000_000;
    static final int BLOCK = 500;
    private static final BonusRule HALF = new BonusRule.Half();
    private static final BonusRule QUARTER = new BonusRule.Quarter();

    private final VoteModel model;
    private final Transfers transfers;
    private final String[] campNames;
    private final Map<String, Integer> campIndex = new HashMap<>();
    private final Plan[] plans;
    private final int seatsTotal;
    private final int majority;
    private final int catchAll;

    private Simulation(VoteModel model, Transfers transfers) {
        this.model = model;
        this.transfers = transfers;
        List<String> camps = model.camps();
        this.campNames = camps.toArray(String[]::new);
        for (int i = 0; i < campNames.length; i++) {
            campIndex.put(campNames[i], i);
        }
        for (Map.Entry<String, Map<String, Double>> row : transfers.rows().entrySet()) {
            requireCamp(row.getKey());
            row.getValue().keySet().stream().filter(k -> !k.equals(Transfers.ABSTENTION)).forEach(this::requireCamp);
        }
        this.catchAll = model.catchAll() == null ? -1 : campIndex.getOrDefault(model.catchAll(), -1);
        this.plans = model.sectors().stream().map(this::plan).toArray(Plan[]::new);
        this.seatsTotal = model.councilSeats();
        this.majority = model.majority();
        if (seatsTotal <= 0) {
            throw new IllegalArgumentException("les secteurs n'élisent aucun conseiller : rien à simuler");
        }
    }

    /** Runs {@code draws} draws from {@code seed}, on the common fork-join pool. */
    public static SimulationResult run(VoteModel model, Transfers transfers, int draws, long seed) {
        if (draws < 1 || draws > MAX_DRAWS) {
            throw new IllegalArgumentException("le nombre de tirages doit être entre 1 et " + MAX_DRAWS + ", trouvé " + draws);
        }
        return new Simulation(model, transfers).simulate(draws, seed);
    }

    private void requireCamp(String camp) {
        if (!campIndex.containsKey(camp)) {
            throw new IllegalArgumentException("report : camp inconnu « " + camp + " » (camps de cette élection : "
                    + String.join(", ", Arrays.asList(campNames).subList(0, Math.min(12, campNames.length)))
                    + (campNames.length > 12 ? ", …" : "") + ")");
        }
    }

    /** A sector prepared for fast draws. */
    private record Plan(SectorCount count, int seats, String[] names, int[] camps, double[] share, double[] scale,
            long[] votes, long listVotes, Map<String, Integer> index) {}

    /**
     * The seats a sector's ballot allocates: its council seats under the 1982 law, its
     * arrondissement council under the 2025 law (the council being elected city-wide).
     */
    private int sectorSeats(SectorCount c) {
        return model.isCityWide() ? c.sector().arrondissementSeats() : c.sector().councilSeats();
    }

    private Plan plan(SectorCount c) {
        if (sectorSeats(c) <= 0) {
            throw new IllegalArgumentException("le secteur " + c.sector().name() + " n'élit aucun conseiller");
        }
        int n = c.lists().size();
        String[] names = new String[n];
        int[] camps = new int[n];
        double[] share = new double[n];
        double[] scale = new double[n];
        long[] votes = new long[n];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            SectorCount.ListCount l = c.lists().get(i);
            names[i] = l.list();
            camps[i] = campIndex.get(l.camp());
            votes[i] = l.votes();
            share[i] = (double) l.votes() / c.expressed();
            scale[i] = Math.sqrt(4 * share[i] * (1 - share[i]));
            index.put(l.list(), i);
        }
        return new Plan(c, sectorSeats(c), names, camps, share, scale, votes, c.listVotes(), index);
    }

    /** A sector decided: council seats of each list, the bonus list and the runner-up (or -1). */
    private record Decision(int[] seats, int winner, int runnerUp) {}

    private Decision decide(Plan p, long[] votes) {
        int n = votes.length;
        long sum = 0;
        int top = 0;
        for (int i = 0; i < n; i++) {
            sum += votes[i];
            if (votes[i] > votes[top]) {
                top = i;
            }
        }
        long expressed = p.count.expressed() - p.listVotes + sum;
        int seats = p.seats;
        SeatAllocation a;
        if (votes[top] * 2 > expressed) {
            a = ListVoting.allocate(model.system(), seats, HALF, new Ballot(1, expressed, results(p, votes, null)));
        } else {
            boolean[] qualified = RoundOne.qualified(votes, expressed, p.names);
            long[] second = transfers.roundTwo(votes, p.camps, campNames, qualified, catchAll);
            List<ListResult> standing = results(p, second, qualified);
            if (standing.stream().allMatch(l -> l.votes() == 0)) {
                throw new IllegalArgumentException("secteur " + p.count.sector().name()
                        + " : les reports ne laissent aucune voix au second tour");
            }
            a = ListVoting.allocate(model.system(), seats, HALF, Ballot.of(2, standing));
        }
        int[] won = new int[n];
        a.seats().forEach((list, k) -> won[p.index.get(list)] = k);
        int winner = p.index.get(a.bonusTo());
        int runnerUp = -1;
        for (Map.Entry<String, Long> e : a.votes().entrySet()) {
            int i = p.index.get(e.getKey());
            if (i != winner) {
                runnerUp = i;
                break;
            }
        }
        return new Decision(won, winner, runnerUp);
    }

    private static List<ListResult> results(Plan p, long[] votes, boolean[] only) {
        List<ListResult> out = new ArrayList<>(votes.length);
        for (int i = 0; i < votes.length; i++) {
            if (only == null || only[i]) {
                out.add(ListResult.of(p.names[i], votes[i]));
            }
        }
        return out;
    }

    /**
     * An exact tie in a draw is broken by one more vote for a list drawn at random: the law breaks
     * it by the candidates' ages, which the count does not carry.
     */
    private Decision decide(Plan p, long[] votes, SplittableRandom random) {
        for (int attempt = 0; ; attempt++) {
            try {
                return decide(p, votes);
            } catch (UnresolvedTie tie) {
                if (attempt == 50) {
                    throw tie;
                }
                votes[random.nextInt(votes.length)]++;
            }
        }
    }

    /**
     * The city-wide council ballot of the 2025 law: each camp is one city list with the round-1
     * votes of its lists summed over the sectors. An absolute majority of the exprimés takes the
     * bonus in round 1; else round 2 among the qualified camps with the {@link Transfers}. The
     * bonus is a quarter of the seats (L.272-4-1), the rest by the highest average (L.262).
     *
     * @param campVotes round-1 votes of every camp over the city
     * @param expressed exprimés over the city
     * @param random breaks a tie of round 2 (see {@link #roundTwo}); null: the tie is thrown
     * @return council seats of every camp
     * @throws UnresolvedTie on an exact tie the law breaks by age
     */
    private int[] decideCity(long[] campVotes, long expressed, SplittableRandom random) {
        int n = campVotes.length;
        int[] in = IntStream.range(0, n).filter(c -> campVotes[c] > 0).toArray();
        long[] votes = new long[in.length];
        String[] names = new String[in.length];
        int[] camps = new int[in.length];
        for (int k = 0; k < in.length; k++) {
            votes[k] = campVotes[in[k]];
            names[k] = campNames[in[k]];
            camps[k] = in[k];
        }
        int top = 0;
        for (int k = 1; k < votes.length; k++) {
            if (votes[k] > votes[top]) {
                top = k;
            }
        }
        SeatAllocation a;
        if (votes[top] * 2 > expressed) {
            List<ListResult> lists = new ArrayList<>();
            for (int k = 0; k < votes.length; k++) {
                lists.add(ListResult.of(names[k], votes[k]));
            }
            a = ListVoting.allocate(model.system(), seatsTotal, QUARTER, new Ballot(1, expressed, lists));
        } else {
            boolean[] qualified = RoundOne.qualified(votes, expressed, names);
            long[] second = transfers.roundTwo(votes, camps, campNames, qualified, catchAll);
            List<ListResult> standing = new ArrayList<>();
            for (int k = 0; k < votes.length; k++) {
                if (qualified[k]) {
                    standing.add(ListResult.of(names[k], second[k]));
                }
            }
            if (standing.stream().allMatch(l -> l.votes() == 0)) {
                throw new IllegalArgumentException("conseil : les reports ne laissent aucune voix au second tour");
            }
            a = roundTwo(standing, random);
        }
        int[] seats = new int[n];
        for (int k = 0; k < in.length; k++) {
            seats[in[k]] = a.seatsOf(names[k]);
        }
        return seats;
    }

    /**
     * The council's round 2, an exact tie (which the law breaks by the candidates' ages, which the count does not
     * carry) broken by one more round-2 vote for a list drawn at random, until there is none: the transfers make the
     * round-2 votes, so a vote more in round 1 may leave such a tie as it was. Without {@code random} (the expected
     * result, not a draw) the tie is thrown.
     */
    private SeatAllocation roundTwo(List<ListResult> standing, SplittableRandom random) {
        List<ListResult> lists = new ArrayList<>(standing);
        for (int attempt = 0; ; attempt++) {
            try {
                return ListVoting.allocate(model.system(), seatsTotal, QUARTER, Ballot.of(2, lists));
            } catch (UnresolvedTie tie) {
                if (random == null || attempt == 200) {
                    throw tie;
                }
                int k;
                do {
                    k = random.nextInt(lists.size());
                } while (lists.get(k).votes() == 0);
                lists.set(k, ListResult.of(lists.get(k).list(), lists.get(k).votes() + 1));
            }
        }
    }

    /** {@link #decideCity(long[], long, SplittableRandom)}, an exact tie of round 1 broken by one more vote for a camp. */
    private int[] decideCityBreakingTies(long[] campVotes, long expressed, SplittableRandom random) {
        for (int attempt = 0; ; attempt++) {
            try {
                return decideCity(campVotes, expressed, random);
            } catch (UnresolvedTie tie) {
                if (attempt == 50) {
                    throw tie;
                }
                int c;
                do {
                    c = random.nextInt(campVotes.length);
                } while (campVotes[c] == 0);
                campVotes[c]++;
                expressed++;
            }
        }
    }

    /** Integer tallies of a block of draws; blocks add up. */
    private final class Tally {
        final long[][] distribution = new long[campNames.length][seatsTotal + 1];
        final long[] seatSum = new long[campNames.length];
        final long[] majorities = new long[campNames.length];
        long noMajority;
        final long[][] sectorWins = new long[plans.length][campNames.length];
        final long[][] sectorSeats = new long[plans.length][campNames.length];
        final long[] tipping = new long[plans.length];

        Tally add(Tally o) {
            for (int c = 0; c < campNames.length; c++) {
                for (int k = 0; k <= seatsTotal; k++) {
                    distribution[c][k] += o.distribution[c][k];
                }
                seatSum[c] += o.seatSum[c];
                majorities[c] += o.majorities[c];
            }
            noMajority += o.noMajority;
            for (int s = 0; s < plans.length; s++) {
                tipping[s] += o.tipping[s];
                for (int c = 0; c < campNames.length; c++) {
                    sectorWins[s][c] += o.sectorWins[s][c];
                    sectorSeats[s][c] += o.sectorSeats[s][c];
                }
            }
            return this;
        }
    }

    private Tally block(long seed, int block, int draws) {
        SplittableRandom random = new SplittableRandom(mix(seed ^ mix(block + 1L)));
        Tally t = new Tally();
        int camps = campNames.length;
        double[] swing = new double[camps];
        int[] campSeats = new int[camps];
        int[] winnerCamp = new int[plans.length];
        int[] runnerCamp = new int[plans.length];
        int[] margin = new int[plans.length];
        double swingSd = model.swing() / 100;
        double noiseSd = model.sectorNoise() / 100;
        boolean cityWide = model.isCityWide();
        long[] cityVotes = new long[camps];
        for (int d = 0; d < draws; d++) {
            for (int c = 0; c < camps; c++) {
                swing[c] = swingSd * random.nextGaussian();
            }
            Arrays.fill(campSeats, 0);
            Arrays.fill(cityVotes, 0);
            long cityExpressed = 0;
            for (int s = 0; s < plans.length; s++) {
                Plan p = plans[s];
                long[] votes = drawVotes(p, swing, noiseSd, random);
                if (cityWide) {
                    long sum = 0;
                    for (int i = 0; i < votes.length; i++) {
                        cityVotes[p.camps[i]] += votes[i];
                        sum += votes[i];
                    }
                    cityExpressed += p.count.expressed() - p.listVotes + sum;
                }
                Decision dec = decide(p, votes, random);
                for (int i = 0; i < votes.length; i++) {
                    if (!cityWide) {
                        campSeats[p.camps[i]] += dec.seats[i];
                    }
                    t.sectorSeats[s][p.camps[i]] += dec.seats[i];
                }
                winnerCamp[s] = p.camps[dec.winner];
                t.sectorWins[s][winnerCamp[s]]++;
                runnerCamp[s] = dec.runnerUp < 0 ? winnerCamp[s] : p.camps[dec.runnerUp];
                // under the 2025 law the sectors elect no council seat: no sector is ever pivotal
                margin[s] = cityWide || dec.runnerUp < 0 ? 0 : dec.seats[dec.winner] - dec.seats[dec.runnerUp];
            }
            if (cityWide) {
                int[] council = decideCityBreakingTies(cityVotes, cityExpressed, random);
                System.arraycopy(council, 0, campSeats, 0, camps);
            }
            int holder = holder(campSeats);
            if (holder < 0) {
                t.noMajority++;
            } else {
                t.majorities[holder]++;
            }
            for (int c = 0; c < camps; c++) {
                t.distribution[c][campSeats[c]]++;
                t.seatSum[c] += campSeats[c];
            }
            for (int s = 0; s < plans.length; s++) {
                if (winnerCamp[s] != runnerCamp[s] && margin[s] != 0
                        && flippedHolder(campSeats, holder, winnerCamp[s], runnerCamp[s], margin[s]) != holder) {
                    t.tipping[s]++;
                }
            }
        }
        return t;
    }

    private static long[] drawVotes(Plan p, double[] swing, double noiseSd, SplittableRandom random) {
        int n = p.share.length;
        double[] x = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            x[i] = Math.max(0, p.share[i] + p.scale[i] * (swing[p.camps[i]] + noiseSd * random.nextGaussian()));
            sum += x[i];
        }
        long[] votes = new long[n];
        for (int i = 0; i < n; i++) {
            votes[i] = sum > 0 ? Math.round(x[i] / sum * p.listVotes) : p.votes[i];
        }
        return votes;
    }

    /** The camp with an absolute majority of the council, or -1. */
    private int holder(int[] campSeats) {
        for (int c = 0; c < campSeats.length; c++) {
            if (campSeats[c] >= majority) {
                return c;
            }
        }
        return -1;
    }

    /**
     * Who holds the majority when the sector's winner and runner-up swap their seats: swapping two
     * lists' votes swaps their seats under L.262, so no new allocation is needed.
     */
    private int flippedHolder(int[] campSeats, int holder, int winner, int runner, int margin) {
        if (campSeats[winner] - margin >= majority) {
            return winner;
        }
        if (campSeats[runner] + margin >= majority) {
            return runner;
        }
        return holder == winner || holder == runner ? -1 : holder;
    }

    private SimulationResult simulate(int draws, long seed) {
        int blocks = (draws + BLOCK - 1) / BLOCK;
        Tally total = IntStream.range(0, blocks).parallel()
                .mapToObj(b -> block(seed, b, Math.min(BLOCK, draws - b * BLOCK)))
                .reduce(Tally::add).orElseThrow();
        Decision[] expected = new Decision[plans.length];
        int[] expectedSeats = new int[campNames.length];
        for (int s = 0; s < plans.length; s++) {
            try {
                expected[s] = decide(plans[s], plans[s].votes.clone());
                if (!model.isCityWide()) {
                    for (int i = 0; i < plans[s].names.length; i++) {
                        expectedSeats[plans[s].camps[i]] += expected[s].seats[i];
                    }
                }
            } catch (UnresolvedTie tie) {
                expected[s] = null;
            }
        }
        if (model.isCityWide()) {
            long[] cityVotes = new long[campNames.length];
            long cityExpressed = 0;
            for (Plan p : plans) {
                for (int i = 0; i < p.votes.length; i++) {
                    cityVotes[p.camps[i]] += p.votes[i];
                }
                cityExpressed += p.count.expressed();
            }
            try {
                expectedSeats = decideCity(cityVotes, cityExpressed, null);
            } catch (UnresolvedTie tie) {
                // an exact tie on the expected result: no expected seats, as for a sector
            }
        }
        List<SimulationResult.CampResult> camps = new ArrayList<>();
        for (int c = 0; c < campNames.length; c++) {
            camps.add(new SimulationResult.CampResult(campNames[c], (double) total.seatSum[c] / draws,
                    (double) total.majorities[c] / draws, total.distribution[c], expectedSeats[c]));
        }
        List<SimulationResult.SectorResult> sectors = new ArrayList<>();
        for (int s = 0; s < plans.length; s++) {
            Plan p = plans[s];
            Map<String, Double> wins = new LinkedHashMap<>();
            Map<String, Double> seats = new LinkedHashMap<>();
            Map<String, Long> needed = new LinkedHashMap<>();
            for (int c = 0; c < campNames.length; c++) {
                if (hasList(p, c)) {
                    wins.put(campNames[c], (double) total.sectorWins[s][c] / draws);
                    seats.put(campNames[c], (double) total.sectorSeats[s][c] / draws);
                    needed.put(campNames[c], expected[s] == null ? null : votesNeeded(p, expected[s], c));
                }
            }
            sectors.add(new SimulationResult.SectorResult(p.count.sector().name(), p.seats,
                    wins, seats, (double) total.tipping[s] / draws,
                    expected[s] == null ? null : campNames[p.camps[expected[s].winner]], needed));
        }
        return new SimulationResult(model.system(), draws, seed, model.swing(), model.sectorNoise(),
                model.parameterSource(), seatsTotal, majority, (double) total.noMajority / draws, camps, sectors);
    }

    private static boolean hasList(Plan p, int camp) {
        for (int c : p.camps) {
            if (c == camp) {
                return true;
            }
        }
        return false;
    }

    /**
     * The fewest round-1 votes to move from the expected winner's list to the camp's first list so
     * that the camp wins the sector, found by bisection (the outcome is monotone in the votes moved
     * save for rare changes of qualification, see docs/simulation.md); null when moving all of
     * them is not enough.
     */
    private Long votesNeeded(Plan p, Decision expected, int camp) {
        if (p.camps[expected.winner] == camp) {
            return 0L;
        }
        int to = -1;
        for (int i = 0; i < p.names.length; i++) {
            if (p.camps[i] == camp && (to < 0 || p.votes[i] > p.votes[to])) {
                to = i;
            }
        }
        int from = expected.winner;
        long high = p.votes[from];
        if (!wins(p, from, to, high, camp)) {
            return null;
        }
        long low = 0;
        while (high - low > 1) {
            long mid = (low + high) >>> 1;
            if (wins(p, from, to, mid, camp)) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }

    private boolean wins(Plan p, int from, int to, long moved, int camp) {
        long[] votes = p.votes.clone();
        votes[from] -= moved;
        votes[to] += moved;
        try {
            return p.camps[decide(p, votes).winner] == camp;
        } catch (UnresolvedTie tie) {
            return false;
        }
    }

    /** SplitMix64's finaliser: distinct block numbers give unrelated streams. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
