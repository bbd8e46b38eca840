package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.ingest.ElectoralListReader;
import fr.terrain.privacy.VoterSelection;
import fr.terrain.store.AuditLog;
import fr.terrain.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code terrain voters count|select}: the lawful criteria work, every forbidden one is refused with the rule. */
class VotersCommandTest {
    @TempDir
    Path home;


    CommandRun run(String... args) {
        return CommandRun.of(List.of("--home", home.toString()), args);
    }

    @BeforeEach
    void importList() throws Exception {
        Path list = home.resolve("liste.csv");
        Files.createDirectories(home);
        Files.writeString(list, String.join(";", ElectoralListReader.COLUMNS) + "\n"
                + "LG;LE;01/01/2026;75;75112;Paris 12e;1;F;DUPONT;;Marie;03/04/1970;Lyon;69;FRANCE;;École;7;;8;;;12;RUE;DE PICPUS;;75012;PARIS;FRANCE\n"
                + "LG;LE;01/01/2026;75;75112;Paris 12e;2;M;DURAND;;Paul;30/11/2000;Paris;75;FRANCE;;École;7;;8;;;14;RUE;DE PICPUS;;75012;PARIS;FRANCE\n"
                + "LG;LE;01/01/2026;75;75111;Paris 11e;3;F;MARTIN;;Leila;01/06/1985;Rabat;;MAROC;FRANCAISE;École;1;;8;;;3;RUE;DE CHARONNE;;75011;PARIS;FRANCE\n",
                StandardCharsets.UTF_8);
        assertThat(run("election", "add", "paris-2026", "--kind", "municipales", "--round1", "2026-03-15").exit()).isZero();
        assertThat(run("import", "voters", list.toString(), "--source", "electoral-list", "--election", "paris-2026",
                "--provider", "Préfecture").exit()).isZero();
    }

    /** A band the ages asked for cut short says so: DURAND (25) is the only one of 30 or under, not « 25-34 ». */
    @Test
    void theAgeBandsOfACountKeepToTheAgesAskedFor() {
        assertThat(run("voters", "count", "--election", "paris-2026", "--as-of", "2026-03-15", "--age-max", "30").out())
                .contains("Par tranche d'âge (ans) : 25-30 : 1\n");
        assertThat(run("voters", "count", "--election", "paris-2026", "--as-of", "2026-03-15", "--age-min", "40",
                "--age-max", "40").out()).contains("Par tranche d'âge (ans) : 40 ans : 1\n");
        assertThat(run("voters", "count", "--election", "paris-2026", "--as-of", "2026-03-15", "--age-min", "30").out())
                .contains("Par tranche d'âge (ans) : 35-49 : 1 ; 50-64 : 1\n");
    }

    @Test
    void countsAndListsByAgeSexStationAndArrondissement() throws Exception {
        CommandRun count = run("voters", "count", "--election", "paris-2026", "--as-of", "2026-03-15", "--sex", "F", "--json");
        assertThat(count.exit()).as(count.err()).isZero();
        assertThat(count.out()).contains("\"total\" : 2").doesNotContain("DUPONT");
        // no filter at all (H2 once refused the query's grouping: a stack trace, exit 3)
        CommandRun all = run("voters", "count", "--election", "paris-2026", "--json");
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out()).contains("\"total\" :");
        // the readable count, as of polling day: DUPONT F born 1970-04-03 is 55, MARTIN F 1985-06-01 is 40, DURAND M
        // 2000-11-30 is 25 (the fixture above); French words and figures, not a Java map's {F=2, M=1}
        CommandRun text = run("voters", "count", "--election", "paris-2026", "--as-of", "2026-03-15");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("Électeurs sélectionnés : 3\n", "Par sexe : F : 2 ; M : 1\n",
                "Par tranche d'âge (ans) : 25-34 : 1 ; 35-49 : 1 ; 50-64 : 1\n").doesNotContain("=");
        // a station the list does not have: counted 0, and said (a real one with nobody selected is not)
        CommandRun unknownStation = run("voters", "count", "--election", "paris-2026", "--station", "12-77,12-7");
        assertThat(unknownStation.exit()).isZero();
        assertThat(unknownStation.err()).contains("attention : bureau(x) 12-77 : aucun électeur de la liste « paris-2026 »")
                .doesNotContain("12-7,").doesNotContain("12-7 ");
        assertThat(run("voters", "count", "--election", "paris-2026", "--station", "12-7", "--sex", "F", "--age-min", "99")
                .err()).isEmpty();
        // a mistyped list: said, not counted as an empty one (« Électeurs sélectionnés : 0 », exit 0)
        CommandRun typo = run("voters", "count", "--election", "paris-2062");
        assertThat(typo.exit()).isEqualTo(1);
        assertThat(typo.err()).contains("aucune liste électorale importée pour « paris-2062 » ; listes : paris-2026");
        CommandRun list = run("voters", "select", "--election", "paris-2026", "--arrondissement", "12", "--age-max", "30",
                "--as-of", "2026-03-15");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).isEqualTo("id;station;sex;age;name;address\n2;12-7;M;25;Paul DURAND;14 RUE DE PICPUS\n");
        Path out = home.resolve("export.csv");
        CommandRun export = run("voters", "select", "--election", "paris-2026", "--station", "12-7,11-1", "--sort", "age",
                "--all", "--out", out.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(4).noneMatch(l -> l.contains("Rabat") || l.contains("MAROC"));
        assertThat(list.err()).as("an answer with people says nothing more").isEmpty();
        CommandRun none = run("voters", "select", "--election", "paris-2026", "--station", "12-77");
        assertThat(none.exit()).isZero();
        assertThat(none.out()).isEqualTo("id;station;sex;age;name;address\n");
        assertThat(none.err()).contains("attention : aucun électeur de la liste « paris-2026 »", "12-77",
                "inconnu(s) de cette liste");
        // a page past the last: the header alone, and what there is said (nothing was said before: found by a crawl)
        CommandRun past = run("voters", "select", "--election", "paris-2026", "--page", "9", "--page-size", "2");
        assertThat(past.exit()).isZero();
        assertThat(past.out()).isEqualTo("id;station;sex;age;name;address\n");
        assertThat(past.err()).contains("attention : la page 9 est au-delà de la dernière (3 électeur(s), 2 page(s) de 2)");
        try (Store s = Store.h2(home)) {
            assertThat(AuditLog.all(s).stream().map(e -> e.action() + ":" + e.records()).toList())
                    .containsExactly("voters.import:3", "voters.count:2", "voters.count:3", "voters.count:3", "voters.count:2",
                            "voters.count:0", "voters.view:1",
                            "voters.export:3", "voters.view:0", "voters.view:0");
        }
    }

    @Test
    void aRefusedSelectionIsSaidWithTheOptionsTypedNotTheApiParameters() {
        Map<List<String>, String> refused = Map.of(
                List.of("--page-size", "600"), "--page-size 600 : 500 au plus",
                List.of("--sex", "X"), "--sex X : M ou F attendu",
                List.of("--as-of", "15/03/2026"), "--as-of 15/03/2026 : date AAAA-MM-JJ attendue",
                // another day than today or a round's, asked again and again, would find each voter's birthday (crawl)
                List.of("--as-of", "2026-10-02"), "--as-of 2026-10-02 : l'âge se compte aujourd'hui (" + LocalDate.now(
                        ZoneOffset.UTC) + ") ou au jour d'un tour de paris-2026 (2026-03-15) ; un autre jour permettrait",
                List.of("--quartier", "Bel-Air"), "option « --quartier » inconnue ; options permises : --age-max, --age-min,"
                        + " --arrondissement, --as-of, --election, --page, --page-size, --sex, --sort, --station (",
                List.of("--order-by", "age"), "option « --order-by » inconnue : l'ordre se choisit par --sort station|age|sex",
                List.of("--birth-name", "X"), "critère « --birth-name » refusé : les sélections");
        for (var c : refused.entrySet()) {
            List<String> args = new ArrayList<>(List.of("voters", "select", "--election", "paris-2026"));
            args.addAll(c.getKey());
            CommandRun r = run(args.toArray(String[]::new));
            assertThat(r.exit()).as(c.getKey().toString()).isEqualTo(2);
            assertThat(r.err()).as(c.getKey().toString()).contains(c.getValue()).doesNotContain("page_size", "as_of=", "sex=");
        }
    }

    @Test
    void everyForbiddenCriterionIsRefusedWithTheRule() {
        SoftAssertions soft = new SoftAssertions();
        for (String name : VoterSelection.FORBIDDEN) {
            String option = "--" + name.replace('_', '-');
            for (List<String> args : List.of(List.of("voters", "select", "--election", "paris-2026", option, "X"),
                    List.of("voters", "count", "--election", "paris-2026", option + "=X"),
                    List.of("voters", "select", "--election", "paris-2026", "--sort", name),
                    List.of("voters", "select", "--election", "paris-2026", "--order-by", name))) {
                CommandRun r = run(args.toArray(String[]::new));
                soft.assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2); // the command line is refused, as it is
                soft.assertThat(r.err()).as(String.join(" ", args)).contains("Code électoral L.37");
                soft.assertThat(r.out()).as(String.join(" ", args)).doesNotContain("DUPONT");
            }
        }
        soft.assertAll();
        try (Store s = Store.h2(home)) {
            assertThat(AuditLog.all(s)).extracting(e -> e.action()).containsOnly("voters.import"); // no selection ran
        }
    }
}
