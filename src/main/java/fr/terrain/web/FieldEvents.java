package fr.terrain.web;

import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The headquarters' live stream: every page listening gets a {@code progress} event when a batch of
 * outcomes is stored (and a comment every 20 s so that proxies keep the connection). The event
 * carries only how many outcomes arrived; the page then reads {@code /api/field/progress}, which
 * applies the reader's sectors.
 */
final class FieldEvents {
    /** One daemon thread for the keep-alive comments of every stream of the process. */
    private static final ScheduledExecutorService TICKS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "field-events");
        t.setDaemon(true);
        return t;
    });

    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean ticking = new java.util.concurrent.atomic.AtomicBoolean();
    private final SseHandler handler = new SseHandler(client -> {
        if (ticking.compareAndSet(false, true)) {
            TICKS.scheduleAtFixedRate(() -> send(null, null), 20, 20, TimeUnit.SECONDS);
        }
        clients.add(client);
        client.onClose(() -> clients.remove(client));
        client.sendEvent("hello", Json.compact(Map.of("at", Instant.now().toString())));
        client.keepAlive();
    });

    SseHandler handler() {
        return handler;
    }

    /** A batch with {@code n} new outcomes was stored. */
    void stored(int n) {
        send("progress", Json.compact(Map.of("stored", n, "at", Instant.now().toString())));
    }

    int listeners() {
        return clients.size();
    }

    private void send(String event, String data) {
        for (SseClient c : clients) {
            try {
                if (c.terminated()) {
                    clients.remove(c);
                } else if (event == null) {
                    c.sendComment("toujours là");
                } else {
                    c.sendEvent(event, data);
                }
            } catch (RuntimeException e) {
                clients.remove(c);
            }
        }
    }
}
