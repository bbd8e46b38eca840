package fr.terrain.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.field.Address;
import fr.terrain.field.Voter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs the fuzzers ({@code fr.terrain.ingest.fuzz}) found crashing a reader, each now a located
 * input error. One test per bug, with the smallest input that showed it.
 */
class ReaderRegressionTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static ResultsFile readResults(Path file, ResultsOptions options) {
        try (CsvTable t = CsvTable.open(TextInput.detect(file))) {
            return ResultsFormat.recognise(t).orElseThrow().read(t, options);
        }
    }

    @Test
    void aStationCodeWithoutDashInAFileWithoutArrondissementColumnIsLocated() throws IOException {
        // the 2020 header with num_arrond misspelt, and an empty id_bvote: the arrondissement is nowhere
        Path f = write("resultats.csv", """
                id_bvote;scrutin;annee;tour;date;num_circ;num_quartier;num_arond;num_bureau;nb_procu;nb_inscr;nb_emarg;nb_votant;nb_blanc;nb_nul;nb_exprim;tete_de_liste;nb_voix
                ;Municipales;2020;1;2020-03-15;1;1;1;1;20;1050;462;462;3;4;455;Mme RÉMY-LELEU Raphaëlle;31
                """);
        assertThatThrownBy(() -> readResults(f, ResultsOptions.none())).isInstanceOfSatisfying(InputError.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.column()).isEqualTo(1);
                    assertThat(p.message()).contains("--arrondissement");
                }));
    }

    @Test
    void aListLabelTooLongForTheStoreIsLocated() throws IOException {
        Path f = write("resultats.csv", "id_bv;inscrits;votants;exprimes;candidat;voix\n"
                + "1-1;1075;854;843;" + "Eva Joly".repeat(51) + ";29\n");
        assertThatThrownBy(() -> readResults(f, ResultsOptions.none())).isInstanceOfSatisfying(InputError.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.column()).isEqualTo(5);
                    assertThat(p.message()).contains("408 caractères, au plus 300");
                }));
    }

    @Test
    void aNulCharacterInACsvFieldIsLocated() throws IOException {
        // H2 stores it, PostgreSQL refuses it: "invalid byte sequence for encoding UTF8: 0x00"
        Path f = write("resultats.csv", "id_bv;inscrits;votants;exprimes;candidat;voix\n"
                + "1-1;1075;854;843;\0Eva Joly;29\n");
        assertThatThrownBy(() -> readResults(f, ResultsOptions.none())).isInstanceOfSatisfying(InputError.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.column()).isEqualTo(5);
                    assertThat(p.message()).contains("caractère nul");
                }));
    }

    @Test
    void warningsOfAnAcceptedFileStopAtFiftyAndCountTheRest() throws IOException {
        // 60 stations, each with more votants than inscrits: 60 warnings, shown as 50 and "… et 10 autres"
        StringBuilder csv = new StringBuilder("id_bv;inscrits;votants;exprimes;candidat;voix\n");
        for (int n = 1; n <= 60; n++) {
            csv.append("1-").append(n).append(";10;20;20;Eva Joly;20\n");
        }
        Path f = write("resultats.csv", csv.toString());
        var warnings = readResults(f, new ResultsOptions(null, null, java.time.LocalDate.of(2012, 4, 22), null, null, null)).warnings();
        assertThat(warnings).hasSize(51);
        assertThat(warnings.get(0).message()).contains("plus de votants (20) que d'inscrits (10)");
        assertThat(warnings.get(50).message()).isEqualTo("… et 10 autres avertissements");
    }

    @Test
    void aNulCharacterInANumberOrInTheHeaderIsLocated() throws IOException {
        Path number = write("resultats.csv", "id_bv;inscrits;votants;exprimes;candidat;voix\n"
                + "1-1;1075;854;843;Eva Joly;2\09\n");
        assertThatThrownBy(() -> readResults(number, ResultsOptions.none())).isInstanceOfSatisfying(InputError.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.column()).isEqualTo(6);
                }));
        Path header = write("resultats.csv", "id_bv;inscrits;vot\0ants;exprimes;candidat;voix\n"
                + "1-1;1075;854;843;Eva Joly;29\n");
        assertThatThrownBy(() -> readResults(header, ResultsOptions.none())).isInstanceOfSatisfying(InputError.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(1);
                    assertThat(p.column()).isEqualTo(3);
                    assertThat(p.message()).contains("caractère nul");
                }));
    }

    @Test
    void anIrisTypeOfMoreThanOneLetterIsLocated() throws IOException {
        Path f = write("contours_iris_2013.geojson", """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"DCOMIRIS": "751145620", "TYP_IRIS": -5},
                   "geometry": {"type": "Polygon", "coordinates": [[[2.35,48.86],[2.36,48.86],[2.36,48.87],[2.35,48.86]]]}}
                ]}
                """);
        assertThatThrownBy(() -> GeoReaders.irisContours(f, null)).isInstanceOfSatisfying(InputError.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.field()).isEqualTo("TYP_IRIS");
                    assertThat(p.message()).contains("\"-5\"");
                }));
    }

    @Test
    void geoJsonTextsTooLongOrWithANulCharacterAreLocated() throws IOException {
        Path f = write("bureaux_2024.geojson", """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"id_bv": "1-4", "nom_bv": "MEDIATHEQUE\\u0000"},
                   "geometry": {"type": "Point", "coordinates": [2.347, 48.861]}},
                  {"type": "Feature", "properties": {"id_bv": "1-5", "nom_bv": "%s"},
                   "geometry": {"type": "Point", "coordinates": [2.347, 48.861]}}
                ]}
                """.formatted("x".repeat(301)));
        assertThatThrownBy(() -> GeoReaders.stations(f, null)).isInstanceOfSatisfying(InputError.class, e ->
                assertThat(e.problems()).satisfiesExactly(
                        p -> assertThat(p.message()).contains("feature n° 1").contains("caractère nul"),
                        p -> assertThat(p.message()).contains("feature n° 2").contains("301 caractères, au plus 300")));
    }

    private static CsvFile<fr.terrain.territory.IrisIndicator> readIrisTable(Path file) {
        try (CsvTable t = CsvTable.open(TextInput.detect(file))) {
            return IrisTableReader.read(t, null);
        }
    }

    @Test
    void anIrisTableColumnWithoutNameOrTwiceTheSameIsLocated() throws IOException {
        // an empty name made IrisIndicator throw; a repeated one broke the store's primary key
        Path f = write("filosofi_2018.csv", "IRIS;DISP_MED18;;DISP_MED18\n751010201;30060;1;2\n");
        assertThatThrownBy(() -> readIrisTable(f)).isInstanceOfSatisfying(InputError.class, e ->
                assertThat(e.problems()).satisfiesExactly(
                        p -> assertThat(p).extracting(Problem::line, Problem::column).containsExactly(1L, 3L),
                        p -> {
                            assertThat(p).extracting(Problem::line, Problem::column).containsExactly(1L, 4L);
                            assertThat(p.message()).isEqualTo("colonne en double : DISP_MED18");
                        }));
    }

    private static long readAddresses(Path file, Consumer<Address> sink) {
        try (CsvTable t = CsvTable.open(TextInput.detect(file))) {
            return BanAddressReader.read(t, sink);
        }
    }

    @Test
    void aBanPostcodeTooLongForTheStoreIsLocated() throws IOException {
        Path f = write("adresses.csv", "id;numero;nom_voie;code_postal;code_insee;lon;lat\n"
                + "75113_4162_00032;32;Rue Gérard;\u000175013;75113;2.352659;48.829819\n");
        assertThatThrownBy(() -> readAddresses(f, a -> { })).isInstanceOfSatisfying(InputError.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.field()).isEqualTo("code_postal");
                    assertThat(p.message()).contains("6 caractères, au plus 5");
                }));
    }

    private static List<Voter> readVoters(Path file) {
        List<Voter> voters = new ArrayList<>();
        try (CsvTable t = CsvTable.open(TextInput.detect(file))) {
            ElectoralListReader.read(t, Map.of(), null, voters::add);
        }
        return voters;
    }

    private static String voterLine(String commune, String postcode) {
        return "LG;LE;05/01/2026;75;" + commune + ";Paris 12e;1000;F;DUPONT;;Marie;03/04/1970;Lyon;69;FRANCE;;École;7;;8;;;"
                + "12;RUE;DE PICPUS;;" + postcode + ";PARIS;FRANCE\n";
    }

    @Test
    void aVoterPostcodeTooLongForTheStoreIsLocated() throws IOException {
        Path f = write("liste.csv", String.join(";", ElectoralListReader.COLUMNS) + "\n"
                + voterLine("75112", "99999999999999999999"));
        assertThatThrownBy(() -> readVoters(f)).isInstanceOfSatisfying(InputError.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.field()).isEqualTo("CodePostal");
                    assertThat(p.message()).contains("20 caractères, au plus 10");
                }));
    }

    @Test
    void aCommuneCodeGivingArrondissementZeroIsLocated() throws IOException {
        // 75120 with a byte lost: 7510 matched as arrondissement 0 and StationCode threw
        Path f = write("liste.csv", String.join(";", ElectoralListReader.COLUMNS) + "\n" + voterLine("7510", "75012"));
        assertThatThrownBy(() -> readVoters(f)).isInstanceOfSatisfying(InputError.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.field()).isEqualTo("CodeCommune");
                }));
    }

    /**
     * Any commune's code is its bureaux' area, as in INSEE's REU (29039_1 is station 29039-1; Corsica's 2A004 is
     * 20004); Paris, Lyon and Marseille's arrondissements and the demo city's keep theirs; the whole city's code gives
     * no station (its list needs --arrondissement).
     */
    @Test
    void aCommuneOutsideTheCitiesWithArrondissementsNumbersItsStationsAsTheReu() throws IOException {
        Path f = write("liste.csv", String.join(";", ElectoralListReader.COLUMNS) + "\n" + voterLine("29039", "29900")
                + voterLine("2A004", "20000") + voterLine("2b033", "20200") + voterLine("75112", "75012")
                + voterLine("69381", "69001") + voterLine("13216", "13016") + voterLine("99020", "99020")
                + voterLine("75056", "75012") + voterLine("69123", "69001") + voterLine("13055", "13001"));
        assertThat(readVoters(f)).extracting(v -> String.valueOf(v.station())).containsExactly("29039-7", "20004-7",
                "20033-7", "12-7", "1-7", "16-7", "20-7", "null", "null", "null");
        List<Voter> withOption = new ArrayList<>();
        try (CsvTable t = CsvTable.open(TextInput.detect(f))) {
            ElectoralListReader.read(t, Map.of(), 12, withOption::add);
        }
        assertThat(withOption).extracting(v -> v.station().toString()).containsOnly("12-7");
    }

    @Test
    void aCommuneCodeThatIsNoCommunesIsLocated() throws IOException {
        for (String code : List.of("2903", "75121", "00999", "2C004")) {
            Path f = write("liste.csv", String.join(";", ElectoralListReader.COLUMNS) + "\n" + voterLine(code, "75012"));
            assertThatThrownBy(() -> readVoters(f)).as(code).isInstanceOfSatisfying(InputError.class, e ->
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.line()).isEqualTo(2);
                        assertThat(p.field()).isEqualTo("CodeCommune");
                        assertThat(p.message()).contains("code de commune « " + code + " »");
                    }));
        }
    }
}
