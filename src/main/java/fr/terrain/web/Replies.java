package fr.terrain.web;

import fr.terrain.json.JsonSyntax;
import fr.terrain.mail.MessageRenderer;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Map;

/** Error replies in the caller's language: JSON {@code {"error": "..."}} for the API, a small French page for a browser. */
final class Replies {
    private Replies() {}

    /** Whether the request is a browser asking for a page (not the JSON API). */
    static boolean wantsPage(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html") && !ctx.path().startsWith("/api/");
    }

    /** A whole number as the pages write it: 20 382 (thin spaces between thousands). */
    static String count(long n) {
        return String.format(java.util.Locale.FRANCE, "%,d", n);
    }

    static boolean isRead(Context ctx) {
        return ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
    }

    /** A JSON answer about the campaign's data: never kept by a cache. */
    static void json(Context ctx, Object value) {
        ctx.header("Cache-Control", "no-store").contentType(ContentType.APPLICATION_JSON).result(Json.compact(value));
    }

    /** The request's body, a JSON object (at most 100,000 characters), or a 400 saying what is wrong with it. */
    static com.fasterxml.jackson.databind.JsonNode jsonObject(Context ctx) {
        String text = ctx.body();
        if (text.isBlank() || text.length() > 100_000) {
            throw new io.javalin.http.BadRequestResponse("corps JSON attendu");
        }
        com.fasterxml.jackson.databind.JsonNode node = readBody(text);
        if (node == null || !node.isObject()) {
            throw new io.javalin.http.BadRequestResponse("corps JSON attendu (un objet)");
        }
        return node;
    }

    /** A request's body parsed as JSON (null or a missing node when empty), or a 400 saying in French where it breaks. */
    static com.fasterxml.jackson.databind.JsonNode readBody(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new io.javalin.http.BadRequestResponse("corps JSON illisible, " + JsonSyntax.located(e));
        }
    }

    static void error(Context ctx, int status, String message) {
        ctx.status(status);
        if (wantsPage(ctx)) {
            String title = switch (status) {
                case 400 -> "Requête incorrecte";
                case 401 -> "Connexion requise";
                case 403 -> "Accès refusé";
                case 404 -> "Page introuvable";
                case 429 -> "Trop de tentatives";
                case 500 -> "Erreur interne";
                default -> "Erreur";
            };
            ctx.contentType(ContentType.TEXT_HTML).result(message(title, message, true));
        } else {
            ctx.contentType(ContentType.APPLICATION_JSON).result(Json.write(Map.of("error", message)));
        }
    }

    /**
     * A page of one message. {@code home}: with a link to the app's home, for its users; without, for the public
     * (sign-up, unsubscribing, an invitation), whom the home would only send to the team's sign-in.
     */
    static String message(String title, String message, boolean home) {
        return page("message.html", Map.of("title", title, "message", message))
                .replace("{{home}}", home ? "  <p><a href=\"/\">Retour à l'accueil</a></p>\n" : "");
    }

    /** A page of {@code /web/pages} with its {@code {{name}}} placeholders replaced by escaped values. */
    static String page(String name, Map<String, String> values) {
        String html = Pages.html(name);
        for (var e : values.entrySet()) {
            html = html.replace("{{" + e.getKey() + "}}", escape(e.getValue()));
        }
        return html;
    }

    /** Text as a page shows it (one escaping for pages and e-mails). */
    static String escape(String s) {
        return MessageRenderer.escape(s);
    }
}
