package fr.terrain.cli;

import fr.terrain.account.Account;
import fr.terrain.account.PasswordHasher;
import fr.terrain.account.Passwords;
import fr.terrain.account.Role;
import fr.terrain.account.Secrets;
import fr.terrain.election.SectorCodes;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.Accounts;
import fr.terrain.store.Store;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code terrain user add|list|disable|password}: the accounts that may sign in. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Gère les comptes qui peuvent se connecter.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Disable.class,
            UserCommand.Password.class})
final class UserCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Role role(String label) {
        return Role.find(label).orElseThrow(() -> new Terrain.UsageError("rôle inconnu « " + label + " » ; rôles : "
                + Arrays.stream(Role.values()).map(Role::label).collect(Collectors.joining(", "))));
    }

    /** How {@code --sectors} is written, for its help (user add, invite). */
    static final String SECTORS_HELP = "des secteurs séparés par des virgules, chacun " + SectorCodes.SPELLING
            + ", par ex. 11,12,20 ou 29039";

    static Set<Integer> sectors(String list) {
        try {
            return SectorCodes.parseList(list);
        } catch (IllegalArgumentException e) {
            throw new Terrain.UsageError("secteurs illisibles « " + list + " » : " + e.getMessage());
        }
    }

    /**
     * The new password: one line of standard input when it is not a terminal (a script, a pipe),
     * else a generated one, printed once.
     */
    static String newPassword(boolean generate, PrintWriter out, String userName) {
        if (!generate && !interactive()) {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line != null && !line.isEmpty()) {
                    return checked(line, userName);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new Terrain.UserError("aucun mot de passe sur l'entrée standard (une ligne attendue) ;"
                    + " --generate-password en crée un");
        }
        String password = Secrets.generatePassword();
        out.println("Mot de passe (affiché une seule fois, notez-le) : " + password);
        return password;
    }

    private static String checked(String password, String userName) {
        try {
            return Passwords.check(password, userName);
        } catch (IllegalArgumentException e) {
            throw new Terrain.UserError(e.getMessage());
        }
    }

    /** Whether a person types at this process (then the password is generated, never echoed back from stdin). */
    static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try { // Console.isTerminal() exists from Java 22, where System.console() is no longer null on a pipe
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Creates an account; shared with {@code terrain demo}. */
    static AccountRecord add(Store store, String name, Role role, Set<Integer> sectors, String password) {
        Account account;
        try {
            account = Account.of(name, role, sectors);
        } catch (IllegalArgumentException e) {
            throw new Terrain.UserError(e.getMessage());
        }
        if (Accounts.find(store, name).isPresent()) {
            throw new Terrain.UserError("le compte « " + name + " » existe déjà (terrain user password " + name
                    + " pour changer son mot de passe)");
        }
        return Accounts.add(store, account, PasswordHasher.standard().hash(password), Instant.now(), Actor.current());
    }

    static String describe(Account a) {
        return a.role().label() + (a.role().seesAllSectors() ? ", tous secteurs"
                : a.sectors().isEmpty() ? ", aucun secteur" : ", secteurs " + a.sectors().stream().map(String::valueOf)
                        .collect(Collectors.joining(",")));
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Crée un compte. Le mot de passe est lu sur l'entrée standard (une ligne) quand elle n'est pas"
                    + " un terminal ; sinon il est généré et affiché une seule fois.",
                "Rôles : admin (tout), director (tout sauf les comptes et l'audit), organizer (ses secteurs),"
                        + " canvasser (ses secteurs de porte-à-porte), analyst (agrégats seulement), dpo (délégué à la"
                        + " protection des données : audit, conformité, demandes de droits, agrégats)."})
    static final class Add implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "NOM", description = "Nom d'utilisateur (lettres, chiffres, . _ @ -).")
        String name;

        @Option(names = "--role", required = true, paramLabel = "RÔLE",
                description = "admin, director, organizer, canvasser, analyst ou dpo.")
        String role;

        @Option(names = "--sectors", paramLabel = "S,S,…", description = "Secteurs confiés : " + SECTORS_HELP + ".")
        String sectors;

        @Option(names = "--generate-password", description = "Génère le mot de passe même si l'entrée standard en donne un.")
        boolean generate;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Role r = role(role);
            Set<Integer> s = sectors(sectors);
            try (Store st = store.openOrCreate()) {
                if (Accounts.find(st, name).isPresent()) {
                    throw new Terrain.UserError("le compte « " + name + " » existe déjà");
                }
                String password = newPassword(generate, out, name);
                AccountRecord added = add(st, name, r, s, password);
                out.println("✔ compte " + added.name() + " : " + describe(added.account()));
                if (!r.seesAllSectors() && s.isEmpty()) {
                    out.println("  attention : aucun secteur confié (--sectors) ; ce compte ne verra aucun secteur");
                }
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Liste les comptes.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Store st = store.open()) {
                List<AccountRecord> all = Accounts.list(st);
                if (all.isEmpty()) {
                    out.println("Aucun compte : terrain user add NOM --role admin");
                }
                for (AccountRecord a : all) {
                    out.printf("%-24s %-40s créé le %s%s%n", a.name(), describe(a.account()),
                            a.createdAt().toString().substring(0, 10), a.disabled() ? "  DÉSACTIVÉ" : "");
                }
            }
            return 0;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Désactive un compte : ses sessions sont fermées et ses jetons d'API refusés ; un profil de bénévole (nom affiché, point de départ, disponibilités) est effacé.")
    static final class Disable implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "NOM", description = "Nom d'utilisateur du compte.")
        String name;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Store st = store.open()) {
                if (!Accounts.disable(st, name, Actor.current())) {
                    throw new Terrain.UserError("compte inconnu : " + name);
                }
            }
            spec.commandLine().getOut().println("✔ compte " + name + " désactivé");
            return 0;
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true,
            description = {"Réinitialise le mot de passe d'un compte (lu sur l'entrée standard, ou généré) et ferme ses"
                    + " sessions."})
    static final class Password implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "NOM", description = "Nom d'utilisateur du compte.")
        String name;

        @Option(names = "--generate-password", description = "Génère le mot de passe même si l'entrée standard en donne un.")
        boolean generate;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Store st = store.open()) {
                if (Accounts.find(st, name).isEmpty()) {
                    throw new Terrain.UserError("compte inconnu : " + name);
                }
                String password = newPassword(generate, out, name);
                Accounts.setPassword(st, name, PasswordHasher.standard().hash(password), Actor.current());
            }
            out.println("✔ mot de passe de " + name + " changé ; ses sessions sont fermées");
            return 0;
        }
    }
}
