package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.field.TurfScope;
import fr.terrain.store.FieldStore;
import fr.terrain.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code terrain turfs … --save} and {@code terrain turfs assign} on the demo city. */
class FieldCliTest {
    @TempDir
    Path home;

    CommandRun run(String... args) {
        return CommandRun.of(List.of("--home", home.toString()), args);
    }

    @Test
    void aSavedCutIsTheSameCutAndItsTurfsCanBeAssigned() throws Exception {
        assertThat(run("demo", "--scale", "small", "--no-serve").exit()).isZero();
        CommandRun cut = run("turfs", "--stations", "20-1,20-2", "--doors-per-turf", "80", "--json", "--save", "20e-janvier");
        assertThat(cut.exit()).as(cut.err()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cut.out()); // still the whole JSON, unchanged
        assertThat(cut.err()).contains("Plan « 20e-janvier » enregistré : " + json.size() + " tournée(s)");
        Matcher ids = Pattern.compile("tournée (\\d+) → n° (\\d+)").matcher(cut.err());
        int n = 0;
        try (Store s = Store.h2(home)) {
            List<FieldStore.SavedTurf> saved = FieldStore.turfs(s, new TurfScope.All());
            assertThat(saved).hasSize(json.size());
            while (ids.find()) {
                long id = Long.parseLong(ids.group(2));
                int number = Integer.parseInt(ids.group(1));
                var turf = FieldStore.turf(s, new TurfScope.All(), id).orElseThrow();
                var printed = json.get(number - 1);
                assertThat(turf.turf().number()).isEqualTo(printed.get("turf").asInt());
                assertThat(turf.doors().stream().map(FieldStore.TurfDoor::doorId).toList())
                        .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().convertValue(printed.get("doors"),
                                List.class));
                assertThat(turf.turf().walkingMetres()).isEqualTo(printed.get("walking_metres").asInt());
                assertThat(turf.turf().arrondissement()).isEqualTo(20);
                n++;
            }
        }
        assertThat(n).isEqualTo(json.size());

        // the table says where each turf starts and ends as the page and the walk list do: « 12 bis », never « 12b »
        String stations = java.util.stream.IntStream.rangeClosed(1, 30).mapToObj(i -> "20-" + i)
                .collect(java.util.stream.Collectors.joining(","));
        CommandRun table = run("turfs", "--stations", stations, "--doors-per-turf", "20");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).doesNotContainPattern(" (de|à) \\d+[a-z] ").containsPattern(" \\d+ (bis|ter) ");
        // the demo's stations have no polling place: every turf starts at the centre of its doors, said once
        assertThat(table.out()).contains("  départ : centre des portes ; --json");
        // the doors shown (addresses, voters per door) are logged as the web's preview logs them (found by a crawl)
        String shownDoors = table.out().replaceAll("(?s).*\\(([\\d  ]+) portes, .*", "$1").replaceAll("\\D", "");
        try (Store s = Store.h2(home)) {
            assertThat(fr.terrain.store.AuditLog.all(s).getLast()).satisfies(e -> {
                assertThat(e.action()).isEqualTo("field.turfs.cut");
                assertThat(e.target()).isEqualTo("voters:demo-2026");
                assertThat(e.records()).isEqualTo(Long.parseLong(shownDoors)).isPositive();
                assertThat(e.detail()).startsWith("découpage de 20-1,20-2,20-3,");
            });
        }
        assertThat(run("turfs", "--stations", "20-1", "--save", "20e-janvier").err()).contains("existe déjà");

        CommandRun user = CommandRun.withInput("porte après porte, 2026\n", List.of("--home", home.toString()), "user", "add",
                "camille", "--role", "canvasser", "--sectors", "20");
        assertThat(user.exit()).as(user.err()).isZero();
        CommandRun assign = run("turfs", "assign", "--plan", "20e-janvier", "--turf", "2", "--user", "camille");
        assertThat(assign.exit()).as(assign.err()).isZero();
        assertThat(assign.out()).contains("attribuée à camille");
        try (Store s = Store.h2(home)) {
            long camille = FieldStore.userId(s, "camille").orElseThrow();
            assertThat(FieldStore.turfs(s, new TurfScope.AssignedTo(camille))).singleElement()
                    .satisfies(t -> assertThat(t.number()).isEqualTo(2));
        }
        assertThat(run("turfs", "assign", "--plan", "20e-janvier", "--turf", "99", "--user", "camille").err())
                .contains("aucune tournée 99");
        assertThat(run("turfs", "assign", "--plan", "20e-janvier", "--turf", "2", "--user", "personne").err())
                .contains("compte inconnu");
        try (Store s = Store.h2(home)) { // camille's phone syncs two doors of turf 2
            long camille = FieldStore.userId(s, "camille").orElseThrow();
            var turf = FieldStore.turfs(s, new TurfScope.AssignedTo(camille)).get(0);
            var doors = FieldStore.turf(s, new TurfScope.AssignedTo(camille), turf.id()).orElseThrow().doors();
            FieldStore.record(s, new TurfScope.AssignedTo(camille), camille, "camille", List.of(
                    fr.terrain.store.FieldFixtures.outcome("e-1", turf.id(), doors.get(1).doorId(), fr.terrain.field.DoorOutcome.OPENED),
                    fr.terrain.store.FieldFixtures.outcome("e-2", turf.id(), doors.get(0).doorId(), fr.terrain.field.DoorOutcome.LEAFLET)),
                    java.time.Instant.now());
            Path csv = home.resolve("resultats.csv");
            CommandRun export = run("turfs", "outcomes", "--plan", "20e-janvier", "--out", csv.toString());
            assertThat(export.exit()).as(export.err()).isZero();
            List<String> lines = java.nio.file.Files.readAllLines(csv);
            assertThat(lines.get(0)).isEqualTo("turf;door_id;label;station;outcome;topic;recorded_at;canvasser;duplicate_door");
            // in walking order: the first door (leaflet) before the second (opened)
            assertThat(lines.subList(1, 3)).satisfiesExactly(
                    l -> assertThat(l).startsWith("2;" + doors.get(0).doorId() + ";").contains(";leaflet;", ";camille;false"),
                    l -> assertThat(l).startsWith("2;" + doors.get(1).doorId() + ";").contains(";opened;"));
            assertThat(lines).hasSize(3);
            assertThat(fr.terrain.store.AuditLog.all(s)).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("field.outcomes.export");
                assertThat(e.records()).isEqualTo(2);
            });
        }
        assertThat(run("turfs", "outcomes", "--plan", "inconnu").err()).contains("plan inconnu");
        assertThat(run("turfs", "assign", "--plan", "20e-janvier", "--turf", "2", "--none").exit()).isZero();
        try (Store s = Store.h2(home)) {
            assertThat(FieldStore.turfs(s, new TurfScope.AssignedTo(FieldStore.userId(s, "camille").orElseThrow()))).isEmpty();
        }
        assertThat(run("turfs").err()).contains("--stations");

        // a plan with outcomes stays; one without goes, with its turfs
        CommandRun kept = run("turfs", "delete", "--plan", "20e-janvier");
        assertThat(kept.exit()).isEqualTo(1);
        assertThat(kept.err()).contains("a 2 résultat(s) de porte-à-porte");
        assertThat(run("turfs", "--stations", "20-3", "--save", "20e-essai").exit()).isZero();
        CommandRun gone = run("turfs", "delete", "--plan", "20e-essai");
        assertThat(gone.exit()).as(gone.err()).isZero();
        assertThat(gone.out()).contains("Plan « 20e-essai » supprimé");
        try (Store s = Store.h2(home)) {
            assertThat(FieldStore.plans(s)).containsExactly("20e-janvier");
            assertThat(fr.terrain.store.AuditLog.all(s)).anySatisfy(e -> assertThat(e.action()).isEqualTo("field.plan.delete"));
        }
        assertThat(run("turfs", "delete", "--plan", "20e-essai").err()).contains("plan inconnu « 20e-essai »");
    }

    /** Each station's turfs start at its own polling place: the table no longer names the first one for them all. */
    @Test
    void theTableNamesEveryStartOfItsTurfs() {
        assertThat(TurfsCommand.startsLine(List.of("lieu de vote 12-51", "lieu de vote 12-51", "lieu de vote 12-52")))
                .isEqualTo("  départs (2) : lieu de vote 12-51 ; lieu de vote 12-52 — celui de chaque tournée dans --json,"
                        + " avec ses portes dans l'ordre de marche.");
        assertThat(TurfsCommand.startsLine(List.of("a", "b", "c", "d", "a"))).startsWith("  départs (4) : a ; b ; c ; … — ");
        assertThat(TurfsCommand.startsLine(List.of("a", "a"))).startsWith("  départ : a ; --json");
    }
}
