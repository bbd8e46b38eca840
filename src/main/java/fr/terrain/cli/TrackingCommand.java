package fr.terrain.cli;

import fr.terrain.mail.tracking.Interval;
import fr.terrain.mail.tracking.SendTimeModel;
import fr.terrain.mail.tracking.SmallCells;
import fr.terrain.store.AuditLog;
import fr.terrain.store.CampaignTracking;
import fr.terrain.store.MailTracking;
import fr.terrain.store.Store;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code terrain tracking status|on|off|refuse|send-time}: the measurement of opens and clicks. */
@Command(name = "tracking", mixinStandardHelpOptions = true,
        description = {"Mesure des ouvertures et des clics des campagnes (pixel, liens signés, partages).",
            "Désactivée tant qu'un administrateur ne l'a pas activée ; désactivée, les messages partent sans pixel et"
                    + " avec des liens directs, et les anciens liens suivis redirigent sans rien enregistrer.",
            "Chacun peut refuser d'être suivi par le lien de ses messages ; « tracking refuse » l'enregistre pour une"
                    + " demande reçue autrement. Voir docs/mail.md."},
        subcommands = {TrackingCommand.Status.class, TrackingCommand.On.class, TrackingCommand.Off.class,
            TrackingCommand.Refuse.class, TrackingCommand.SendTime.class})
final class TrackingCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Dit si la mesure est active.")
    static final class Status implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Store s = store.open()) {
                long refused = s.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mail_tracking_optout")
                        .mapTo(Long.class).one());
                spec.commandLine().getOut().println("mesure des ouvertures et des clics : "
                        + (MailTracking.enabled(s) ? "active" : "désactivée") + " ; " + Reports.n(refused)
                        + " personne(s) ont refusé d'être suivies");
            }
            return 0;
        }
    }

    @Command(name = "on", mixinStandardHelpOptions = true, description = "Active la mesure pour les prochains envois.")
    static final class On implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Store s = store.openOrCreate()) {
                MailTracking.setEnabled(s, true, Actor.current());
            }
            spec.commandLine().getOut().println("✔ mesure activée : les prochains messages porteront un pixel, des liens"
                    + " suivis et un lien pour refuser le suivi");
            return 0;
        }
    }

    @Command(name = "off", mixinStandardHelpOptions = true,
            description = "Désactive la mesure : plus de pixel ni de lien suivi ; les anciens liens redirigent sans rien enregistrer.")
    static final class Off implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Store s = store.openOrCreate()) {
                MailTracking.setEnabled(s, false, Actor.current());
            }
            spec.commandLine().getOut().println("✔ mesure désactivée");
            return 0;
        }
    }

    @Command(name = "refuse", mixinStandardHelpOptions = true,
            description = "Enregistre qu'une personne refuse d'être suivie (demande reçue par courrier, téléphone…).")
    static final class Refuse implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--email", required = true, paramLabel = "ADRESSE", description = "Adresse de courriel de la personne.")
        String email;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            String normalised;
            try {
                normalised = fr.terrain.privacy.Identifiers.email(email);
            } catch (IllegalArgumentException e) {
                throw new Terrain.UsageError("--email : " + e.getMessage());
            }
            try (Store s = store.openOrCreate()) {
                Optional<Long> person = s.jdbi().withHandle(h -> h.createQuery(
                        "SELECT person_id FROM mail_contact WHERE email = :e").bind("e", normalised).mapTo(Long.class).findOne());
                if (person.isEmpty()) {
                    throw new Terrain.UserError("aucun contact n'a l'adresse " + normalised);
                }
                boolean added = s.jdbi().inTransaction(h -> {
                    boolean a = MailTracking.optOut(h, person.get(), "cli");
                    if (a) {
                        AuditLog.append(h, java.time.Instant.now(), Actor.current(), "tracking.optout",
                                "person:" + person.get(), 1, "refus du suivi enregistré en ligne de commande");
                    }
                    return a;
                });
                spec.commandLine().getOut().println(added ? "✔ cette personne ne sera plus suivie"
                        : "= cette personne avait déjà refusé d'être suivie");
            }
            return 0;
        }
    }

    @Command(name = "send-time", mixinStandardHelpOptions = true,
            description = {"Meilleure heure d'envoi pour un segment, apprise de ses campagnes passées (modèle bêta-binomial"
                    + " hiérarchique sur les heures, heure de Paris), avec son incertitude et le gain attendu sur l'heure"
                    + " habituelle.", "Voir docs/mail.md, « Heure d'envoi »."})
    static final class SendTime implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--segment", required = true, paramLabel = "SEGMENT", description = "Tel qu'écrit à la création des campagnes.")
        String segment;

        @Option(names = "--clicks", description = "Optimiser les clics plutôt que les ouvertures.")
        boolean clicks;

        @Option(names = "--json", description = "La recommandation en JSON (mêmes champs que le texte).")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CampaignTracking.SendTime t;
            try (Store s = store.open()) {
                t = CampaignTracking.sendTime(s, segment, clicks);
            } catch (IllegalArgumentException e) {
                throw new Terrain.UserError("segment « " + segment + " » : " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(fr.terrain.web.Json.write(CampaignTracking.json(t)));
                return 0;
            }
            SendTimeModel.Recommendation r = t.recommendation();
            String what = clicks ? "clics" : "ouvertures";
            out.println("Segment « " + segment + " » — taux d'" + (clicks ? "clic" : "ouverture") + " par heure d'envoi :");
            out.println("  recommandé : " + r.recommended() + " h, " + pct(r.slot(r.recommended()).rate()));
            out.println("  habitude   : " + r.habit() + " h, " + pct(r.slot(r.habit()).rate()));
            if (r.recommended() == r.habit()) {
                out.println("  l'heure habituelle est déjà la meilleure connue");
            } else {
                out.println(String.format(Locale.FRANCE, "  gain attendu : %+.1f points (%+.1f à %+.1f), probabilité"
                        + " d'être meilleure : %.0f %%", 100 * r.gain().estimate(), 100 * r.gain().low(),
                        100 * r.gain().high(), 100 * r.probabilityBetter()));
            }
            if (!t.maskedHours().isEmpty()) {
                out.println("  écartées du modèle : " + t.maskedHours().stream().map(h -> h + " h")
                        .collect(java.util.stream.Collectors.joining(", ")) + " — " + SmallCells.TOO_FEW_TEXT);
            }
            out.println("  (" + what + " par des personnes ; intervalles de crédibilité à 95 %)");
            return 0;
        }

        private static String pct(Interval i) {
            return String.format(Locale.FRANCE, "%.1f %% (%.1f à %.1f %%)", 100 * i.estimate(), 100 * i.low(), 100 * i.high());
        }
    }
}
