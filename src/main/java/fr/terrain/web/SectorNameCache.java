package fr.terrain.web;

import fr.terrain.account.Account;
import fr.terrain.election.SectorCodes;
import fr.terrain.election.SectorNames;
import fr.terrain.store.Geography;
import fr.terrain.store.Store;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The names of the sectors the pages show ({@code sector_name} of teams and turfs, the map's sector dashboard, the
 * refusals of the map, the cutting form and the voter list, ADR 0032; the targeting record, ADR 0033): a commune's is
 * read from the names the BAN import kept ({@link Geography#sectorNames}, ADR 0038) the first time it is asked for,
 * then kept until an import changes the data ({@link Geography#dataVersion}) — the canvassing page asks for its turfs
 * at every opening, and the sign-up search names every commune with stations. Arrondissements need nothing from the
 * store: asking for them alone reads nothing.
 *
 * <p>A request waits only for the communes it asks for: the first to ask for a commune not yet known promises its name
 * (a future in the map), reads all it promised in one query and keeps its promise; others asking for that commune meanwhile
 * wait for that read instead of reading again, and those asking for other communes do not wait at all — right after an
 * import, one commune's name does not wait behind a département's. A failed read is forgotten: the next ask reads again.
 */
public final class SectorNameCache {
    private final Store store;
    private final BiFunction<Store, Collection<Integer>, SectorNames> reader;
    private final ByDataVersion<Map<Integer, CompletableFuture<Optional<SectorNames.Commune>>>> read;

    SectorNameCache(Store store) {
        this(store, Geography::sectorNames);
    }

    /** With another way to read the BAN's names than {@link Geography#sectorNames}: a test's, which can be slow. */
    SectorNameCache(Store store, BiFunction<Store, Collection<Integer>, SectorNames> reader) {
        this.store = store;
        this.reader = reader;
        this.read = new ByDataVersion<>(store, (s, version) -> new ConcurrentHashMap<>());
    }

    /**
     * An account's sectors in words, for the pages and the audit log: « tous secteurs », « secteurs 11e, Concarneau
     * (29039) » or « aucun secteur » (a Java set, « secteurs [] », reached both).
     */
    public String scope(Account a) {
        return a.role().seesAllSectors() ? "tous secteurs" : a.sectors().isEmpty() ? "aucun secteur"
                : "secteurs " + of(a.sectors()).list(a.sectors());
    }

    /** The names of these sectors' communes: those the BAN names (« Concarneau (29039) »), the others by their code. */
    public SectorNames of(Collection<Integer> sectors) {
        List<Integer> communes = sectors.stream().filter(s -> !SectorCodes.isArrondissement(s)).distinct().toList();
        if (communes.isEmpty()) {
            return SectorNames.NONE;
        }
        Map<Integer, CompletableFuture<Optional<SectorNames.Commune>>> known = read.current();
        Map<Integer, CompletableFuture<Optional<SectorNames.Commune>>> promised = new HashMap<>();
        Map<Integer, CompletableFuture<Optional<SectorNames.Commune>>> wanted = new HashMap<>();
        communes.forEach(s -> wanted.put(s, known.computeIfAbsent(s, k -> { // not known: this request promises it
            CompletableFuture<Optional<SectorNames.Commune>> promise = new CompletableFuture<>();
            promised.put(k, promise);
            return promise;
        })));
        if (!promised.isEmpty()) { // read before waiting for others' promises: no two requests wait for each other
            try {
                SectorNames found = reader.apply(store, List.copyOf(promised.keySet()));
                promised.forEach((s, f) -> f.complete(Optional.ofNullable(found.communes().get(s))));
            } catch (RuntimeException | Error e) {
                promised.forEach((s, f) -> {
                    known.remove(s, f);
                    f.completeExceptionally(e);
                });
                throw e;
            }
        }
        Map<Integer, SectorNames.Commune> named = new HashMap<>();
        try {
            wanted.forEach((s, f) -> f.join().ifPresent(c -> named.put(s, c)));
        } catch (CompletionException e) { // another request's read failed: as if this one's had
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
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
