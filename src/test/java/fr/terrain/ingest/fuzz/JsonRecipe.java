package fr.terrain.ingest.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * How to turn a real GeoJSON file into a small damaged variant: a FeatureCollection of a few of
 * its features, with damaged properties, geometries and structure, written compact or indented,
 * then damaged as text and bytes. Printed in full when a property fails.
 */
record JsonRecipe(List<Integer> picks, List<TreeOp> ops, boolean indented, Damage.Surface surface) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A real FeatureCollection: its features, and its other members (type, name, crs). */
    record Seed(String fileName, ObjectNode top, List<JsonNode> features) {
        static Seed of(Path file) {
            try {
                ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
                List<JsonNode> features = new ArrayList<>();
                root.get("features").forEach(features::add);
                ObjectNode top = root.deepCopy();
                top.remove("features");
                return new Seed(file.getFileName().toString(), top, List.copyOf(features));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    byte[] bytes(Seed seed) {
        ObjectNode collection = seed.top().deepCopy();
        ArrayNode features = collection.putArray("features");
        for (int i : picks) {
            features.add(seed.features().get(i % seed.features().size()).deepCopy());
        }
        for (TreeOp op : ops) {
            op.apply(collection);
        }
        try {
            String text = indented ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(collection)
                    : JSON.writeValueAsString(collection);
            return surface.apply(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path write(Seed seed, Path dir) {
        Path f = dir.resolve(seed.fileName());
        try {
            Files.write(f, bytes(seed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    // ---- damage to the tree

    sealed interface TreeOp {
        void apply(ObjectNode collection);
    }

    /** The feature at {@code i} (modulo), when it is still an object. */
    private static ObjectNode featureAt(ObjectNode collection, int i) {
        JsonNode features = collection.get("features");
        if (features == null || !features.isArray() || features.isEmpty()) {
            return null;
        }
        return features.get(i % features.size()) instanceof ObjectNode o ? o : null;
    }

    private static ObjectNode propertiesAt(ObjectNode collection, int i) {
        ObjectNode f = featureAt(collection, i);
        return f != null && f.get("properties") instanceof ObjectNode p ? p : null;
    }

    record SetProperty(int feature, int property, Value damage) implements TreeOp {
        public void apply(ObjectNode c) {
            ObjectNode p = propertiesAt(c, feature);
            if (p != null && !p.isEmpty()) {
                List<String> names = new ArrayList<>();
                p.fieldNames().forEachRemaining(names::add);
                String name = names.get(property % names.size());
                p.set(name, damage.apply(p.get(name)));
            }
        }
    }

    record RemoveProperty(int feature, int property) implements TreeOp {
        public void apply(ObjectNode c) {
            ObjectNode p = propertiesAt(c, feature);
            if (p != null && !p.isEmpty()) {
                List<String> names = new ArrayList<>();
                p.fieldNames().forEachRemaining(names::add);
                p.remove(names.get(property % names.size()));
            }
        }
    }

    /** A property of another layout or vintage, or a second spelling of one already there. */
    record AddProperty(int feature, String name, Value damage) implements TreeOp {
        public void apply(ObjectNode c) {
            ObjectNode p = propertiesAt(c, feature);
            if (p != null) {
                p.set(name, damage.apply(p.has(name) ? p.get(name) : NODES.textNode("12")));
            }
        }
    }

    record PropertiesDamage(int feature, Value damage) implements TreeOp {
        public void apply(ObjectNode c) {
            ObjectNode f = featureAt(c, feature);
            if (f != null) {
                f.set("properties", damage.apply(f.get("properties")));
            }
        }
    }

    record SetGeometryType(int feature, String type) implements TreeOp {
        public void apply(ObjectNode c) {
            ObjectNode f = featureAt(c, feature);
            if (f != null && f.get("geometry") instanceof ObjectNode g) {
                g.put("type", type);
            }
        }
    }

    record DamageNumber(int feature, int index, Number damage) implements TreeOp {
        public void apply(ObjectNode c) {
            ObjectNode f = featureAt(c, feature);
            if (f == null) {
                return;
            }
            List<ArrayNode> parents = new ArrayList<>();
            List<Integer> slots = new ArrayList<>();
            numbers(f.path("geometry"), parents, slots);
            if (!parents.isEmpty()) {
                int k = index % parents.size();
                ArrayNode parent = parents.get(k);
                int slot = slots.get(k);
                parent.set(slot, damage.apply(parent.get(slot).asDouble()));
            }
        }
    }

    private static void numbers(JsonNode node, List<ArrayNode> parents, List<Integer> slots) {
        if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isNumber()) {
                    parents.add(a);
                    slots.add(i);
                } else {
                    numbers(a.get(i), parents, slots);
                }
            }
        } else if (node instanceof ObjectNode o) {
            o.elements().forEachRemaining(e -> numbers(e, parents, slots));
        }
    }

    /** Positions: arrays of numbers, with the array that holds them. */
    private static void positions(JsonNode node, List<ArrayNode> parents, List<Integer> slots) {
        if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode e = a.get(i);
                if (e.isArray() && !e.isEmpty() && e.get(0).isNumber()) {
                    parents.add(a);
                    slots.add(i);
                } else {
                    positions(e, parents, slots);
                }
            }
        } else if (node instanceof ObjectNode o) {
            o.elements().forEachRemaining(e -> positions(e, parents, slots));
        }
    }

    /** Removes, duplicates or swaps positions of a ring: unclosed, too short or self-intersecting rings. */
    record MovePosition(int feature, int index, int other, Move move) implements TreeOp {
        enum Move { DROP, DUPLICATE, SWAP, COPY_OVER }

        public void apply(ObjectNode c) {
            ObjectNode f = featureAt(c, feature);
            if (f == null) {
                return;
            }
            List<ArrayNode> parents = new ArrayList<>();
            List<Integer> slots = new ArrayList<>();
            positions(f.path("geometry"), parents, slots);
            if (parents.isEmpty()) {
                return;
            }
            int k = index % parents.size();
            ArrayNode ring = parents.get(k);
            int i = slots.get(k);
            int j = other % ring.size();
            switch (move) {
                case DROP -> ring.remove(i);
                case DUPLICATE -> ring.insert(i, ring.get(i).deepCopy());
                case SWAP -> {
                    JsonNode a = ring.get(i);
                    ring.set(i, ring.get(j));
                    ring.set(j, a);
                }
                case COPY_OVER -> ring.set(j, ring.get(i).deepCopy());
            }
        }
    }

    record GeometryDamage(int feature, Shape shape) implements TreeOp {
        enum Shape { REMOVE, NULL, EMPTY_COORDINATES, COORDINATES_TEXT, NO_COORDINATES, IN_COLLECTION, NESTED_COLLECTIONS,
            AS_MULTI, AS_POINT, AS_LINE, FAR_HOLE, COLLAPSED, TEXT }

        public void apply(ObjectNode c) {
            ObjectNode f = featureAt(c, feature);
            if (f == null) {
                return;
            }
            JsonNode g = f.get("geometry");
            JsonNode coordinates = g == null ? null : g.get("coordinates");
            switch (shape) {
                case REMOVE -> f.remove("geometry");
                case NULL -> f.putNull("geometry");
                case TEXT -> f.put("geometry", "POLYGON((2 48, 3 48, 3 49, 2 48))");
                case EMPTY_COORDINATES -> {
                    if (g instanceof ObjectNode o) {
                        o.putArray("coordinates");
                    }
                }
                case COORDINATES_TEXT -> {
                    if (g instanceof ObjectNode o) {
                        o.put("coordinates", "2.35,48.86");
                    }
                }
                case NO_COORDINATES -> {
                    if (g instanceof ObjectNode o) {
                        o.remove("coordinates");
                    }
                }
                case IN_COLLECTION -> f.set("geometry", collection(g == null ? NODES.nullNode() : g, 1));
                case NESTED_COLLECTIONS -> f.set("geometry", collection(g == null ? NODES.nullNode() : g, 60));
                case AS_MULTI -> {
                    if (g instanceof ObjectNode o && coordinates != null) {
                        o.put("type", "MultiPolygon");
                        o.set("coordinates", NODES.arrayNode().add(coordinates));
                    }
                }
                case AS_POINT, AS_LINE -> {
                    List<ArrayNode> parents = new ArrayList<>();
                    List<Integer> slots = new ArrayList<>();
                    positions(g, parents, slots);
                    if (g instanceof ObjectNode o && !parents.isEmpty()) {
                        if (shape == Shape.AS_POINT) {
                            o.put("type", "Point");
                            o.set("coordinates", parents.get(0).get(slots.get(0)));
                        } else {
                            o.put("type", "LineString");
                            o.set("coordinates", parents.get(0));
                        }
                    }
                }
                case FAR_HOLE -> {
                    if (g instanceof ObjectNode o && coordinates instanceof ArrayNode rings && "Polygon".equals(o.path("type").asText())) {
                        rings.add(ring(10, 10, 1));
                    }
                }
                case COLLAPSED -> {
                    if (g instanceof ObjectNode o) {
                        o.put("type", "Polygon");
                        o.set("coordinates", NODES.arrayNode().add(ring(2.35, 48.86, 0)));
                    }
                }
            }
        }

        private static JsonNode collection(JsonNode g, int depth) {
            JsonNode out = g;
            for (int i = 0; i < depth; i++) {
                ObjectNode c = NODES.objectNode();
                c.put("type", "GeometryCollection");
                c.putArray("geometries").add(out);
                out = c;
            }
            return out;
        }

        /** A closed square ring; size 0 collapses it to one point. */
        private static ArrayNode ring(double x, double y, double size) {
            ArrayNode r = NODES.arrayNode();
            double[][] corners = {{x, y}, {x + size, y}, {x + size, y + size}, {x, y + size}, {x, y}};
            for (double[] p : corners) {
                r.add(NODES.arrayNode().add(p[0]).add(p[1]));
            }
            return r;
        }
    }

    record DuplicateFeature(int feature) implements TreeOp {
        public void apply(ObjectNode c) {
            ObjectNode f = featureAt(c, feature);
            if (f != null) {
                ((ArrayNode) c.get("features")).add(f.deepCopy());
            }
        }
    }

    record ReplaceFeature(int feature, Value damage) implements TreeOp {
        public void apply(ObjectNode c) {
            JsonNode features = c.get("features");
            if (features instanceof ArrayNode a && !a.isEmpty()) {
                int i = feature % a.size();
                a.set(i, damage.apply(a.get(i)));
            }
        }
    }

    record TopDamage(Top kind) implements TreeOp {
        enum Top { TYPE_FEATURE, TYPE_MISSING, TYPE_NUMBER, FEATURES_MISSING, FEATURES_OBJECT, FEATURES_NULL, FEATURES_EMPTY,
            FEATURES_FIRST, DEEP_BBOX }

        public void apply(ObjectNode c) {
            switch (kind) {
                case TYPE_FEATURE -> c.put("type", "Feature");
                case TYPE_MISSING -> c.remove("type");
                case TYPE_NUMBER -> c.put("type", 7);
                case FEATURES_MISSING -> c.remove("features");
                case FEATURES_OBJECT -> c.putObject("features");
                case FEATURES_NULL -> c.putNull("features");
                case FEATURES_EMPTY -> c.putArray("features");
                case FEATURES_FIRST -> {
                    JsonNode features = c.remove("features");
                    ObjectNode rest = c.deepCopy();
                    c.removeAll();
                    if (features != null) {
                        c.set("features", features);
                    }
                    c.setAll(rest);
                }
                case DEEP_BBOX -> {
                    ArrayNode a = c.putArray("bbox");
                    for (int i = 0; i < 200; i++) {
                        a = a.addArray();
                    }
                }
            }
        }
    }

    /** Damage to a property value, a properties object or a whole feature. */
    enum Value {
        NULL, EMPTY_TEXT, BLANK, NEGATIVE, ZERO, HUGE, OVER_INT, FRACTION, AS_TEXT, AS_NUMBER, LETTERS, DASH_ZERO,
        DASH_BIG, DASH_ONLY, LONG_TEXT, CONTROL, ARRAY, OBJECT, TRUE, EMOJI, LEADING_ZEROS, SPACES, BUMP;

        JsonNode apply(JsonNode old) {
            String text = old == null || old.isContainerNode() ? "" : old.asText();
            return switch (this) {
                case NULL -> NODES.nullNode();
                case EMPTY_TEXT -> NODES.textNode("");
                case BLANK -> NODES.textNode("   ");
                case NEGATIVE -> NODES.numberNode(-5);
                case ZERO -> NODES.numberNode(0);
                case HUGE -> NODES.numberNode(new BigInteger("1000000000000000000000000000000"));
                case OVER_INT -> NODES.numberNode(2_147_483_648L);
                case FRACTION -> NODES.numberNode(12.5);
                case AS_TEXT -> NODES.textNode(text);
                case AS_NUMBER -> NODES.numberNode(text.matches("\\d{1,9}") ? Integer.parseInt(text) : 3);
                case LETTERS -> NODES.textNode(text.replace('0', 'O').replace('1', 'l').replaceAll("[2-9]", "x"));
                case DASH_ZERO -> NODES.textNode("0-0");
                case DASH_BIG -> NODES.textNode("99999-99999");
                case DASH_ONLY -> NODES.textNode("-");
                case LONG_TEXT -> NODES.textNode("x".repeat(400) + text);
                case CONTROL -> NODES.textNode(text + "\u0000\u0007");
                case ARRAY -> NODES.arrayNode().add(old == null ? NODES.nullNode() : old);
                case OBJECT -> NODES.objectNode().set("v", old == null ? NODES.nullNode() : old);
                case TRUE -> NODES.booleanNode(true);
                case EMOJI -> NODES.textNode(text + "😀");
                case LEADING_ZEROS -> NODES.textNode("000000000" + text);
                case SPACES -> NODES.textNode(" " + text + " ");
                case BUMP -> old != null && old.isNumber() ? NODES.numberNode(old.asLong() + 1) : NODES.textNode(text + "1");
            };
        }
    }

    /** Damage to one coordinate. */
    enum Number {
        OUT_OF_RANGE, NEGATIVE, HUGE, BIG_INTEGER, TEXT, NULL, TINY_SHIFT, ZERO, NESTED, LONG_DIGITS;

        JsonNode apply(double v) {
            return switch (this) {
                case OUT_OF_RANGE -> NODES.numberNode(v + 200);
                case NEGATIVE -> NODES.numberNode(-v);
                case HUGE -> NODES.numberNode(new BigDecimal("1E+400"));
                case BIG_INTEGER -> NODES.numberNode(new BigInteger("10000000000000000000000000"));
                case TEXT -> NODES.textNode(Double.toString(v));
                case NULL -> NODES.nullNode();
                case TINY_SHIFT -> NODES.numberNode(v + 1e-7);
                case ZERO -> NODES.numberNode(0);
                case NESTED -> NODES.arrayNode().add(v);
                case LONG_DIGITS -> NODES.numberNode(new BigDecimal(
                        BigDecimal.valueOf(Double.isFinite(v) ? v : 1).toPlainString() + "000000000000000000000000000001"));
            };
        }
    }

    // ---- generators

    /** Property names of every layout, so that a variant can gain another layout's spelling. */
    static final List<String> NAMES = List.of("id_bv", "code_bv", "id_bvote", "arrondissement", "arrondissement_bv",
            "arrrondissement_bv", "num_arrond", "num_bv", "numero_bv", "ID", "inscrits", "nbr_elect_f", "nbr_elect_e_m",
            "nom_bv", "adresse_bv", "cp_bv", "c_ar", "c_arinsee", "l_ar", "l_aroff", "CODE_IRIS", "DCOMIRIS", "NOM_IRIS",
            "TYP_IRIS", "pct_abstention");

    static Arbitrary<JsonRecipe> any() {
        Arbitrary<Integer> at = Damage.positions();
        Arbitrary<Value> value = Arbitraries.of(Value.class);
        Arbitrary<TreeOp> op = Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(at, at, value).as(SetProperty::new)),
                Tuple.of(3, Combinators.combine(at, at).as(RemoveProperty::new)),
                Tuple.of(3, Combinators.combine(at, Arbitraries.of(NAMES), value).as(AddProperty::new)),
                Tuple.of(1, Combinators.combine(at, value).as(PropertiesDamage::new)),
                Tuple.of(2, Combinators.combine(at, Arbitraries.of("Point", "LineString", "Polygon", "MultiPolygon",
                        "MultiPoint", "GeometryCollection", "polygon", "", "Feature")).as(SetGeometryType::new)),
                Tuple.of(6, Combinators.combine(at, at, Arbitraries.of(Number.class)).as(DamageNumber::new)),
                Tuple.of(5, Combinators.combine(at, at, at, Arbitraries.of(MovePosition.Move.class)).as(MovePosition::new)),
                Tuple.of(4, Combinators.combine(at, Arbitraries.of(GeometryDamage.Shape.class)).as(GeometryDamage::new)),
                Tuple.of(2, at.map(DuplicateFeature::new)),
                Tuple.of(1, Combinators.combine(at, value).as(ReplaceFeature::new)),
                Tuple.of(2, Arbitraries.of(TopDamage.Top.class).map(TopDamage::new)));
        return Combinators.combine(at.list().ofMinSize(1).ofMaxSize(4), Damage.few(op, 4), Arbitraries.of(false, true),
                Damage.surfaces()).as(JsonRecipe::new);
    }
}
