package fr.terrain.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Blocs of lists saved from the web app, as their JSON definition. */
public final class Blocs {
    /** A saved bloc: its JSON definition, who saved it last and when. */
    public record Saved(String name, String definition, Instant updatedAt, String updatedBy) {}

    private Blocs() {}

    private static final String SELECT = "SELECT name, definition, updated_at, updated_by FROM bloc";

    public static List<Saved> list(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery(SELECT + " ORDER BY name").map((rs, ctx) -> map(rs)).list());
    }

    public static Optional<Saved> find(Store store, String name) {
        return store.jdbi().withHandle(h -> h.createQuery(SELECT + " WHERE name = :n").bind("n", name)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    private static Saved map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Saved(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                rs.getString(4));
    }

    /** Creates or replaces the bloc of that name. */
    public static void save(Store store, String name, String definition, Instant now, String by) {
        store.jdbi().useTransaction(h -> {
            h.createUpdate("DELETE FROM bloc WHERE name = :n").bind("n", name).execute();
            h.createUpdate("INSERT INTO bloc (name, definition, updated_at, updated_by) VALUES (:n, :d, :t, :b)")
                    .bind("n", name).bind("d", definition).bind("t", LocalDateTime.ofInstant(now, ZoneOffset.UTC))
                    .bind("b", by).execute();
        });
    }
}
