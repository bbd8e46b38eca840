package fr.terrain.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.election.CommuneCodes;
import fr.terrain.ingest.CsvTable;
import fr.terrain.ingest.Progress;
import fr.terrain.ingest.ReuAddressReader;
import fr.terrain.ingest.TextInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic REU table: the same seed gives the same bytes, every row is one the importer accepts, and its codes are
 * communes' (never Paris, Lyon or Marseille's, never two Corsican codes for one station area).
 */
class ReuTableTest {
    @TempDir
    Path dir;

    @Test
    void theSameSeedGivesTheSameFileWhichTheImporterReadsWhole() throws IOException {
        ReuTable.Written a = ReuTable.write(dir.resolve("a.csv"), ReuTable.Size.SMALL, 7, Progress.NONE);
        ReuTable.write(dir.resolve("b.csv"), ReuTable.Size.SMALL, 7, Progress.NONE);
        ReuTable.write(dir.resolve("c.csv"), ReuTable.Size.SMALL, 8, Progress.NONE);
        assertThat(Files.mismatch(dir.resolve("a.csv"), dir.resolve("b.csv"))).isEqualTo(-1);
        assertThat(Files.mismatch(dir.resolve("a.csv"), dir.resolve("c.csv"))).isNotEqualTo(-1);
        List<String> lines = Files.readAllLines(dir.resolve("a.csv"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo(ReuTable.HEADER);
        assertThat(lines).hasSize((int) a.rows() + 1);
        Set<String> communes = new HashSet<>();
        Set<String> bureaux = new HashSet<>();
        lines.stream().skip(1).map(l -> l.split(";", -1)).forEach(f -> {
            assertThat(f).hasSize(10);
            communes.add(f[0]);
            bureaux.add(f[2]);
            assertThat(f[2]).startsWith(f[0] + "_");
        });
        assertThat(communes).hasSize(40).noneMatch(CommuneCodes::dividedIntoArrondissements);
        assertThat(bureaux).hasSize(80);
        try (CsvTable t = CsvTable.open(TextInput.detect(dir.resolve("a.csv")))) {
            ReuAddressReader.Read read = ReuAddressReader.read(t);
            assertThat(read.rows()).isEqualTo(a.rows());
            assertThat(read.bureaux()).hasSize(80);
        }
    }

    @Test
    void communeCodesSkipLyonAndMarseilleAndTheirArrondissementsRangesAndCorsicaSharesTheFormer20() {
        assertThat(ReuTable.communeCode("29", 38)).isEqualTo("29039");
        assertThat(ReuTable.communeCode("69", 121)).isEqualTo("69122");
        assertThat(ReuTable.communeCode("69", 122)).isEqualTo("69124"); // 69123: Lyon
        assertThat(ReuTable.communeCode("69", 377)).isEqualTo("69379");
        assertThat(ReuTable.communeCode("69", 378)).isEqualTo("69390"); // 69380–69389: its arrondissements' range
        assertThat(ReuTable.communeCode("13", 54)).isEqualTo("13056"); // 13055: Marseille
        assertThat(ReuTable.communeCode("13", 197)).isEqualTo("13199");
        assertThat(ReuTable.communeCode("13", 198)).isEqualTo("13300"); // 13200–13299: its arrondissements' range
        assertThat(ReuTable.communeCode("2A", 3)).isEqualTo("2A007");
        assertThat(ReuTable.communeCode("2B", 3)).isEqualTo("2B008");
        assertThat(ReuTable.DEPARTEMENTS).hasSize(95).contains("2A", "2B").doesNotContain("20", "75");
    }

    /**
     * Over every index a table may use (up to 450 communes a département), every code is a commune's with a station
     * area of its own: never Lyon, Marseille or one of their arrondissements, never two codes for one area. (The SMALL
     * table's 40 communes are all in the Ain, far from the codes skipped.)
     */
    @Test
    void everyCodeATableMayUseIsACommunesWithAStationAreaOfItsOwn() {
        Set<Integer> areas = new HashSet<>();
        for (String departement : ReuTable.DEPARTEMENTS) {
            for (int index = 0; index < 450; index++) {
                String code = ReuTable.communeCode(departement, index);
                assertThat(code).as(departement + " " + index).startsWith(departement).hasSize(5);
                assertThat(CommuneCodes.dividedIntoArrondissements(code)).as(code).isFalse();
                assertThat(CommuneCodes.arrondissement(code)).as(code).isEmpty();
                int area = CommuneCodes.stationArea(code).orElseThrow(() -> new AssertionError("no area: " + code));
                assertThat(areas.add(area)).as("area of " + code + " already taken").isTrue();
            }
        }
        assertThat(areas).hasSize(95 * 450);
    }
}
