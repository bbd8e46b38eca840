package fr.terrain.store;

import java.nio.file.Path;

/** Invitations, teams and volunteers on the real PostgreSQL server, each test in a fresh schema. */
class PostgresVolunteerStoreTest extends VolunteerStoreContract {
    @Override
    Store newStore(Path tmp) {
        return TestStores.postgres();
    }

    @Override
    void release(Store s) {
        TestStores.dropSchema(s);
    }
}
