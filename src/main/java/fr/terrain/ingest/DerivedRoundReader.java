package fr.terrain.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.election.StationCode;
import fr.terrain.ingest.GeoJsonFeatures.Feature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

/**
 * A round known only as a derived table ({@link GeoReaders.Layout#DERIVED_STATION_TABLE}): station contours with the
 * Ministry's {@code inscrits} and {@code abstentions} and each list's share of exprimés in percent ({@code pct_NAME}),
 * no raw votes. Such a file is never imported (its percentages cannot become counts); it is read to compare
 * estimates with what happened ({@code terrain backtest --forecast}). Every value is checked; a malformed one is an
 * error naming the file, the feature and the field, all features' errors together.
 */
public final class DerivedRoundReader {
    private static final String SHARE_PREFIX = "pct_";
    private static final double MAX_SHARE_SUM = 100.5;

    private DerivedRoundReader() {}

    /**
     * One station of the derived table.
     *
     * @param contour WGS84 polygon, valid
     * @param shares list name (the property without {@code pct_}, e.g. {@code gregoire}) → share of exprimés, in %
     */
    public record Station(StationCode code, Geometry contour, int registered, int abstentions, Map<String, Double> shares) {
        public Station {
            shares = Collections.unmodifiableMap(new TreeMap<>(shares));
        }

        /** Votants = inscrits − abstentions. */
        public int voters() {
            return registered - abstentions;
        }
    }

    /** The stations in file order; contours repaired when needed are reported in {@code warnings()}. */
    public static GeoFile<Station> read(Path path) {
        String file = path.getFileName().toString();
        List<Problem> warnings = new ArrayList<>();
        Map<StationCode, Integer> seen = new HashMap<>();
        List<Station> out = GeoReaders.readAll(path, "aucun bureau de vote dans le fichier", f -> {
            StationCode code = GeoReaders.stationCode(file, f);
            Integer first = seen.putIfAbsent(code, f.index());
            if (first != null) {
                throw f.error(file, "code_bv", "bureau " + code + " déjà donné par la feature n° " + first);
            }
            Geometry contour = GeoReaders.geometry(file, f, warnings);
            if (!(contour instanceof Polygonal)) {
                throw f.error(file, "geometry", "attendu le contour du bureau (Polygon ou MultiPolygon), trouvé "
                        + contour.getGeometryType());
            }
            int registered = whole(file, f, "inscrits");
            if (registered < 1) {
                throw f.error(file, "inscrits", "attendu au moins un inscrit, trouvé " + registered);
            }
            int abstentions = whole(file, f, "abstentions");
            if (abstentions > registered) {
                throw f.error(file, "abstentions", abstentions + " abstentions pour " + registered + " inscrits");
            }
            return new Station(code, contour, registered, abstentions, shares(file, f));
        });
        return new GeoFile<>("table dérivée", null, out, warnings, List.of());
    }

    private static int whole(String file, Feature f, String field) {
        JsonNode n = f.property(field);
        if (n == null) {
            throw f.error(file, field, "valeur manquante");
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 0) {
            throw f.error(file, field, "attendu un nombre entier positif ou nul, trouvé " + n);
        }
        return n.asInt();
    }

    private static Map<String, Double> shares(String file, Feature f) {
        Map<String, Double> out = new TreeMap<>();
        for (Iterator<String> it = f.properties().fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.startsWith(SHARE_PREFIX) || field.length() == SHARE_PREFIX.length()) {
                continue;
            }
            JsonNode n = f.properties().get(field);
            if (!n.isNumber() || !(n.asDouble() >= 0 && n.asDouble() <= 100)) {
                throw f.error(file, field, "attendu une part des exprimés en % entre 0 et 100, trouvé " + n);
            }
            out.put(field.substring(SHARE_PREFIX.length()), n.asDouble());
        }
        if (out.isEmpty()) {
            throw f.error(file, SHARE_PREFIX + "*", "aucune part de liste (propriétés pct_NOM)");
        }
        double sum = out.values().stream().mapToDouble(Double::doubleValue).sum();
        if (sum > MAX_SHARE_SUM) { // two-decimal rounding of each share can pass 100 by a few hundredths, not more
            throw f.error(file, SHARE_PREFIX + "*", String.format(java.util.Locale.FRANCE,
                    "les parts des listes font %.2f %% des exprimés, plus de 100 %%", sum));
        }
        return out;
    }
}
