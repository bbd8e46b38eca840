package fr.terrain.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.demo.CityGenerator.Kind;
import fr.terrain.demo.CityGenerator.Scale;
import fr.terrain.demo.CityGenerator.Settings;
import fr.terrain.election.ElectionKind;
import fr.terrain.ingest.CsvTable;
import fr.terrain.ingest.StationResultsFormat;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.ResultsFile;
import fr.terrain.ingest.ResultsFormat;
import fr.terrain.ingest.ResultsOptions;
import fr.terrain.ingest.TextInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The national benchmark files: presidential layout, France-sized totals, and one-pass consistency. */
class NationalScaleTest {
    private static final Nation.Size SMALL_NATION = new Nation.Size(95, 400, 710.1, 0.531);

    /** Bureau totals from the presidential long layout, checked line by line without holding the file. */
    private record Count(int registered, int voters, int expressed, int blankOrInvalid, long votes, int rows) {}

    private static Map<String, Count> presidentialRowsAddUp(Path file) throws IOException {
        Map<String, Count> bureaux = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            assertThat(in.readLine()).isEqualTo("tour;date;arrondissement;num_bureau;id_bv;inscrits;votants;exprimes;"
                    + "blancs_nuls;P;candidate_id;candidat;voix");
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split(";", -1);
                assertThat(f).hasSize(13);
                assertThat(f[0]).isEqualTo("1");
                assertThat(f[1]).isEqualTo("2027-04-11");
                int area = Integer.parseInt(f[2]);
                assertThat(area).isBetween(1, 95);
                assertThat(f[4]).isEqualTo(area + "-" + Integer.parseInt(f[3]));
                Count c = new Count(Integer.parseInt(f[5]), Integer.parseInt(f[6]), Integer.parseInt(f[7]),
                        Integer.parseInt(f[8]), Integer.parseInt(f[12]), 1);
                Count seen = bureaux.putIfAbsent(f[4], c);
                if (seen != null) {
                    assertThat(c.registered() == seen.registered() && c.voters() == seen.voters()
                            && c.expressed() == seen.expressed() && c.blankOrInvalid() == seen.blankOrInvalid())
                            .as("totals of %s repeat", f[4]).isTrue();
                    bureaux.put(f[4], new Count(seen.registered(), seen.voters(), seen.expressed(),
                            seen.blankOrInvalid(), seen.votes() + c.votes(), seen.rows() + 1));
                }
            }
        }
        bureaux.forEach((code, c) -> {
            assertThat(c.rows()).as("candidates in %s", code).isEqualTo(12);
            assertThat(c.votes()).as("Σ voix of %s", code).isEqualTo(c.expressed());
            assertThat(c.expressed() + c.blankOrInvalid()).as("exprimés + blancs et nuls of %s", code)
                    .isEqualTo(c.voters());
            assertThat(c.voters()).as("votants of %s", code).isLessThanOrEqualTo(c.registered());
        });
        return bureaux;
    }

    @Test
    void theNationalResultsHave69000BureauxOf12CandidatesAnd49MillionVoters(@TempDir Path dir) throws IOException {
        var manifest = CityGenerator.generate(dir, new Settings(Scale.NATIONAL, 5L, EnumSet.of(Kind.RESULTS)),
                Progress.NONE);
        assertThat(manifest.files()).extracting(CityGenerator.WrittenFile::kind).containsExactly(Kind.RESULTS,
                Kind.README);
        Map<String, Count> bureaux = presidentialRowsAddUp(dir.resolve(Nation.RESULTS_FILE));
        assertThat(bureaux).hasSize(69_000);
        long registered = bureaux.values().stream().mapToLong(Count::registered).sum();
        assertThat((double) registered).isCloseTo(49_000_000, Percentage.withPercentage(3));
        assertThat(manifest.rounds()).singleElement().satisfies(r -> {
            assertThat(r.election()).isEqualTo("demo-pres-2027-t1");
            assertThat(r.kind()).isEqualTo(ElectionKind.PRESIDENTIELLE);
        });
    }

    @Test
    void theProjectsReaderTakesTheNationalLayoutAsPresidentialResults(@TempDir Path dir) {
        CityGenerator.generate(dir, new Settings(Scale.NATIONAL, 5L, EnumSet.of(Kind.RESULTS)), Progress.NONE,
                new Nation.Size(95, 2_000, 710.1, 0.531));
        try (CsvTable table = CsvTable.open(TextInput.detect(dir.resolve(Nation.RESULTS_FILE)))) {
            assertThat(ResultsFormat.recognise(table)).contains(StationResultsFormat.PRESIDENTIELLE_BV);
            ResultsFile read = StationResultsFormat.PRESIDENTIELLE_BV.read(table,
                    new ResultsOptions(null, null, null, null, null, CityGenerator.TERRITORY));
            assertThat(read.warnings()).isEmpty();
            assertThat(read.rounds()).singleElement().satisfies(r -> {
                assertThat(r.election().id()).isEqualTo("demo-pres-2027-t1");
                assertThat(r.candidacies()).hasSize(12);
                assertThat(r.results()).hasSize(2_000);
            });
        }
    }

    @Test
    void nationalVotersLiveAtAddressesOfTheirAreaAndMatchTheRegisteredCounts(@TempDir Path dir) throws IOException {
        CityGenerator.generate(dir, new Settings(Scale.NATIONAL, 5L), Progress.NONE, SMALL_NATION);
        Map<String, Count> bureaux = presidentialRowsAddUp(dir.resolve(Nation.RESULTS_FILE));
        assertThat(bureaux).hasSize(400);
        Set<String> addresses = new HashSet<>();
        DemoFiles.forEachRow(dir.resolve(Nation.ADDRESSES_FILE), ";", row -> assertThat(addresses.add(
                row.get("code_insee") + "|" + row.get("nom_ld") + "|" + row.get("nom_afnor") + "|" + row.get("numero")))
                .as("one address %s", row.get("id")).isTrue());
        Map<String, Integer> voters = new HashMap<>();
        DemoFiles.forEachRow(dir.resolve(Nation.VOTERS_FILE), ";", row -> {
            String bureau = Integer.parseInt(row.get("CodeCommune").substring(3)) + "-" + row.get("NoBureauDeVote");
            assertThat(bureaux).containsKey(bureau);
            voters.merge(bureau, 1, Integer::sum);
            String home = row.get("CodeCommune") + "|" + row.get("LieuDit") + "|" + row.get("TypeVoie") + " "
                    + row.get("LibelleVoie") + "|" + row.get("NumeroVoie");
            assertThat(addresses.contains(home)).as("address %s of line %d", home, row.line()).isTrue();
        });
        bureaux.forEach((code, c) -> assertThat(voters.get(code)).as("voters of %s", code).isEqualTo(c.registered()));
    }

    @Test
    void anElectoralListOfAnyLengthSpreadsOverTheDemoCitysBureaux(@TempDir Path dir) {
        Path file = CityGenerator.writeElectoralList(dir.resolve("liste.csv"), 30_000, 1L);
        CityGenerator.generate(dir, new Settings(Scale.PARIS, 1L, EnumSet.of(Kind.STATIONS)), Progress.NONE);
        var stations = DemoFiles.stations(dir).keySet();
        Map<String, Integer> perBureau = new HashMap<>();
        long rows = DemoFiles.forEachRow(file, ";", row -> perBureau.merge(row.get("CodeCommune") + "|"
                + row.get("NoBureauDeVote"), 1, Integer::sum)).size();
        assertThat(perBureau.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(30_000);
        assertThat(perBureau).hasSize(stations.size());
        assertThat(perBureau.keySet()).allSatisfy(k -> assertThat(stations.contains(new fr.terrain.election.StationCode(
                Integer.parseInt(k.substring(3, 5)), Integer.parseInt(k.substring(6))))).as(k).isTrue());
        assertThat(rows).isEqualTo(29);
    }
}
