package fr.terrain.store;

import java.time.Instant;
import java.util.List;

/**
 * Saved turfs written straight into a test store, the way {@code turf_plan}, {@code turf} and
 * {@code turf_door} hold them (V7), for tests of the pages and stores that read them.
 */
public final class TurfRows {
    /** A door of a turf, in walking order. */
    public record Door(String id, String label, double lon, double lat, int voters) {}

    private TurfRows() {}

    public static long plan(Store store, String name) {
        return store.jdbi().withHandle(h -> {
            long id = RandomIds.next(h, RandomIds.Table.TURF_PLAN); // as the store keys them (docs/adr/0030)
            h.createUpdate("INSERT INTO turf_plan (id, name, contest, parameters, created_by, created_at)"
                            + " VALUES (:id, :n, 'demo-2026', 'test', 'test', :now)")
                    .bind("id", id).bind("n", name).bind("now", Times.bind(Instant.now())).execute();
            return id;
        });
    }

    /** A turf starting at the given point, with its doors; returns its id. */
    public static long turf(Store store, long plan, int number, int arrondissement, double startLon, double startLat,
            double minutes, String topic, List<Door> doors) {
        return store.jdbi().inTransaction(h -> {
            long id = RandomIds.next(h, RandomIds.Table.TURF);
            h.createUpdate("INSERT INTO turf (id, plan_id, number, arrondissement, stations, door_count, voters,"
                            + " walking_metres, minutes, start_label, start_lon, start_lat, topic)"
                            + " VALUES (:id, :p, :n, :a, :s, :dc, :v, :w, :m, 'lieu de vote : École', :lon, :lat, :topic)")
                    .bind("id", id).bind("p", plan).bind("n", number).bind("a", arrondissement).bind("s", arrondissement + "-1")
                    .bind("dc", doors.size()).bind("v", doors.stream().mapToInt(Door::voters).sum()).bind("w", 40 * doors.size())
                    .bind("m", minutes).bind("lon", startLon).bind("lat", startLat).bind("topic", topic).execute();
            int position = 1;
            for (Door d : doors) {
                h.createUpdate("INSERT INTO turf_door (turf_id, position, door_id, station_code, label, lon, lat, voters)"
                                + " VALUES (:t, :p, :d, :s, :l, :lon, :lat, :v)")
                        .bind("t", id).bind("p", position++).bind("d", d.id()).bind("s", arrondissement + "-1")
                        .bind("l", d.label()).bind("lon", d.lon()).bind("lat", d.lat()).bind("v", d.voters()).execute();
            }
            return id;
        });
    }

    public static void assign(Store store, long turf, Long userId) {
        store.jdbi().useHandle(h -> h.createUpdate("UPDATE turf SET assigned_to = :u, assigned_at = :now WHERE id = :t")
                .bind("u", userId).bind("now", userId == null ? null : Times.bind(Instant.now())).bind("t", turf).execute());
    }

    /** As if the turf had been taken from its past holders {@code ago} ago (their late-sync window then closes). */
    public static void takenBack(Store store, long turf, java.time.Duration ago) {
        store.jdbi().useHandle(h -> h.createUpdate("UPDATE turf_past_holder SET held_until = :at WHERE turf_id = :t")
                .bind("at", Times.bind(Instant.now().minus(ago))).bind("t", turf).execute());
    }
}
