package fr.terrain.store;

import java.nio.file.Path;

/** Saved turfs and outcomes on the embedded H2 database. */
class H2FieldStoreTest extends FieldStoreContract {
    @Override
    Store newStore(Path tmp) {
        return TestStores.h2(tmp.resolve("db"));
    }
}
