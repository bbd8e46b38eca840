package fr.terrain.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.terrain.RealData;
import fr.terrain.election.PollingStation;
import fr.terrain.ingest.GeoReaders;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.UnaryUnionOp;

class SharedEdgeSimplifierTest {
    /** About 1 m, in degrees of latitude (and of longitude after the simplifier's own scaling). */
    private static final double METRE = 1 / 111_320.0;
    private static final double X_SCALE = Math.cos(Math.toRadians(48.85));

    private static LinearRing ring(double[]... xy) {
        Coordinate[] c = new Coordinate[xy.length + 1];
        for (int i = 0; i < xy.length; i++) {
            c[i] = new Coordinate(2.35 + xy[i][0] * METRE / X_SCALE, 48.85 + xy[i][1] * METRE);
        }
        c[xy.length] = c[0];
        return GeoJsonGeometry.WGS84.createLinearRing(c);
    }

    private static Polygon polygon(double[]... xy) {
        return GeoJsonGeometry.WGS84.createPolygon(ring(xy));
    }

    private static double[] p(double x, double y) {
        return new double[] {x, y};
    }

    @Test
    void aWigglyBorderIsSimplifiedTheSameWayForBothNeighbours() {
        // Two 100 m cells sharing a border that wobbles by 1 m twice and bulges by 20 m once.
        double[][] b = {p(100, 0), p(120, 25), p(100, 50), p(101, 75), p(99, 90), p(100, 100)};
        Polygon left = polygon(p(0, 0), b[0], b[1], b[2], b[3], b[4], b[5], p(0, 100));
        Polygon right = polygon(b[0], p(200, 0), p(200, 100), b[5], b[4], b[3], b[2], b[1]);

        List<Geometry> simple = SharedEdgeSimplifier.simplify(List.of(left, right), 5);

        assertThat(simple.get(0).getNumPoints()).isEqualTo(left.getNumPoints() - 2);
        assertThat(simple.get(1).getNumPoints()).isEqualTo(right.getNumPoints() - 2);
        assertThat(simple.get(0).intersection(simple.get(1)).getArea()).isZero();
        assertThat(simple.get(0).union(simple.get(1)).getArea()).isCloseTo(left.union(right).getArea(), within(1e-15));
    }

    @Test
    void theToleranceIsInMetres() {
        Polygon square = polygon(p(0, 0), p(50, 2), p(100, 0), p(100, 100), p(0, 100));
        assertThat(SharedEdgeSimplifier.simplify(List.of(square), 2.5).get(0).getNumPoints()).isEqualTo(5);
        assertThat(SharedEdgeSimplifier.simplify(List.of(square), 1.5).get(0).getNumPoints()).isEqualTo(6);
    }

    @Test
    void anIslandAndTheHoleItFillsStayTogether() {
        double[][] island = {p(40, 40), p(50, 41), p(60, 40), p(60, 60), p(40, 60)};
        Polygon inner = polygon(island);
        Polygon outer = GeoJsonGeometry.WGS84.createPolygon(ring(p(0, 0), p(100, 0), p(100, 100), p(0, 100)),
                new LinearRing[] {(LinearRing) ring(island).reverse()});

        List<Geometry> simple = SharedEdgeSimplifier.simplify(List.of(outer, inner), 5);

        assertThat(simple.get(1).getNumPoints()).isEqualTo(5);
        assertThat(simple.get(0).intersection(simple.get(1)).getArea()).isZero();
        assertThat(simple.get(0).union(simple.get(1)).getArea()).isCloseTo(outer.getEnvelope().getArea(), within(1e-15));
    }

    @Test
    void parisStationsLoseVerticesButNoBorder() {
        List<Geometry> contours = GeoReaders.stations(RealData.file(RealData.STATIONS_2020), null).values().stream()
                .map(PollingStation::contour).toList();

        List<Geometry> simple = SharedEdgeSimplifier.simplify(contours, 3);

        int before = contours.stream().mapToInt(Geometry::getNumPoints).sum();
        int after = simple.stream().mapToInt(Geometry::getNumPoints).sum();
        assertThat(after).isLessThan(before * 95 / 100); // the open-data file is already simplified
        assertThat(simple).allMatch(Geometry::isValid);
        // Overlaps between stations do not grow (borders stay shared) and the city keeps its outline.
        double unionBefore = UnaryUnionOp.union(contours).getArea();
        double unionAfter = UnaryUnionOp.union(simple).getArea();
        double overlapBefore = contours.stream().mapToDouble(Geometry::getArea).sum() - unionBefore;
        double overlapAfter = simple.stream().mapToDouble(Geometry::getArea).sum() - unionAfter;
        assertThat(overlapAfter).isLessThanOrEqualTo(overlapBefore + unionBefore * 1e-6);
        assertThat(unionAfter).isCloseTo(unionBefore, within(unionBefore * 0.002));
    }
}
