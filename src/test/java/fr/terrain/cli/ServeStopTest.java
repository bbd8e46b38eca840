package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.terrain.account.Role;
import fr.terrain.account.Secrets;
import fr.terrain.field.TurfScope;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.ApiTokens;
import fr.terrain.store.FieldFixtures;
import fr.terrain.store.FieldStore;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code terrain serve} stopped (SIGTERM, as systemd and {@code Process.destroy} send it) while a phone's batch is
 * arriving, in a child JVM as in production. The batch is uploaded slowly (chunked, a byte of padding at a time) so
 * that it is in the server's hands for as long as the test needs, without any hook in the server: {@code Expect:
 * 100-continue} tells when the handler has started reading it, and its end is sent only once the stop has visibly
 * begun (new connections refused). No step depends on how fast the machine is: each waits for an observed fact,
 * with generous bounds.
 */
class ServeStopTest {
    static final int DOORS = 500;
    static final Duration GENEROUS = Duration.ofSeconds(90);

    @TempDir
    Path home;

    @TempDir
    Path logs;

    @Test
    void aBatchArrivingWhenTheServerIsStoppedIsStoredAndAnsweredOnH2() throws Exception {
        Canvasser who;
        String organizer;
        try (Store setup = Store.h2(home)) {
            who = canvasser(setup);
            organizer = token(setup, FieldFixtures.user(setup, "organisatrice", Role.ORGANIZER, 11));
        }
        Server server = Server.start(home, logs, Map.of());
        try (Stream stream = Stream.open(server.port(), organizer)) { // a headquarters page follows the progress live
            batchDuringStop(server, who);
            assertThat(stream.ended()).as("the live stream closed by the stop").isTrue();
        }
        // a stream left open would have held the stop until the 20 s ran out
        assertThat(server.log()).contains("Requêtes en cours terminées.");
        try (Store after = Store.h2(home)) {
            assertThat(FieldStore.clientIdCounts(after)).isEqualTo(once(who.clientIds()));
        }
    }

    @Test
    void aBatchArrivingWhenTheServerIsStoppedIsStoredAndAnsweredOnPostgres() throws Exception {
        Store setup = TestStores.postgres();
        String schema = setup.description().substring(setup.description().lastIndexOf(" schema ") + " schema ".length());
        try {
            Canvasser who = canvasser(setup);
            batchDuringStop(Server.start(home, logs, Map.of("TERRAIN_DB_URL", TestStores.PG_URL, "TERRAIN_DB_USER",
                    TestStores.PG_USER, "TERRAIN_DB_SCHEMA", schema)), who);
            assertThat(FieldStore.clientIdCounts(setup)).isEqualTo(once(who.clientIds()));
        } finally {
            TestStores.dropSchema(setup);
        }
    }

    /** A request that never ends (its upload goes on, never idle) cannot hold the process beyond the wait. */
    @Test
    void theWaitIsBoundedEvenForARequestThatNeverEnds() throws Exception {
        Server server = stoppedDuringABatchThatNeverEnds("3", false);
        assertThat(server.log()).contains("Arrêt demandé : 1 requête en cours (3 s au plus")
                .contains("Délai de 3 s dépassé").contains("Base fermée.");
    }

    /** Ctrl-C twice: the second stops at once, without waiting for the first's 10 minutes. */
    @Test
    void aSecondSignalStopsAtOnce() throws Exception {
        Server server = stoppedDuringABatchThatNeverEnds("600", true);
        assertThat(server.log()).contains("Nouvelle demande d'arrêt : arrêt immédiat");
    }

    /**
     * Starts {@code serve} on H2 with {@code --stop-timeout}, stops it (twice if {@code again}) while a batch that never
     * ends is arriving, and returns it once exited, having checked that the store opens without any of the batch.
     */
    private Server stoppedDuringABatchThatNeverEnds(String stopTimeout, boolean again) throws Exception {
        Canvasser who;
        try (Store setup = Store.h2(home)) {
            who = canvasser(setup);
        }
        Server server = Server.start(home, logs, Map.of(), "--stop-timeout", stopTimeout);
        try (Upload upload = Upload.open(server.port(), who)) {
            upload.awaitContinue();
            server.process().destroy();
            if (again) {
                upload.sendUntil(() -> server.log().contains("Arrêt demandé"));
                server.process().destroy();
            }
            upload.sendUntil(server::stopped); // until the server cuts it
            assertThat(server.process().waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS)).as(server.log()).isTrue();
            // the delay run out is still a stop (0); a second SIGTERM exits at once with 128 + 15
            assertThat(server.process().exitValue()).as(server.log()).isEqualTo(again ? 143 : 0);
        } finally {
            server.process().destroyForcibly();
        }
        try (Store after = Store.h2(home)) {
            assertThat(FieldStore.outcomeCount(after)).isZero();
        }
        return server;
    }

    /**
     * Sends the batch slowly, stops the server (SIGTERM) while the batch is arriving, checks that a new connection is
     * refused meanwhile, then that the batch is answered 200 with every outcome stored and that the process exits.
     */
    private static void batchDuringStop(Server server, Canvasser who) throws Exception {
        Reply reply;
        try (Upload upload = Upload.open(server.port(), who)) {
            upload.awaitContinue();
            server.process().destroy();
            upload.sendUntil(() -> !server.accepts());
            assertThat(server.accepts()).as("a new connection once the stop began").isFalse();
            reply = upload.finish();
            assertThat(server.process().waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS)).as(server.log()).isTrue();
            assertThat(server.process().exitValue()).as("a stop that drained: exit 0\n" + server.log()).isZero();
        } finally {
            server.process().destroyForcibly();
        }
        assertThat(reply.status()).as(reply.body() + "\n" + server.log()).isEqualTo(200);
        JsonNode results = new ObjectMapper().readTree(reply.body()).get("results");
        assertThat(results).as(reply.body()).hasSize(DOORS);
        results.forEach(r -> assertThat(r.get("status").asText()).as(r.toString()).isEqualTo("stored"));
        assertThat(server.log()).contains("Arrêt demandé : 1 requête en cours").contains("Base fermée.");
    }

    private static Map<String, Long> once(List<String> clientIds) {
        Map<String, Long> m = new HashMap<>();
        clientIds.forEach(id -> m.put(id, 1L));
        return m;
    }

    /** A canvasser assigned one turf of {@value #DOORS} doors, with an API token, and the outcomes of a batch. */
    record Canvasser(String token, long turf, List<String> clientIds) {
        String body() {
            StringBuilder b = new StringBuilder("{\"outcomes\":[");
            for (int i = 0; i < clientIds.size(); i++) {
                b.append(i == 0 ? "" : ",").append("{\"client_id\":\"").append(clientIds.get(i)).append("\",\"turf_id\":")
                        .append(turf).append(",\"door_id\":\"T1-").append(i + 1).append("\",\"outcome\":\"")
                        .append(List.of("absent", "opened", "refused", "leaflet", "come-back").get(i % 5))
                        .append("\",\"recorded_at\":\"2026-03-01T10:00:00Z\"}");
            }
            return b.toString(); // without the closing "]}", sent last
        }
    }

    private static Canvasser canvasser(Store s) {
        long turf = FieldFixtures.plan(s, "arret", 1, DOORS).turfIds().get(0);
        AccountRecord u = FieldFixtures.user(s, "militante", Role.CANVASSER, 11);
        FieldStore.assign(s, new TurfScope.All(), turf, u.id(), "test");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < DOORS; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return new Canvasser(token(s, u), turf, ids);
    }

    private static String token(Store s, AccountRecord u) {
        String token = "trn_" + Secrets.randomToken(32);
        ApiTokens.create(s, u.id(), Secrets.sha256(token), token.substring(0, 12), "test", Instant.now());
        return token;
    }

    /** {@code terrain serve --port 0} in a child JVM, its output in a file. */
    record Server(Process process, Path output, int port) {
        static final Pattern READY = Pattern.compile("Terrain est prêt : http://localhost:(\\d+)/");

        static Server start(Path home, Path logs, Map<String, String> env, String... options) throws Exception {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    "fr.terrain.cli.Terrain", "serve", "--port", "0", "--home", home.toString()));
            command.addAll(List.of(options));
            Path output = Files.createTempFile(logs, "serve", ".log");
            ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            b.environment().keySet().removeIf(k -> k.startsWith("TERRAIN_"));
            b.environment().putAll(env);
            Process p = b.start();
            long deadline = System.nanoTime() + GENEROUS.toNanos();
            while (System.nanoTime() < deadline && p.isAlive()) {
                Matcher m = READY.matcher(Files.readString(output));
                if (m.find()) {
                    return new Server(p, output, Integer.parseInt(m.group(1)));
                }
                Thread.sleep(50);
            }
            p.destroyForcibly();
            throw new AssertionError("serve did not start:\n" + Files.readString(output));
        }

        String log() {
            try {
                return Files.readString(output);
            } catch (IOException e) {
                return e.toString();
            }
        }

        boolean stopped() {
            return !process.isAlive();
        }

        /** Whether a new connection to the port is accepted (then closed at once, no request sent). */
        boolean accepts() {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                return true;
            } catch (ConnectException refused) {
                return false;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    record Reply(int status, String body) {}

    /** The headquarters' live stream of progress, read up to its first event. */
    record Stream(Socket socket) implements AutoCloseable {
        static Stream open(int port, String token) throws IOException {
            Socket s = new Socket("127.0.0.1", port);
            s.setSoTimeout((int) GENEROUS.toMillis());
            s.getOutputStream().write(("GET /api/field/progress/stream HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            StringBuilder read = new StringBuilder();
            while (!read.toString().contains("event:hello") && !read.toString().contains("event: hello")) {
                int c = s.getInputStream().read();
                assertThat(c).as("stream answer so far: " + read).isNotNegative();
                read.append((char) c);
            }
            return new Stream(s);
        }

        /** Whether the server ended the stream (within {@link #GENEROUS}). */
        boolean ended() throws IOException {
            try {
                socket.getInputStream().readAllBytes();
                return true;
            } catch (java.net.SocketTimeoutException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * A POST of the canvasser's batch over a raw socket, chunked: the outcomes first, then single spaces (JSON
     * whitespace) for as long as the test wants, then the closing brackets.
     */
    record Upload(Socket socket, OutputStream out, InputStream in, Canvasser who) implements AutoCloseable {
        static Upload open(int port, Canvasser who) throws IOException {
            Socket s = new Socket("127.0.0.1", port);
            s.setSoTimeout((int) GENEROUS.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/field/outcomes HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                    + who.token() + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                    + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new Upload(s, out, s.getInputStream(), who);
        }

        /** Waits for « 100 Continue » (the handler asked for the body), then sends the outcomes. */
        void awaitContinue() throws IOException {
            String status = line();
            assertThat(status).startsWith("HTTP/1.1 100");
            assertThat(line()).isEmpty();
            chunk(who.body());
        }

        /** Sends a space every 50 ms until {@code done} (or the server closed the connection), at most {@link #GENEROUS}. */
        void sendUntil(BooleanSupplier done) throws Exception {
            long deadline = System.nanoTime() + GENEROUS.toNanos();
            while (!done.getAsBoolean() && System.nanoTime() < deadline) {
                try {
                    chunk(" ");
                } catch (IOException closed) {
                    return;
                }
                Thread.sleep(50);
            }
        }

        Reply finish() throws IOException {
            chunk("]}");
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = line();
            assertThat(status).as("status line").startsWith("HTTP/1.1 ");
            Map<String, String> headers = new HashMap<>();
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), h.substring(colon + 1).trim());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line();
                }
            } else if (headers.containsKey("content-length")) {
                body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            } else { // the server closes the connection after the answer, which ends the body
                body.write(in.readAllBytes());
            }
            return new Reply(Integer.parseInt(status.split(" ")[1]), body.toString(StandardCharsets.UTF_8));
        }

        private void chunk(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** One CRLF-terminated line of the answer. */
        private String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
            return b.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
