package fr.terrain.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/** Areal interpolation on shapes whose answer can be worked out by hand. */
class CrosswalkTest {
    private static final double EPS = 1e-9;

    static Polygon box(double x0, double y0, double x1, double y1) {
        return Lambert93.FACTORY.createPolygon(new Coordinate[] {new Coordinate(x0, y0), new Coordinate(x1, y0),
            new Coordinate(x1, y1), new Coordinate(x0, y1), new Coordinate(x0, y0)});
    }

    @Test
    void twoUnitSquaresSplitByALineEachTakeHalfOfTheRectangle() {
        var cw = Crosswalk.byArea(Map.of("rect", box(0, 0, 2, 1)), Map.of("left", box(0, 0, 1, 1), "right", box(1, 0, 2, 1)));
        assertThat(cw.shares("rect")).containsOnlyKeys("left", "right");
        assertThat(cw.shares("rect").get("left")).isCloseTo(0.5, within(EPS));
        assertThat(cw.shares("rect").get("right")).isCloseTo(0.5, within(EPS));
        assertThat(cw.coveredShare("rect")).isCloseTo(1, within(EPS));
        assertThat(cw.partlyCovered()).isEmpty();
    }

    @Test
    void aSquareHalfInsideItsOnlyTargetIsReportedAsPartlyCovered() {
        var cw = Crosswalk.byArea(Map.of("s", box(0, 0, 1, 1)), Map.of("t", box(0.5, 0, 1.5, 1)));
        assertThat(cw.shares("s").get("t")).isCloseTo(0.5, within(EPS));
        assertThat(cw.partlyCovered()).containsExactly("s");
        assertThat(cw.targetCoverage("t")).isCloseTo(0.5, within(EPS));
        assertThat(cw.interpolateCounts(Map.of("s", 100.0)).get("t").value()).isCloseTo(50, within(EPS));
    }

    @Test
    void aRescaledCrosswalkGivesAllOfANearlyCoveredSourceToItsTargets() {
        var cw = Crosswalk.byArea(Map.of("s", box(0, 0, 1, 1)), Map.of("t", box(0.05, 0, 1.5, 1)));
        var rescaled = cw.rescaledAbove(0.9);
        assertThat(rescaled.shares("s").get("t")).isCloseTo(1, within(EPS));
        assertThat(rescaled.coveredShare("s")).as("reports keep the measured coverage").isCloseTo(0.95, within(EPS));
        assertThat(rescaled.partlyCovered()).containsExactly("s");
        assertThat(cw.rescaledAbove(0.96).shares("s").get("t")).isCloseTo(0.95, within(EPS));
    }

    @Test
    void aSourceSplitAQuarterAndThreeQuartersDividesItsCountAlike() {
        var cw = Crosswalk.byArea(Map.of("s", box(0, 0, 4, 1)), Map.of("a", box(0, 0, 1, 1), "b", box(1, 0, 4, 1)));
        var counts = cw.interpolateCounts(Map.of("s", 1000.0));
        assertThat(counts.get("a").value()).isCloseTo(250, within(1e-6));
        assertThat(counts.get("b").value()).isCloseTo(750, within(1e-6));
        assertThat(counts.get("a").partial()).isFalse();
    }

    @Test
    void addressesMoveTheWeightToWherePeopleLiveAndASourceWithoutAddressFallsBackToArea() {
        Map<String, Geometry> sources = new LinkedHashMap<>();
        sources.put("dense-left", box(0, 0, 4, 1));
        sources.put("empty", box(0, 1, 4, 2));
        Map<String, Geometry> targets = Map.of("a", box(0, 0, 1, 2), "b", box(1, 0, 4, 2));
        List<Coordinate> addresses = List.of(new Coordinate(0.2, 0.5), new Coordinate(0.5, 0.5), new Coordinate(0.8, 0.5),
                new Coordinate(3.5, 0.5));
        var byArea = Crosswalk.byArea(sources, targets);
        var byAddresses = Crosswalk.byPoints(sources, targets, addresses);
        assertThat(byArea.shares("dense-left").get("a")).isCloseTo(0.25, within(EPS));
        assertThat(byAddresses.shares("dense-left").get("a")).isCloseTo(0.75, within(EPS));
        assertThat(byAddresses.shares("dense-left").get("b")).isCloseTo(0.25, within(EPS));
        assertThat(byAddresses.shares("empty").get("a")).isCloseTo(0.25, within(EPS));
        assertThat(byAddresses.sourcesWeightedByArea()).containsExactly("empty");
        assertThat(byAddresses.weighting()).isEqualTo(Crosswalk.Weighting.POINTS);
    }

    @Test
    void anAddressOnTheLineBetweenTwoTargetsIsCountedOnce() {
        var cw = Crosswalk.byPoints(Map.of("s", box(0, 0, 2, 1)), Map.of("a", box(0, 0, 1, 1), "b", box(1, 0, 2, 1)),
                List.of(new Coordinate(1, 0.5), new Coordinate(1.5, 0.5)));
        assertThat(cw.coveredShare("s")).isCloseTo(1, within(EPS));
    }

    @Test
    void aWithheldFigureLeavesTheRestAndSaysWhichShareOfTheTargetItCovers() {
        var cw = Crosswalk.byArea(Map.of("known", box(0, 0, 1, 1), "secret", box(1, 0, 4, 1)), Map.of("t", box(0, 0, 4, 1)));
        Map<String, Double> counts = new HashMap<>();
        counts.put("known", 120.0);
        counts.put("secret", null);
        var t = cw.interpolateCounts(counts).get("t");
        assertThat(t.value()).isCloseTo(120, within(EPS));
        assertThat(t.withheldShare()).isCloseTo(0.75, within(EPS));
        assertThat(t.partial()).isTrue();
    }

    @Test
    void aMedianIsAveragedWithPopulationWeightsAndAWithheldOneIsReported() {
        var cw = Crosswalk.byArea(Map.of("poor", box(0, 0, 1, 1), "rich", box(1, 0, 2, 1), "secret", box(2, 0, 3, 1)),
                Map.of("t", box(0, 0, 3, 1)));
        Map<String, Double> medians = new HashMap<>(Map.of("poor", 20_000.0, "rich", 40_000.0));
        medians.put("secret", null);
        var t = cw.interpolateAverages(medians, Map.of("poor", 100.0, "rich", 300.0, "secret", 100.0)).get("t");
        assertThat(t.value()).isCloseTo(35_000, within(1e-6));
        assertThat(t.withheldShare()).isCloseTo(0.2, within(EPS));
        assertThat(cw.interpolateAverages(medians, null).get("t").value()).as("by area without weights")
                .isCloseTo(30_000, within(1e-6));
    }

    @Test
    void aMultiPolygonSourceIsSplitByTheAreaOfEachPart() {
        Geometry twoParts = Lambert93.FACTORY.createMultiPolygon(new Polygon[] {box(0, 0, 1, 1), box(10, 0, 13, 1)});
        var cw = Crosswalk.byArea(Map.of("islands", twoParts), Map.of("west", box(-1, -1, 2, 2), "east", box(9, -1, 14, 2)));
        assertThat(cw.shares("islands").get("west")).isCloseTo(0.25, within(EPS));
        assertThat(cw.shares("islands").get("east")).isCloseTo(0.75, within(EPS));
    }

    @Test
    void aSelfIntersectingPolygonIsRepairedBeforeMeasuring() {
        // a bow tie: two triangles of area 0.25 each, which JTS reports as invalid
        Polygon bowTie = Lambert93.FACTORY.createPolygon(new Coordinate[] {new Coordinate(0, 0), new Coordinate(1, 1),
            new Coordinate(1, 0), new Coordinate(0, 1), new Coordinate(0, 0)});
        assertThat(bowTie.isValid()).isFalse();
        var cw = Crosswalk.byArea(Map.of("bow", bowTie), Map.of("bottom", box(0, 0, 1, 0.5), "top", box(0, 0.5, 1, 1)));
        assertThat(cw.sourceArea("bow")).isCloseTo(0.5, within(EPS));
        assertThat(cw.coveredShare("bow")).isCloseTo(1, within(EPS));
        assertThat(cw.shares("bow").get("bottom")).isCloseTo(0.5, within(EPS));
    }

    @Test
    void zonesThatMeetNothingAreReportedOnBothSides() {
        var cw = Crosswalk.byArea(Map.of("here", box(0, 0, 1, 1), "far", box(50, 50, 51, 51)),
                Map.of("t", box(0, 0, 1, 1), "elsewhere", box(-9, -9, -8, -8)));
        assertThat(cw.sourcesWithoutOverlap()).containsExactly("far");
        assertThat(cw.targetsWithoutOverlap()).containsExactly("elsewhere");
        assertThat(cw.partlyCovered()).as("no overlap at all is not 'partly' covered").isEmpty();
        assertThat(cw.interpolateCounts(Map.of("here", 5.0, "far", 7.0))).containsOnlyKeys("t");
    }

    @Test
    void totalsAreConservedWhenTargetsTileTheSourcesWhateverTheWeighting() {
        // sources: a 7 × 5 grid, targets: a 9 × 3 grid, over the same 70 × 50 rectangle
        Map<String, Geometry> sources = grid(7, 5, 70, 50);
        Map<String, Geometry> targets = grid(9, 3, 70, 50);
        SplittableRandom r = new SplittableRandom(11);
        Map<String, Double> counts = new HashMap<>();
        sources.keySet().forEach(k -> counts.put(k, r.nextDouble(0, 5000)));
        List<Coordinate> points = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            points.add(new Coordinate(r.nextDouble(0, 70), r.nextDouble(0, 50)));
        }
        double total = counts.values().stream().mapToDouble(Double::doubleValue).sum();
        for (var cw : List.of(Crosswalk.byArea(sources, targets), Crosswalk.byPoints(sources, targets, points))) {
            double interpolated = cw.interpolateCounts(counts).values().stream().mapToDouble(Crosswalk.Estimate::value).sum();
            assertThat(interpolated).isCloseTo(total, within(total * 1e-6));
        }
    }

    static Map<String, Geometry> grid(int nx, int ny, double width, double height) {
        Map<String, Geometry> out = new LinkedHashMap<>();
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                out.put(i + "," + j, box(width * i / nx, height * j / ny, width * (i + 1) / nx, height * (j + 1) / ny));
            }
        }
        return out;
    }

    @Test
    void lambert93PutsNotreDameWhereTheIgnDoes() {
        // Parvis Notre-Dame, IGN reference point: about (652 000, 6 862 000)
        double[] xy = Lambert93.project(2.3488, 48.8534);
        assertThat(xy[0]).isCloseTo(652_100, within(500.0));
        assertThat(xy[1]).isCloseTo(6_862_000, within(500.0));
        Geometry square = Lambert93.project(GeoJsonGeometry.WGS84.createPolygon(new Coordinate[] {new Coordinate(2.35, 48.85),
            new Coordinate(2.36, 48.85), new Coordinate(2.36, 48.86), new Coordinate(2.35, 48.86), new Coordinate(2.35, 48.85)}));
        assertThat(square.getSRID()).isEqualTo(2154);
        // 0.01° of longitude × 0.01° of latitude at 48.85° N ≈ 733 m × 1112 m
        assertThat(square.getArea()).isCloseTo(733 * 1112, within(733 * 1112 * 0.01));
    }
}
