package fr.terrain.store;

import java.nio.file.Path;

/** E-mail contacts and the outbox on embedded H2. */
class H2MailStoreTest extends MailStoreContract {
    @Override
    Store newStore(Path tmp) {
        return TestStores.h2(tmp);
    }
}
