package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command line that cannot be read is told in French, in a few lines, with exit code 2 and nothing written. */
class UsageMistakesTest {
    @TempDir
    Path home;

    private CommandRun run(String... args) {
        return CommandRun.of(List.of("--home", home.toString()), args);
    }

    private static void saysOnly(CommandRun r, String... lines) {
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines().toList()).containsExactly(lines);
    }

    @Test
    void aMissingFileIsNamedWithoutTheWholeHelp() {
        saysOnly(CommandRun.of(List.of(), "import", "results"),
                "erreur : paramètre obligatoire manquant : 'FICHIER'", "aide : terrain import results --help");
    }

    /** picocli's English for these reached the user (a crawl of the command line). */
    @Test
    void exclusiveOptionsAWordForANumberAndAnUnknownHelpTopicAreSaidInFrench() {
        saysOnly(run("turfs", "assign", "--plan", "p", "--turf", "1", "--user", "alice", "--none"),
                "erreur : --user=COMPTE, --none : une seule de ces options à la fois", "aide : terrain turfs assign --help");
        saysOnly(run("token", "revoke", "abc"), "erreur : valeur invalide pour N° : « abc » n'est pas un nombre entier",
                "aide : terrain token revoke --help");
        CommandRun help = run("help", "nope");
        assertThat(help.exit()).isEqualTo(2);
        assertThat(help.err()).contains("commande inconnue : nope").doesNotContain("Unknown");
        saysOnly(run("turfs", "--stations", "20-1", "--walking-speed", "vite"),
                "erreur : valeur invalide pour --walking-speed : « vite » n'est pas un nombre", "aide : terrain turfs --help");
    }

    /** A decimal written the French way, as the help writes defaults (« défaut 4,5 km/h »), is read. */
    @Test
    void aDecimalCommaIsRead() {
        assertThat(Terrain.decimal("4,5")).isEqualTo(4.5);
        assertThat(Terrain.decimal("0.45")).isEqualTo(0.45);
        CommandRun r = run("turfs", "--stations", "20-1", "--walking-speed", "4,5");
        assertThat(r.err()).doesNotContain("valeur invalide");
    }

    @Test
    void anUnknownOptionGetsTheNearestOnes() {
        saysOnly(run("import", "results", "x.csv", "--strictt"), "erreur : option inconnue : '--strictt'",
                "vouliez-vous dire : --strict ?", "aide : terrain import results --help");
    }

    /**
     * A misspelt required option is the mistake to name, not the required option it left missing; and a near miss
     * by a swapped pair of letters gets its suggestion too.
     */
    @Test
    void aMisspeltOptionIsNamedBeforeTheRequiredOneItMissed() {
        saysOnly(run("target", "--electoin", "paris-2020-t1", "--bloc", "b.json"), "erreur : option inconnue : --electoin",
                "vouliez-vous dire : --election ?", "aide : terrain target --help");
        saysOnly(run("status", "--hmoe", "/tmp/ailleurs"), "erreur : option inconnue : '--hmoe', '/tmp/ailleurs'",
                "vouliez-vous dire : --home ?", "aide : terrain status --help");
    }

    /**
     * What picocli read as a value (a file named « --bloc.json ») or as an option of the command above (turfs's --json
     * before assign) is no unknown option: the required option left out is the mistake.
     */
    @Test
    void aMissingRequiredOptionIsNotBlamedOnAWordPicocliRead() {
        saysOnly(run("target", "--bloc", "--bloc.json"), "erreur : option obligatoire manquante : '--election=ID'",
                "aide : terrain target --help");
        saysOnly(run("turfs", "--json", "assign", "--turf", "1"), "erreur : option obligatoire manquante : '--plan=NOM'",
                "aide : terrain turfs assign --help");
    }

    @Test
    void valuesOfTheWrongTypeSayWhatIsExpected() {
        saysOnly(run("target", "--election", "x", "--bloc", "b.json", "--hours", "abc"),
                "erreur : valeur invalide pour --hours : « abc » n'est pas un nombre",
                "aide : terrain target --help");
        saysOnly(run("target", "--election", "x", "--bloc", "b.json", "--top", "1.5"),
                "erreur : valeur invalide pour --top : « 1.5 » n'est pas un nombre entier", "aide : terrain target --help");
        saysOnly(CommandRun.of(List.of(), "target", "--bloc", "b.json", "--election"),
                "erreur : l'option --election attend une valeur (ID)", "aide : terrain target --help");
        saysOnly(run("target", "--bloc", "b.json", "--election"), // run() puts --home after the arguments
                "erreur : l'option --election attend une valeur, trouvé « --home »", "aide : terrain target --help");
    }

    @Test
    void anOptionGivenTwiceAndAnUnknownCommand() {
        saysOnly(run("import", "results", "x.csv", "--election", "a", "--election", "b"),
                "erreur : l'option --election ne se donne qu'une fois", "aide : terrain import results --help");
        CommandRun unknown = run("imprt", "results", "x.csv");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("erreur : commande inconnue : imprt\n")
                .contains("vouliez-vous dire : import").endsWith("aide : terrain --help\n");
    }

    @Test
    void anOptionGivenToACommandMadeOfSubcommandsNamesThem() {
        saysOnly(run("retention"), // run() adds --home DIR, an option of retention's subcommands
                "erreur : option inconnue : --home ; terrain retention attend d'abord une commande : "
                        + String.join(", ", Terrain.commandLine().getSubcommands().get("retention").getSubcommands().keySet()),
                "aide : terrain retention --help");
    }

    @Test
    void aCommandsOwnFrenchMessageIsKeptAsItIs() {
        saysOnly(run("seats", "--system", "nope"),
                "erreur : système inconnu : nope (attendu commune, paris-1982 ou paris-2025)", "aide : terrain seats --help");
        assertThat(UsageMistakes.french("--round vaut 1 ou 2, trouvé 3")).isEqualTo("--round vaut 1 ou 2, trouvé 3");
    }
}
