package fr.terrain.store;

import fr.terrain.election.Candidacy;
import fr.terrain.election.DerivedStation;
import fr.terrain.election.Election;
import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import fr.terrain.election.StationResult;
import fr.terrain.field.Address;
import fr.terrain.field.Voter;
import fr.terrain.geo.GeoJsonGeometry;
import fr.terrain.privacy.SourceDeclaration;
import fr.terrain.store.Batch.Typed;
import fr.terrain.territory.Arrondissement;
import fr.terrain.territory.Iris;
import fr.terrain.territory.IrisIndicator;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.locationtech.jts.geom.Geometry;

/**
 * The writes of an import, all on one handle inside the import's transaction: a failure
 * anywhere rolls every table back. Each method replaces what the file covers, so importing the
 * same file twice leaves the same rows.
 */
public final class ImportWriter {
    private final Handle handle;
    private final Store.Dialect dialect;

    public ImportWriter(Handle handle, Store.Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    public Optional<Election> findElection(String id) {
        return Elections.find(handle, id);
    }

    public void insertElection(Election e) {
        Elections.insert(handle, e);
    }

    /**
     * Replaces the counts of the stations in {@code results}, and adds or updates their lists. After
     * a {@link ResultsStream} of the same round (closed), pass it and only the counts it did not
     * write: the others stay as it wrote them, and what it looked up while the file was read (the
     * round's lists, whether it had counts) is not asked again. Without one, pass null.
     */
    public long replaceResults(Election election, List<Candidacy> lists, List<StationResult> results,
            ResultsStream stream) {
        String id = election.id();
        if (stream != null && !stream.electionId().equals(id)) {
            throw new IllegalArgumentException("flux de " + stream.electionId() + ", pas de " + id);
        }
        Map<String, Candidacy> existing = stream != null ? stream.lists : lists(id);
        var connection = handle.getConnection();
        List<Candidacy> changed = new ArrayList<>();
        // one bulk write for all of them (on PostgreSQL one INSERT … VALUES, or a COPY when many): the 182 lists
        // of a Paris round were 182 statements
        try (Bulk insert = Bulk.into(connection, dialect, "candidacy", "election_id", "label", "nuance", "panel")) {
            for (Candidacy c : lists) {
                Candidacy old = existing.get(c.label());
                if (old == null) {
                    insert.add(id, c.label(), Typed.text(c.nuance()), Typed.integer(c.panel()));
                } else if (!old.equals(c)) {
                    changed.add(c);
                }
            }
        }
        // only once the COPY is closed: a statement sent while it is open waits for it forever (pgjdbc)
        try (Batch update = new Batch(connection, "UPDATE candidacy SET nuance = ?, panel = ?"
                + " WHERE election_id = ? AND label = ?")) {
            changed.forEach(c -> update.add(Typed.text(c.nuance()), Typed.integer(c.panel()), id, c.label()));
        }
        if (results.isEmpty()) {
            return 0;
        }
        boolean hasRows = stream != null ? !stream.stored.isEmpty() || stream.stations() > 0
                : handle.createQuery("SELECT 1 FROM station_result WHERE election_id = :id LIMIT 1")
                        .bind("id", id).mapTo(Integer.class).findFirst().isPresent();
        if (hasRows) {
            try (Batch delete = new Batch(connection, "DELETE FROM station_result WHERE election_id = ? AND station_code = ?")) {
                results.forEach(r -> delete.add(id, r.station().toString()));
            }
        }
        try (ResultRows rows = new ResultRows(id)) {
            results.forEach(rows::add);
            return rows.listRows;
        }
    }

    /**
     * Starts writing the counts of one round while its file is still being read. A station that
     * already has a count in this round is not written here ({@link ResultsStream#add} says so):
     * {@link #replaceResults} replaces it afterwards, with any other count the stream did not take.
     * Nothing else may use this writer until the stream is closed or aborted.
     */
    public ResultsStream streamResults(String electionId) {
        java.util.Set<String> stored = new java.util.HashSet<>(handle.createQuery(
                "SELECT station_code FROM station_result WHERE election_id = :id").bind("id", electionId)
                .mapTo(String.class).list());
        Map<String, Candidacy> lists = lists(electionId); // asked now, while the file is still read
        return new ResultsStream(new ResultRows(electionId), stored, lists);
    }

    private Map<String, Candidacy> lists(String electionId) {
        Map<String, Candidacy> lists = new HashMap<>();
        handle.createQuery("SELECT label, nuance, panel FROM candidacy WHERE election_id = :id").bind("id", electionId)
                .map((rs, ctx) -> new Candidacy(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3)))
                .forEach(c -> lists.put(c.label(), c));
        return lists;
    }

    /** Counts of one round written as they come; see {@link #streamResults}. */
    public static final class ResultsStream implements AutoCloseable {
        private final ResultRows rows;
        private final java.util.Set<String> stored;
        private final Map<String, Candidacy> lists;
        private final java.util.Set<StationResult> written =
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        private ResultsStream(ResultRows rows, java.util.Set<String> stored, Map<String, Candidacy> lists) {
            this.rows = rows;
            this.stored = stored;
            this.lists = lists;
        }

        public String electionId() {
            return rows.electionId;
        }

        /** Writes the count, unless its station already has one in the store; whether it wrote it. */
        public boolean add(StationResult r) {
            if (stored.contains(r.station().toString())) {
                return false;
            }
            rows.add(r);
            written.add(r);
            return true;
        }

        /** Whether this very count (the same object, not an equal one) was written. */
        public boolean wrote(StationResult r) {
            return written.contains(r);
        }

        public int stations() {
            return written.size();
        }

        public long listRows() {
            return rows.listRows;
        }

        /** Ends the writing: the counts are in the transaction. */
        @Override
        public void close() {
            rows.close();
        }

        /** Abandons the writing (the transaction will be rolled back); the handle is usable again. */
        public void abort() {
            rows.bulk.abort();
        }
    }

    /** The {@code station_result} rows of one round, with their lists' votes as JSON. */
    private final class ResultRows implements AutoCloseable {
        final String electionId;
        final Bulk bulk = Bulk.into(handle.getConnection(), dialect, "station_result", "election_id", "station_code",
                "arrondissement", "bureau_number", "registered", "voters", "blank", "invalid", "blank_and_invalid",
                "expressed", "proxies", "list_count", "list_votes");
        final ListVotesJson json = new ListVotesJson();
        long listRows;

        ResultRows(String electionId) {
            this.electionId = electionId;
        }

        void add(StationResult r) {
            bulk.add(electionId, r.station().toString(), r.station().area(), r.station().number(), r.registered(),
                    r.voters(), Typed.integer(r.blank()), Typed.integer(r.invalid()),
                    Typed.integer(r.blankAndInvalid()), r.expressed(), Typed.integer(r.proxies()),
                    r.votes().size(), json.encode(r.votes()));
            listRows += r.votes().size();
        }

        @Override
        public void close() {
            bulk.close();
        }
    }

    /**
     * Adds stations to their vintage or completes them: a points file adds the polling place to
     * stations a contours file created, and the reverse; values a file lacks are kept.
     */
    public long mergeStations(List<PollingStation> stations) {
        if (stations.isEmpty()) {
            return 0;
        }
        int vintage = stations.get(0).vintage();
        Map<String, PollingStation> existing = new HashMap<>();
        handle.createQuery("SELECT code, contour, lon, lat, place_name, place_address, registered FROM station"
                        + " WHERE vintage = :v").bind("v", vintage)
                .map((rs, ctx) -> Geography.station(vintage, rs))
                .forEach(s -> existing.put(s.code().toString(), s));
        var connection = handle.getConnection();
        try (Batch insert = new Batch(connection, "INSERT INTO station (vintage, code, arrondissement, bureau_number,"
                + " contour, lon, lat, place_name, place_address, registered) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                Batch update = new Batch(connection, "UPDATE station SET contour = ?, lon = ?, lat = ?, place_name = ?,"
                        + " place_address = ?, registered = ?, contour_origin = CASE WHEN ? THEN NULL ELSE contour_origin"
                        + " END WHERE vintage = ? AND code = ?")) {
            for (PollingStation s : stations) {
                PollingStation old = existing.get(s.code().toString());
                PollingStation merged = old == null ? s : new PollingStation(vintage, s.code(),
                        s.contour() != null ? s.contour() : old.contour(),
                        s.location() != null ? s.location() : old.location(),
                        s.placeName() != null ? s.placeName() : old.placeName(),
                        s.placeAddress() != null ? s.placeAddress() : old.placeAddress(),
                        s.registeredVoters() != null ? s.registeredVoters() : old.registeredVoters());
                Object contour = Typed.text(merged.contour() == null ? null : GeoJsonGeometry.write(merged.contour()));
                Object lon = Typed.decimal(merged.location() == null ? null : merged.location().getX());
                Object lat = Typed.decimal(merged.location() == null ? null : merged.location().getY());
                if (old == null) {
                    insert.add(vintage, s.code().toString(), s.code().area(), s.code().number(), contour, lon, lat,
                            Typed.text(merged.placeName()), Typed.text(merged.placeAddress()),
                            Typed.integer(merged.registeredVoters()));
                } else {
                    update.add(contour, lon, lat, Typed.text(merged.placeName()), Typed.text(merged.placeAddress()),
                            Typed.integer(merged.registeredVoters()), s.contour() != null, vintage, s.code().toString());
                }
            }
        }
        return stations.size();
    }

    /**
     * Writes stations whose contours Terrain drew from REU addresses into their vintage, marked as such. A drawn station
     * of the communes (areas) they cover that is no longer given is deleted, or, when another file gave it a polling
     * place, keeps the place and loses its drawn contour. A station a published file gave in this vintage with a contour
     * is left as it is; one a published file gave without a contour (a polling place alone) gets the drawn contour.
     *
     * @return the codes left as published
     */
    public List<String> replaceDerivedStations(int vintage, List<DerivedStation> stations) {
        Map<String, String> existing = new HashMap<>(); // code → origin ("" when published with a contour)
        handle.createQuery("SELECT code, contour_origin, CASE WHEN contour IS NULL THEN 1 ELSE 0 END FROM station"
                        + " WHERE vintage = :v").bind("v", vintage)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2) != null ? rs.getString(2)
                        : rs.getInt(3) == 1 ? DerivedStation.REU_ORIGIN : ""))
                .forEach(e -> existing.put(e.getKey(), e.getValue()));
        java.util.Set<String> given = new java.util.HashSet<>();
        java.util.Set<Integer> areas = new java.util.TreeSet<>();
        stations.forEach(d -> {
            given.add(d.station().code().toString());
            areas.add(d.station().code().area());
        });
        List<String> published = new java.util.ArrayList<>();
        var connection = handle.getConnection();
        try (Batch delete = new Batch(connection, "DELETE FROM station WHERE vintage = ? AND code = ? AND lon IS NULL"
                        + " AND contour_origin = ?");
                Batch undraw = new Batch(connection, "UPDATE station SET contour = NULL, contour_origin = NULL,"
                        + " elector_addresses = NULL WHERE vintage = ? AND code = ? AND lon IS NOT NULL AND contour_origin = ?");
                Batch insert = new Batch(connection, "INSERT INTO station (vintage, code, arrondissement, bureau_number,"
                        + " contour, contour_origin, elector_addresses) VALUES (?, ?, ?, ?, ?, ?, ?)");
                Batch update = new Batch(connection, "UPDATE station SET contour = ?, contour_origin = ?,"
                        + " elector_addresses = ? WHERE vintage = ? AND code = ?")) {
            existing.forEach((code, origin) -> {
                if (origin.equals(DerivedStation.REU_ORIGIN) && !given.contains(code)
                        && areas.contains(StationCode.parse(code).area())) {
                    delete.add(vintage, code, DerivedStation.REU_ORIGIN);
                    undraw.add(vintage, code, DerivedStation.REU_ORIGIN);
                }
            });
            for (DerivedStation d : stations) {
                PollingStation s = d.station();
                String code = s.code().toString();
                Object contour = Typed.text(s.contour() == null ? null : GeoJsonGeometry.write(s.contour()));
                String origin = existing.get(code);
                if (origin == null) {
                    insert.add(vintage, code, s.code().area(), s.code().number(), contour,
                            DerivedStation.REU_ORIGIN, d.electorAddresses());
                } else if (origin.equals(DerivedStation.REU_ORIGIN)) {
                    update.add(contour, DerivedStation.REU_ORIGIN, d.electorAddresses(), vintage, code);
                } else {
                    published.add(code);
                }
            }
        }
        return published;
    }

    public long replaceArrondissements(List<Arrondissement> arrondissements) {
        try (Batch delete = new Batch(handle.getConnection(), "DELETE FROM arrondissement WHERE arrondissement = ?");
                Batch insert = new Batch(handle.getConnection(),
                        "INSERT INTO arrondissement (arrondissement, insee_code, name, contour) VALUES (?, ?, ?, ?)")) {
            arrondissements.forEach(a -> delete.add(a.number()));
            delete.flush();
            for (Arrondissement a : arrondissements) {
                insert.add(a.number(), Typed.text(a.inseeCode()), a.name(), Typed.text(geoJson(a.contour())));
            }
        }
        return arrondissements.size();
    }

    /** Replaces a whole IRIS vintage: one file is one vintage of IRIS geography. */
    public long replaceIrisVintage(String vintage, List<Iris> iris) {
        handle.createUpdate("DELETE FROM iris WHERE vintage = :v").bind("v", vintage).execute();
        try (Batch insert = new Batch(handle.getConnection(),
                "INSERT INTO iris (vintage, code, name, iris_type, contour) VALUES (?, ?, ?, ?, ?)")) {
            for (Iris i : iris) {
                insert.add(vintage, i.code(), Typed.text(i.name()), Typed.text(i.type()), Typed.text(geoJson(i.contour())));
            }
        }
        return iris.size();
    }

    /**
     * Replaces the given indicators of a dataset: the census comes as several files (population,
     * housing, households) that each bring some indicators of the same dataset.
     */
    public long replaceIrisIndicators(String dataset, java.util.Collection<String> indicators, List<IrisIndicator> values) {
        try (Batch delete = new Batch(handle.getConnection(),
                "DELETE FROM iris_indicator WHERE dataset = ? AND indicator = ?")) {
            indicators.forEach(i -> delete.add(dataset, i));
        }
        try (Bulk insert = Bulk.into(handle.getConnection(), dialect, "iris_indicator", "dataset", "iris_code",
                "indicator", "figure")) {
            for (IrisIndicator v : values) {
                insert.add(dataset, v.irisCode(), v.indicator(), Typed.decimal(v.value()));
            }
            return insert.rows();
        }
    }

    /**
     * Adds or updates addresses by BAN id, and keeps the names the file gives their communes ({@code commune_name}:
     * a file's name replaces the one kept before; when one file spells a commune two ways, the smaller by character
     * code). Call {@link AddressSink#finish()} once every address is added, then {@link AddressSink#close()}.
     */
    public AddressSink addresses() {
        String sql = dialect == Store.Dialect.H2
                ? "MERGE INTO address (ban_id, fantoir_id, house_number, suffix, street, postcode, insee_code, commune,"
                        + " lon, lat) KEY (ban_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                : "INSERT INTO address (ban_id, fantoir_id, house_number, suffix, street, postcode, insee_code, commune,"
                        + " lon, lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ban_id) DO UPDATE SET"
                        + " fantoir_id = EXCLUDED.fantoir_id, house_number = EXCLUDED.house_number,"
                        + " suffix = EXCLUDED.suffix, street = EXCLUDED.street, postcode = EXCLUDED.postcode,"
                        + " insee_code = EXCLUDED.insee_code, commune = EXCLUDED.commune, lon = EXCLUDED.lon,"
                        + " lat = EXCLUDED.lat";
        return new AddressSink(handle, dialect, new Batch(handle.getConnection(), sql));
    }

    /** Streams addresses into a batch; their communes' names are written by {@link #finish()}. */
    public static final class AddressSink implements AutoCloseable {
        private final Handle handle;
        private final Store.Dialect dialect;
        private final Batch batch;
        private final Map<String, String> communes = new HashMap<>();

        private AddressSink(Handle handle, Store.Dialect dialect, Batch batch) {
            this.handle = handle;
            this.dialect = dialect;
            this.batch = batch;
        }

        public void add(Address a) {
            batch.add(a.banId(), Typed.text(a.fantoirId()), a.number(), Typed.text(a.suffix()), a.street(),
                    Typed.text(a.postcode()), a.inseeCode(), Typed.text(a.commune()), a.lon(), a.lat());
            if (a.commune() != null && !a.commune().isBlank()) {
                communes.merge(a.inseeCode(), a.commune(), (kept, other) -> kept.compareTo(other) <= 0 ? kept : other);
            }
        }

        /** Writes what is left of the addresses, then their communes' names: the file was read to its end. */
        public void finish() {
            batch.flush();
            try (Batch names = new Batch(handle.getConnection(), dialect == Store.Dialect.H2
                    ? "MERGE INTO commune_name (insee_code, name) KEY (insee_code) VALUES (?, ?)"
                    : "INSERT INTO commune_name (insee_code, name) VALUES (?, ?)"
                            + " ON CONFLICT (insee_code) DO UPDATE SET name = EXCLUDED.name")) {
                communes.forEach(names::add);
            }
        }

        @Override
        public void close() {
            batch.close();
        }
    }

    /**
     * Replaces the voters of a contest from one source category (a new extract of the electoral
     * list supersedes the previous one) and returns a sink for the new ones.
     */
    public VoterSink replaceVoters(String contest, String sourceCategory, String provider, LocalDate collectedOn,
            long importId) {
        int deleted = handle.createUpdate("DELETE FROM voter WHERE contest = :c AND source_category = :s")
                .bind("c", contest).bind("s", sourceCategory).execute();
        Bulk batch = Bulk.into(handle.getConnection(), dialect, "voter", "contest", "import_id", "source_category",
                "provider", "collected_on", "list_type", "commune_code", "voter_number", "sex", "birth_name",
                "usage_name", "first_names", "birth_date", "birth_commune", "birth_department", "birth_country",
                "nationality", "bureau", "station_code", "address_number", "street_type", "street_name",
                "address_complement1", "address_complement2", "lieu_dit", "postcode", "city", "country");
        return new VoterSink(handle, deleted, batch, contest, importId, sourceCategory, provider, collectedOn);
    }

    /** Streams voters into a batch; closing it records the change of the voter rows ({@link VoterChanges}). */
    public static final class VoterSink implements AutoCloseable {
        private final Handle handle;
        private final int deleted;
        private final Bulk batch;
        private final String contest;
        private final long importId;
        private final String source;
        private final String provider;
        private final LocalDate collectedOn;

        private VoterSink(Handle handle, int deleted, Bulk batch, String contest, long importId, String source,
                String provider, LocalDate collectedOn) {
            this.handle = handle;
            this.deleted = deleted;
            this.batch = batch;
            this.contest = contest;
            this.importId = importId;
            this.source = source;
            this.provider = provider;
            this.collectedOn = collectedOn;
        }

        public void add(Voter v) {
            batch.add(contest, importId, source, Typed.text(provider), collectedOn, t(v.listType()),
                    t(v.communeCode()), t(v.voterNumber()), v.sex().name(), v.birthName(), t(v.usageName()),
                    t(v.firstNames()), v.birthDate(), t(v.birthCommune()), t(v.birthDepartment()),
                    t(v.birthCountry()), t(v.nationality()), t(v.bureau()),
                    t(v.station() == null ? null : v.station().toString()), t(v.addressNumber()),
                    t(v.streetType()), t(v.streetName()), t(v.addressComplement1()), t(v.addressComplement2()),
                    t(v.lieuDit()), t(v.postcode()), t(v.city()), t(v.country()));
        }

        private static Typed t(String s) {
            return Typed.text(s);
        }

        public long rows() {
            return batch.rows();
        }

        @Override
        public void close() {
            batch.close();
            VoterChanges.record(handle, VoterChanges.Kind.IMPORT, deleted + batch.rows());
        }
    }

    /** The keyed hashes of the suppression list, which a voter import must honour. */
    public java.util.Set<String> suppressionHashes() {
        return SuppressionList.hashes(handle);
    }

    /** Records an import before its rows (voters refer to it); {@link #finishImport} completes it. */
    public long startImport(String kind, String target, String fileName, String sha256, SourceDeclaration source,
            String options, LocalDateTime startedAt) {
        return logImport(kind, target, fileName, sha256, source, options, startedAt, 0, 0, 0, startedAt);
    }

    /** The complete log line of an import whose rows are written: one statement instead of two. */
    public long logImport(String kind, String target, String fileName, String sha256, SourceDeclaration source,
            String options, LocalDateTime startedAt, long rowsRead, long rowsStored, int warnings,
            LocalDateTime finishedAt) {
        return handle.createUpdate("INSERT INTO import_log (kind, target, file_name, sha256, source_category, provider,"
                        + " provider_contact, consent_channels, options, rows_read, rows_stored, warnings, started_at,"
                        + " finished_at) VALUES (:kind, :target, :file, :sha, :source, :provider, :contact, :channels,"
                        + " :options, :r, :s, :w, :start, :f)")
                .bind("kind", kind).bind("target", target).bind("file", fileName).bind("sha", sha256)
                .bind("source", source.category().id()).bind("provider", source.provider())
                .bind("contact", source.providerContact()).bind("channels", source.channelList().orElse(null))
                .bind("options", options).bind("r", rowsRead).bind("s", rowsStored).bind("w", warnings)
                .bind("start", Timestamp.valueOf(startedAt)).bind("f", Timestamp.valueOf(finishedAt))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    public void finishImport(long id, long rowsRead, long rowsStored, int warnings, LocalDateTime finishedAt) {
        handle.createUpdate("UPDATE import_log SET rows_read = :r, rows_stored = :s, warnings = :w, finished_at = :f"
                        + " WHERE id = :id")
                .bind("r", rowsRead).bind("s", rowsStored).bind("w", warnings).bind("f", Timestamp.valueOf(finishedAt))
                .bind("id", id).execute();
    }

    /** The latest import that replaced this target, if any. */
    public Optional<ImportRecord> lastImport(String target) {
        return ImportLog.last(handle, target);
    }

    /**
     * Whether one of these targets was removed ({@code terrain election remove}) at or after {@code since} (UTC): its
     * file's import is then no longer in the store.
     */
    public boolean removedSince(List<String> targets, LocalDateTime since) {
        return handle.createQuery("SELECT COUNT(*) FROM data_change WHERE what IN (<t>) AND changed_at >= :s")
                .bindList("t", targets).bind("s", since.atOffset(java.time.ZoneOffset.UTC)).mapTo(Long.class).one() > 0;
    }

    /** The day (UTC) the retention policy last deleted the rows of this target, if it did after {@code since}. */
    public Optional<java.time.LocalDate> purgedSince(String target, LocalDateTime since) {
        return handle.createQuery("SELECT MAX(at) FROM audit_entry WHERE action = 'retention.delete' AND target = :t"
                        + " AND at >= :s").bind("t", target).bind("s", since).mapTo(LocalDateTime.class).findOne()
                .map(LocalDateTime::toLocalDate);
    }

    private static String geoJson(Geometry g) {
        return g == null ? null : GeoJsonGeometry.write(g);
    }
}
