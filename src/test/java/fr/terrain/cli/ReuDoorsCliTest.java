package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.terrain.RealData;
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
        ok("import", "voters", list.toString(), "--source", "electoral-list", "--election", "concarneau-2026");

        CommandRun cut = ok("turfs", "--stations", "29039-1", "--doors-per-turf", "80", "--json");
        JsonNode turfs = new ObjectMapper().readTree(cut.out());
        Set<String> doors = new TreeSet<>();
        turfs.forEach(t -> {
            assertThat(t.get("stations").toString()).isEqualTo("[\"29039-1\"]");
            // the REU gives no polling place: a turf starts from its doors' centre
            assertThat(t.get("start").get("label").asText()).isEqualTo("centre des portes");
            t.get("doors").forEach(d -> doors.add(d.asText()));
        });
        assertThat(doors).isEqualTo(expectedDoors("1"));
        assertThat(turfs.size()).isEqualTo(1); // 30 doors, 80 a turf
    }

    /**
     * The BAN ids of the fixture's addresses whose electors the list puts in {@code bureau} (leading zeros allowed, as
     * the arrêté's NoBureauDeVote may write them).
     */
    private Set<String> expectedDoors(String bureau) throws IOException {
        Map<String, String> idOfAddress = new HashMap<>(); // "12 DES ESSAIS" → BAN id
        List<String> ban = Files.readAllLines(addresses, StandardCharsets.UTF_8);
        for (String line : ban.subList(1, ban.size())) {
            String[] f = line.split(";", -1);
            idOfAddress.put(f[2] + " " + f[18].substring("RUE ".length()), f[0]);
        }
        Set<String> expected = new TreeSet<>();
        List<String> voters = Files.readAllLines(list, StandardCharsets.UTF_8);
        for (String line : voters.subList(1, voters.size())) {
            String[] f = line.split(";", -1);
            if (!f[17].isEmpty() && Integer.parseInt(f[17]) == Integer.parseInt(bureau)) {
                expected.add(idOfAddress.get(f[22] + " " + f[24]));
            }
        }
        return expected;
    }
}
