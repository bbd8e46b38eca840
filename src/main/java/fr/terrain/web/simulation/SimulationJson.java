package fr.terrain.web.simulation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.election.simulation.Camps;
import fr.terrain.election.simulation.SimulationResult;
import fr.terrain.election.simulation.Transfers;
import fr.terrain.json.JsonSyntax;
import fr.terrain.web.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulation's JSON: camp and transfer files read, results written. Field names of the result
 * are a contract shared by {@code terrain simulate --json} and {@code GET /api/simulation}:
 * {@code draws}, {@code seed}, {@code majority}, {@code camps} → {@code mean_seats},
 * {@code p_majority}, {@code seat_distribution}; {@code sectors} → {@code seats},
 * {@code win_probability}, {@code tipping_point_probability}, {@code votes_needed}.
 */
public final class SimulationJson {
    /** Camp files shipped in the jar (from docs/examples), by the name the page and API use. */
    public static final List<String> EXAMPLES = List.of("paris-2020");

    private SimulationJson() {}

    public static Map<String, Object> of(SimulationResult r, List<String> warnings) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("system", r.system());
        o.put("draws", r.draws());
        o.put("seed", r.seed());
        o.put("swing", r.swing());
        o.put("sector_noise", r.sectorNoise());
        o.put("parameters", r.parameterSource());
        o.put("council_seats", r.councilSeats());
        o.put("majority", r.majority());
        o.put("p_no_majority", r.pNoMajority());
        Map<String, Object> camps = new LinkedHashMap<>();
        for (SimulationResult.CampResult c : r.camps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mean_seats", c.meanSeats());
            m.put("p_majority", c.pMajority());
            m.put("expected_seats", c.expectedSeats());
            m.put("seats_5_50_95", List.of(c.seatsAtQuantile(0.05), c.seatsAtQuantile(0.5), c.seatsAtQuantile(0.95)));
            Map<String, Long> distribution = new LinkedHashMap<>();
            for (int k = 0; k < c.distribution().length; k++) {
                if (c.distribution()[k] > 0) {
                    distribution.put(Integer.toString(k), c.distribution()[k]);
                }
            }
            m.put("seat_distribution", distribution);
            camps.put(c.camp(), m);
        }
        o.put("camps", camps);
        Map<String, Object> sectors = new LinkedHashMap<>();
        for (SimulationResult.SectorResult s : r.sectors()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seats", s.seats());
            m.put("expected_winner", s.expectedWinner());
            m.put("win_probability", s.winProbability());
            m.put("mean_seats", s.meanSeats());
            m.put("tipping_point_probability", s.tippingPointProbability());
            m.put("votes_needed", s.votesNeeded());
            sectors.put(s.sector(), m);
        }
        o.put("sectors", sectors);
        o.put("warnings", warnings);
        return o;
    }

    /** A camp file: {@code {"camp": ["label", "nuance:XXX", "*"], …}}. */
    public static Camps camps(String json, String origin) {
        JsonNode root = parse(json, origin);
        if (!root.isObject() || root.isEmpty()) {
            throw new IllegalArgumentException(origin + " : un objet JSON camp → [listes] est attendu");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode v = e.getValue();
            List<String> selectors = new ArrayList<>();
            if (v.isTextual()) {
                selectors.add(v.asText());
            } else if (v.isArray()) {
                for (JsonNode s : v) {
                    if (!s.isTextual()) {
                        throw new IllegalArgumentException(origin + " : camp « " + e.getKey() + " » : des textes sont"
                                + " attendus (étiquette de liste, nuance:XXX ou *), trouvé " + s);
                    }
                    selectors.add(s.asText());
                }
            } else {
                throw new IllegalArgumentException(origin + " : camp « " + e.getKey() + " » : une liste de textes est"
                        + " attendue, trouvé " + v);
            }
            out.put(e.getKey(), selectors);
        }
        try {
            return new Camps(out);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(origin + " : " + bad.getMessage());
        }
    }

    /**
     * A transfer matrix in either format: JSON when the text starts with <code>{</code>, else CSV
     * ({@link #transfersCsv}).
     */
    public static Transfers transfersAnyFormat(String text, String origin) {
        String t = text.stripLeading();
        if (t.startsWith("\uFEFF")) {
            t = t.substring(1).stripLeading();
        }
        return t.startsWith("{") ? transfers(t, origin) : transfersCsv(t, origin);
    }

    /**
     * A transfer matrix as CSV, one row per transfer, with a header: {@code from;to;share}
     * (French spellings {@code de;vers;part} accepted), separated by {@code ;}, a tab or, when the
     * header has neither, {@code ,}; shares as {@code 0.85}, {@code 0,85} or {@code 85 %}.
     * docs/examples/transfers-paris-2020.csv is the JSON example in this shape. Errors name the
     * line and the column (field number): {@code origin : ligne 3, colonne 3 : …}.
     */
    public static Transfers transfersCsv(String text, String origin) {
        List<String> lines = text.lines().toList();
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            throw new IllegalArgumentException(origin + " : aucune ligne : un en-tête from;to;share est attendu");
        }
        String header = lines.get(first);
        String separator = header.contains(";") ? ";" : header.contains("\t") ? "\t" : ",";
        List<String> names = java.util.Arrays.stream(header.split(java.util.regex.Pattern.quote(separator), -1))
                .map(h -> h.strip().toLowerCase(java.util.Locale.ROOT)).toList();
        int from = column(names, origin, first + 1, "from", "de");
        int to = column(names, origin, first + 1, "to", "vers");
        int share = column(names, origin, first + 1, "share", "part");
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        for (int i = first + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int number = i + 1;
            String[] cells = line.split(java.util.regex.Pattern.quote(separator), -1);
            if (cells.length != names.size()) {
                throw new IllegalArgumentException(origin + " : ligne " + number + " : " + names.size()
                        + " colonnes attendues comme l'en-tête, trouvé " + cells.length);
            }
            String f = cell(cells, from, origin, number);
            String t = cell(cells, to, origin, number);
            String raw = cell(cells, share, origin, number);
            double v = share(raw, origin, number, share + 1);
            Map<String, Double> row = rows.computeIfAbsent(f, k -> new LinkedHashMap<>());
            if (row.put(t, v) != null) {
                throw new IllegalArgumentException(origin + " : ligne " + number + ", colonne " + (to + 1) + " : « " + f
                        + " » → « " + t + " » en double");
            }
            double sum = row.values().stream().mapToDouble(Double::doubleValue).sum();
            if (sum > 1 + 1e-9) {
                throw new IllegalArgumentException(origin + " : ligne " + number + ", colonne " + (share + 1) + " : « " + f
                        + " » : les parts font " + Math.round(sum * 1000) / 10.0 + " %, plus de 100 %");
            }
        }
        try {
            return new Transfers(rows);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(origin + " : " + bad.getMessage());
        }
    }

    private static int column(List<String> names, String origin, int line, String... spellings) {
        for (String s : spellings) {
            int i = names.indexOf(s);
            if (i >= 0) {
                return i;
            }
        }
        throw new IllegalArgumentException(origin + " : ligne " + line + " : colonne « " + spellings[0] + " » (ou « "
                + spellings[1] + " ») absente de l'en-tête ; attendu from;to;share");
    }

    private static String cell(String[] cells, int index, String origin, int line) {
        String v = cells[index].strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1).strip();
        }
        if (v.isEmpty()) {
            throw new IllegalArgumentException(origin + " : ligne " + line + ", colonne " + (index + 1) + " : valeur vide");
        }
        return v;
    }

    private static double share(String raw, String origin, int line, int column) {
        String v = raw.replace(',', '.').replace('\u00a0', ' ').strip();
        boolean percent = v.endsWith("%");
        if (percent) {
            v = v.substring(0, v.length() - 1).strip();
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(origin + " : ligne " + line + ", colonne " + column
                    + " : une part entre 0 et 1 (ou 0 % et 100 %) est attendue, trouvé « " + raw + " »");
        }
        if (percent) {
            d /= 100;
        }
        if (!(d >= 0 && d <= 1)) {
            throw new IllegalArgumentException(origin + " : ligne " + line + ", colonne " + column
                    + " : une part entre 0 et 1 (ou 0 % et 100 %) est attendue, trouvé « " + raw + " »");
        }
        return d;
    }

    /**
     * A transfer file: {@code {"from camp": {"to camp": 0.8, "abstention": 0.2}, …}} (the format of
     * docs/examples/transfers-paris-2020.json). Read as a stream so that every error names its line
     * and column: {@code origin : ligne 3, colonne 25 : …}.
     */
    public static Transfers transfers(String json, String origin) {
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw at(origin, p, "un objet JSON camp → {camp: part} est attendu");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String from = p.currentName();
                JsonLocation where = p.currentTokenLocation();
                if (rows.containsKey(from)) {
                    throw at(origin, where, "camp « " + from + " » en double");
                }
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw at(origin, p, "« " + from + " » : un objet {camp: part} est attendu");
                }
                Map<String, Double> row = new LinkedHashMap<>();
                double sum = 0;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String to = p.currentName();
                    if (row.containsKey(to)) {
                        throw at(origin, p, "« " + from + " » → « " + to + " » en double");
                    }
                    JsonToken value = p.nextToken();
                    if (value == null || !value.isNumeric()) {
                        throw at(origin, p, "« " + from + " » → « " + to + " » : un nombre entre 0 et 1 est attendu, trouvé "
                                + (value == null ? "la fin du texte" : p.getText()));
                    }
                    double v = p.getDoubleValue();
                    if (!(v >= 0 && v <= 1)) {
                        throw at(origin, p, "« " + from + " » → « " + to + " » : une part entre 0 et 1 est attendue, trouvé "
                                + p.getText());
                    }
                    sum += v;
                    row.put(to, v);
                }
                if (sum > 1 + 1e-9) {
                    throw at(origin, where, "« " + from + " » : les parts font " + Math.round(sum * 1000) / 10.0
                            + " %, plus de 100 %");
                }
                rows.put(from, row);
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw at(origin, p, "texte en trop après l'objet JSON");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(origin + " : JSON invalide, " + JsonSyntax.located(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new Transfers(rows);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(origin + " : " + bad.getMessage());
        }
    }

    private static IllegalArgumentException at(String origin, JsonParser p, String message) {
        return at(origin, p.currentTokenLocation(), message);
    }

    private static IllegalArgumentException at(String origin, JsonLocation where, String message) {
        return new IllegalArgumentException(origin + " : ligne " + where.getLineNr() + ", colonne " + where.getColumnNr()
                + " : " + message);
    }

    /** A camp file shipped in the jar. */
    public static Optional<String> example(String name) {
        return shipped("camps-", name);
    }

    /** A transfer file shipped in the jar (docs/examples/transfers-NAME.json). */
    public static Optional<String> transferExample(String name) {
        return shipped("transfers-", name);
    }

    private static Optional<String> shipped(String prefix, String name) {
        if (!EXAMPLES.contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = SimulationJson.class.getResourceAsStream("/examples/" + prefix + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("exemple absent du jar : " + prefix + name + ".json");
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json, String origin) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(origin + " : JSON invalide, " + JsonSyntax.located(e));
        }
    }
}
