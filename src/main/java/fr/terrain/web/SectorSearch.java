package fr.terrain.web;

import fr.terrain.election.SectorCodes;
import fr.terrain.election.SectorNames;
import fr.terrain.store.Geography;
import fr.terrain.store.Store;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The sign-up page's search among the sectors that have stations, when they are too many to list (ADR 0037): by a
 * prefix of a word of the name, accents and case aside (« conc », « CLÉM »), or of the code as users write it
 * ({@code 2903}, {@code 2A0}). Its index — each sector with stations, its name, its code — is built at the first search
 * and again only when an import changed the data ({@link ByDataVersion}): the names come from the BAN through {@link
 * SectorNameCache}, so a visitor's keystroke reads neither the stations nor the BAN. It answers public geography only:
 * the sectors the campaign has stations in, which the list below the cap shows anyway.
 */
final class SectorSearch {
    /** Sectors one answer gives at most: suggestions under a field, not a list to scroll. */
    static final int MAX_RESULTS = 20;

    /** Letters or digits a query needs: one letter would match thousands of communes. */
    static final int MIN_QUERY = 2;

    /** Sectors named per query while building: keeps a national import's IN lists of a reasonable size. */
    private static final int NAMES_PER_READ = 1_000;

    /**
     * A sector as the search reads it.
     *
     * @param name as the sign-up list gives it: « Concarneau (29039) », « 12e arrondissement », « commune 29046 »
     * @param code as users write it: {@code 29039}, {@code 2A004}, {@code 12}
     * @param words the name without its code, {@link #normalize}d: « l abergement clemenciat »; empty when the BAN does
     *     not name the commune (found by its code only)
     */
    record Entry(int sector, String name, String code, String words) {}

    /** What a search found, in order; {@code more} when there were more than {@link #MAX_RESULTS}. */
    record Found(List<Entry> sectors, boolean more) {}

    private final ByDataVersion<List<Entry>> index;

    /** @param names the communes' names, shared with the pages that show sectors */
    SectorSearch(Store store, SectorNameCache names) {
        this.index = new ByDataVersion<>(store, (s, version) -> index(Geography.stationAreas(s), names));
    }

    /** The sectors with stations matching {@code query} ({@link #find(List, String)}). */
    Found find(String query) {
        return find(index.current(), query);
    }

    /** Each sector with its name and code, in the order of their names. */
    static List<Entry> index(List<Integer> sectors, SectorNameCache names) {
        List<Entry> out = new ArrayList<>();
        for (int from = 0; from < sectors.size(); from += NAMES_PER_READ) {
            List<Integer> part = sectors.subList(from, Math.min(sectors.size(), from + NAMES_PER_READ));
            SectorNames named = names.of(part);
            for (int sector : part) {
                SectorNames.Commune c = named.communes().get(sector);
                boolean arrondissement = SectorCodes.isArrondissement(sector);
                String code = arrondissement ? String.valueOf(sector)
                        : c != null ? c.code() : String.format(Locale.ROOT, "%05d", sector);
                String words = arrondissement ? named.of(sector) : c != null ? c.name() : "";
                out.add(new Entry(sector, named.of(sector), code, normalize(words)));
            }
        }
        out.sort(Comparator.comparing(Entry::words).thenComparing(Entry::sector));
        return List.copyOf(out);
    }

    /**
     * The entries matching {@code query}: those whose name starts with it first, then those with a word starting with
     * it, then those whose code starts with it, each in the index's order; {@link #MAX_RESULTS} at most.
     *
     * @throws IllegalArgumentException in French, for a query of fewer than {@link #MIN_QUERY} letters or digits
     */
    static Found find(List<Entry> index, String query) {
        String words = normalize(query == null ? "" : query);
        if (words.replace(" ", "").length() < MIN_QUERY) {
            throw new IllegalArgumentException("Tapez au moins " + MIN_QUERY + " caractères (lettres ou chiffres) du nom"
                    + " de la commune ou de son code INSEE.");
        }
        String code = query.strip().toUpperCase(Locale.ROOT);
        Set<Entry> found = new LinkedHashSet<>();
        List<Predicate<Entry>> ranks = List.of(e -> e.words().startsWith(words),
                e -> (" " + e.words()).contains(" " + words), e -> e.code().startsWith(code));
        for (Predicate<Entry> rank : ranks) {
            for (Entry e : index) {
                if (found.size() > MAX_RESULTS) {
                    break;
                }
                if (rank.test(e)) {
                    found.add(e);
                }
            }
        }
        List<Entry> sectors = List.copyOf(found);
        return sectors.size() > MAX_RESULTS ? new Found(sectors.subList(0, MAX_RESULTS), true) : new Found(sectors, false);
    }

    /** Lower case without accents, ligatures spelled out, words split by one space: « L'Œuf-Clé » is « l oeuf cle ». */
    static String normalize(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace("œ", "oe").replace("æ", "ae");
        return Normalizer.normalize(t, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").replaceAll("[^a-z0-9]+", " ")
                .strip();
    }
}
