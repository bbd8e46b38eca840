package fr.terrain.ingest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.terrain.election.StationCode;
import fr.terrain.json.JsonSyntax;
import fr.terrain.targeting.Bloc;
import fr.terrain.targeting.Measure;
import fr.terrain.targeting.Parameters;
import fr.terrain.targeting.TopicRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The targeting files a campaign writes: the bloc definition, the parameters of the score, sector
 * weights and topic rules (JSON), and the plan {@code terrain target --csv} writes. Every error names the
 * file and the field (and the line, for the plan).
 */
public final class TargetingFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The topic rules shipped with Terrain. */
    public static final String DEFAULT_TOPICS = "/fr/terrain/targeting/topics-default.json";

    private TargetingFiles() {}

    /**
     * {@code {"name": "gauche", "ours": {"paris-2020-t1": ["M. GRÉGOIRE Emmanuel", "nuance:LUG"]},
     * "neighbours": {…}}}.
     */
    public static Bloc readBloc(Path file) {
        return bloc(parse(file), file.toString());
    }

    /** A bloc sent as JSON text (by the web page that tags lists); {@code source} names it in errors. */
    public static Bloc parseBloc(String json, String source) {
        try {
            return bloc(JSON.readTree(json), source);
        } catch (JsonParseException e) {
            var loc = e.getLocation();
            throw new InputError(new Problem(source, loc.getLineNr(), loc.getColumnNr(), null,
                    "JSON invalide : " + JsonSyntax.words(e)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Bloc bloc(JsonNode root, String name) {
        requireObject(root, name, "(racine)");
        unknownFields(root, name, "", Set.of("name", "ours", "neighbours", "comment", "_comment", "notes"));
        JsonNode n = root.get("name");
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw InputError.of(name, "[name] nom du bloc attendu (texte), par ex. \"name\": \"gauche\"");
        }
        Map<String, List<String>> ours = lists(root.get("ours"), name, "ours", true);
        Map<String, List<String>> neighbours = lists(root.get("neighbours"), name, "neighbours", false);
        try {
            return new Bloc(n.asText(), ours, neighbours);
        } catch (IllegalArgumentException e) {
            throw InputError.of(name, e.getMessage());
        }
    }

    private static Map<String, List<String>> lists(JsonNode node, String file, String field, boolean required) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            if (required) {
                throw InputError.of(file, "[" + field + "] attendu un objet {\"id-élection\": [\"tête de liste\" ou \"nuance:XXX\", …]}");
            }
            return out;
        }
        if (!node.isObject()) {
            throw InputError.of(file, "[" + field + "] attendu un objet {\"id-élection\": [listes…]}, trouvé " + node.getNodeType());
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String where = field + "." + e.getKey();
            if (!e.getValue().isArray()) {
                throw InputError.of(file, "[" + where + "] attendu un tableau de listes, trouvé " + e.getValue().getNodeType());
            }
            List<String> names = new ArrayList<>();
            int i = 0;
            for (JsonNode v : e.getValue()) {
                if (!v.isTextual() || v.asText().isBlank()) {
                    throw InputError.of(file, "[" + where + "[" + i + "]] attendu le nom d'une liste ou \"nuance:XXX\"");
                }
                names.add(v.asText());
                i++;
            }
            out.put(e.getKey(), names);
        }
        return out;
    }

    /** Parameters of the score: any subset of the fields, the rest from {@code base}. */
    public static Parameters readParameters(Path file, Parameters base) {
        String name = file.toString();
        JsonNode root = parse(file);
        requireObject(root, name, "(racine)");
        Set<String> known = Set.of("doors_per_hour", "contact_rate", "registered_per_door", "persuasion_effect",
                "mobilisation_effect", "abstainer_lean", "abstainer_lean_sd", "confidence", "ridge", "neighbours",
                "step_hours", "comment", "_comment", "sources");
        unknownFields(root, name, "", known);
        try {
            return new Parameters(num(root, "doors_per_hour", base.doorsPerHour(), name),
                    num(root, "contact_rate", base.contactRate(), name),
                    num(root, "registered_per_door", base.registeredPerDoor(), name),
                    num(root, "persuasion_effect", base.persuasionEffect(), name),
                    num(root, "mobilisation_effect", base.mobilisationEffect(), name),
                    num(root, "abstainer_lean", base.abstainerLean(), name),
                    num(root, "abstainer_lean_sd", base.abstainerLeanSd(), name),
                    num(root, "confidence", base.confidence(), name),
                    num(root, "ridge", base.ridge(), name),
                    (int) num(root, "neighbours", base.neighbours(), name),
                    num(root, "step_hours", base.stepHours(), name));
        } catch (IllegalArgumentException e) {
            throw InputError.of(name, e.getMessage());
        }
    }

    /** {@code {"5": 1.8, "12": 2.5}}: sector → multiplier of the value of a vote there. */
    public static Map<String, Double> readSectorNumbers(Path file, String what) {
        String name = file.toString();
        JsonNode root = parse(file);
        requireObject(root, name, "(racine)");
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (!e.getValue().isNumber() || e.getValue().asDouble() < 0) {
                throw InputError.of(name, "[" + e.getKey() + "] " + what + " attendu : un nombre ≥ 0, trouvé " + e.getValue());
            }
            out.put(e.getKey(), e.getValue().asDouble());
        }
        return out;
    }

    /**
     * Sector weights from the output of {@code terrain simulate --json}: each sector's
     * tipping-point probability (how often its winner decides who holds the majority), scaled so
     * that the sectors' mean weight is 1. A canvassing hour then counts more where seats are won.
     */
    public static Map<String, Double> readSeatWeights(Path file) {
        String name = file.toString();
        JsonNode sectors = parse(file).path("sectors");
        if (!sectors.isObject() || sectors.isEmpty()) {
            throw InputError.of(name, "[sectors] attendu : la sortie de terrain simulate --json");
        }
        Map<String, Double> tipping = new LinkedHashMap<>();
        for (Iterator<String> it = sectors.fieldNames(); it.hasNext();) {
            String sector = it.next();
            JsonNode p = sectors.get(sector).get("tipping_point_probability");
            if (p == null || !p.isNumber() || p.asDouble() < 0 || p.asDouble() > 1) {
                throw InputError.of(name, "[sectors." + sector + ".tipping_point_probability] probabilité entre 0 et 1 attendue");
            }
            tipping.put(sector, p.asDouble());
        }
        double mean = tipping.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        if (mean == 0) {
            throw InputError.of(name, "aucun secteur n'est jamais décisif dans cette simulation : pas de poids à en tirer");
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        tipping.forEach((sector, p) -> weights.put(sector, p / mean));
        return weights;
    }

    /**
     * The top of a targeting plan written by {@code terrain target --csv} (columns {@code station}, {@code hours} and,
     * when there, {@code score}; the others are not read): the {@code top} stations given most hours, the higher score
     * first between equal hours (hours go in half-hour steps: ties are common), as the plan page orders them; stations
     * given no hour left out.
     */
    public static List<StationCode> topOfPlan(Path file, int top) {
        record Given(StationCode station, double hours, double score) {}
        List<Given> given = new ArrayList<>();
        Set<StationCode> seen = new HashSet<>();
        try (CsvTable t = CsvTable.open(TextInput.detect(file))) {
            CsvTable.Column station = t.requireColumn("station", "bureau");
            CsvTable.Column hours = t.requireColumn("hours", "heures");
            CsvTable.Column score = t.column("score", "score (voix par heure)").orElse(null);
            for (CsvTable.Row row : t) {
                StationCode code;
                try {
                    code = StationCode.parse(row.requiredText(station, 20));
                } catch (IllegalArgumentException e) {
                    throw row.error(station, e.getMessage());
                }
                if (!seen.add(code)) {
                    throw row.error(station, "bureau en double : " + code);
                }
                double h = row.decimal(hours);
                if (!(h >= 0)) {
                    throw row.error(hours, "heures attendues : un nombre ≥ 0, trouvé " + h);
                }
                Double sc = score == null ? null : row.optionalDecimal(score);
                if (h > 0) {
                    given.add(new Given(code, h, sc == null ? 0 : sc));
                }
            }
            if (given.isEmpty()) {
                throw InputError.of(t.fileName(), "aucun bureau n'a d'heures dans ce plan (terrain target … --hours H --csv)");
            }
        }
        return given.stream().sorted(Comparator.comparingDouble(Given::hours).thenComparingDouble(Given::score).reversed())
                .limit(top)
                .map(Given::station).toList();
    }

    public static TopicRules readTopicRules(Path file) {
        return topicRules(parse(file), file.toString());
    }

    public static TopicRules defaultTopicRules() {
        try (InputStream in = TargetingFiles.class.getResourceAsStream(DEFAULT_TOPICS)) {
            if (in == null) {
                throw new IllegalStateException("ressource manquante " + DEFAULT_TOPICS);
            }
            return topicRules(JSON.readTree(in), DEFAULT_TOPICS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TopicRules topicRules(JsonNode root, String name) {
        requireObject(root, name, "(racine)");
        JsonNode topics = root.get("topics");
        if (topics == null || !topics.isArray()) {
            throw InputError.of(name, "[topics] attendu un tableau de thèmes");
        }
        List<TopicRules.Topic> out = new ArrayList<>();
        int t = 0;
        for (JsonNode topic : topics) {
            String where = "topics[" + t + "]";
            requireObject(topic, name, where);
            unknownFields(topic, name, where + ".", Set.of("id", "label", "signals", "comment"));
            String id = text(topic, "id", name, where, true);
            JsonNode signals = topic.get("signals");
            if (signals == null || !signals.isArray() || signals.isEmpty()) {
                throw InputError.of(name, "[" + where + ".signals] attendu un tableau non vide de signaux");
            }
            List<TopicRules.Signal> list = new ArrayList<>();
            int s = 0;
            for (JsonNode signal : signals) {
                String sw = where + ".signals[" + s + "]";
                requireObject(signal, name, sw);
                unknownFields(signal, name, sw + ".", Set.of("measure", "weight", "direction", "threshold", "evidence", "comment"));
                Measure measure = measure(signal.get("measure"), name, sw + ".measure");
                String direction = signal.has("direction") ? signal.get("direction").asText() : "above";
                if (!direction.equals("above") && !direction.equals("below")) {
                    throw InputError.of(name, "[" + sw + ".direction] attendu \"above\" ou \"below\", trouvé \"" + direction + "\"");
                }
                Double threshold = null;
                if (signal.has("threshold") && !signal.get("threshold").isNull()) {
                    if (!signal.get("threshold").isNumber()) {
                        throw InputError.of(name, "[" + sw + ".threshold] attendu un nombre");
                    }
                    threshold = signal.get("threshold").asDouble();
                }
                double weight = num(signal, "weight", 1.0, name + " " + sw);
                try {
                    list.add(new TopicRules.Signal(measure, weight, direction.equals("above"), threshold,
                            text(signal, "evidence", name, sw, false)));
                } catch (IllegalArgumentException e) {
                    throw InputError.of(name, "[" + sw + "] " + e.getMessage());
                }
                s++;
            }
            out.add(new TopicRules.Topic(id, text(topic, "label", name, where, false), list));
            t++;
        }
        try {
            return new TopicRules(out);
        } catch (IllegalArgumentException e) {
            throw InputError.of(name, "[topics] " + e.getMessage());
        }
    }

    /** A built-in measure by id ({@code "children"}) or {@code {"numerator": […], "denominator": […], "unit": "%"}}. */
    private static Measure measure(JsonNode node, String file, String where) {
        if (node == null) {
            throw InputError.of(file, "[" + where + "] mesure attendue : un nom (" + builtIns() + ") ou un objet"
                    + " {\"numerator\": [codes INSEE], \"denominator\": [codes], \"unit\": \"%\"}");
        }
        if (node.isTextual()) {
            return Measure.COVARIATES.stream().filter(m -> m.id().equals(node.asText())).findFirst()
                    .orElseThrow(() -> InputError.of(file, "[" + where + "] mesure inconnue \"" + node.asText()
                            + "\" ; connues : " + builtIns()));
        }
        requireObject(node, file, where);
        unknownFields(node, file, where + ".", Set.of("id", "label", "numerator", "denominator", "unit"));
        List<String> numerator = codes(node.get("numerator"), file, where + ".numerator", true);
        List<String> denominator = codes(node.get("denominator"), file, where + ".denominator", false);
        String id = node.has("id") ? node.get("id").asText() : String.join("+", numerator);
        String unit = node.has("unit") ? node.get("unit").asText() : denominator.isEmpty() ? "" : "%";
        return new Measure(id, node.has("label") ? node.get("label").asText() : id, numerator, denominator, unit);
    }

    private static String builtIns() {
        return String.join(", ", Measure.COVARIATES.stream().map(Measure::id).toList());
    }

    private static List<String> codes(JsonNode node, String file, String where, boolean required) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            if (required) {
                throw InputError.of(file, "[" + where + "] attendu un tableau de codes INSEE (\"P{yy}_POP0014\")");
            }
            return out;
        }
        if (node.isTextual()) {
            out.add(node.asText());
            return out;
        }
        if (!node.isArray()) {
            throw InputError.of(file, "[" + where + "] attendu un tableau de codes INSEE");
        }
        for (JsonNode c : node) {
            if (!c.isTextual() || c.asText().isBlank()) {
                throw InputError.of(file, "[" + where + "] chaque code INSEE doit être un texte");
            }
            out.add(c.asText());
        }
        if (required && out.isEmpty()) {
            throw InputError.of(file, "[" + where + "] au moins un code INSEE attendu");
        }
        return out;
    }

    private static String text(JsonNode node, String field, String file, String where, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw InputError.of(file, "[" + where + "." + field + "] texte attendu");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw InputError.of(file, "[" + where + "." + field + "] texte attendu, trouvé " + v.getNodeType());
        }
        return v.asText();
    }

    private static double num(JsonNode node, String field, double fallback, String file) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw InputError.of(file, "[" + field + "] nombre attendu, trouvé " + v);
        }
        return v.asDouble();
    }

    private static void requireObject(JsonNode node, String file, String where) {
        if (node == null || !node.isObject()) {
            throw InputError.of(file, "[" + where + "] objet JSON attendu");
        }
    }

    private static void unknownFields(JsonNode node, String file, String prefix, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!known.contains(f)) {
                throw InputError.of(file, "[" + prefix + f + "] champ inconnu ; attendus : " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private static JsonNode parse(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (JsonParseException e) {
            var loc = e.getLocation();
            throw new InputError(new Problem(file.toString(), loc.getLineNr(), loc.getColumnNr(), null,
                    "JSON invalide : " + JsonSyntax.words(e)));
        } catch (IOException e) {
            throw new UncheckedIOException("lecture de " + file, e);
        }
    }
}
