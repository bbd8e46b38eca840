package fr.terrain.cli;

import fr.terrain.demo.CityGenerator;
import fr.terrain.ingest.ImportReport;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.privacy.CampaignIdentity;
import fr.terrain.privacy.CanvassNotice;
import fr.terrain.privacy.ConsentChannel;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.account.Role;
import fr.terrain.account.Secrets;
import fr.terrain.compliance.PrivacySettings;
import fr.terrain.store.Accounts;
import fr.terrain.store.ConsentLedger;
import fr.terrain.store.Status;
import fr.terrain.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code terrain demo}: the web app on the embedded database, with the synthetic demo city (or
 * the real files of a folder), imported through the same importers as real data.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Démarre l'application web avec une ville de démonstration synthétique (ou, avec --data, les"
                + " données réelles d'un dossier) et affiche son adresse.",
            "La ville est générée dans le répertoire des données puis importée par les importeurs officiels ;"
                    + " le premier lancement prend une à deux minutes (1,3 million d'électeurs fictifs), les suivants"
                    + " réutilisent ce qui est déjà importé.",
            "Au premier lancement, crée le compte administrateur « demo » et affiche son mot de passe."})
final class DemoCommand implements Callable<Integer> {
    /** The synthetic list's provider, recorded with every demo voter. */
    static final String DEMO_PROVIDER = "générateur de démonstration Terrain (données fictives)";
    /** The demo's administrator account. */
    static final String DEMO_USER = "demo";
    private static final String COMPLETE = ".complete";

    @Mixin
    StoreOptions store;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Dossier de données réelles organisé comme shared/data, au lieu de la ville synthétique ;"
                    + " dans un autre répertoire de données qu'elle (--home DIR) : une base ne les mêle jamais.")
    Path data;

    @Option(names = "--port", defaultValue = "7070", paramLabel = "PORT", description = "Port HTTP (défaut : ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--scale", paramLabel = "ÉCHELLE", defaultValue = "paris",
            description = "Taille de la ville synthétique : paris (~900 bureaux, 1,3 M électeurs) ou small (~60 bureaux)"
                    + " (défaut : ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Graine de la ville synthétique"
            + " (défaut : ${DEFAULT-VALUE}) ; une autre graine est une autre ville : dans un autre répertoire de données"
            + " (--home DIR).")
    long seed;

    @Option(names = "--no-serve", description = "Importe puis s'arrête sans démarrer l'application (scripts, tests).")
    boolean noServe;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CityGenerator.Scale citySize = citySize(); // a mistyped scale: said before a data directory is created
        Store s = store.openOrCreate();
        try {
            DemoSeparation.check(s, data != null ? "paris" : CityGenerator.TERRITORY); // before generating anything
            if (data != null) {
                out.println("Import des données de " + data + " …");
                ImportCommand.Folder.run(s, store.hasher(), data, "paris", false, out, err);
            } else {
                importDemoCity(s, citySize, out, err);
            }
            out.println();
            StatusCommand.print(Status.read(s), out);
            out.println();
            ensureDemoAdmin(s, out);
            ensureCanvassNotice(s, out);
            out.flush();
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        if (noServe) {
            s.close();
            return 0;
        }
        // the demo's list is fictitious: its daily run only reports, so the demo keeps its voters
        ServeCommand.serve(s, null, port, store.home(), true, ServeCommand.STOP_WAIT);
        return 0;
    }

    /** The {@value #DEMO_USER} administrator, created with a generated password the first time. */
    private void ensureDemoAdmin(Store s, PrintWriter out) {
        String url = "http://localhost:" + port + "/login";
        if (Accounts.find(s, DEMO_USER).isPresent()) {
            out.println("Compte de démonstration : " + DEMO_USER + " sur " + url + " (mot de passe affiché au premier"
                    + " lancement ; ./terrain user password " + DEMO_USER + " pour le changer)");
            return;
        }
        String password = Secrets.generatePassword();
        UserCommand.add(s, DEMO_USER, Role.ADMIN, Set.of(), password);
        out.println("Compte de démonstration créé (administrateur), à noter — le mot de passe ne sera plus affiché :");
        out.println("  adresse      : " + url);
        out.println("  utilisateur  : " + DEMO_USER);
        out.println("  mot de passe : " + password);
    }

    /** The version of the canvassing notice the demo registers. */
    static final String DEMO_NOTICE = "demo-porte-a-porte-1";

    /**
     * A canvassing notice registered, the first time, so that the demo's canvassing page notes opinions as a campaign's
     * does once it has registered its own (without one, the page lets no opinion be noted while the printed sheets carry
     * Terrain's default text): that text, naming a fictitious controller and contact unless the settings name them.
     */
    private void ensureCanvassNotice(Store s, PrintWriter out) {
        if (ConsentLedger.latestNotice(s, ConsentChannel.CANVASS_OPINION).isPresent()) {
            return;
        }
        CampaignIdentity set = PrivacySettings.read(store.home()).identity();
        CampaignIdentity demo = new CampaignIdentity(
                CampaignIdentity.MISSING.equals(set.controller()) ? "la liste fictive de la démonstration" : set.controller(),
                set.address(), CampaignIdentity.MISSING.equals(set.contact()) ? "droits@demonstration.invalid" : set.contact(),
                set.dpo(), set.election(), set.recipients(), set.processors(), set.transfers());
        ConsentLedger.addNotice(s, DEMO_NOTICE, ConsentChannel.CANVASS_OPINION, CanvassNotice.defaultText(demo), "demo");
        out.println("Mention de porte-à-porte de démonstration enregistrée (" + DEMO_NOTICE + ") : le porte-à-porte peut"
                + " noter des avis ; une campagne enregistre la sienne (terrain consent notice …).");
    }

    /**
     * Refuses a city the store does not hold before generating it (a minute or two at Paris's scale): its station
     * contours alone, written aside, are compared with those imported; the folder's import compares every file.
     */
    private void refuseAnotherCity(Store s, CityGenerator.Scale citySize) {
        Path aside = null;
        try {
            aside = Files.createTempDirectory(store.home(), ".demo-check");
            CityGenerator.generate(aside, new CityGenerator.Settings(citySize, seed, EnumSet.of(CityGenerator.Kind.STATIONS)),
                    Progress.NONE);
            DemoSeparation.check(s, CityGenerator.TERRITORY, List.of(aside.resolve(CityGenerator.STATIONS_FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(aside);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CityGenerator.Scale citySize() {
        return switch (scale) {
            case "paris" -> CityGenerator.Scale.PARIS;
            case "small" -> CityGenerator.Scale.SMALL;
            default -> throw new Terrain.UsageError("--scale : échelle inconnue « " + scale + " » ; échelles : paris, small");
        };
    }

    private void importDemoCity(Store s, CityGenerator.Scale citySize, PrintWriter out, PrintWriter err) {
        Path dir = store.home().resolve("demo-city-" + scale + "-" + seed);
        if (!Files.exists(dir.resolve(COMPLETE))) {
            refuseAnotherCity(s, citySize);
            out.println("Génération de la ville synthétique dans " + dir + " …");
            out.flush();
            CityGenerator.generate(dir, new CityGenerator.Settings(citySize, seed), new ConsoleProgress(System.err));
            try {
                Files.writeString(dir.resolve(COMPLETE), "seed " + seed + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.println("Import de « " + CityGenerator.CITY_NAME + " » (données fictives) …");
        ImportCommand.Folder.run(s, store.hasher(), dir, CityGenerator.TERRITORY, false, out, err);
        Importer importer = new Importer(s, new ConsoleProgress(System.err), false, Actor.current(), store.hasher());
        ImportReport voters = importer.voters(dir.resolve(CityGenerator.VOTERS_FILE), CityGenerator.VOTERS_CONTEST,
                SourceCategory.ELECTORAL_LIST, DEMO_PROVIDER, LocalDate.of(2026, 1, 1), Map.of(), null);
        Reports.print(voters, out);
        if (voters.purgedOn().isPresent()) {
            out.println("  La ville de démonstration a perdu ses électeurs (supprimés par la conservation : son élection est"
                    + " passée) ; supprimez " + store.home() + " puis relancez ./terrain demo pour la retrouver entière.");
        }
    }
}
