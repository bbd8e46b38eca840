package fr.terrain.field;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Voters the list does not place go to the station whose contour holds their address, within their own commune; the
 * list's bureau wins wherever it names a station of the vintage. Two unit squares side by side, bureaux 29039-1
 * (x 0–1) and 29039-2 (x 1–2), and a square of another commune, 29046-1 (x 2–3): where each point falls is plain.
 */
class ContourPlacementTest {
    static final GeometryFactory GF = new GeometryFactory();
    static final ContourPlacement CONCARNEAU = new ContourPlacement(List.of(station("29039-1", 0), station("29039-2", 1),
            station("29046-1", 2), new PollingStation(2022, StationCode.parse("29039-3"), null, null, null, null, null)));

    static PollingStation station(String code, double west) {
        Polygon square = GF.createPolygon(new Coordinate[] {new Coordinate(west, 0), new Coordinate(west + 1, 0),
            new Coordinate(west + 1, 1), new Coordinate(west, 1), new Coordinate(west, 0)});
        return new PollingStation(2022, StationCode.parse(code), square, null, null, null, null);
    }

    final List<Match> matches = new ArrayList<>();

    /** A voter matched to the address at (x, 0.5): voters at the same x share a door. */
    Match voter(long id, String listed, String commune, double x) {
        Address a = new Address("29039_0001_" + Math.round(x * 10), null, (int) Math.round(x * 10), null, "Rue des Essais", "29900", commune, "Concarneau",
                x, 0.5);
        Match m = new Match(new VoterAddress(id, 1, listed == null ? null : StationCode.parse(listed), Long.toString(id),
                "RUE", "DES ESSAIS", null, "29900", commune), a, Match.Quality.EXACT);
        matches.add(m);
        return m;
    }

    @Test
    void aVoterTheListDoesNotPlaceTakesTheStationOfTheContourHoldingTheAddress() {
        voter(1, null, "29039", 1.5); // no bureau, in 2's square
        voter(2, "29039-1", "29039", 1.5); // the list's bureau wins, though the address is in 2's square
        voter(3, "29039-99", "29039", 0.5); // a bureau the vintage lacks: placed, in 1's square
        voter(4, "29039-3", "29039", 0.5); // a bureau of the vintage without contour is still the list's
        voter(5, null, "29039", 2.5); // in the other commune's square only: not placed
        voter(6, null, "29039", 7); // outside every contour
        voter(7, null, "75056", 0.5); // Paris as a whole: no area to look in
        voter(8, null, "29039", 1.0); // on the edge of 1 and 2: the lowest code
        ContourPlacement.Placed placed = CONCARNEAU.place(matches);
        assertThat(placed.matches()).extracting(m -> String.valueOf(m.voter().station())).containsExactly("29039-2",
                "29039-1", "29039-1", "29039-3", "null", "null", "null", "29039-1");
        assertThat(placed.placed()).containsExactlyInAnyOrder(1L, 3L, 8L);
    }

    @Test
    void aDoorTakesItsListedVotersStationBeforeThePlacedOnes() {
        voter(1, null, "29039", 1.5);
        voter(2, null, "29039", 1.5);
        Match listed = voter(3, "29039-1", "29039", 1.5); // same address: one door
        ContourPlacement.Placed placed = CONCARNEAU.place(matches);
        List<Door> doors = Households.doors(placed.matches(), placed.placed());
        assertThat(doors).singleElement().satisfies(d -> assertThat(d.station()).hasToString("29039-1"));
        assertThat(Households.build(placed.matches(), placed.placed()).byContour()).isEmpty();

        matches.remove(listed);
        ContourPlacement.Placed alone = CONCARNEAU.place(matches);
        assertThat(Households.doors(alone.matches(), alone.placed())).singleElement()
                .satisfies(d -> assertThat(d.station()).hasToString("29039-2"));
        assertThat(Households.build(alone.matches(), alone.placed()).byContour()).containsExactly("29039_0001_15");
    }

    @Test
    void placesOnlyWhereTheVintageHasContoursInTheVotersArea() {
        assertThat(CONCARNEAU.places(29039, null)).isTrue();
        assertThat(CONCARNEAU.places(29039, StationCode.parse("29039-99"))).isTrue();
        assertThat(CONCARNEAU.places(29039, StationCode.parse("29039-1"))).isFalse();
        assertThat(CONCARNEAU.places(29116, null)).isFalse();
        assertThat(CONCARNEAU.places(null, null)).isFalse();
        assertThat(ContourPlacement.area(null, "2a004")).isEqualTo(20004);
        assertThat(ContourPlacement.area(null, "75112")).isEqualTo(12);
        assertThat(ContourPlacement.area(null, "99012")).isEqualTo(12); // the demo city's 12th, as its list reads
        assertThat(ContourPlacement.area(null, "7512")).isNull();
        assertThat(Set.of(ContourPlacement.area(StationCode.parse("12-3"), "29039"))).containsExactly(12);
    }
}
