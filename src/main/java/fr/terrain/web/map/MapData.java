package fr.terrain.web.map;

import fr.terrain.store.Store;
import fr.terrain.web.ByDataVersion;

/** The current snapshot, rebuilt when an import or a new election changes the data. */
final class MapData {
    private final ByDataVersion<Snapshot> snapshots;

    MapData(Store store) {
        this.snapshots = new ByDataVersion<>(store, Snapshot::new);
    }

    Snapshot current() {
        return snapshots.current();
    }
}
