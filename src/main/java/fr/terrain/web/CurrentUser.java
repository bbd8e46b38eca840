package fr.terrain.web;

import fr.terrain.account.Account;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.util.Optional;

/** The account behind a request, set by the gate once the session or API token is checked. */
public final class CurrentUser {
    private static final String ATTRIBUTE = "terrain.account";

    private CurrentUser() {}

    public static void set(Context ctx, Account account) {
        ctx.attribute(ATTRIBUTE, account);
    }

    public static Optional<Account> find(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    /** The signed-in account; only called by handlers of guarded routes. */
    public static Account of(Context ctx) {
        return find(ctx).orElseThrow(() -> new UnauthorizedResponse("connexion requise"));
    }
}
