package fr.terrain.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code terrain help [COMMANDE [SOUS-COMMANDE…]]}: the help of a command at any depth. Picocli's own help command
 * reads one word: {@code terrain help import results} showed the help of {@code import}, silently.
 */
@Command(name = "help", helpCommand = true, description = {"Affiche l'aide d'une commande.", "Sans COMMANDE, celle"
        + " de terrain ; avec, celle de cette commande, sous-commandes comprises (terrain help import results, comme"
        + " terrain import results --help)."})
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
    @Parameters(paramLabel = "COMMANDE", arity = "0..*", description = "La commande (et ses sous-commandes) dont"
            + " afficher l'aide.")
    List<String> words = new ArrayList<>();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Affiche cette aide et s'arrête.")
    boolean help;

    private CommandLine self;
    private PrintWriter out;
    private CommandLine.Help.ColorScheme colors;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter outWriter,
            PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = outWriter;
    }

    @Override
    public void run() {
        CommandLine shown = self.getParent();
        List<String> path = new ArrayList<>();
        for (String word : words) {
            CommandLine sub = shown.getSubcommands().get(word);
            path.add(word);
            if (sub == null) { // said as picocli says it, in the words of UsageMistakes
                throw new CommandLine.ParameterException(self, "Unknown subcommand '" + String.join(" ", path) + "'.");
            }
            shown = sub;
        }
        shown.usage(out, colors);
    }
}
