package fr.terrain.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads and writes of {@code api_token}, looked up by the SHA-256 of the token. */
public final class ApiTokens {
    private static final String SELECT = "SELECT t.id AS token_id, t.prefix, t.label, t.created_at AS token_created_at, t.last_used_at,"
            + " t.revoked_at, "
            + Accounts.COLUMNS + " FROM api_token t JOIN app_user u ON u.id = t.user_id";

    private ApiTokens() {}

    /** Stores a new token of the account and returns it. */
    public static ApiToken create(Store store, long userId, String tokenHash, String prefix, String label, Instant now) {
        return create(store, userId, tokenHash, prefix, label, now, null);
    }

    /** Stores a new token and, when {@code actor} is given, its audit entry in the same transaction. */
    public static ApiToken create(Store store, long userId, String tokenHash, String prefix, String label, Instant now,
            String actor) {
        return store.jdbi().inTransaction(h -> {
            long id = h.createUpdate("INSERT INTO api_token (user_id, token_hash, prefix, label, created_at)"
                            + " VALUES (:user, :hash, :prefix, :label, :now)")
                    .bind("user", userId).bind("hash", tokenHash).bind("prefix", prefix).bind("label", label)
                    .bind("now", Times.bind(now)).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            ApiToken token = h.createQuery(SELECT + " WHERE t.id = :id").bind("id", id).map((rs, ctx) -> map(rs)).one();
            if (actor != null) {
                AuditLog.append(h, now, actor, "token.create", "user:" + token.account().name(), 0,
                        "jeton n° " + id + " " + prefix + "…" + (label == null ? "" : ", « " + label + " »"));
            }
            return token;
        });
    }

    /** The token with this hash, revoked or not. */
    public static Optional<ApiToken> findByHash(Store store, String tokenHash) {
        return store.jdbi().withHandle(h -> h.createQuery(SELECT + " WHERE t.token_hash = :hash").bind("hash", tokenHash)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    public static Optional<ApiToken> find(Store store, long id) {
        return store.jdbi().withHandle(h -> h.createQuery(SELECT + " WHERE t.id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    /** Every token, or those of one account, oldest first. */
    public static List<ApiToken> list(Store store, Optional<String> userName) {
        return store.jdbi().withHandle(h -> {
            var query = h.createQuery(SELECT + (userName.isPresent() ? " WHERE u.name = :name" : "") + " ORDER BY t.id");
            userName.ifPresent(name -> query.bind("name", name));
            return query.map((rs, ctx) -> map(rs)).list();
        });
    }

    /** Records a use, at most one write per interval. */
    public static void markUsed(Store store, long id, Instant now, Instant ifUsedBefore) {
        store.jdbi().useHandle(h -> h.createUpdate("UPDATE api_token SET last_used_at = :now"
                        + " WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :before)")
                .bind("now", Times.bind(now)).bind("id", id).bind("before", Times.bind(ifUsedBefore)).execute());
    }

    /** Revokes a token; false if there is no such token or it was already revoked. */
    public static boolean revoke(Store store, long id, Instant now) {
        return revoke(store, id, now, null);
    }

    /** Revokes a token, audited as done by {@code actor} (when given) in the same transaction. */
    public static boolean revoke(Store store, long id, Instant now, String actor) {
        return store.jdbi().inTransaction(h -> {
            boolean revoked = h.createUpdate("UPDATE api_token SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                    .bind("now", Times.bind(now)).bind("id", id).execute() > 0;
            if (revoked && actor != null) {
                String owner = h.createQuery("SELECT u.name FROM api_token t JOIN app_user u ON u.id = t.user_id"
                        + " WHERE t.id = :id").bind("id", id).mapTo(String.class).one();
                AuditLog.append(h, now, actor, "token.revoke", "user:" + owner, 0, "jeton n° " + id);
            }
            return revoked;
        });
    }

    private static ApiToken map(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getLong("token_id"), Accounts.account(rs), rs.getBoolean("disabled"), rs.getString("prefix"),
                rs.getString("label"), Times.read(rs, "token_created_at"), Times.read(rs, "last_used_at"),
                Times.read(rs, "revoked_at"));
    }
}
