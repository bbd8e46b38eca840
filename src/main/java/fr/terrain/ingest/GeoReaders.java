package fr.terrain.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.election.Ordinal;
import fr.terrain.election.PollingStation;
import fr.terrain.election.SectorCodes;
import fr.terrain.election.StationCode;
import fr.terrain.geo.GeoJsonGeometry;
import fr.terrain.geo.Repair;
import fr.terrain.ingest.GeoJsonFeatures.Feature;
import fr.terrain.territory.Arrondissement;
import fr.terrain.territory.Iris;
import fr.terrain.territory.IrisCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;

/**
 * Readers of the GeoJSON layouts Paris and INSEE/IGN publish: polling-station contours and
 * polling places (every vintage's property names), arrondissement contours, IRIS contours.
 */
public final class GeoReaders {
    private GeoReaders() {}

    static final String[] STATION_ID = {"id_bv", "code_bv", "id_bvote"};
    static final String[] STATION_ARRONDISSEMENT = {"arrondissement", "arrondissement_bv", "arrrondissement_bv",
        "arrondisse", "num_arrond"};
    static final String[] STATION_NUMBER = {"num_bv", "numero_bv", "num_bureau"};
    static final String[] IRIS_CODE = {"dcomiris", "code_iris"};
    static final String[] ARRONDISSEMENT_NUMBER = {"c_ar", "num_arrondissement"};

    /**
     * Metropolitan France and Corsica, loosely: what a file lands in once its longitudes and latitudes are put back in
     * order, when it wrote them the other way round (WGS84 [latitude, longitude] reads as the Indian Ocean off Somalia,
     * and every station would be imported there). Overseas places are not in it, and are never refused: only a place
     * outside it whose swapped coordinates fall inside it is.
     */
    private static final Envelope METROPOLE = new Envelope(-5.5, 10.0, 41.0, 51.5);

    private static final Pattern LEADING_NUMBER = Pattern.compile("\\s*0*(\\d{1,5})");
    /** Widths of the columns texts are stored in: station.place_name and place_address; arrondissement.name, iris.name. */
    private static final int PLACE_WIDTH = 300;
    private static final int NAME_WIDTH = 200;

    /** Which layout the property names belong to, or null. */
    public enum Layout { STATIONS, DERIVED_STATION_TABLE, ARRONDISSEMENTS, IRIS_CONTOURS }

    public static Layout recognise(Set<String> propertyNames) {
        if (hasAny(propertyNames, IRIS_CODE)) {
            return Layout.IRIS_CONTOURS;
        }
        boolean station = hasAny(propertyNames, STATION_ID)
                || (hasAny(propertyNames, STATION_ARRONDISSEMENT) && hasAny(propertyNames, STATION_NUMBER));
        if (station) {
            boolean percentages = propertyNames.stream().anyMatch(n -> n.startsWith("pct_") || n.startsWith("taux_"));
            return percentages ? Layout.DERIVED_STATION_TABLE : Layout.STATIONS;
        }
        if (hasAny(propertyNames, ARRONDISSEMENT_NUMBER) || propertyNames.contains("c_arinsee")) {
            return Layout.ARRONDISSEMENTS;
        }
        return null;
    }

    private static boolean hasAny(Set<String> names, String[] spellings) {
        for (String s : spellings) {
            if (names.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /** The vintage given, else a year in the file name, else an error asking for it. */
    static int stationVintage(Path path, Integer vintage, List<String> notes) {
        if (vintage != null) {
            return vintage;
        }
        var year = FileHints.year(path.getFileName().toString());
        if (year.isEmpty()) {
            throw InputError.of(path.getFileName().toString(),
                    "impossible de savoir de quel découpage sont ces bureaux : précisez --vintage ANNÉE");
        }
        notes.add("découpage " + year.getAsInt() + " pris du nom du fichier");
        return year.getAsInt();
    }

    /**
     * Polling stations: contours (Polygon, MultiPolygon) or polling places (Point). Duplicate
     * codes are kept once and reported; invalid contours are repaired and reported.
     */
    public static GeoFile<PollingStation> stations(Path path, Integer vintageOption) {
        return stations(path, vintageOption, Set.of());
    }

    /**
     * The same, reporting too a station of an arrondissement (1 to 99) that {@code arrondissements}, the store's
     * arrondissement contours, lacks: {@code 99-1} in Paris's file is a typo no sector, map or result will meet (kept,
     * as a warning; {@code --strict} refuses it). No check when {@code arrondissements} is empty (none imported); a
     * commune's stations ({@code 29039-1}) are never checked.
     */
    public static GeoFile<PollingStation> stations(Path path, Integer vintageOption, Set<Integer> arrondissements) {
        String file = path.getFileName().toString();
        if (!java.nio.file.Files.exists(path)) { // said before asking for the vintage a missing file cannot have
            throw InputError.unreadable(file, new java.nio.file.NoSuchFileException(path.toString()));
        }
        List<String> notes = new ArrayList<>();
        int vintage = stationVintage(path, vintageOption, notes);
        List<Problem> warnings = new ArrayList<>();
        Map<StationCode, Integer> seen = new HashMap<>();
        List<PollingStation> out = readAll(path, "aucun bureau de vote dans le fichier", f -> {
            StationCode code = stationCode(file, f);
            Integer first = seen.putIfAbsent(code, f.index());
            if (first != null) {
                warnings.add(f.problem(file, "id_bv", "bureau " + code + " déjà donné par la feature n° " + first
                        + " ; celle-ci est ignorée"));
                return null;
            }
            int area = code.arrondissement();
            if (!arrondissements.isEmpty() && SectorCodes.isArrondissement(area) && !arrondissements.contains(area)) {
                warnings.add(f.problem(file, "id_bv", "bureau " + code + " : aucun arrondissement " + area + " parmi les "
                        + arrondissements.size() + " importés (" + Collections.min(arrondissements) + " à "
                        + Collections.max(arrondissements) + ") ; faute de frappe ?"));
            }
            Geometry g = geometry(file, f, warnings);
            Point location = g instanceof Point p ? p : null;
            Geometry contour = g instanceof Polygonal ? g : null;
            return new PollingStation(vintage, code, contour, location,
                    fitting(file, f, "nom_bv", text(file, f, "nom_bv", "lib", "lieu"), PLACE_WIDTH),
                    fitting(file, f, "adresse_bv", address(file, f), PLACE_WIDTH), registered(file, f));
        });
        return new GeoFile<>("bureaux de vote", Integer.toString(vintage), out, warnings, notes);
    }

    /**
     * Reads every feature with {@code reader} (which returns null for a feature it skips),
     * collecting the problems of all features before failing; a file with no value is refused.
     */
    static <T> List<T> readAll(Path path, String whenEmpty, java.util.function.Function<Feature, T> reader) {
        String file = path.getFileName().toString();
        List<T> out = new ArrayList<>();
        Problems problems = new Problems();
        GeoJsonFeatures.forEach(path, f -> {
            if (problems.full()) {
                return;
            }
            try {
                T value = reader.apply(f);
                if (value != null) {
                    out.add(value);
                }
            } catch (InputError e) {
                problems.addAll(e);
            } catch (IllegalArgumentException e) {
                problems.add(f.problem(file, null, e.getMessage()));
            }
        });
        problems.throwIfAny();
        if (out.isEmpty()) {
            throw InputError.of(file, whenEmpty);
        }
        return out;
    }

    static StationCode stationCode(String file, Feature f) {
        JsonNode id = f.property(STATION_ID);
        try {
            if (id != null && id.asText().contains("-")) {
                return StationCode.parse(id.asText());
            }
            JsonNode arr = f.property(STATION_ARRONDISSEMENT);
            JsonNode num = f.property(STATION_NUMBER);
            if (arr != null && num != null) {
                return new StationCode(leadingNumber(file, f, "arrondissement", arr), leadingNumber(file, f, "num_bv", num));
            }
            if (id != null && id.asText().matches("\\d{4}")) {
                String s = id.asText();
                return new StationCode(Integer.parseInt(s.substring(0, 2)), Integer.parseInt(s.substring(2)));
            }
            JsonNode insee = f.property("ID");
            if (insee != null && insee.asText().matches("75\\d{7}")) {
                String s = insee.asText();
                return new StationCode(Integer.parseInt(s.substring(2, 5)), Integer.parseInt(s.substring(5)));
            }
        } catch (IllegalArgumentException e) {
            throw f.error(file, "id_bv", e.getMessage());
        }
        throw f.error(file, "id_bv", "pas de code de bureau : attendu id_bv (15-12), ou arrondissement et num_bv");
    }

    private static int leadingNumber(String file, Feature f, String field, JsonNode value) {
        Matcher m = LEADING_NUMBER.matcher(value.asText());
        if (!m.lookingAt()) {
            throw f.error(file, field, "attendu un nombre, trouvé \"" + value.asText() + "\"");
        }
        return Integer.parseInt(m.group(1));
    }

    static Geometry geometry(String file, Feature f, List<Problem> warnings) {
        Geometry g;
        try {
            g = GeoJsonGeometry.read(f.geometry());
        } catch (IllegalArgumentException e) {
            throw f.error(file, "geometry", e.getMessage());
        }
        if (!(g instanceof Polygonal) && !(g instanceof Point)) {
            throw f.error(file, "geometry", "attendu un Polygon, MultiPolygon ou Point, trouvé " + g.getGeometryType());
        }
        Coordinate centre = g.getEnvelopeInternal().centre(); // null for an empty geometry (found by the fuzzer)
        if (centre != null && !METROPOLE.contains(centre.x, centre.y) && METROPOLE.contains(centre.y, centre.x)) {
            throw f.error(file, "geometry", String.format(Locale.ROOT, "longitude et latitude inversées ? le GeoJSON"
                    + " écrit [longitude, latitude] : [%.4f, %.4f] est hors de France, [%.4f, %.4f] serait en France"
                    + " métropolitaine", centre.x, centre.y, centre.y, centre.x));
        }
        return g instanceof Polygonal ? valid(file, f, g, warnings) : g;
    }


    /**
     * The contour as it will be stored (7 decimals), valid: checked after rounding, since rounding can make a valid
     * contour invalid, and then the next import into its vintage could not read it back.
     */
    static Geometry valid(String file, Feature f, Geometry g, List<Problem> warnings) {
        Geometry stored = GeoJsonGeometry.asStored(g);
        var problem = Repair.problem(stored);
        if (problem.isEmpty()) {
            return stored;
        }
        String what = Repair.problem(g).isEmpty() ? "contour invalide une fois arrondi à 7 décimales (1 cm), réparé : "
                : "contour invalide réparé : ";
        Geometry fixed = Repair.storedAfterRepair(stored)
                .orElseThrow(() -> f.error(file, "geometry", "contour invalide et irréparable : " + problem.get()));
        warnings.add(f.problem(file, "geometry", what + problem.get()));
        return fixed;
    }

    private static String text(String file, Feature f, String... names) {
        JsonNode n = f.property(names);
        String text = n == null || n.asText().isBlank() ? null : n.asText().strip();
        if (text != null && text.indexOf('\0') >= 0) {
            // JSON allows it as \u0000; no text column does (PostgreSQL refuses it)
            throw f.error(file, names[0], "caractère nul (\\u0000) dans le texte");
        }
        return text;
    }

    private static String fitting(String file, Feature f, String field, String text, int max) {
        if (text != null && text.length() > max) {
            throw f.error(file, field, "valeur trop longue : " + text.length() + " caractères, au plus " + max);
        }
        return text;
    }

    private static String address(String file, Feature f) {
        String street = text(file, f, "adresse_bv", "adresse");
        String postcode = text(file, f, "cp_bv", "cp", "code_postal");
        if (street == null) {
            return null;
        }
        return postcode == null ? street : street + ", " + postcode + " Paris";
    }

    private static Integer registered(String file, Feature f) {
        JsonNode inscrits = f.property("inscrits", "nb_inscrits");
        if (inscrits != null) {
            return count(file, f, "inscrits", inscrits);
        }
        JsonNode general = f.property("nbr_elect_f");
        if (general == null) {
            return null;
        }
        JsonNode eu = f.property("nbr_elect_e_m");
        long sum = (long) count(file, f, "nbr_elect_f", general) + (eu == null ? 0 : count(file, f, "nbr_elect_e_m", eu));
        if (sum > Integer.MAX_VALUE) {
            throw f.error(file, "nbr_elect_f", "nombre d'inscrits invraisemblable : " + sum);
        }
        return (int) sum;
    }

    private static int count(String file, Feature f, String field, JsonNode n) {
        if (!n.canConvertToInt() || n.asInt() < 0 || (n.isTextual() && !n.asText().matches("\\d+"))) {
            throw f.error(file, field, "attendu un effectif, trouvé " + n);
        }
        return n.asInt();
    }

    /** Arrondissement contours ({@code c_ar}, {@code c_arinsee}, {@code l_ar}, {@code l_aroff}). */
    public static GeoFile<Arrondissement> arrondissements(Path path) {
        String file = path.getFileName().toString();
        List<Problem> warnings = new ArrayList<>();
        Map<Integer, Integer> seen = new HashMap<>();
        List<Arrondissement> out = readAll(path, "aucun arrondissement dans le fichier", f -> {
            JsonNode number = f.property(ARRONDISSEMENT_NUMBER);
            if (number == null) {
                throw f.error(file, "c_ar", "pas de numéro d'arrondissement (c_ar)");
            }
            int n = leadingNumber(file, f, "c_ar", number);
            Integer first = seen.putIfAbsent(n, f.index());
            if (first != null) {
                warnings.add(f.problem(file, "c_ar", "arrondissement " + n + " déjà donné par la feature n° " + first));
                return null;
            }
            Geometry g = geometry(file, f, warnings);
            if (!(g instanceof Polygonal)) {
                throw f.error(file, "geometry", "un contour d'arrondissement doit être un Polygon ou un MultiPolygon");
            }
            String shortName = text(file, f, "l_ar", "nom");
            String official = text(file, f, "l_aroff");
            String name = shortName == null ? (official == null ? Ordinal.of(n) : official)
                    : official == null ? shortName : shortName + " (" + official + ")";
            return new Arrondissement(n, text(file, f, "c_arinsee", "code_insee"), fitting(file, f, "l_ar", name, NAME_WIDTH),
                    g);
        });
        return new GeoFile<>("arrondissements", null, out, warnings, List.of());
    }

    /** IRIS contours, old ({@code DCOMIRIS}) or post-2014 ({@code CODE_IRIS}) IGN property names. */
    public static GeoFile<Iris> irisContours(Path path, String vintageOption) {
        String file = path.getFileName().toString();
        List<String> notes = new ArrayList<>();
        String vintage = vintageOption;
        if (vintage == null) {
            var year = FileHints.year(file);
            vintage = year.isPresent() ? Integer.toString(year.getAsInt()) : file.replaceFirst("\\.[^.]*$", "");
            notes.add("millésime IRIS « " + vintage + " » pris du nom du fichier");
        }
        if (vintage.isBlank() || vintage.length() > 64) {
            throw InputError.of(file, "millésime IRIS vide ou de plus de 64 caractères : précisez --vintage");
        }
        String v = vintage;
        List<Problem> warnings = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<Iris> out = readAll(path, "aucun IRIS dans le fichier", f -> {
            JsonNode code = f.property(IRIS_CODE);
            if (code == null || !IrisCode.isValid(code.asText())) {
                throw f.error(file, "CODE_IRIS", "attendu un code IRIS de 9 caractères, trouvé " + code);
            }
            Integer first = seen.putIfAbsent(code.asText(), f.index());
            if (first != null) {
                warnings.add(f.problem(file, "CODE_IRIS", "IRIS " + code.asText() + " déjà donné par la feature n° " + first));
                return null;
            }
            Geometry g = geometry(file, f, warnings);
            if (!(g instanceof Polygonal)) {
                throw f.error(file, "geometry", "un contour IRIS doit être un Polygon ou un MultiPolygon");
            }
            String type = text(file, f, "typ_iris");
            if (type != null && !type.matches("[A-Z]")) {
                throw f.error(file, "TYP_IRIS", "attendu un type d'IRIS d'une lettre (H, A, D, Z), trouvé \"" + type + "\"");
            }
            return new Iris(v, code.asText(), fitting(file, f, "NOM_IRIS", text(file, f, "nom_iris"), NAME_WIDTH), type, g);
        });
        return new GeoFile<>("contours IRIS", v, out, warnings, notes);
    }
}
