package fr.terrain.web;

import fr.terrain.election.SectorCodes;
import fr.terrain.election.SectorNames;
import fr.terrain.store.Geography;
import fr.terrain.store.Store;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names of the sectors the pages show ({@code sector_name} of teams and turfs, the map's sector dashboard, the
 * refusals of the map, the cutting form and the voter list, ADR 0032; the targeting record, ADR 0033): a commune's is
 * read from the BAN ({@link Geography#sectorNames}) the first time it is asked for, then kept until an import changes
 * the data ({@link Geography#dataVersion}) — a département's communes take a second to read, and the canvassing page
 * asks for its turfs at every opening. Arrondissements need nothing from the store: asking for them alone reads nothing.
 */
public final class SectorNameCache {
    private final Store store;
    private final ByDataVersion<Map<Integer, Optional<SectorNames.Commune>>> read;

    SectorNameCache(Store store) {
        this.store = store;
        this.read = new ByDataVersion<>(store, (s, version) -> new ConcurrentHashMap<>());
    }

    /** The names of these sectors' communes: those the BAN names (« Concarneau (29039) »), the others by their code. */
    public SectorNames of(Collection<Integer> sectors) {
        Set<Integer> communes = new TreeSet<>();
        sectors.stream().filter(s -> !SectorCodes.isArrondissement(s)).forEach(communes::add);
        if (communes.isEmpty()) {
            return SectorNames.NONE;
        }
        Map<Integer, Optional<SectorNames.Commune>> known = read.current();
        if (!known.keySet().containsAll(communes)) {
            synchronized (this) { // one read at a time: requests arriving together after an import read the BAN once
                List<Integer> unread = communes.stream().filter(s -> !known.containsKey(s)).toList();
                if (!unread.isEmpty()) {
                    SectorNames found = Geography.sectorNames(store, unread);
                    unread.forEach(s -> known.put(s, Optional.ofNullable(found.communes().get(s))));
                }
            }
        }
        Map<Integer, SectorNames.Commune> named = new HashMap<>();
        communes.forEach(s -> known.get(s).ifPresent(c -> named.put(s, c)));
        return new SectorNames(named);
    }

    /** One sector as the pages write it: « 12e arrondissement », « Concarneau (29039) », « commune 29046 ». */
    public String name(int sector) {
        return of(List.of(sector)).of(sector);
    }

    /** Sectors as a list writes them (« 12e, Concarneau (29039) »), « aucun » when there are none. */
    public String list(Collection<Integer> sectors) {
        return sectors.isEmpty() ? "aucun" : of(sectors).list(sectors);
    }
}
