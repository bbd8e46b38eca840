package fr.terrain.web;

import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Instant;
import fr.terrain.account.Account;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The headquarters' live stream: a page listening gets a {@code progress} event when a batch stores
 * outcomes in its reader's sectors (and a comment every 20 s so that proxies keep the connection). The
 * event carries only how many of those outcomes arrived — an organizer of the 12th is not told when, or
 * how much, the 11th canvasses —; the page then reads {@code /api/field/progress}, which applies the
 * same sectors.
 */
final class FieldEvents {
    /** One daemon thread for the keep-alive comments of every stream of the process. */
    private static final ScheduledExecutorService TICKS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "field-events");
        t.setDaemon(true);
        return t;
    });

    /** Each listener and the sectors it may hear of (null: every sector). */
    private final Map<SseClient, Optional<Set<Integer>>> clients = new ConcurrentHashMap<>();
    /** How each listener's credential is checked again (Gate): before an event, and at each keep-alive. */
    private final Map<SseClient, java.util.function.BooleanSupplier> credentials = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean ticking = new java.util.concurrent.atomic.AtomicBoolean();
    private final SseHandler handler = new SseHandler(client -> {
        if (ticking.compareAndSet(false, true)) {
            TICKS.scheduleAtFixedRate(this::tick, 20, 20, TimeUnit.SECONDS);
        }
        Account reader = CurrentUser.of(client.ctx());
        credentials.put(client, Gate.credential(client.ctx()));
        clients.put(client, reader.role().seesAllSectors() ? Optional.empty() : Optional.of(Set.copyOf(reader.sectors())));
        client.onClose(() -> forget(client));
        client.sendEvent("hello", Json.compact(Map.of("at", Instant.now().toString())));
        client.keepAlive();
    });

    SseHandler handler() {
        return handler;
    }

    /** A batch stored new outcomes: how many in each arrondissement. */
    void stored(Map<Integer, Integer> byArrondissement) {
        String at = Instant.now().toString();
        for (Map.Entry<SseClient, Optional<Set<Integer>>> c : clients.entrySet()) {
            int n = byArrondissement.entrySet().stream()
                    .filter(e -> c.getValue().map(sectors -> sectors.contains(e.getKey())).orElse(true))
                    .mapToInt(Map.Entry::getValue).sum();
            if (n > 0) {
                send(c.getKey(), "progress", Json.compact(Map.of("stored", n, "at", at)));
            }
        }
    }

    /** Ends every stream: each request completes, as when its page is closed. */
    void closeAll() {
        clients.keySet().forEach(c -> {
            synchronized (c) {
                c.close();
            }
        });
    }

    /** The keep-alive comment to every listener. */
    private void tick() {
        clients.keySet().forEach(c -> send(c, null, null));
    }

    private void send(SseClient c, String event, String data) {
        // one writer at a time per stream: a keep-alive comment (the ticking thread) never cuts into an event
        synchronized (c) {
            write(c, event, data);
        }
    }

    private void forget(SseClient c) {
        clients.remove(c);
        credentials.remove(c);
    }

    private void write(SseClient c, String event, String data) {
        try {
            if (c.terminated()) {
                forget(c);
            } else if (!credentials.getOrDefault(c, () -> false).getAsBoolean()) {
                // signed out, expired, disabled or revoked since the stream opened: it ends, as the next request would
                // be refused
                forget(c);
                c.close();
            } else if (event == null) {
                c.sendComment("toujours là");
            } else {
                c.sendEvent(event, data);
            }
        } catch (RuntimeException e) {
            forget(c);
        }
    }
}
