package fr.terrain.store;

import fr.terrain.account.Account;
import java.time.Instant;

/** A row of {@code app_user}: the account and what only the store and the sign-in need. */
public record AccountRecord(long id, Account account, String passwordHash, Instant createdAt, boolean disabled) {
    public String name() {
        return account.name();
    }
}
