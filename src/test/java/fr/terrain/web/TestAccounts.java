package fr.terrain.web;

import fr.terrain.account.Account;
import fr.terrain.account.PasswordHasher;
import fr.terrain.account.Role;
import fr.terrain.account.Secrets;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.Accounts;
import fr.terrain.store.ApiTokens;
import fr.terrain.store.Sessions;
import fr.terrain.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Accounts, sessions and tokens written straight into a test store (no HTTP, cheap hashes). */
final class TestAccounts {
    static final String PASSWORD = "mot de passe de test";
    /** A cheap Argon2id cost: the format and checks are those of production, the time is not. */
    static final PasswordHasher CHEAP = new PasswordHasher(new PasswordHasher.Cost(64, 1, 1));

    /** A session as the browser holds it: the cookie value and the CSRF token. */
    record Session(String cookie, String csrf) {
        String header() {
            return WebSessions.COOKIE + "=" + cookie;
        }
    }

    private TestAccounts() {}

    static AccountRecord user(Store store, String name, Role role, Integer... sectors) {
        return Accounts.add(store, Account.of(name, role, Set.of(sectors)), CHEAP.hash(PASSWORD), Instant.now());
    }

    static Session session(Store store, AccountRecord user) {
        String cookie = Secrets.randomToken(32);
        String csrf = Secrets.randomToken(32);
        Instant now = Instant.now();
        Sessions.create(store, Secrets.sha256(cookie), user.id(), csrf, now, now.plus(Duration.ofHours(24)));
        return new Session(cookie, csrf);
    }

    static String token(Store store, AccountRecord user) {
        String token = "trn_" + Secrets.randomToken(32);
        ApiTokens.create(store, user.id(), Secrets.sha256(token), token.substring(0, 12), "test", Instant.now());
        return token;
    }
}
