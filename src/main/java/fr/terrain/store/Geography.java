package fr.terrain.store;

import fr.terrain.election.CommuneCodes;
import fr.terrain.election.Election;
import fr.terrain.election.PollingStation;
import fr.terrain.election.SectorCodes;
import fr.terrain.election.SectorNames;
import fr.terrain.election.StationCode;
import fr.terrain.election.StationCommunes;
import fr.terrain.election.StationVintages;
import fr.terrain.field.Address;
import fr.terrain.geo.GeoJsonGeometry;
import fr.terrain.territory.Arrondissement;
import fr.terrain.territory.Iris;
import fr.terrain.territory.IrisIndicator;
import fr.terrain.territory.IrisToStations;
import fr.terrain.territory.StationIndicators;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/** Reads the public geography back as domain values: stations, arrondissements, IRIS and their figures. */
public final class Geography {
    private Geography() {}

    /** The vintages of station boundaries loaded, oldest first. */
    public static List<Integer> stationVintages(Store store) {
        return store.jdbi().withHandle(Geography::stationVintages);
    }

    private static List<Integer> stationVintages(Handle h) {
        return h.createQuery("SELECT DISTINCT vintage FROM station ORDER BY vintage").mapTo(Integer.class).list();
    }

    /** A round's result stations that its vintage of stations lacks, by code: kept, but no contour puts them on a map. */
    public record Unplaced(int vintage, List<String> codes) {}

    /** {@link Unplaced} of a round; empty when no vintage of stations is loaded (contours may come later). */
    public static Optional<Unplaced> unplaced(Handle h, Election e) {
        return vintageOf(h, e, stationVintages(h)).map(v -> new Unplaced(v, h.createQuery("SELECT r.station_code FROM station_result r"
                        + " WHERE r.election_id = :e AND NOT EXISTS (SELECT 1 FROM station s WHERE s.code = r.station_code"
                        + " AND s.vintage = :v)").bind("e", e.id()).bind("v", v).mapTo(String.class).list().stream()
                .map(StationCode::parse).sorted().map(StationCode::toString).toList()));
    }

    /** The vintages holding at least one station of the election's results (same code). */
    static List<Integer> vintagesSharingCodes(Handle h, String electionId) {
        return h.createQuery("SELECT DISTINCT s.vintage FROM station_result r JOIN station s ON s.code = r.station_code"
                + " WHERE r.election_id = :e").bind("e", electionId).mapTo(Integer.class).list();
    }

    /** The vintage of boundaries the election's results refer to ({@link StationVintages#forElection}). */
    public static Optional<Integer> vintageOf(Store store, Election e) {
        return vintageOf(store, e, stationVintages(store));
    }

    /** The same among {@code available} vintages (a caller that holds them already). */
    public static Optional<Integer> vintageOf(Store store, Election e, List<Integer> available) {
        return store.jdbi().withHandle(h -> vintageOf(h, e, available));
    }

    static Optional<Integer> vintageOf(Handle h, Election e, List<Integer> available) {
        return StationVintages.forElection(e, available, e.stationVintage() != null ? List.of()
                : vintagesSharingCodes(h, e.id()));
    }

    /**
     * The stations whose contours place a round's voters that the list does not ({@code field.ContourPlacement}): the
     * round's own vintage's ({@link #vintageOf}), and, for each commune that vintage lacks ({@link StationCommunes}:
     * Paris's arrondissements as one), the stations of the newest vintage not later than the round that holds it. A
     * round without results (a coming contest) is given a vintage by its year alone, which may be one of other communes
     * (INSEE's REU imported as 2022, ADR 0028) beside Paris's 2020 or 2024 contours: the voters of each commune are
     * still placed by their own commune's contours. Ordered by code.
     */
    public static List<PollingStation> placingStations(Store store, Election e) {
        List<Integer> available = stationVintages(store);
        Optional<Integer> own = vintageOf(store, e, available);
        List<Integer> order = new java.util.ArrayList<>();
        own.ifPresent(order::add);
        available.reversed().stream().filter(v -> v <= e.year() && !own.equals(Optional.of(v))).forEach(order::add);
        return stationsOf(store, byCommune(places(store), order));
    }

    /** The stations of these places with their contours, read only for the vintages that give a place; by code. */
    private static List<PollingStation> stationsOf(Store store, List<StationPlace> places) {
        return stationsOf(places, vintage -> stations(store, vintage));
    }

    /** The same, each vintage's stations read by {@code vintageStations} (all of them, or those of some communes). */
    private static List<PollingStation> stationsOf(List<StationPlace> places,
            java.util.function.IntFunction<List<PollingStation>> vintageStations) {
        java.util.Map<Integer, Set<StationCode>> chosen = new java.util.HashMap<>();
        places.forEach(p -> chosen.computeIfAbsent(p.vintage(), v -> new java.util.HashSet<>()).add(p.code()));
        List<PollingStation> out = new java.util.ArrayList<>();
        chosen.forEach((vintage, codes) -> vintageStations.apply(vintage).stream().filter(st -> codes.contains(st.code()))
                .forEach(out::add));
        out.sort(java.util.Comparator.comparing(PollingStation::code));
        return out;
    }

    /** The stations of one vintage, ordered by code. */
    public static List<PollingStation> stations(Store store, int vintage) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT code, contour, lon, lat, place_name, place_address,"
                        + " registered FROM station WHERE vintage = :v")
                .bind("v", vintage)
                .map((rs, ctx) -> station(vintage, rs)).list())
                .stream().sorted((a, b) -> a.code().compareTo(b.code())).toList();
    }

    /** A station as a list of stations to choose from shows it: code, vintage and polling place's name. */
    public record StationPlace(StationCode code, int vintage, String placeName) {}

    /**
     * Each commune's stations ({@link StationCommunes}: Paris's arrondissements as one) in the newest vintage that holds
     * that commune, ordered by code: a REU vintage of other communes (ADR 0028, 2022 by default) neither hides Paris's
     * 2020 stations nor is hidden by them. Contours are not read.
     */
    public static List<StationPlace> newestStationsByCommune(Store store) {
        List<StationPlace> out = new java.util.ArrayList<>(byCommune(places(store), stationVintages(store).reversed()));
        out.sort(java.util.Comparator.comparing(StationPlace::code));
        return out;
    }

    /**
     * {@link #newestStationsByCommune} of one sector, reading only its commune's rows (V31's index): a commune's, or, for
     * an arrondissement, those of all arrondissements, since they are one commune whose vintage is chosen as a whole.
     */
    public static List<StationPlace> newestStationsByCommune(Store store, int sector) {
        List<Integer> areas = SectorCodes.isArrondissement(sector)
                ? java.util.stream.IntStream.rangeClosed(1, SectorCodes.LAST_ARRONDISSEMENT).boxed().toList()
                : List.of(sector);
        return byCommune(placesIn(store, areas), stationVintages(store).reversed()).stream()
                .filter(p -> p.code().arrondissement() == sector).sorted(java.util.Comparator.comparing(StationPlace::code))
                .toList();
    }

    /**
     * The stations of {@link #newestStationsByCommune} in communes other than Paris (whose arrondissements have contours
     * of their own), with their contours (null where none was imported or drawn), ordered by code: Paris's are not read.
     */
    public static List<PollingStation> newestCommuneStations(Store store) {
        return stationsOf(store, newestStationsByCommune(store).stream()
                .filter(p -> !SectorCodes.isArrondissement(p.code().area())).toList());
    }

    /**
     * {@link #newestCommuneStations(Store)} of these communes only (an arrondissement, or a commune without stations,
     * gives none): each in the newest vintage that holds it, as there, but reading only their rows — a campaign's
     * report names a handful of the 35,000 communes of a national REU.
     */
    public static List<PollingStation> newestCommuneStations(Store store, java.util.Collection<Integer> communes) {
        List<Integer> areas = communes.stream().filter(c -> !SectorCodes.isArrondissement(c)).distinct().sorted()
                .toList();
        if (areas.isEmpty()) {
            return List.of();
        }
        return stationsOf(byCommune(placesIn(store, areas), stationVintages(store).reversed()), vintage -> {
            List<PollingStation> out = new java.util.ArrayList<>();
            store.jdbi().useHandle(h -> inChunks(areas, chunk -> h.createQuery("SELECT code, contour, lon, lat,"
                            + " place_name, place_address, registered FROM station WHERE vintage = :v"
                            + " AND arrondissement IN (<areas>)").bind("v", vintage).bindList("areas", chunk)
                    .map((rs, ctx) -> station(vintage, rs)).forEach(out::add)));
            return out;
        });
    }

    /** Runs {@code read} on {@code values} 500 at a time, so that an {@code IN} list stays short for the database. */
    private static <T> void inChunks(List<T> values, java.util.function.Consumer<List<T>> read) {
        for (int from = 0; from < values.size(); from += 500) {
            read.accept(values.subList(from, Math.min(values.size(), from + 500)));
        }
    }

    /** Every vintage's stations, without their contours. */
    private static List<StationPlace> places(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT code, vintage, place_name FROM station")
                .map(Geography::place).list());
    }

    /** The stations of these areas (arrondissements, communes), every vintage, without their contours. */
    private static List<StationPlace> placesIn(Store store, List<Integer> areas) {
        List<StationPlace> out = new java.util.ArrayList<>();
        store.jdbi().useHandle(h -> inChunks(areas, chunk -> h.createQuery("SELECT code, vintage, place_name FROM station"
                + " WHERE arrondissement IN (<areas>)").bindList("areas", chunk).map(Geography::place).forEach(out::add)));
        return out;
    }

    private static StationPlace place(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        return new StationPlace(StationCode.parse(rs.getString(1)), rs.getInt(2), rs.getString(3));
    }

    /**
     * Of {@code places}, each commune's ({@link StationCommunes}: Paris's arrondissements as one) in the first vintage of
     * {@code order} that holds that commune; vintages not in {@code order} give none.
     */
    static List<StationPlace> byCommune(List<StationPlace> places, List<Integer> order) {
        java.util.Map<Integer, List<StationPlace>> byVintage = new java.util.HashMap<>();
        places.forEach(p -> byVintage.computeIfAbsent(p.vintage(), v -> new java.util.ArrayList<>()).add(p));
        List<StationPlace> out = new java.util.ArrayList<>();
        for (int vintage : order) {
            StationCommunes held = StationCommunes.of(out.stream().map(StationPlace::code).toList());
            byVintage.getOrDefault(vintage, List.of()).stream().filter(p -> !held.holds(p.code())).forEach(out::add);
        }
        return out;
    }

    /**
     * The sectors of the stations loaded, every vintage ({@link StationCode#area()}: an arrondissement, or a commune
     * numbered per commune), in order.
     */
    public static List<Integer> stationAreas(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT arrondissement FROM station ORDER BY"
                + " arrondissement").mapTo(Integer.class).list()).stream().filter(a -> SectorCodes.problem(a).isEmpty())
                .toList();
    }

    /**
     * The stations of one vintage whose contour Terrain drew from INSEE's REU addresses ({@code contour_origin}, ADR
     * 0028): approximate, not published.
     */
    public static Set<StationCode> drawnContours(Store store, int vintage) {
        return Set.copyOf(store.jdbi().withHandle(h -> h.createQuery("SELECT code FROM station WHERE vintage = :v"
                        + " AND contour IS NOT NULL AND contour_origin IS NOT NULL")
                .bind("v", vintage).map((rs, ctx) -> StationCode.parse(rs.getString(1))).list()));
    }

    /** The numbers of the arrondissements whose contours are loaded (without reading the contours). */
    public static Set<Integer> arrondissementNumbers(Store store) {
        return Set.copyOf(store.jdbi().withHandle(h -> h.createQuery("SELECT arrondissement FROM arrondissement")
                .mapTo(Integer.class).list()));
    }

    public static List<Arrondissement> arrondissements(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT arrondissement, insee_code, name, contour"
                        + " FROM arrondissement ORDER BY arrondissement")
                .map((rs, ctx) -> new Arrondissement(rs.getInt(1), rs.getString(2), rs.getString(3),
                        geometry(rs.getString(4)))).list());
    }

    /** The vintages of IRIS contours loaded ({@code 2013}), oldest first. */
    public static List<String> irisVintages(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT vintage FROM iris ORDER BY vintage")
                .mapTo(String.class).list());
    }

    public static List<Iris> iris(Store store, String vintage) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT code, name, iris_type, contour FROM iris"
                        + " WHERE vintage = :v ORDER BY code")
                .bind("v", vintage)
                .map((rs, ctx) -> new Iris(vintage, rs.getString(1), rs.getString(2), rs.getString(3),
                        geometry(rs.getString(4)))).list());
    }

    /** Every INSEE figure loaded, all datasets. */
    public static List<IrisIndicator> irisIndicators(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT dataset, iris_code, indicator, figure FROM iris_indicator"
                        + " ORDER BY dataset, iris_code, indicator")
                .map((rs, ctx) -> new IrisIndicator(rs.getString(1), rs.getString(2), rs.getString(3),
                        (Double) rs.getObject(4))).list());
    }

    /**
     * The INSEE figures loaded, carried onto the given stations from the newest IRIS contours
     * (weighted by addresses when some are loaded; by arrondissement without contours), or empty
     * when no INSEE table is loaded.
     */
    public static java.util.Optional<StationIndicators> irisOnStations(Store store, List<PollingStation> stations) {
        List<IrisIndicator> indicators = irisIndicators(store);
        if (indicators.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<String> vintages = irisVintages(store);
        List<Iris> contours = vintages.isEmpty() ? List.of() : iris(store, vintages.get(vintages.size() - 1));
        return java.util.Optional.of(IrisToStations.interpolate(contours, stations, indicators, addresses(store)));
    }

    private static final String ADDRESS_COLUMNS = "SELECT ban_id, fantoir_id, house_number, suffix, street, postcode,"
            + " insee_code, commune, lon, lat FROM address";

    /** Every BAN address loaded. */
    public static List<Address> addresses(Store store) {
        return store.jdbi().withHandle(Geography::addresses);
    }

    static List<Address> addresses(Handle h) {
        return h.createQuery(ADDRESS_COLUMNS + " ORDER BY ban_id").map(Geography::address).list();
    }

    /** The BAN addresses of these ids that are loaded (an id no longer imported is left out). */
    public static List<Address> addresses(Store store, java.util.Collection<String> banIds) {
        List<String> ids = List.copyOf(banIds);
        List<Address> out = new java.util.ArrayList<>();
        store.jdbi().useHandle(h -> inChunks(ids, chunk -> h.createQuery(ADDRESS_COLUMNS + " WHERE ban_id IN (<ids>)")
                .bindList("ids", chunk).map(Geography::address).forEach(out::add)));
        return out;
    }

    /**
     * The names the BAN gives the communes among {@code sectors} ({@code nom_commune}, as the newest address import
     * spelled them: {@link ImportWriter#addresses()}); arrondissements, and communes no BAN import named, have none.
     * Reads one row a commune, none at all for arrondissements alone.
     */
    public static SectorNames sectorNames(Store store, java.util.Collection<Integer> sectors) {
        return store.jdbi().withHandle(h -> sectorNames(h, sectors));
    }

    static SectorNames sectorNames(Handle h, java.util.Collection<Integer> sectors) {
        List<String> codes = new java.util.ArrayList<>();
        for (int s : new java.util.TreeSet<>(sectors)) {
            if (!SectorCodes.isArrondissement(s)) {
                String code = String.format(java.util.Locale.ROOT, "%05d", s);
                codes.add(code);
                if (code.startsWith("20")) { // Corsica: 20004 is 2A004 or 2B004 (CommuneCodes)
                    codes.add("2A" + code.substring(2));
                    codes.add("2B" + code.substring(2));
                }
            }
        }
        if (codes.isEmpty()) {
            return SectorNames.NONE;
        }
        java.util.Map<Integer, SectorNames.Commune> named = new java.util.HashMap<>();
        h.createQuery("SELECT insee_code, name FROM commune_name WHERE insee_code IN (<codes>) ORDER BY insee_code")
                .bindList("codes", codes)
                .map((rs, ctx) -> new SectorNames.Commune(rs.getString(1), rs.getString(2)))
                .forEach(c -> CommuneCodes.stationArea(c.code()).ifPresent(area -> named.putIfAbsent(area, c)));
        return new SectorNames(named);
    }

    private static Address address(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        return new Address(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getDouble(9), rs.getDouble(10));
    }

    /**
     * A number that changes whenever an import, an election or another change ({@code terrain election remove}, a round's
     * date replaced) is recorded, so that a cache of what is derived from the data knows when to rebuild. It counts the
     * imports rather than taking the newest one's id: an import takes its id when it starts, so one that started first
     * and committed last (two commands at once) would leave the newest id as it was; no import's record is ever deleted,
     * so the count grows at every commit. The other changes count too: the count of elections alone goes back to a
     * former value when an election is removed and another added, and stays the same when a round's date changes.
     */
    public static long dataVersion(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT (SELECT COUNT(*) FROM import_log) * 1000000000000"
                + " + (SELECT COUNT(*) FROM data_change) * 1000000 + (SELECT COUNT(*) FROM election)")
                .mapTo(Long.class).one());
    }

    static PollingStation station(int vintage, ResultSet rs) throws SQLException {
        Double lon = (Double) rs.getObject("lon");
        Point location = lon == null ? null : GeoJsonGeometry.WGS84.createPoint(new Coordinate(lon, rs.getDouble("lat")));
        return new PollingStation(vintage, StationCode.parse(rs.getString("code")), geometry(rs.getString("contour")),
                location, rs.getString("place_name"), rs.getString("place_address"), (Integer) rs.getObject("registered"));
    }

    private static Geometry geometry(String geoJson) {
        return geoJson == null ? null : GeoJsonGeometry.parse(geoJson);
    }
}
