package fr.terrain.ingest;

import fr.terrain.election.DerivedStation;
import fr.terrain.election.Paris;
import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import fr.terrain.geo.GeoJsonGeometry;
import fr.terrain.geo.Lambert93;
import fr.terrain.geo.Repair;
import fr.terrain.geo.VoronoiAreas;
import fr.terrain.ingest.ReuAddressReader.Position;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * The stations of a REU file with contours drawn from their electors' addresses ({@link VoronoiAreas}, commune by
 * commune): a position several bureaux share goes to the one with most addresses there, and shapes nothing on a tie.
 */
public final class ReuStations {
    private ReuStations() {}

    /**
     * The stations of a file, the number of its rows, and the SHA-256 of its bytes (null if not read to the end), so
     * that logging the import does not read a national table once more.
     */
    public record Read(long rows, List<DerivedStation> stations, String sha256) {}

    /**
     * Reads a REU table into stations of {@code vintage}; what was counted, left out or drawn in pieces is said in
     * {@code notes}.
     */
    public static Read read(Path file, int vintage, List<String> notes) {
        return read(file, vintage, Set.of(), Progress.NONE, notes);
    }

    /**
     * Reads the rows of {@code communes} ({@link ReuAddressReader#communes}; empty: all) of a REU table into stations
     * of {@code vintage}, reporting the reading in bytes and the drawing in communes.
     */
    public static Read read(Path file, int vintage, Set<String> communes, Progress progress, List<String> notes) {
        CsvProgress.Read<ReuAddressReader.Read> reading = CsvProgress.read(file, "lecture " + file.getFileName(),
                progress, table -> {
                    if (!ReuAddressReader.recognises(table)) {
                        throw new InputError(new Problem(table.fileName(), 1, 0, null, "pas une table d'adresses du"
                                + " REU : colonnes id_brut_bv_reu, longitude, latitude, nb_adresses attendues ;"
                                + " en-tête : " + String.join(", ", table.header())));
                    }
                    return ReuAddressReader.read(table, communes);
                });
        ReuAddressReader.Read read = reading.value();
        int communeCount = read.communes().size();
        List<String> drawn = new ArrayList<>();
        List<DerivedStation> stations = of(read, vintage, file.getFileName().toString(), progress, drawn);
        long addresses = stations.stream().mapToLong(DerivedStation::electorAddresses).sum();
        notes.add(read.bureaux().size() + " bureaux, " + communeCount + " commune(s), "
                + Paris.count(addresses) + " adresses d'électeurs (Σ nb_adresses : des adresses, pas des électeurs) ;"
                + " contours approchés, tracés d'après ces adresses (cellules de Voronoï), pas des contours officiels");
        if (!communes.isEmpty()) {
            notes.add(Paris.count(read.rows() - read.skipped()) + " ligne(s) des communes demandées ("
                    + String.join(", ", new java.util.TreeSet<>(communes)) + ") ; " + Paris.count(read.skipped())
                    + " ligne(s) d'autres communes passées sans être lues (--communes)");
        }
        notes.addAll(drawn);
        read.dropped().forEach((reason, rows) -> notes.add(Paris.count(rows) + " ligne(s) ("
                + Paris.count(read.droppedAddresses().get(reason)) + " adresses) ne dessinent aucun contour : "
                + reason + " ; comptées dans leur bureau"));
        if (read.citiesWithArrondissements() > 0) {
            notes.add(Paris.count(read.citiesWithArrondissements()) + " ligne(s) de Paris, Lyon ou Marseille"
                    + " laissées de côté : leurs bureaux sont numérotés par arrondissement (12-1) et Paris publie leurs"
                    + " contours ; cette version ne les lit pas dans le REU");
        }
        if (read.corsican() > 0) {
            notes.add("communes de Corse rangées sous leur ancien code (2A004 → 20004) : "
                    + Paris.count(read.corsican()) + " ligne(s)");
        }
        if (read.otherCommune() > 0) {
            notes.add(Paris.count(read.otherCommune()) + " ligne(s) dont code_commune_ref diffère de la commune du"
                    + " bureau : rangées sous la commune du bureau");
        }
        return new Read(read.rows(), stations, reading.sha256());
    }

    /** What drawing one commune gave: its bureaux' contours, and what its positions did. */
    private record Drawn(Map<StationCode, Geometry> contours, long sites, long contested, long astray,
            long astrayAddresses) {}

    /**
     * Draws the communes side by side on the machine's cores (they share nothing), each letting go of its rows once
     * drawn: the contours of a national table take far less memory than its positions. The result does not depend on
     * the order the communes are drawn in.
     */
    private static List<DerivedStation> of(ReuAddressReader.Read read, int vintage, String file, Progress progress,
            List<String> notes) {
        ReuAddressReader.Commune[] communes = read.communes().values().toArray(ReuAddressReader.Commune[]::new);
        read.communes().clear();
        Drawn[] drawn = new Drawn[communes.length];
        RuntimeException[] failed = new RuntimeException[communes.length];
        long[] done = {0}; // counted and reported under one lock: a count taken outside it could follow a higher one
        progress.start("tracé des contours", communes.length, "communes");
        try {
            java.util.stream.IntStream.range(0, communes.length).parallel().forEach(i -> {
                ReuAddressReader.Commune commune = communes[i];
                communes[i] = null;
                try {
                    drawn[i] = draw(commune.positions(), file);
                } catch (RuntimeException e) {
                    failed[i] = e;
                }
                synchronized (done) {
                    progress.update(++done[0]);
                }
            });
        } finally {
            progress.finish();
        }
        for (RuntimeException e : failed) {
            if (e != null) {
                throw e;
            }
        }
        Map<StationCode, Geometry> contours = new TreeMap<>();
        long contested = 0;
        long sites = 0;
        long astray = 0;
        long astrayAddresses = 0;
        for (Drawn d : drawn) {
            contours.putAll(d.contours());
            sites += d.sites();
            contested += d.contested();
            astray += d.astray();
            astrayAddresses += d.astrayAddresses();
        }
        List<DerivedStation> out = new ArrayList<>();
        long withoutContour = 0;
        long inPieces = 0;
        for (var b : read.bureaux().entrySet()) {
            Geometry contour = contours.get(b.getKey());
            withoutContour += contour == null ? 1 : 0;
            inPieces += contour != null && contour.getNumGeometries() > 1 ? 1 : 0;
            out.add(new DerivedStation(new PollingStation(vintage, b.getKey(), contour, null, null, null, null),
                    b.getValue().addresses()));
        }
        notes.add(Paris.count(sites) + " positions distinctes dessinent les contours" + (contested == 0 ? "" : " ; "
                + Paris.count(contested) + " position(s) partagée(s) à égalité entre bureaux n'en dessinent aucun"));
        if (astray > 0) {
            notes.add(Paris.count(astray) + " position(s) (" + Paris.count(astrayAddresses) + " adresses) à plus de "
                    + ASTRAY_CM / 100_000 + " km du centre des adresses de leur commune ne dessinent aucun contour"
                    + " (géocodage erroné, signe de la longitude perdu ?) ; comptées dans leur bureau");
        }
        if (inPieces > 0) {
            notes.add(inPieces + " bureau(x) en plusieurs morceaux (leurs adresses s'entremêlent avec celles d'un"
                    + " autre)");
        }
        if (withoutContour > 0) {
            notes.add(withoutContour + " bureau(x) sans contour : aucune de leurs adresses ne le dessine");
        }
        return out;
    }

    /** One commune's contours, from its distinct positions. */
    private static Drawn draw(List<Position> commune, String file) {
        Map<StationCode, Geometry> contours = new TreeMap<>();
        long contested = 0;
        long astray = 0;
        long astrayAddresses = 0;
        if (commune.isEmpty()) {
            return new Drawn(contours, 0, 0, 0, 0);
        }
        long[] centre = median(commune);
        Map<Coordinate, StationCode> labelled = new LinkedHashMap<>();
        for (Position p : commune) {
            if (Math.hypot(p.x() - centre[0], p.y() - centre[1]) > ASTRAY_CM) {
                astray++;
                astrayAddresses += p.addresses().values().stream().mapToLong(Long::longValue).sum();
                continue;
            }
            StationCode owner = majority(p.addresses());
            if (owner == null) {
                contested++;
                continue;
            }
            labelled.put(new Coordinate(p.x() / 100.0, p.y() / 100.0), owner);
        }
        if (!labelled.isEmpty()) {
            VoronoiAreas.of(labelled, Lambert93.FACTORY).forEach((code, area) -> contours.put(code,
                    stored(file, code, Lambert93.unproject(area))));
        }
        return new Drawn(contours, labelled.size(), contested, astray, astrayAddresses);
    }

    /**
     * How far from the median of its commune's positions a position may lie and still draw: 50 km, more than the
     * reach of any commune of metropolitan France (the largest, Arles, covers 759 km²; a few communes of French Guiana
     * are wider, and their remotest hamlets would draw nothing — said in the notes). A geocode farther off is wrong (a
     * lost minus sign puts Concarneau in Burgundy): its Voronoi cell reached across the country, and the fuzz test
     * found two bureaux overlapping over 9 km² because of one such row.
     */
    static final long ASTRAY_CM = 50_000_00L;

    /** The point of the median x and the median y (the lower median): a few wrong positions do not move it far. */
    static long[] median(List<Position> positions) {
        long[] xs = positions.stream().mapToLong(Position::x).sorted().toArray();
        long[] ys = positions.stream().mapToLong(Position::y).sorted().toArray();
        return new long[] {xs[(xs.length - 1) / 2], ys[(ys.length - 1) / 2]};
    }

    /** The bureau with most addresses at a position, or null on a tie. */
    private static StationCode majority(Map<StationCode, Long> here) {
        StationCode best = null;
        long most = -1;
        boolean tie = false;
        for (var e : here.entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
                tie = false;
            } else if (e.getValue() == most) {
                tie = true;
            }
        }
        return tie ? null : best;
    }

    /** The contour as stored (7 decimals), repaired if the rounding spoilt it. */
    private static Geometry stored(String file, StationCode code, Geometry wgs84) {
        Geometry rounded = GeoJsonGeometry.asStored(wgs84);
        if (Repair.problem(rounded).isEmpty()) {
            return rounded;
        }
        return Repair.storedAfterRepair(rounded)
                .orElseThrow(() -> InputError.of(file, "contour du bureau " + code + " invalide une fois arrondi"));
    }
}
