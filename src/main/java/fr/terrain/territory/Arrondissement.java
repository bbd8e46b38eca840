package fr.terrain.territory;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

/**
 * An arrondissement of Paris, Lyon or Marseille (a municipal district).
 *
 * @param inseeCode the INSEE code of the arrondissement ({@code 75115}), or null
 * @param contour its boundary (WGS84), or null
 */
public record Arrondissement(int number, String inseeCode, String name, Geometry contour) {
    public Arrondissement {
        if (number < 1 || number > 99) {
            throw new IllegalArgumentException("le numéro d'arrondissement doit être entre 1 et 99, trouvé " + number);
        }
        Objects.requireNonNull(name, "name");
        if (inseeCode != null && !inseeCode.matches("\\d[\\dAB]\\d{3}")) {
            throw new IllegalArgumentException("un code INSEE a 5 caractères, trouvé \"" + inseeCode + "\"");
        }
        if (contour != null && !(contour instanceof Polygonal)) {
            throw new IllegalArgumentException("un contour d'arrondissement doit être un polygone");
        }
    }
}
