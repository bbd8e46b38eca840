package fr.terrain.web.map;

import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import fr.terrain.geo.GeoJsonGeometry;
import fr.terrain.geo.SharedEdgeSimplifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;

/**
 * The stations of one vintage of boundaries as the browser gets them: contours simplified by
 * {@value #TOLERANCE_METRES} m with borders kept shared, written once as GeoJSON text. A vintage may hold several
 * communes' stations (Paris's and those INSEE's REU drew, ADR 0028): a round shows those of its own communes.
 */
final class Layer {
    static final double TOLERANCE_METRES = 3;
    static final int DECIMALS = 5;

    final int vintage;
    final Map<StationCode, PollingStation> stations = new LinkedHashMap<>();
    final Map<StationCode, String> geometry = new LinkedHashMap<>();
    /** The stations whose contour Terrain drew from the REU's addresses: approximate, not published. */
    final Set<StationCode> drawn;

    Layer(int vintage, List<PollingStation> stations, Set<StationCode> drawn) {
        this.vintage = vintage;
        this.drawn = Set.copyOf(drawn);
        List<Geometry> contours = new ArrayList<>();
        for (PollingStation s : stations) {
            this.stations.put(s.code(), s);
            contours.add(s.contour());
        }
        List<Geometry> simple = SharedEdgeSimplifier.simplify(contours, TOLERANCE_METRES);
        for (int i = 0; i < stations.size(); i++) {
            Geometry g = simple.get(i);
            if (g != null) {
                geometry.put(stations.get(i).code(), GeoJsonGeometry.write(g, DECIMALS));
            }
        }
    }
}
