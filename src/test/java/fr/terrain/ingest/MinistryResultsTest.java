package fr.terrain.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.election.Candidacy;
import fr.terrain.election.ElectionKind;
import fr.terrain.election.StationResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Ministry of the Interior's results by polling station, France entière. The fixture is ours, in the layout of
 * the presidential 2022 file ({@code resultats-par-niveau-burvot-t1-france-entiere.txt}: its 28-column header, one
 * group of 7 columns per candidate, only the first named, CRLF, decimal commas); its figures are made up,
 * chosen by hand so that each row adds up. Five rows: a commune of the Ain, three Paris stations (0101, 0102, 1512),
 * and Lyon's station 0101, which must not be taken for Paris's.
 */
public class MinistryResultsTest {
    @TempDir
    Path tmp;

    public static Path fixture() {
        return fixture("resultats-par-niveau-burvot-t1-france-entiere.txt");
    }

    /** One of our fixtures in the Ministry's layouts (src/test/resources/fr/terrain/ingest). */
    public static Path fixture(String name) {
        try {
            return Path.of(MinistryResultsTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ResultsFile read(Path file, ResultsOptions options) {
        try (CsvTable t = CsvTable.open(TextInput.detect(file))) {
            assertThat(ResultsFormat.recognise(t)).contains(MinistryResultsFormat.INSTANCE);
            return MinistryResultsFormat.INSTANCE.read(t, options);
        }
    }

    static ResultsOptions year(int year) {
        return new ResultsOptions(null, null, null, year, null, null);
    }

    @Test
    void parisStationsAreReadWithTheirCandidatesAndTheRestOfFranceIsLeft() {
        ResultsFile f = read(fixture(), year(2022));
        ResultsFile.Round round = f.rounds().get(0);
        assertThat(round.election().id()).isEqualTo("paris-pres-2022-t1");
        assertThat(round.election().kind()).isEqualTo(ElectionKind.PRESIDENTIELLE);
        assertThat(round.election().date()).isEqualTo(LocalDate.of(2022, 4, 10));
        assertThat(round.results()).extracting(r -> r.station().toString()).containsExactly("1-1", "1-2", "15-12");
        // the fixture's figures: inscrits 1000 + 1200 + 1100, exprimés 785 + 880 + 835, Macron 300 + 320 + 350
        assertThat(round.results().stream().mapToInt(StationResult::registered).sum()).isEqualTo(3_300);
        assertThat(round.results().stream().mapToInt(StationResult::expressed).sum()).isEqualTo(2_500);
        assertThat(votes(round, "M. MACRON Emmanuel")).isEqualTo(970);
        assertThat(votes(round, "M. MÉLENCHON Jean-Luc")).isEqualTo(470);
        StationResult first = round.results().get(0);
        assertThat(first.blank()).isEqualTo(10);
        assertThat(first.invalid()).isEqualTo(5);
        assertThat(first.voters()).isEqualTo(800);
        assertThat(round.candidacies()).hasSize(12).first().isEqualTo(new Candidacy("Mme ARTHAUD Nathalie", null, 1));
        assertThat(round.candidacies().get(11)).isEqualTo(new Candidacy("M. DUPONT-AIGNAN Nicolas", null, 12));
        assertThat(f.warnings()).isEmpty();
        assertThat(f.notes()).contains("tour 1 pris du nom du fichier", "3 bureaux de Paris lus, 2 ligne(s) d'autres"
                + " communes ignorées");
    }

    @Test
    void theYearMayComeFromTheElectionIdAndTheRoundMustBeSaid() throws IOException {
        ResultsFile f = read(fixture(), new ResultsOptions("paris-pres-2022-t1", null, null, null, null, null));
        assertThat(f.rounds().get(0).election().date()).isEqualTo(LocalDate.of(2022, 4, 10));

        Path unnamed = Files.copy(fixture(), tmp.resolve("burvot.txt"));
        assertThatThrownBy(() -> read(unnamed, year(2022))).isInstanceOf(InputError.class)
                .hasMessageContaining("burvot.txt").hasMessageContaining("ne dit pas le tour");
        assertThatThrownBy(() -> read(fixture(), ResultsOptions.none())).isInstanceOf(InputError.class)
                .hasMessageContaining("ne dit pas l'année");
        ResultsFile second = read(unnamed, new ResultsOptions("paris-pres-2022-t2", null, null, null, null, null));
        assertThat(second.rounds().get(0).election().date()).isEqualTo(LocalDate.of(2022, 4, 24));
        assertThatThrownBy(() -> read(fixture(), new ResultsOptions(null, null, null, 2022, null, "lyon")))
                .isInstanceOf(InputError.class).hasMessageContaining("pas ceux de lyon");
        // the name says round 1: an --election of round 2 contradicts it
        assertThatThrownBy(() -> read(fixture(), new ResultsOptions("paris-pres-2022-t2", null, null, null, null, null))).isInstanceOf(InputError.class)
                .hasMessageContaining("--election paris-pres-2022-t2 dit le tour 2, le nom du fichier le tour 1");
        // round 1 dated as round 2: said
        ResultsFile late = read(fixture(), new ResultsOptions(null, null, LocalDate.of(2022, 4, 24), null, null, null));
        assertThat(late.warnings()).extracting(Problem::message).containsExactly("le 1er tour (presidentielle 2022) a eu"
                + " lieu le 2022-04-10 (calendrier officiel) ; le fichier le date du 2022-04-24");
    }

    /**
     * The législatives: a nuance per candidate, and as many groups as the circonscription has candidates, so rows of
     * different lengths; the commune written whole (75056), as in later files.
     */
    @Test
    void legislativeRowsHaveAsManyGroupsAsCandidatesAndANuanceEach() throws IOException {
        Path file = tmp.resolve("legislatives-2024-t1-burvot.csv");
        String header = "Code du département;Libellé du département;Code de la circonscription;Code de la commune;"
                + "Libellé de la commune;Code du b.vote;Inscrits;Votants;Blancs;Nuls;Exprimés;"
                + "N°Panneau;Sexe;Nom;Prénom;Nuance;Voix;% Voix/Exp\n";
        Files.writeString(file, header
                + "75;Paris;01;75056;Paris;0101;1000;700;10;10;680;1;F;DURAND;Anne;ENS;300;44,1;2;M;MARTIN;Paul;UG;380;55,9\n"
                + "75;Paris;02;75056;Paris;0501;900;600;5;5;590;1;M;PETIT;Luc;RN;90;15,3;2;F;ROUX;Léa;UG;250;42,4;"
                + "3;M;BLANC;Marc;ENS;250;42,4\n"
                + "75;Paris;01;75056;Paris;0102;800;500;0;0;500;1;F;DURAND;Anne;ENS;200;40;2;M;MARTIN;Paul;UG;300;60;;;;;;;\n");
        ResultsFile f = read(file, ResultsOptions.none());
        ResultsFile.Round round = f.rounds().get(0);
        assertThat(round.election().id()).isEqualTo("paris-leg-2024-t1");
        assertThat(round.election().date()).isEqualTo(LocalDate.of(2024, 6, 30));
        assertThat(round.results()).extracting(r -> r.votes().size()).containsExactly(2, 3, 2);
        assertThat(round.candidacies()).extracting(Candidacy::label, Candidacy::nuance).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Mme DURAND Anne", "ENS"),
                org.assertj.core.groups.Tuple.tuple("M. MARTIN Paul", "UG"),
                org.assertj.core.groups.Tuple.tuple("M. PETIT Luc", "RN"),
                org.assertj.core.groups.Tuple.tuple("Mme ROUX Léa", "UG"),
                org.assertj.core.groups.Tuple.tuple("M. BLANC Marc", "ENS"));
        assertThat(votes(round, "M. MARTIN Paul")).isEqualTo(680);
        assertThat(f.warnings()).isEmpty();
    }

    /**
     * The layout of 2024 and after: every group named, its number at the end ({@code Numéro de panneau 1 … Elu 1;
     * Numéro de panneau 2 …}), the commune's INSEE code whole, {@code Code BV}; a station with fewer candidates leaves
     * its last groups empty.
     */
    @Test
    void theNumberedLayoutOf2024IsReadToo() {
        // the fixture: Paris 0101 (Durand 300, Martin 380), 0102 (200, 300), 0501 (Petit 90, Roux 250, Blanc 250),
        // and a commune of the Ain; three groups in the header, empty ones after a station's last candidate
        Path file = fixture("resultats-legislatives-2024-t1-bv.csv");
        ResultsFile f = read(file, ResultsOptions.none());
        ResultsFile.Round round = f.rounds().get(0);
        assertThat(round.election().id()).isEqualTo("paris-leg-2024-t1");
        assertThat(round.results()).extracting(r -> r.station().toString()).containsExactly("1-1", "1-2", "5-1");
        assertThat(round.results()).extracting(r -> r.votes().size()).containsExactly(2, 2, 3);
        assertThat(votes(round, "M. MARTIN Paul")).isEqualTo(680);
        // FEMININ / MASCULIN as F / M: the same civility
        assertThat(round.candidacies()).extracting(Candidacy::label).startsWith("Mme DURAND Anne", "M. MARTIN Paul");
        assertThat(votes(round, "Mme ROUX Léa")).isEqualTo(250);
        assertThat(f.notes()).contains("élection legislatives prise du nom du fichier");
    }

    /** Lists in the numbered layout could be the municipales' or the européennes': the kind must be said. */
    @Test
    void listsInTheNumberedLayoutNeedTheirKind() throws IOException {
        Path file = tmp.resolve("resultats-t1-bv.csv");
        Files.writeString(file, "Code département;Code commune;Code BV;Inscrits;Votants;Exprimés;Blancs;Nuls;"
                + "Numéro de panneau 1;Nuance liste 1;Libellé abrégé de liste 1;Voix 1;"
                + "Numéro de panneau 2;Nuance liste 2;Libellé abrégé de liste 2;Voix 2\n"
                + "75;75056;0101;1000;600;590;5;5;1;LUG;PARIS EN COMMUN;400;2;LUD;CHANGER PARIS;190\n");
        assertThatThrownBy(() -> read(file, year(2024))).isInstanceOf(InputError.class)
                .hasMessageContaining("précisez --kind");
        ResultsFile f = read(file, new ResultsOptions(null, ElectionKind.EUROPEENNES, null, 2024, null, null));
        assertThat(f.rounds().get(0).election().id()).isEqualTo("paris-euro-2024-t1");
        assertThat(f.rounds().get(0).candidacies()).containsExactly(new Candidacy("PARIS EN COMMUN", "LUG", 1),
                new Candidacy("CHANGER PARIS", "LUD", 2));
    }

    /**
     * The municipales of 2020 in the older layout ({@code Code B.Vote}, {@code N.Pan.}, {@code Code Nuance}, {@code Liste},
     * seats), Latin-1, each line ended by a separator as the Ministry's exports of that time are; the commune's code
     * whole and no département column.
     */
    @Test
    void theMunicipalLayoutInLatin1WithTrailingSeparators() throws IOException {
        Path file = tmp.resolve("2020-05-18-resultats-burvot-t1.txt");
        String header = "Code de la commune;Libellé de la commune;Code B.Vote;Inscrits;Votants;Blancs;Nuls;Exprimés;"
                + "N.Pan.;Code Nuance;Sexe;Nom;Prénom;Liste;Sièges / Elu;Sièges Secteur;Sièges CC;Voix;% Voix/Ins;"
                + "% Voix/Exp;\r\n";
        Files.writeString(file, header
                + "75056;Paris;0701;1000;600;5;5;590;1;LLR;F;DATI;Rachida;CHANGER PARIS;;;;400;40,00;67,80;"
                + "2;LUG;F;HIDALGO;Anne;PARIS EN COMMUN;;;;190;19,00;32,20;\r\n", StandardCharsets.ISO_8859_1);
        ResultsFile f = read(file, year(2020));
        ResultsFile.Round round = f.rounds().get(0);
        assertThat(round.election().id()).isEqualTo("paris-2020-t1");
        assertThat(round.election().kind()).isEqualTo(ElectionKind.MUNICIPALES);
        assertThat(round.candidacies()).containsExactly(new Candidacy("Mme DATI Rachida", "LLR", 1),
                new Candidacy("Mme HIDALGO Anne", "LUG", 2));
        assertThat(round.results()).singleElement().satisfies(r -> {
            assertThat(r.station()).hasToString("7-1");
            assertThat(r.expressed()).isEqualTo(590);
        });
        assertThat(f.warnings()).isEmpty();
    }

    @Test
    void badRowsNameTheirLineAndColumn() throws IOException {
        String header = "Code du département;Code de la commune;Code du b.vote;Inscrits;Votants;Blancs;Nuls;Exprimés;"
                + "N°Panneau;Sexe;Nom;Prénom;Voix\n";
        Path file = tmp.resolve("pres-2022-t1.csv");
        Files.writeString(file, header
                + "75;056;0101;100;50;0;0;50;1;F;A;Anne;50\n"
                + "75;056;1-1;100;50;0;0;50;1;F;A;Anne;50\n"
                + "75;056;0103;100;50;0;0;50;1;F;A;Anne;30;2;M;B\n"
                + "75;056;0101;100;50;0;0;50;1;F;A;Anne;50\n"
                + "75;056;0104;100;50;0;0;50;1;F;A;Anne;x\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(file, ResultsOptions.none())).isInstanceOf(InputError.class)
                .hasMessageContaining("pres-2022-t1.csv:3:3: [Code du b.vote] attendu un code de bureau de 3 ou 4 chiffres")
                .hasMessageContaining("pres-2022-t1.csv:4:14: groupe de candidat incomplet")
                .hasMessageContaining("pres-2022-t1.csv:5:3: [Code du b.vote] bureau 1-1 déjà lu ligne 2")
                .hasMessageContaining("pres-2022-t1.csv:6:13: [Voix]");
        Path nobody = tmp.resolve("pres-2022-t1-ain.csv");
        Files.writeString(nobody, header + "01;001;0001;100;50;0;0;50;1;F;A;Anne;50\n");
        assertThatThrownBy(() -> read(nobody, ResultsOptions.none())).isInstanceOf(InputError.class)
                .hasMessageContaining("aucun bureau de Paris (commune 75056) dans le fichier, 1 ligne(s) d'autres communes");
    }

    private static int votes(ResultsFile.Round round, String label) {
        return round.results().stream().flatMap(r -> r.votes().stream()).filter(v -> v.list().label().equals(label))
                .mapToInt(StationResult.ListVotes::votes).sum();
    }

    @Test
    void theNotesSayWhatTheFileLeftImplicit() {
        assertThat(read(fixture(), year(2022)).notes()).contains("date du tour 1 (2022-04-10) prise du calendrier officiel");
    }
}
