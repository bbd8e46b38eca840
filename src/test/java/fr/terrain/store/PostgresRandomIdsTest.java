package fr.terrain.store;

import java.nio.file.Path;

/** Random ids on the real PostgreSQL server, each test in a fresh schema. */
class PostgresRandomIdsTest extends RandomIdsContract {
    @Override
    Store newStore(Path tmp) {
        return TestStores.postgres();
    }

    @Override
    void release(Store s) {
        TestStores.dropSchema(s);
    }
}
