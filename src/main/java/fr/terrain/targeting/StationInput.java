package fr.terrain.targeting;

import fr.terrain.election.StationCode;
import fr.terrain.election.StationResult;
import java.util.Map;
import java.util.Objects;

/**
 * What targeting knows of one polling station: its count, its sector, its INSEE figures (as carried
 * by {@code territory.IrisToStations}: counts, averages) and where it lies.
 *
 * @param sector the electoral sector ({@link Sectors}: {@code "1"} for Paris Centre in 2020, two arrondissements
 *     in Marseille, else the arrondissement)
 * @param indicators INSEE code → value; empty when unknown
 * @param x easting of the station's centre in metres (Lambert-93), NaN when unknown
 * @param y northing, NaN when unknown
 */
public record StationInput(StationCode station, String sector, StationResult result, Map<String, Double> indicators,
        double x, double y) {
    public StationInput {
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(sector, "sector");
        Objects.requireNonNull(result, "result");
        if (!result.station().equals(station)) {
            throw new IllegalArgumentException("résultat du bureau " + result.station() + " donné pour " + station);
        }
        indicators = indicators == null ? Map.of() : Map.copyOf(indicators);
    }

    public boolean located() {
        return Double.isFinite(x) && Double.isFinite(y);
    }
}
