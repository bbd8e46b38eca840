package fr.terrain.store;

import java.nio.file.Path;

/** E-mail contacts and the outbox on the real PostgreSQL server, each test in a fresh schema. */
class PostgresMailStoreTest extends MailStoreContract {
    @Override
    Store newStore(Path tmp) {
        return TestStores.postgres();
    }

    @Override
    void release(Store s) {
        TestStores.dropSchema(s);
    }
}
