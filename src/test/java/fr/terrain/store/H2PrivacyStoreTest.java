package fr.terrain.store;

import java.nio.file.Path;

/** Consent, suppression and rights on the embedded H2 database. */
class H2PrivacyStoreTest extends PrivacyStoreContract {
    @Override
    Store newStore(Path tmp) {
        return TestStores.h2(tmp.resolve("db"));
    }
}
