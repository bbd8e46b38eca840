package fr.terrain.store;

import fr.terrain.account.Account;
import java.time.Instant;

/**
 * A row of {@code api_token}. The token itself is never stored; {@code prefix} is its first
 * characters, to recognise it in a list.
 *
 * @param userDisabled whether the token's account is disabled (the token then authenticates nobody)
 */
public record ApiToken(long id, Account account, boolean userDisabled, String prefix, String label, Instant createdAt,
        Instant lastUsedAt, Instant revokedAt) {
    public boolean revoked() {
        return revokedAt != null;
    }

    /** Whether the token may authenticate a request. */
    public boolean usable() {
        return !revoked() && !userDisabled;
    }
}
