package fr.terrain.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.demo.CityGenerator.Kind;
import fr.terrain.demo.CityGenerator.Scale;
import fr.terrain.demo.CityGenerator.Settings;
import fr.terrain.ingest.Progress;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same seed gives the same bytes; another seed gives other data. */
class DeterminismTest {
    private static final long SEED = 20260315L;

    @Test
    void sameSeedWritesByteIdenticalFiles(@TempDir Path dir) {
        CityGenerator.generate(dir, new Settings(Scale.SMALL, SEED), Progress.NONE);
        Map<String, String> again = DemoFiles.hashes(dir);
        assertThat(again).hasSize(10).isEqualTo(DemoFiles.hashes(DemoFiles.small()));
    }

    @Test
    void anotherSeedChangesEveryFile(@TempDir Path dir) {
        CityGenerator.generate(dir, new Settings(Scale.SMALL, SEED + 1), Progress.NONE);
        Map<String, String> other = DemoFiles.hashes(dir);
        Map<String, String> first = DemoFiles.hashes(DemoFiles.small());
        assertThat(other.keySet()).isEqualTo(first.keySet());
        first.forEach((file, hash) -> assertThat(other.get(file)).as(file).isNotEqualTo(hash));
    }

    @Test
    void aFileWrittenAloneIsTheSameAsInAFullRun(@TempDir Path dir) {
        var manifest = CityGenerator.generate(dir, new Settings(Scale.SMALL, SEED, EnumSet.of(Kind.RESULTS,
                Kind.ELECTORAL_LIST)), Progress.NONE);
        assertThat(manifest.files()).extracting(f -> f.kind()).containsExactly(Kind.RESULTS, Kind.RESULTS,
                Kind.ELECTORAL_LIST, Kind.README);
        Map<String, String> full = DemoFiles.hashes(DemoFiles.small());
        for (var f : manifest.files(Kind.RESULTS)) {
            String name = f.file().getFileName().toString();
            assertThat(DemoFiles.sha256(f.file())).as(name).isEqualTo(full.get(name));
        }
        assertThat(DemoFiles.sha256(dir.resolve(CityGenerator.VOTERS_FILE)))
                .isEqualTo(full.get(CityGenerator.VOTERS_FILE));
    }

    @Test
    void theManifestNamesTheRoundsOfEachFile(@TempDir Path dir) {
        var manifest = CityGenerator.generate(dir, new Settings(Scale.SMALL, SEED, EnumSet.of(Kind.RESULTS)),
                Progress.NONE);
        assertThat(manifest.rounds()).extracting(CityGenerator.Round::election, r -> r.date().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("demo-2020-t1", "2020-03-15"),
                        org.assertj.core.groups.Tuple.tuple("demo-2026-t1", "2026-03-15"));
        assertThat(manifest.rounds()).extracting(CityGenerator.Round::contest).containsExactly("demo-2020", "demo-2026");
    }
}
