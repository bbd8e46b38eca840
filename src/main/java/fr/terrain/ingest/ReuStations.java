package fr.terrain.ingest;

import fr.terrain.election.DerivedStation;
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
import java.util.TreeMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * The stations of a REU file with contours drawn from their electors' addresses ({@link VoronoiAreas}, commune by
 * commune): a position several bureaux share goes to the one with most addresses there, and shapes nothing on a tie.
 */
public final class ReuStations {
    private ReuStations() {}

    /** The stations of a file, and the number of its rows. */
    public record Read(long rows, List<DerivedStation> stations) {}

    /**
     * Reads a REU table into stations of {@code vintage}; what was counted, left out or drawn in pieces is said in
     * {@code notes}.
     */
    public static Read read(Path file, int vintage, List<String> notes) {
        ReuAddressReader.Read read;
        try (CsvTable table = CsvTable.open(TextInput.detect(file))) {
            if (!ReuAddressReader.recognises(table)) {
                throw new InputError(new Problem(table.fileName(), 1, 0, null, "pas une table d'adresses du REU :"
                        + " colonnes id_brut_bv_reu, longitude, latitude, nb_adresses attendues ; en-tête : "
                        + String.join(", ", table.header())));
            }
            read = ReuAddressReader.read(table);
        }
        List<String> drawn = new ArrayList<>();
        List<DerivedStation> stations = of(read, vintage, file.getFileName().toString(), drawn);
        long addresses = stations.stream().mapToLong(DerivedStation::electorAddresses).sum();
        notes.add(read.bureaux().size() + " bureaux, " + read.positions().size() + " commune(s), "
                + Counts.french(addresses) + " adresses d'électeurs (Σ nb_adresses : des adresses, pas des électeurs) ;"
                + " contours approchés, tracés d'après ces adresses (cellules de Voronoï), pas des contours officiels");
        notes.addAll(drawn);
        read.dropped().forEach((reason, rows) -> notes.add(Counts.french(rows) + " ligne(s) ("
                + Counts.french(read.droppedAddresses().get(reason)) + " adresses) ne dessinent aucun contour : "
                + reason + " ; comptées dans leur bureau"));
        if (read.citiesWithArrondissements() > 0) {
            notes.add(Counts.french(read.citiesWithArrondissements()) + " ligne(s) de Paris, Lyon ou Marseille"
                    + " laissées de côté : leurs bureaux sont numérotés par arrondissement (12-1) et Paris publie leurs"
                    + " contours ; cette version ne les lit pas dans le REU");
        }
        if (read.corsican() > 0) {
            notes.add("communes de Corse rangées sous leur ancien code (2A004 → 20004) : "
                    + Counts.french(read.corsican()) + " ligne(s)");
        }
        if (read.otherCommune() > 0) {
            notes.add(Counts.french(read.otherCommune()) + " ligne(s) dont code_commune_ref diffère de la commune du"
                    + " bureau : rangées sous la commune du bureau");
        }
        return new Read(read.rows(), stations);
    }

    private static List<DerivedStation> of(ReuAddressReader.Read read, int vintage, String file, List<String> notes) {
        Map<StationCode, Geometry> contours = new TreeMap<>();
        long contested = 0;
        long sites = 0;
        long astray = 0;
        long astrayAddresses = 0;
        for (var commune : read.positions().values()) {
            Position centre = median(commune.keySet());
            Map<Coordinate, StationCode> labelled = new LinkedHashMap<>();
            for (var at : commune.entrySet()) {
                Position p = at.getKey();
                if (Math.hypot(p.x() - centre.x(), p.y() - centre.y()) > ASTRAY_CM) {
                    astray++;
                    astrayAddresses += at.getValue().values().stream().mapToLong(Long::longValue).sum();
                    continue;
                }
                StationCode owner = majority(at.getValue());
                if (owner == null) {
                    contested++;
                    continue;
                }
                labelled.put(new Coordinate(p.x() / 100.0, p.y() / 100.0), owner);
            }
            sites += labelled.size();
            if (!labelled.isEmpty()) {
                VoronoiAreas.of(labelled, Lambert93.FACTORY).forEach((code, area) -> contours.put(code,
                        stored(file, code, Lambert93.unproject(area))));
            }
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
        notes.add(Counts.french(sites) + " positions distinctes dessinent les contours" + (contested == 0 ? "" : " ; "
                + Counts.french(contested) + " position(s) partagée(s) à égalité entre bureaux n'en dessinent aucun"));
        if (astray > 0) {
            notes.add(Counts.french(astray) + " position(s) (" + Counts.french(astrayAddresses) + " adresses) à plus de "
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

    /**
     * How far from the median of its commune's positions a position may lie and still draw: 50 km, more than the
     * reach of any commune of metropolitan France (the largest, Arles, covers 759 km²; a few communes of French Guiana
     * are wider, and their remotest hamlets would draw nothing — said in the notes). A geocode farther off is wrong (a
     * lost minus sign puts Concarneau in Burgundy): its Voronoi cell reached across the country, and the fuzz test
     * found two bureaux overlapping over 9 km² because of one such row.
     */
    static final long ASTRAY_CM = 50_000_00L;

    /** The point of the median x and the median y (the lower median): a few wrong positions do not move it far. */
    static Position median(java.util.Collection<Position> positions) {
        long[] xs = positions.stream().mapToLong(Position::x).sorted().toArray();
        long[] ys = positions.stream().mapToLong(Position::y).sorted().toArray();
        return new Position(xs[(xs.length - 1) / 2], ys[(ys.length - 1) / 2]);
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
