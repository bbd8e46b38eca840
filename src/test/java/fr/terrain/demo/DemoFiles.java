package fr.terrain.demo;

import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import fr.terrain.ingest.GeoReaders;
import fr.terrain.ingest.Progress;
import fr.terrain.territory.Arrondissement;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Reading generated files back for the tests: plain line splitting (independent of the project's
 * readers, which other tests exercise), and one shared small city per test JVM.
 */
final class DemoFiles {
    private DemoFiles() {}

    private static Path small;

    /** The SMALL city with seed 20260315, generated once for all test classes. */
    static synchronized Path small() {
        if (small == null) {
            small = temporaryFolder("terrain-demo-small-");
            CityGenerator.generate(small, new CityGenerator.Settings(CityGenerator.Scale.SMALL, 20260315L),
                    Progress.NONE);
        }
        return small;
    }

    static Path temporaryFolder(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary folder
        }
    }

    /** A delimited row as a map from header to value. */
    record Row(long line, Map<String, String> values) {
        String get(String column) {
            String v = values.get(column);
            if (v == null) {
                throw new IllegalArgumentException("no column " + column);
            }
            return v;
        }

        int integer(String column) {
            return Integer.parseInt(get(column));
        }
    }

    /** Streams the data rows of a delimited UTF-8 file; checks every row has the header's width. */
    static List<String> forEachRow(Path file, String separator, Consumer<Row> consumer) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> header = List.of(in.readLine().split(separator, -1));
            String text;
            long line = 1;
            while ((text = in.readLine()) != null) {
                line++;
                String[] fields = text.split(separator, -1);
                if (fields.length != header.size()) {
                    throw new AssertionError(file.getFileName() + " line " + line + ": " + fields.length
                            + " fields, header has " + header.size());
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < fields.length; i++) {
                    values.put(header.get(i), fields[i]);
                }
                consumer.accept(new Row(line, values));
            }
            return header;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Row> rows(Path file, String separator) {
        List<Row> rows = new ArrayList<>();
        forEachRow(file, separator, rows::add);
        return rows;
    }

    static String firstLine(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** File name → SHA-256 of every file of the folder. */
    static Map<String, String> hashes(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> out.put(f.getFileName().toString(), sha256(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Stations as the project's reader sees them, by code. */
    static Map<StationCode, PollingStation> stations(Path dir) {
        Map<StationCode, PollingStation> out = new TreeMap<>();
        for (PollingStation s : GeoReaders.stations(dir.resolve(CityGenerator.STATIONS_FILE), null).values()) {
            out.put(s.code(), s);
        }
        return out;
    }

    static Map<Integer, Arrondissement> arrondissements(Path dir) {
        Map<Integer, Arrondissement> out = new TreeMap<>();
        for (Arrondissement a : GeoReaders.arrondissements(dir.resolve(CityGenerator.ARRONDISSEMENTS_FILE)).values()) {
            out.put(a.number(), a);
        }
        return out;
    }

    /** Finds which station contour holds a point. */
    static final class StationIndex {
        private final STRtree tree = new STRtree();

        StationIndex(Map<StationCode, PollingStation> stations) {
            stations.values().forEach(s -> tree.insert(s.contour().getEnvelopeInternal(), s));
            tree.build();
        }

        /** Every station whose contour covers the point (exactly one in a tiling, away from edges). */
        List<StationCode> holding(double lon, double lat) {
            Geometry p = fr.terrain.geo.GeoJsonGeometry.WGS84.createPoint(new org.locationtech.jts.geom.Coordinate(lon, lat));
            List<StationCode> out = new ArrayList<>();
            for (Object o : tree.query(p.getEnvelopeInternal())) {
                PollingStation s = (PollingStation) o;
                if (s.contour().covers(p)) {
                    out.add(s.code());
                }
            }
            return out;
        }

        List<PollingStation> near(Geometry g) {
            List<PollingStation> out = new ArrayList<>();
            for (Object o : tree.query(g.getEnvelopeInternal())) {
                out.add((PollingStation) o);
            }
            return out;
        }
    }
}
