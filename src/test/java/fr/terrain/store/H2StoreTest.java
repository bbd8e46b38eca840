package fr.terrain.store;

import java.nio.file.Path;

/** The store contract on the embedded H2 database. */
class H2StoreTest extends StoreContract {
    @Override
    Store newStore(Path tmp) {
        return TestStores.h2(tmp.resolve("home"));
    }
}
