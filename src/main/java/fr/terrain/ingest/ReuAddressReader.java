package fr.terrain.ingest;

import fr.terrain.election.CommuneCodes;
import fr.terrain.election.Paris;
import fr.terrain.election.StationCode;
import fr.terrain.geo.Lambert93;
import fr.terrain.ingest.CsvTable.Column;
import fr.terrain.ingest.CsvTable.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * INSEE's « Bureaux de vote et adresses de leurs électeurs » (extract of the Répertoire électoral unique,
 * {@code table-adresses-reu}): one row per geocoded position of elector addresses, with the bureau de vote
 * ({@code id_brut_bv_reu}, {@code <commune>_<bureau>}), {@code longitude}, {@code latitude} (WGS84), the BAN
 * geocoder's {@code geo_type} and {@code geo_score}, and {@code nb_adresses}. Other columns and any order are
 * accepted. The positions that may shape a contour are kept in Lambert-93 metres, rounded to the centimetre.
 */
public final class ReuAddressReader {
    /** The lowest BAN score of a house-number geocode that shapes a contour (docs/adr/0028 says how it was chosen). */
    public static final double MIN_SCORE = 0.6;

    /** {@code <commune>_<bureau>}: a commune code (Corsica: 2A, 2B) and the bureau's number, leading zeros allowed. */
    private static final Pattern ID = Pattern.compile("(\\d{5}|2[AB]\\d{3})_(.*)");
    private static final Pattern NUMBER = Pattern.compile("0*(\\d{1,5})");
    private static final Pattern COMMUNE = Pattern.compile("\\d{5}|2[ABab]\\d{3}");

    private ReuAddressReader() {}

    public static boolean recognises(CsvTable t) {
        return t.hasColumn("id_brut_bv_reu") && t.hasColumn("longitude") && t.hasColumn("latitude")
                && t.hasColumn("nb_adresses");
    }

    /** A bureau as the file gives it: its raw id, the line that first named it, its addresses and rows. */
    public static final class Bureau {
        final String rawId;
        final long firstLine;
        /** Its place among its commune's bureaux, which {@link Commune} keeps instead of its code on every row. */
        final int index;
        long addresses;
        long rows;

        Bureau(String rawId, long firstLine, int index) {
            this.rawId = rawId;
            this.firstLine = firstLine;
            this.index = index;
        }

        public long addresses() {
            return addresses;
        }
    }

    /**
     * The rows of one commune that may shape contours, in primitive arrays (24 bytes a row): a national table holds
     * about 20 million of them, which boxed positions in maps (265 bytes a row, measured) could not hold. Rows at one
     * position are merged when the commune is drawn ({@link #positions}), so the file's order does not matter.
     */
    public static final class Commune {
        private final List<StationCode> bureaux = new ArrayList<>();
        private long[] xs = new long[16];
        private long[] ys = new long[16];
        private int[] bureauOf = new int[16];
        private int[] addressesOf = new int[16];
        private int size;

        private int addBureau(StationCode code) {
            bureaux.add(code);
            return bureaux.size() - 1;
        }

        private void add(long x, long y, int bureau, int addresses) {
            if (size == xs.length) {
                int grown = size + (size >> 1);
                xs = Arrays.copyOf(xs, grown);
                ys = Arrays.copyOf(ys, grown);
                bureauOf = Arrays.copyOf(bureauOf, grown);
                addressesOf = Arrays.copyOf(addressesOf, grown);
            }
            xs[size] = x;
            ys[size] = y;
            bureauOf[size] = bureau;
            addressesOf[size] = addresses;
            size++;
        }

        /**
         * The distinct positions, ordered by x then y, each with the addresses each bureau has there (bureaux in the
         * order the file first named them).
         */
        public List<Position> positions() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> xs[a] != xs[b] ? Long.compare(xs[a], xs[b])
                    : ys[a] != ys[b] ? Long.compare(ys[a], ys[b]) : Integer.compare(bureauOf[a], bureauOf[b]));
            List<Position> out = new ArrayList<>();
            for (int i = 0; i < size; ) {
                int first = order[i];
                Map<StationCode, Long> here = new LinkedHashMap<>();
                int j = i;
                for (; j < size && xs[order[j]] == xs[first] && ys[order[j]] == ys[first]; j++) {
                    here.merge(bureaux.get(bureauOf[order[j]]), (long) addressesOf[order[j]], Long::sum);
                }
                out.add(new Position(xs[first], ys[first], here));
                i = j;
            }
            return out;
        }
    }

    /**
     * What the file says: its bureaux (by code), and per commune (the code's area) the positions that may shape
     * contours.
     *
     * @param rows every row of the file, those of other communes than {@code --communes} included
     * @param skipped rows of other communes than the ones asked for, read no further than their bureau's id
     * @param dropped rows whose position shapes no contour, by reason ({@code street}, {@code score < 0.6}…)
     */
    public record Read(long rows, long skipped, Map<StationCode, Bureau> bureaux, Map<Integer, Commune> communes,
            Map<String, Long> dropped, Map<String, Long> droppedAddresses, long otherCommune, long corsican,
            long citiesWithArrondissements) {}

    /** A distinct position in Lambert-93 centimetres, with the addresses each bureau has there. */
    public record Position(long x, long y, Map<StationCode, Long> addresses) {}

    /**
     * The commune codes of {@code --communes}, as the REU writes them (upper case: {@code 2A004}), for {@link #read}.
     *
     * @throws IllegalArgumentException (in French) for a code that is no commune's, or one of Paris, Lyon or Marseille
     *     (their rows are left out of every REU import)
     */
    public static Set<String> communes(java.util.Collection<String> codes) {
        Set<String> out = new TreeSet<>();
        for (String raw : codes) {
            String code = raw.strip().toUpperCase(Locale.ROOT);
            if (CommuneCodes.stationArea(code).isEmpty()) {
                throw new IllegalArgumentException("commune " + code + " : les bureaux de Paris, Lyon et Marseille sont"
                        + " numérotés par arrondissement et ne sont pas lus dans le REU");
            }
            out.add(code);
        }
        return Set.copyOf(out);
    }

    public static Read read(CsvTable t) {
        return read(t, Set.of());
    }

    /**
     * Reads the rows of the communes {@code communes} ({@link #communes(java.util.Collection)}; empty: every
     * commune). A row of another commune is counted and read no further than the first five characters of its bureau's
     * id. A commune asked for that the file does not hold is refused: the campaign would go on without its stations.
     */
    public static Read read(CsvTable t, Set<String> communes) {
        Column id = t.requireColumn("id_brut_bv_reu");
        Column commune = t.column("code_commune_ref").orElse(null);
        Column lon = t.requireColumn("longitude");
        Column lat = t.requireColumn("latitude");
        Column type = t.requireColumn("geo_type").repeating();
        Column score = t.requireColumn("geo_score");
        Column count = t.requireColumn("nb_adresses");
        Problems problems = new Problems();
        Map<StationCode, Bureau> bureaux = new TreeMap<>();
        Map<Integer, Commune> positions = new TreeMap<>();
        Map<String, Long> dropped = new TreeMap<>();
        Map<String, Long> droppedAddresses = new TreeMap<>();
        long rows = 0;
        long skipped = 0;
        long otherCommune = 0;
        long corsican = 0;
        long citiesWithArrondissements = 0;
        // rows of a bureau come together in INSEE's file: its id is parsed once, not once a row
        String lastWritten = null;
        String lastRaw = null;
        StationCode lastCode = null;
        for (Row row : t) {
            if (problems.full()) {
                break;
            }
            try {
                String prefix = communes.isEmpty() ? null : row.prefix(id, 5); // null: too short, an error below
                if (prefix != null && !communes.contains(prefix)) {
                    rows++;
                    skipped++;
                    continue;
                }
                row.requireWidth();
                String raw;
                StationCode code;
                if (lastWritten != null && row.textEquals(id, lastWritten)) {
                    raw = lastRaw;
                    code = lastCode;
                } else {
                    String written = row.requiredText(id);
                    raw = written.toUpperCase(Locale.ROOT);
                    if (cityWithArrondissements(raw)) {
                        rows++;
                        citiesWithArrondissements++;
                        continue;
                    }
                    code = code(row, id, raw);
                    lastWritten = written;
                    lastRaw = raw;
                    lastCode = code;
                }
                Bureau b = bureaux.get(code);
                if (b == null) {
                    Commune c = positions.computeIfAbsent(code.area(), a -> new Commune());
                    bureaux.put(code, b = new Bureau(raw, row.line(), c.addBureau(code)));
                } else if (!b.rawId.equals(raw)) {
                    throw row.error(id, "bureau « " + raw + " » et bureau « " + b.rawId + " » (ligne " + b.firstLine
                            + ") donnent le même code " + code + " : un seul des deux est attendu");
                }
                String ref = commune == null ? null : row.text(commune);
                if (ref != null && !COMMUNE.matcher(ref).matches()) {
                    throw row.error(commune, "attendu un code de commune de 5 caractères, trouvé \"" + ref + "\"");
                }
                int addresses = row.count(count);
                Double x = row.optionalDecimal(lon);
                Double y = row.optionalDecimal(lat);
                if ((x == null) != (y == null)) {
                    throw row.error(x == null ? lon : lat, "longitude et latitude vont ensemble : l'une est vide");
                }
                if (x != null && !(x >= -180 && x <= 180)) {
                    throw row.error(lon, "longitude hors limites : " + x);
                }
                if (y != null && !(y >= -85 && y <= 85)) {
                    throw row.error(lat, "latitude hors limites : " + y);
                }
                if (x != null) {
                    String outside = Territories.outside(raw.substring(0, 5), x, y);
                    if (outside != null) {
                        throw row.error(lon, "position " + x + ", " + y + " hors de " + outside + " (commune "
                                + raw.substring(0, 5) + ")" + (Territories.outside(raw.substring(0, 5), y, x) == null
                                        ? " : longitude et latitude inversées ?" : ""));
                    }
                }
                String geoType = row.text(type, 32);
                Double geoScore = row.optionalDecimal(score);
                if (geoScore != null && !(geoScore >= 0 && geoScore <= 1)) {
                    throw row.error(score, "attendu un score entre 0 et 1, trouvé " + geoScore);
                }
                if (b.addresses + addresses > Integer.MAX_VALUE) {
                    throw row.error(count, "nombre d'adresses invraisemblable pour le bureau " + raw);
                }
                rows++;
                if (!problems.isEmpty()) {
                    continue;
                }
                b.addresses += addresses;
                b.rows++;
                if (ref != null && !ref.toUpperCase(Locale.ROOT).equals(raw.substring(0, 5))) {
                    otherCommune++;
                }
                if (raw.charAt(1) == 'A' || raw.charAt(1) == 'B') {
                    corsican++;
                }
                String reason = x == null ? "sans position" : geoType == null ? "géocodage de type inconnu"
                        : !geoType.equals("housenumber") ? "géocodé à la " + geoType(geoType)
                        : geoScore == null || geoScore < MIN_SCORE ? "score < " + MIN_SCORE : null;
                if (reason != null) {
                    dropped.merge(reason, 1L, Long::sum);
                    droppedAddresses.merge(reason, (long) addresses, Long::sum);
                    continue;
                }
                double[] xy = Lambert93.project(x, y);
                positions.get(code.area()).add(Math.round(xy[0] * 100), Math.round(xy[1] * 100), b.index, addresses);
            } catch (InputError e) {
                problems.addAll(e);
            }
        }
        problems.throwIfAny();
        Set<String> absent = new TreeSet<>(communes);
        bureaux.values().forEach(b -> absent.remove(b.rawId.substring(0, 5)));
        if (!absent.isEmpty()) {
            throw InputError.of(t.fileName(), "commune(s) " + String.join(", ", absent) + " demandée(s) par --communes"
                    + " absente(s) du fichier (" + Paris.count(rows) + " lignes lues) : rien n'a été importé ;"
                    + " vérifiez le code INSEE (pas le code postal) ou retirez-la de la liste");
        }
        if (bureaux.isEmpty()) {
            throw InputError.of(t.fileName(), "aucune adresse dans le fichier");
        }
        return new Read(rows, skipped, bureaux, positions, dropped, droppedAddresses, otherCommune, corsican,
                citiesWithArrondissements);
    }

    /**
     * The parts of France a commune's positions must lie in, by the commune code's first digits: boxes a little wider
     * than each territory. A position outside (longitude and latitude swapped, a damaged value) would draw a cell
     * across thousands of kilometres. The Pacific communes (98…) are not checked.
     */
    static final class Territories {
        private record Box(String name, double west, double east, double south, double north) {}

        private static final Box METROPOLE = new Box("la France métropolitaine", -5.8, 10, 41, 51.5);
        private static final Map<String, Box> OVERSEAS = Map.of(
                "971", new Box("la Guadeloupe", -62, -60.8, 15.7, 16.7),
                "972", new Box("la Martinique", -61.4, -60.6, 14.2, 15),
                "973", new Box("la Guyane", -54.9, -51.3, 1.9, 6),
                "974", new Box("La Réunion", 55, 56, -21.6, -20.7),
                "975", new Box("Saint-Pierre-et-Miquelon", -56.6, -55.9, 46.6, 47.3),
                "976", new Box("Mayotte", 44.8, 45.5, -13.2, -12.4),
                "977", new Box("Saint-Barthélemy", -63, -62.7, 17.8, 18.05),
                "978", new Box("Saint-Martin", -63.2, -62.9, 17.95, 18.2));

        private Territories() {}

        /** The name of the territory commune {@code code} lies in when (lon, lat) is outside it, else null. */
        static String outside(String code, double lon, double lat) {
            Box box = code.startsWith("97") ? OVERSEAS.get(code.substring(0, 3))
                    : code.startsWith("98") ? null : METROPOLE;
            if (box == null || (lon >= box.west() && lon <= box.east() && lat >= box.south() && lat <= box.north())) {
                return null;
            }
            return box.name();
        }
    }

    private static String geoType(String type) {
        return switch (type) {
            case "street" -> "rue";
            case "locality" -> "localité (lieu-dit)";
            case "municipality" -> "commune";
            default -> "précision « " + type + " »";
        };
    }

    /**
     * A bureau of Paris, Lyon or Marseille (the whole city's code or an arrondissement's: 75056, 751xx, 69123, 6938x,
     * 13055, 132xx). Their stations are numbered per arrondissement ({@code 12-1}), and how the REU spells their
     * bureaux could not be checked: read as communes they became stations {@code 75112-1} beside Paris's own, drawn over its
     * published contours (found by the review). Left out, counted in a note.
     */
    static boolean cityWithArrondissements(String rawId) {
        if (rawId.length() < 5) {
            return false;
        }
        return CommuneCodes.dividedIntoArrondissements(rawId.substring(0, 5));
    }

    /**
     * The station code of a REU bureau id: the commune's code is the area ({@link CommuneCodes#stationArea}: Corsica's
     * 2A004 is 20004), the bureau's number the number. A bureau not numbered (« BV12 ») is refused: Terrain numbers
     * bureaux from 1 to 99999.
     */
    static StationCode code(Row row, Column column, String raw) {
        Matcher m = ID.matcher(raw);
        if (!m.matches()) {
            throw row.error(column, "attendu un bureau <code commune>_<numéro> comme 29039_1, trouvé « " + raw + " »");
        }
        Matcher n = NUMBER.matcher(m.group(2));
        if (!n.matches() || Integer.parseInt(n.group(1)) == 0) {
            throw row.error(column, "bureau « " + m.group(2) + " » de la commune " + m.group(1) + " : Terrain numérote"
                    + " les bureaux de 1 à 99999 (attendu comme 29039_1 ou 29039_0001)");
        }
        int commune;
        try {
            commune = CommuneCodes.stationArea(m.group(1)).orElseThrow(); // Paris, Lyon, Marseille are left out before
        } catch (IllegalArgumentException e) {
            throw row.error(column, e.getMessage());
        }
        return new StationCode(commune, Integer.parseInt(n.group(1)));
    }
}
