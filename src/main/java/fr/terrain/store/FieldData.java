package fr.terrain.store;

import fr.terrain.election.SectorCodes;
import fr.terrain.election.StationCode;
import fr.terrain.field.VoterAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads what field work needs of the electoral list: each voter's address and station, never
 * names or birth dates (PRIVACY.md: no more fields than the job needs).
 */
public final class FieldData {
    private FieldData() {}

    /**
     * What to say of a list id that names none of {@code lists} (the contests imported, or those of the reader's
     * sectors, {@code where} saying so): a mistyped id must not read as an empty list (« 0 électeurs »).
     */
    public static String noSuchList(String contest, String where, List<String> lists) {
        return "aucune liste électorale importée pour « " + contest + " »" + where + " ; listes : "
                + (lists.isEmpty() ? "aucune" : String.join(", ", lists));
    }

    /** Contests with voters, the most recently imported first. */
    public static List<String> contests(Store store) {
        return store.jdbi().withHandle(h -> {
            List<String> contests = new ArrayList<>();
            if (store.dialect() == Store.Dialect.H2) {
                // H2 reads a DISTINCT of the index's first column from the index alone (a few pages); its cursor for
                // « contest > :after » starts at :after and steps through every voter of that contest (1.36 million
                // on the demo: 0.18 s a call), so the seeks below would end in a pass over the last contest
                contests.addAll(h.createQuery("SELECT DISTINCT contest FROM voter ORDER BY contest").mapTo(String.class)
                        .list());
            } else {
                // PostgreSQL cannot skip from one value of the index to the next for a DISTINCT: one index seek per
                // contest (index voter_contest) rather than a pass over every voter
                String after = "";
                while (true) {
                    var next = h.createQuery("SELECT contest FROM voter WHERE contest > :after ORDER BY contest LIMIT 1")
                            .bind("after", after).mapTo(String.class).findOne();
                    if (next.isEmpty()) {
                        break;
                    }
                    after = next.get();
                    contests.add(after);
                }
            }
            // the latest imported first: the import log names each list's contest ("voters:<contest>:<source>")
            Map<String, Long> latest = new HashMap<>();
            h.createQuery("SELECT target, MAX(id) FROM import_log WHERE target LIKE 'voters:%' GROUP BY target")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> {
                        String[] parts = e.getKey().split(":");
                        if (parts.length >= 2) {
                            latest.merge(parts[1], e.getValue(), Math::max);
                        }
                    });
            contests.sort(Comparator.comparingLong((String c) -> -latest.getOrDefault(c, 0L)).thenComparing(c -> c));
            return contests;
        });
    }

    /**
     * The contests with voters in these sectors (their stations' codes, {@code 12-…}, {@code 29039-…}; for a commune,
     * its voters without a station too), in {@link #contests}' order: an organizer's lists. One seek of the (contest,
     * station_code) index per contest and sector.
     */
    public static List<String> contestsIn(Store store, Collection<Integer> sectors) {
        List<String> all = contests(store);
        if (sectors.isEmpty() || all.isEmpty()) {
            return List.of();
        }
        List<Integer> list = List.copyOf(new TreeSet<>(sectors));
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            where.append(i == 0 ? "" : " OR ").append("station_code LIKE :a").append(i);
            if (!SectorCodes.isArrondissement(list.get(i))) { // a commune: its voters the list gives no bureau too
                where.append(" OR station_code IS NULL AND commune_code = :c").append(i);
            }
        }
        String sql = "SELECT 1 FROM voter WHERE contest = :contest AND (" + where + ") LIMIT 1";
        return store.jdbi().withHandle(h -> all.stream().filter(contest -> {
            var q = h.createQuery(sql).bind("contest", contest);
            for (int i = 0; i < list.size(); i++) {
                q.bind("a" + i, list.get(i) + "-%");
                if (!SectorCodes.isArrondissement(list.get(i))) {
                    q.bind("c" + i, String.format("%05d", list.get(i)));
                }
            }
            return q.mapTo(Integer.class).findOne().isPresent();
        }).toList());
    }

    /**
     * The addresses of a contest's voters, by voter id.
     *
     * @param stations only these stations, or empty for all
     */
    public static List<VoterAddress> voterAddresses(Store store, String contest, Collection<StationCode> stations) {
        return voterAddresses(store, contest, stations, List.of());
    }

    /**
     * The same, with the voters without a station of these communes too (when {@code stations} is not empty).
     *
     * @param communesWithoutStation commune codes as the list writes them
     */
    public static List<VoterAddress> voterAddresses(Store store, String contest, Collection<StationCode> stations,
            Collection<String> communesWithoutStation) {
        String filter = stations.isEmpty() ? "" : " AND (station_code IN (<stations>)"
                + (communesWithoutStation.isEmpty() ? "" : " OR station_code IS NULL AND commune_code IN (<communes>)")
                + ")";
        List<String> codes = stations.stream().map(StationCode::toString).toList();
        // sorted here, not by the database: H2 sorts a large result through temporary files, which took half of the
        // 20–22 s that reading Paris's 1.36 million voters in id order did (11–12 s unsorted, 2026-12-01).
        // Read a batch at a time (PostgreSQL's driver holds a whole result otherwise, and only in a transaction does it
        // fetch by batches), each repeated text kept once: the voters of a building share their street, postcode and
        // station. A list of 10 million ran out of a 6 GiB heap (found by a crawl).
        Map<String, String> shared = new HashMap<>();
        Map<String, StationCode> parsed = new HashMap<>();
        java.util.function.UnaryOperator<String> once = t -> t == null ? null : shared.computeIfAbsent(t, k -> k);
        List<VoterAddress> read = store.jdbi().inTransaction(h -> {
            var q = h.createQuery(VOTER_ADDRESS + " WHERE contest = :c" + filter).bind("c", contest).setFetchSize(10_000);
            if (!codes.isEmpty()) {
                q.bindList("stations", codes);
                if (!communesWithoutStation.isEmpty()) {
                    q.bindList("communes", List.copyOf(communesWithoutStation));
                }
            }
            return q.map((rs, ctx) -> voterAddress(rs, once, parsed)).list();
        });
        List<VoterAddress> byId = new ArrayList<>(read);
        byId.sort(Comparator.comparingLong(VoterAddress::voterId));
        return byId;
    }

    private static final String VOTER_ADDRESS = "SELECT id, import_id, station_code, address_number, street_type,"
            + " street_name, address_complement1, address_complement2, postcode, commune_code FROM voter";

    private static VoterAddress voterAddress(java.sql.ResultSet rs, java.util.function.UnaryOperator<String> once,
            Map<String, StationCode> parsed) throws java.sql.SQLException {
        String station = rs.getString(3);
        return new VoterAddress(rs.getLong(1), rs.getLong(2), station == null ? null
                : parsed.computeIfAbsent(station, StationCode::parse), once.apply(rs.getString(4)),
                once.apply(rs.getString(5)), once.apply(rs.getString(6)),
                once.apply(complement(rs.getString(7), rs.getString(8))), once.apply(rs.getString(9)),
                once.apply(rs.getString(10)));
    }

    /** The addresses of these voters (by id), as {@link #voterAddresses(Store, String, Collection)} reads them. */
    static List<VoterAddress> voterAddresses(org.jdbi.v3.core.Handle h, Collection<Long> voterIds) {
        if (voterIds.isEmpty()) {
            return List.of();
        }
        return h.createQuery(VOTER_ADDRESS + " WHERE id IN (<ids>) ORDER BY id").bindList("ids", List.copyOf(voterIds))
                .map((rs, ctx) -> voterAddress(rs, t -> t, new HashMap<>())).list();
    }

    /**
     * The stations a contest's lists name in these areas: one range of the (contest, station_code) index per area (the
     * whole contest's would read every voter's entry: 1.7 s cold for Paris's 1.36 million, against 0.5 s for the 68,000
     * of one arrondissement).
     */
    public static List<StationCode> listedStations(Store store, String contest, Collection<Integer> areas) {
        if (areas.isEmpty()) {
            return List.of();
        }
        List<Integer> list = List.copyOf(new TreeSet<>(areas));
        StringBuilder sql = new StringBuilder("SELECT DISTINCT station_code FROM voter WHERE contest = :c AND (");
        for (int i = 0; i < list.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append("station_code LIKE :a").append(i);
        }
        return store.jdbi().withHandle(h -> {
            var q = h.createQuery(sql.append(")").toString()).bind("c", contest);
            for (int i = 0; i < list.size(); i++) {
                q.bind("a" + i, list.get(i) + "-%");
            }
            return q.mapTo(String.class).map(StationCode::parse).list();
        });
    }

    /** The communes of a contest's voters without a station (no bureau on the list, or a whole city's code). */
    public static List<String> communesWithoutStation(Store store, String contest) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT commune_code FROM voter WHERE contest = :c"
                + " AND station_code IS NULL AND commune_code IS NOT NULL").bind("c", contest).mapTo(String.class).list());
    }

    /**
     * A value that changes whenever voter rows are added or deleted (an import, an objection, an erasure, a purge): the
     * number of such changes ({@link VoterChanges}). Cheap on both databases, whatever the number of voters.
     */
    public static long votersVersion(Store store) {
        return store.jdbi().withHandle(VoterChanges::count);
    }

    /** One voter's address and contest, by row id (no name, no birth date). */
    public static java.util.Optional<Map.Entry<String, VoterAddress>> voterAddress(Store store, long voterId) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT contest, id, import_id, station_code, address_number,"
                        + " street_type, street_name, address_complement1, address_complement2, postcode, commune_code"
                        + " FROM voter WHERE id = :id").bind("id", voterId)
                .map((rs, ctx) -> {
                    String station = rs.getString(4);
                    return Map.entry(rs.getString(1), new VoterAddress(rs.getLong(2), rs.getLong(3),
                            station == null ? null : StationCode.parse(station), rs.getString(5), rs.getString(6),
                            rs.getString(7), complement(rs.getString(8), rs.getString(9)), rs.getString(10),
                            rs.getString(11)));
                }).findOne());
    }

    private static String complement(String a, String b) {
        List<String> parts = new ArrayList<>();
        for (String s : new String[] {a, b}) {
            if (s != null && !s.isBlank()) {
                parts.add(s.strip());
            }
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    /** File names of these imports, by id. */
    public static Map<Long, String> importFiles(Store store, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return store.jdbi().withHandle(h -> h.createQuery("SELECT id, file_name FROM import_log WHERE id IN (<ids>)"
                        + " ORDER BY id").bindList("ids", List.copyOf(ids))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2))).list())
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
