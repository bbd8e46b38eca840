package fr.terrain.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.terrain.election.Election;
import fr.terrain.election.ElectionKind;
import fr.terrain.ingest.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a synthetic but plausible electorate in the official file layouts, so that every
 * command can be tried, demonstrated and benchmarked without real personal data. The same seed
 * gives byte-identical files: every random draw comes from a stream derived from the seed and
 * what is being drawn, transcendental functions are StrictMath's (specified to the bit, unlike
 * Math's), output follows fixed orders, and no date depends on the clock.
 */
public final class CityGenerator {
    /** The territory the demo's results are imported under: elections {@code demo-2020-t1}, {@code demo-2026-t1}. */
    public static final String TERRITORY = fr.terrain.election.law.SectorTable.DEMO_TERRITORY;
    public static final String CITY_NAME = "Ville synthétique (démo)";

    /** How the name of every data file the generator writes begins. */
    public static final String FILE_PREFIX = "demo_";
    public static final String ARRONDISSEMENTS_FILE = "demo_arrondissements.geojson";
    /** The year in the name is the découpage's vintage, which the folder import reads from it. */
    public static final String STATIONS_FILE = "demo_bureaux_de_vote_2020.geojson";
    public static final String IRIS_FILE = "demo_contours_iris_2016.geojson";
    public static final String ADDRESSES_FILE = "demo_adresses_ban.csv";
    public static final String VOTERS_FILE = "demo_liste_electorale_2026.csv";
    /** The election the demo's electoral list belongs to. */
    public static final String VOTERS_CONTEST = TERRITORY + "-2026";
    public static final String README_FILE = "LISEZMOI.md";

    private CityGenerator() {}

    public enum Scale {
        /** The demo city, laid out like Paris: 20 arrondissements, about 900 bureaux, 1.35 million voters. */
        PARIS(new CityPlan.Dimensions(900, 1000, 1500, 1150, 1850, 0.15, 0.025, 20)),
        /** National benchmarks: 69,000 bureaux, 49 million voters, 26 million addresses; no contours. */
        NATIONAL(null),
        /** The demo city's map with about 60 village-sized bureaux (12,000 voters): for tests and quick tries. */
        SMALL(new CityPlan.Dimensions(60, 80, 200, 150, 250, 0.5, 0.08, 5)),
        /**
         * The demo city's map cut into 10,000 small bureaux of about 1,000 voters (10 million), with
         * contours and results: the map's stress test, ten times Paris's count of polygons.
         */
        LARGE(new CityPlan.Dimensions(10_000, 2_000, 1000, 700, 1300, 0.06, 0.01, 5));

        private final CityPlan.Dimensions city;

        Scale(CityPlan.Dimensions city) {
            this.city = city;
        }
    }

    /** What a file holds; the CLI names them by {@link #id()}. */
    public enum Kind {
        ARRONDISSEMENTS("arrondissements", "contours des arrondissements"),
        STATIONS("stations", "contours des bureaux de vote"),
        RESULTS("results", "résultats par bureau de vote"),
        IRIS_CONTOURS("iris-contours", "contours IRIS"),
        IRIS_INCOMES("iris-incomes", "revenus par IRIS (type Filosofi)"),
        IRIS_CENSUS("iris-census", "population par IRIS (type recensement)"),
        ADDRESSES("addresses", "adresses (type Base Adresse Nationale)"),
        ELECTORAL_LIST("voters", "liste électorale (arrêté du 12 novembre 2013)"),
        README("readme", "note LISEZMOI.md (toujours écrite)");

        private final String id;
        private final String label;

        Kind(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }

        public static Optional<Kind> find(String id) {
            return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
        }
    }

    /**
     * @param kinds the kinds of file to write (benchmarks often want one); the LISEZMOI.md note is
     *     always written. A file's content does not depend on which others are written.
     */
    public record Settings(Scale scale, long seed, Set<Kind> kinds) {
        public Settings {
            Objects.requireNonNull(scale, "scale");
            EnumSet<Kind> copy = EnumSet.noneOf(Kind.class);
            copy.addAll(kinds == null ? EnumSet.allOf(Kind.class) : kinds);
            copy.add(Kind.README);
            kinds = Collections.unmodifiableSet(copy);
        }

        /** Every kind of file. */
        public Settings(Scale scale, long seed) {
            this(scale, seed, EnumSet.allOf(Kind.class));
        }

        public boolean wants(Kind kind) {
            return kinds.contains(kind);
        }
    }

    /**
     * A round of an election as the import names it under territory {@value #TERRITORY}.
     *
     * @param contest the election, e.g. {@code demo-2026}: electoral lists are imported for it
     * @param election the round, e.g. {@code demo-2026-t1}
     */
    public record Round(String contest, String election, ElectionKind kind, int round, LocalDate date) {
        static Round of(ElectionKind kind, int round, LocalDate date) {
            String id = kind.roundId(TERRITORY, date.getYear(), round);
            return new Round(Election.contestOf(id), id, kind, round, date);
        }
    }

    /** @param records data rows (CSV) or features (GeoJSON); lines for the note */
    public record WrittenFile(Path file, Kind kind, long bytes, long records, List<Round> rounds) {
        public WrittenFile {
            rounds = List.copyOf(rounds);
        }
    }

    /** What was written: every file with its kind, and the election rounds it contains. */
    public record Manifest(Path directory, Settings settings, List<WrittenFile> files) {
        public Manifest {
            files = List.copyOf(files);
        }

        public List<Round> rounds() {
            return files.stream().flatMap(f -> f.rounds().stream()).distinct().toList();
        }

        public List<WrittenFile> files(Kind kind) {
            return files.stream().filter(f -> f.kind() == kind).toList();
        }

        public long bytes() {
            return files.stream().mapToLong(WrittenFile::bytes).sum();
        }
    }

    /** Writes the files of the settings into the folder (created if needed), reporting progress per file. */
    public static Manifest generate(Path outDir, Settings settings, Progress progress) {
        return generate(outDir, settings, progress, Nation.Size.FRANCE);
    }

    /** @param nation the size of the national scale (tests use a small one) */
    static Manifest generate(Path outDir, Settings settings, Progress progress, Nation.Size nation) {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + outDir, e);
        }
        List<WrittenFile> files = new ArrayList<>();
        if (settings.scale() == Scale.NATIONAL) {
            national(outDir, settings, progress, new Nation(nation, settings.seed()), files);
        } else {
            city(outDir, settings, progress, files);
        }
        Path readme = outDir.resolve(README_FILE);
        long lines = Readme.write(readme, settings, files, progress);
        files.add(new WrittenFile(readme, Kind.README, size(readme), lines, List.of()));
        return new Manifest(outDir, settings, files);
    }

    /**
     * An electoral list of exactly {@code voters} people spread over the demo city's bureaux in
     * proportion to their registered voters: the list of {@link Scale#PARIS} when the number is the
     * city's, otherwise the same city more or less crowded (benchmarks: "1.35 million voters").
     */
    public static Path writeElectoralList(Path file, long voters, long seed, Progress progress) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of " + file, e);
        }
        CityPlan plan = CityPlan.build(Scale.PARIS.city, seed);
        double[] weights = plan.stations.stream().mapToDouble(CityPlan.Station::registered2026).toArray();
        writeCityVoters(file, plan, CityAddresses.build(plan), RandomStreams.apportion(voters, weights), progress);
        return file;
    }

    public static Path writeElectoralList(Path file, long voters, long seed) {
        return writeElectoralList(file, voters, seed, Progress.NONE);
    }

    // ---- the demo city

    private static void city(Path dir, Settings settings, Progress progress, List<WrittenFile> files) {
        CityPlan plan = CityPlan.build(settings.scale().city, settings.seed());
        if (settings.wants(Kind.ARRONDISSEMENTS)) {
            Path file = dir.resolve(ARRONDISSEMENTS_FILE);
            long features;
            try (GeoJsonFile out = new GeoJsonFile(file, progress, 100_000)) {
                for (CityPlan.District d : plan.districts) {
                    ObjectNode p = GeoJsonFile.properties();
                    p.put("c_ar", d.number());
                    p.put("c_arinsee", Integer.parseInt(d.inseeCode()));
                    p.put("l_ar", d.shortName());
                    p.put("l_aroff", d.officialName());
                    out.feature(p, d.contour());
                }
                features = out.features();
            }
            files.add(written(file, Kind.ARRONDISSEMENTS, features));
        }
        if (settings.wants(Kind.STATIONS)) {
            Path file = dir.resolve(STATIONS_FILE);
            long features;
            try (GeoJsonFile out = new GeoJsonFile(file, progress, plan.stations.size() * 1_500L)) {
                for (CityPlan.Station s : plan.stations) {
                    ObjectNode p = GeoJsonFile.properties();
                    p.put("id_bv", s.code().toString());
                    p.put("arrondissement", Integer.toString(s.code().area()));
                    p.put("num_bv", s.code().number());
                    out.feature(p, s.contour());
                }
                features = out.features();
            }
            files.add(written(file, Kind.STATIONS, features));
        }
        if (settings.wants(Kind.RESULTS)) {
            for (Municipales.Contest contest : List.of(Municipales.Y2020, Municipales.Y2026)) {
                Path file = dir.resolve(contest.fileName());
                long rows = Municipales.write(file, plan, contest, progress);
                files.add(new WrittenFile(file, Kind.RESULTS, size(file), rows,
                        List.of(Round.of(ElectionKind.MUNICIPALES, 1, contest.date()))));
            }
        }
        if (settings.wants(Kind.IRIS_CONTOURS)) {
            Path file = dir.resolve(IRIS_FILE);
            long features;
            try (GeoJsonFile out = new GeoJsonFile(file, progress, plan.iris.size() * 1_500L)) {
                for (CityPlan.IrisZone z : plan.iris) {
                    CityPlan.District d = plan.districts.get(z.arrondissement() - 1);
                    ObjectNode p = GeoJsonFile.properties();
                    p.put("DEPCOM", d.inseeCode());
                    p.put("NOM_COM", Names.afnor(d.communeName()));
                    p.put("IRIS", z.code().substring(5));
                    p.put("DCOMIRIS", z.code());
                    p.put("NOM_IRIS", z.name());
                    p.put("TYP_IRIS", z.type());
                    out.feature(p, z.contour());
                }
                features = out.features();
            }
            files.add(written(file, Kind.IRIS_CONTOURS, features));
        }
        if (settings.wants(Kind.IRIS_INCOMES)) {
            Path file = dir.resolve(IrisTables.FILOSOFI_FILE);
            long rows = IrisTables.writeFilosofi(file, plan, progress);
            files.add(written(file, Kind.IRIS_INCOMES, rows));
        }
        if (settings.wants(Kind.IRIS_CENSUS)) {
            Path file = dir.resolve(IrisTables.CENSUS_FILE);
            long rows = IrisTables.writeCensus(file, plan, progress);
            files.add(written(file, Kind.IRIS_CENSUS, rows));
        }
        if (!settings.wants(Kind.ADDRESSES) && !settings.wants(Kind.ELECTORAL_LIST)) {
            return;
        }
        CityAddresses streets = CityAddresses.build(plan);
        if (settings.wants(Kind.ADDRESSES)) {
            Path file = dir.resolve(ADDRESSES_FILE);
            SplittableRandom r = RandomStreams.of(plan.seed, "ban");
            long addresses;
            try (BanFile out = new BanFile(file, progress, streets.addresses.size())) {
                for (CityAddresses.Address a : streets.addresses) {
                    CityPlan.District d = plan.districts.get(a.street().arrondissement() - 1);
                    out.address(d.inseeCode(), d.communeName(), "VILLE SYNTHETIQUE", a.street().voie(), a.number(),
                            a.suffix(), a.street().label(), null, a.lon(), a.lat(), r);
                }
                addresses = out.addresses();
            }
            files.add(written(file, Kind.ADDRESSES, addresses));
        }
        if (settings.wants(Kind.ELECTORAL_LIST)) {
            Path file = dir.resolve(VOTERS_FILE);
            int[] voters = plan.stations.stream().mapToInt(CityPlan.Station::registered2026).toArray();
            long rows = writeCityVoters(file, plan, streets, voters, progress);
            files.add(new WrittenFile(file, Kind.ELECTORAL_LIST, size(file), rows,
                    List.of(Round.of(ElectionKind.MUNICIPALES, 1, Municipales.Y2026.date()))));
        }
    }

    private static long writeCityVoters(Path file, CityPlan plan, CityAddresses streets, int[] voters,
            Progress progress) {
        long total = Arrays.stream(voters).asLongStream().sum();
        try (ElectoralList out = new ElectoralList(file, progress, total, Municipales.Y2026.date())) {
            for (CityPlan.Station s : plan.stations) {
                CityPlan.District d = plan.districts.get(s.code().area() - 1);
                SplittableRandom r = RandomStreams.of(plan.seed, "voters", s.index());
                SplittableRandom spelling = RandomStreams.of(plan.seed, "spelling", s.index());
                List<ElectoralList.Home> homes = streets.byStation.get(s.index()).stream()
                        .map(a -> ListSpelling.spell(spelling, a))
                        .toList();
                out.bureau(new ElectoralList.Bureau(d.inseeCode(), Names.afnor(d.communeName()), s.code().number(),
                        ElectoralList.placeName(r, Names.afnor(streets.byStation.get(s.index()).get(0).street().name())),
                        String.format(Locale.ROOT, "%02d", s.circonscription()), d.inseeCode(), "VILLE SYNTHETIQUE"),
                        homes, voters[s.index()], s.age(), r);
            }
            return out.voters();
        }
    }

    // ---- national benchmarks

    private static void national(Path dir, Settings settings, Progress progress, Nation nation,
            List<WrittenFile> files) {
        if (settings.wants(Kind.RESULTS)) {
            Path file = dir.resolve(Nation.RESULTS_FILE);
            long rows = nation.writeResults(file, progress);
            files.add(new WrittenFile(file, Kind.RESULTS, size(file), rows,
                    List.of(Round.of(ElectionKind.PRESIDENTIELLE, 1, Nation.ELECTION_DAY))));
        }
        if (settings.wants(Kind.ADDRESSES)) {
            Path file = dir.resolve(Nation.ADDRESSES_FILE);
            files.add(written(file, Kind.ADDRESSES, nation.writeAddresses(file, progress)));
        }
        if (settings.wants(Kind.ELECTORAL_LIST)) {
            Path file = dir.resolve(Nation.VOTERS_FILE);
            long rows = nation.writeVoters(file, progress);
            files.add(new WrittenFile(file, Kind.ELECTORAL_LIST, size(file), rows,
                    List.of(Round.of(ElectionKind.PRESIDENTIELLE, 1, Nation.ELECTION_DAY))));
        }
    }

    private static WrittenFile written(Path file, Kind kind, long records) {
        return new WrittenFile(file, kind, size(file), records, List.of());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
