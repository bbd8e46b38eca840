package fr.terrain.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded H2 database. */
class H2StoreTest extends StoreContract {
    @Override
    Store newStore(Path tmp) {
        return TestStores.h2(tmp.resolve("home"));
    }

    @Test
    void aStoreOpenedAfterALoadStoppedHalfwayHasItsBirthDateIndexAgain(@TempDir Path tmp) {
        Path home = tmp.resolve("stopped");
        try (Store first = TestStores.h2(home)) {
            assertThat(VoterIdentityIndex.suspend(first)).isTrue(); // the process dies before restore
        }
        try (Store reopened = TestStores.h2(home)) {
            assertThat(hasBirthDateIndex(reopened)).isTrue();
        }
    }

    @Test
    void h2CachesASixteenthOfTheHeapBetweenItsDefaultAnd256MiB(@TempDir Path tmp) {
        long mib = 1024 * 1024;
        assertThat(Store.h2CacheKib(64 * mib)).isEqualTo(16 * 1024);
        assertThat(Store.h2CacheKib(1024 * mib)).isEqualTo(64 * 1024);
        assertThat(Store.h2CacheKib(4096 * mib)).isEqualTo(256 * 1024);
        assertThat(Store.h2CacheKib(16 * 1024 * mib)).isEqualTo(256 * 1024);
        try (Store store = Store.h2(tmp.resolve("cache"))) {
            long expectedMib = Store.h2CacheKib(Runtime.getRuntime().maxMemory()) / 1024;
            long cacheMib = store.jdbi().withHandle(h -> h.createQuery(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'")
                    .mapTo(Long.class).one());
            assertThat(cacheMib).isEqualTo(expectedMib);
        }
    }
}
