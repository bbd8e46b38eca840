package fr.terrain.store;

import fr.terrain.election.Election;
import fr.terrain.privacy.SourceCategory;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** What is loaded, in counts: the answer of {@code terrain status} and of the demo page. */
public record Status(String database, List<ElectionStatus> elections, List<VintageStatus> stations,
        int arrondissements, List<IrisVintageStatus> irisContours, List<DatasetStatus> irisDatasets, long addresses,
        List<VoterStatus> voters, long imports) {

    /**
     * @param vintage the station boundaries its results are joined to, or null when none is loaded
     * @param joinedStations result stations found in that vintage
     */
    public record ElectionStatus(Election election, long stations, long resultRows, long lists, Integer vintage,
            long joinedStations) {}

    /**
     * @param derivedContours contours Terrain drew from INSEE's REU addresses (among {@code withContour}): approximate,
     *     not published
     * @param electorAddresses Σ of the REU's elector addresses over the vintage's stations (addresses, not electors)
     */
    public record VintageStatus(int vintage, long stations, long withContour, long withPlace, long withRegistered,
            long derivedContours, long electorAddresses) {}

    public record IrisVintageStatus(String vintage, long iris) {}

    public record DatasetStatus(String dataset, long iris, long indicators, long withheld) {}

    /** @param sourceDescription the category in the pages' words (its id when unknown) */
    public record VoterStatus(String contest, String sourceCategory, long voters, String sourceDescription) {
        public VoterStatus(String contest, String sourceCategory, long voters) {
            this(contest, sourceCategory, voters,
                    SourceCategory.describe(sourceCategory));
        }
    }

    public static Status read(Store store) {
        return loaded(store).withVoters(voters(store));
    }

    /**
     * Everything but the voters: what only an import or a new election changes. It reads every station with its contour,
     * every address and IRIS figure (seconds at national scale), so the web app keeps it per data version.
     */
    public static Status loaded(Store store) {
        return store.jdbi().withHandle(h -> {
            List<VintageStatus> vintages = h.createQuery("SELECT vintage, COUNT(*), COUNT(contour), COUNT(lon),"
                            + " COUNT(registered), COUNT(CASE WHEN contour IS NOT NULL THEN contour_origin END),"
                            + " COALESCE(SUM(elector_addresses), 0) FROM station GROUP BY vintage ORDER BY vintage")
                    .map((rs, ctx) -> new VintageStatus(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7))).list();
            List<Integer> available = vintages.stream().map(VintageStatus::vintage).toList();
            List<ElectionStatus> elections = Elections.list(store).stream()
                    .map(e -> electionStatus(h, e, available)).toList();
            return new Status(store.description(), elections, List.copyOf(vintages),
                    count(h, "SELECT COUNT(*) FROM arrondissement"),
                    h.createQuery("SELECT vintage, COUNT(*) FROM iris GROUP BY vintage ORDER BY vintage")
                            .map((rs, ctx) -> new IrisVintageStatus(rs.getString(1), rs.getLong(2))).list(),
                    h.createQuery("SELECT dataset, COUNT(DISTINCT iris_code), COUNT(DISTINCT indicator),"
                                    + " SUM(CASE WHEN figure IS NULL THEN 1 ELSE 0 END)"
                                    + " FROM iris_indicator GROUP BY dataset ORDER BY dataset")
                            .map((rs, ctx) -> new DatasetStatus(rs.getString(1), rs.getLong(2), rs.getLong(3),
                                    rs.getLong(4))).list(),
                    count(h, "SELECT COUNT(*) FROM address"), List.of(),
                    count(h, "SELECT COUNT(*) FROM import_log"));
        });
    }

    /**
     * The voters by contest and source: one pass over the voter table (seconds for a national list), which the web app
     * keeps per voters' version ({@link FieldData#votersVersion}).
     */
    public static List<VoterStatus> voters(Store store) {
        return List.copyOf(store.jdbi().withHandle(h -> h.createQuery("SELECT contest, source_category, COUNT(*) FROM voter"
                        + " GROUP BY contest, source_category ORDER BY contest, source_category")
                .map((rs, ctx) -> new VoterStatus(rs.getString(1), rs.getString(2), rs.getLong(3))).list()));
    }

    /** The same with the database described thus (its kind only, for readers who are not the administrator). */
    public Status withDatabase(String description) {
        return new Status(description, elections, stations, arrondissements, irisContours, irisDatasets, addresses,
                voters, imports);
    }

    /** The same loaded data with these voters. */
    public Status withVoters(List<VoterStatus> voters) {
        return new Status(database, elections, stations, arrondissements, irisContours, irisDatasets, addresses,
                List.copyOf(voters), imports);
    }

    private static ElectionStatus electionStatus(Handle h, Election e, List<Integer> available) {
        Integer vintage = Geography.vintageOf(h, e, available).orElse(null);
        long stations = count(h, "SELECT COUNT(*) FROM station_result WHERE election_id = ?", e.id());
        long rows = count(h, "SELECT COALESCE(SUM(list_count), 0) FROM station_result WHERE election_id = ?", e.id());
        long lists = count(h, "SELECT COUNT(*) FROM candidacy WHERE election_id = ?", e.id());
        long joined = vintage == null ? 0 : h.createQuery("SELECT COUNT(*) FROM station_result r JOIN station s"
                        + " ON s.code = r.station_code AND s.vintage = :v WHERE r.election_id = :e")
                .bind("v", vintage).bind("e", e.id()).mapTo(Long.class).one();
        return new ElectionStatus(e, stations, rows, lists, vintage, joined);
    }

    private static int count(Handle h, String sql) {
        return h.createQuery(sql).mapTo(Integer.class).one();
    }

    private static long count(Handle h, String sql, String arg) {
        return h.createQuery(sql).bind(0, arg).mapTo(Long.class).one();
    }

    /** Voters per contest, summed over source categories. */
    public Map<String, Long> votersByContest() {
        return voters.stream().collect(Collectors.groupingBy(VoterStatus::contest,
                Collectors.summingLong(VoterStatus::voters)));
    }
}
