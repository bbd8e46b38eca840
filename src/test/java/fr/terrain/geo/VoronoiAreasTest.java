package fr.terrain.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

class VoronoiAreasTest {
    /** A 100 m disc as JTS buffers it: the 32-gon inscribed in the circle, 32/2·r²·sin(2π/32) m². */
    static final double DISC = 16 * 100 * 100 * Math.sin(2 * Math.PI / 32);

    @Test
    void lambert93OriginIsThreeDegreesEastFortySixAndAHalfNorthBothWays() {
        // by definition of the projection (IGN): λ0 = 3° E, φ0 = 46.5° N at X = 700,000 m, Y = 6,600,000 m
        assertThat(Lambert93.project(3, 46.5)).containsExactly(new double[] {700_000, 6_600_000}, within(1e-3));
        assertThat(Lambert93.unproject(700_000, 6_600_000)).containsExactly(new double[] {3, 46.5}, within(1e-9));
    }

    @Test
    void unprojectUndoesProjectAcrossMetropolitanFranceAndOverseas() {
        for (double[] lonLat : new double[][] {{-4.78, 48.38}, {8.73, 41.92}, {2.35, 48.85}, {7.75, 48.58},
            {-61.53, 16.24}, {55.45, -20.88}}) {
            double[] xy = Lambert93.project(lonLat[0], lonLat[1]);
            assertThat(Lambert93.unproject(xy[0], xy[1])).as("%s", lonLat).containsExactly(lonLat, within(1e-9));
        }
    }

    /** Four houses in a row, two bureaux: the border runs half-way between the second and third house. */
    @Test
    void eachLabelGetsTheGroundNearerToItsPointsClippedToTheirEnvelope() {
        Map<Coordinate, String> houses = new LinkedHashMap<>();
        houses.put(new Coordinate(0, 0), "A");
        houses.put(new Coordinate(100, 0), "A");
        houses.put(new Coordinate(200, 0), "B");
        houses.put(new Coordinate(300, 0), "B");
        Map<String, Geometry> areas = VoronoiAreas.of(houses, Lambert93.FACTORY);
        Geometry a = areas.get("A");
        Geometry b = areas.get("B");
        assertThat(a.isValid()).isTrue();
        assertThat(b.isValid()).isTrue();
        assertThat(a.intersection(b).getArea()).isLessThan(1e-6);
        // the envelope is the segment widened by 100 m: a 300 × 200 m rectangle and two half-discs
        assertThat(a.union(b).getArea()).isCloseTo(DISC + 300 * 200, within(1e-6));
        assertThat(a.getEnvelopeInternal().getMaxX()).isCloseTo(150, within(1e-6));
        assertThat(b.getEnvelopeInternal().getMinX()).isCloseTo(150, within(1e-6));
    }

    /** Bureaux interleave: A's houses on both sides of B's come out as two pieces. */
    @Test
    void aLabelWhosePointsAreSeparatedByAnotherComesOutInPieces() {
        Map<Coordinate, String> houses = new LinkedHashMap<>();
        houses.put(new Coordinate(0, 0), "A");
        houses.put(new Coordinate(0, 100), "A");
        houses.put(new Coordinate(200, 0), "B");
        houses.put(new Coordinate(200, 100), "B");
        houses.put(new Coordinate(400, 0), "A");
        houses.put(new Coordinate(400, 100), "A");
        Map<String, Geometry> areas = VoronoiAreas.of(houses, Lambert93.FACTORY);
        assertThat(areas.get("A").getNumGeometries()).isEqualTo(2);
        assertThat(areas.get("B").getNumGeometries()).isEqualTo(1);
        houses.forEach((c, label) -> assertThat(areas.get(label).contains(Lambert93.FACTORY.createPoint(c))).isTrue());
    }

    @Test
    void oneLabelOrOnePointGetsTheWholeEnvelope() {
        Map<String, Geometry> one = VoronoiAreas.of(Map.of(new Coordinate(0, 0), "A"), Lambert93.FACTORY);
        assertThat(one.get("A").getArea()).isCloseTo(DISC, within(1e-6));
    }
}
