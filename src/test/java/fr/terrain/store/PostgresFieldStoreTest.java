package fr.terrain.store;

import java.nio.file.Path;

/** Saved turfs and outcomes on the real PostgreSQL server, each test in a fresh schema. */
class PostgresFieldStoreTest extends FieldStoreContract {
    @Override
    Store newStore(Path tmp) {
        return TestStores.postgres();
    }

    @Override
    void release(Store s) {
        TestStores.dropSchema(s);
    }
}
