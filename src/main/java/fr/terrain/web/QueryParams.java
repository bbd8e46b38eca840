package fr.terrain.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;

/** Query parameters read the same way by every route: a wrong one is a 400 that names it. */
public final class QueryParams {
    private QueryParams() {}

    /** A whole number within [min, max], or {@code otherwise} when the parameter is absent or blank. */
    public static int integer(Context ctx, String name, int otherwise, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new BadRequestResponse(name + " : un nombre entier " + (max == Integer.MAX_VALUE ? "d'au moins " + min
                : "de " + min + " à " + max) + " est attendu, pas « " + value + " »");
    }
}
