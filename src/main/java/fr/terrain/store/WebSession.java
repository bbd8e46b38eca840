package fr.terrain.store;

import fr.terrain.account.Account;
import java.time.Instant;

/** A row of {@code web_session} with its (enabled) account. The raw session id is never known here. */
public record WebSession(String idHash, Account account, String csrfToken, Instant createdAt, Instant lastSeenAt,
        Instant expiresAt) {}
