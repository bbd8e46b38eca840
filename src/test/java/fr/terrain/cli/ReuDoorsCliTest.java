package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.terrain.RealData;
import fr.terrain.field.TurfScope;
import fr.terrain.store.FieldStore;
import fr.terrain.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commune outside Paris, end to end on H2: INSEE's REU sample draws Concarneau's stations, a BAN-layout fixture
 * gives addresses at positions of that sample, a fictitious electoral list in the arrêté's layout puts electors there,
 * and {@code turfs --stations 29039-1} cuts that bureau's doors.
 *
 * <p>The fixtures: {@code adresses-29039-essai.csv} holds 52 addresses on three made-up streets whose lon/lat are
 * copied unchanged from rows of the REU sample of bureaux 29039_1 (35), 29039_2 (12) and 29039_3 (5), chosen (python3,
 * csv module) among rows geocoded {@code housenumber} with a score ≥ 0.6, at a position no other bureau has and at
 * least 15 m from any such position of another bureau — the rows that draw their bureau's contour around them
 * (ReuImportTest checks every such row lies in its own bureau's contour). {@code liste-electorale-concarneau-fictive.csv}
 * lists 95 made-up electors at those addresses, with the list's bureau 1, 2 or 3, except 5 addresses whose electors
 * have no bureau, one whose elector has bureau 99 (Concarneau has 17) and one of bureau 1's positions whose electors
 * the list puts in bureau 2. The expected doors are computed here from the two fixtures and the REU file, not from
 * Terrain's code.
 */
class ReuDoorsCliTest {
    static final String REU = "reu-adresses-bv-sample/reu_adresses_bv_sample_finistere.csv";

    @TempDir
    Path home;

    Path addresses;
    Path list;

    CommandRun run(String... args) {
        return CommandRun.of(List.of("--home", home.toString()), args);
    }

    CommandRun ok(String... args) {
        return CommandRun.ok(home, args);
    }

    @BeforeEach
    void fixtures() throws IOException {
        addresses = copy("adresses-29039-essai.csv");
        list = copy("liste-electorale-concarneau-fictive.csv");
    }

    private Path copy(String name) throws IOException {
        Path out = home.resolve(name);
        try (InputStream in = ReuDoorsCliTest.class.getResourceAsStream(name)) {
            Files.copy(in, out);
        }
        return out;
    }

    @Test
    void theDoorsOfAConcarneauBureauAreCutIntoTurfsFromTheirCentre() throws IOException {
        ok("import", "reu", RealData.file(REU).toString());
        ok("import", "addresses", addresses.toString());
        ok("election", "add", "concarneau-2026", "--kind", "municipales", "--round1", "2026-03-15");
        CommandRun imported = ok("import", "voters", list.toString(), "--source", "electoral-list", "--election",
                "concarneau-2026");
        // 7 electors without a bureau (awk on the fixture: NoBureauDeVote empty)
        assertThat(imported.out()).contains("7 électeur(s) sans bureau de vote situé par la liste");

        Expected expected = expected();
        for (int bureau : new int[] {1, 2}) {
            CommandRun cut = ok("turfs", "--stations", "29039-" + bureau, "--doors-per-turf", "80", "--json");
            JsonNode turfs = new ObjectMapper().readTree(cut.out());
            Set<String> doors = new TreeSet<>();
            long[] byContour = {0};
            turfs.forEach(t -> {
                assertThat(t.get("stations").toString()).isEqualTo("[\"29039-" + bureau + "\"]");
                // the REU gives no polling place: a turf starts from its doors' centre
                assertThat(t.get("start").get("label").asText()).isEqualTo("centre des portes");
                t.get("doors").forEach(d -> doors.add(d.asText()));
                byContour[0] += t.get("doors_placed_by_contour").asLong();
            });
            assertThat(doors).as("29039-" + bureau).isEqualTo(expected.doors().get(bureau));
            assertThat(byContour[0]).as("29039-" + bureau).isEqualTo(expected.placedDoors().get(bureau));
            assertThat(turfs.size()).isEqualTo(1); // 34 and 13 doors, 80 a turf
        }
        // 34 doors in 29039-1: 30 of the list's bureau 1, 3 of electors without one, 1 of bureau 99 (python3 on the
        // fixtures); the door of bureau 1's position whose electors the list puts in bureau 2 stays in 29039-2
        assertThat(expected.doors().get(1)).hasSize(34).doesNotContain("29039_E1_00035");
        assertThat(expected.doors().get(2)).contains("29039_E1_00035").hasSize(13);

        CommandRun match = ok("doors", "match", "--contest", "concarneau-2026");
        assertThat(match.out()).contains(expected.placedVoters() + " électeur(s) placé(s) par contour");

        // walk lists and a saved plan: the turf's sector is the commune, seen by directors, admins and its organizers
        // (ADR 0029, 0032)
        CommandRun saved = ok("turfs", "--stations", "29039-1", "--pdf", home.resolve("feuilles").toString(), "--save",
                "concarneau-1");
        assertThat(saved.out()).contains("4 porte(s) placée(s) par contour");
        assertThat(home.resolve("feuilles/tournee-01.pdf")).isNotEmptyFile();
        try (Store s = Store.h2(home)) {
            assertThat(FieldStore.turfs(s, new TurfScope.All())).singleElement().satisfies(t -> {
                assertThat(t.arrondissement()).isEqualTo(29039);
                assertThat(t.stations()).containsExactly("29039-1");
            });
        }
        for (String[] organizer : List.of(new String[] {"morgane", "29039"}, new String[] {"paul", "12"})) {
            CommandRun add = CommandRun.withInput("un mot de passe solide\n", List.of("--home", home.toString()), "user",
                    "add", organizer[0], "--role", "organizer", "--sectors", organizer[1]);
            assertThat(add.exit()).as(add.err()).isZero();
        }
        try (Store s = Store.h2(home)) {
            var morgane = fr.terrain.store.Accounts.find(s, "morgane").orElseThrow();
            var paul = fr.terrain.store.Accounts.find(s, "paul").orElseThrow();
            assertThat(FieldStore.turfs(s, TurfScope.of(morgane.account(), morgane.id())))
                    .extracting(FieldStore.SavedTurf::stations).containsExactly(List.of("29039-1"));
            assertThat(FieldStore.turfs(s, TurfScope.of(paul.account(), paul.id()))).isEmpty();
            // progress by sector names the commune as the BAN fixture does (nom_commune « Concarneau »)
            assertThat(FieldStore.progress(s, FieldStore.By.SECTOR, morgane.account().sectors()))
                    .extracting(fr.terrain.field.Tally::label).containsExactly("Concarneau (29039)");
            assertThat(FieldStore.progress(s, FieldStore.By.SECTOR, paul.account().sectors())).isEmpty();
        }
    }

    /**
     * What the fixtures and the REU file say, by bureau of Concarneau: the doors (BAN ids) there and how many of them
     * are placed by contour, and the electors placed. An elector takes the list's bureau when Concarneau has it in the
     * REU, else the bureau of the REU rows at the address's position (the position copied from them); a door takes
     * its listed electors' bureau, else its placed electors'.
     */
    private Expected expected() throws IOException {
        Map<String, Integer> reuBureauAt = new HashMap<>(); // "lon;lat" → bureau of Concarneau
        Set<Integer> bureaux = new TreeSet<>();
        List<String> reu = Files.readAllLines(RealData.file(REU), StandardCharsets.UTF_8);
        for (String line : reu.subList(1, reu.size())) {
            String[] f = line.split(";", -1);
            if (f[0].startsWith("29039_")) {
                int bureau = Integer.parseInt(f[0].substring(6));
                bureaux.add(bureau);
                reuBureauAt.put(f[2] + ";" + f[3], bureau);
            }
        }
        Map<String, String> idOfAddress = new HashMap<>(); // "12 DES ESSAIS" → BAN id
        Map<String, Integer> reuBureauOf = new HashMap<>(); // BAN id → the REU's bureau at its position
        List<String> ban = Files.readAllLines(addresses, StandardCharsets.UTF_8);
        for (String line : ban.subList(1, ban.size())) {
            String[] f = line.split(";", -1);
            idOfAddress.put(f[2] + " " + f[18].substring("RUE ".length()), f[0]);
            reuBureauOf.put(f[0], reuBureauAt.get(f[12] + ";" + f[13]));
        }
        Map<String, Set<Integer>> listed = new HashMap<>();
        Map<String, Set<Integer>> placed = new HashMap<>();
        long placedVoters = 0;
        List<String> voters = Files.readAllLines(list, StandardCharsets.UTF_8);
        for (String line : voters.subList(1, voters.size())) {
            String[] f = line.split(";", -1);
            String door = idOfAddress.get(f[22] + " " + f[24]);
            if (!f[17].isEmpty() && bureaux.contains(Integer.parseInt(f[17]))) {
                listed.computeIfAbsent(door, k -> new TreeSet<>()).add(Integer.parseInt(f[17]));
            } else {
                placed.computeIfAbsent(door, k -> new TreeSet<>()).add(reuBureauOf.get(door));
                placedVoters++;
            }
        }
        Map<Integer, Set<String>> doors = new HashMap<>();
        Map<Integer, Long> placedDoors = new HashMap<>();
        for (String door : idOfAddress.values()) {
            Set<Integer> of = listed.getOrDefault(door, placed.get(door));
            assertThat(of).as(door).hasSize(1); // the fixture has no household split between bureaux
            int bureau = of.iterator().next();
            doors.computeIfAbsent(bureau, k -> new TreeSet<>()).add(door);
            if (!listed.containsKey(door)) {
                placedDoors.merge(bureau, 1L, Long::sum);
            }
        }
        return new Expected(doors, placedDoors, placedVoters);
    }

    record Expected(Map<Integer, Set<String>> doors, Map<Integer, Long> placedDoors, long placedVoters) {}

    /**
     * A contest without results takes its vintage by year alone: with Paris's 2024 contours beside the REU's (2022),
     * that is 2024, which has no station of Concarneau. Its electors without a bureau are still placed by Concarneau's
     * contours, as when the REU is the only vintage (before, none was placed and their doors were in no turf).
     */
    @Test
    void aContestWithoutResultsPlacesEachCommunesVotersByThatCommunesNewestContours() throws IOException {
        ok("import", "reu", RealData.file(REU).toString());
        ok("import", "stations", RealData.file(RealData.STATIONS_2024).toString(), "--vintage", "2024");
        ok("import", "addresses", addresses.toString());
        ok("election", "add", "concarneau-2026", "--kind", "municipales", "--round1", "2026-03-15");
        ok("import", "voters", list.toString(), "--source", "electoral-list", "--election", "concarneau-2026");
        assertThat(ok("status").out()).contains("2024 : 902 bureaux");

        Expected expected = expected();
        String matched = ok("doors", "match", "--contest", "concarneau-2026").out();
        assertThat(matched).contains(expected.placedVoters() + " électeur(s) placé(s) par contour")
                .contains("absent des découpages 2022, 2024)");
        // the list named as terrain voters and import voters name it (« option inconnue » before: found by a crawl)
        assertThat(ok("doors", "match", "--election", "concarneau-2026").out().replaceAll("\\d+,\\d s :", "s :"))
                .isEqualTo(matched.replaceAll("\\d+,\\d s :", "s :"));
        JsonNode turfs = new ObjectMapper().readTree(ok("turfs", "--stations", "29039-1", "--json").out());
        Set<String> doors = new TreeSet<>();
        turfs.forEach(t -> t.get("doors").forEach(d -> doors.add(d.asText())));
        assertThat(doors).isEqualTo(expected.doors().get(1));
    }

    /**
     * The REU's stations imported as a vintage newer than Paris's (here 2020, Paris's contours being 2019's) do not take
     * the Paris 2020 round from the 2019 boundaries its codes are in: by year alone, status said « découpage 2020, 0
     * bureaux reliés » and the map drew Finistère for Paris.
     */
    @Test
    void aParisRoundKeepsTheBoundariesItsStationsAreInWhenANewerVintageHoldsOtherCommunes() {
        ok("import", "stations", fr.terrain.RealData.file(fr.terrain.RealData.STATIONS_2019).toString(), "--vintage", "2019");
        ok("import", "reu", fr.terrain.RealData.file(REU).toString(), "--vintage", "2020");
        ok("import", "results", fr.terrain.RealData.file(fr.terrain.RealData.RESULTS_2020).toString());
        String status = ok("status").out();
        assertThat(status).containsPattern("paris-2020-t1 .* 897 bureaux, .* découpage 2019, 8\\d\\d bureaux reliés");
    }
}
