package fr.terrain.web.map;

import fr.terrain.store.Geography;
import fr.terrain.store.Store;

/** The current snapshot, rebuilt when an import or a new election changes the data. */
final class MapData {
    private final Store store;
    private volatile Snapshot snapshot;

    MapData(Store store) {
        this.store = store;
    }

    Snapshot current() {
        long version = Geography.dataVersion(store);
        Snapshot s = snapshot;
        if (s == null || s.version != version) {
            synchronized (this) {
                s = snapshot;
                if (s == null || s.version != version) {
                    s = new Snapshot(store, version);
                    snapshot = s;
                }
            }
        }
        return s;
    }
}
