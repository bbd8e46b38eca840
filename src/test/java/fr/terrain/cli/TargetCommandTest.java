package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.terrain.RealData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code terrain target} and {@code terrain backtest} on the real Paris 2020 results and 2020 boundaries. */
class TargetCommandTest {
    @TempDir
    static Path home;


    static CommandRun run(String... args) {
        return CommandRun.of(List.of("--home", home.toString()), args);
    }

    @BeforeAll
    static void importParis2020() {
        assertThat(run("import", "results", RealData.file(RealData.RESULTS_2020).toString()).exit()).isZero();
        assertThat(run("import", "stations", RealData.file(RealData.STATIONS_2020).toString(), "--vintage", "2020").exit())
                .isZero();
    }

    @Test
    void targetPrintsOneJsonRowPerStationWithTheContractFields() throws Exception {
        CommandRun r = run("target", "--election", "paris-2020-t1", "--bloc", "docs/examples/bloc-gauche-paris-2020.json",
                "--hours", "2000", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertThat(rows.size()).isEqualTo(897);
        double hours = 0;
        for (JsonNode row : rows) {
            for (String field : List.of("station", "sector", "registered", "turnout", "bloc_share", "abstainers",
                    "sympathetic_abstainers", "persuadables", "score", "hours", "expected_gain", "topics")) {
                assertThat(row.has(field)).as(field).isTrue();
            }
            assertThat(row.get("sympathetic_abstainers").get("low").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(row.get("sympathetic_abstainers").get("high").asDouble())
                    .isLessThanOrEqualTo(row.get("abstainers").get("value").asDouble());
            hours += row.get("hours").asDouble();
        }
        assertThat(hours).isCloseTo(2000, org.assertj.core.data.Offset.offset(0.5));

        // the plan as CSV is what terrain turfs --from-plan reads: its top is the stations given most hours
        CommandRun csv = run("target", "--election", "paris-2020-t1", "--bloc", "docs/examples/bloc-gauche-paris-2020.json",
                "--hours", "2000", "--csv");
        java.nio.file.Path file = home.resolve("plan.csv");
        java.nio.file.Files.writeString(file, csv.out());
        List<JsonNode> byHours = new java.util.ArrayList<>();
        rows.forEach(byHours::add);
        // as the plan page orders them: most hours first, the higher score first between equal hours
        byHours.sort(java.util.Comparator.comparingDouble((JsonNode row) -> -row.get("hours").asDouble())
                .thenComparingDouble(row -> -row.get("score").asDouble()));
        assertThat(fr.terrain.ingest.TargetingFiles.topOfPlan(file, 5)).extracting(Object::toString)
                .containsExactlyElementsOf(byHours.subList(0, 5).stream().map(row -> row.get("station").asText()).toList());
    }

    /**
     * The plan for a French spreadsheet holds the same figures as the machine CSV (another writer: points, English
     * headers, the plan's own order), as French numbers: each station's hours, turnout and score agree to their
     * rounding, and turfs --from-plan reads the same top from either file.
     */
    @Test
    void thePlanForAFrenchSpreadsheetHasTheMachineCsvFiguresWithDecimalCommas() throws Exception {
        List<String> args = List.of("target", "--election", "paris-2020-t1", "--bloc",
                "docs/examples/bloc-gauche-paris-2020.json", "--hours", "2000");
        CommandRun machine = run(concat(args, "--csv"));
        CommandRun sheet = run(concat(args, "--spreadsheet"));
        assertThat(sheet.exit()).as(sheet.err()).isZero();
        assertThat(sheet.out()).startsWith("\uFEFFbureau;secteur;inscrits;participation (%);");
        java.util.Map<String, String[]> byStation = new java.util.HashMap<>();
        machine.out().lines().skip(1).forEach(l -> byStation.put(l.split(";", -1)[0], l.split(";", -1)));
        List<String[]> rows = new java.util.ArrayList<>();
        try (var csv = de.siegmar.fastcsv.reader.CsvReader.builder().fieldSeparator(';')
                .ofCsvRecord(sheet.out().substring(1))) {
            csv.stream().skip(1).forEach(r -> rows.add(r.getFields().toArray(String[]::new)));
        }
        assertThat(rows).hasSize(897);
        double previousHours = Double.MAX_VALUE;
        for (String[] r : rows) {
            String[] m = byStation.get(r[0]);
            assertThat(m).as(r[0]).isNotNull();
            assertThat(r[1]).isEqualTo(m[1]);
            assertThat(r[2]).isEqualTo(m[2]);
            // machine: turnout as a share with 4 decimals; sheet: a percentage with 2, a decimal comma
            assertThat(french(r[3])).isCloseTo(100 * Double.parseDouble(m[3]), org.assertj.core.data.Offset.offset(0.011));
            assertThat(french(r[10])).isCloseTo(Double.parseDouble(m[10]), org.assertj.core.data.Offset.offset(0.0001));
            double hours = french(r[11]);
            assertThat(hours).isCloseTo(Double.parseDouble(m[11]), org.assertj.core.data.Offset.offset(0.006));
            assertThat(hours).as("most hours first, as the Plan page").isLessThanOrEqualTo(previousHours);
            previousHours = hours;
            for (int i = 2; i < 14; i++) {
                assertThat(r[i]).as("a French number, no point").doesNotContain(".");
            }
        }
        java.nio.file.Path a = home.resolve("plan-machine.csv");
        java.nio.file.Path b = home.resolve("plan-tableur.csv");
        java.nio.file.Files.writeString(a, machine.out());
        java.nio.file.Files.writeString(b, sheet.out());
        assertThat(fr.terrain.ingest.TargetingFiles.topOfPlan(b, 10))
                .isEqualTo(fr.terrain.ingest.TargetingFiles.topOfPlan(a, 10));

        CommandRun both = run(concat(args, "--csv", "--spreadsheet"));
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("un seul format de sortie");
    }

    static double french(String number) {
        return Double.parseDouble(number.replace(',', '.'));
    }

    static String[] concat(List<String> args, String... more) {
        List<String> all = new java.util.ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void seatWeightsFromASimulationMakeDecisiveSectorsCountMore() throws Exception {
        CommandRun sim = run("simulate", "--system", "paris-1982", "--election", "paris-2020-t1", "--draws", "2000",
                "--camps", "docs/examples/camps-paris-2020.json", "--json");
        assertThat(sim.exit()).as(sim.err()).isZero();
        java.nio.file.Path file = home.resolve("simulation.json");
        java.nio.file.Files.writeString(file, sim.out());
        JsonNode sectors = new ObjectMapper().readTree(sim.out()).get("sectors");
        double mean = 0;
        for (JsonNode sector : sectors) {
            mean += sector.get("tipping_point_probability").asDouble() / sectors.size();
        }

        CommandRun r = run("target", "--election", "paris-2020-t1", "--bloc", "docs/examples/bloc-gauche-paris-2020.json",
                "--hours", "2000", "--seat-weights", file.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        for (JsonNode row : new ObjectMapper().readTree(r.out())) {
            double tipping = sectors.get(row.get("sector").asText()).get("tipping_point_probability").asDouble();
            assertThat(row.get("sector_weight").asDouble()).as(row.get("station").asText())
                    .isCloseTo(tipping / mean, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    /** Since 2020 Paris's first sector is « Paris Centre » (arrondissements 1–4): no station is in a sector « 2 ». */
    @Test
    void aSectorFileNamingASectorWithoutStationsIsSaidNotSilentlyIgnored() throws Exception {
        java.nio.file.Path caps = home.resolve("plafonds.json");
        java.nio.file.Files.writeString(caps, "{\"2\": 50, \"12\": 100}");
        CommandRun r = run("target", "--election", "paris-2020-t1", "--bloc", "docs/examples/bloc-gauche-paris-2020.json",
                "--hours", "500", "--sector-caps", caps.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("Attention : --sector-caps nomme le(s) secteur(s) 2, où paris-2020-t1 n'a aucun bureau"
                + " (secteurs : 1, 5, 6,");
        double twelfth = 0;
        for (JsonNode row : new ObjectMapper().readTree(r.out())) {
            twelfth += row.get("sector").asText().equals("12") ? row.get("hours").asDouble() : 0;
        }
        assertThat(twelfth).as("the 12th's cap still applies").isLessThanOrEqualTo(100 + 1e-6);
    }

    @Test
    void targetPrintsAFrenchTableAndBacktestPrintsTheThreeErrors() {
        CommandRun table = run("target", "--election", "paris-2020-t1", "--bloc", "docs/examples/bloc-gauche-paris-2020.json",
                "--hours", "500", "--top", "5");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("Bloc « gauche », paris-2020-t1 : 897 bureaux").contains("Par secteur");
        CommandRun backtest = run("backtest", "--train", "paris-2020-t1", "--test", "paris-2020-t1", "--bloc",
                "docs/examples/bloc-gauche-paris-2020.json");
        assertThat(backtest.exit()).as(backtest.err()).isZero();
        assertThat(backtest.out()).contains("part du bloc").contains("participation").contains("moy. arrond.");
    }

    /**
     * The 2020 estimates carried onto the 2026 stations of the derived file. The row « chiffre tel quel » does not
     * depend on covariates (this store has no IRIS): Spearman 0.844, shift +16.66, MAE after shift 2.41, 85 of the 100
     * lowest turnouts — recomputed independently by a python3 stdlib script crossing the two files on a 5 m raster
     * (0.8443, +16.656, 2.408, 0.850; docs/targeting.md).
     */
    @Test
    void backtestForecastScoresThe2020EstimatesOnThe2026StationsWithoutTheirLevel() {
        String derived = RealData.file(RealData.DERIVED_2026).toString();
        CommandRun r = run("backtest", "--train", "paris-2020-t1", "--test", "paris-2020-t1", "--bloc",
                "docs/examples/bloc-gauche-paris-2020.json", "--forecast", derived, "--forecast-bloc", "gregoire,chikirou");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("reportées sur les bureaux de paris_2026_t1_bv_derived.geojson (902 comparés,"
                + " 1 laissé(s) de côté").containsPattern("participation +chiffre tel quel +0,844 +\\+16,66 +2,41 +85 %");

        CommandRun noBloc = run("backtest", "--train", "paris-2020-t1", "--test", "paris-2020-t1", "--bloc",
                "docs/examples/bloc-gauche-paris-2020.json", "--forecast", derived);
        assertThat(noBloc.exit()).isEqualTo(2);
        assertThat(noBloc.err()).contains("--forecast demande --forecast-bloc");

        CommandRun typo = run("backtest", "--train", "paris-2020-t1", "--test", "paris-2020-t1", "--bloc",
                "docs/examples/bloc-gauche-paris-2020.json", "--forecast", derived, "--forecast-bloc", "gregoir");
        assertThat(typo.exit()).isEqualTo(1);
        assertThat(typo.err()).contains("paris_2026_t1_bv_derived.geojson", "« gregoir »",
                "listes du fichier : autres, bournazel, chikirou, dati, gregoire, knafo");
    }

    /** A value the model refuses is a usage error naming the option (it was an « erreur interne » with a stack trace). */
    @Test
    void anOutOfRangeValueIsAUsageErrorNamingItsOption() {
        String[] target = {"target", "--election", "paris-2020-t1", "--bloc", "docs/examples/bloc-gauche-paris-2020.json"};
        for (String[] wrong : List.of(new String[] {"--hours", "-5"}, new String[] {"--contact-rate", "2"},
                new String[] {"--doors-per-hour", "0"}, new String[] {"--mobilisation-effect", "-1"},
                new String[] {"--persuasion-effect", "1.5"}, new String[] {"--top", "-1"})) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(target), java.util.Arrays.stream(wrong))
                    .toArray(String[]::new);
            CommandRun r = run(args);
            assertThat(r.exit()).as(String.join(" ", wrong) + " : " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", wrong)).contains(wrong[0] + " ").doesNotContain("Exception")
                    .doesNotContain("erreur interne");
            assertThat(r.out()).as("nothing printed before the refusal").isEmpty();
        }
    }

    /** One 2026 station in the 7th, its contour a bow tie (self-intersecting: repaired on reading, with a warning). */
    @Test
    void backtestForecastSaysTheTopKItUsedAndTheRepairedContours() throws Exception {
        Path derived = home.resolve("derive_une_station.geojson");
        Files.writeString(derived, "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\","
                + " \"properties\": {\"code_bv\": \"0711\", \"inscrits\": 1000, \"abstentions\": 400, \"pct_gregoire\":"
                + " 30.0, \"pct_chikirou\": 10.0, \"pct_dati\": 60.0}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\":"
                + " [[[2.30, 48.85], [2.31, 48.85], [2.30, 48.86], [2.31, 48.86], [2.30, 48.85]]]}}]}");
        CommandRun r = run("backtest", "--train", "paris-2020-t1", "--test", "paris-2020-t1", "--bloc",
                "docs/examples/bloc-gauche-paris-2020.json", "--forecast", derived.toString(), "--forecast-bloc",
                "gregoire,chikirou");
        assertThat(r.exit()).as(r.err()).isZero();
        // one station compared: the top 100 asked is a top 1, and the table says so
        assertThat(r.out()).contains("(1 comparés, 0 laissé(s) de côté").containsPattern("EAM décalée +top 1\\n")
                .contains("(--top 100 : seulement 1 bureau comparé)");
        // the reader's warning is printed as the importers print theirs
        assertThat(r.err()).contains("1 avertissement(s) en lisant derive_une_station.geojson :",
                "! derive_une_station.geojson", "contour invalide réparé");

        // a station of another city (Lyon): Forecast's refusal is still said as a user error naming the file
        Files.writeString(derived, Files.readString(derived).replace("2.30", "4.83").replace("2.31", "4.84")
                .replace("48.85", "45.76").replace("48.86", "45.77"));
        CommandRun lyon = run("backtest", "--train", "paris-2020-t1", "--test", "paris-2020-t1", "--bloc",
                "docs/examples/bloc-gauche-paris-2020.json", "--forecast", derived.toString(), "--forecast-bloc",
                "gregoire,chikirou");
        assertThat(lyon.exit()).isEqualTo(1);
        assertThat(lyon.err()).contains("derive_une_station.geojson : aucun bureau du scrutin ultérieur n'est couvert");
    }

    @Test
    void withAReferenceRoundSympatheticAbstainersComeFromTheTransitionsAndTheOutputSaysSo() throws Exception {
        assertThat(run("import", "results", RealData.file(RealData.PRES_2012).toString()).exit()).isZero();
        assertThat(run("import", "stations", RealData.file(RealData.STATIONS_2012).toString(), "--vintage", "2012").exit())
                .isZero();
        String bloc = "docs/examples/bloc-gauche-presidentielle-2012.json";
        CommandRun table = run("target", "--election", "paris-2020-t1", "--bloc", bloc, "--reference", "paris-pres-2012-t1",
                "--hours", "100", "--top", "3");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("transitions depuis paris-pres-2012-t1").contains("abstention");
        CommandRun json = run("target", "--election", "paris-2020-t1", "--bloc", bloc, "--reference", "paris-pres-2012-t1", "--json");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(json.out());
        assertThat(rows.size()).isEqualTo(897);
        int transitions = 0;
        for (JsonNode row : rows) {
            JsonNode s = row.get("sympathetic_abstainers");
            JsonNode bounds = row.get("sympathetic_bounds");
            assertThat(s.get("low").asDouble()).isGreaterThanOrEqualTo(bounds.get("low").asDouble() - 0.1);
            assertThat(s.get("high").asDouble()).isLessThanOrEqualTo(bounds.get("high").asDouble() + 0.1);
            transitions += row.get("sympathetic_model").asText().equals("transitions") ? 1 : 0;
        }
        assertThat(transitions).isGreaterThan(890);
        CommandRun without = run("target", "--election", "paris-2020-t1", "--bloc", bloc, "--top", "1");
        assertThat(without.out()).contains("modèle à une élection");
        CommandRun backtest = run("backtest", "--train", "paris-pres-2012-t1", "--test", "paris-2020-t1", "--bloc", bloc);
        assertThat(backtest.exit()).as(backtest.err()).isZero();
        assertThat(backtest.out()).contains("transitions").contains("swing uniforme");
        // out of time, the transitions' sympathetic abstainers beside the others (TargetingRealDataTest measures them)
        CommandRun forecast = run("backtest", "--train", "paris-pres-2012-t1", "--test", "paris-2020-t1", "--bloc", bloc,
                "--forecast", RealData.file(RealData.DERIVED_2026).toString(), "--forecast-bloc", "gregoire,chikirou");
        assertThat(forecast.exit()).as(forecast.err()).isZero();
        assertThat(forecast.out()).containsPattern("abst\\. sympathisants +target --reference +0,9")
                .contains("terrain target --reference paris-pres-2012-t1", "pour 895 bureaux sur 897");
    }

    @Test
    void aBlocFileWithAWrongFieldIsRefusedNamingTheField() throws Exception {
        Path bad = home.resolve("bloc.json");
        Files.writeString(bad, "{\"name\": \"gauche\", \"ours\": {\"paris-2020-t1\": \"M. GRÉGOIRE Emmanuel\"}}");
        CommandRun r = run("target", "--election", "paris-2020-t1", "--bloc", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("[ours.paris-2020-t1] attendu un tableau de listes");
        Files.writeString(bad, "{\"name\": \"gauche\", \"ours\": {\"paris-2014-t1\": [\"nuance:LUG\"]}}");
        CommandRun uncovered = run("target", "--election", "paris-2020-t1", "--bloc", bad.toString());
        assertThat(uncovered.exit()).isEqualTo(1);
        assertThat(uncovered.err()).contains("ne nomme aucune liste pour paris-2020-t1");
        // a list the round does not have (a typo) would leave the bloc empty: refused, as the web's Blocs page does
        Files.writeString(bad, "{\"name\": \"gauche\", \"ours\": {\"paris-2020-t1\": [\"M. GRÉGOIRE Emmanuel\","
                + " \"Zorro Bidon\"]}}");
        CommandRun typo = run("target", "--election", "paris-2020-t1", "--bloc", bad.toString());
        assertThat(typo.exit()).isEqualTo(1);
        assertThat(typo.err()).contains("le bloc « gauche » nomme « Zorro Bidon », qui n'est pas une liste de paris-2020-t1");
        // a nuance no list of the round carries (the 2020 file has none): said, not refused
        Files.writeString(bad, "{\"name\": \"gauche\", \"ours\": {\"paris-2020-t1\": [\"M. GRÉGOIRE Emmanuel\","
                + " \"nuance:LUG\"]}}");
        CommandRun nuance = run("target", "--election", "paris-2020-t1", "--bloc", bad.toString(), "--top", "1");
        assertThat(nuance.exit()).as(nuance.err()).isZero();
        assertThat(nuance.err()).contains("aucune liste de paris-2020-t1 n'a la nuance LUG");
    }

    @Test
    void backtestRefusesABlocNamingAListTheRoundDoesNotHave() throws Exception {
        assertThat(run("import", "results", RealData.file(RealData.PRES_2012).toString()).exit()).isZero();
        assertThat(run("import", "stations", RealData.file(RealData.STATIONS_2012).toString(), "--vintage", "2012").exit())
                .isZero();
        // the 2012 file spells him « François Hollande »: a typo would leave him out of the bloc and the backtest
        // would print the errors of another bloc (uniform swing 9.94 points instead of 4.10) without a word
        String example = Files.readString(Path.of("docs/examples/bloc-gauche-presidentielle-2012.json"));
        assertThat(example).contains("\"François Hollande\"");
        Path bad = home.resolve("bloc-backtest.json");
        Files.writeString(bad, example.replace("\"François Hollande\"", "\"Francois Holande\""));
        CommandRun train = run("backtest", "--train", "paris-pres-2012-t1", "--test", "paris-2020-t1", "--bloc",
                bad.toString());
        assertThat(train.exit()).as(train.out()).isEqualTo(1);
        assertThat(train.err())
                .contains("le bloc « gauche » nomme « Francois Holande », qui n'est pas une liste de paris-pres-2012-t1");
        assertThat(train.out()).doesNotContain("swing uniforme");
        Files.writeString(bad, example.replace("\"M. WEIL Ariel\"", "\"M. WEILL Ariel\""));
        CommandRun test = run("backtest", "--train", "paris-2020-t1", "--test", "paris-2020-t1", "--bloc", bad.toString());
        assertThat(test.exit()).as(test.out()).isEqualTo(1);
        assertThat(test.err()).contains("le bloc « gauche » nomme « M. WEILL Ariel », qui n'est pas une liste de paris-2020-t1");
    }

    @Test
    void aMistypedListIsAnsweredWithTheNearestListsOfTheRound() throws Exception {
        // Paris 2020 has 182 lists (distinct tete_de_liste in the results file); the one meant must be in the message
        Path bad = home.resolve("bloc-typo.json");
        Files.writeString(bad, "{\"name\": \"gauche\", \"ours\": {\"paris-2020-t1\": [\"M. WEILL Ariel\"]}}");
        CommandRun extraLetter = run("target", "--election", "paris-2020-t1", "--bloc", bad.toString());
        assertThat(extraLetter.exit()).isEqualTo(1);
        assertThat(extraLetter.err()).contains("qui n'est pas une liste de paris-2020-t1 (ses listes les plus proches : M. WEIL Ariel, ");
        Files.writeString(bad, "{\"name\": \"gauche\", \"ours\": {\"paris-2020-t1\": [\"M. GREGOIRE Emmanuel\"]}}");
        CommandRun noAccent = run("target", "--election", "paris-2020-t1", "--bloc", bad.toString());
        assertThat(noAccent.exit()).isEqualTo(1);
        assertThat(noAccent.err()).contains("(ses listes les plus proches : M. GRÉGOIRE Emmanuel, ");
    }

    @Test
    void theReadableTableListsTheStationsInThePlanPagesOrder() throws Exception {
        // the plan page (and terrain turfs --from-plan) put most hours first, the higher score first between equal
        // hours; the table listed the highest scores first, so a station given more hours than the one above it
        // came lower (with the shared Paris data and 2000 hours: 9-14, 43 h, after 9-8 and 9-5, 41.5 h each)
        String bloc = "docs/examples/bloc-gauche-paris-2020.json";
        CommandRun json = run("target", "--election", "paris-2020-t1", "--bloc", bloc, "--hours", "2000", "--json");
        assertThat(json.exit()).as(json.err()).isZero();
        List<JsonNode> byHours = new java.util.ArrayList<>();
        new ObjectMapper().readTree(json.out()).forEach(byHours::add);
        byHours.sort(java.util.Comparator.comparingDouble((JsonNode row) -> -row.get("hours").asDouble())
                .thenComparingDouble(row -> -row.get("score").asDouble()));
        CommandRun table = run("target", "--election", "paris-2020-t1", "--bloc", bloc, "--hours", "2000", "--top", "12");
        assertThat(table.exit()).as(table.err()).isZero();
        List<String> listed = table.out().lines().filter(l -> l.matches("^\\d+-\\d+ .*"))
                .map(l -> l.substring(0, l.indexOf(' '))).toList();
        assertThat(listed).containsExactlyElementsOf(byHours.subList(0, 12).stream()
                .map(row -> row.get("station").asText()).toList());
    }
}
