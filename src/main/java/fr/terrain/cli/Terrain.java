package fr.terrain.cli;

import fr.terrain.election.Paris;
import fr.terrain.ingest.InputError;
import fr.terrain.ingest.Problem;
import fr.terrain.store.StoreException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code terrain}: the entry point of the jar. */
@Command(name = "terrain", mixinStandardHelpOptions = true, version = "Terrain 0.1.0",
        description = {"Ciblage électoral et organisation de terrain, sur données publiques françaises.", ""},
        footer = {"", "Données : le répertoire TERRAIN_HOME (par défaut ./.terrain) ou --home DIR ;",
            "PostgreSQL quand TERRAIN_DB_URL (ou --db) est défini.",
            "Comptes : terrain user add NOM --role admin|director|organizer|canvasser|analyst|dpo ;"
                    + " jetons d'API : terrain token create --user NOM.",
            "Bénévoles : terrain invite --role canvasser --sectors 12 --qr invitation.png (lien d'invitation et QR code).",
            "Codes de sortie : 0 succès, 1 données en entrée refusées, 2 usage incorrect, 3 erreur interne,"
                    + " 4 campagne de courriel non terminée (à relancer)."})
public final class Terrain implements Runnable {
    /** The commands, in the order of {@code terrain --help}. */
    private static final List<Class<?>> COMMANDS = List.of(DemoCommand.class, ServeCommand.class, ImportCommand.class,
            ElectionCommand.class, GenerateCommand.class, StatusCommand.class, UserCommand.class, TokenCommand.class,
            SeatsCommand.class, SimulateCommand.class, TargetCommand.class, BacktestCommand.class, AuditCommand.class,
            RetentionCommand.class, RegisterCommand.class, BackupCommand.class, RestoreCommand.class, VotersCommand.class,
            ConsentCommand.class, SuppressCommand.class, RightsCommand.class, DoorsCommand.class, TurfsCommand.class,
            TeamCommand.class, InviteCommand.class, ContactsCommand.class, CampaignCommand.class, TrackingCommand.class,
            AbCommand.class, HelpCommand.class);
    static final int INPUT_ERROR = 1;
    static final int INTERNAL_ERROR = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code; user errors are printed without a stack trace. */
    public static int execute(String... args) {
        String[] line = storeOptionsAfterTheCommand(args);
        try {
            return commandLineFor(line).execute(line);
        } catch (OutOfMemoryError e) { // an Error, which picocli lets through: a stack trace and exit code 1 before
            System.err.println(outOfMemory(Runtime.getRuntime().maxMemory()));
            return INTERNAL_ERROR;
        }
    }

    /** What to do when a command ran out of memory: said in French, with the setting that gives Java more. */
    static String outOfMemory(long maxHeapBytes) {
        return "erreur : mémoire insuffisante (Java peut prendre au plus " + Paris.count(maxHeapBytes >> 20) + " Mio) ;"
                + " relancez la commande avec davantage, par ex. TERRAIN_JAVA_OPTS=-Xmx" + Math.max(2,
                        2 * (int) Math.ceil(maxHeapBytes / (double) (1L << 30))) + "g ./terrain … si la machine a cette"
                + " mémoire ; ce qui était en cours n'a pas été enregistré";
    }

    /** The command line that runs {@code line} (as {@link #storeOptionsAfterTheCommand} leaves it). */
    static CommandLine commandLineFor(String[] line) {
        return commandLine(line.length == 0 ? null : line[0]);
    }

    /**
     * {@code --home DIR} and {@code --db URL} are options of every command that reads or writes data; written
     * before the command ({@code terrain --home DIR status}), they are moved after it, where its parser reads them.
     */
    static String[] storeOptionsAfterTheCommand(String... args) {
        List<String> leading = new ArrayList<>();
        int i = 0;
        while (i < args.length) {
            String a = args[i];
            if ((a.equals("--home") || a.equals("--db")) && i + 1 < args.length) {
                leading.add(a);
                leading.add(args[i + 1]);
                i += 2;
            } else if (a.startsWith("--home=") || a.startsWith("--db=")) {
                leading.add(a);
                i++;
            } else {
                break;
            }
        }
        if (leading.isEmpty() || i == args.length || args[i].startsWith("-")) { // --help, --version: as typed
            return args;
        }
        if (args[i].equals("help")) { // help reads no data: after « help », the options would be taken for commands
            return Arrays.copyOfRange(args, i, args.length);
        }
        List<String> out = new ArrayList<>(Arrays.asList(args).subList(i, args.length));
        int end = out.indexOf("--"); // after "--" every word is a parameter: the options go before it
        out.addAll(end < 0 ? out.size() : end, leading);
        return out.toArray(String[]::new);
    }

    /** Every command, as {@code terrain --help} lists them. */
    static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command line with only {@code word}'s command when it names one, else with every command. Picocli reads
     * each command's annotations when it is added: the 29 commands and their subcommands cost a command-line tool
     * a noticeable part of its start (BENCHMARKS.md, « Démarrage de la ligne de commande »), and a run uses one.
     * {@code help}, an option or an unknown word get them all (the list, or picocli's « did you mean »).
     */
    static CommandLine commandLine(String word) {
        CommandLine cli = new CommandLine(new Terrain());
        Class<?> only = word == null || word.equals("help") ? null : COMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(word)).findFirst().orElse(null);
        for (Class<?> c : only == null ? COMMANDS : List.of(only)) {
            cli.addSubcommand(c);
        }
        // picocli's own words in --help (headings, -h and -V) in French, for every subcommand
        cli.setResourceBundle(java.util.ResourceBundle.getBundle("fr.terrain.cli.aide", java.util.Locale.FRENCH));
        cli.setParameterExceptionHandler(new UsageMistakes());
        cli.registerConverter(java.time.LocalDate.class, Terrain::date);
        // a decimal comma, as the help writes defaults (« défaut 0,45 »)
        cli.registerConverter(Double.class, Terrain::decimal);
        cli.registerConverter(Double.TYPE, Terrain::decimal);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof InputError input) {
                for (Problem p : input.problems()) {
                    err.println("erreur : " + p);
                }
                err.println("Rien n'a été modifié dans la base.");
                return INPUT_ERROR;
            }
            if (e instanceof java.io.UncheckedIOException io) {
                err.println("erreur : " + ioProblem(io));
                return INPUT_ERROR;
            }
            if (e instanceof java.io.IOException io) { // a command that lets the system's failure through (a full disk)
                err.println("erreur : " + ioProblem(new java.io.UncheckedIOException(io)));
                return INPUT_ERROR;
            }
            if (e instanceof UsageError) {
                return new UsageMistakes().handleParseException(new CommandLine.ParameterException(commandLine,
                        e.getMessage()), parseResult.originalArgs().toArray(String[]::new));
            }
            if (e instanceof StoreException || e instanceof UserError) {
                err.println("erreur : " + e.getMessage());
                return INPUT_ERROR;
            }
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof OutOfMemoryError) { // wrapped on its way out (a connection pool closing under it)
                    err.println(outOfMemory(Runtime.getRuntime().maxMemory()));
                    return INTERNAL_ERROR;
                }
            }
            err.println("erreur interne (merci de la signaler) : " + e);
            e.printStackTrace(err);
            return INTERNAL_ERROR;
        });
        return cli;
    }

    /** A decimal option, written with a point or, as in French, a comma (0,45). */
    static Double decimal(String text) {
        try {
            return Double.valueOf(text.indexOf('.') < 0 && text.chars().filter(c -> c == ',').count() == 1
                    ? text.replace(',', '.') : text);
        } catch (NumberFormatException e) {
            throw new picocli.CommandLine.TypeConversionException("« " + text + " » n'est pas un nombre");
        }
    }

    /** A date option: ISO (2026-03-15), with a French message when it is not one. */
    static java.time.LocalDate date(String text) {
        try {
            return java.time.LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new picocli.CommandLine.TypeConversionException(
                    "date attendue sous la forme AAAA-MM-JJ (2026-03-15), trouvé « " + text + " »");
        }
    }

    /**
     * What went wrong reading or writing a file, in words: what Terrain was doing (« impossible d'écrire dans … »)
     * when the code that failed said it, and the system's reason, a missing path or a refused access named as such.
     * Without the first, an output folder that cannot be created (`--out /proc/rapports`) read « fichier introuvable ».
     */
    static String ioProblem(java.io.UncheckedIOException io) {
        java.io.IOException cause = io.getCause();
        if (cause == null) {
            return io.getMessage();
        }
        boolean said = io.getMessage() != null && !io.getMessage().equals(cause.toString());
        return said ? io.getMessage() + " (" + ioReason(cause) + ")" : InputError.fileProblem(cause).orElse(ioReason(cause));
    }

    /** A file or folder Terrain was to write and could not: said as such, not « fichier introuvable » as for an input. */
    static java.io.UncheckedIOException cannotWrite(java.nio.file.Path where, java.io.IOException e) {
        return new java.io.UncheckedIOException("impossible d'écrire dans " + where, e);
    }

    /** The system's reason for a failed read or write, in words where it has some. */
    static String ioReason(java.io.IOException e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException f -> "chemin introuvable : " + f.getFile();
            case java.nio.file.AccessDeniedException f -> "accès refusé : " + f.getFile();
            default -> e.getMessage() != null ? e.getMessage() : e.toString();
        };
    }

    /** A mistake in the command's arguments that picocli cannot see (an unknown election, say): exit code 1. */
    static class UserError extends RuntimeException {
        UserError(String message) {
            super(message);
        }
    }

    /**
     * A command line wrong in itself, whatever the data (a value out of range, two options that exclude each other),
     * found by the command rather than by picocli: told as picocli's own mistakes are, exit code 2.
     */
    static final class UsageError extends UserError {
        UsageError(String message) {
            super(message);
        }
    }
}
