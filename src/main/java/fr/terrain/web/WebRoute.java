package fr.terrain.web;

import fr.terrain.account.Permission;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Optional;

/**
 * One route of the app and what its caller must be allowed to do. Every feature lists its routes
 * as values of this type, so that one gate checks them all and the authorisation test can walk
 * every route for every role.
 *
 * @param permission empty for a public route (login page, static assets)
 * @param tokenForm a public form that acts only on the signed token it carries (unsubscribe, tracking refusal) or
 *     on what the visitor types (sign-up), never with the signed-in session's rights: the session's CSRF check
 *     does not apply to it, so that it works the same for a visitor who happens to be signed in
 */
public record WebRoute(HandlerType method, String path, Optional<Permission> permission, Handler handler,
        boolean tokenForm) {
    public WebRoute(HandlerType method, String path, Optional<Permission> permission, Handler handler) {
        this(method, path, permission, handler, false);
    }

    public static WebRoute get(String path, Permission permission, Handler handler) {
        return new WebRoute(HandlerType.GET, path, Optional.of(permission), handler);
    }

    public static WebRoute post(String path, Permission permission, Handler handler) {
        return new WebRoute(HandlerType.POST, path, Optional.of(permission), handler);
    }

    public static WebRoute open(HandlerType method, String path, Handler handler) {
        return new WebRoute(method, path, Optional.empty(), handler);
    }

    /** A public POST form acting on its own token or content, not on the session ({@link #tokenForm}). */
    public static WebRoute tokenForm(String path, Handler handler) {
        return new WebRoute(HandlerType.POST, path, Optional.empty(), handler, true);
    }
}
