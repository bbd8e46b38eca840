import fr.terrain.account.Account;
import fr.terrain.account.Role;
import fr.terrain.account.Secrets;
import fr.terrain.election.StationCode;
import fr.terrain.field.Address;
import fr.terrain.field.Door;
import fr.terrain.field.Start;
import fr.terrain.field.Turf;
import fr.terrain.field.TurfScope;
import fr.terrain.store.Accounts;
import fr.terrain.store.ApiTokens;
import fr.terrain.store.FieldStore;
import fr.terrain.store.Store;
import fr.terrain.web.WebApp;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sync under load: 500 canvassers, each with their own turf and API token, send 20 outcomes each,
 * all at once, to one server over HTTP, in batches of 1 to 5 as a phone flushing its queue would;
 * one batch in ten is sent a second time (a retry after a lost answer). Baseline, same run, same
 * server, same clients: the same number of requests to a trivial authenticated route (GET /api/me).
 * Checked by counting: every outcome stored once, none lost, none doubled.
 *
 * <p>Usage: java -cp terrain.jar:out SyncBench h2|postgresql [canvassers] [outcomes each]
 * Prints one line: ROW|db|canvassers|outcomes|requests|seconds|outcomes/s|p50 ms|p99 ms|baseline req/s|
 * baseline p50|baseline p99|sync req/s|ratio|lost|doubled
 */
public final class SyncBench {
    static final int DOORS = 10;

    public static void main(String[] args) throws Exception {
        String db = args[0];
        int canvassers = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int each = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        if (db.equals("h2")) {
            Path dir = Files.createTempDirectory("syncbench");
            try (Store store = Store.h2(dir)) {
                run(store, "H2", canvassers, each);
            }
        } else {
            String url = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
            String schema = "syncbench_" + System.nanoTime();
            try (Store store = Store.url(url, null, null, schema)) {
                run(store, "PostgreSQL", canvassers, each);
            } finally {
                try (var c = DriverManager.getConnection(url)) {
                    c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
        System.exit(0);
    }

    static void run(Store store, String name, int canvassers, int each) throws Exception {
        StationCode station = StationCode.parse("11-1");
        List<Turf> turfs = new ArrayList<>();
        for (int t = 1; t <= canvassers; t++) {
            List<Door> doors = new ArrayList<>();
            for (int d = 1; d <= DOORS; d++) {
                String id = "75111_" + t + "_" + d;
                doors.add(new Door(id, new Address(id, null, d, null, "Rue " + t, "75011", "75111", "Paris",
                        2.38 + t * 1e-5, 48.86), null, station, 1));
            }
            turfs.add(new Turf(t, List.of(station), doors, DOORS, 500, 20, new Start("départ", 2.38, 48.86)));
        }
        FieldStore.SavedPlan plan = FieldStore.savePlan(store, "bench", "paris-2026", "bench", "bench", turfs, Map.of());
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < canvassers; i++) {
            var user = Accounts.add(store, Account.of("militant" + i, Role.CANVASSER, Set.of(11)), "$argon2id$bench",
                    Instant.now());
            FieldStore.assign(store, new TurfScope.All(), plan.turfIds().get(i), user.id(), "bench");
            String token = "trn_" + Secrets.randomToken(32);
            ApiTokens.create(store, user.id(), Secrets.sha256(token), token.substring(0, 12), "bench", Instant.now());
            tokens.add(token);
        }
        Javalin app = WebApp.create(store).start(0);
        String base = "http://127.0.0.1:" + app.port();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(8)).connectTimeout(Duration.ofSeconds(10)).build();

        // the phones' batches, fixed before timing (so both runs make the same number of requests)
        List<List<String>> bodies = new ArrayList<>();
        Set<String> made = new HashSet<>();
        Random random = new Random(1);
        int requests = 0;
        for (int i = 0; i < canvassers; i++) {
            List<String> items = new ArrayList<>();
            for (int k = 0; k < each; k++) {
                String id = UUID.randomUUID().toString();
                made.add(id);
                items.add("{\"client_id\":\"" + id + "\",\"turf_id\":" + plan.turfIds().get(i) + ",\"door_id\":\"75111_"
                        + (i + 1) + "_" + (1 + k % DOORS) + "\",\"outcome\":\"" + List.of("absent", "opened", "refused",
                        "leaflet", "come-back").get(k % 5) + "\",\"recorded_at\":\"2026-03-01T10:00:00Z\"}");
            }
            List<String> phone = new ArrayList<>();
            int at = 0;
            while (at < items.size()) {
                int n = Math.min(items.size() - at, 1 + random.nextInt(5));
                String body = "{\"outcomes\":[" + String.join(",", items.subList(at, at + n)) + "]}";
                phone.add(body);
                if (random.nextDouble() < 0.1) {
                    phone.add(body); // the answer was lost: the phone sends the batch again
                }
                at += n;
            }
            requests += phone.size();
            bodies.add(phone);
        }

        // warm-up: a few of each, on a throwaway turf-less account's token (me) and on turf 1 with its own ids
        for (int i = 0; i < 50; i++) {
            send(http, HttpRequest.newBuilder(URI.create(base + "/api/me")).header("Authorization", "Bearer " + tokens.get(0))
                    .GET().build());
        }

        // baseline: the same number of requests from the same canvassers to GET /api/me
        int total = requests;
        Timed baseline = timed(canvassers, i -> {
            List<Long> out = new ArrayList<>();
            for (int k = 0; k < bodies.get(i).size(); k++) {
                out.add(send(http, HttpRequest.newBuilder(URI.create(base + "/api/me"))
                        .header("Authorization", "Bearer " + tokens.get(i)).GET().build()));
            }
            return out;
        });
        AtomicInteger bad = new AtomicInteger();
        Timed sync = timed(canvassers, i -> {
            List<Long> out = new ArrayList<>();
            for (String body : bodies.get(i)) {
                HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/field/outcomes"))
                        .header("Authorization", "Bearer " + tokens.get(i)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                long start = System.nanoTime();
                HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString());
                out.add(System.nanoTime() - start);
                if (answer.statusCode() != 200 || answer.body().contains("\"rejected\"")) {
                    bad.incrementAndGet();
                    System.err.println(answer.statusCode() + " " + answer.body());
                }
            }
            return out;
        });
        Map<String, Long> held = FieldStore.clientIdCounts(store);
        long lost = made.stream().filter(id -> !held.containsKey(id)).count() + bad.get();
        long doubled = held.values().stream().filter(n -> n > 1).count() + held.keySet().stream().filter(id -> !made.contains(id))
                .count() + (FieldStore.outcomeCount(store) - made.size());
        app.stop();
        double outcomesPerSecond = made.size() / sync.seconds;
        double syncRps = total / sync.seconds;
        double baseRps = total / baseline.seconds;
        System.out.printf(java.util.Locale.ROOT, "ROW|%s|%d|%d|%d|%.2f|%.0f|%.1f|%.1f|%.0f|%.1f|%.1f|%.0f|%.2f|%d|%d%n", name,
                canvassers, made.size(), total, sync.seconds, outcomesPerSecond, sync.p(50), sync.p(99), baseRps,
                baseline.p(50), baseline.p(99), syncRps, syncRps / baseRps, lost, doubled);
    }

    interface Phone {
        List<Long> run(int i) throws Exception;
    }

    record Timed(double seconds, List<Long> latencies) {
        double p(int percentile) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, index)) / 1e6;
        }
    }

    /** Every canvasser at once (one virtual thread each), released together; wall time and every request's latency. */
    static Timed timed(int canvassers, Phone phone) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < canvassers; i++) {
                int index = i;
                done.add(threads.submit(() -> {
                    go.await();
                    latencies.addAll(phone.run(index));
                    return null;
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            return new Timed((System.nanoTime() - start) / 1e9, new ArrayList<>(latencies));
        }
    }

    static long send(HttpClient http, HttpRequest r) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(r.uri() + " → " + answer.statusCode() + " " + answer.body());
        }
        return System.nanoTime() - start;
    }
}
