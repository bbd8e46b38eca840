package fr.terrain.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.terrain.geo.GeoJsonGeometry;
import fr.terrain.ingest.Progress;
import java.nio.file.Path;
import org.locationtech.jts.geom.Geometry;

/** A GeoJSON FeatureCollection written one feature per line, geometry by the project's GeoJSON writer. */
final class GeoJsonFile implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TextFile out;
    private long features;

    GeoJsonFile(Path path, Progress progress, long expectedBytes) {
        this.out = new TextFile(path, "\n", progress, expectedBytes);
        out.text("{\"type\":\"FeatureCollection\",\"features\":[");
    }

    static ObjectNode properties() {
        return JSON.createObjectNode();
    }

    void feature(ObjectNode properties, Geometry geometry) {
        try {
            out.line(features == 0 ? "" : ",");
            out.text("{\"type\":\"Feature\",\"properties\":" + JSON.writeValueAsString(properties) + ",\"geometry\":"
                    + GeoJsonGeometry.write(geometry) + "}");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        features++;
    }

    long features() {
        return features;
    }

    @Override
    public void close() {
        out.line("");
        out.line("]}");
        out.close();
    }
}
