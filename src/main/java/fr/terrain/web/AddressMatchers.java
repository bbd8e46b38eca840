package fr.terrain.web;

import fr.terrain.field.AddressMatcher;
import fr.terrain.store.Geography;
import fr.terrain.store.Store;

/**
 * The BAN addresses' matcher a page works with: built from every imported address (seconds at Paris scale), so
 * built again only when an import changed them ({@link Geography#dataVersion}). Addresses only, no voter.
 */
final class AddressMatchers {
    private record Cached(long version, AddressMatcher matcher) {}

    private final Store store;
    private volatile Cached cached;

    AddressMatchers(Store store) {
        this.store = store;
    }

    AddressMatcher current() {
        long version = Geography.dataVersion(store);
        Cached c = cached;
        if (c == null || c.version() != version) {
            c = new Cached(version, AddressMatcher.of(Geography.addresses(store)));
            cached = c;
        }
        return c.matcher();
    }
}
