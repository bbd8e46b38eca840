package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.targeting.Parameters;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** Every command, option and parameter says in {@code --help} what it is for. */
class HelpTextTest {

    @Test
    void everyCommandOptionAndParameterHasADescription() {
        List<String> silent = new ArrayList<>();
        walk(Terrain.commandLine(), "terrain", silent);
        assertThat(silent).as("sans description dans --help").isEmpty();
    }

    private static void walk(CommandLine cli, String path, List<String> silent) {
        CommandSpec spec = cli.getCommandSpec();
        if (blank(spec.usageMessage().description())) {
            silent.add(path);
        }
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        for (ArgSpec a : args) {
            if (blank(a.description())) {
                silent.add(path + " " + (a.isOption() ? ((CommandLine.Model.OptionSpec) a).longestName() : a.paramLabel()));
            }
        }
        cli.getSubcommands().forEach((name, sub) -> walk(sub, path + " " + name, silent));
    }

    @Test
    void everyHelpIsInFrenchIncludingPicocliOwnWords() {
        List<String> english = new ArrayList<>();
        List<String> lists = new ArrayList<>();
        render(Terrain.commandLine(), "terrain", english, lists);
        assertThat(english).as("aide avec les mots anglais de picocli").isEmpty();
        assertThat(lists).as("listes de commandes dont une ligne est coupée (finit sans point)").isEmpty();
    }

    private static void render(CommandLine cli, String path, List<String> english, List<String> lists) {
        String usage = cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
        if (!usage.contains("Utilisation : ") || !usage.contains("Affiche cette aide et s'arrête.")
                || usage.contains("Usage:") || usage.contains("Commands:") || usage.contains("Show this help")
                || usage.contains("Print version")
                || (usage.contains("[COMMAND]") && !path.equals("terrain help"))) { // picocli's help names it so
            english.add(path);
        }
        // a parent lists each subcommand by the first line of its header, else of its description: a sentence, not
        // half of one
        cli.getSubcommands().forEach((name, sub) -> {
            var message = sub.getCommandSpec().usageMessage();
            String[] d = message.header().length > 0 ? message.header() : message.description();
            if (d.length == 0 || !d[0].strip().matches(".*\\.\\)?$")) {
                lists.add(path + " " + name + " : " + (d.length == 0 ? "" : d[0]));
            }
            render(sub, path + " " + name, english, lists);
        });
    }

    /**
     * A footer written line by line (each line ends mid-sentence, the next goes on) must fit the help's width
     * (picocli's 80 columns): picocli cuts a wider line, leaving a ragged text (« sans lui,\n  chaque tête de
     * liste … »). A paragraph on one line (ending with a full stop) is flowed by picocli. Option values are named in French
     * (NOM, N, PORT), never by picocli's default {@code <field>}.
     */
    @Test
    void footersFitTheHelpWidthAndOptionValuesHaveFrenchNames() {
        List<String> wide = new ArrayList<>();
        List<String> unnamed = new ArrayList<>();
        footers(Terrain.commandLine(), "terrain", wide, unnamed);
        assertThat(List.of(wide, unnamed)).as("lignes de pied d'aide coupées ; valeurs d'option nommées par picocli"
                + " (<champ>)").containsOnly(List.of());
    }

    private static void footers(CommandLine cli, String path, List<String> wide, List<String> unnamed) {
        CommandSpec spec = cli.getCommandSpec();
        int width = spec.usageMessage().width();
        for (String line : spec.usageMessage().footer()) {
            String shown = String.format(line);
            if (shown.length() > width && !shown.strip().matches(".*\\.\\)?$")) {
                wide.add(path + " (" + shown.length() + ") : " + shown);
            }
        }
        for (var o : spec.options()) {
            if (o.typeInfo().isBoolean()) {
                continue;
            }
            if (o.paramLabel().startsWith("<")) {
                unnamed.add(path + " " + o.longestName() + "=" + o.paramLabel());
            }
        }
        cli.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                footers(sub, path + " " + name, wide, unnamed);
            }
        });
    }

    private static boolean blank(String[] lines) {
        return String.join("", lines).isBlank();
    }

    @Test
    void targetHelpGivesTheModelsDefaults() {
        CommandRun help = CommandRun.of(List.of(), "target", "--help");
        NumberFormat french = NumberFormat.getNumberInstance(Locale.FRANCE);
        Parameters d = Parameters.DEFAULTS;
        // the help text is flowed over lines: compare without line breaks and indentation
        String text = help.out().replaceAll("\\s+", " ");
        assertThat(text).contains("--doors-per-hour=N Portes frappées par heure de bénévole (défaut "
                + french.format(d.doorsPerHour()) + " ;");
        assertThat(text).contains("(défaut " + french.format(d.contactRate()) + " ;");
        assertThat(text).contains("(défaut " + french.format(d.persuasionEffect()) + " ;");
        assertThat(text).contains("(défaut " + french.format(d.mobilisationEffect()) + " ;");
    }
}
