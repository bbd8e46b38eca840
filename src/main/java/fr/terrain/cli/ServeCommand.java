package fr.terrain.cli;

import fr.terrain.compliance.DailyRetention;
import fr.terrain.demo.CityGenerator;
import fr.terrain.store.Accounts;
import fr.terrain.store.Elections;
import fr.terrain.store.Store;
import fr.terrain.web.WebApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code terrain serve}: the web app on the current data. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Démarre l'application web sur les données actuelles.",
        footer = {"", "Derrière un proxy inverse : TERRAIN_TRUSTED_PROXIES=127.0.0.1 (adresses ou blocs comme 10.0.0.0/8,"
                + " séparés par des virgules) ; le blocage après échecs de connexion compte alors le client que le proxy"
                + " transmet (X-Forwarded-For)."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--port", defaultValue = "7070", paramLabel = "PORT", description = "Port HTTP (défaut : ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADRESSE", description = "N'écouter que sur cette adresse de la machine,"
            + " par ex. 127.0.0.1 derrière un proxy inverse sur la même machine (défaut : toutes ses adresses).")
    String bind;

    @Option(names = "--stop-timeout", defaultValue = "" + STOP_WAIT_SECONDS, paramLabel = "SECONDES",
            description = "À l'arrêt (SIGTERM, Ctrl-C), attente au plus de la fin des requêtes en cours, en secondes (défaut : ${DEFAULT-VALUE}) ; le"
            + " TimeoutStopSec de systemd doit être plus long. Un second Ctrl-C arrête sans attendre.")
    int stopTimeout;

    /** How long a stop waits for the requests under way when nothing says otherwise ({@code terrain demo}). */
    static final long STOP_WAIT_SECONDS = 20;
    static final Duration STOP_WAIT = Duration.ofSeconds(STOP_WAIT_SECONDS);

    @Override
    public Integer call() throws InterruptedException {
        if (stopTimeout < 1) {
            throw new Terrain.UsageError("--stop-timeout : un nombre de secondes, 1 ou plus (reçu : " + stopTimeout + ")");
        }
        Store s = store.openOrCreate();
        boolean demo = holdsTheDemoCity(s);
        if (demo) {
            System.out.println("Ville de démonstration (données fictives) : la conservation quotidienne rapporte ce"
                    + " qu'elle supprimerait sans rien supprimer, comme terrain demo.");
        }
        try {
            serve(s, bind, port, store.home(), demo, Duration.ofSeconds(stopTimeout));
        } catch (Terrain.UserError e) {
            s.close();
            throw e;
        }
        return 0;
    }

    /**
     * Whether the store holds the synthetic city of {@code terrain demo} and nothing else (every election of its
     * territory): its list is fictitious and its election long past, so a real retention run would empty the demo a
     * minute after start. A store that also holds real elections keeps its real retention, the demo's list included.
     */
    static boolean holdsTheDemoCity(Store s) {
        var elections = Elections.list(s);
        return !elections.isEmpty() && elections.stream().allMatch(e -> e.territory().equals(CityGenerator.TERRITORY));
    }

    /** The web app listening on {@code port} of {@code bind} (every address of the machine when null). */
    static io.javalin.Javalin start(Store s, String bind, int port) {
        try {
            return bind == null ? WebApp.create(s).start(port) : WebApp.create(s).start(bind, port);
        } catch (WebApp.BadSetting e) {
            throw new Terrain.UserError(e.getMessage());
        } catch (io.javalin.util.JavalinBindException e) {
            String why = bindFailure(e);
            if (bind != null && !why.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
                throw new Terrain.UserError("impossible d'écouter sur " + bind + " (--bind) : ce n'est pas une adresse"
                        + " de cette machine (" + why + ")");
            }
            throw new Terrain.UserError("le port " + port + " est déjà utilisé (un autre terrain serve, ou un autre"
                    + " programme) : arrêtez-le, ou choisissez un autre port avec --port");
        }
    }

    /** Why the socket could not be bound, as the system says it (« Address already in use »…). */
    private static String bindFailure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException b && b.getMessage() != null) {
                return b.getMessage();
            }
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * Starts the app and the daily retention run ({@code retentionDryRun}: only report what would
     * go), prints the URL and blocks until the process is stopped ({@link #stop}).
     */
    static void serve(Store s, String bind, int port, Path home, boolean retentionDryRun, Duration stopWait)
            throws InterruptedException {
        io.javalin.Javalin app = start(s, bind, port);
        DailyRetention daily = DailyRetention.start(s, home, retentionDryRun, System.out::println);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            try {
                stop(app, daily, s, stopWait);
            } finally {
                stopped.countDown(); // serve returns, and the JVM exits
            }
        };
        boolean noAccount = Accounts.count(s) == 0;
        // SIGTERM and Ctrl-C are caught rather than left to start the JVM's exit: H2 closes its database in its own
        // exit hook, under the requests still running (rolled back), and AUTO_SERVER forbids turning that off
        // (DB_CLOSE_ON_EXIT=FALSE). A second signal exits at once. Caught once the start has done its reading (the
        // store closed by a stop under it would fail the start), before « prêt » is said; until then the JVM's own
        // exit applies, as it always did.
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (stopping.compareAndSet(false, true)) {
                        stop.run();
                    } else {
                        System.out.println("Nouvelle demande d'arrêt : arrêt immédiat, requêtes en cours coupées.");
                        System.exit(128 + signal.getNumber());
                    }
                });
            } catch (IllegalArgumentException reservedByTheJvm) {
                // java -Xrs: the JVM leaves SIGTERM and SIGINT to the system, which ends the process without running
                // any shutdown hook (the one below included): nothing is stopped nor closed
            }
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("terrain-stop").unstarted(() -> { // SIGHUP, exit()
            if (stopping.compareAndSet(false, true)) {
                stop.run();
            }
        }));
        System.out.println("Terrain est prêt : http://localhost:" + app.port() + "/  (Ctrl-C pour arrêter)");
        if (noAccount) {
            System.out.println("Aucun compte ne peut encore se connecter : créez-en un avec"
                    + " ./terrain user add NOM --role admin");
        }
        stopped.await();
    }

    /**
     * SIGTERM or Ctrl-C: the web server first, which refuses new connections and lets the requests under way finish
     * (for {@code wait} at most), then the background work, then the store they were all using.
     */
    private static void stop(io.javalin.Javalin app, DailyRetention daily, Store s, Duration wait) {
        int inFlight = WebApp.requestsInFlight(app);
        System.out.println("Arrêt demandé : " + (inFlight == 0 ? "aucune requête" : inFlight + (inFlight == 1 ? " requête"
                : " requêtes")) + " en cours (" + wait.toSeconds() + " s au plus pour finir) ; nouvelles connexions refusées.");
        try {
            System.out.println(WebApp.stop(app, wait) ? "Requêtes en cours terminées."
                    : "Délai de " + wait.toSeconds() + " s dépassé : requêtes restantes coupées.");
        } catch (RuntimeException e) {
            System.out.println("Arrêt du serveur web en erreur (" + e + ") : requêtes restantes coupées.");
        }
        daily.close();
        try {
            s.close();
            System.out.println("Base fermée.");
        } catch (RuntimeException e) {
            System.out.println("Fermeture de la base en erreur (" + e + ").");
        }
    }
}
