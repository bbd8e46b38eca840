package fr.terrain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.RealData;
import fr.terrain.election.Election;
import fr.terrain.election.ElectionKind;
import fr.terrain.election.StationResult;
import fr.terrain.ingest.CsvTable;
import fr.terrain.ingest.ImportReport;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.InputError;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.ResultsFormat;
import fr.terrain.ingest.ResultsOptions;
import fr.terrain.ingest.TextInput;
import fr.terrain.privacy.SourceCategory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every database must have: run on H2 and on PostgreSQL by the subclasses, with
 * the same migrations and the same real files.
 */
abstract class StoreContract {
    @TempDir
    Path tmp;

    Store store;
    Importer importer;

    abstract Store newStore(Path tmp);

    void release(Store s) {
        s.close();
    }

    @BeforeEach
    void open() {
        store = newStore(tmp);
        importer = new Importer(store, Progress.NONE, false);
    }

    @AfterEach
    void close() {
        release(store);
    }

    private ImportReport import2020() {
        return importer.results(RealData.file(RealData.RESULTS_2020), ResultsOptions.none(),
                SourceCategory.OFFICIAL_OPEN_DATA);
    }

    @Test
    void aNewStoreIsMigratedAndEmpty() {
        Status s = Status.read(store);
        assertThat(s.elections()).isEmpty();
        assertThat(s.stations()).isEmpty();
        assertThat(s.addresses()).isZero();
        assertThat(s.imports()).isZero();
    }

    /**
     * Stations are read by sector and joined by code alone (V31): without these indexes each such read went through
     * every station's row, contour included — after a whole national REU import 1 to 7 s a request on H2 instead of 10
     * to 40 ms (measured on a store of 73,461 stations, docs/adr/0037). Checked in the database's own catalogue.
     */
    @Test
    void stationsAreIndexedBySectorAndByCode() throws java.sql.SQLException {
        List<List<String>> indexed = store.jdbi().withHandle(h -> {
            java.sql.Connection c = h.getConnection();
            List<List<String>> out = new ArrayList<>();
            try (java.sql.ResultSet rs = c.getMetaData().getIndexInfo(c.getCatalog(), c.getSchema(), "station", false,
                    false)) {
                Map<String, List<String>> byIndex = new java.util.TreeMap<>();
                while (rs.next()) {
                    if (rs.getString("COLUMN_NAME") != null) {
                        byIndex.computeIfAbsent(rs.getString("INDEX_NAME"), k -> new ArrayList<>())
                                .add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                    }
                }
                out.addAll(byIndex.values());
            }
            return out;
        });
        // an index whose first column is the sector, another whose first column is the code
        assertThat(indexed).anySatisfy(columns -> assertThat(columns.get(0)).isEqualTo("arrondissement"));
        assertThat(indexed).anySatisfy(columns -> assertThat(columns.get(0)).isEqualTo("code"));
    }

    @Test
    void paris2020ResultsAreJoinedToThe2020Stations() {
        importer.stations(RealData.file(RealData.STATIONS_2020), null);
        importer.stations(RealData.file(RealData.STATIONS_2024), null);
        import2020();

        Status s = Status.read(store);
        Status.ElectionStatus e = s.elections().get(0);
        assertThat(e.election().id()).isEqualTo("paris-2020-t1");
        assertThat(e.election().date()).isEqualTo(LocalDate.of(2020, 3, 15));
        // SOURCE.md: 897 bureaux, 9,561 rows; the 2020 contours have the same 897 codes.
        assertThat(e.stations()).isEqualTo(897);
        assertThat(e.resultRows()).isEqualTo(9_561);
        assertThat(e.vintage()).isEqualTo(2020);
        assertThat(e.joinedStations()).isEqualTo(897);
        // Official Paris totals (SOURCE.md): 1,332,282 inscrits, 553,017 exprimés.
        long registered = store.jdbi().withHandle(h -> h.createQuery(
                "SELECT SUM(registered) FROM station_result WHERE election_id = 'paris-2020-t1'").mapTo(Long.class).one());
        List<StationResult> results = Results.load(store, "paris-2020-t1");
        long expressed = results.stream().flatMap(r -> r.votes().stream()).mapToLong(StationResult.ListVotes::votes).sum();
        assertThat(registered).isEqualTo(1_332_282);
        assertThat(expressed).isEqualTo(553_017);
        // Rachida Dati was elected in round 1 in the 7th with 7,678 votes.
        long dati = results.stream().filter(r -> r.station().arrondissement() == 7).flatMap(r -> r.votes().stream())
                .filter(v -> v.list().label().contains("DATI")).mapToLong(StationResult.ListVotes::votes).sum();
        assertThat(dati).isEqualTo(7_678);
    }

    private static List<Path> originals2020() {
        List<Path> files = new ArrayList<>();
        for (int a = 1; a <= 20; a++) {
            files.add(RealData.file(RealData.RESULTS_2020_ORIGINALS
                    + String.format("ddct_berp_municipales_2020_tour1_ardt_%02d_20200315.csv", a)));
        }
        return files;
    }

    /**
     * The Ville de Paris originals (one file per arrondissement) as one import store what the long file built from
     * them stores (the store's dump, election, lists and counts, compared with the long file's import into a second
     * store); again, nothing to do; one file too many, nothing changes.
     */
    @Test
    void theTwentyArrondissementFilesAreOneImportThatStoresWhatTheLongFileDoes() throws IOException {
        ImportReport set = importer.results(originals2020(), ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA,
                java.util.Set.of());
        assertThat(set.targets()).containsExactly("results:paris-2020-t1");
        assertThat(set.rowsStored()).isEqualTo(9_561);
        assertThat(set.file()).endsWith("(20 fichiers)");
        List<StationResult> fromSet = Results.load(store, "paris-2020-t1");
        String afterSet = TestStores.dump(store);

        Store other = newStore(tmp.resolve("long"));
        try {
            new Importer(other, Progress.NONE, false).results(RealData.file(RealData.RESULTS_2020), ResultsOptions.none(),
                    SourceCategory.OFFICIAL_OPEN_DATA);
            assertThat(Status.read(store).elections()).usingRecursiveComparison()
                    .isEqualTo(Status.read(other).elections());
            assertThat(fromSet).containsExactlyInAnyOrderElementsOf(Results.load(other, "paris-2020-t1"));
        } finally {
            release(other);
        }

        assertThat(importer.results(originals2020(), ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA,
                java.util.Set.of()).skipped()).isTrue();
        assertThat(TestStores.dump(store)).isEqualTo(afterSet);

        // a file given twice: refused; arr. 3 twice (a copy under another name): refused, naming the station and both
        // files; nothing changes
        assertThatThrownBy(() -> importer.results(List.of(originals2020().get(0), originals2020().get(0)),
                ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA, java.util.Set.of()))
                .isInstanceOf(InputError.class).hasMessageContaining("fichier donné deux fois");
        Path copy = Files.copy(originals2020().get(2), tmp.resolve("copie_ardt_03.csv"));
        List<Path> twice = new ArrayList<>(originals2020());
        twice.add(copy);
        assertThatThrownBy(() -> importer.results(twice, ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA,
                java.util.Set.of())).isInstanceOf(InputError.class).hasMessageContaining("copie_ardt_03.csv")
                .hasMessageContaining("le bureau 3-1 du tour paris-2020-t1 est aussi dans"
                        + " ddct_berp_municipales_2020_tour1_ardt_03_20200315.csv");
        assertThat(TestStores.dump(store)).isEqualTo(afterSet);
    }

    /** The Ministry's file for all of France: its Paris stations are stored, the rest left; again, nothing to do. */
    @Test
    void theMinistrysFranceWideFileStoresItsParisStations() {
        Path file = fr.terrain.ingest.MinistryResultsTest.fixture();
        ResultsOptions year = new ResultsOptions(null, null, null, 2022, null, null);
        ImportReport report = importer.results(file, year, SourceCategory.OFFICIAL_OPEN_DATA);
        assertThat(report.targets()).containsExactly("results:paris-pres-2022-t1");
        assertThat(report.rowsStored()).isEqualTo(3 * 12); // three Paris stations × 12 candidates
        List<StationResult> stored = Results.load(store, "paris-pres-2022-t1");
        assertThat(stored).extracting(r -> r.station().toString()).containsExactlyInAnyOrder("1-1", "1-2", "15-12");
        assertThat(stored.stream().mapToInt(StationResult::expressed).sum()).isEqualTo(2_500); // 785 + 880 + 835
        String once = TestStores.dump(store);
        assertThat(importer.results(file, year, SourceCategory.OFFICIAL_OPEN_DATA).skipped()).isTrue();
        assertThat(TestStores.dump(store)).isEqualTo(once);
    }

    /** A file whose every round is to come from elsewhere is not written: its early counts are rolled back. */
    @Test
    void aFileOfRoundsTakenElsewhereWritesNothing() {
        String empty = TestStores.dump(store);
        assertThatThrownBy(() -> importer.results(RealData.file(RealData.RESULTS_2020), ResultsOptions.none(),
                SourceCategory.OFFICIAL_OPEN_DATA, java.util.Set.of("paris-2020-t1", "paris-2014-t1")))
                .isInstanceOf(Importer.RoundsImportedOtherwise.class)
                .satisfies(e -> assertThat(((Importer.RoundsImportedOtherwise) e).rounds()).containsExactly("paris-2020-t1"));
        assertThat(TestStores.dump(store)).isEqualTo(empty);
        // one of its rounds taken elsewhere, the other still to come: only that one is written
        ImportReport second = importer.results(RealData.file(RealData.RESULTS_2014),
                new ResultsOptions(null, null, null, null, 20, null), SourceCategory.OFFICIAL_OPEN_DATA,
                java.util.Set.of("paris-2014-t1"));
        assertThat(second.targets()).containsExactly("results:paris-2014-t2");
        assertThat(second.notes()).contains("tour paris-2014-t1 laissé : pris d'un fichier précédent");
        assertThat(Results.load(store, "paris-2014-t1")).isEmpty();
        assertThat(Results.load(store, "paris-2014-t2")).hasSize(76);
    }

    @Test
    void importingTheSameFileTwiceLeavesTheSameState() {
        import2020();
        importer.stations(RealData.file(RealData.STATIONS_2020), null);
        String once = TestStores.dump(store);

        ImportReport again = import2020();
        importer.stations(RealData.file(RealData.STATIONS_2020), null);

        assertThat(again.skipped()).isTrue();
        assertThat(TestStores.dump(store)).isEqualTo(once);
    }

    /** Results of a station the contours lack are kept, and the report says which (status said « 0 bureaux reliés »). */
    @Test
    void resultsOfStationsTheVintageLacksAreKeptAndNamed() throws IOException {
        importer.stations(RealData.file(RealData.STATIONS_2020), null);
        Path file = tmp.resolve("paris_2020_hors_decoupage.csv");
        List<String> lines = Files.readAllLines(RealData.file(RealData.RESULTS_2020));
        List<String> renamed = new ArrayList<>(List.of(lines.get(0)));
        // bureau 1-1's rows given to 1-99 and 1-98, which the 2020 contours (1-1 to 1-6 in the 1st) do not hold
        // (id_bvote, and num_bureau eight fields further)
        for (String n : List.of("99", "98")) {
            lines.stream().filter(l -> l.startsWith("1-1;"))
                    .forEach(l -> renamed.add(l.replaceFirst("^1-1;(?<mid>(?:[^;]*;){7})1;", "1-" + n + ";${mid}" + n + ";")));
        }
        lines.stream().filter(l -> l.startsWith("1-2;")).forEach(renamed::add);
        Files.write(file, renamed);
        ImportReport report = importer.results(file, ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA);
        assertThat(report.notes()).contains("2 bureaux de paris-2020-t1 absents du découpage 2020 (1-98, 1-99) : leurs"
                + " résultats sont gardés, la carte ne les place pas");
        assertThat(Status.read(store).elections().get(0).joinedStations()).isEqualTo(1);
        assertThat(Status.read(store).elections().get(0).stations()).isEqualTo(3);

        // on real data: the 2012 contours lack two of the presidential round's 869 stations, as SOURCE.md says
        importer.stations(RealData.file(RealData.STATIONS_2012), null);
        ImportReport pres = importer.results(RealData.file(RealData.PRES_2012), ResultsOptions.none(),
                SourceCategory.OFFICIAL_OPEN_DATA);
        assertThat(pres.notes()).contains("2 bureaux de paris-pres-2012-t1 absents du découpage 2012 (5-12, 16-28) : leurs"
                + " résultats sont gardés, la carte ne les place pas");
    }

    @Test
    void aChangedFileReplacesTheRowsItCoversInsteadOfAddingThem() throws IOException {
        import2020();
        Path changed = tmp.resolve("paris_2020_corrige.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(RealData.file(RealData.RESULTS_2020)));
        // line index 1 is bureau 1-1, list RÉMY-LELEU with 31 votes: move 1 vote from blancs to her.
        assertThat(lines.get(1)).startsWith("1-1;").endsWith(";31");
        Files.write(changed, lines);
        importer.results(changed, ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA);
        Status s = Status.read(store);
        assertThat(s.elections()).hasSize(1);
        assertThat(s.elections().get(0).resultRows()).isEqualTo(9_561);
        assertThat(s.imports()).isEqualTo(1); // same bytes as before: skipped

        lines.set(1, lines.get(1).replaceFirst(";31$", ";30"));
        lines.replaceAll(l -> l.startsWith("1-1;") ? l.replace(";455;", ";454;").replace(";3;4;", ";4;4;") : l);
        Files.write(changed, lines);
        ImportReport report = importer.results(changed, ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA);
        assertThat(report.warnings()).isEmpty();
        s = Status.read(store);
        assertThat(s.elections().get(0).resultRows()).isEqualTo(9_561);
        StationResult first = Results.load(store, "paris-2020-t1").get(0);
        assertThat(first.station()).hasToString("1-1");
        assertThat(first.expressed()).isEqualTo(454);
        int votes = first.votes().stream().filter(v -> v.list().label().contains("LELEU")).findFirst().orElseThrow().votes();
        assertThat(votes).isEqualTo(30);
    }

    @Test
    void aStationWhoseRowsResumeFurtherDownIsStoredWhole() throws IOException {
        // 1-1's rows but its first moved to the end: it was written early with one list, then its rows resumed
        List<String> lines = new ArrayList<>(Files.readAllLines(RealData.file(RealData.RESULTS_2020)));
        List<String> rest = new ArrayList<>(lines.stream().skip(2).filter(l -> l.startsWith("1-1;")).toList());
        lines.removeAll(rest);
        lines.addAll(rest);
        Path split = tmp.resolve("paris_2020_scinde.csv");
        Files.write(split, lines);
        importer.results(split, ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA);

        assertThat(Status.read(store).elections().get(0).resultRows()).isEqualTo(9_561);
        StationResult first = Results.load(store, "paris-2020-t1").get(0);
        assertThat(first.station()).hasToString("1-1");
        // the file's own lines for 1-1: eleven lists, nb_voix last
        List<String> file11 = lines.stream().filter(l -> l.startsWith("1-1;")).toList();
        assertThat(first.votes()).hasSize(file11.size());
        assertThat(first.votes().stream().mapToInt(StationResult.ListVotes::votes).sum())
                .isEqualTo(file11.stream().mapToInt(l -> Integer.parseInt(l.substring(l.lastIndexOf(';') + 1))).sum());
    }

    @Test
    void aRoundSettledOnlyFurtherDownTheFileIsStoredUnderItsFinalElection() throws IOException {
        // 1-1 and 1-2 without a date and with the year 2014: when 1-1 is written early its round looks like
        // paris-2014-t1; the dates further down make it paris-2020-t1, and nothing of 2014 must stay
        List<String> lines = new ArrayList<>(Files.readAllLines(RealData.file(RealData.RESULTS_2020)));
        lines.replaceAll(l -> l.startsWith("1-1;") || l.startsWith("1-2;")
                ? l.replace(";2020;1;2020-03-15;", ";2014;1;;") : l);
        assertThat(lines.stream().filter(l -> l.contains(";2014;1;;"))).hasSizeGreaterThan(20);
        Path late = tmp.resolve("paris_2020_date_tardive.csv");
        Files.write(late, lines);
        List<String> early = new ArrayList<>();
        try (CsvTable t = CsvTable.open(TextInput.detect(late))) {
            ResultsFormat.recognise(t).orElseThrow().read(t, ResultsOptions.none(), (e, count) -> early.add(e.id()));
        }
        assertThat(early.get(0)).isEqualTo("paris-2014-t1");
        importer.results(late, ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA);

        Status s = Status.read(store);
        assertThat(s.elections()).singleElement().satisfies(e -> {
            assertThat(e.election().id()).isEqualTo("paris-2020-t1");
            assertThat(e.resultRows()).isEqualTo(9_561);
        });
        long elsewhere = store.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM station_result WHERE election_id <> 'paris-2020-t1'").mapTo(Long.class).one());
        assertThat(elsewhere).isZero();
    }

    @Test
    void aRoundNamedByOptionButDatedOnlyFurtherDownIsStoredWithItsFinalDate() throws IOException {
        // --election fixes the id (paris-2020-t1) from the first row; its date, the 2014 calendar's while only
        // 1-1 and 1-2 (year 2014, no date) are read, becomes 2020-03-15 further down: the election is stored so
        List<String> lines = new ArrayList<>(Files.readAllLines(RealData.file(RealData.RESULTS_2020)));
        lines.replaceAll(l -> l.startsWith("1-1;") || l.startsWith("1-2;")
                ? l.replace(";2020;1;2020-03-15;", ";2014;1;;") : l);
        Path late = tmp.resolve("paris_2020_date_tardive.csv");
        Files.write(late, lines);
        ResultsOptions named = new ResultsOptions("paris-2020", null, null, null, null, null);
        importer.results(late, named, SourceCategory.OFFICIAL_OPEN_DATA);

        assertThat(Elections.find(store, "paris-2020-t1")).hasValueSatisfying(
                e -> assertThat(e.date()).isEqualTo(LocalDate.of(2020, 3, 15)));
        assertThat(Status.read(store).elections()).singleElement()
                .satisfies(e -> assertThat(e.resultRows()).isEqualTo(9_561));
    }

    @Test
    void aCorruptedNumberIsReportedWithLineAndColumnAndChangesNothing() throws IOException {
        importer.stations(RealData.file(RealData.STATIONS_2020), null);
        String before = TestStores.dump(store);
        Path corrupted = tmp.resolve("paris_2020_corrompu.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(RealData.file(RealData.RESULTS_2020)));
        // file line 5001 (index 5000): nb_voix is the 18th and last field
        String line = lines.get(5000);
        lines.set(5000, line.substring(0, line.lastIndexOf(';') + 1) + "1O7");
        Files.write(corrupted, lines);

        assertThatThrownBy(() -> importer.results(corrupted, ResultsOptions.none(), SourceCategory.OFFICIAL_OPEN_DATA))
                .isInstanceOfSatisfying(InputError.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0).line()).isEqualTo(5001);
                    assertThat(e.problems().get(0).column()).isEqualTo(18);
                    assertThat(e.problems().get(0).toString()).startsWith("paris_2020_corrompu.csv:5001:18:")
                            .contains("nb_voix").contains("1O7");
                });
        assertThat(TestStores.dump(store)).isEqualTo(before);
    }

    @Test
    @org.junit.jupiter.api.Timeout(60) // it once hung: an UPDATE sent while the new lists' COPY was open waits forever
    void aListWhoseNuanceChangedIsUpdatedBesideANewList() throws IOException {
        ResultsOptions options = new ResultsOptions(null, null, null, null, 20, null);
        importer.results(RealData.file(RealData.RESULTS_2014), options, SourceCategory.OFFICIAL_OPEN_DATA);
        List<String> lines = new ArrayList<>(Files.readAllLines(RealData.file(RealData.RESULTS_2014)));
        // round 1, bureau 1: CHABAILLE's list reclassified from LFN to LEXD, and a new list with no votes
        assertThat(lines.get(1)).isEqualTo("1;1;1305;775;759;2;CHABAILLE Jean-Louis;LFN;50");
        lines.replaceAll(l -> l.replace(";CHABAILLE Jean-Louis;LFN;", ";CHABAILLE Jean-Louis;LEXD;"));
        lines.add(2, "1;1;1305;775;759;99;NOUVELLE Liste;LDIV;0");
        Path changed = tmp.resolve("municipales_2014_reclassees.csv");
        Files.write(changed, lines);

        importer.results(changed, options, SourceCategory.OFFICIAL_OPEN_DATA);

        Map<String, String> nuances = new java.util.TreeMap<>();
        store.jdbi().useHandle(h -> h.createQuery("SELECT label, nuance FROM candidacy WHERE election_id = 'paris-2014-t1'")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).forEach(e -> nuances.put(e.getKey(), e.getValue())));
        assertThat(nuances).containsEntry("CHABAILLE Jean-Louis", "LEXD").containsEntry("NOUVELLE Liste", "LDIV");
    }

    @Test
    void aFailureWhileWritingRollsBackEveryRoundOfTheFile() {
        // Round 2 of 2014 was on 30 March; declaring it on the 31st makes the second round of the
        // file conflict after the first round has been written.
        Elections.add(store, List.of(
                new Election("paris-2014-t2", "paris-2014", ElectionKind.MUNICIPALES, "paris", 2,
                        LocalDate.of(2014, 3, 31), null)));
        String before = TestStores.dump(store);
        ResultsOptions options = new ResultsOptions(null, null, null, null, 20, null);
        assertThatThrownBy(() -> importer.results(RealData.file(RealData.RESULTS_2014), options,
                SourceCategory.OFFICIAL_OPEN_DATA))
                .isInstanceOf(InputError.class).hasMessageContaining("paris-2014-t2");
        assertThat(TestStores.dump(store)).isEqualTo(before);
    }

    @Test
    void contoursAndPollingPlacesOfOneVintageMergeIntoOneStation() {
        importer.stations(RealData.file(RealData.STATIONS_2024), null);
        importer.stations(RealData.file(RealData.POINTS_2024), null);
        Status.VintageStatus v = Status.read(store).stations().get(0);
        assertThat(v.vintage()).isEqualTo(2024);
        assertThat(v.stations()).isEqualTo(902);
        assertThat(v.withContour()).isEqualTo(902);
        assertThat(v.withPlace()).isEqualTo(902);
    }

    @Test
    void banAddressesAreStoredAndACorruptedRowRefusesTheWholeFile() {
        importer.addresses(RealData.file(RealData.BAN_FAUBOURG));
        importer.addresses(RealData.file(RealData.BAN_BUTTE));
        assertThat(Status.read(store).addresses()).isEqualTo(5_340 + 55);
        String before = TestStores.dump(store);
        // SOURCE.md: row 10 of the fixture (file line 11) holds STRING_LON_LAT in lon, the 13th column.
        assertThatThrownBy(() -> importer.addresses(RealData.file(RealData.BAN_CORRUPTED)))
                .isInstanceOfSatisfying(InputError.class, e -> {
                    assertThat(e.problems().get(0).line()).isEqualTo(11);
                    assertThat(e.problems().get(0).column()).isEqualTo(13);
                });
        assertThat(TestStores.dump(store)).isEqualTo(before);
    }

    /**
     * The communes' names come from the BAN files imported ({@code nom_commune}), kept in the same transaction as the
     * addresses; a newer file's spelling replaces the older one.
     */
    @Test
    void theBanImportKeepsTheNameItGivesEachCommune() throws IOException {
        importer.addresses(RealData.file(RealData.BAN_FAUBOURG));
        importer.addresses(RealData.file(RealData.BAN_BUTTE));
        // the files' code_insee and nom_commune columns (cut -d';' -f7,8 | sort | uniq -c): 19, 852, 1,691 and 2,778
        // addresses of the 3rd, 4th, 11th and 12th, 55 of the 13th, one spelling each
        assertThat(communeNames()).containsExactly(Map.entry("75103", "Paris 3e Arrondissement"),
                Map.entry("75104", "Paris 4e Arrondissement"), Map.entry("75111", "Paris 11e Arrondissement"),
                Map.entry("75112", "Paris 12e Arrondissement"), Map.entry("75113", "Paris 13e Arrondissement"));
        Path concarneau = Path.of("src/test/resources/fr/terrain/cli/adresses-29039-essai.csv"); // 52 addresses
        importer.addresses(concarneau);
        assertThat(Geography.sectorNames(store, List.of(12, 29039, 29046)).list(List.of(12, 29039, 29046)))
                .isEqualTo("12e, Concarneau (29039), commune 29046");
        Path konk = tmp.resolve("adresses-29039-konk-kerne.csv"); // the same addresses, named in Breton
        Files.writeString(konk, Files.readString(concarneau, StandardCharsets.UTF_8).replace(";Concarneau;",
                ";Konk-Kerne;"), StandardCharsets.UTF_8);
        importer.addresses(konk);
        assertThat(Geography.sectorNames(store, List.of(29039)).of(29039)).isEqualTo("Konk-Kerne (29039)");
        assertThat(communeNames()).hasSize(6);
    }

    /**
     * A BAN file that breaks between the import's two reads (its check, then its write): the write refuses line 5,001
     * after 4,000 addresses went to the database in batches of 2,000, before any commune's name. The store is left as
     * it was: addresses, names and import log.
     */
    @Test
    void aBanImportFailingWhileItWritesLeavesAddressesAndNamesAsTheyWere() throws IOException {
        importer.addresses(RealData.file(RealData.BAN_BUTTE));
        String before = TestStores.dump(store);
        Path file = tmp.resolve("adresses-faubourg.csv");
        Files.copy(RealData.file(RealData.BAN_FAUBOURG), file);
        Progress breaksTheFileBeforeItsWrite = new Progress() {
            @Override
            public void start(String label, long total) {
                if (label.startsWith("écriture")) {
                    try {
                        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
                        String[] cells = lines.get(5_001).split(";", -1);
                        cells[12] = "est"; // lon, the 13th column
                        lines.set(5_001, String.join(";", cells));
                        Files.write(file, lines, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }

            @Override
            public void update(long done) {}

            @Override
            public void finish() {}
        };
        assertThatThrownBy(() -> new Importer(store, breaksTheFileBeforeItsWrite, false).addresses(file))
                .isInstanceOfSatisfying(InputError.class, e -> {
                    assertThat(e.problems().get(0).line()).isEqualTo(5_002);
                    assertThat(e.problems().get(0).column()).isEqualTo(13);
                });
        assertThat(TestStores.dump(store)).isEqualTo(before);
    }

    /**
     * Two imports at once (a command while another runs): the one that started first, with the smaller id, commits
     * last. The caches of the web app rebuild when the data version changes: it must change at each commit.
     */
    @Test
    void theDataVersionChangesWhenAnImportThatStartedFirstCommitsLast() {
        long before = Geography.dataVersion(store);
        try (Handle first = store.jdbi().open(); Handle second = store.jdbi().open()) {
            first.begin();
            second.begin();
            long firstId = startImport(first);
            long secondId = startImport(second);
            assertThat(firstId).isLessThan(secondId);
            second.commit();
            long afterSecond = Geography.dataVersion(store);
            first.commit();
            assertThat(afterSecond).isNotEqualTo(before);
            assertThat(Geography.dataVersion(store)).isNotEqualTo(afterSecond);
        }
    }

    /**
     * An election imported by mistake is taken back with its lists and counts, in one audited step, and nothing else
     * moves: another election's rows, the list of a contest that needs its rounds (refused), the blocs (named).
     */
    @Test
    void anElectionImportedByMistakeIsRemovedWithItsListsAndCountsAndNothingElse() throws IOException {
        import2020();
        importer.results(RealData.file(RealData.RESULTS_2014), new ResultsOptions(null, null, null, null, 20, null),
                SourceCategory.OFFICIAL_OPEN_DATA);
        Path list = tmp.resolve("liste.csv");
        fr.terrain.demo.CityGenerator.writeElectoralList(list, 20, 3, Progress.NONE);
        Elections.add(store, List.of(new Election("paris-2026-t1", "paris-2026", ElectionKind.MUNICIPALES, "paris", 1,
                LocalDate.of(2026, 3, 15), null)));
        importer.voters(list, "paris-2026", SourceCategory.ELECTORAL_LIST, "Préfecture", LocalDate.of(2026, 1, 10),
                Map.of(), null);
        Blocs.save(store, "gauche", "{\"name\":\"gauche\",\"ours\":{\"paris-2014-t2\":[\"nuance:LUG\"]}}", T0, "claire");
        // a bloc of 2020 whose list is labelled like a round of 2014 says nothing of 2014 (a search of its text named it)
        Blocs.save(store, "étiquette", "{\"name\":\"étiquette\",\"ours\":{\"paris-2020-t1\":[\"paris-2014-t1\"]},"
                + "\"neighbours\":{\"paris-2020-t1\":[\"paris-2014-t2\"]}}", T0, "claire");
        Blocs.save(store, "voisins", "{\"name\":\"voisins\",\"ours\":{\"paris-2020-t1\":[\"nuance:LUG\"]},"
                + "\"neighbours\":{\"paris-2014-t1\":[\"nuance:LDVG\"]}}", T0, "claire");
        String rows2020 = rowsOf("paris-2020-t1");
        long results2014 = count("SELECT COUNT(*) FROM station_result WHERE election_id LIKE 'paris-2014-%'");
        long lists2014 = count("SELECT COUNT(*) FROM candidacy WHERE election_id LIKE 'paris-2014-%'");
        assertThat(results2014).as("the 20th's 76 stations, both rounds").isEqualTo(2 * 76);
        long version = Geography.dataVersion(store);

        Elections.Removal removed = Elections.remove(store, "paris-2014", "claire").orElseThrow();
        assertThat(removed.rounds()).extracting(Election::id).containsExactly("paris-2014-t1", "paris-2014-t2");
        assertThat(removed.results()).isEqualTo(results2014);
        assertThat(removed.lists()).isEqualTo(lists2014);
        assertThat(removed.blocsNamingThem()).containsExactly("gauche", "voisins");
        assertThat(count("SELECT COUNT(*) FROM station_result WHERE election_id LIKE 'paris-2014-%'")
                + count("SELECT COUNT(*) FROM candidacy WHERE election_id LIKE 'paris-2014-%'")).isZero();
        assertThat(Elections.list(store)).extracting(Election::id).containsExactly("paris-2020-t1", "paris-2026-t1");
        assertThat(rowsOf("paris-2020-t1")).isEqualTo(rows2020);
        var entry = AuditLog.all(store).getLast();
        assertThat(entry.action()).isEqualTo("election.remove");
        assertThat(entry.actor()).isEqualTo("claire");
        assertThat(entry.target()).isEqualTo("election:paris-2014");
        assertThat(entry.records()).isEqualTo(results2014);
        // two rounds gone, two declared again: the caches must still see a change
        Elections.add(store, List.of(
                new Election("paris-2014-t1", "paris-2014", ElectionKind.MUNICIPALES, "paris", 1, LocalDate.of(2014, 3, 23), null),
                new Election("paris-2014-t2", "paris-2014", ElectionKind.MUNICIPALES, "paris", 2, LocalDate.of(2014, 3, 30), null)));
        assertThat(Geography.dataVersion(store)).isNotEqualTo(version);
        // a round's date replaced: no count changes, the version does
        long beforeReplace = Geography.dataVersion(store);
        assertThat(Elections.add(store, List.of(new Election("paris-2014-t2", "paris-2014", ElectionKind.MUNICIPALES,
                "paris", 2, LocalDate.of(2014, 3, 31), null)), true, "claire")).containsOnlyKeys("paris-2014-t2");
        assertThat(Elections.find(store, "paris-2014-t2")).hasValueSatisfying(e ->
                assertThat(e.date()).isEqualTo(LocalDate.of(2014, 3, 31)));
        assertThat(Geography.dataVersion(store)).isNotEqualTo(beforeReplace);
        assertThat(AuditLog.all(store).getLast().action()).isEqualTo("election.change");

        // one round of two goes alone; the last round under an electoral list stays, and so does everything
        assertThat(Elections.remove(store, "paris-2014-t2", "claire")).hasValueSatisfying(r ->
                assertThat(r.rounds()).extracting(Election::id).containsExactly("paris-2014-t2"));
        String before = TestStores.dump(store);
        assertThatThrownBy(() -> Elections.remove(store, "paris-2026", "claire")).isInstanceOf(StoreException.class)
                .hasMessageContaining("paris-2026 garde sa liste électorale (20 électeur(s))");
        assertThatThrownBy(() -> Elections.remove(store, "paris-2026-t1", "claire")).isInstanceOf(StoreException.class);
        assertThat(Elections.remove(store, "paris-2041-t1", "claire")).isEmpty();
        assertThat(TestStores.dump(store)).isEqualTo(before);

        // the file imported again once its rounds are gone: imported, not skipped as « déjà importé, rien à faire »
        Elections.remove(store, "paris-2014", "claire");
        ImportReport again = importer.results(RealData.file(RealData.RESULTS_2014),
                new ResultsOptions(null, null, null, null, 20, null), SourceCategory.OFFICIAL_OPEN_DATA);
        assertThat(again.skipped()).isFalse();
        assertThat(count("SELECT COUNT(*) FROM station_result WHERE election_id LIKE 'paris-2014-%'")).isEqualTo(results2014);
        assertThat(rowsOf("paris-2020-t1")).isEqualTo(rows2020);
    }

    private String rowsOf(String election) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT station_code, registered, voters, list_votes FROM station_result"
                + " WHERE election_id = :e ORDER BY station_code").bind("e", election).mapToMap().list().toString()
                + h.createQuery("SELECT label, nuance FROM candidacy WHERE election_id = :e ORDER BY label")
                        .bind("e", election).mapToMap().list());
    }

    private long count(String sql) {
        return store.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static long startImport(Handle h) {
        return h.createUpdate("INSERT INTO import_log (kind, target, file_name, sha256, source_category, options, rows_read,"
                        + " rows_stored, warnings, started_at, finished_at) VALUES ('addresses', 'addresses:essai.csv',"
                        + " 'essai.csv', 'ab', 'official-open-data', '', 0, 0, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** Each commune's kept name, by INSEE code in order. */
    private List<Map.Entry<String, String>> communeNames() {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT insee_code, name FROM commune_name ORDER BY insee_code")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list());
    }

    @Test
    void irisTablesKeepWithheldFiguresAsMissing() {
        importer.iris(RealData.file(RealData.FILOSOFI_2018), null);
        importer.iris(RealData.file(RealData.RP2016_POPULATION), null);
        importer.iris(RealData.file(RealData.IRIS_CONTOURS_2013), null);
        Status s = Status.read(store);
        assertThat(s.irisContours()).singleElement().satisfies(i -> {
            assertThat(i.vintage()).isEqualTo("2013");
            assertThat(i.iris()).isEqualTo(992);
        });
        // SOURCE.md: 870 IRIS, 28 figures each, 239 empty cells (secret statistique).
        assertThat(s.irisDatasets()).anySatisfy(d -> {
            assertThat(d.dataset()).isEqualTo("filosofi-2018");
            assertThat(d.iris()).isEqualTo(870);
            assertThat(d.indicators()).isEqualTo(28);
            assertThat(d.withheld()).isEqualTo(239);
        });
        // SOURCE.md: population by age band sums to 2,145,823 over the file.
        double population = store.jdbi().withHandle(h -> h.createQuery("SELECT SUM(figure) FROM iris_indicator"
                + " WHERE dataset = 'rp-2016' AND indicator LIKE 'P16_POP%'").mapTo(Double.class).one());
        assertThat(population).isCloseTo(2_145_823, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void votersKeepTheirSourceAndForbiddenSourcesAreRefused() throws IOException {
        Path list = tmp.resolve("liste.csv");
        Files.writeString(list, String.join(";", fr.terrain.ingest.ElectoralListReader.COLUMNS) + "\n"
                + "LG;LE;01/01/2026;75;75112;Paris 12e;1;F;DUPONT;;Marie;03/04/1970;Lyon;69;FRANCE;;École;7;;8;;;12;RUE;DE PICPUS;;75012;PARIS;FRANCE\n"
                + "LG;LE;01/01/2026;75;75112;Paris 12e;2;M;DURAND;;Paul;30/11/1990;Paris;75;FRANCE;;École;8;;8;;;14;RUE;DE PICPUS;;75012;PARIS;FRANCE\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> importer.voters(list, "paris-2026", SourceCategory.ELECTORAL_LIST, "Préfecture", null,
                Map.of(), null)).isInstanceOf(InputError.class).hasMessageContaining("paris-2026");
        Elections.add(store, List.of(new Election("paris-2026-t1", "paris-2026", ElectionKind.MUNICIPALES, "paris", 1,
                LocalDate.of(2026, 3, 15), null)));
        String before = TestStores.dump(store);
        for (SourceCategory forbidden : List.of(SourceCategory.PUBLIC_SECTOR_FILE, SourceCategory.SCRAPED_SOCIAL_MEDIA,
                SourceCategory.HR_PAYROLL, SourceCategory.OFFICIAL_OPEN_DATA)) {
            assertThatThrownBy(() -> importer.voters(list, "paris-2026", forbidden, null, null, Map.of(), null))
                    .isInstanceOf(InputError.class);
        }
        assertThat(TestStores.dump(store)).isEqualTo(before);

        importer.voters(list, "paris-2026", SourceCategory.ELECTORAL_LIST, "Préfecture de police",
                LocalDate.of(2026, 1, 10), Map.of(), null);
        var rows = store.jdbi().withHandle(h -> h.createQuery("SELECT station_code, source_category, provider,"
                + " collected_on FROM voter ORDER BY station_code").mapToMap().list());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("station_code", "12-7").containsEntry("source_category", "electoral-list")
                .containsEntry("provider", "Préfecture de police");
        assertThat(rows.get(0).get("collected_on").toString()).isEqualTo("2026-01-10");
    }

    @Test
    void aBadLineFarDownAListRollsBackTheVotersAlreadyWritten() throws IOException {
        // the import writes while it reads, in hand-overs of 1,000 voters: a bad line after three of them
        Elections.add(store, List.of(new Election("paris-2026-t1", "paris-2026", ElectionKind.MUNICIPALES, "paris", 1,
                LocalDate.of(2026, 3, 15), null)));
        Path first = fr.terrain.demo.CityGenerator.writeElectoralList(tmp.resolve("premiere.csv"), 2_500, 3);
        importer.voters(first, "paris-2026", SourceCategory.ELECTORAL_LIST, "Préfecture", LocalDate.of(2026, 1, 10),
                Map.of(), null);
        assertThat(hasBirthDateIndex(store)).isTrue();
        String before = TestStores.dump(store);

        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(
                fr.terrain.demo.CityGenerator.writeElectoralList(tmp.resolve("source.csv"), 4_000, 4)));
        int birth = List.of(fr.terrain.ingest.ElectoralListReader.COLUMNS).indexOf("DateDeNaissance");
        String[] cells = lines.get(3_900).split(";", -1); // line 3,901 of the file, the header being line 1
        cells[birth] = "31/13/1970";
        lines.set(3_900, String.join(";", cells));
        Path second = Files.write(tmp.resolve("seconde.csv"), lines);

        assertThatThrownBy(() -> importer.voters(second, "paris-2026", SourceCategory.ELECTORAL_LIST, "Préfecture",
                LocalDate.of(2026, 2, 10), Map.of(), null))
                .isInstanceOf(InputError.class)
                .hasMessageContaining("seconde.csv:3901:" + (birth + 1) + ": [DateDeNaissance]");
        assertThat(TestStores.dump(store)).isEqualTo(before);
        long voters = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM voter").mapTo(Long.class).one());
        assertThat(voters).isEqualTo(2_500);
        assertThat(hasBirthDateIndex(store)).as("H2 builds the birth-date index again after a load, failed or not").isTrue();
    }

    /** Whether the voter table's birth-date index (rights requests' lookups) exists. */
    static boolean hasBirthDateIndex(Store store) {
        String sql = store.dialect() == Store.Dialect.H2
                ? "SELECT COUNT(*) FROM information_schema.indexes WHERE index_name = 'voter_birth_date'"
                : "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'voter_birth_date' AND schemaname = current_schema()";
        return store.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one()) == 1;
    }

    @Test
    void storedCountsReadBackExactlyAsTheFileGaveThem() {
        for (var file : List.of(RealData.RESULTS_2014, RealData.PRES_2012)) {
            ResultsOptions options = new ResultsOptions(null, null, null, null,
                    file.equals(RealData.RESULTS_2014) ? 20 : null, null);
            fr.terrain.ingest.ResultsFile read;
            try (var table = fr.terrain.ingest.CsvTable.open(fr.terrain.ingest.TextInput.detect(RealData.file(file)))) {
                read = fr.terrain.ingest.ResultsFormat.recognise(table).orElseThrow().read(table, options);
            }
            importer.results(RealData.file(file), options, SourceCategory.OFFICIAL_OPEN_DATA);
            for (var round : read.rounds()) {
                List<StationResult> expected = round.results().stream()
                        .sorted((a, b) -> a.station().compareTo(b.station())).toList();
                assertThat(Results.load(store, round.election().id())).isEqualTo(expected);
            }
        }
    }

    // ---- accounts, sessions, API tokens (V2) ----

    private static final java.time.Instant T0 = java.time.Instant.parse("2026-02-01T09:00:00Z");

    private AccountRecord addAccount(String name, fr.terrain.account.Role role, Integer... sectors) {
        return Accounts.add(store, fr.terrain.account.Account.of(name, role, java.util.Set.of(sectors)),
                "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA", T0);
    }

    @Test
    void anAccountIsStoredWithItsRoleSectorsAndHashAndItsNameIsUnique() {
        AccountRecord added = addAccount("claire", fr.terrain.account.Role.ORGANIZER, 20, 11, 12);
        AccountRecord read = Accounts.find(store, "claire").orElseThrow();
        assertThat(read).isEqualTo(added);
        assertThat(read.account().sectors()).containsExactly(11, 12, 20);
        assertThat(read.account().role()).isEqualTo(fr.terrain.account.Role.ORGANIZER);
        assertThat(read.createdAt()).isEqualTo(T0);
        assertThat(read.disabled()).isFalse();
        assertThatThrownBy(() -> addAccount("claire", fr.terrain.account.Role.ADMIN)).isInstanceOf(StoreException.class)
                .hasMessageContaining("existe déjà");
        assertThat(Accounts.count(store)).isEqualTo(1);
        assertThat(Accounts.find(store, "personne")).isEmpty();
    }

    @Test
    void disablingAnAccountOrChangingItsPasswordEndsItsSessions() {
        AccountRecord a = addAccount("a", fr.terrain.account.Role.ANALYST);
        Sessions.create(store, "1".repeat(64), a.id(), "csrf-a", T0, T0.plusSeconds(3600));
        assertThat(Sessions.find(store, "1".repeat(64))).hasValueSatisfying(s -> {
            assertThat(s.account().name()).isEqualTo("a");
            assertThat(s.csrfToken()).isEqualTo("csrf-a");
            assertThat(s.lastSeenAt()).isEqualTo(T0);
            assertThat(s.expiresAt()).isEqualTo(T0.plusSeconds(3600));
        });
        assertThat(Accounts.setPassword(store, "a", "$argon2id$new")).isTrue();
        assertThat(Accounts.find(store, "a").orElseThrow().passwordHash()).isEqualTo("$argon2id$new");
        assertThat(Sessions.find(store, "1".repeat(64))).isEmpty();

        Sessions.create(store, "2".repeat(64), a.id(), "csrf-b", T0, T0.plusSeconds(3600));
        assertThat(Accounts.disable(store, "a")).isTrue();
        assertThat(Accounts.find(store, "a").orElseThrow().disabled()).isTrue();
        assertThat(Sessions.find(store, "2".repeat(64))).isEmpty();
        assertThat(Accounts.disable(store, "inconnu")).isFalse();
    }

    @Test
    void sessionsAreTouchedAtMostOnceAMinuteAndExpiredOnesAreDeleted() {
        AccountRecord a = addAccount("a", fr.terrain.account.Role.CANVASSER, 3);
        Sessions.create(store, "a".repeat(64), a.id(), "x", T0, T0.plusSeconds(86_400));
        Sessions.create(store, "b".repeat(64), a.id(), "y", T0, T0.plusSeconds(86_400));
        Sessions.touch(store, "a".repeat(64), T0.plusSeconds(30), T0.minusSeconds(30));
        assertThat(Sessions.find(store, "a".repeat(64)).orElseThrow().lastSeenAt()).isEqualTo(T0);
        Sessions.touch(store, "a".repeat(64), T0.plusSeconds(7200), T0.plusSeconds(7140));
        assertThat(Sessions.find(store, "a".repeat(64)).orElseThrow().lastSeenAt()).isEqualTo(T0.plusSeconds(7200));

        assertThat(Sessions.deleteExpired(store, T0.plusSeconds(3600), T0.plusSeconds(7300))).isEqualTo(1);
        assertThat(Sessions.find(store, "b".repeat(64))).isEmpty();
        Sessions.delete(store, "a".repeat(64));
        assertThat(Sessions.find(store, "a".repeat(64))).isEmpty();
    }

    @Test
    void apiTokensAreFoundByHashListedByUserMarkedUsedAndRevoked() {
        AccountRecord a = addAccount("a", fr.terrain.account.Role.ANALYST);
        AccountRecord b = addAccount("b", fr.terrain.account.Role.DIRECTOR);
        ApiToken ta = ApiTokens.create(store, a.id(), "c".repeat(64), "trn_abcdefgh", "export", T0);
        ApiTokens.create(store, b.id(), "d".repeat(64), "trn_ijklmnop", null, T0);
        assertThat(ta.account().name()).isEqualTo("a");
        assertThat(ta.lastUsedAt()).isNull();
        assertThat(ta.usable()).isTrue();

        assertThat(ApiTokens.findByHash(store, "c".repeat(64))).contains(ta);
        assertThat(ApiTokens.findByHash(store, "e".repeat(64))).isEmpty();
        assertThat(ApiTokens.list(store, java.util.Optional.empty())).extracting(ApiToken::prefix)
                .containsExactly("trn_abcdefgh", "trn_ijklmnop");
        assertThat(ApiTokens.list(store, java.util.Optional.of("b"))).extracting(ApiToken::label).containsExactly((String) null);

        ApiTokens.markUsed(store, ta.id(), T0.plusSeconds(10), T0.minusSeconds(50));
        ApiTokens.markUsed(store, ta.id(), T0.plusSeconds(20), T0.minusSeconds(40));
        assertThat(ApiTokens.find(store, ta.id()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(10));

        assertThat(ApiTokens.revoke(store, ta.id(), T0.plusSeconds(60))).isTrue();
        assertThat(ApiTokens.revoke(store, ta.id(), T0.plusSeconds(70))).isFalse();
        ApiToken revoked = ApiTokens.find(store, ta.id()).orElseThrow();
        assertThat(revoked.revokedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(revoked.usable()).isFalse();

        Accounts.disable(store, "b");
        assertThat(ApiTokens.findByHash(store, "d".repeat(64)).orElseThrow().usable()).isFalse();
    }

    @Test
    void failedLoginsAreCountedPerNameAndAddressUntilASuccess() {
        for (int i = 0; i < 3; i++) {
            LoginAttempts.record(store, "a", "10.0.0.1", false, T0.plusSeconds(i));
        }
        LoginAttempts.record(store, "a", "10.0.0.2", false, T0.plusSeconds(5));
        assertThat(LoginAttempts.recentFailures(store, "a", "10.0.0.1", T0)).isEqualTo(3);
        assertThat(LoginAttempts.recentFailures(store, "a", "10.0.0.1", T0.plusSeconds(2))).isEqualTo(1);
        assertThat(LoginAttempts.recentFailuresFrom(store, "10.0.0.2", T0)).isEqualTo(1);
        LoginAttempts.record(store, "a", "10.0.0.1", true, T0.plusSeconds(10));
        assertThat(LoginAttempts.recentFailures(store, "a", "10.0.0.1", T0)).isZero();
    }

    // ---- blocs (V3) ----

    @Test
    void aSavedBlocReplacesTheOneOfTheSameName() {
        Blocs.save(store, "gauche", "{\"name\":\"gauche\",\"ours\":{}}", T0, "claire");
        Blocs.save(store, "droite", "{\"name\":\"droite\",\"ours\":{}}", T0, "claire");
        Blocs.save(store, "gauche", "{\"name\":\"gauche\",\"ours\":{\"e\":[\"A\"]}}", T0.plusSeconds(60), "paul");

        assertThat(Blocs.list(store)).extracting(Blocs.Saved::name).containsExactly("droite", "gauche");
        Blocs.Saved gauche = Blocs.find(store, "gauche").orElseThrow();
        assertThat(gauche.definition()).contains("\"A\"");
        assertThat(gauche.updatedBy()).isEqualTo("paul");
        assertThat(gauche.updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(Blocs.find(store, "centre")).isEmpty();
    }

    // ---- audit log (V4) ----

    @Test
    void theAuditLogIsAChainThatShowsWhereARowWasAlteredOrRemoved() {
        AuditLog.append(store, "claire", "voters.view", "demo-2026", 120, "station=12-3");
        AuditLog.append(store, "claire", "voters.export", "demo-2026", 80, "station=12-3 format=csv");
        AuditLog.append(store, "system", "retention.run", "demo-2026", 1000, "");
        assertThat(fr.terrain.privacy.AuditChain.verify(AuditLog.all(store))).isEmpty();
        assertThat(AuditLog.all(store)).extracting(fr.terrain.privacy.AuditEntry::seq).containsExactly(1L, 2L, 3L);

        store.jdbi().useHandle(h -> h.execute("UPDATE audit_entry SET records = 8 WHERE seq = 2"));
        assertThat(fr.terrain.privacy.AuditChain.verify(AuditLog.all(store)))
                .hasValueSatisfying(b -> assertThat(b.seq()).isEqualTo(2));

        store.jdbi().useHandle(h -> h.execute("UPDATE audit_entry SET records = 80 WHERE seq = 2"));
        assertThat(fr.terrain.privacy.AuditChain.verify(AuditLog.all(store))).isEmpty();
        store.jdbi().useHandle(h -> h.execute("DELETE FROM audit_entry WHERE seq = 1"));
        assertThat(fr.terrain.privacy.AuditChain.verify(AuditLog.all(store)))
                .hasValueSatisfying(b -> assertThat(b.reason()).contains("n° 1"));
    }

    /**
     * A page view's entry written while a change writes its own in a transaction still open (a director's browser
     * asked for the volunteers while giving a turf): each waits for the other, none fails. Both took seq 17 and the
     * change answered 500 (found by a browser test in CI).
     */
    @Test
    void auditEntriesWrittenAtTheSameTimeAreChainedOneAfterTheOther() throws Exception {
        int writers = 4;
        int each = 8;
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            boolean inChange = w % 2 == 0;
            String actor = "writer" + w;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    if (inChange) { // the entry first, then the change's other work, then the commit
                        store.jdbi().useTransaction(h -> {
                            AuditLog.append(h, java.time.Instant.now(), actor, "field.assign", "turf:1", 0, "");
                            Thread.sleep(5);
                        });
                    } else {
                        AuditLog.append(store, actor, "volunteers.view", "volunteers", 3, "tous secteurs");
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (var f : done) {
            f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        pool.shutdown();
        List<fr.terrain.privacy.AuditEntry> all = AuditLog.all(store);
        assertThat(all).extracting(fr.terrain.privacy.AuditEntry::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, writers * each).boxed().toList());
        assertThat(fr.terrain.privacy.AuditChain.verify(all)).isEmpty();
    }

    // ---- retention (issue 6, item 6) ----

    @Test
    void anElectoralListIsPurgedAfterTheLastRoundAndEachStepIsAuditedInTheChain() {
        Path list = tmp.resolve("liste.csv");
        fr.terrain.demo.CityGenerator.writeElectoralList(list, 300, 9, Progress.NONE);
        Elections.add(store, List.of(
                new Election("paris-2026-t1", "paris-2026", ElectionKind.MUNICIPALES, "paris", 1, LocalDate.of(2026, 3, 15), null),
                new Election("paris-2026-t2", "paris-2026", ElectionKind.MUNICIPALES, "paris", 2, LocalDate.of(2026, 3, 22), null)));
        new Importer(store, Progress.NONE, false, "claire").voters(list, "paris-2026", SourceCategory.ELECTORAL_LIST,
                "Préfecture", LocalDate.of(2026, 1, 10), Map.of(), null);
        assertThat(PersonalData.holdings(store)).singleElement().satisfies(h -> {
            assertThat(h.records()).isEqualTo(300);
            assertThat(h.event()).contains(LocalDate.of(2026, 3, 22));
        });
        Path home = tmp.resolve("retention-home");
        var policy = fr.terrain.privacy.RetentionPolicy.defaults();

        var kept = fr.terrain.compliance.RetentionRun.run(store, home, policy, LocalDate.of(2026, 4, 22), false, "system");
        assertThat(kept.recordsDeleted()).isZero();
        var purged = fr.terrain.compliance.RetentionRun.run(store, home, policy, LocalDate.of(2026, 6, 1), false, "system");
        assertThat(purged.recordsDeleted()).isEqualTo(300);
        assertThat(purged.markdown()).exists();
        assertThat(PersonalData.holdings(store)).isEmpty();

        var entries = AuditLog.all(store);
        assertThat(entries).extracting(fr.terrain.privacy.AuditEntry::action)
                .containsExactly("voters.import", "retention.run", "retention.delete", "retention.run");
        assertThat(entries.get(0).actor()).isEqualTo("claire");
        assertThat(entries.get(0).records()).isEqualTo(300);
        assertThat(entries.get(2).records()).isEqualTo(300);
        assertThat(fr.terrain.compliance.AuditCheck.run(store, home, true).intact()).isTrue();

        store.jdbi().useHandle(h -> h.execute("UPDATE audit_entry SET detail = 'rien' WHERE seq = 3"));
        var altered = fr.terrain.compliance.AuditCheck.run(store, home, true);
        assertThat(altered.broken()).hasValueSatisfying(b -> assertThat(b.seq()).isEqualTo(3));
    }

    @Test
    void adminActionsWriteTheirAuditEntryWithTheChange() {
        var user = Accounts.add(store, fr.terrain.account.Account.of("paul", fr.terrain.account.Role.ANALYST,
                java.util.Set.of()), "hash", java.time.Instant.now(), "cli:root");
        var token = ApiTokens.create(store, user.id(), "a".repeat(64), "trn_abcdefgh", "export", java.time.Instant.now(),
                "cli:root");
        assertThat(ApiTokens.revoke(store, token.id(), java.time.Instant.now(), "cli:root")).isTrue();
        assertThat(ApiTokens.revoke(store, token.id(), java.time.Instant.now(), "cli:root")).isFalse();
        assertThat(Accounts.setPassword(store, "paul", "hash2", "cli:root")).isTrue();
        assertThat(Accounts.disable(store, "paul", "cli:root")).isTrue();
        assertThat(Accounts.disable(store, "personne", "cli:root")).isFalse();
        assertThat(AuditLog.all(store)).extracting(fr.terrain.privacy.AuditEntry::action)
                .containsExactly("user.add", "token.create", "token.revoke", "user.password", "user.disable");
        // the account's scope in words: an analyst sees every sector (« secteurs [] » was written)
        assertThat(AuditLog.all(store).get(0).detail()).isEqualTo("rôle analyst, tous secteurs");
        assertThat(AuditLog.list(store, java.util.Optional.empty(), java.util.Optional.of("cli:root"), 2))
                .extracting(fr.terrain.privacy.AuditEntry::seq).containsExactly(4L, 5L);
        assertThat(fr.terrain.privacy.AuditChain.verify(AuditLog.all(store))).isEmpty();
    }
}
