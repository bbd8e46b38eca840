package fr.terrain.demo;

import fr.terrain.election.CommuneCodes;
import fr.terrain.ingest.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic table in the layout of INSEE's « Bureaux de vote et adresses de leurs électeurs » ({@code
 * table-adresses-reu}), at the size of the national file INSEE publishes (one file for all of France): about 35,000
 * communes, 69,000 bureaux and 20 million rows. Written in one pass, one commune at a time, every draw from a stream
 * of the seed and the commune, so that its size needs no memory. Communes are laid on a grid over metropolitan France,
 * each département a cell and each commune a smaller one cut into one strip per bureau; their codes are real-looking
 * (the 39th commune of département 29 is {@code 29039}, as Concarneau's code) but every name, address and position is
 * invented. Paris, Lyon and Marseille's codes are not used.
 *
 * <p>Columns: the seven of the real sample ({@code shared/data/reu-adresses-bv-sample}), plus the raw address text
 * ({@code geo_adresse}), the commune's code as rebuilt ({@code reconstitution_code_commune}) and its number of bureaux
 * ({@code nb_bv_commune}), which the national table adds (names from INSEE's documentation of the table and, for
 * {@code nb_bv_commune}, from a notebook that reads the real file, ADR 0028; the national file itself was not available
 * to check their order). Rows come commune by commune, bureau by bureau, as in the sample.
 */
public final class ReuTable {
    public static final String HEADER = "code_commune_ref;reconstitution_code_commune;id_brut_bv_reu;geo_adresse;"
            + "geo_type;geo_score;longitude;latitude;nb_bv_commune;nb_adresses";
    private static final double WEST = -4.5;
    private static final double NORTH = 51.0;
    private static final double CELL_LON = 1.0;
    private static final double CELL_LAT = 0.75;
    private static final int GRID_COLUMNS = 10;

    /** The départements of metropolitan France but Paris (75): codes 01–95, Corsica as 2A and 2B. */
    static final List<String> DEPARTEMENTS = departements();

    /**
     * @param communes communes in all, spread evenly over the départements
     * @param bureaux bureaux in all, at least one per commune
     * @param minRows fewest rows of a bureau
     * @param maxRows most rows of a bureau
     */
    public record Size(String name, int communes, int bureaux, int minRows, int maxRows) {
        /** France: 35,000 communes, 69,000 bureaux, about 20 million rows (290 a bureau on average). */
        public static final Size NATIONAL = new Size("national", 35_000, 69_000, 120, 460);
        /** A département's worth: 370 communes, 730 bureaux, about 210,000 rows. */
        public static final Size DEPARTEMENT = new Size("departement", 370, 730, 120, 460);
        /** For tests: 40 communes, 80 bureaux, about 4,000 rows. */
        public static final Size SMALL = new Size("small", 40, 80, 20, 80);

        public Size {
            if (communes < 1 || communes > DEPARTEMENTS.size() * 450 || bureaux < communes || minRows < 1
                    || maxRows < minRows) {
                throw new IllegalArgumentException("1 to " + DEPARTEMENTS.size() * 450 + " communes, at least one"
                        + " bureau each, at least one row a bureau");
            }
        }

        public static java.util.Optional<Size> find(String name) {
            return java.util.stream.Stream.of(NATIONAL, DEPARTEMENT, SMALL)
                    .filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
        }
    }

    /** What was written: the file, its rows (header not counted), communes, bureaux and bytes. */
    public record Written(Path file, long rows, int communes, int bureaux, long bytes) {}

    private ReuTable() {}

    /** Writes the table of {@code size} drawn from {@code seed} into {@code file}. */
    public static Written write(Path file, Size size, long seed, Progress progress) {
        int perDepartement = (size.communes() + DEPARTEMENTS.size() - 1) / DEPARTEMENTS.size();
        double[] weights = new double[size.communes()];
        SplittableRandom r = RandomStreams.of(seed, "reu-communes");
        for (int i = 0; i < weights.length; i++) {
            weights[i] = StrictMath.exp(1.5 * RandomStreams.gaussian(r));
        }
        int[] extra = RandomStreams.apportion(size.bureaux() - size.communes(), weights);
        long expectedBytes = (long) size.bureaux() * (size.minRows() + size.maxRows()) / 2 * 120;
        long rows = 0;
        int communes = 0;
        try (TextFile out = new TextFile(file, "\n", progress, expectedBytes)) {
            out.line(HEADER);
            CsvLine line = new CsvLine(';');
            StringBuilder address = new StringBuilder(96);
            for (int c = 0; c < size.communes(); c++) {
                int d = c / perDepartement;
                int indexInDepartement = c % perDepartement;
                int inDepartement = Math.min(perDepartement, size.communes() - d * perDepartement);
                String code = communeCode(DEPARTEMENTS.get(d), indexInDepartement);
                communes++;
                rows += commune(out, line, address, seed, code, d, indexInDepartement, inDepartement, 1 + extra[c], size);
            }
        }
        return new Written(file, rows, communes, size.bureaux(), file.toFile().length());
    }

    /** The commune's rows: each bureau a vertical strip of the commune's cell. */
    private static long commune(TextFile out, CsvLine line, StringBuilder address, long seed, String code, int d,
            int index, int communes, int bureaux, Size size) {
        SplittableRandom r = RandomStreams.of(seed, "reu-commune", code.hashCode());
        int columns = (int) Math.ceil(Math.sqrt(communes));
        int rowsOfGrid = (communes + columns - 1) / columns;
        double width = CELL_LON / columns;
        double height = CELL_LAT / rowsOfGrid;
        double west = WEST + (d % GRID_COLUMNS) * CELL_LON + (index % columns) * width;
        double north = NORTH - (d / GRID_COLUMNS) * CELL_LAT - (index / columns) * height;
        // a commune fills most of its cell, so that neighbours stay apart
        west += width * 0.05;
        north -= height * 0.05;
        width *= 0.9;
        height *= 0.9;
        String name = "Commune synthétique " + code;
        String postcode = code.startsWith("2A") || code.startsWith("2B") ? "20" + code.substring(2) : code;
        long written = 0;
        for (int b = 1; b <= bureaux; b++) {
            String bureau = code + "_" + b;
            double stripWest = west + width * (b - 1) / bureaux;
            double stripWidth = width / bureaux;
            int rows = size.minRows() + r.nextInt(size.maxRows() - size.minRows() + 1);
            double lon = 0;
            double lat = 0;
            for (int i = 0; i < rows; i++) {
                double u = r.nextDouble();
                String type = u < 0.965 ? "housenumber" : u < 0.998 ? "street" : "locality";
                String street = RandomStreams.pick(r, Names.STREET_NAMES);
                // about one row in 30 shares the previous row's position (a building, another list of addresses)
                if (i == 0 || r.nextDouble() >= 0.033) {
                    lon = stripWest + stripWidth * r.nextDouble();
                    lat = north - height * r.nextDouble();
                }
                double score = type.equals("housenumber") ? (r.nextDouble() < 0.002 ? 0.3 + 0.29 * r.nextDouble()
                        : 0.6 + 0.39 * StrictMath.sqrt(r.nextDouble())) : 0.4 + 0.5 * r.nextDouble();
                int addresses = r.nextDouble() < 0.85 ? 1 : 2 + r.nextInt(8);
                address.setLength(0);
                if (!type.equals("street")) {
                    address.append(1 + r.nextInt(180)).append(' ');
                }
                address.append(type.equals("locality") ? "Lieu-dit" : "Rue").append(' ').append(street).append(' ')
                        .append(postcode).append(' ').append(name);
                line.clear().add(code).add(code).add(bureau).add(address.toString()).add(type).add(score, 2)
                        .add(lon, 6).add(lat, 6).add(bureaux).add(addresses);
                out.line(line.text());
                written++;
            }
        }
        return written;
    }

    /**
     * The code of the département's commune of this index: numbers from 001, skipping the codes that are no commune's
     * station area ({@link CommuneCodes#stationArea}): Lyon and Marseille's (69123, 13055), whose REU rows Terrain leaves
     * out, and the ranges of their arrondissements (69380–69389, 13200–13299). Corsica's two départements share the
     * numbers of the former 20 (2A004 and 2B004 would both be station area 20004): 2A takes the odd numbers, 2B the
     * even ones.
     */
    static String communeCode(String departement, int index) {
        if (departement.equals("2A") || departement.equals("2B")) {
            return departement + String.format(Locale.ROOT, "%03d", 2 * index + (departement.equals("2A") ? 1 : 2));
        }
        int n = index + 1;
        for (int k = 1; k <= n; k++) {
            if (!isStationArea(departement + String.format(Locale.ROOT, "%03d", k))) {
                n++;
            }
        }
        return departement + String.format(Locale.ROOT, "%03d", n);
    }

    private static boolean isStationArea(String code) {
        try {
            return CommuneCodes.stationArea(code).isPresent();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<String> departements() {
        List<String> out = new ArrayList<>();
        for (int d = 1; d <= 95; d++) {
            if (d == 20) {
                out.add("2A");
                out.add("2B");
            } else if (d != 75) {
                out.add(String.format(Locale.ROOT, "%02d", d));
            }
        }
        return List.copyOf(out);
    }
}
