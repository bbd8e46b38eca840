package fr.terrain.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.RealData;
import fr.terrain.election.ElectionKind;
import fr.terrain.election.StationResult;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results readers on the real Paris files, checked against the figures their publishers give. */
class ResultsReadersTest {
    @TempDir
    Path tmp;

    static ResultsFile read(Path file, ResultsOptions options) {
        try (CsvTable t = CsvTable.open(TextInput.detect(file))) {
            return ResultsFormat.recognise(t).orElseThrow().read(t, options);
        }
    }

    static double share(ResultsFile.Round round, String labelPart) {
        long votes = 0;
        long expressed = 0;
        for (StationResult r : round.results()) {
            expressed += r.expressed();
            votes += r.votes().stream().filter(v -> v.list().label().contains(labelPart))
                    .mapToLong(StationResult.ListVotes::votes).sum();
        }
        return 100.0 * votes / expressed;
    }

    @Test
    void paris2014With20thImpliedReadsBothRoundsAndNuances() {
        ResultsFile f = read(RealData.file(RealData.RESULTS_2014), new ResultsOptions(null, null, null, null, 20, null));
        assertThat(f.rounds()).hasSize(2);
        ResultsFile.Round r1 = f.rounds().get(0);
        assertThat(r1.election().id()).isEqualTo("paris-2014-t1");
        assertThat(r1.election().date()).isEqualTo(LocalDate.of(2014, 3, 23)); // official calendar
        assertThat(r1.results()).hasSize(76);
        assertThat(r1.results().get(0).station().arrondissement()).isEqualTo(20);
        assertThat(r1.candidacies()).hasSize(11)
                .anySatisfy(c -> assertThat(c).isEqualTo(new fr.terrain.election.Candidacy("CALANDRA Frédérique", "LUG", 3)));
        // SOURCE.md: round 1 107,381 inscrits, 54,966 exprimés, Calandra 37.30 %; round 2 Calandra 55.07 %.
        assertThat(r1.results().stream().mapToInt(StationResult::registered).sum()).isEqualTo(107_381);
        assertThat(r1.results().stream().mapToInt(StationResult::expressed).sum()).isEqualTo(54_966);
        assertThat(share(r1, "CALANDRA")).isCloseTo(37.30, org.assertj.core.data.Offset.offset(0.005));
        assertThat(share(f.rounds().get(1), "CALANDRA")).isCloseTo(55.07, org.assertj.core.data.Offset.offset(0.005));
        assertThat(f.warnings()).isEmpty();
    }

    @Test
    void presidential2012MatchesTheOfficialParisShares() {
        ResultsFile f = read(RealData.file(RealData.PRES_2012), ResultsOptions.none());
        ResultsFile.Round r1 = f.rounds().get(0);
        assertThat(r1.election().kind()).isEqualTo(ElectionKind.PRESIDENTIELLE);
        assertThat(r1.election().id()).isEqualTo("paris-pres-2012-t1");
        assertThat(r1.results()).hasSize(869);
        assertThat(f.rounds().get(1).results()).hasSize(868);
        // Official Paris round 1: 992,450 exprimés; Hollande 34.83 %, Sarkozy 32.19 %.
        assertThat(r1.results().stream().mapToInt(StationResult::expressed).sum()).isEqualTo(992_450);
        assertThat(share(r1, "Hollande")).isCloseTo(34.83, org.assertj.core.data.Offset.offset(0.005));
        assertThat(share(r1, "Sarkozy")).isCloseTo(32.19, org.assertj.core.data.Offset.offset(0.005));
        // blancs_nuls = votants − exprimés on every row (SOURCE.md)
        assertThat(r1.results()).allSatisfy(r -> assertThat(r.blankOrInvalid()).contains(r.voters() - r.expressed()));
        assertThat(f.warnings()).isEmpty();
    }

    /**
     * The Ville de Paris originals (one file per arrondissement, one column per list) against the long file the data's
     * curator built from them (SOURCE.md: only the dates and arr. 15's circonscriptions changed, neither of which a
     * count holds): every station's totals and every list's votes the same, read by two layouts of the reader.
     */
    @Test
    void theVilleDeParisWideOriginalsHoldTheLongFilesCounts() {
        ResultsFile.Round whole = read(RealData.file(RealData.RESULTS_2020), ResultsOptions.none()).rounds().get(0);
        java.util.Map<fr.terrain.election.StationCode, StationResult> longCounts = new java.util.HashMap<>();
        whole.results().forEach(r -> longCounts.put(r.station(), r));
        int stations = 0;
        int files = 0;
        for (int a = 1; a <= 20; a++) {
            Path original = RealData.file(RealData.RESULTS_2020_ORIGINALS + String.format(
                    "ddct_berp_municipales_2020_tour1_ardt_%02d_20200315.csv", a));
            try (CsvTable t = CsvTable.open(TextInput.detect(original))) {
                assertThat(ResultsFormat.recognise(t)).contains(StationResultsFormat.PARIS_MUNICIPALES_WIDE);
            }
            ResultsFile f = read(original, ResultsOptions.none());
            assertThat(f.rounds()).hasSize(1);
            ResultsFile.Round round = f.rounds().get(0);
            assertThat(round.election()).isEqualTo(whole.election());
            for (StationResult r : round.results()) {
                assertThat(r.station().arrondissement()).isEqualTo(a);
                StationResult expected = longCounts.get(r.station());
                assertThat(expected).as("bureau %s", r.station()).isNotNull();
                assertThat(r.registered()).isEqualTo(expected.registered());
                assertThat(r.voters()).isEqualTo(expected.voters());
                assertThat(r.blank()).isEqualTo(expected.blank());
                assertThat(r.invalid()).isEqualTo(expected.invalid());
                assertThat(r.expressed()).isEqualTo(expected.expressed());
                assertThat(r.proxies()).isEqualTo(expected.proxies());
                assertThat(votesByLabel(r)).as("bureau %s", r.station()).isEqualTo(votesByLabel(expected));
                stations++;
            }
            files++;
        }
        assertThat(files).isEqualTo(20);
        assertThat(stations).isEqualTo(897); // SOURCE.md: 897 bureaux
    }

    @Test
    void aWideFileWithCorruptedDatesWarnsAndKeepsTheRoundsFirstDate() {
        // SOURCE.md: DATE is corrupted on some rows of the originals (2008/03/11 on the 10th row of arr. 3)
        ResultsFile f = read(RealData.file(RealData.RESULTS_2020_ORIGINALS
                + "ddct_berp_municipales_2020_tour1_ardt_03_20200315.csv"), ResultsOptions.none());
        assertThat(f.rounds().get(0).election().id()).isEqualTo("paris-2020-t1");
        assertThat(f.rounds().get(0).election().date()).isEqualTo(LocalDate.of(2020, 3, 15));
        // the row that holds it, line 11 (checked in the file: 3-10,Municipales,2020,1,2008/03/11,...)
        assertThat(f.warnings()).singleElement().satisfies(w -> {
            assertThat(w.line()).isEqualTo(11);
            assertThat(w.message()).isEqualTo("date 2008-03-11 au tour 1, daté du 2020-03-15 (ligne 2) :"
                    + " cette date-là est retenue");
        });
    }

    /** The spoilt row first: the round still takes the date of the year its ANNEE column states. */
    @Test
    void aSpoiltDateOnTheFirstRowDoesNotMakeTheRoundAnotherElection() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(RealData.file(RealData.RESULTS_2020_ORIGINALS
                + "ddct_berp_municipales_2020_tour1_ardt_03_20200315.csv")));
        String spoilt = lines.remove(10); // line 11: 3-10,Municipales,2020,1,2008/03/11,…
        assertThat(spoilt).startsWith("3-10,Municipales,2020,1,2008/03/11,");
        lines.add(1, spoilt);
        Path moved = tmp.resolve("ardt_03_spoilt_first.csv");
        Files.write(moved, lines);
        ResultsFile f = read(moved, ResultsOptions.none());
        assertThat(f.rounds()).singleElement().satisfies(r -> {
            assertThat(r.election().id()).isEqualTo("paris-2020-t1");
            assertThat(r.election().date()).isEqualTo(LocalDate.of(2020, 3, 15));
        });
        assertThat(f.warnings()).singleElement().satisfies(w -> assertThat(w.line()).isEqualTo(2));
    }

    /** Mistakes a spreadsheet lets through: said (a station of another arrondissement, a date off the calendar) or refused. */
    @Test
    void aStationOfAnotherArrondissementADateOffTheCalendarAndA21stArrondissement() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(RealData.file(RealData.RESULTS_2020_ORIGINALS
                + "ddct_berp_municipales_2020_tour1_ardt_05_20200315.csv")));
        assertThat(lines.get(3)).startsWith("5-3,Municipales,2020,1,2020/03/15,2,20,5,3,");
        lines.set(3, lines.get(3).replaceFirst("^5-3,(Municipales,2020,1,2020/03/15,2,20),5,3,", "6-1,$1,6,1,"));
        Path mistyped = tmp.resolve("ardt_05_faute.csv");
        Files.write(mistyped, lines);
        ResultsFile f = read(mistyped, ResultsOptions.none());
        assertThat(f.warnings()).anySatisfy(w -> {
            assertThat(w.line()).isEqualTo(4);
            assertThat(w.message()).contains("bureau 6-1 dans un fichier des bureaux du 5e arrondissement");
        });

        // a row of round 2 in a round-1 file: its round takes the file's date, which the calendar contradicts
        Path round2 = tmp.resolve("tour2.csv");
        Files.writeString(round2, "ID_BVOTE,SCRUTIN,ANNEE,TOUR,DATE,NB_INSCR,NB_VOTANT,NB_BLANC,NB_NUL,NB_EXPRIM,A,B\n"
                + "1-1,Municipales,2020,1,2020-03-15,100,50,1,1,48,40,8\n"
                + "1-2,Municipales,2020,2,2020-03-15,100,50,1,1,48,40,8\n");
        ResultsFile two = read(round2, ResultsOptions.none());
        assertThat(two.rounds()).extracting(r -> r.election().id()).containsExactly("paris-2020-t1", "paris-2020-t2");
        assertThat(two.warnings()).extracting(Problem::message).containsExactly("le 2e tour (municipales 2020) a eu"
                + " lieu le 2020-06-28 (calendrier officiel) ; le fichier le date du 2020-03-15");

        Path twentyFirst = tmp.resolve("ardt_21.csv");
        Files.writeString(twentyFirst, "ID_BVOTE,SCRUTIN,ANNEE,TOUR,DATE,NB_INSCR,NB_VOTANT,NB_BLANC,NB_NUL,NB_EXPRIM,A\n"
                + "21-2,Municipales,2020,1,2020-03-15,100,50,1,1,48,48\n");
        assertThatThrownBy(() -> read(twentyFirst, ResultsOptions.none())).isInstanceOf(InputError.class)
                .hasMessageContaining("ardt_21.csv:2:1: [ID_BVOTE] Paris a 20 arrondissements ; bureau 21-2");
        // another city may have more
        assertThat(read(twentyFirst, new ResultsOptions(null, null, null, null, null, "ailleurs")).rounds())
                .isNotEmpty();
    }

    @Test
    void aWideHeaderNamesEachListOnce() throws IOException {
        Path twice = tmp.resolve("twice.csv");
        Files.writeString(twice, "ID_BVOTE,SCRUTIN,ANNEE,TOUR,DATE,NB_INSCR,NB_VOTANT,NB_BLANC,NB_NUL,NB_EXPRIM,A,B,A\n"
                + "1-1,Municipales,2020,1,2020-03-15,100,50,1,1,48,20,20,8\n");
        assertThatThrownBy(() -> read(twice, ResultsOptions.none())).isInstanceOf(InputError.class)
                .hasMessageContaining("twice.csv:1:13").hasMessageContaining("la liste \"A\" a déjà la colonne 11");
        Path unnamed = tmp.resolve("unnamed.csv");
        Files.writeString(unnamed, "ID_BVOTE,SCRUTIN,ANNEE,TOUR,DATE,NB_INSCR,NB_VOTANT,NB_BLANC,NB_NUL,NB_EXPRIM,A,\n"
                + "1-1,Municipales,2020,1,2020-03-15,100,50,1,1,48,48,0\n");
        assertThatThrownBy(() -> read(unnamed, ResultsOptions.none())).isInstanceOf(InputError.class)
                .hasMessageContaining("unnamed.csv:2:12").hasMessageContaining("colonne sans en-tête");
        // columns in another order, and an empty trailing column: the same count
        Path shuffled = tmp.resolve("shuffled.csv");
        Files.writeString(shuffled, "B,NB_EXPRIM,ID_BVOTE,NB_INSCR,A,NB_VOTANT,NB_BLANC,NB_NUL,DATE,TOUR,\n"
                + "8,48,1-1,100,40,50,1,1,2020-03-15,1,\n");
        StationResult count = read(shuffled, ResultsOptions.none()).rounds().get(0).results().get(0);
        assertThat(count.expressed()).isEqualTo(48);
        assertThat(votesByLabel(count)).isEqualTo(java.util.Map.of("A", 40, "B", 8));
        Path shifted = tmp.resolve("shifted.csv");
        Files.writeString(shifted, "ID_BVOTE,SCRUTIN,ANNEE,TOUR,DATE,NB_INSCR,NB_VOTANT,NB_BLANC,NB_NUL,NB_EXPRIM,A,B\n"
                + "1-1,Municipales,2020,1,2020-03-15,100,50,1,1,48,40,8\n"
                + "1-2,Municipales,2020,1,2020-03-15,100,50,1,1,48,40,x\n");
        assertThatThrownBy(() -> read(shifted, ResultsOptions.none())).isInstanceOf(InputError.class)
                .hasMessageContaining("shifted.csv:3:12");
    }

    private static java.util.Map<String, Integer> votesByLabel(StationResult r) {
        java.util.Map<String, Integer> m = new java.util.HashMap<>();
        r.votes().forEach(v -> m.put(v.list().label(), v.votes()));
        return m;
    }

    @Test
    void theSameDataInLatin1CrlfCommasAndShuffledColumnsReadsTheSame() throws IOException {
        Path original = RealData.file(RealData.RESULTS_2014);
        List<String> lines = Files.readAllLines(original, StandardCharsets.UTF_8);
        int columns = lines.get(0).split(";", -1).length;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(7));
        StringBuilder variant = new StringBuilder();
        for (String line : lines) {
            String[] fields = line.split(";", -1);
            List<String> shuffled = new ArrayList<>();
            for (int i : order) {
                shuffled.add(fields[i].contains(",") ? '"' + fields[i] + '"' : fields[i]);
            }
            variant.append(String.join(",", shuffled)).append("\r\n");
        }
        Path copy = tmp.resolve("variante.csv");
        Files.write(copy, variant.toString().getBytes(Charset.forName("windows-1252")));

        ResultsOptions options = new ResultsOptions(null, null, null, null, 20, null);
        ResultsFile expected = read(original, options);
        ResultsFile actual = read(copy, options);
        assertThat(actual.rounds()).isEqualTo(expected.rounds());
    }

    @Test
    void aBomAndUpperCaseHeadersAreAccepted() throws IOException {
        byte[] body = Files.readAllBytes(RealData.file(RealData.RESULTS_2020));
        String text = new String(body, StandardCharsets.UTF_8);
        int eol = text.indexOf('\n');
        String upper = text.substring(0, eol).toUpperCase() + text.substring(eol);
        Path copy = tmp.resolve("bom.csv");
        byte[] utf8 = upper.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[utf8.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);
        Files.write(copy, withBom);
        ResultsFile f;
        try (CsvTable t = CsvTable.open(TextInput.detect(copy))) {
            f = ResultsFormat.recognise(t).orElseThrow().read(t, ResultsOptions.none());
            // the digest made while reading covers every byte, the BOM included
            assertThat(t.sha256()).contains(Importer.sha256(copy));
        }
        assertThat(f.rounds().get(0).results()).hasSize(897);
        assertThat(f.listRows()).isEqualTo(9_561);
        assertThat(f.rounds().get(0).candidacies()).anySatisfy(c -> assertThat(c.label()).isEqualTo("Mme RÉMY-LELEU Raphaëlle"));
    }

    @Test
    void eachStationIsHandedOverWhenItsRowsEndAndARowResumingItTakesItBack() throws IOException {
        // 1-1's rows but its first moved to the end of the file: 1-1 looks whole when 1-2 begins, then is not
        List<String> lines = new ArrayList<>(Files.readAllLines(RealData.file(RealData.RESULTS_2020)));
        List<String> rest = new ArrayList<>(lines.stream().skip(2).filter(l -> l.startsWith("1-1;")).toList());
        assertThat(rest).hasSize(10);
        lines.removeAll(rest);
        lines.addAll(rest);
        Path split = tmp.resolve("scinde.csv");
        Files.write(split, lines);

        for (Path file : List.of(RealData.file(RealData.RESULTS_2020), split)) {
            java.util.Map<StationResult, String> handedOver = new java.util.IdentityHashMap<>();
            ResultsFile f;
            try (CsvTable t = CsvTable.open(TextInput.detect(file))) {
                f = ResultsFormat.recognise(t).orElseThrow().read(t, ResultsOptions.none(),
                        (election, count) -> assertThat(handedOver.put(count, election.id())).isNull());
            }
            List<StationResult> results = f.rounds().get(0).results();
            assertThat(handedOver).hasSize(897);
            assertThat(handedOver.values()).containsOnly("paris-2020-t1");
            // the file read is the truth: a count handed over is final only if it is the very object of the file
            StationResult first = results.get(0);
            assertThat(first.station()).hasToString("1-1");
            assertThat(first.votes()).hasSize(11);
            assertThat(handedOver.containsKey(first)).isEqualTo(file != split);
            assertThat(results.stream().skip(1)).allSatisfy(r -> assertThat(handedOver).containsKey(r));
        }
    }

    @Test
    void brokenSumsAreWarningsWithTheirLine() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(RealData.file(RealData.RESULTS_2020)));
        lines.set(1, lines.get(1).replaceFirst(";31$", ";32")); // bureau 1-1: Σ voix = 456 ≠ 455 exprimés
        Path copy = tmp.resolve("somme.csv");
        Files.write(copy, lines);
        ResultsFile f = read(copy, ResultsOptions.none());
        assertThat(f.warnings()).singleElement().satisfies(w -> {
            assertThat(w.line()).isEqualTo(2);
            assertThat(w.message()).contains("1-1").contains("456").contains("455");
        });
    }

    @Test
    void aFileWithoutArrondissementAsksForOneWhenItsNameDoesNotSayIt() throws IOException {
        Path anonymous = Files.copy(RealData.file(RealData.RESULTS_2014), tmp.resolve("resultats.csv"));
        assertThatThrownBy(() -> read(anonymous, ResultsOptions.none()))
                .isInstanceOf(InputError.class).hasMessageContaining("--arrondissement");
    }

    @Test
    void theFileNameFillsAMissingArrondissementAndTheOptionOverridesIt() {
        // "paris20e" in resultats_municipales_2014_paris20e.csv: the 20th, said in a note
        ResultsFile f = read(RealData.file(RealData.RESULTS_2014), ResultsOptions.none());
        assertThat(f.rounds().get(0).results()).allSatisfy(r -> assertThat(r.station().arrondissement()).isEqualTo(20));
        assertThat(f.notes()).anySatisfy(n -> assertThat(n).contains("arrondissement 20 pris du nom du fichier"));
        ResultsFile forced = read(RealData.file(RealData.RESULTS_2014), new ResultsOptions(null, null, null, null, 19, null));
        assertThat(forced.rounds().get(0).results()).allSatisfy(r -> assertThat(r.station().arrondissement()).isEqualTo(19));
        assertThat(forced.notes()).noneSatisfy(n -> assertThat(n).contains("nom du fichier"));
    }

    @Test
    void aContestIdNamesEachRoundAndARoundIdMustMatchTheFile() {
        ResultsFile f = read(RealData.file(RealData.RESULTS_2014),
                new ResultsOptions("paris-2014-bis", null, null, null, 20, null));
        assertThat(f.rounds()).extracting(r -> r.election().id()).containsExactly("paris-2014-bis-t1", "paris-2014-bis-t2");
        assertThatThrownBy(() -> read(RealData.file(RealData.RESULTS_2014),
                new ResultsOptions("paris-2014-t1", null, null, null, 20, null)))
                .isInstanceOf(InputError.class).hasMessageContaining("tour 2");
    }

    @Test
    void aListTwiceForOneStationIsAnErrorWithFewListsOrMany() throws IOException {
        // a station's lists are told apart by a scan up to 32 lists, by hashing beyond: both must find the twin
        for (int lists : new int[] {3, 40}) {
            List<String> lines = new ArrayList<>(List.of("id_bvote;tour;date;nb_inscr;nb_votant;nb_exprim;tete_de_liste;nb_voix"));
            for (int i = 1; i <= lists; i++) {
                lines.add("1-1;1;2020-03-15;1000;500;" + (lists + 1) + ";Liste " + i + ";1");
            }
            lines.add("1-1;1;2020-03-15;1000;500;" + (lists + 1) + ";Liste 2;1");
            Path file = tmp.resolve("double-" + lists + ".csv");
            Files.write(file, lines);
            assertThatThrownBy(() -> read(file, ResultsOptions.none())).isInstanceOf(InputError.class)
                    .hasMessageContaining("double-" + lists + ".csv:" + (lists + 2) + ":")
                    .hasMessageContaining("\"Liste 2\" apparaît deux fois pour le bureau 1-1");
            Files.write(file, lines.subList(0, lines.size() - 1));
            assertThat(read(file, ResultsOptions.none()).rounds().get(0).results().get(0).votes()).hasSize(lists);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLayoutCanBeTheFirstResultsClassAProgramTouches() throws Exception {
        // a fresh class loader, so that nothing has initialised ResultsFormat before StationResultsFormat
        java.net.URL classes = StationResultsFormat.class.getProtectionDomain().getCodeSource().getLocation();
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> layout = Class.forName(StationResultsFormat.class.getName(), true, loader);
            Object paris = layout.getField("PARIS_MUNICIPALES").get(null);
            assertThat(paris).isNotNull();
            Class<?> formats = Class.forName(ResultsFormat.class.getName(), true, loader);
            assertThat((List<Object>) formats.getMethod("all").invoke(null)).hasSize(5).contains(paris).doesNotContainNull();
        }
    }
}
