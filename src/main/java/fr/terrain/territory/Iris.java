package fr.terrain.territory;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

/**
 * An IRIS (îlot regroupé pour l'information statistique), INSEE's census tract of about 2,000
 * inhabitants, in one vintage of IRIS geography.
 *
 * @param type H (habitat), A (activité), D (divers), or null
 */
public record Iris(String vintage, String code, String name, String type, Geometry contour) {
    public Iris {
        IrisCode.require(code);
        if (vintage == null || vintage.isBlank()) {
            throw new IllegalArgumentException("un découpage IRIS doit avoir un millésime");
        }
        if (contour != null && !(contour instanceof Polygonal)) {
            throw new IllegalArgumentException("un contour IRIS doit être un polygone");
        }
    }

    /** The INSEE code of the commune or arrondissement: the first five characters. */
    public String communeCode() {
        return code.substring(0, 5);
    }
}
