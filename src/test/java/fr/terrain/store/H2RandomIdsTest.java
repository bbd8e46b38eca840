package fr.terrain.store;

import java.nio.file.Path;

/** Random ids on the embedded H2 database. */
class H2RandomIdsTest extends RandomIdsContract {
    @Override
    Store newStore(Path tmp) {
        return TestStores.h2(tmp.resolve("db"));
    }
}
