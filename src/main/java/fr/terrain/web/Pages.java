package fr.terrain.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTML pages kept as resources under {@code /web/pages}, served by guarded routes, with the signed-in account's
 * {@link Menu} and the demo's bar when the store holds the synthetic city ({@link DemoNotice}).
 */
public final class Pages {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Pages() {}

    public static void send(Context ctx, String name) {
        ctx.header("Cache-Control", "no-store").contentType("text/html; charset=utf-8")
                .result(DemoNotice.into(ctx, Menu.into(ctx, html(name))));
    }

    static String html(String name) {
        return CACHE.computeIfAbsent(name, Pages::read);
    }

    private static String read(String name) {
        try (InputStream in = Pages.class.getResourceAsStream("/web/pages/" + name)) {
            if (in == null) {
                throw new IllegalStateException("page absente du jar : " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
