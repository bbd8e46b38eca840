package fr.terrain.cli;

import fr.terrain.compliance.PrivacySettings;
import fr.terrain.compliance.RetentionRun;
import fr.terrain.privacy.Retention;
import fr.terrain.privacy.RetentionPolicy;
import fr.terrain.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code terrain retention run|policy}: deleting personal data whose retention period is over. */
@Command(name = "retention", mixinStandardHelpOptions = true,
        description = "Conservation des données personnelles : purge selon la politique par catégorie de source, et des"
                + " ouvertures et clics des courriels (mail-tracking).",
        subcommands = {RetentionCommand.Run.class, RetentionCommand.Policy.class})
final class RetentionCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static RetentionPolicy policy(PrivacySettings settings) {
        try {
            return settings.retention();
        } catch (IllegalArgumentException e) {
            throw new Terrain.UserError(e.getMessage());
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Supprime les données dont la durée de conservation est écoulée, écrit un rapport de"
                    + " suppression (Markdown et JSON) dans reports/ du répertoire des données et l'inscrit au journal"
                    + " d'audit. Le serveur (serve) le fait chaque jour."})
    static final class Run implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--as-of", paramLabel = "DATE", description = "Jour de référence (AAAA-MM-JJ ; défaut : aujourd'hui).")
        LocalDate asOf;

        @Option(names = "--dry-run", description = "N'efface rien : écrit seulement ce qui serait supprimé.")
        boolean dryRun;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrivacySettings settings = PrivacySettings.read(store.home());
            RetentionPolicy policy = policy(settings);
            try (Store st = store.open()) {
                RetentionRun.Result r = RetentionRun.run(st, store.home(), policy,
                        asOf == null ? fr.terrain.election.Paris.today() : asOf, dryRun, Actor.current());
                for (Retention.Decision d : r.plan().decisions()) {
                    String verdict = switch (d.verdict()) {
                        case DELETE -> dryRun ? "à supprimer" : "supprimé";
                        case KEEP -> "conservé";
                        case REVIEW -> "à vérifier";
                    };
                    out.printf("%-12s %-16s %-20s %10s  %s%n", verdict, d.holding().category().id(), d.holding().scope(),
                            Reports.n(d.holding().records()), d.reason());
                }
                if (!r.plan().nothingHeld().isEmpty()) {
                    out.println("rien de détenu : " + String.join(", ", r.plan().nothingHeld().stream()
                            .map(c -> c.id()).toList()));
                }
                out.println((dryRun ? "" : "✔ ") + r.summary());
                out.println("  " + r.json());
            }
            return 0;
        }
    }

    @Command(name = "policy", mixinStandardHelpOptions = true,
            description = "Affiche la politique de conservation en vigueur et d'où elle vient ; --init écrit le fichier"
                    + " de réglages commenté avec les valeurs par défaut.")
    static final class Policy implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--init", description = "Écrit privacy.properties (valeurs par défaut) ; s'il existe, y ajoute"
                + " les clés qui lui manquent (valeurs par défaut, à compléter), sans rien changer aux autres.")
        boolean init;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrivacySettings settings = PrivacySettings.read(store.home());
            if (init) {
                try {
                    if (settings.exists()) {
                        // the hints (« --init écrit le modèle ») also reach those whose file lacks keys added since
                        PrivacySettings current = settings;
                        java.util.List<String> missing = PrivacySettings.template().lines()
                                .filter(l -> !l.startsWith("#") && l.contains("="))
                                .filter(l -> !current.values().containsKey(l.substring(0, l.indexOf('=')).strip())).toList();
                        if (missing.isEmpty()) {
                            out.println("✔ " + settings.file() + " a déjà toutes les clés du modèle");
                        } else {
                            Files.writeString(settings.file(), "\n# Ajouté par terrain retention policy --init (voir"
                                    + " docs/privacy.md) :\n" + String.join("\n", missing) + "\n", StandardCharsets.UTF_8,
                                    java.nio.file.StandardOpenOption.APPEND);
                            out.println("✔ " + settings.file() + " : " + missing.size() + " clé(s) ajoutée(s), à compléter : "
                                    + String.join(", ", missing.stream().map(l -> l.substring(0, l.indexOf('='))).toList()));
                        }
                    } else {
                        Files.createDirectories(store.home());
                        Files.writeString(settings.file(), PrivacySettings.template(), StandardCharsets.UTF_8);
                        out.println("✔ " + settings.file() + " écrit");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                settings = PrivacySettings.read(store.home());
            }
            out.println(settings.exists() ? "Réglages : " + settings.file()
                    : "Valeurs par défaut (" + settings.file() + " absent ; --init l'écrit)");
            policy(settings).rules().forEach((c, rule) -> out.printf("  %-26s %s%n", c.id(), rule.describe()));
            return 0;
        }
    }
}
