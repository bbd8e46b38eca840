package fr.terrain.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            new Rule("Invalid value for positional parameter at index \\d+ \\(([^)]*)\\): '([^']*)' is not an? (int|long|short|byte)",
                    "valeur invalide pour $1 : « $2 » n'est pas un nombre entier"),
            new Rule("Error: (.*) are mutually exclusive \\(specify only one\\)", "$1 : une seule de ces options à la fois"),
            new Rule("Unknown subcommand '([^']*)'\\.?", "commande inconnue : $1 (terrain help les liste)"),
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

    /**
     * The first argument picocli could not place that looks like an option, if any: not a value it read (a file named
     * « --x.json » after --bloc), nor an option of a command above, nor a parameter after « -- ».
     */
    private static Optional<String> unknownOption(CommandLine cli) {
        for (String a : cli.getUnmatchedArguments()) {
            if (a.startsWith("--") && !a.equals("--")) {
                return Optional.of(a.contains("=") ? a.substring(0, a.indexOf('=')) : a);
            }
        }
        return Optional.empty();
    }

    /**
     * The command's options one or two edits from the unknown option a message names (a swapped pair of letters
     * counts as one edit: « --hmoe », « --electoin »), nearest first; picocli's own suggestions only catch prefixes.
     */
    private static List<String> nearest(CommandLine cli, String message) {
        Matcher m = Pattern.compile("option inconnue : '?(--[^' ]+)'?").matcher(message);
        if (!m.find()) {
            return List.of();
        }
        String typed = m.group(1);
        return cli.getCommandSpec().options().stream().flatMap(o -> Arrays.stream(o.names()))
                .filter(n -> n.startsWith("--")).distinct()
                .map(n -> Map.entry(n, distance(typed, n))).filter(e -> e.getValue() <= 2)
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).limit(3).toList();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
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
        List<String> suggestions = e instanceof UnmatchedArgumentException u ? u.getSuggestions() : List.of();
        if (e instanceof CommandLine.MissingParameterException) {
            // picocli checks required options before unknown ones: « --electoin » would be told as « --election
            // missing »; the misspelt option is the mistake to name
            Optional<String> unknown = unknownOption(cli);
            if (unknown.isPresent()) {
                message = "option inconnue : " + unknown.get();
                suggestions = List.of();
            }
        }
        if (suggestions.isEmpty()) {
            suggestions = nearest(cli, message);
        }
        if (e instanceof UnmatchedArgumentException u && !cli.getSubcommands().isEmpty() && !u.getUnmatched().isEmpty()) {
            // a command made of subcommands: the first word it did not know is the mistake, whatever follows
            String first = u.getUnmatched().get(0);
            message = first.startsWith("-")
                    ? "option inconnue : " + first + " ; " + cli.getCommandSpec().qualifiedName()
                            + " attend d'abord une commande : " + String.join(", ", cli.getSubcommands().keySet())
                    : "commande inconnue : " + first;
        }
        err.println("erreur : " + message);
        if (!suggestions.isEmpty()) {
            err.println("vouliez-vous dire : " + String.join(", ", suggestions) + " ?");
        }
        err.println("aide : " + cli.getCommandSpec().qualifiedName() + " --help");
        return cli.getCommandSpec().exitCodeOnInvalidInput();
    }
}
