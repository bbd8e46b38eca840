package fr.terrain.store;

import java.nio.file.Path;

/** Consent, suppression and rights on the real PostgreSQL server, each test in a fresh schema. */
class PostgresPrivacyStoreTest extends PrivacyStoreContract {
    @Override
    Store newStore(Path tmp) {
        return TestStores.postgres();
    }

    @Override
    void release(Store s) {
        TestStores.dropSchema(s);
    }
}
