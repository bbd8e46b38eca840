package fr.terrain.election;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;

/**
 * A polling station (bureau de vote) in one vintage of the boundaries (découpage): boundaries
 * change between elections, so the same code may cover different streets in 2020 and 2024.
 *
 * @param contour the area whose residents vote there (WGS84), or null when only the place is known
 * @param location the polling place (lieu de vote), or null
 * @param registeredVoters electors on the list (inscrits) when the boundary file gives them
 */
public record PollingStation(int vintage, StationCode code, Geometry contour, Point location,
        String placeName, String placeAddress, Integer registeredVoters) {

    public PollingStation {
        Objects.requireNonNull(code, "code");
        if (vintage < 1900 || vintage > 2100) {
            throw new IllegalArgumentException("découpage invraisemblable " + vintage);
        }
        if (contour != null && !(contour instanceof Polygonal)) {
            throw new IllegalArgumentException("le contour d'un bureau doit être un Polygon ou un MultiPolygon, trouvé "
                    + contour.getGeometryType());
        }
        if (contour != null && !contour.isValid()) {
            throw new IllegalArgumentException("contour invalide pour le bureau " + code);
        }
        if (registeredVoters != null && registeredVoters < 0) {
            throw new IllegalArgumentException("nombre d'inscrits négatif pour " + code);
        }
    }

    public int arrondissement() {
        return code.arrondissement();
    }
}
