package fr.terrain.field;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.election.StationCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Several stations cut as {@code terrain turfs} and the page « Découper des tournées » cut them. */
class StationCutsTest {
    static final StationCode A = new StationCode(20, 1);
    static final StationCode B = new StationCode(20, 2);

    /** {@code n} doors along one street, numbers 1, 2, 3…, 12 m apart, starting at {@code lon}. */
    static List<Door> street(StationCode station, String name, double lon, int n) {
        List<Door> doors = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Address a = new Address("75120_" + name.hashCode() + "_" + i, null, i, null, name, "75020", "75120", "Paris",
                    lon + (i / 2) * 0.00016, 48.86 + (i % 2) * 0.0002);
            doors.add(new Door(Door.id(a, null), a, null, station, 2));
        }
        return doors;
    }

    static Map<StationCode, List<Door>> twoStations() {
        Map<StationCode, List<Door>> doors = new LinkedHashMap<>();
        doors.put(A, street(A, "Rue des Pyrénées", 2.400, 120));
        doors.put(B, street(B, "Rue de Bagnolet", 2.410, 80));
        return doors;
    }

    @Test
    void eachStationIsCutFromItsOwnStartAndTheTurfsAreNumberedInTheStationsOrder() {
        Start place = new Start("lieu de vote 20-1", 2.401, 48.8601);
        List<Turf> turfs = StationCuts.cut(twoStations(), Map.of(A, place), Optional.empty(), TurfParameters.DEFAULTS
                .withDoorsPerTurf(40), OptionalDouble.empty());
        // 120 doors / 40 = 3 turfs for 20-1, from its polling place; 80 / 40 = 2 for 20-2, from its doors' centre
        assertThat(turfs).extracting(Turf::number).containsExactly(1, 2, 3, 4, 5);
        assertThat(turfs.subList(0, 3)).allSatisfy(t -> {
            assertThat(t.stations()).containsExactly(A);
            assertThat(t.start()).isEqualTo(place);
        });
        assertThat(turfs.subList(3, 5)).allSatisfy(t -> {
            assertThat(t.stations()).containsExactly(B);
            assertThat(t.start().label()).isEqualTo("centre des portes");
        });
        assertThat(turfs.stream().mapToInt(Turf::doors).sum()).isEqualTo(200);
    }

    @Test
    void aMeetingPointCutsEveryDoorTogetherFromIt() {
        Start meeting = new Start("point de rendez-vous", 2.405, 48.8601);
        List<Turf> turfs = StationCuts.cut(twoStations(), Map.of(A, new Start("lieu de vote 20-1", 2.401, 48.86)),
                Optional.of(meeting), TurfParameters.DEFAULTS.withDoorsPerTurf(50), OptionalDouble.empty());
        assertThat(turfs).hasSize(4).allSatisfy(t -> assertThat(t.start()).isEqualTo(meeting));
        assertThat(turfs.stream().flatMap(t -> t.walk().stream()).distinct().count()).isEqualTo(200);
    }

    @Test
    void aMeetingPointFarFromTheDoorsIsRefusedAsLongitudeAndLatitudeSwapped() {
        Map<StationCode, List<Door>> doors = twoStations();
        Start swapped = new Start("point de rendez-vous", 48.8601, 2.405);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StationCuts.cut(doors, Map.of(), Optional.of(swapped),
                TurfParameters.DEFAULTS, OptionalDouble.empty())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longitude et latitude inversées");
        // 2 km away is a meeting point, not a mistake
        StationCuts.checkMeetingPoint(doors, new Start("point de rendez-vous", 2.405, 48.878));
    }

    @Test
    void aMeetingPointOverAKilometreAwayIsWorthAWarningWithTheWalkItAdds() {
        Map<StationCode, List<Door>> doors = twoStations();
        Start centre = TurfCutter.centroid(doors.values().stream().flatMap(List::stream).toList());
        // 0.018° of latitude north of the centre: 0.018 × 111.2 = 2.0 km; there and back 4,003 m at the default pace
        Start far = new Start("point de rendez-vous", centre.lon(), centre.lat() + 0.018);
        assertThat(StationCuts.meetingPointWarning(doors, far, TurfParameters.DEFAULTS)).hasValueSatisfying(w -> assertThat(w)
                .contains("à 2,0 km du centre des portes").contains(String.format(java.util.Locale.FRANCE, "%.0f min aller-retour",
                        4003.2 / TurfParameters.DEFAULTS.metresPerMinute())));
        // 500 m away (0.0045°): no warning
        assertThat(StationCuts.meetingPointWarning(doors, new Start("point", centre.lon(), centre.lat() + 0.0045),
                TurfParameters.DEFAULTS)).isEmpty();
    }

    @Test
    void aStationWithoutDoorsGetsNoTurf() {
        Map<StationCode, List<Door>> doors = twoStations();
        doors.put(B, List.of());
        assertThat(StationCuts.cut(doors, Map.of(), Optional.empty(), TurfParameters.DEFAULTS.withDoorsPerTurf(40),
                OptionalDouble.empty())).hasSize(3).allSatisfy(t -> assertThat(t.stations()).containsExactly(A));
    }

    @Test
    void aTargetDurationSetsTheSizeSoThatTurfsTakeAboutThatLong() {
        List<Door> doors = street(A, "Rue des Pyrénées", 2.400, 240);
        Start start = TurfCutter.centroid(doors);
        for (double minutes : new double[] {60, 120}) {
            List<Turf> turfs = StationCuts.cut(doors, start, TurfParameters.DEFAULTS, OptionalDouble.of(minutes));
            double mean = turfs.stream().mapToDouble(Turf::minutes).average().orElseThrow();
            // the size is chosen from the walk a first cut measured: the mean turf lands near the target
            assertThat(mean).as("%s min", minutes).isBetween(0.75 * minutes, 1.25 * minutes);
        }
    }
}
