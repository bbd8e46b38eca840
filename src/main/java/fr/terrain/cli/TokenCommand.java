package fr.terrain.cli;

import fr.terrain.account.Secrets;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.Accounts;
import fr.terrain.store.ApiToken;
import fr.terrain.store.ApiTokens;
import fr.terrain.store.Store;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code terrain token create|list|revoke}: API tokens for scripts ({@code Authorization: Bearer}). */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Gère les jetons d'API (en-tête Authorization: Bearer JETON), qui agissent avec le rôle de leur compte.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
    /** Tokens start with this, so that a leaked one is recognisable (secret scanners, logs). */
    static final String PREFIX = "trn_";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String when(Instant i) {
        return i == null ? "—" : WHEN.format(i);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Crée un jeton pour un compte et l'affiche une seule fois (seule son empreinte est conservée).")
    static final class Create implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--user", required = true, paramLabel = "NOM", description = "Compte dont le jeton prend le rôle.")
        String user;

        @Option(names = "--label", paramLabel = "TEXTE", description = "À quoi sert le jeton (par ex. « export nocturne »).")
        String label;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (label != null && label.length() > 200) {
                throw new Terrain.UserError("libellé trop long (200 caractères au plus)");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Store st = store.open()) {
                AccountRecord account = Accounts.find(st, user).orElseThrow(() -> new Terrain.UserError("compte inconnu : "
                        + user));
                if (account.disabled()) {
                    throw new Terrain.UserError("le compte " + user + " est désactivé");
                }
                String token = PREFIX + Secrets.randomToken(32);
                ApiToken created = ApiTokens.create(st, account.id(), Secrets.sha256(token), token.substring(0, 12), label,
                        Instant.now(), Actor.current());
                out.println("✔ jeton n° " + created.id() + " pour " + user + " (" + account.account().role().label()
                        + ") — affiché une seule fois :");
                out.println(token);
                out.println("Usage : curl -H 'Authorization: Bearer " + token.substring(0, 12) + "…' http://localhost:7070/api/me");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Liste les jetons (début, libellé, dates).")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--user", paramLabel = "NOM", description = "Seulement les jetons de ce compte.")
        String user;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Store st = store.open()) {
                var tokens = ApiTokens.list(st, Optional.ofNullable(user));
                if (tokens.isEmpty()) {
                    out.println("Aucun jeton.");
                    return 0;
                }
                out.printf("%-5s %-16s %-16s %-24s %-16s %-16s %s%n", "n°", "compte", "début", "libellé", "créé",
                        "dernier usage", "révoqué");
                for (ApiToken t : tokens) {
                    out.printf("%-5d %-16s %-16s %-24s %-16s %-16s %s%n", t.id(), t.account().name(), t.prefix() + "…",
                            t.label() == null ? "—" : t.label(), when(t.createdAt()), when(t.lastUsedAt()),
                            t.revoked() ? when(t.revokedAt()) : t.userDisabled() ? "compte désactivé" : "non");
                }
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Révoque un jeton : il est refusé dès maintenant.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "N°", description = "Numéro du jeton (voir terrain token list).")
        long id;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Store st = store.open()) {
                ApiToken token = ApiTokens.find(st, id).orElseThrow(() -> new Terrain.UserError("jeton inconnu : n° " + id));
                if (!ApiTokens.revoke(st, id, Instant.now(), Actor.current())) {
                    throw new Terrain.UserError("le jeton n° " + id + " est déjà révoqué (" + when(token.revokedAt()) + ")");
                }
                spec.commandLine().getOut().println("✔ jeton n° " + id + " (" + token.prefix() + "…, " + token.account().name()
                        + ") révoqué");
            }
            return 0;
        }
    }
}
