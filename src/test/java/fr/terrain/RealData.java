package fr.terrain;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real open-data files of {@code ../shared/data}, read in place. They are present in CI, so a
 * missing file fails the test rather than skipping it.
 */
public final class RealData {
    private RealData() {}

    public static Path root() {
        String env = System.getenv("TERRAIN_SHARED_DATA");
        Path root = Path.of(env != null ? env : "../shared/data");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("real data folder missing: " + root.toAbsolutePath());
        }
        return root;
    }

    public static Path file(String relative) {
        Path p = root().resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("real data file missing: " + p.toAbsolutePath());
        }
        return p;
    }

    public static final String RESULTS_2020 = "paris-municipales-2020-t1/paris_municipales_2020_t1_bv_long.csv";
    /** The folder of the Ville de Paris wide originals, one file per arrondissement. */
    public static final String RESULTS_2020_ORIGINALS = "paris-municipales-2020-t1/original/";
    public static final String RESULTS_2014 = "paris-municipales-2014-20e/resultats_municipales_2014_paris20e.csv";
    public static final String PRES_2012 = "paris-presidentielle-2012-bv/paris_presidentielle_2012_bv_long.csv";
    public static final String STATIONS_2020 = "paris-bureaux-de-vote-geo/secteurs_bv_paris_2020.geojson";
    public static final String STATIONS_2019 = "paris-bureaux-de-vote-geo/secteurs_bv_paris_2019_avec_electeurs.geojson";
    public static final String STATIONS_2024 = "paris-bureaux-de-vote-geo/secteurs_bv_paris_2024.geojson";
    public static final String POINTS_2024 = "paris-bureaux-de-vote-geo/bureaux_vote_paris_2024_points.geojson";
    public static final String STATIONS_2012 = "paris-bureaux-de-vote-2012/secteurs_bv_paris_2012.geojson";
    /** Derived, not official: 2026 contours, Ministry inscrits and abstentions, list shares in % (SOURCE.md). */
    public static final String DERIVED_2026 = "paris-municipales-2026-t1/paris_2026_t1_bv_derived.geojson";
    public static final String ARRONDISSEMENTS = "paris-arrondissements/arrondissements.geojson";
    public static final String IRIS_CONTOURS_2013 = "paris-iris-contours/contours_iris_paris_2013.geojson";
    public static final String FILOSOFI_2018 = "paris-iris-insee/filosofi_2018_revenus_disponibles_iris_paris.csv";
    public static final String RP2016_POPULATION = "paris-iris-insee/rp2016_iris_paris_population_age_csp.csv";
    public static final String BAN_FAUBOURG = "ban-adresses-sample/ban_adresses_paris_fbg_saint_antoine.csv";
    public static final String BAN_BUTTE = "ban-adresses-sample/ban_adresses_paris_butte_aux_cailles.csv";
    public static final String BAN_CORRUPTED = "ban-adresses-sample/ban_adresses_38002_22col_testfixture.csv";

    /**
     * The sum of one column of a real CSV file, read here with FastCSV directly (not through the
     * importers), as an independent reference figure.
     */
    public static double columnSum(String relative, String column) {
        try (var csv = de.siegmar.fastcsv.reader.CsvReader.builder()
                .fieldSeparator(relative.endsWith(".csv") && firstLine(relative).contains(";") ? ';' : ',')
                .ofNamedCsvRecord(file(relative))) {
            double sum = 0;
            for (var record : csv) {
                String v = record.getField(column);
                if (!v.isBlank()) {
                    sum += Double.parseDouble(v);
                }
            }
            return sum;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String firstLine(String relative) throws java.io.IOException {
        try (var lines = Files.lines(file(relative))) {
            return lines.findFirst().orElse("");
        }
    }
}
