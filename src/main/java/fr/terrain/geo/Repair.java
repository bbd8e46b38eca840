package fr.terrain.geo;

import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/** Validity of polygonal contours: what is wrong, and a repaired version when one exists. */
public final class Repair {
    private Repair() {}

    /** The reason a geometry is invalid, or empty when it is valid. */
    public static Optional<String> problem(Geometry g) {
        TopologyValidationError e = new IsValidOp(g).getValidationError();
        return e == null ? Optional.empty() : Optional.of(e.getMessage() + " at " + e.getCoordinate());
    }

    /**
     * A contour as stored (coordinates rounded to 7 decimals by {@link GeoJsonGeometry#asStored}) that the rounding
     * made invalid, repaired and valid as stored again, or empty when repair loses it.
     */
    public static Optional<Geometry> storedAfterRepair(Geometry stored) {
        return polygonal(stored).map(GeoJsonGeometry::asStored).filter(Geometry::isValid);
    }

    /** A valid polygonal geometry covering the same area, or empty when repair loses it. */
    public static Optional<Geometry> polygonal(Geometry g) {
        Geometry fixed = GeometryFixer.fix(g);
        if (fixed.isEmpty() || !(fixed instanceof Polygonal) || !fixed.isValid()) {
            return Optional.empty();
        }
        return Optional.of(fixed);
    }
}
