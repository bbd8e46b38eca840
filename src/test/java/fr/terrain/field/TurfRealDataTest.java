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

    @Test
    void dump() {
        List<Door> doors = doors(STATION);
        Start start = start(STATION, doors);
        System.out.println(start + " doors " + doors.size());
        List<Turf> turfs = TurfCutter.cut(doors, start, TurfParameters.DEFAULTS.withDoorsPerTurf(40));
        for (Turf t : turfs) {
            System.out.printf("turf %d: %d doors, %.0f m, %.0f min%n", t.number(), t.doors(), t.walkingMetres(), t.minutes());
        }
        for (Turf t : turfs) {
            System.out.println("turf " + t.number() + " runs " + Walks.streetRuns(t) + " streets " + Walks.streets(t)
                    + " sideSwitches " + Walks.worstSideSwitches(t));
        }
        for (Door d : turfs.get(0).walk()) {
            System.out.println("  " + d.address().street() + " " + d.address().number() + (d.address().suffix() == null ? "" : d.address().suffix()));
        }
    }
}
