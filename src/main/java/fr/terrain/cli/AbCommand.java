package fr.terrain.cli;

import fr.terrain.mail.Campaign;
import fr.terrain.mail.SenderIdentity;
import fr.terrain.mail.Template;
import fr.terrain.mail.smtp.MailSettings;
import fr.terrain.mail.tracking.SequentialTest;
import fr.terrain.mail.tracking.SmallCells;
import fr.terrain.privacy.Identifier;
import fr.terrain.privacy.IdentifierHasher;
import fr.terrain.store.AbTests;
import fr.terrain.store.CampaignTargeting;
import fr.terrain.store.MailStore;
import fr.terrain.store.Store;
import fr.terrain.store.StoreException;
import fr.terrain.store.SuppressionList;
import fr.terrain.web.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code terrain ab start|status|finish}: A/B tests of campaigns with an always-valid sequential test. */
@Command(name = "ab", mixinStandardHelpOptions = true,
        description = {"Tests A/B de campagnes : la campagne NOM est la variante A ; la variante B change son objet, son"
                + " texte ou son heure d'envoi. Un échantillon tiré au hasard reçoit A ou B, le reste attend le gagnant.",
            "Le gagnant est choisi par un test séquentiel valide même regardé en continu (e-valeur ≥ 1/α), ou à"
                    + " l'échéance par le meilleur taux observé ; « ab finish » l'envoie alors au reste. Voir docs/mail.md."},
        subcommands = {AbCommand.Start.class, AbCommand.Status.class, AbCommand.Finish.class})
final class AbCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Predicate<Identifier> suppressed(Store s, IdentifierHasher hasher) {
        Set<String> hashes = s.jdbi().withHandle(SuppressionList::hashes);
        return id -> hashes.contains(hasher.hash(id));
    }

    static AbTests.Test test(Store s, String name) {
        Campaign c = CampaignCommand.find(s, name);
        return AbTests.of(s, c.id()).orElseThrow(() -> new Terrain.UserError("la campagne « " + name
                + " » n'a pas de test A/B (terrain ab start)"));
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Prépare le test de la campagne NOM (créée, pas encore envoyée) : crée la variante NOM-b, fige"
                    + " le segment et le répartit au hasard. Envoyez ensuite NOM et NOM-b avec « campaign send »."})
    static final class Start implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "NOM", description = "Nom de la campagne testée (sa variante est NOM-b).")
        String name;

        @Option(names = "--variant-template", paramLabel = "FICHIER", description = "Modèle de la variante B (objet et texte).")
        Path variantTemplate;

        @Option(names = "--variant-subject", paramLabel = "OBJET", description = "Objet de la variante B (même texte).")
        String variantSubject;

        @Option(names = "--variant-at", paramLabel = "\"AAAA-MM-JJ HH:MM\"", description = "Heure d'envoi de B (heure de Paris).")
        String variantAt;

        @Option(names = "--sample", paramLabel = "PART", defaultValue = "0.2",
                description = "Part des destinataires dans l'échantillon, moitié A, moitié B (défaut : ${DEFAULT-VALUE}).")
        double sample;

        @Option(names = "--metric", paramLabel = "open|click", defaultValue = "click",
                description = "Ce qui départage : ouvertures ou clics (défaut : ${DEFAULT-VALUE}).")
        String metric;

        @Option(names = "--window", paramLabel = "HEURES", defaultValue = "24",
                description = "Une réponse compte si elle arrive dans ce délai après l'envoi (défaut : ${DEFAULT-VALUE}).")
        int window;

        @Option(names = "--alpha", defaultValue = "0.05", paramLabel = "P", description = "Risque d'erreur (défaut : ${DEFAULT-VALUE}).")
        double alpha;

        @Option(names = "--deadline", paramLabel = "\"AAAA-MM-JJ HH:MM\"", required = true,
                description = "Échéance (heure de Paris) : sans décision d'ici là, le meilleur taux observé l'emporte.")
        String deadline;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            int variants = (variantTemplate == null ? 0 : 1) + (variantSubject == null ? 0 : 1) + (variantAt == null ? 0 : 1);
            if (variants == 0) {
                throw new Terrain.UsageError("indiquez ce que change la variante B : --variant-template, --variant-subject"
                        + " ou --variant-at");
            }
            Instant until;
            try {
                until = fr.terrain.mail.Schedule.parse(deadline);
            } catch (IllegalArgumentException e) {
                throw new Terrain.UsageError("--deadline : " + e.getMessage());
            }
            if (!until.isAfter(Instant.now())) {
                throw new Terrain.UsageError("--deadline " + deadline + " : date passée ; le test ne pourrait que s'arrêter"
                        + " aussitôt (une date à venir, par ex. dans 48 heures)");
            }
            AbTests.Spec settings;
            try {
                settings = new AbTests.Spec(sample, metric, Duration.ofHours(window), alpha, until);
            } catch (IllegalArgumentException e) {
                throw new Terrain.UserError(e.getMessage());
            }
            SenderIdentity sender = SenderIdentity.fromSettings(MailSettings.read(store.home()));
            IdentifierHasher hasher = store.hasher();
            try (Store s = store.open()) {
                Campaign a = CampaignCommand.find(s, name);
                Template t = Template.parse(a.template());
                if (variantTemplate != null) {
                    t = CampaignCommand.template(variantTemplate);
                }
                if (variantSubject != null) {
                    t = new Template(variantSubject, t.body());
                }
                Optional<Instant> at = variantAt == null ? a.scheduledAt() : Optional.of(CampaignCommand.schedule(variantAt));
                AbTests.Setup setup;
                try {
                    Campaign b = MailStore.createCampaign(s, name + "-b", t, a.segment(), at, Actor.current());
                    setup = AbTests.create(s, a, b, settings, suppressed(s, hasher), sender.domain(), Actor.current());
                } catch (StoreException | IllegalArgumentException e) {
                    throw new Terrain.UserError(e.getMessage());
                }
                spec.commandLine().getOut().println("✔ test A/B prêt : " + Reports.n(setup.a()) + " destinataire(s) pour « "
                        + name + " », " + Reports.n(setup.b()) + " pour « " + name + "-b », " + Reports.n(setup.rest())
                        + " en attente du gagnant ; envoyez les deux variantes avec « terrain campaign send »");
                CampaignCommand.warnOfTargeting(spec, CampaignTargeting.of(s, a,
                        CampaignCommand.targetingConsent(store.home())));
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Où en est le test : paires observées, taux, écart et son intervalle, e-valeur, décision.")
    static final class Status implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "NOM", description = "Nom de la campagne testée (sa variante est NOM-b).")
        String name;

        @Option(names = "--json", description = "L'état du test en JSON (mêmes champs que le texte).")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Store s = store.open()) {
                AbTests.Test t = test(s, name);
                PrintWriter out = spec.commandLine().getOut();
                java.util.Map<String, Object> figures = AbTests.report(s, t, Instant.now());
                if (json) {
                    out.println(Json.write(figures));
                } else if (figures.containsKey("retention")) {
                    // the opens and clicks are gone (retention): the figures kept then, not a new evaluation on nothing
                    out.println("Test A/B — " + figures.get("retention") + " : décision " + figures.get("decision")
                            + ", gagnant " + (figures.get("winner") == null ? "aucun" : figures.get("winner")) + ".");
                    out.println(Json.write(figures));
                } else {
                    SequentialTest.Result r = AbTests.evaluate(s, t, Instant.now());
                    out.println(text(t, r));
                }
            }
            return 0;
        }
    }

    static String text(AbTests.Test t, SequentialTest.Result r) {
        List<String> lines = new ArrayList<>();
        lines.add("Test A/B — critère : " + (t.spec().metric().equals("click") ? "clics" : "ouvertures") + " dans les "
                + t.spec().window().toHours() + " h — état : " + t.status());
        if (SmallCells.shown(r.pairs())) {
            lines.add(String.format(Locale.FRANCE, "  A : %.1f %% (%.1f à %.1f %%), B : %.1f %% (%.1f à %.1f %%) sur %d paire(s)",
                    100 * r.rateA().estimate(), 100 * r.rateA().low(), 100 * r.rateA().high(), 100 * r.rateB().estimate(),
                    100 * r.rateB().low(), 100 * r.rateB().high(), r.pairs()));
            lines.add(String.format(Locale.FRANCE, "  écart B − A : %+.1f points (%+.1f à %+.1f, valable à tout moment)",
                    100 * r.difference().estimate(), 100 * r.difference().low(), 100 * r.difference().high()));
            lines.add(String.format(Locale.FRANCE, "  e-valeur : %.2f (seuil 1/α = %.0f)", r.eValue(), 1 / r.alpha()));
        } else {
            lines.add("  taux, écart et e-valeur sur " + r.pairs() + " paire(s) : " + SmallCells.TOO_FEW_TEXT);
        }
        lines.add("  décision : " + switch (r.status()) {
            case SIGNIFICANT -> "variante " + r.winner() + " meilleure (test séquentiel)";
            case DEADLINE -> "échéance atteinte sans preuve : variante " + r.winner() + ", la meilleure observée";
            case CONTINUE -> "pas encore ; le test continue";
        });
        return String.join("\n", lines);
    }

    @Command(name = "finish", mixinStandardHelpOptions = true,
            description = {"Décide si le test le permet (ou si l'échéance est passée) et envoie le gagnant au reste par"
                    + " « campaign send NOM-gagnant ». Avec --watch, réessaie toutes les N minutes jusqu'à la décision."})
    static final class Finish implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "NOM", description = "Nom de la campagne testée (sa variante est NOM-b).")
        String name;

        @Option(names = "--smtp", paramLabel = "HOTE:PORT",
                description = "Serveur SMTP de l'envoi du gagnant (défaut : smtp.host et smtp.port, comme campaign send).")
        String smtp;

        @Option(names = "--watch", paramLabel = "MINUTES", defaultValue = "0",
                description = "Réessaie toutes les MINUTES minutes jusqu'à la décision (défaut 0 : une seule fois).")
        int watch;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            IdentifierHasher hasher = store.hasher();
            String winner;
            while (true) {
                try (Store s = store.open()) {
                    AbTests.Test t = test(s, name);
                    if (t.status().equals("running")) {
                        SequentialTest.Result r = AbTests.evaluate(s, t, Instant.now());
                        t = AbTests.decide(s, t, r, Actor.current());
                        out.println(text(t, r));
                        out.flush();
                    }
                    if (!t.status().equals("running")) {
                        SenderIdentity sender = SenderIdentity.fromSettings(MailSettings.read(store.home()));
                        winner = AbTests.winnerCampaign(s, t, suppressed(s, hasher), sender.domain(), Actor.current()).name();
                        break;
                    }
                }
                if (watch <= 0) {
                    out.println("… pas encore de décision : relancez plus tard, ou avec --watch");
                    return 3;
                }
                Thread.sleep(Duration.ofMinutes(watch).toMillis());
            }
            out.println("→ envoi du gagnant au reste : campagne « " + winner + " »");
            out.flush();
            List<String> args = new ArrayList<>(List.of("campaign", "send", winner));
            if (smtp != null) {
                args.addAll(List.of("--smtp", smtp));
            }
            args.addAll(List.of("--home", store.home().toString()));
            if (store.db != null) {
                args.addAll(List.of("--db", store.db));
            }
            var cli = Terrain.commandLine();
            cli.setOut(out);
            cli.setErr(spec.commandLine().getErr());
            return cli.execute(args.toArray(String[]::new));
        }
    }
}
