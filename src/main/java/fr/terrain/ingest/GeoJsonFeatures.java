package fr.terrain.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.terrain.json.JsonSyntax;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Streams the features of a GeoJSON FeatureCollection one at a time (constant memory), each with
 * its line and column in the file so that a bad property or coordinate can be located.
 */
public final class GeoJsonFeatures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GeoJsonFeatures() {}

    /** A feature and where it starts in the file. */
    public record Feature(int index, long line, long column, JsonNode properties, JsonNode geometry) {
        public Problem problem(String file, String field, String message) {
            return new Problem(file, line, column, field, "feature n° " + index + " : " + message);
        }

        public InputError error(String file, String field, String message) {
            return new InputError(problem(file, field, message));
        }

        /** The first property present (not null) among the spellings, compared without case. */
        public JsonNode property(String... names) {
            for (String n : names) {
                Iterator<String> it = properties.fieldNames();
                while (it.hasNext()) {
                    String f = it.next();
                    if (f.equalsIgnoreCase(n) && !properties.get(f).isNull()) {
                        return properties.get(f);
                    }
                }
            }
            return null;
        }
    }

    /** Property names of the first features: enough to recognise a publisher's layout. */
    public static Set<String> propertyNames(Path path, int features) {
        Set<String> names = new LinkedHashSet<>();
        try {
            forEach(path, f -> {
                if (f.index() <= features) {
                    f.properties().fieldNames().forEachRemaining(n -> names.add(n.toLowerCase(java.util.Locale.ROOT)));
                } else {
                    throw new StopReading();
                }
            });
        } catch (StopReading e) {
            // enough seen
        }
        return names;
    }

    private static final class StopReading extends RuntimeException {
        StopReading() {
            super(null, null, false, false);
        }
    }

    /** Calls the consumer for each feature, in order. */
    public static void forEach(Path path, Consumer<Feature> consumer) {
        String file = path.getFileName().toString();
        try (InputStream in = Files.newInputStream(path);
                JsonParser p = JSON.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InputError(new Problem(file, p.currentLocation().getLineNr(),
                        p.currentLocation().getColumnNr(), null, "attendu un objet GeoJSON"));
            }
            boolean sawFeatures = false;
            String type = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("features".equals(field)) {
                    if (p.currentToken() != JsonToken.START_ARRAY) {
                        throw located(file, p, "\"features\" doit être un tableau");
                    }
                    sawFeatures = true;
                    int index = 0;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        JsonLocation at = p.currentTokenLocation();
                        JsonNode node = p.readValueAsTree();
                        index++;
                        if (!(node instanceof ObjectNode)) {
                            throw located(file, p, "une feature doit être un objet");
                        }
                        JsonNode props = node.path("properties");
                        if (!props.isObject() && !props.isNull() && !props.isMissingNode()) {
                            throw new InputError(new Problem(file, at.getLineNr(), at.getColumnNr(), "properties",
                                    "feature n° " + index + " : properties doit être un objet"));
                        }
                        consumer.accept(new Feature(index, at.getLineNr(), at.getColumnNr(),
                                props.isObject() ? props : JSON.createObjectNode(), node.get("geometry")));
                    }
                    if (p.currentToken() != JsonToken.END_ARRAY) {
                        throw located(file, p, "attendu un objet feature");
                    }
                } else if ("type".equals(field)) {
                    type = p.getValueAsString();
                    p.skipChildren();
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw located(file, p, "objet GeoJSON mal formé");
            }
            if (type != null && !"FeatureCollection".equals(type)) {
                throw InputError.of(file, "attendu une FeatureCollection, trouvé un " + type);
            }
            if (!sawFeatures) {
                throw InputError.of(file, "pas de tableau \"features\" : ce n'est pas une FeatureCollection GeoJSON");
            }
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new InputError(new Problem(file, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(),
                    null, "JSON mal formé : " + JsonSyntax.words(e)));
        } catch (CharacterCodingException e) {
            throw InputError.of(file, "le fichier n'est pas du texte UTF-8 valide");
        } catch (IOException e) {
            throw InputError.unreadable(file, e);
        }
    }

    private static InputError located(String file, JsonParser p, String message) {
        JsonLocation l = p.currentLocation();
        return new InputError(new Problem(file, l.getLineNr(), l.getColumnNr(), null, message));
    }

    /** Whether the file starts like JSON (after whitespace and an optional BOM). */
    public static boolean looksLikeJson(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(512);
            String s = new String(head, java.nio.charset.StandardCharsets.UTF_8).replace("\uFEFF", "").strip();
            return s.startsWith("{") || s.startsWith("[");
        } catch (IOException e) {
            return false;
        }
    }
}
