package fr.terrain.web;

import fr.terrain.store.Geography;
import fr.terrain.store.Store;
import java.util.function.ToLongFunction;

/**
 * A value the pages derive from the imported data in seconds (the map's snapshot, the BAN addresses' matcher):
 * built once, and again only when an import or a new election changed the data ({@link Geography#dataVersion}), or
 * whatever other version of the data it is made from changed ({@link #ByDataVersion(Store, ToLongFunction, Builder)}).
 * One build at a time; readers of an unchanged version never wait.
 */
public final class ByDataVersion<T> {
    /** Builds the value of the data at this version. */
    public interface Builder<T> {
        T build(Store store, long version);
    }

    private record Built<T>(long version, T value) {}

    private final Store store;
    private final ToLongFunction<Store> versionOf;
    private final Builder<T> builder;
    private volatile Built<T> built;

    public ByDataVersion(Store store, Builder<T> builder) {
        this(store, Geography::dataVersion, builder);
    }

    /** @param versionOf a cheap read of a number that changes whenever what the value is made from does */
    public ByDataVersion(Store store, ToLongFunction<Store> versionOf, Builder<T> builder) {
        this.store = store;
        this.versionOf = versionOf;
        this.builder = builder;
    }

    public T current() {
        long version = versionOf.applyAsLong(store);
        Built<T> b = built;
        if (b == null || b.version() != version) {
            synchronized (this) {
                b = built;
                if (b == null || b.version() != version) {
                    b = new Built<>(version, builder.build(store, version));
                    built = b;
                }
            }
        }
        return b.value();
    }
}
