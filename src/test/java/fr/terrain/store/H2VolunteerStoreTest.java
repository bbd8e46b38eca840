package fr.terrain.store;

import java.nio.file.Path;

/** Invitations, teams and volunteers on the embedded H2 database. */
class H2VolunteerStoreTest extends VolunteerStoreContract {
    @Override
    Store newStore(Path tmp) {
        return TestStores.h2(tmp.resolve("db"));
    }
}
