package fr.terrain.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line picocli cannot read (a missing parameter, an unknown option, a value of the wrong type): one
 * line in French, the options that come closest to an unknown one, and where to find the help — instead of
 * picocli's English message followed by the whole help text. Exit code 2, picocli's for invalid input.
 */
final class UsageMistakes implements CommandLine.IParameterExceptionHandler {

    /** picocli's messages (4.7) and their French; the first that matches the whole message wins. */
    private static final List<Rule> RULES = List.of(
            new Rule("Missing required parameters?: (.*)", "paramètre obligatoire manquant : $1"),
            new Rule("Missing required options?: (.*)", "option obligatoire manquante : $1"),
            new Rule("Missing required parameter for option '([^']*)' \\((.*)\\)", "l'option $1 attend une valeur ($2)"),
            new Rule("Expected parameter for option '([^']*)' but found '([^']*)'",
                    "l'option $1 attend une valeur, trouvé « $2 »"),
            new Rule("Unknown options?: (.*)", "option inconnue : $1"),
            new Rule("Unmatched arguments? (?:at|from) index \\d+: (.*)", "argument en trop : $1"),
            new Rule("option '([^']*)' \\([^)]*\\) should be specified only once", "l'option $1 ne se donne qu'une fois"),
            new Rule("positional parameter at index \\d+ \\(([^)]*)\\) should be specified only once",
                    "$1 ne se donne qu'une fois"),
            new Rule("Invalid value for option '([^']*)': '([^']*)' is not an? (int|long|short|byte)",
                    "valeur invalide pour $1 : « $2 » n'est pas un nombre entier"),
            new Rule("Invalid value for option '([^']*)': '([^']*)' is not an? (double|float)",
                    "valeur invalide pour $1 : « $2 » n'est pas un nombre (point décimal : 0.45)"),
            new Rule("Invalid value for option '([^']*)': expected one of \\[(.*)\\] \\(case-sensitive\\) but was '([^']*)'",
                    "valeur invalide pour $1 : « $3 » ; valeurs possibles : $2"),
            new Rule("Invalid value for option '([^']*)': (.*)", "valeur invalide pour $1 : $2"),
            new Rule("Invalid value for positional parameter at index \\d+ \\(([^)]*)\\): (.*)",
                    "valeur invalide pour $1 : $2"));

    private record Rule(Pattern english, String french) {
        Rule(String english, String french) {
            this(Pattern.compile(english, Pattern.DOTALL), french);
        }
    }

    /** The message in French: picocli's own translated, a command's own (already French) as it is. */
    static String french(String message) {
        for (Rule r : RULES) {
            Matcher m = r.english().matcher(message);
            if (m.matches()) {
                return m.replaceFirst(r.french());
            }
        }
        return message;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        String message = french(e.getMessage());
        if (e instanceof UnmatchedArgumentException u && !cli.getSubcommands().isEmpty() && !u.getUnmatched().isEmpty()) {
            // a command made of subcommands: the first word it did not know is the mistake, whatever follows
            String first = u.getUnmatched().get(0);
            message = first.startsWith("-")
                    ? "option inconnue : " + first + " ; " + cli.getCommandSpec().qualifiedName()
                            + " attend d'abord une commande : " + String.join(", ", cli.getSubcommands().keySet())
                    : "commande inconnue : " + first;
        }
        err.println("erreur : " + message);
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            err.println("vouliez-vous dire : " + String.join(", ", u.getSuggestions()) + " ?");
        }
        err.println("aide : " + cli.getCommandSpec().qualifiedName() + " --help");
        return cli.getCommandSpec().exitCodeOnInvalidInput();
    }
}
