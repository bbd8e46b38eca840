package fr.terrain.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Voters' names for walk lists printed with names ({@code terrain turfs --pdf DIR --with-names}): read
 * only when the campaign allows it ({@code walk-lists.names=true} in {@code privacy.properties}), and the
 * caller records in the audit log how many names it printed. Nothing else of the voter is read, and no name of a
 * person whose processing is restricted (GDPR art. 18): their door is still listed, with its count.
 */
public final class WalkListNames {
    private WalkListNames() {}

    /** Voter id → « Prénoms NOM » (the usage name when the list gives one, else the birth name). */
    public static Map<Long, String> of(Store store, Collection<Long> voterIds) {
        List<Long> ids = List.copyOf(voterIds);
        Map<Long, String> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            store.jdbi().useHandle(h -> h.createQuery("SELECT id, first_names, usage_name, birth_name FROM voter"
                            + " WHERE id IN (<ids>) AND " + Restrictions.VOTER_NOT_RESTRICTED)
                    .bindList("ids", new ArrayList<>(chunk))
                    .map((rs, ctx) -> {
                        String first = rs.getString(2);
                        String usage = rs.getString(3);
                        String family = usage != null && !usage.isBlank() ? usage.strip() : rs.getString(4).strip();
                        return Map.entry(rs.getLong(1), (first == null || first.isBlank() ? "" : first.strip() + " ")
                                + family);
                    }).forEach(e -> out.put(e.getKey(), e.getValue())));
        }
        return out;
    }
}
