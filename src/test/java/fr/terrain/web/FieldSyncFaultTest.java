package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.terrain.account.Role;
import fr.terrain.field.TurfScope;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.FieldFixtures;
import fr.terrain.store.FieldStore;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sync under faults, over real HTTP: phones send their outcomes in batches through a proxy that
 * loses responses after the server stored the batch, refuses some requests, sends some batches
 * twice at once, while phones retry and sometimes resend a batch already acknowledged; in the
 * middle the server is stopped and a new one started on the same H2 files. At the end the server
 * holds every outcome the phones made, each exactly once.
 */
class FieldSyncFaultTest {
    static final int PHONES = 12;
    static final int OUTCOMES_PER_PHONE = 40;
    static final int DOORS_PER_TURF = 6;

    @TempDir
    Path home;

    /** The server behind the proxy, replaced on restart; null while it is down. */
    final AtomicReference<Javalin> server = new AtomicReference<>();
    final AtomicReference<Store> store = new AtomicReference<>();
    final HttpClient upstream = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Random faults = new Random(7);
    final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    synchronized double draw() {
        return faults.nextDouble();
    }

    void count(String what) {
        counts.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    @Test
    void nothingIsLostAndNothingDoubled() throws Exception {
        Store s = TestStores.h2(home.resolve("db"));
        FieldStore.SavedPlan plan = FieldFixtures.plan(s, "panne", PHONES, DOORS_PER_TURF);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < PHONES; i++) {
            AccountRecord u = TestAccounts.user(s, "militant" + i, Role.CANVASSER, 11);
            FieldStore.assign(s, new TurfScope.All(), plan.turfIds().get(i), u.id(), "test");
            tokens.add(TestAccounts.token(s, u));
        }
        store.set(s);
        server.set(WebApp.create(s).start(0));
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.setExecutor(Executors.newFixedThreadPool(16));
        proxy.createContext("/", this::relay);
        proxy.start();
        String through = "http://127.0.0.1:" + proxy.getAddress().getPort();

        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger restarts = new AtomicInteger();
        Thread restarter = Thread.ofPlatform().start(() -> {
            while (acknowledged.get() < PHONES * OUTCOMES_PER_PHONE / 3) {
                Thread.onSpinWait();
                sleep(5);
            }
            restart();
            restarts.incrementAndGet();
        });

        ExecutorService phones = Executors.newFixedThreadPool(PHONES);
        List<Future<Set<String>>> made = new ArrayList<>();
        for (int i = 0; i < PHONES; i++) {
            long turf = plan.turfIds().get(i);
            String token = tokens.get(i);
            int phone = i;
            made.add(phones.submit(() -> phone(through, token, turf, phone, acknowledged)));
        }
        Set<String> all = new HashSet<>();
        for (Future<Set<String>> f : made) {
            all.addAll(f.get());
        }
        phones.shutdown();
        restarter.join(60_000);
        proxy.stop(0);

        Store last = store.get();
        Map<String, Long> held = FieldStore.clientIdCounts(last);
        assertThat(all).hasSize(PHONES * OUTCOMES_PER_PHONE);
        assertThat(held.keySet()).isEqualTo(all); // nothing lost, nothing invented
        assertThat(held.values()).containsOnly(1L); // nothing doubled
        assertThat(FieldStore.outcomeCount(last)).isEqualTo(PHONES * OUTCOMES_PER_PHONE);
        // the faults did happen
        assertThat(restarts.get()).isEqualTo(1);
        assertThat(counts.get("lost response")).isNotNull().hasValueGreaterThan(10);
        assertThat(counts.get("sent twice")).isNotNull().hasValueGreaterThan(10);
        assertThat(counts.get("refused")).isNotNull().hasValueGreaterThan(5);
        assertThat(counts.get("server down")).isNotNull().hasValueGreaterThan(0);
        assertThat(counts.get("resent by phone")).isNotNull().hasValueGreaterThan(5);
        assertThat(counts.get("answered already")).isNotNull().hasValueGreaterThan(10);
        server.get().stop();
        last.close();
    }

    /** One phone: its outcomes, sent in batches of 1 to 7, each batch retried until answered. */
    Set<String> phone(String base, String token, long turf, int phone, AtomicInteger acknowledged) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Random random = new Random(phone);
        List<String> pending = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        Set<String> made = new HashSet<>();
        for (int i = 0; i < OUTCOMES_PER_PHONE; i++) {
            String id = UUID.randomUUID().toString();
            made.add(id);
            pending.add(id);
            bodies.add("{\"client_id\":\"" + id + "\",\"turf_id\":" + turf + ",\"door_id\":\"T" + (phone + 1) + "-"
                    + (1 + i % DOORS_PER_TURF) + "\",\"outcome\":\"" + List.of("absent", "opened", "refused", "leaflet",
                    "come-back").get(i % 5) + "\",\"recorded_at\":\"2026-03-01T10:00:00Z\"}");
        }
        Map<String, String> bodyOf = new java.util.HashMap<>();
        for (int i = 0; i < pending.size(); i++) {
            bodyOf.put(pending.get(i), bodies.get(i));
        }
        while (!pending.isEmpty()) {
            List<String> batch = new ArrayList<>(pending.subList(0, Math.min(pending.size(), 1 + random.nextInt(7))));
            String body = "{\"outcomes\":[" + String.join(",", batch.stream().map(bodyOf::get).toList()) + "]}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/field/outcomes"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> r;
            try {
                r = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                sleep(5); // no network: keep the batch, try again
                continue;
            }
            if (r.statusCode() != 200) {
                sleep(5);
                continue;
            }
            JsonNode results = Json.MAPPER.readTree(r.body()).get("results");
            for (JsonNode x : results) {
                String status = x.get("status").asText();
                assertThat(status).as(x.toString()).isIn("stored", "already");
                if (status.equals("already")) {
                    count("answered already");
                }
                if (pending.remove(x.get("client_id").asText())) {
                    acknowledged.incrementAndGet();
                }
            }
            if (random.nextDouble() < 0.1) { // the phone did not save the answer in time and sends the batch again
                count("resent by phone");
                try {
                    http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    // lost as well: nothing to do, the batch is already acknowledged
                }
            }
        }
        return made;
    }

    /** The faulty network between phones and server. */
    void relay(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            double fate = draw();
            if (fate < 0.08) {
                count("refused");
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            Javalin target = server.get();
            if (target == null) {
                count("server down");
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port()
                    + exchange.getRequestURI())).timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String name : List.of("Authorization", "Content-Type", "Accept", Gate.CSRF_HEADER, "Cookie")) {
                String v = exchange.getRequestHeaders().getFirst(name);
                if (v != null) {
                    b.header(name, v);
                }
            }
            HttpRequest forward = b.build();
            HttpResponse<byte[]> answer;
            try {
                if (fate < 0.25) { // the batch reaches the server twice at the same moment
                    count("sent twice");
                    var first = upstream.sendAsync(forward, HttpResponse.BodyHandlers.ofByteArray());
                    var second = upstream.sendAsync(forward, HttpResponse.BodyHandlers.ofByteArray());
                    first.join();
                    answer = second.join();
                } else {
                    answer = upstream.send(forward, HttpResponse.BodyHandlers.ofByteArray());
                }
            } catch (Exception e) { // the server went down under this request
                count("server down");
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            if (fate > 0.80) { // stored on the server, but the answer never reaches the phone
                count("lost response");
                exchange.sendResponseHeaders(504, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        }
    }

    /** Stops the server and its store, then opens the same H2 files in a new store and a new server. */
    void restart() {
        Javalin old = server.getAndSet(null);
        old.stop();
        store.get().close();
        sleep(200);
        Store reopened = TestStores.h2(home.resolve("db"));
        store.set(reopened);
        server.set(WebApp.create(reopened).start(0));
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
