package fr.terrain.web;

import io.javalin.http.Context;
import java.time.Duration;

/**
 * Set-Cookie headers written in full, so that every attribute is visible here: HttpOnly always,
 * SameSite, and Secure whenever the request came over HTTPS (directly or through a trusted proxy).
 */
final class Cookies {
    private Cookies() {}

    static void set(Context ctx, String name, String value, String path, Duration maxAge, String sameSite) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAge.toSeconds()
                + "; HttpOnly; SameSite=" + sameSite + (secure(ctx) ? "; Secure" : ""));
    }

    static void clear(Context ctx, String name, String path) {
        ctx.res().addHeader("Set-Cookie", name + "=; Path=" + path + "; Max-Age=0; HttpOnly; SameSite=Lax"
                + (secure(ctx) ? "; Secure" : ""));
    }

    /** Over HTTPS: directly, or as a trusted proxy (TERRAIN_TRUSTED_PROXIES) says in X-Forwarded-Proto. */
    static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"))
                && ClientAddress.viaTrustedProxy(ctx);
    }
}
