package fr.terrain.store;

import fr.terrain.account.Account;
import fr.terrain.account.Role;
import fr.terrain.election.StationCode;
import fr.terrain.field.Address;
import fr.terrain.field.Door;
import fr.terrain.field.DoorOutcome;
import fr.terrain.field.OutcomeReport;
import fr.terrain.field.Start;
import fr.terrain.field.Turf;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small saved plan for field tests: turf 1 in the 11th (station 11-1, doors A1–A3), turf 2 in
 * the 12th (station 12-7, doors B1–B2), and a second plan "bis" whose only turf holds door A1
 * again (two plans may cut the same door).
 */
public final class FieldFixtures {
    public static final String PLAN = "essai";

    private FieldFixtures() {}

    public static Door door(String id, String street, int number, StationCode station, int voters) {
        Address a = new Address(id, null, number, null, street, "75011", station.arrondissement() == 11 ? "75111" : "75112",
                "Paris", 2.38 + number * 1e-4, 48.85 + station.arrondissement() * 1e-3);
        return new Door(id, a, null, station, voters);
    }

    public static List<Turf> turfs() {
        StationCode s11 = StationCode.parse("11-1");
        StationCode s12 = StationCode.parse("12-7");
        List<Door> a = List.of(door("A1", "Rue de Charonne", 1, s11, 2), door("A2", "Rue de Charonne", 3, s11, 1),
                door("A3", "Rue de Charonne", 5, s11, 3));
        List<Door> b = List.of(door("B1", "Rue de Picpus", 12, s12, 1), door("B2", "Rue de Picpus", 14, s12, 2));
        Start start = new Start("lieu de vote", 2.38, 48.85);
        return List.of(new Turf(1, List.of(s11), a, 6, 420, 12.5, start), new Turf(2, List.of(s12), b, 3, 210, 6.0, start));
    }

    public static FieldStore.SavedPlan save(Store store) {
        return FieldStore.savePlan(store, PLAN, "paris-2026", "--stations 11-1,12-7", "test", turfs(),
                Map.of(1, new fr.terrain.targeting.TopicRules.TopicMatch("transports", "transports", 1,
                        "part des actifs en transports en commun")));
    }

    public static FieldStore.SavedPlan saveSecondPlan(Store store) {
        StationCode s11 = StationCode.parse("11-1");
        return FieldStore.savePlan(store, "bis", "paris-2026", "--stations 11-1", "test",
                List.of(new Turf(1, List.of(s11), List.of(door("A1", "Rue de Charonne", 1, s11, 2)), 2, 50, 2, new Start(
                        "centre des portes", 2.38, 48.85))), Map.of());
    }

    /** One BAN address, written as {@code terrain import addresses} writes it: its commune is named with it. */
    public static void banAddress(Store store, String banId, int number, String street, String insee, String commune,
            double lon, double lat) {
        store.jdbi().useTransaction(h -> {
            try (ImportWriter.AddressSink sink = new ImportWriter(h, store.dialect()).addresses()) {
                sink.add(new Address(banId, null, number, null, street, null, insee, commune, lon, lat));
                sink.finish();
            }
        });
    }

    public static AccountRecord user(Store store, String name, Role role, Integer... sectors) {
        return Accounts.add(store, Account.of(name, role, Set.of(sectors)), "$argon2id$test", Instant.now());
    }

    public static OutcomeReport outcome(String clientId, long turf, String door, DoorOutcome o) {
        return new OutcomeReport(clientId, turf, door, o, null, null, null, null, Instant.parse("2026-03-01T10:00:00Z"));
    }

    /** {@code n} outcomes with client ids {@code prefix-0…}, cycling over the turf's doors. */
    public static List<OutcomeReport> outcomes(String prefix, long turf, List<String> doors, int n) {
        List<OutcomeReport> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(outcome(prefix + "-" + i, turf, doors.get(i % doors.size()), DoorOutcome.values()[i % 5]));
        }
        return out;
    }

    /** A plan of {@code n} turfs of {@code doors} doors each in station 11-1 (door ids {@code T<turf>-<door>}). */
    public static FieldStore.SavedPlan plan(Store store, String name, int n, int doors) {
        StationCode s11 = StationCode.parse("11-1");
        List<Turf> turfs = new ArrayList<>();
        for (int t = 1; t <= n; t++) {
            List<Door> walk = new ArrayList<>();
            for (int d = 1; d <= doors; d++) {
                walk.add(door("T" + t + "-" + d, "Rue " + t, d, s11, 1));
            }
            turfs.add(new Turf(t, List.of(s11), walk, doors, 100, doors * 1.2, new Start("départ", 2.38, 48.85)));
        }
        return FieldStore.savePlan(store, name, "paris-2026", "test", "test", turfs, Map.of());
    }
}
