package fr.terrain.field;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Turfs cut from real BAN addresses of the Faubourg Saint-Antoine in their 2020 polling stations. */
class TurfRealDataTest {
    static final StationCode STATION = new StationCode(12, 51);

    static List<Door> doors(StationCode code) {
        List<Address> addresses = RealAddresses.faubourg();
        Map<Address, StationCode> station = RealAddresses.byStation(addresses, RealAddresses.stations2020());
        return station.entrySet().stream().filter(e -> e.getValue().equals(code))
                .map(e -> new Door(e.getKey().banId(), e.getKey(), null, code, 1))
                .sorted(java.util.Comparator.comparing(Door::id)).toList();
    }

    static Start start(StationCode code, List<Door> doors) {
        PollingStation s = RealAddresses.stations2020().stream().filter(x -> x.code().equals(code)).findFirst().orElseThrow();
        return s.location() != null ? new Start("lieu de vote", s.location().getX(), s.location().getY())
                : TurfCutter.centroid(doors);
    }

    /*
     * Station 12-51 (378 BAN addresses of the sample, no polling place in the 2020 file: the start is
     * the doors' centroid), one door per address, turfs of 40. Turf 1 as printed when this test was
     * written, checked against the map of the 12th:
     *   Place Louis Armand 4, 6, 8 → Rue de Châlon 54, 52, 50, (Rue Hector Malot 2, the corner
     *   building) 48, 46 → Place Henri Frenay 29…21 (the square's buildings, numbered round it) →
     *   Rue de Châlon 44p, 44, 42b, 42, 40…32 (even side, downhill in number order) → Impasse Châlon
     *   2, 2b → Passage Brunoy 3, 4, 6 → Impasse Châlon 4, 5, 3, 1b, 1 → Rue de Châlon 19 (odd side on
     *   the way back).
     * Streets are walked in runs, number order is kept along each side, and the even side is done
     * before crossing: what a canvasser would do. Over the nine turfs, 95 runs for 56 (turf, street)
     * pairs, and no street crossed more than four times (Place Henri Frenay, numbered round a square).
     */
    @Test
    void aStationOfTheFaubourgIsCutIntoBalancedTurfsWalkedStreetByStreet() {
        List<Door> doors = doors(STATION);
        assertThat(doors).hasSizeGreaterThan(300);
        TurfParameters p = TurfParameters.DEFAULTS.withDoorsPerTurf(40);
        List<Turf> turfs = TurfCutter.cut(doors, start(STATION, doors), p);

        assertThat(turfs).hasSize(p.turfCount(doors.size()));
        Set<String> seen = new HashSet<>();
        turfs.forEach(t -> t.doorIds().forEach(id -> assertThat(seen.add(id)).as(id).isTrue()));
        assertThat(seen).hasSize(doors.size());
        int[] bounds = TurfCutter.bounds(doors.size(), p);
        int runs = 0;
        int streets = 0;
        for (Turf t : turfs) {
            assertThat(t.doors()).isBetween(bounds[0], bounds[1]);
            assertThat(t.stations()).containsExactly(STATION);
            assertThat(t.walkingMetres()).isBetween(300.0, 4000.0);
            assertThat(Walks.worstSideSwitches(t)).as("zig-zags across one street in turf %d", t.number()).isLessThanOrEqualTo(4);
            runs += Walks.streetRuns(t);
            streets += Walks.streets(t);
        }
        assertThat((double) runs / streets).as("runs per street walked").isLessThanOrEqualTo(2.0);
        assertThat(TurfProperties.doorsInsideOthers(turfs, Untangle.MARGIN)).isLessThanOrEqualTo(TurfProperties.MAX_INSIDE);
        // the turf described above starts on Place Louis Armand and keeps Rue de Châlon's even side in order
        List<Door> walk = turfs.get(0).walk();
        List<Integer> chalonEven = walk.stream().filter(d -> d.address().street().equals("Rue de Châlon")
                && d.address().number() % 2 == 0).map(d -> d.address().number()).toList();
        assertThat(chalonEven).isSortedAccordingTo(java.util.Comparator.reverseOrder()).hasSizeGreaterThan(8);
    }
}
