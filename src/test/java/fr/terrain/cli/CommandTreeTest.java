package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A run builds only the command typed (a quicker start); help and mistakes still see every command. */
class CommandTreeTest {

    @Test
    void aRunBuildsOnlyTheCommandTyped() {
        assertThat(Terrain.commandLineFor(new String[] {"status", "--home", "x"}).getSubcommands()).containsOnlyKeys("status");
        assertThat(Terrain.commandLineFor(new String[] {"import", "results", "f.csv"}).getSubcommands().get("import")
                .getSubcommands()).containsKeys("results", "stations", "folder");
    }

    @Test
    void helpAndUnknownWordsSeeEveryCommand() {
        assertThat(Terrain.commandLineFor(new String[] {"--help"}).getSubcommands())
                .hasSameSizeAs(Terrain.commandLine().getSubcommands()).containsKeys("demo", "status", "ab", "help");
        assertThat(Terrain.commandLineFor(new String[0]).getSubcommands()).containsKeys("demo", "ab");

        CommandRun list = CommandRun.typed("--help");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("status", "campaign", "turfs", "Codes de sortie");

        CommandRun helpImport = CommandRun.typed("help", "import");
        assertThat(helpImport.exit()).isZero();
        assertThat(helpImport.out()).startsWith("Utilisation : terrain import").contains("folder");
        // a subcommand's help at any depth (picocli's help command read one word, and showed « import »'s)
        CommandRun helpResults = CommandRun.typed("help", "import", "results");
        assertThat(helpResults.exit()).isZero();
        assertThat(helpResults.out()).startsWith("Utilisation : terrain import results").contains("--election")
                .isEqualTo(CommandRun.typed("import", "results", "--help").out());
        CommandRun helpUnknown = CommandRun.typed("help", "import", "bureaux");
        assertThat(helpUnknown.exit()).isEqualTo(2);
        assertThat(helpUnknown.err()).contains("commande inconnue : import bureaux");
        assertThat(CommandRun.typed("help", "--help").out()).startsWith("Utilisation : terrain help [-h] [COMMANDE...]");

        CommandRun helpWithHome = CommandRun.typed("--home", "/tmp/x", "help"); // the options were taken for a command
        assertThat(helpWithHome.err()).isEmpty();
        assertThat(helpWithHome.out()).startsWith("Utilisation : terrain [-hV] [COMMANDE]").contains("backtest");
        assertThat(CommandRun.typed("--home", "/tmp/x", "help", "backtest").out()).startsWith("Utilisation : terrain backtest");

        CommandRun typo = CommandRun.typed("statu");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("commande inconnue : statu", "status");
    }

    @Test
    void aSubcommandTypedAloneKeepsTheFrenchHelpAndErrors() {
        CommandRun help = CommandRun.typed("election", "add", "--help");
        assertThat(help.out()).contains("Utilisation : terrain election add", "Affiche cette aide et s'arrête.");
        CommandRun wrongDate = CommandRun.typed("election", "add", "x-2026", "--kind", "municipales", "--round1", "15/03/2026");
        assertThat(wrongDate.exit()).isEqualTo(2);
        assertThat(wrongDate.err()).contains("date attendue sous la forme AAAA-MM-JJ");
    }
}
