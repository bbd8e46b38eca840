package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code terrain backtest --forecast}: how its options name the lists of the derived file. */
class BacktestForecastOptionsTest {
    @TempDir
    Path home;

    /** One station, 1,000 inscrits, 400 abstentions; the list names as {@code properties} spell them. */
    Path derived(String properties) throws Exception {
        Path p = home.resolve("derive_2026.geojson");
        Files.writeString(p, "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\":"
                + " {\"code_bv\": \"0211\", \"inscrits\": 1000, \"abstentions\": 400, " + properties + "},"
                + " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[2.30, 48.85], [2.31, 48.85], [2.31, 48.86],"
                + " [2.30, 48.86], [2.30, 48.85]]]}}]}");
        return p;
    }

    CommandRun backtest(Path forecast, String lists) {
        return CommandRun.of(List.of("--home", home.toString()), "backtest", "--train", "paris-2020-t1", "--test",
                "paris-2020-t1", "--bloc", "docs/examples/bloc-gauche-paris-2020.json", "--forecast", forecast.toString(),
                "--forecast-bloc", lists);
    }

    @Test
    void aListNamedTwiceInForecastBlocIsRefusedRatherThanCountedTwice() throws Exception {
        // counted twice, 30 % + 30 % would be scored as a bloc at 60 % of exprimés (and 2 × 60 % capped at 100 %)
        CommandRun twice = backtest(derived("\"pct_gregoire\": 30.0, \"pct_dati\": 70.0"), "gregoire,Gregoire");
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).contains("--forecast-bloc : la liste « gregoire » est donnée deux fois");
    }

    @Test
    void forecastOptionsWithoutForecastAreRefusedRatherThanIgnored() {
        for (List<String> option : List.of(List.of("--top", "50"), List.of("--forecast-bloc", "gregoire"))) {
            List<String> args = new java.util.ArrayList<>(List.of("backtest", "--train", "paris-2020-t1", "--test",
                    "paris-2020-t1", "--bloc", "docs/examples/bloc-gauche-paris-2020.json"));
            args.addAll(option);
            CommandRun r = CommandRun.of(List.of("--home", home.toString()), args.toArray(String[]::new));
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains(option.get(0) + " ne sert qu'avec --forecast FICHIER");
        }
    }

    @Test
    void onlyForecastsRefusalOfTheFileIsAUserErrorNamingIt() {
        Path file = Path.of("derive_2026.geojson");
        // the file's stations are not the city's: said as a user error about the file
        assertThatThrownBy(() -> BacktestCommand.forecast(file, () -> {
            throw new fr.terrain.targeting.Forecast.Refusal("aucun bureau couvert");
        })).isInstanceOf(Terrain.UserError.class).hasMessage("derive_2026.geojson : aucun bureau couvert");
        // anything else is a bug of the code, not of the file: it is not disguised as one
        assertThatThrownBy(() -> BacktestCommand.forecast(file, () -> {
            throw new IllegalArgumentException("indice hors bornes");
        })).isExactlyInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listNamesAreMatchedWhateverTheirCaseInTheFile() throws Exception {
        // the file spells pct_Gregoire: « --forecast-bloc Gregoire » must find it (it was lowercased, then not found
        // among the file's names as written, and the error listed « Gregoire » as the file's list)
        var station = fr.terrain.ingest.DerivedRoundReader.read(derived("\"pct_Gregoire\": 30.0, \"pct_Dati\": 70.0"))
                .values();
        var observed = BacktestCommand.observed(Path.of("derive_2026.geojson"), List.of("Gregoire"), station);
        assertThat(observed).singleElement().satisfies(o -> assertThat(o.blocShare()).isEqualTo(0.30));
        assertThat(BacktestCommand.observed(Path.of("derive_2026.geojson"), List.of("gregoire"), station))
                .singleElement().satisfies(o -> assertThat(o.blocShare()).isEqualTo(0.30));
    }
}
