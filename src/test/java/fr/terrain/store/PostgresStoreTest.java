package fr.terrain.store;

import java.nio.file.Path;

/** The store contract on the real PostgreSQL server (127.0.0.1:5432), each test in a fresh schema. */
class PostgresStoreTest extends StoreContract {
    @Override
    Store newStore(Path tmp) {
        return TestStores.postgres();
    }

    @Override
    void release(Store s) {
        TestStores.dropSchema(s);
    }
}
