package fr.terrain.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.RealData;
import fr.terrain.election.StationCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The derived table of a round (contours, inscrits, abstentions, shares in %) read for comparison, never imported. */
class DerivedRoundReaderTest {
    @TempDir
    Path tmp;

    static String feature(String properties) {
        return "{\"type\": \"Feature\", \"properties\": {" + properties + "}, \"geometry\": {\"type\": \"Polygon\","
                + " \"coordinates\": [[[2.30, 48.85], [2.31, 48.85], [2.31, 48.86], [2.30, 48.86], [2.30, 48.85]]]}}";
    }

    Path file(String... features) throws IOException {
        Path p = tmp.resolve("derive_2026.geojson");
        Files.writeString(p, "{\"type\": \"FeatureCollection\", \"features\": [\n" + String.join(",\n", features) + "\n]}");
        return p;
    }

    @Test
    void readsTurnoutCountsAndListSharesOfEachStation() throws IOException {
        Path p = file(feature("\"code_bv\": \"0211\", \"arrondissement\": \"2e arr.\", \"inscrits\": 1000,"
                + " \"abstentions\": 400, \"taux_abstention\": 40.0, \"pct_gregoire\": 50.5, \"pct_dati\": 49.5"));
        DerivedRoundReader.Station s = DerivedRoundReader.read(p).values().get(0);
        assertThat(s.code()).isEqualTo(new StationCode(2, 11));
        assertThat(s.voters()).isEqualTo(600);
        assertThat(s.shares()).containsOnlyKeys("gregoire", "dati").containsEntry("gregoire", 50.5);
    }

    @Test
    void malformedValuesAreRefusedNamingFileFeatureAndFieldAllAtOnce() throws IOException {
        Path p = file(
                feature("\"code_bv\": \"0101\", \"inscrits\": \"1000\", \"abstentions\": 10, \"pct_a\": 10"),
                feature("\"code_bv\": \"0102\", \"inscrits\": 1000, \"abstentions\": 1001, \"pct_a\": 10"),
                feature("\"code_bv\": \"0103\", \"inscrits\": 1000, \"abstentions\": 10, \"pct_a\": 120"),
                feature("\"code_bv\": \"0104\", \"abstentions\": 10, \"pct_a\": 10"),
                feature("\"code_bv\": \"0105\", \"inscrits\": 1000, \"abstentions\": 10.5, \"pct_a\": 10"),
                feature("\"code_bv\": \"0106\", \"inscrits\": 1000, \"abstentions\": 10, \"pct_a\": 60, \"pct_b\": 60"),
                feature("\"code_bv\": \"0101\", \"inscrits\": 1000, \"abstentions\": 10, \"pct_a\": 10"),
                feature("\"code_bv\": \"0108\", \"inscrits\": 1000, \"abstentions\": 10, \"pct_a\": null"));
        assertThatThrownBy(() -> DerivedRoundReader.read(p)).isInstanceOfSatisfying(InputError.class, e -> {
            List<String> problems = e.problems().stream().map(Problem::toString).toList();
            assertThat(problems).hasSize(8).allSatisfy(m -> assertThat(m).startsWith("derive_2026.geojson:"));
            assertThat(problems.get(0)).contains("[inscrits]", "feature n° 1", "\"1000\"");
            assertThat(problems.get(1)).contains("[abstentions]", "feature n° 2", "1001 abstentions pour 1000 inscrits");
            assertThat(problems.get(2)).contains("[pct_a]", "feature n° 3", "entre 0 et 100");
            assertThat(problems.get(3)).contains("[inscrits]", "feature n° 4", "manquante");
            assertThat(problems.get(4)).contains("[abstentions]", "feature n° 5", "10.5");
            assertThat(problems.get(5)).contains("[pct_*]", "feature n° 6", "120,00 %");
            assertThat(problems.get(6)).contains("[code_bv]", "feature n° 7", "déjà donné par la feature n° 1");
            assertThat(problems.get(7)).contains("[pct_a]", "feature n° 8", "null");
        });
    }

    /**
     * SOURCE.md: Σ inscrits 1,405,332 and Σ abstentions 577,733; turnout-weighted shares Grégoire 38.0 %, Dati 25.4 %,
     * Chikirou 11.7 %, Bournazel 11.3 %, Knafo 10.4 % (recomputed with python3 from the GeoJSON: 37.99, 25.44, 11.74,
     * 11.33, 10.39: Σ pct × (inscrits − abstentions) / Σ (inscrits − abstentions), weights of docs/targeting.md).
     */
    @Test
    void theReal2026FileGivesTheTotalsOfItsSourceNote() {
        var stations = DerivedRoundReader.read(RealData.file(RealData.DERIVED_2026)).values();
        assertThat(stations).hasSize(903);
        assertThat(stations.stream().mapToLong(DerivedRoundReader.Station::registered).sum()).isEqualTo(1_405_332);
        assertThat(stations.stream().mapToLong(DerivedRoundReader.Station::abstentions).sum()).isEqualTo(577_733);
        long voters = 1_405_332 - 577_733;
        for (var list : List.of(new Object[] {"gregoire", 37.99}, new Object[] {"dati", 25.44},
                new Object[] {"chikirou", 11.74}, new Object[] {"bournazel", 11.33}, new Object[] {"knafo", 10.39})) {
            double weighted = stations.stream().mapToDouble(s -> s.shares().get((String) list[0]) * s.voters()).sum();
            assertThat(weighted / voters).as((String) list[0]).isCloseTo((Double) list[1],
                    org.assertj.core.data.Offset.offset(0.005));
        }
        // Paris Centre is numbered across arr. 1–4 in 2026 (0211 = bureau 11 of Paris Centre, in the 2nd): the code
        // keeps the old arrondissement, as the 2020 files and the city's own 2024 contours (2-11) do, so the station
        // falls in sector 1 like every 2020 station of arr. 1–4
        assertThat(stations).extracting(DerivedRoundReader.Station::code)
                .contains(new StationCode(2, 11), new StationCode(4, 49)).doesNotContain(new StationCode(2, 1));
    }
}
