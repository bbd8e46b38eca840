package fr.terrain.cli;

import fr.terrain.election.SectorNames;
import fr.terrain.mail.Bounce;
import fr.terrain.mail.Campaign;
import fr.terrain.mail.LinkRewriter;
import fr.terrain.mail.MessageRenderer;
import fr.terrain.mail.OutboxState;
import fr.terrain.mail.Schedule;
import fr.terrain.mail.Segment;
import fr.terrain.mail.SenderIdentity;
import fr.terrain.mail.Targeting;
import fr.terrain.mail.Template;
import fr.terrain.mail.UnsubscribeToken;
import fr.terrain.mail.smtp.CampaignSender;
import fr.terrain.mail.smtp.DsnReader;
import fr.terrain.mail.smtp.MailSettings;
import fr.terrain.mail.smtp.SmtpSettings;
import fr.terrain.mail.tracking.SmallCells;
import fr.terrain.privacy.IdentifierHasher;
import fr.terrain.store.AuditLog;
import fr.terrain.store.CampaignTargeting;
import fr.terrain.store.Geography;
import fr.terrain.store.MailStore;
import fr.terrain.store.Store;
import fr.terrain.web.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code terrain campaign create|send|report|bounces|list}: e-mail campaigns through the outbox. */
@Command(name = "campaign", mixinStandardHelpOptions = true,
        description = {"Campagnes de courriel : un modèle Markdown envoyé à un segment, un message par destinataire,"
                + " uniquement aux personnes qui ont consenti au courriel ou sont contacts réguliers, jamais à une adresse"
                + " de la liste d'opposition.",
            "Chaque destinataire a une ligne d'envoi (pending, sending, committed, sent, failed-temporary,"
                    + " failed-permanent, bounced, skipped-suppressed) : un envoi interrompu reprend sans doublon ni oubli."},
        subcommands = {CampaignCommand.Create.class, CampaignCommand.Send.class, CampaignCommand.Report.class,
            CampaignCommand.Bounces.class, CampaignCommand.ListCampaigns.class})
final class CampaignCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Campaign find(Store s, String name) {
        return MailStore.campaign(s, name).orElseThrow(() -> new Terrain.UserError("campagne inconnue : " + name
                + " (terrain campaign list)"));
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Crée une campagne à partir d'un modèle : première ligne « subject: … », puis le corps en"
                    + " Markdown ; {{first_name}} (ou {{prenom}}) est remplacé par le prénom.",
                "Les mentions obligatoires (expéditeur, liste et élection, origine de l'adresse, lien de désinscription)"
                        + " sont ajoutées à chaque message ; l'envoi est refusé s'il en manque une.",
                "Segments (termes joints par +, valeurs séparées par des virgules) : all, sector:12, station:CODE,"
                        + " topic:logement, engaged:30d (ouvert ou cliqué dans les 30 derniers jours),"
                        + " consent:given|regular. Ex. : sector:11,12+topic:logement.",
                "Secret statistique : une campagne à segment engaged: part à chacune de ses personnes, mais moins de "
                        + SmallCells.MIN_RECIPIENTS + ", leur nombre n'est écrit ni par send, ni par list, ni par report.",
                "Règlement (UE) 2024/900 (publicité à caractère politique) : un segment engaged: ou un test A/B cible"
                        + " selon les ouvertures et les clics ; create, send et ab start en avertissent (art. 18) tant que"
                        + " targeting.consent (privacy.properties) ne dit pas comment le consentement explicite au ciblage"
                        + " a été recueilli. L'envoi n'est pas bloqué. Voir docs/privacy.md."})
    static final class Create implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "NOM", description = "Nom de la nouvelle campagne (unique).")
        String name;

        @Option(names = "--template", required = true, paramLabel = "FICHIER",
                description = "Modèle du message : « subject: … » puis le corps en Markdown (UTF-8).")
        Path template;

        @Option(names = "--segment", required = true, paramLabel = "SEGMENT",
                description = "Destinataires visés, par ex. all ou sector:11,12+topic:logement (termes ci-dessus).")
        String segment;

        @Option(names = "--at", paramLabel = "\"AAAA-MM-JJ HH:MM\"",
                description = "Envoi programmé, heure de Paris (ou JJ/MM/AAAA HH:MM, 18h00).")
        String at;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Template t = template(template);
            Segment seg = segment(segment);
            Optional<Instant> when = at == null ? Optional.empty() : Optional.of(schedule(at));
            try (Store s = store.openOrCreate()) {
                Campaign c = MailStore.createCampaign(s, name, t, seg, when, Actor.current());
                spec.commandLine().getOut().println("✔ campagne « " + c.name() + " » créée : objet « " + c.subject()
                        + " », segment " + seg.text() + when.map(w -> ", programmée le " + Schedule.format(w)).orElse(""));
                warnOfTargeting(spec, CampaignTargeting.of(s, c, targetingConsent(store.home())));
            }
            return 0;
        }
    }

    /** What the campaign declares about the explicit consent to targeting ({@value Targeting#CONSENT_KEY}). */
    static Optional<String> targetingConsent(Path home) {
        return Targeting.declaredConsent(MailSettings.read(home));
    }

    /** Regulation (EU) 2024/900: a warning on standard error when a campaign targets on tracking data undeclared. */
    static void warnOfTargeting(picocli.CommandLine.Model.CommandSpec spec, CampaignTargeting t) {
        t.warning().ifPresent(w -> spec.commandLine().getErr().println("⚠ " + w));
    }

    static Template template(Path file) {
        try {
            return Template.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("lecture de " + file, e);
        } catch (IllegalArgumentException e) {
            throw new Terrain.UserError(file + " : " + e.getMessage());
        }
    }

    static Segment segment(String text) {
        try {
            return Segment.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Terrain.UsageError("--segment : " + e.getMessage());
        }
    }

    static Instant schedule(String text) {
        try {
            return Schedule.ahead(Schedule.parse(text), Instant.now());
        } catch (IllegalArgumentException e) {
            throw new Terrain.UsageError("--at : " + e.getMessage());
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = {"Envoie la campagne par SMTP, un message par destinataire (To: ce seul destinataire).",
                "Au premier envoi, les destinataires du segment sont figés dans la file d'envoi ; relancer la commande après"
                        + " un arrêt ou une panne reprend là où l'envoi s'était arrêté, sans doublon.",
                "Une adresse internationalisée, accentuée avant « @ » (élodie.müller@…) ou dont le domaine n'a pas"
                        + " d'écriture ASCII fidèle (ana@straße.de), part avec SMTPUTF8 si le serveur l'annonce ; sinon sa"
                        + " ligne échoue (failed-permanent, raison notée) et l'envoi continue. Un domaine accentué qui a une"
                        + " écriture ASCII fidèle (exemple-é.fr) part sous cette forme (xn--…).",
                "Réglages SMTP et identité de l'expéditeur : mail.properties et privacy.properties dans le répertoire des"
                        + " données (voir docs/mail.md) ; mot de passe SMTP aussi par TERRAIN_SMTP_PASSWORD."})
    static final class Send implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "NOM", description = "Campagne à envoyer (terrain campaign list).")
        String name;

        @Option(names = "--smtp", paramLabel = "HOTE:PORT", description = "Serveur SMTP (défaut : smtp.host et smtp.port).")
        String smtp;

        @Option(names = "--rate", paramLabel = "N", defaultValue = "0",
                description = "Au plus N messages par seconde (défaut : sans limite).")
        double rate;

        @Option(names = "--tls", paramLabel = "MODE", description = "none, starttls ou smtps (défaut : smtp.tls).")
        String tls;

        @Option(names = "--user", paramLabel = "NOM", description = "Identifiant SMTP (défaut : smtp.user).")
        String user;

        @Option(names = "--at", paramLabel = "\"AAAA-MM-JJ HH:MM\"",
                description = "Attend cette heure (heure de Paris ; ou JJ/MM/AAAA HH:MM, 18h00) avant d'envoyer.")
        String at;

        @Option(names = "--threads", paramLabel = "N", defaultValue = "8",
                description = "Connexions SMTP simultanées (défaut : ${DEFAULT-VALUE}) ; leurs marques « committed » partagent"
                        + " les validations de la base.")
        int threads;

        @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "5",
                description = "Tentatives par destinataire avant l'échec définitif (défaut : ${DEFAULT-VALUE}).")
        int maxAttempts;

        @Option(names = "--retry-after", paramLabel = "DURÉE", defaultValue = "PT1M",
                description = "Délai avant de réessayer un échec temporaire, doublé à chaque tentative (défaut : 1 min).")
        Duration retryAfter;

        @Option(names = "--no-wait", description = "Rend la main quand il ne reste que des destinataires à réessayer plus tard.")
        boolean noWait;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            Path home = store.home();
            Map<String, String> settings = MailSettings.read(home);
            SenderIdentity sender = SenderIdentity.fromSettings(settings);
            if (!sender.missing().isEmpty()) {
                throw new Terrain.UserError("envoi refusé, mentions obligatoires incomplètes ; à renseigner dans "
                        + home.resolve(MailSettings.FILE_NAME) + " ou privacy.properties : "
                        + String.join(", ", sender.missing()));
            }
            SmtpSettings server;
            try {
                server = SmtpSettings.of(smtp, settings, System.getenv());
                if (tls != null || user != null) {
                    server = server.withTls(tls == null ? null : SmtpSettings.Tls.valueOf(tls.toUpperCase(java.util.Locale.ROOT)),
                            user, null);
                }
            } catch (IllegalArgumentException e) {
                throw new Terrain.UserError(e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            IdentifierHasher hasher = store.hasher();
            try (Store s = store.open()) {
                Campaign c = find(s, name);
                if (c.status() == Campaign.Status.FINISHED) {
                    out.println("= campagne « " + name + " » déjà terminée : " + counts(c, MailStore.states(s, c.id())));
                    return 0;
                }
                Optional<Instant> when = at != null ? Optional.of(schedule(at)) : c.scheduledAt();
                if (at != null) {
                    MailStore.schedule(s, c, when.get());
                }
                if (when.isPresent() && when.get().isAfter(Instant.now())) {
                    out.println("… envoi programmé le " + Schedule.format(when.get()) + " (heure de Paris) : attente");
                    out.flush();
                    while (Instant.now().isBefore(when.get())) {
                        Thread.sleep(Math.min(1000, Math.max(1, Duration.between(Instant.now(), when.get()).toMillis())));
                    }
                }
                Template t = Template.parse(c.template());
                String worker = host() + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID();
                var outbox = MailStore.outbox(s, hasher, c, worker);
                outbox.acquire(Duration.ofMinutes(2));
                try {
                    var freeze = MailStore.freeze(s, c, outbox.suppression(), sender.domain(), Instant.now(), Actor.current());
                    CampaignTargeting.recordAtSend(s, c, Targeting.declaredConsent(settings));
                    warnOfTargeting(spec, CampaignTargeting.of(s, c, Optional.empty()));
                    long total = MailStore.states(s, c.id()).values().stream().mapToLong(Long::longValue).sum();
                    // an engaged: segment frozen to fewer than ten: its people are sent to, their number is not printed
                    boolean masked = SmallCells.masksCount(c.segment(), total);
                    if (masked) {
                        out.println("  file d'envoi : " + SmallCells.TOO_FEW_TEXT);
                    } else if (freeze.outsideSegment() > 0 || !freeze.refused().isEmpty()) {
                        out.println("  file d'envoi : " + Reports.n(freeze.recipients()) + " destinataire(s) ; écartés : "
                                + fr.terrain.mail.CheckedRecipient.Refusal.counts(freeze.refused()));
                    }
                    LinkRewriter rewriter = fr.terrain.store.TrackingLinks.forSend(s, sender.baseUrl());
                    // whether this run's messages carry tracking: those without count neither in the report's rates nor
                    // in the send-time recommendation
                    fr.terrain.store.MailTracking.recordSendRun(s, c.id(), Instant.now(), rewriter != LinkRewriter.NONE);
                    var renderer = new MessageRenderer(t, sender, rewriter,
                            Optional.ofNullable(settings.get("mail.unsubscribe-mailto")).filter(x -> !x.isBlank()));
                    var options = new CampaignSender.Options(rate, threads, 50, maxAttempts, retryAfter, !noWait);
                    var sending = new CampaignSender(outbox, c.id(), renderer, sender, rewriter,
                            id -> UnsubscribeToken.of(hasher, id), server, options, worker);
                    out.println("→ envoi de « " + name + " » vers " + server.describe() + (rate > 0 ? ", " + rate + " msg/s" : "")
                            + " : " + (masked ? SmallCells.TOO_FEW_TEXT : Reports.n(total) + " ligne(s) d'envoi"));
                    out.flush();
                    long step = Math.max(100, total / 20);
                    CampaignSender.Result r;
                    try {
                        r = sending.run(n -> {
                            if (n % step == 0) {
                                synchronized (out) {
                                    out.println("  " + Reports.n(n) + " envoyé(s)");
                                    out.flush();
                                }
                            }
                        });
                    } catch (CampaignSender.Refused e) {
                        throw new Terrain.UserError(e.getMessage());
                    }
                    if (r.recovery().sendingRequeued() + r.recovery().committedPresumedSent() > 0) {
                        out.println("  reprise : " + r.recovery().sendingRequeued() + " message(s) jamais transmis remis en file, "
                                + r.recovery().committedPresumedSent() + " présumé(s) envoyé(s) (interrompus après la fin des"
                                + " données)");
                    }
                    Map<OutboxState, Long> st = MailStore.states(s, c.id());
                    AuditLog.append(s, Actor.current(), "campaign.send", "campaign:" + name, r.sent(), r.sent()
                            + " message(s) envoyé(s) vers " + server.describe() + " : " + states(st));
                    double seconds = Math.max(0.001, r.elapsed().toMillis() / 1000.0);
                    String done = r.finished() ? "✔ campagne terminée" : "… campagne non terminée";
                    if (masked) { // nor a rate, which times the duration would give the number
                        out.println(done + " — " + SmallCells.TOO_FEW_TEXT);
                    } else {
                        out.println(done + " — " + Reports.n(r.sent()) + " envoyé(s) en " + String.format(
                                java.util.Locale.FRANCE, "%.1f s (%.0f msg/s)", seconds, r.sent() / seconds) + " ; " + states(st));
                    }
                    long doubt = MailStore.unconfirmed(s, c.id());
                    if (doubt > 0) {
                        out.println("  dont " + (masked ? "des messages" : Reports.n(doubt)) + " non confirmé(s) par le"
                                + " serveur (connexion perdue après la fin du message : comptés envoyés, jamais renvoyés ; voir"
                                + " terrain campaign report)");
                    }
                    if (r.withoutSmtpUtf8() > 0) {
                        out.println("  dont " + (masked ? "des" : Reports.n(r.withoutSmtpUtf8())) + " adresse(s)"
                                + " internationalisée(s) non envoyée(s) : " + server.describe() + " n'annonce pas SMTPUTF8"
                                + " (échec définitif ; la raison est sur leur ligne d'envoi)");
                    }
                    return r.finished() ? 0 : 4;
                } finally {
                    outbox.release();
                }
            }
        }
    }

    static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }


    /**
     * Whether a campaign's counts are masked: an {@code engaged:} segment frozen by its send to fewer than
     * {@link SmallCells#MIN_RECIPIENTS} people ({@link SmallCells#masksCount}); before the send there is no one counted.
     */
    static boolean masked(Campaign c, Map<OutboxState, Long> st) {
        boolean frozen = c.status() == Campaign.Status.SENDING || c.status() == Campaign.Status.FINISHED;
        return frozen && SmallCells.masksCount(c.segment(), st.values().stream().mapToLong(Long::longValue).sum());
    }

    /** {@link #states}, or the small-cell rule's words when the campaign's counts are {@link #masked}. */
    static String counts(Campaign c, Map<OutboxState, Long> st) {
        return masked(c, st) ? SmallCells.TOO_FEW_TEXT : states(st);
    }

    /** Counts by state in words, each code after it for scripts: {@code envoyé (sent) 13}. */
    static String states(Map<OutboxState, Long> st) {
        List<String> parts = new ArrayList<>();
        st.forEach((k, v) -> {
            if (v > 0) {
                parts.add(k.label() + " (" + k.id() + ") " + Reports.n(v));
            }
        });
        return parts.isEmpty() ? "aucun destinataire" : String.join(", ", parts);
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Destinataires par état final (et ceux encore en cours) ; --json pour les scripts.",
                "Avec la mesure des ouvertures et des clics (terrain tracking) : ouvertures et clics (personnes et total),"
                        + " partages, secteurs (arrondissements, communes) ; --json ajoute la carte de chaleur jour × heure"
                        + " (heure de Paris) et les 72 premières heures. Voir docs/mail.md.",
                "Secret statistique : rien n'est affiché d'une campagne ou d'un secteur de moins de "
                        + SmallCells.MIN_RECIPIENTS + " destinataires (docs/privacy.md) ; d'une campagne à segment engaged:"
                        + " de moins de " + SmallCells.MIN_RECIPIENTS + " destinataires, pas même leur nombre ni les états"
                        + " d'envoi.",
                "Ciblage (règlement (UE) 2024/900, art. 19) : les techniques utilisées (géographie, sujets, engagement,"
                        + " test A/B), leurs données et leur logique, et le consentement au ciblage déclaré au premier envoi"
                        + " (--json : targeting)."})
    static final class Report implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "NOM", description = "Campagne dont on veut le bilan.")
        String name;

        @Option(names = "--json", description = "Le bilan en JSON (mêmes chiffres que le texte).")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Store s = store.open()) {
                Campaign c = find(s, name);
                Map<String, Object> m = report(s, c);
                CampaignTargeting targeting = CampaignTargeting.of(s, c, targetingConsent(store.home()));
                m.put("targeting", targeting.json());
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(Json.write(m));
                } else {
                    out.println("Campagne « " + c.name() + " » — " + c.status().label() + " (" + c.status().id() + ") — objet « "
                            + c.subject() + " »");
                    out.println("  segment : " + c.segment().text());
                    if (m.get("recipients") == null) {
                        out.println("  destinataires : " + SmallCells.TOO_FEW_TEXT);
                    } else {
                        out.println("  destinataires : " + Reports.n((Long) m.get("recipients")));
                        @SuppressWarnings("unchecked")
                        Map<String, Long> st = (Map<String, Long>) m.get("states");
                        st.forEach((k, v) -> out.println("  " + OutboxState.of(k).label() + " (" + k + ") : " + Reports.n(v)));
                    }
                    long doubt = m.get("unconfirmed") == null ? 0 : (Long) m.get("unconfirmed");
                    if (doubt > 0) {
                        out.println("  dont non confirmés par le serveur : " + Reports.n(doubt) + " (connexion perdue après"
                                + " la fin du message : comptés envoyés pour ne jamais écrire deux fois, peut-être non reçus)");
                    }
                    targeting.lines().forEach(l -> out.println("  " + l));
                    if (m.get("retention") instanceof Map<?, ?> kept) {
                        out.println("  " + kept.get("text"));
                    }
                    if (Boolean.TRUE.equals(m.get("masked"))) {
                        out.println("  ouvertures, clics et partages : " + maskText(m));
                    } else if (m.containsKey("opens")) {
                        if (m.get("recipientsMeasured") instanceof Integer measured
                                && m.get("recipientsSent") instanceof Integer sent && measured < sent) {
                            out.println("  messages mesurés : " + Reports.n(measured) + " sur " + Reports.n(sent)
                                    + " envoyés (les autres sont partis sans suivi ou à des personnes qui l'avaient"
                                    + " refusé) : les taux portent sur eux");
                        }
                        @SuppressWarnings("unchecked")
                        Map<String, Object> o = (Map<String, Object>) m.get("opens");
                        @SuppressWarnings("unchecked")
                        Map<String, Object> k = (Map<String, Object>) m.get("clicks");
                        @SuppressWarnings("unchecked")
                        Map<String, Object> sh = (Map<String, Object>) m.get("shares");
                        out.println("  ouvertures : " + o.get("unique") + " personne(s), " + o.get("total") + " au total"
                                + (o.get("viaImageProxy") instanceof Integer n && n > 0 ? " (dont " + n
                                        + " par le proxy d'images d'un webmail)" : "") + " ; clics : "
                                + k.get("unique") + " personne(s), " + k.get("total") + " au total");
                        out.println("  partages : " + sh.get("readers") + " lecteur(s) atteint(s) par transfert, " + sh.get("clicks")
                                + " clic(s), profondeur " + sh.get("depth"));
                        @SuppressWarnings("unchecked")
                        Map<String, Map<String, Object>> sectors = (Map<String, Map<String, Object>>) m.get("bySector");
                        List<Integer> numbers = sectors.keySet().stream().map(Integer::parseInt).toList();
                        SectorNames names = Geography.sectorNames(s, numbers); // a commune by its name (ADR 0033)
                        sectors.forEach((sector, f) -> out.println("  " + names.of(Integer.parseInt(sector)) + " : "
                                + sectorText(f)));
                    }
                }
            }
            return 0;
        }
    }

    /** A sector's figures in words, or why they are not shown. */
    static String sectorText(Map<String, Object> f) {
        if (Boolean.TRUE.equals(f.get("masked"))) {
            return maskText(f);
        }
        long recipients = ((Number) f.get("recipients")).longValue();
        String measured = f.get("measured") instanceof Number n && n.longValue() < recipients
                ? " (" + Reports.n(n.longValue()) + " mesurés)" : "";
        return String.format(java.util.Locale.FRANCE, "%s destinataires%s, %.1f %% d'ouverture, %.1f %% de clic",
                Reports.n(recipients), measured, 100 * ((Number) f.get("openRate")).doubleValue(),
                100 * ((Number) f.get("clickRate")).doubleValue());
    }

    /** Why masked figures are not shown, in the words of their {@code maskReason} (too few recipients if none). */
    private static String maskText(Map<String, Object> f) {
        return SmallCells.Cell.ofId(f.get("maskReason")).map(SmallCells.Cell::text).orElse(SmallCells.TOO_FEW_TEXT);
    }

    /**
     * The report as JSON fields: campaign, status, subject, segment, recipients, states, finished; then tracking's
     * (see {@link fr.terrain.store.CampaignTracking#json}).
     */
    static Map<String, Object> report(Store s, Campaign c) {
        Map<OutboxState, Long> st = MailStore.states(s, c.id());
        boolean masked = masked(c, st); // an engaged: segment's people, fewer than ten: no count of them
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("campaign", c.name());
        m.put("status", c.status().id());
        m.put("subject", c.subject());
        m.put("segment", c.segment().text());
        m.put("recipients", masked ? null : st.values().stream().mapToLong(Long::longValue).sum());
        Map<String, Long> states = new LinkedHashMap<>();
        st.forEach((k, v) -> states.put(k.id(), masked ? null : v));
        m.put("states", states);
        // sent with no reply to the final "." (connection lost, sender killed): at most once, so perhaps not delivered
        m.put("unconfirmed", masked ? null : MailStore.unconfirmed(s, c.id()));
        m.put("finished", c.status() == Campaign.Status.FINISHED);
        // tracking's figures (opens, clicks, shares…): aggregates only, sharers by outbox number, never by address
        fr.terrain.store.CampaignTracking.report(s, c.name())
                .ifPresent(r -> m.putAll(fr.terrain.store.CampaignTracking.json(r, java.util.Set.of())));
        if (masked) { // tracking's own rule masks it too (fewer sent than frozen); said here whatever it says
            m.put("masked", true);
            m.put("maskReason", SmallCells.Cell.TOO_FEW.id());
            m.putIfAbsent("smallCells", fr.terrain.store.CampaignTracking.smallCells());
        }
        return m;
    }

    @Command(name = "bounces", mixinStandardHelpOptions = true,
            description = {"Lit des avis de non-distribution (DSN, RFC 3464) et les applique : un rejet définitif (5.x.x)"
                    + " marque l'adresse invalide (plus jamais écrite) et la ligne d'envoi « bounced ».",
                "Depuis des fichiers .eml (--file) ou une boîte IMAP/POP (--mailbox imap://user@hote:port/INBOX, mot de"
                        + " passe par TERRAIN_MAILBOX_PASSWORD)."})
    static final class Bounces implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--file", paramLabel = "FICHIER",
                description = "Avis de non-remise enregistrés en .eml (option répétable).")
        List<Path> files = new ArrayList<>();

        @Option(names = "--mailbox", paramLabel = "URL",
                description = "Boîte IMAP ou POP où arrivent les avis, par ex. imap://user@hote:993/INBOX.")
        String mailbox;

        @Option(names = "--delete", description = "Supprime de la boîte les avis lus.")
        boolean delete;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (files.isEmpty() && mailbox == null) {
                throw new Terrain.UsageError("donnez --file FICHIER… ou --mailbox URL");
            }
            List<Bounce> bounces = new ArrayList<>();
            int notReports = 0;
            for (Path f : files) {
                try (InputStream in = Files.newInputStream(f)) {
                    List<Bounce> found = DsnReader.read(in);
                    if (found.isEmpty()) {
                        notReports++;
                    }
                    bounces.addAll(found);
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (mailbox != null) {
                String password = System.getenv("TERRAIN_MAILBOX_PASSWORD");
                if (password == null || password.isEmpty()) {
                    throw new Terrain.UserError("--mailbox : le mot de passe de la boîte se donne par la variable"
                            + " d'environnement TERRAIN_MAILBOX_PASSWORD (jamais sur la ligne de commande)");
                }
                DsnReader.MailboxRead read;
                try {
                    read = DsnReader.mailbox(mailbox, password, delete);
                } catch (jakarta.mail.MessagingException e) {
                    throw new Terrain.UserError("boîte " + mailbox.replaceAll("//[^@/]*@", "//") + " illisible : "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip())
                            + " (adresse, port, identifiant et TERRAIN_MAILBOX_PASSWORD à vérifier)");
                }
                out.println("  boîte " + mailbox.replaceAll("//[^@/]*@", "//") + " : " + read.messages() + " message(s), "
                        + read.reports() + " avis de non-distribution");
                bounces.addAll(read.bounces());
            }
            try (Store s = store.open()) {
                var r = MailStore.applyBounces(s, bounces, Actor.current());
                out.println("✔ " + r.read() + " avis lu(s), " + r.matched() + " rattaché(s) à un envoi, " + r.hard()
                        + " rejet(s) définitif(s) (adresses désormais écartées)" + (notReports > 0 ? " ; " + notReports
                        + " fichier(s) sans avis de non-distribution" : ""));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Les campagnes, les plus récentes d'abord.")
    static final class ListCampaigns implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Store s = store.open()) {
                List<Campaign> campaigns = MailStore.campaigns(s);
                if (campaigns.isEmpty()) {
                    spec.commandLine().getOut().println("Aucune campagne (terrain campaign create NOM --template … --segment …).");
                }
                for (Campaign c : campaigns) {
                    spec.commandLine().getOut().println(c.name() + "\t" + c.status().label() + " (" + c.status().id() + ")\t" + c.segment().text() + "\t"
                            + counts(c, MailStore.states(s, c.id())));
                }
            }
            return 0;
        }
    }
}
