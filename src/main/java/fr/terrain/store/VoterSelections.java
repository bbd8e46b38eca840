package fr.terrain.store;

import fr.terrain.election.StationCode;
import fr.terrain.privacy.VoterSelection;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jdbi.v3.core.statement.Query;

/**
 * Lawful selections on the electoral list in the store: counts (aggregates), or a page of persons
 * with the few fields a walk list needs. The SQL can filter only by contest, station,
 * arrondissement, birth date (age) and sex, and order only by station, age or sex: the criteria
 * of {@link VoterSelection}.
 */
public final class VoterSelections {
    /** Age bands of the counts, by lower bound. */
    static final int[] BANDS = {18, 25, 35, 50, 65};

    private VoterSelections() {}

    /** Counts of a selection: total, by sex, by polling station, by age band. */
    public record Counts(long total, Map<String, Long> bySex, Map<String, Long> byStation, Map<String, Long> byAgeBand) {}

    /**
     * A person as a list shows them: no birthplace, nationality or birth date (the age on the
     * selection's day), the name and address a canvasser needs at the door.
     */
    public record Listed(long id, String station, String sex, int age, String name, String address) {}

    public static Counts count(Store store, VoterSelection s) {
        StringBuilder band = new StringBuilder("CASE");
        for (int i = BANDS.length - 1; i >= 0; i--) {
            band.append(" WHEN birth_date <= :band").append(i).append(" THEN '").append(label(i, s)).append('\'');
        }
        band.append(" ELSE 'moins de 18' END");
        // the band computed once, in a subquery: grouped by its repeated expression, H2 saw two different expressions
        // (their parameters are bound apart) and refused the query
        String sql = "SELECT station_code, sex, band, COUNT(*) AS n FROM (SELECT station_code, sex, " + band + " AS band"
                + " FROM voter" + where(s) + ") v GROUP BY station_code, sex, band";
        return store.jdbi().withHandle(h -> {
            Query q = h.createQuery(sql);
            bind(q, s);
            for (int i = 0; i < BANDS.length; i++) {
                q.bind("band" + i, s.asOf().minusYears(BANDS[i]));
            }
            long[] total = {0};
            Map<String, Long> bySex = new TreeMap<>();
            Map<StationCode, Long> byStation = new TreeMap<>();
            Map<String, Long> byBand = new LinkedHashMap<>();
            byBand.put("moins de 18", 0L);
            for (int i = 0; i < BANDS.length; i++) {
                byBand.put(label(i, s), 0L);
            }
            q.map((rs, ctx) -> {
                long n = rs.getLong("n");
                total[0] += n;
                bySex.merge(rs.getString("sex"), n, Long::sum);
                String code = rs.getString("station_code");
                if (code != null) { // a bureau the list's commune code did not place: in the total only
                    byStation.merge(StationCode.parse(code), n, Long::sum);
                }
                byBand.merge(rs.getString("band"), n, Long::sum);
                return n;
            }).list();
            Map<String, Long> stations = new LinkedHashMap<>();
            byStation.forEach((k, v) -> stations.put(k.toString(), v));
            byBand.values().removeIf(v -> v == 0);
            return new Counts(total[0], bySex, stations, byBand);
        });
    }

    /**
     * Band {@code i}'s label, within the selection's ages: with {@code --age-max 30} the band of 25 to 34 holds voters
     * of 25 to 30 only, and says so (« 25-30 »). A band the selection leaves empty keeps its own label (never shown).
     */
    static String label(int i, VoterSelection s) {
        int low = BANDS[i];
        Integer high = i == BANDS.length - 1 ? null : BANDS[i + 1] - 1;
        int clippedLow = s.ageMin() == null ? low : Math.max(low, s.ageMin());
        Integer clippedHigh = high;
        if (s.ageMax() != null) {
            clippedHigh = high == null ? s.ageMax() : Integer.valueOf(Math.min(high, s.ageMax()));
        }
        if (clippedHigh != null && clippedLow > clippedHigh) {
            clippedLow = low;
            clippedHigh = high;
        }
        return clippedHigh == null ? clippedLow + " et plus"
                : clippedLow == clippedHigh.intValue() ? clippedLow + " ans" : clippedLow + "-" + clippedHigh;
    }

    /** How many persons the selection lists over all its pages: its count less the persons whose processing is restricted. */
    public static long listed(Store store, VoterSelection s) {
        return store.jdbi().withHandle(h -> {
            Query q = h.createQuery("SELECT COUNT(*) FROM voter" + where(s) + " AND " + Restrictions.VOTER_NOT_RESTRICTED);
            bind(q, s);
            return q.mapTo(Long.class).one();
        });
    }

    /** One page of the selection (or all of it, unpaged), in the selection's order. */
    public static List<Listed> page(Store store, VoterSelection s) {
        List<Listed> out = new ArrayList<>();
        each(store, s, out::add);
        return out;
    }

    /** Streams the selection's persons (an export need not hold them all). */
    public static void each(Store store, VoterSelection s, Consumer<Listed> sink) {
        String order = switch (s.sort()) {
            case STATION -> "station_code, id";
            case AGE -> "birth_date DESC, id";
            case SEX -> "sex, station_code, id";
        };
        String sql = "SELECT id, station_code, sex, birth_date, first_names, usage_name, birth_name, address_number,"
                + " street_type, street_name FROM voter" + where(s) + " AND " + Restrictions.VOTER_NOT_RESTRICTED
                + " ORDER BY " + order
                + (s.pageSize() == Integer.MAX_VALUE ? "" : " LIMIT " + s.pageSize() + " OFFSET " + s.offset());
        store.jdbi().useTransaction(h -> {
            Query q = h.createQuery(sql).setFetchSize(1_000);
            bind(q, s);
            q.map((rs, ctx) -> {
                String family = rs.getString("usage_name") != null ? rs.getString("usage_name") : rs.getString("birth_name");
                String first = rs.getString("first_names");
                String address = join(rs.getString("address_number"), rs.getString("street_type"),
                        rs.getString("street_name"));
                LocalDate born = rs.getObject("birth_date", LocalDate.class);
                return new Listed(rs.getLong("id"), rs.getString("station_code"), rs.getString("sex"),
                        Period.between(born, s.asOf()).getYears(), join(first, family), address);
            }).forEach(sink);
        });
    }

    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                b.append(b.isEmpty() ? "" : " ").append(p.strip());
            }
        }
        return b.toString();
    }

    private static String where(VoterSelection s) {
        StringBuilder w = new StringBuilder(" WHERE contest = :contest");
        if (!s.stations().isEmpty()) {
            w.append(" AND station_code IN (<stations>)");
        }
        if (!s.arrondissements().isEmpty()) {
            w.append(" AND (");
            int i = 0;
            for (Integer ignored : s.arrondissements()) {
                w.append(i == 0 ? "" : " OR ").append("station_code LIKE :arr").append(i++);
            }
            w.append(')');
        }
        s.bornOnOrBefore().ifPresent(d -> w.append(" AND birth_date <= :bornBy"));
        s.bornAfter().ifPresent(d -> w.append(" AND birth_date > :bornAfter"));
        if (s.sex() != null) {
            w.append(" AND sex = :sex");
        }
        return w.toString();
    }

    private static void bind(Query q, VoterSelection s) {
        q.bind("contest", s.contest());
        if (!s.stations().isEmpty()) {
            q.bindList("stations", s.stations().stream().map(StationCode::toString).toList());
        }
        int i = 0;
        for (Integer a : s.arrondissements()) {
            q.bind("arr" + i++, a + "-%");
        }
        s.bornOnOrBefore().ifPresent(d -> q.bind("bornBy", d));
        s.bornAfter().ifPresent(d -> q.bind("bornAfter", d));
        if (s.sex() != null) {
            q.bind("sex", s.sex().name());
        }
    }
}
