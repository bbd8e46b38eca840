package fr.terrain.web.map;

import fr.terrain.store.Store;
import fr.terrain.web.ByDataVersion;
import fr.terrain.web.SectorNameCache;

/** The current snapshot, rebuilt when an import or a new election changes the data. */
final class MapData {
    private final ByDataVersion<Snapshot> snapshots;

    /** @param sectorNames the communes' names the snapshots write, shared with the pages that show sectors */
    MapData(Store store, SectorNameCache sectorNames) {
        this.snapshots = new ByDataVersion<>(store, (s, version) -> new Snapshot(s, version, sectorNames));
    }

    Snapshot current() {
        return snapshots.current();
    }
}
