package fr.terrain.demo;

import fr.terrain.ingest.Progress;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A national-size synthetic electorate for benchmarks: bureaux in 95 département-like areas laid
 * on a grid over metropolitan France, with a presidential-style first round, addresses and an
 * electoral list. Everything about a bureau is recomputed from the seed and its code, so each file
 * is written in one pass holding one bureau at a time: 49 million voters need no more memory
 * than a thousand.
 */
final class Nation {
    static final String RESULTS_FILE = "demo_presidentielle_nationale_bv_long.csv";
    static final String ADDRESSES_FILE = "demo_adresses_nationales_ban.csv";
    static final String VOTERS_FILE = "demo_liste_electorale_nationale.csv";
    static final String RESULTS_HEADER = "tour;date;arrondissement;num_bureau;id_bv;inscrits;votants;exprimes;"
            + "blancs_nuls;P;candidate_id;candidat;voix";
    /** A Sunday in April, after the last presidential round the calendar knows. */
    static final LocalDate ELECTION_DAY = LocalDate.of(2027, 4, 11);
    private static final double WEST = -4.5;
    private static final double NORTH = 51.1;
    private static final double CELL_LON = 1.25;
    private static final double CELL_LAT = 0.87;
    private static final int GRID_COLUMNS = 10;

    /**
     * @param stations bureaux in all
     * @param meanRegistered registered voters per bureau on average
     * @param addressesPerVoter BAN addresses per registered voter
     */
    record Size(int areas, int stations, double meanRegistered, double addressesPerVoter) {
        /** France: 69,000 bureaux, 49 million voters, 26 million addresses. */
        static final Size FRANCE = new Size(95, 69_000, 710.1, 0.531);

        Size {
            if (areas < 1 || areas > 99 || stations < areas) {
                throw new IllegalArgumentException("1–99 areas and at least one bureau per area");
            }
        }
    }

    /** A candidate: appeal {@code base + income·(x−½) + age·(a−½)}, shares being the softmax of appeals. */
    record Candidate(int id, String name, double base, double income, double age) {}

    /** One bureau, recomputed from the seed whenever a file needs it. */
    record Bureau(int area, int number, double income, double age, int registered, double west, double south,
            double width, double height) {
        String code() {
            return area + "-" + number;
        }

        String inseeCode() {
            return String.format(Locale.ROOT, "990%02d", area);
        }
    }

    final Size size;
    final long seed;
    private final int[] stationsPerArea;
    private final double[] areaIncome;
    private final double[] areaAge;

    Nation(Size size, long seed) {
        this.size = size;
        this.seed = seed;
        SplittableRandom r = RandomStreams.of(seed, "nation");
        double[] weights = new double[size.areas()];
        areaIncome = new double[size.areas()];
        areaAge = new double[size.areas()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = StrictMath.exp(0.6 * RandomStreams.gaussian(r));
            areaIncome[i] = 0.5 * RandomStreams.gaussian(r);
            areaAge[i] = 0.5 * RandomStreams.gaussian(r);
        }
        stationsPerArea = RandomStreams.apportion(size.stations() - size.areas(), weights);
        for (int i = 0; i < stationsPerArea.length; i++) {
            stationsPerArea[i]++;
        }
    }

    int stations(int area) {
        return stationsPerArea[area - 1];
    }

    Bureau bureau(int area, int number) {
        SplittableRandom r = RandomStreams.of(seed, "bureau", area, number);
        int n = stations(area);
        int columns = (int) Math.ceil(Math.sqrt(n));
        int rows = (n + columns - 1) / columns;
        int cell = area - 1;
        double areaWest = WEST + (cell % GRID_COLUMNS) * CELL_LON;
        double areaNorth = NORTH - (cell / GRID_COLUMNS) * CELL_LAT;
        double width = CELL_LON / columns;
        double height = CELL_LAT / rows;
        double west = areaWest + ((number - 1) % columns) * width;
        double south = areaNorth - ((number - 1) / columns + 1) * height;
        int registered = (int) Math.round(Math.max(40, Math.min(3000,
                size.meanRegistered() * StrictMath.exp(0.4 * RandomStreams.gaussian(r) - 0.08))));
        return new Bureau(area, number, RandomStreams.logistic(areaIncome[area - 1] + 0.9 * RandomStreams.gaussian(r)),
                RandomStreams.logistic(areaAge[area - 1] + 0.7 * RandomStreams.gaussian(r)), registered, west, south,
                width, height);
    }

    // ---- presidential results

    List<Candidate> candidates() {
        SplittableRandom r = RandomStreams.of(seed, "candidates");
        double[][] appeal = {{1.3, 2.5, 2.0}, {1.2, -3.0, 0.8}, {0.9, -2.5, -3.0}, {0.0, 0.5, 0.5},
            {0.05, 3.0, 3.5}, {-0.1, 0.8, -2.0}, {-1.0, -1.0, 0.8}, {-1.2, -1.2, 1.2}, {-0.8, 0.8, 1.5},
            {-1.3, -0.8, 1.0}, {-1.9, -1.5, 0}, {-2.3, -1.2, 0}};
        List<Candidate> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < appeal.length; i++) {
            String name;
            do {
                name = Names.candidate(r);
            } while (!names.add(name));
            out.add(new Candidate(i + 1, name, appeal[i][0], appeal[i][1], appeal[i][2]));
        }
        return out;
    }

    /** @return rows written */
    long writeResults(Path file, Progress progress) {
        List<Candidate> candidates = candidates();
        try (TextFile out = new TextFile(file, "\n", progress, (long) size.stations() * candidates.size() * 60)) {
            out.line(RESULTS_HEADER);
            CsvLine line = new CsvLine(';');
            String date = ELECTION_DAY.toString();
            double[] weights = new double[candidates.size()];
            for (int area = 1; area <= size.areas(); area++) {
                for (int number = 1; number <= stations(area); number++) {
                    Bureau b = bureau(area, number);
                    SplittableRandom r = RandomStreams.of(seed, "presidential", area, number);
                    double x = b.income() - 0.5;
                    double a = b.age() - 0.5;
                    double p = RandomStreams.logistic(1.15 + 1.0 * x + 1.2 * a + 0.15 * RandomStreams.gaussian(r));
                    int voters = (int) Math.min(b.registered(), Math.round(b.registered() * p));
                    int blankOrInvalid = (int) Math.round(voters * RandomStreams.uniform(r, 0.015, 0.035));
                    int expressed = voters - blankOrInvalid;
                    int proxies = (int) Math.round(voters * RandomStreams.uniform(r, 0.02, 0.07));
                    for (int i = 0; i < weights.length; i++) {
                        Candidate c = candidates.get(i);
                        weights[i] = StrictMath.exp(c.base() + c.income() * x + c.age() * a
                                + 0.1 * RandomStreams.gaussian(r));
                    }
                    int[] votes = RandomStreams.apportion(expressed, weights);
                    for (int i = 0; i < votes.length; i++) {
                        Candidate c = candidates.get(i);
                        out.line(line.clear().add(1).add(date).add(area).add(number).add(b.code()).add(b.registered())
                                .add(voters).add(expressed).add(blankOrInvalid).add(proxies).add(c.id()).add(c.name())
                                .add(votes[i]).text());
                    }
                }
            }
            return out.lines() - 1;
        }
    }

    // ---- addresses: a few streets across each bureau's cell

    /**
     * One address of a bureau; {@link #addresses} recomputes them identically for both files. An
     * area stands for a whole département under one commune code, so each bureau's addresses carry
     * a lieu-dit of their own, as rural addresses do, and street names differ within a lieu-dit.
     */
    record Address(String voie, String type, String name, String lieuDit, int number, double lon, double lat) {}

    List<Address> addresses(Bureau b) {
        SplittableRandom r = RandomStreams.of(seed, "addresses", b.area(), b.number());
        int count = (int) Math.max(3, Math.round(b.registered() * size.addressesPerVoter()
                * RandomStreams.uniform(r, 0.85, 1.15)));
        int streets = Math.min(64, (count + 29) / 30);
        int[] perStreet = RandomStreams.apportion(count, ones(streets));
        List<String> names = Names.STREET_NAMES;
        String lieuDit = Names.districtName(RandomStreams.pick(r, names)) + " " + b.number();
        int first = r.nextInt(names.size());
        List<Address> out = new ArrayList<>(count);
        for (int k = 0; k < streets; k++) {
            double u = RandomStreams.uniform(r, 0, 1);
            String type = u < 0.6 ? "Rue" : u < 0.75 ? "Avenue" : u < 0.85 ? "Chemin" : u < 0.93 ? "Allée" : "Impasse";
            // a step prime to the pool's size visits distinct names for the 64 streets a bureau may have
            String name = names.get((first + 67 * k) % names.size());
            String voie = Long.toString(((long) b.number() << 6) + k, 36);
            voie = ("00000" + voie).substring(voie.length()).toLowerCase(Locale.ROOT);
            double y = b.south() + b.height() * (k + 0.5) / streets;
            int sides = (perStreet[k] + 1) / 2;
            for (int i = 0; i < perStreet[k]; i++) {
                int number = i + 1; // odd numbers on the north side, even on the south
                double x = b.west() + b.width() * ((i / 2) + 0.5) / sides;
                double offset = (i % 2 == 0 ? 1 : -1) * b.height() / streets * 0.1;
                out.add(new Address(voie, type, name, lieuDit, number, CsvLine.rounded(x, CityAddresses.DECIMALS),
                        CsvLine.rounded(y + offset, CityAddresses.DECIMALS)));
            }
        }
        return out;
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1);
        return w;
    }

    long addressCountEstimate() {
        return Math.round(size.stations() * size.meanRegistered() * size.addressesPerVoter());
    }

    /** @return addresses written */
    long writeAddresses(Path file, Progress progress) {
        try (BanFile out = new BanFile(file, progress, addressCountEstimate())) {
            for (int area = 1; area <= size.areas(); area++) {
                String commune = "Zone synthétique " + area;
                String delivery = "ZONE SYNTHETIQUE " + area;
                for (int number = 1; number <= stations(area); number++) {
                    Bureau b = bureau(area, number);
                    SplittableRandom r = RandomStreams.of(seed, "ban", area, number);
                    for (Address a : addresses(b)) {
                        out.address(b.inseeCode(), commune, delivery, a.voie(), a.number(), null,
                                a.type() + " " + a.name(), a.lieuDit(), a.lon(), a.lat(), r);
                    }
                }
            }
            return out.addresses();
        }
    }

    // ---- electoral list

    /** @return voters written */
    long writeVoters(Path file, Progress progress) {
        long expected = Math.round(size.stations() * size.meanRegistered());
        try (ElectoralList out = new ElectoralList(file, progress, expected, ELECTION_DAY)) {
            for (int area = 1; area <= size.areas(); area++) {
                String commune = "ZONE SYNTHETIQUE " + area;
                for (int number = 1; number <= stations(area); number++) {
                    Bureau b = bureau(area, number);
                    SplittableRandom r = RandomStreams.of(seed, "voters", area, number);
                    List<ElectoralList.Home> homes = new ArrayList<>();
                    for (Address a : addresses(b)) {
                        homes.add(new ElectoralList.Home(Integer.toString(a.number()), Names.afnor(a.type()),
                                Names.afnor(a.name()), a.lieuDit()));
                    }
                    out.bureau(new ElectoralList.Bureau(b.inseeCode(), commune, number,
                            ElectoralList.placeName(r, homes.get(0).streetName()),
                            String.format(Locale.ROOT, "%02d", 1 + (number - 1) * 6 / stations(area)),
                            b.inseeCode(), commune), homes, b.registered(), b.age(), r);
                }
            }
            return out.voters();
        }
    }
}
