import fr.terrain.mail.RecipientRef;
import fr.terrain.store.MailTracking;
import fr.terrain.store.Store;
import fr.terrain.store.TrackingLinks;
import fr.terrain.web.WebApp;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Throughput and latency of the tracking endpoints — the open pixel {@code /t/o/TOKEN.gif} and the
 * click redirect {@code /t/c/TOKEN}, each recording its event in the H2 store — against a bare
 * handler returning the same GIF on the same Javalin server (through the same before-handlers:
 * security headers, session lookup), in the same run, on loopback.
 *
 * <p>Two loads per endpoint, from a Java load generator in the same JVM (java.net.http, HTTP/1.1):
 * an open model at a fixed rate (default 2,000 requests/s) where each latency is measured from the
 * request's scheduled start, so a stalled server is charged for the requests it delayed
 * (no coordinated omission), sent over at most 64 keep-alive connections; and a closed model (CONCURRENCY clients in a loop) for the maximum
 * throughput. Tokens cycle over RECIPIENTS (default 1,000) recipients of one campaign with 3 links: with many
 * recipients a token comes back after the endpoints' lookup cache forgot it, as in a real campaign where each
 * recipient opens and clicks a few times.
 *
 * <p>Usage: java -cp terrain.jar:out TrackBench [RATE] [SECONDS] [CONCURRENCY] [RECIPIENTS]. Prints a Markdown table.
 */
public final class TrackBench {
    /** Connections of the open-model generator: enough for 2,000 req/s at up to 30 ms each. */
    static final int CONNECTIONS = 64;
    static final byte[] GIF = java.util.Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int recipients = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        Path home = Files.createTempDirectory("terrain-trackbench-");
        try (Store store = Store.h2(home)) {
            long campaign = fixture(store, recipients);
            MailTracking.setEnabled(store, true, "bench");
            // the bare handler is tried first, like the tracking routes: both pay the same route matching
            Javalin app = WebApp.create(store, fr.terrain.web.map.MapSettings.fromEnvironment(), List.of(
                    fr.terrain.web.WebRoute.open(io.javalin.http.HandlerType.GET, "/bench/bare", ctx -> ctx
                            .header("Cache-Control", "no-store").contentType("image/gif").result(GIF))));
            app.start("127.0.0.1", 0);
            String base = "http://127.0.0.1:" + app.port();
            TrackingLinks links = TrackingLinks.of(store, base);
            List<Long> outbox = store.jdbi().withHandle(h -> h.createQuery("SELECT id FROM mail_outbox ORDER BY id")
                    .mapTo(Long.class).list());
            List<String> pixels = new ArrayList<>();
            List<String> clicks = new ArrayList<>();
            for (long o : outbox) {
                RecipientRef r = new RecipientRef(o, campaign, "<b" + o + "@bench>");
                pixels.add(links.openPixelUrl(r).orElseThrow());
                for (int l = 0; l < 3; l++) {
                    clicks.add(links.rewrite("https://exemple.fr/page" + l, r));
                }
            }
            List<String> bare = List.of(base + "/bench/bare");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            String[] names = {"bare handler (same server)", "open pixel /t/o/…gif", "click redirect /t/c/…"};
            List<List<String>> targets = List.of(bare, pixels, clicks);
            int[] expected = {200, 200, 302};
            // warm-up: JIT, connection pool, H2 caches
            for (int i = 0; i < 3; i++) {
                closed(http, targets.get(i), expected[i], concurrency, 3);
            }
            double[][] fixed = new double[3][];
            double[] max = new double[3];
            double[] cpu = new double[3];
            for (int i = 0; i < 3; i++) {
                fixed[i] = open(http, targets.get(i), expected[i], rate, seconds);
                double[] c = closed(http, targets.get(i), expected[i], concurrency, seconds);
                max[i] = c[0];
                cpu[i] = c[1];
            }
            long events = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mail_event").mapTo(Long.class).one());
            app.stop();
            System.out.println("| endpoint | at " + rate + " req/s: achieved | p50 ms | p99 ms | max ms | errors | max throughput"
                    + " (" + concurrency + " clients) | ratio to bare | CPU µs per request | its ratio |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (int i = 0; i < 3; i++) {
                System.out.println(String.format(Locale.ROOT, "| %s | %.0f/s | %.2f | %.2f | %.1f | %.0f | %.0f req/s | %s | %.0f | %s |",
                        names[i], fixed[i][0], fixed[i][1], fixed[i][2], fixed[i][3], fixed[i][4], max[i],
                        i == 0 ? "1" : String.format(Locale.ROOT, "%.0f %%", 100 * max[i] / max[0]), cpu[i],
                        i == 0 ? "1" : String.format(Locale.ROOT, "%.0f %%", 100 * cpu[0] / cpu[i])));
            }
            System.out.println();
            System.out.println("Events recorded by the tracked endpoints during the run: " + events + ".");
        }
    }

    /**
     * Open model: request i is due at start + i/rate; CONNECTIONS workers (one keep-alive connection each) take
     * the requests in order, wait for their due time, send; a latency runs from the due time, so requests queued
     * behind a slow one are charged their wait. Returns achieved rate, p50, p99, max (ms), errors.
     */
    static double[] open(HttpClient http, List<String> urls, int expected, int rate, int seconds) throws Exception {
        int n = rate * seconds;
        long[] latency = new long[n];
        AtomicLong errors = new AtomicLong();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        long start = System.nanoTime() + 50_000_000L;
        long interval = 1_000_000_000L / rate;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < CONNECTIONS; w++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        long due = start + i * interval;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        HttpRequest req = HttpRequest.newBuilder(URI.create(urls.get(i % urls.size()))).header("User-Agent",
                                "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36").build();
                        try {
                            if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() != expected) {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        latency[i] = System.nanoTime() - due;
                    }
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        return new double[] {n / elapsed, sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6, sorted[n - 1] / 1e6,
            errors.get()};
    }

    /**
     * Closed model: {@code clients} loops for {@code seconds}; returns completed requests per second and the CPU time
     * of this process (server and generator) per request in µs, which other loads of a shared machine disturb less.
     */
    static double[] closed(HttpClient http, List<String> urls, int expected, int clients, int seconds) throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int offset = c;
                pool.submit(() -> {
                    int i = offset;
                    while (System.nanoTime() < end) {
                        HttpRequest req = HttpRequest.newBuilder(URI.create(urls.get(i++ % urls.size()))).header("User-Agent",
                                "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36").build();
                        try {
                            HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
                            if (r.statusCode() != expected) {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        done.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        if (errors.get() > 0) {
            System.err.println(errors.get() + " erreur(s) sur " + urls.get(0));
        }
        double rate = done.get() / ((System.nanoTime() - start) / 1e9);
        return new double[] {rate, (os.getProcessCpuTime() - cpuStart) / 1e3 / done.get()};
    }

    /** One sent campaign with {@code n} recipients, written straight in SQL (mail-core's V8 tables). */
    static long fixture(Store store, int n) {
        return store.jdbi().inTransaction(h -> {
            LocalDateTime now = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
            long campaign = h.createUpdate("INSERT INTO mail_campaign (name, subject, template, segment, status, created_by,"
                    + " created_at) VALUES ('bench', 'Objet', 'Bonjour', 'all', 'finished', 'bench', :at)").bind("at", now)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            for (int i = 0; i < n; i++) {
                String email = "bench." + i + "@example.org";
                long person = h.createUpdate("INSERT INTO person (created_at) VALUES (:at)").bind("at", now)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                long contact = h.createUpdate("INSERT INTO person_contact (person_id, kind, contact_value, source_category,"
                        + " collected_on, recorded_by, recorded_at) VALUES (:p, 'email', :e, 'members', :d, 'bench', :at)")
                        .bind("p", person).bind("e", email).bind("d", now.toLocalDate()).bind("at", now)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                long mc = h.createUpdate("INSERT INTO mail_contact (person_id, contact_id, email, sector, regular_contact,"
                        + " created_at) VALUES (:p, :c, :e, :s, TRUE, :at)").bind("p", person).bind("c", contact)
                        .bind("e", email).bind("s", i % 20 + 1).bind("at", now).executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class).one();
                h.createUpdate("INSERT INTO mail_outbox (campaign_id, mail_contact_id, email, state, message_id, updated_at,"
                        + " sent_at) VALUES (:c, :m, :e, 'sent', :mid, :at, :at)").bind("c", campaign).bind("m", mc)
                        .bind("e", email).bind("mid", "<b" + i + "@bench>").bind("at", now).execute();
            }
            return campaign;
        });
    }
}
