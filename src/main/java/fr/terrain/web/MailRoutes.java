package fr.terrain.web;

import fr.terrain.account.Account;
import fr.terrain.account.Permission;
import fr.terrain.account.Secrets;
import fr.terrain.election.SectorCodes;
import fr.terrain.election.SectorNames;
import fr.terrain.mail.Campaign;
import fr.terrain.mail.CheckedRecipient;
import fr.terrain.mail.ContactFacts;
import fr.terrain.mail.LinkRewriter;
import fr.terrain.mail.MandatoryBlocks;
import fr.terrain.mail.MessageRenderer;
import fr.terrain.mail.Origin;
import fr.terrain.mail.OutboxState;
import fr.terrain.mail.RecipientRef;
import fr.terrain.mail.RenderedMessage;
import fr.terrain.mail.Schedule;
import fr.terrain.mail.Segment;
import fr.terrain.mail.SenderIdentity;
import fr.terrain.mail.Targeting;
import fr.terrain.mail.Template;
import fr.terrain.mail.UnsubscribeToken;
import fr.terrain.mail.smtp.CampaignSender;
import fr.terrain.mail.smtp.MailSettings;
import fr.terrain.mail.smtp.SmtpSettings;
import fr.terrain.mail.tracking.SmallCells;
import fr.terrain.privacy.ConsentHistory;
import fr.terrain.privacy.IdentifierHasher;
import fr.terrain.privacy.Identifiers;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.AuditLog;
import fr.terrain.store.CampaignTargeting;
import fr.terrain.store.CampaignTracking;
import fr.terrain.store.ConsentLedger;
import fr.terrain.store.Geography;
import fr.terrain.store.HashKeyFile;
import fr.terrain.store.MailStore;
import fr.terrain.store.Store;
import fr.terrain.store.StoreException;
import fr.terrain.store.SuppressionList;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * E-mail pages and endpoints. Public: the sign-up form with double opt-in ({@code /inscription}),
 * the unsubscribe page and its one-click POST (RFC 8058, {@code /desinscription}). Signed in: the
 * campaign editor (preview for one recipient of the segment, test send to a given address) and the
 * live progress of a send ({@code /campagnes}); organizers see counts of their sectors only,
 * analysts aggregates only.
 */
final class MailRoutes {
    static final Duration SIGNUP_VALIDITY = Duration.ofHours(48);
    /**
     * Confirmations one address may have waiting: the form is public, and a robot typing someone else's address again and
     * again would otherwise flood that mailbox from the campaign's domain. The page answers the same either way.
     */
    static final int PENDING_SIGNUPS_PER_ADDRESS = 3;

    /** Paris's arrondissements, the sign-up form's number field when the store holds no commune's stations (ADR 0033). */
    static final int PARIS_ARRONDISSEMENTS = 20;

    /**
     * Sectors with stations the sign-up page lists at most (ADR 0037): above, a store holding a whole REU import (35,000
     * communes) would send them all, named, to each visitor; the page searches them instead ({@code
     * /api/inscription/secteurs}).
     */
    static final int SIGNUP_LIST_MAX = 300;

    /** {@link #SIGNUP_LIST_MAX}, lowered by tests to search among a few communes. */
    static volatile int signupListMax = SIGNUP_LIST_MAX;

    private final Store store;

    /**
     * Sends sign-up confirmations after the page has answered, one at a time; its thread ends when idle, and is a
     * daemon so that a stopping server does not wait for it.
     */
    private final ThreadPoolExecutor confirmations = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(CONFIRMATIONS_WAITING), Thread.ofPlatform().daemon().name("terrain-signup-mail")
                    .factory());

    /** Confirmations waiting to be sent at most: a form flooded by a robot fills no memory (the others are dropped). */
    static final int CONFIRMATIONS_WAITING = 1_000;

    private final SectorNameCache sectorNames;
    private final SectorSearch sectorSearch;

    /** @param sectorNames the communes' names, shared with the pages that show sectors */
    MailRoutes(Store store, SectorNameCache sectorNames) {
        this.store = store;
        this.sectorNames = sectorNames;
        this.sectorSearch = new SectorSearch(store, sectorNames);
        confirmations.allowCoreThreadTimeOut(true);
    }

    List<WebRoute> routes() {
        return List.of(
                WebRoute.open(HandlerType.GET, "/inscription", ctx -> Pages.send(ctx, "inscription.html")),
                WebRoute.open(HandlerType.GET, "/api/inscription/mention", this::notice),
                WebRoute.open(HandlerType.GET, "/api/inscription/secteurs", this::searchSectors),
                WebRoute.tokenForm("/inscription", this::signup),
                WebRoute.open(HandlerType.GET, "/inscription/confirmer", this::confirmPage),
                WebRoute.tokenForm("/inscription/confirmer", this::confirm),
                WebRoute.open(HandlerType.GET, "/desinscription", this::unsubscribePage),
                WebRoute.tokenForm("/desinscription", this::unsubscribe),
                WebRoute.get("/campagnes", Permission.READ_AGGREGATES, ctx -> Pages.send(ctx, "campagnes.html")),
                WebRoute.get("/api/campaigns", Permission.READ_AGGREGATES, this::list),
                WebRoute.get("/api/campaigns/{name}/progress", Permission.READ_AGGREGATES, this::progress),
                WebRoute.post("/api/campaigns", Permission.MANAGE_DATA, this::save),
                WebRoute.post("/api/campaigns/preview", Permission.MANAGE_DATA, this::preview),
                WebRoute.post("/api/campaigns/test", Permission.MANAGE_DATA, this::testSend));
    }

    private Path home() {
        return store.home().orElseThrow(() -> new ServiceUnavailableResponse(
                "le répertoire des données (clés, réglages) est inconnu de ce serveur"));
    }

    private IdentifierHasher hasher() {
        return HashKeyFile.load(home());
    }

    private Map<String, String> settings() {
        return MailSettings.read(home());
    }

    /** How the campaign says it collected the explicit consent to targeting (Regulation (EU) 2024/900), if it does. */
    private Optional<String> targetingConsent() {
        return Targeting.declaredConsent(settings());
    }

    /** A page for the public (sign-up, unsubscribing): no link to the campaign team's pages, which ask to sign in. */
    private static void page(Context ctx, int status, String title, String message) {
        ctx.status(status).contentType(ContentType.TEXT_HTML)
                .result(Replies.message(title, message, false));
    }

    // ------------------------------------------------------------------ sign-up (double opt-in)

    private void notice(Context ctx) {
        String version = settings().get("mail.signup-notice");
        var n = version == null ? Optional.<ConsentLedger.Notice>empty() : ConsentLedger.notice(store, version.strip());
        if (n.isEmpty()) {
            // said to the public: the setting to fill in (mail.signup-notice) is the administrator's business, docs/mail.md
            throw new NotFoundResponse("Les inscriptions ne sont pas ouvertes pour le moment.");
        }
        SenderIdentity id = SenderIdentity.fromSettings(settings());
        Set<Integer> offered = signupSectors();
        Map<String, Object> reply = new LinkedHashMap<>(Map.of("version", n.get().version(), "text", n.get().text(),
                "controller", id.controller(), "list", id.list(), "election", id.election(),
                "sectorLabel", signupField(offered)));
        if (offered.size() > signupListMax) { // too many to send to each visitor: the page searches them (ADR 0037)
            reply.put("sectorSearch", true);
            reply.put("sectorCount", offered.size());
        } else {
            SectorNames names = sectorNames.of(offered);
            reply.put("sectors", offered.stream().map(sector -> Map.of("sector", sector, "name", names.of(sector))).toList());
        }
        ctx.contentType(ContentType.APPLICATION_JSON).result(Json.write(reply));
    }

    /**
     * {@code ?q=conc}: the sectors with stations whose name or code the visitor's text begins ({@link SectorSearch}), as
     * the sign-up list names them, for the page that has too many to list. Public geography only, like the list.
     */
    private void searchSectors(Context ctx) {
        SectorSearch.Found found;
        try {
            found = sectorSearch.find(ctx.queryParam("q"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        ctx.contentType(ContentType.APPLICATION_JSON).result(Json.write(Map.of("sectors", found.sectors().stream()
                .map(e -> Map.of("sector", e.sector(), "name", e.name())).toList(), "more", found.more())));
    }

    /**
     * The sectors the sign-up form offers to choose from (ADR 0033): those of the stations in the store, when one of them
     * is a commune; none otherwise, and the form asks for an arrondissement of Paris by its number, as it always did.
     */
    private Set<Integer> signupSectors() {
        List<Integer> areas = Geography.stationAreas(store);
        return areas.stream().allMatch(SectorCodes::isArrondissement) ? Set.of()
                : java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(areas));
    }

    /**
     * The form's sector field as the page names it: « Arrondissement » (Paris), « Commune ou arrondissement » or
     * « Commune ».
     */
    static String signupField(Set<Integer> offered) {
        return offered.isEmpty() ? "Arrondissement" : offered.stream().anyMatch(SectorCodes::isArrondissement)
                ? "Commune ou arrondissement" : "Commune";
    }

    private void signup(Context ctx) {
        Map<String, String> s = settings();
        String version = s.get("mail.signup-notice");
        if (version == null || ConsentLedger.notice(store, version.strip()).isEmpty()) {
            page(ctx, 404, "Inscription fermée", "Les inscriptions ne sont pas ouvertes pour le moment.");
            return;
        }
        String consent = ctx.formParam("consentement");
        String email;
        try {
            email = Identifiers.mailbox(Optional.ofNullable(ctx.formParam("email")).orElse(""));
        } catch (IllegalArgumentException e) {
            page(ctx, 400, "Adresse invalide", "L'adresse électronique saisie n'est pas valide.");
            return;
        }
        if (!"oui".equals(consent)) {
            page(ctx, 400, "Consentement requis", "Pour recevoir nos messages, cochez la case de consentement : elle n'est"
                    + " jamais cochée d'avance.");
            return;
        }
        String first = Optional.ofNullable(ctx.formParam("prenom")).map(String::strip).filter(x -> !x.isEmpty())
                .map(x -> x.length() > 100 ? x.substring(0, 100) : x).orElse(null);
        Integer sector;
        Set<Integer> offered = signupSectors();
        try {
            sector = signupSector(ctx.formParam("secteur"), offered);
        } catch (IllegalArgumentException e) {
            page(ctx, 400, signupField(offered) + " invalide", e.getMessage());
            return;
        }
        Set<String> topics = new LinkedHashSet<>(ctx.formParams("sujets"));
        topics.removeIf(t -> !t.matches("[a-zà-ÿ-]{1,40}"));
        IdentifierHasher hasher = hasher();
        boolean suppressed = store.jdbi().withHandle(h -> fr.terrain.store.SuppressionList.hashes(h))
                .contains(hasher.hash(Identifiers.emailOf(email)));
        SmtpSettings smtp;
        try {
            smtp = SmtpSettings.of(null, s, System.getenv());
            // every address, on the opposition list or not, has the server asked the same question before anything
            // is stored: the reply depends on the address and the server, never on the list
            CampaignSender.checkAddress(smtp, email);
        } catch (CampaignSender.WithoutSmtpUtf8 e) {
            page(ctx, 503, "Adresse non prise en charge", "Notre serveur d'envoi n'accepte pas encore les adresses"
                    + " internationalisées (accents avant « @ », ou nom de domaine accentué sans équivalent en lettres"
                    + " simples) : aucun message n'a pu être envoyé à cette adresse. Si vous en avez une autre,"
                    + " inscrivez-vous avec elle.");
            return;
        } catch (Exception e) {
            LoggerFactory.getLogger(MailRoutes.class).warn("inscription : serveur d'envoi injoignable ou mal réglé : {}",
                    LogSafe.describe(e));
            page(ctx, 503, "Envoi impossible", "Le message de confirmation n'a pas pu être envoyé ; réessayez plus tard.");
            return;
        }
        if (!suppressed) {
            String token = Secrets.randomToken(32);
            String tokenHash = Secrets.sha256(token);
            Instant now = Instant.now();
            RenderedMessage confirmation = confirmation(SenderIdentity.fromSettings(s), email, token);
            // stored and sent after the reply: a page that waited for either would take longer than for a listed address
            Runnable job = () -> {
                try {
                    if (MailStore.pendingSignups(store, email, now) >= PENDING_SIGNUPS_PER_ADDRESS) {
                        return;
                    }
                    MailStore.addSignup(store, tokenHash, email, first, sector, topics, version.strip(), now,
                            now.plus(SIGNUP_VALIDITY));
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(MailRoutes.class).warn("inscription : demande non enregistrée, rien n'est envoyé"
                            + " ({})", LogSafe.describe(e));
                    return;
                }
                try {
                    CampaignSender.sendOne(smtp, confirmation);
                } catch (Exception | LinkageError e) {
                    LoggerFactory.getLogger(MailRoutes.class).warn("inscription : confirmation non envoyée ({}), demande"
                            + " en attente supprimée", LogSafe.describe(e));
                    try {
                        MailStore.removeSignup(store, tokenHash);
                    } catch (RuntimeException again) {
                        LoggerFactory.getLogger(MailRoutes.class).warn("inscription : suppression impossible ({})",
                                LogSafe.describe(again));
                    }
                }
            };
            try {
                confirmations.execute(job);
            } catch (java.util.concurrent.RejectedExecutionException full) {
                LoggerFactory.getLogger(MailRoutes.class).warn("inscription : {} confirmations déjà en attente, demande"
                        + " ignorée (la personne peut réessayer)", CONFIRMATIONS_WAITING);
            }
        }
        // the same answer whether the address is on the opposition list or not, and whatever the sending does next
        page(ctx, 200, "Vérifiez votre messagerie", "Si cette adresse peut recevoir nos messages, un message de"
                + " confirmation lui est envoyé. Votre inscription ne sera faite que lorsque vous aurez ouvert le lien qu'il"
                + " contient (valable 48 heures) et confirmé sur la page qu'il ouvre. S'il ne vous parvient pas d'ici quelques minutes (regardez aussi dans les"
                + " indésirables), réessayez plus tard.");
    }

    /** The sign-up confirmation: the link to open within 48 hours, and who asks. */
    private static RenderedMessage confirmation(SenderIdentity id, String email, String token) {
        String link = id.baseUrl() + "/inscription/confirmer?t=" + token;
        String text = "Bonjour,\n\nVous avez demandé à recevoir les messages de " + id.list() + " (" + id.election()
                + ").\nPour confirmer, ouvrez ce lien dans les 48 heures, puis appuyez sur « Confirmer mon inscription » :\n\n"
                + link
                + "\n\nSi vous n'avez rien demandé, ignorez ce message : aucune inscription ne sera faite.\n\n-- \n"
                + id.controller() + ", " + id.address() + " (contact : " + id.contact() + ")\n";
        String html = "<p>Bonjour,</p><p>Vous avez demandé à recevoir les messages de "
                + Replies.escape(id.list()) + " (" + Replies.escape(id.election()) + ").</p><p><a href=\""
                + Replies.escape(link) + "\">Confirmer mon inscription</a> (lien valable 48 heures)</p>"
                + "<p>Si vous n'avez rien demandé, ignorez ce message : aucune inscription ne sera faite.</p><hr><p>"
                + Replies.escape(id.controller() + ", " + id.address() + " (contact : " + id.contact() + ")") + "</p>";
        return new RenderedMessage(id.fromAddress(), email, "Confirmez votre inscription — " + id.list(), html, text,
                Map.of(), "<signup." + java.util.UUID.randomUUID() + "@" + id.domain() + ">", link);
    }

    /**
     * The form's optional sector: empty gives none. Among {@code offered} ({@link #signupSectors}), one of them, written
     * as the list or the search ({@link SectorSearch}) sends it or as {@link SectorCodes#parse} reads it; without, an
     * arrondissement of Paris, 1 to 20. Else the message names the field (a sector the campaign does not have would file
     * the person where no organizer looks). Whether the page got a list or searched, the check is this one (ADR 0037).
     */
    static Integer signupSector(String typed, Set<Integer> offered) {
        String t = typed == null ? "" : typed.strip();
        if (t.isEmpty()) {
            return null;
        }
        String shown = "(vous avez saisi « " + (t.length() > 20 ? t.substring(0, 20) + "…" : t) + " »), ou laissez le"
                + " champ vide.";
        if (offered.isEmpty()) {
            if (!t.matches("\\d{1,9}") || Integer.parseInt(t) < 1 || Integer.parseInt(t) > PARIS_ARRONDISSEMENTS) {
                throw new IllegalArgumentException("Arrondissement : indiquez un numéro de 1 à " + PARIS_ARRONDISSEMENTS
                        + " " + shown);
            }
            return Integer.parseInt(t);
        }
        Optional<Integer> sector;
        try {
            sector = Optional.of(SectorCodes.read(t)).filter(offered::contains); // the list sends 1001 for 01001
        } catch (IllegalArgumentException noSector) {
            sector = Optional.empty();
        }
        String choose = offered.size() > signupListMax ? "choisissez parmi les propositions" : "choisissez dans la liste";
        return sector.orElseThrow(() -> new IllegalArgumentException(signupField(offered) + " : " + choose + " " + shown));
    }

    /**
     * The link of the confirmation message shows a button and changes nothing: a mail gateway that fetches every link
     * of a message (to scan it) must not confirm a sign-up in the person's stead. Only the POST below confirms.
     */
    private void confirmPage(Context ctx) {
        String token = ctx.queryParam("t");
        if (token == null || token.length() > 200) {
            page(ctx, 400, "Lien invalide", "Ce lien de confirmation est incomplet.");
            return;
        }
        if (!MailStore.signupPending(store, Secrets.sha256(token), Instant.now())) {
            page(ctx, 410, "Lien expiré", "Ce lien de confirmation est inconnu, déjà utilisé ou expiré (48 heures) :"
                    + " inscrivez-vous de nouveau.");
            return;
        }
        SenderIdentity id = SenderIdentity.fromSettings(settings());
        ctx.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").contentType(ContentType.TEXT_HTML)
                .result(Replies.page("inscription-confirmer.html", Map.of("token", token, "list", id.list(),
                        "election", id.election())));
    }

    private void confirm(Context ctx) {
        String token = Optional.ofNullable(ctx.formParam("t")).orElse(ctx.queryParam("t"));
        if (token == null || token.length() > 200) {
            page(ctx, 400, "Lien invalide", "Ce lien de confirmation est incomplet.");
            return;
        }
        var r = MailStore.confirmSignup(store, hasher(), Secrets.sha256(token), Instant.now());
        switch (r) {
            case CONFIRMED -> page(ctx, 200, "Inscription confirmée", "Merci : vous recevrez nos messages. Chacun contiendra"
                    + " un lien pour vous désinscrire à tout moment.");
            case RESTRICTED -> page(ctx, 200, "Inscription notée", "Merci : votre inscription est notée. Vous nous avez"
                    + " demandé de ne plus utiliser vos données le temps d'examiner votre demande (limitation) : nous ne vous"
                    + " écrirons qu'une fois cette limitation levée, et vous en serez prévenu(e).");
            case ALREADY_SUBSCRIBED -> page(ctx, 200, "Déjà inscrit", "Vous étiez déjà inscrit : rien n'a changé.");
            case SUPPRESSED -> page(ctx, 200, "Inscription impossible", "Cette adresse est sur notre liste d'opposition :"
                    + " écrivez-nous pour la retirer.");
            case UNKNOWN_OR_EXPIRED -> page(ctx, 410, "Lien expiré", "Ce lien de confirmation est inconnu, déjà utilisé ou"
                    + " expiré (48 heures) : inscrivez-vous de nouveau.");
        }
    }

    // ------------------------------------------------------------------ unsubscribe

    private void unsubscribePage(Context ctx) {
        String token = ctx.queryParam("t");
        if (UnsubscribeToken.verify(hasher(), token).isEmpty()) {
            page(ctx, 404, "Lien invalide", "Ce lien de désinscription n'est pas valide.");
            return;
        }
        SenderIdentity id = SenderIdentity.fromSettings(settings());
        ctx.contentType(ContentType.TEXT_HTML).result(Replies.page("desinscription.html", Map.of("token", token,
                "list", id.list(), "controller", id.controller())));
    }

    /** RFC 8058: a POST to the header's URL with the body List-Unsubscribe=One-Click; or the page's button. */
    private void unsubscribe(Context ctx) {
        String token = Optional.ofNullable(ctx.queryParam("t")).orElse(ctx.formParam("t"));
        Optional<Long> row = UnsubscribeToken.verify(hasher(), token);
        if (row.isEmpty()) {
            page(ctx, 404, "Lien invalide", "Ce lien de désinscription n'est pas valide.");
            return;
        }
        boolean oneClick = "One-Click".equals(ctx.formParam("List-Unsubscribe"));
        try {
            MailStore.unsubscribe(store, hasher(), row.get(), oneClick ? "one-click" : "web");
        } catch (StoreException e) {
            page(ctx, 404, "Lien invalide", "Ce message n'existe plus dans nos envois.");
            return;
        }
        SenderIdentity id = SenderIdentity.fromSettings(settings());
        page(ctx, 200, "Désinscription faite", "Vous ne recevrez plus aucun message de " + id.list() + " ("
                + id.controller() + "), par aucun canal (courriel, SMS, téléphone). Votre consentement est retiré et votre"
                + " adresse est sur notre liste d'opposition.");
    }

    // ------------------------------------------------------------------ campaigns

    private Map<String, Object> counts(Store store, Campaign c, Account a) {
        Map<String, Long> states = new LinkedHashMap<>();
        for (OutboxState s : OutboxState.values()) {
            states.put(s.id(), 0L);
        }
        if (a.role().seesAllSectors()) {
            MailStore.states(store, c.id()).forEach((k, v) -> states.put(k.id(), v));
        } else {
            MailStore.statesIn(store, c.id(), a.sectors()).forEach((k, v) -> states.put(k.id(), v));
        }
        long total = states.values().stream().mapToLong(Long::longValue).sum();
        long done = 0;
        for (OutboxState s : OutboxState.values()) {
            if (s.isFinal()) {
                done += states.get(s.id());
            }
        }
        // an engaged: segment's recipients are the people who opened or clicked: fewer than ten, their number is not
        // shown, nor what it could be added up from; before the send has frozen them there is none to count
        boolean frozen = c.status() == Campaign.Status.SENDING || c.status() == Campaign.Status.FINISHED;
        boolean masked = frozen && SmallCells.masksCount(c.segment(), total);
        if (masked) {
            states.replaceAll((k, v) -> null);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("subject", c.subject());
        m.put("segment", c.segment().text());
        m.put("status", c.status().id());
        m.put("scheduledAt", c.scheduledAt().map(Schedule::format).orElse(null));
        m.put("masked", masked);
        m.put("maskReason", masked ? SmallCells.Cell.TOO_FEW.id() : null);
        m.put("recipients", masked ? null : total);
        m.put("final", masked ? null : done);
        m.put("states", states);
        m.put("scope", sectorNames.scope(a));
        return m;
    }

    private void list(Context ctx) {
        Account a = CurrentUser.of(ctx);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Campaign c : MailStore.campaigns(store)) {
            out.add(counts(store, c, a));
        }
        ctx.contentType(ContentType.APPLICATION_JSON).result(Json.write(Map.of("campaigns", out,
                "canEdit", a.has(Permission.MANAGE_DATA), "smallCells", CampaignTracking.smallCells())));
    }

    private void progress(Context ctx) {
        Campaign c = MailStore.campaign(store, ctx.pathParam("name")).orElseThrow(() -> new NotFoundResponse(
                "campagne inconnue"));
        Map<String, Object> m = counts(store, c, CurrentUser.of(ctx));
        m.put("smallCells", CampaignTracking.smallCells());
        ctx.contentType(ContentType.APPLICATION_JSON).result(Json.write(m));
    }

    private record Draft(String name, Template template, Segment segment, Optional<Instant> at) {}

    private static Map<?, ?> body(Context ctx) {
        try {
            Map<?, ?> body = ctx.bodyAsClass(Map.class);
            if (body == null) {
                throw new BadRequestResponse("corps JSON attendu : {name, template, segment, at}");
            }
            return body;
        } catch (Exception e) { // Jackson's parse errors arrive unchecked through Javalin
            if (e instanceof BadRequestResponse b) {
                throw b;
            }
            throw new BadRequestResponse("corps JSON attendu : {name, template, segment, at}");
        }
    }

    private static Draft draft(Context ctx) {
        Map<?, ?> body = body(ctx);
        try {
            Object name = body.get("name");
            Template t = Template.parse(String.valueOf(body.get("template") == null ? "" : body.get("template")));
            Segment s = Segment.parse(String.valueOf(body.get("segment") == null ? "" : body.get("segment")));
            Object at = body.get("at");
            Optional<Instant> when = at == null || at.toString().isBlank() ? Optional.empty()
                    : Optional.of(Schedule.parse(at.toString()));
            return new Draft(name == null ? null : name.toString(), t, s, when);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    private void save(Context ctx) {
        Draft d = draft(ctx);
        Account a = CurrentUser.of(ctx);
        try {
            d.at().ifPresent(at -> Schedule.ahead(at, Instant.now()));
            Optional<Campaign> existing = d.name() == null ? Optional.empty() : MailStore.campaign(store, d.name());
            Campaign c = existing.isPresent()
                    ? MailStore.updateCampaign(store, existing.get(), d.template(), d.segment(), d.at(), a.name())
                    : MailStore.createCampaign(store, d.name(), d.template(), d.segment(), d.at(), a.name());
            Map<String, Object> m = counts(store, c, a);
            m.put("smallCells", CampaignTracking.smallCells());
            m.put("targeting", CampaignTargeting.of(store, c, sectorNames.of(c.segment().namedSectors()), targetingConsent())
                    .json());
            ctx.contentType(ContentType.APPLICATION_JSON).result(Json.write(m));
        } catch (StoreException | IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    /**
     * The message for the first recipient of the segment the user may see, as it would leave, and how many recipients
     * the segment has. An {@code engaged:} segment is made of the people who opened or clicked: its preview is rendered
     * for a fictional recipient (any real one would be shown as having opened or clicked, whatever the count), and its
     * count, under ten, is masked like a tracking figure ({@link SmallCells#masksCount}).
     */
    private void preview(Context ctx) {
        Draft d = draft(ctx);
        Account a = CurrentUser.of(ctx);
        SenderIdentity sender = SenderIdentity.fromSettings(settings());
        Instant now = Instant.now();
        IdentifierHasher hasher = hasher();
        boolean engaged = d.segment().engaged();
        java.util.Set<String> hashes = store.jdbi().withHandle(fr.terrain.store.SuppressionList::hashes);
        int matching = 0;
        CheckedRecipient sample = null;
        for (ContactFacts f : MailStore.facts(store, now)) {
            if (!d.segment().matches(f, now) || (f.sector() != null && !a.role().seesAllSectors() && !a.seesSector(f.sector()))) {
                continue;
            }
            if (CheckedRecipient.check(f, id -> hashes.contains(hasher.hash(id))) instanceof CheckedRecipient.Allowed ok) {
                matching++;
                if (sample == null && !engaged) {
                    sample = ok.recipient();
                }
            }
        }
        boolean masked = SmallCells.masksCount(d.segment(), matching);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("masked", masked);
        out.put("maskReason", masked ? SmallCells.Cell.TOO_FEW.id() : null);
        out.put("smallCells", CampaignTracking.smallCells());
        out.put("recipients", masked ? null : matching);
        out.put("fictional", engaged);
        out.put("targeting", CampaignTargeting.json(Targeting.of(d.segment(), sectorNames.of(d.segment().namedSectors()),
                Optional.empty()), targetingConsent().orElse(""), false));
        if (engaged) {
            sample = fictional("destinataire.fictif@exemple.invalid", "exemple fictif : aperçu d'un segment engaged:");
        }
        if (sample == null) {
            out.put("error", "aucun destinataire autorisé dans ce segment");
        } else {
            RecipientRef ref = new RecipientRef(0, 0, "<apercu@" + sender.domain() + ">");
            MessageRenderer r = new MessageRenderer(d.template(), sender, LinkRewriter.NONE, Optional.empty());
            String token = "apercu";
            RenderedMessage m = r.render(sample, ref, token);
            out.put("to", engaged ? null : m.to());
            out.put("subject", m.subject());
            out.put("html", m.html());
            out.put("text", m.text());
            out.put("headers", m.headers());
            out.put("missing", MandatoryBlocks.missing(m, sender, sample, r.unsubscribeUrl(token)));
            if (!engaged) {
                AuditLog.append(store, a.name(), "campaign.preview", "mail_contact:" + sample.facts().mailContactId(), 1,
                        "aperçu du message pour un destinataire du segment " + d.segment().text());
            }
        }
        ctx.contentType(ContentType.APPLICATION_JSON).result(Json.write(out));
    }

    /** A fictional recipient at {@code email}, « Camille », a regular contact ({@code why}: its origin): no one's data. */
    private static CheckedRecipient fictional(String email, String why) {
        ContactFacts f = new ContactFacts(0, 0, email, "Camille", null, null, Set.of(), true,
                ConsentHistory.Status.NEVER_GIVEN, false, Optional.empty(), new Origin(SourceCategory.REGULAR_CONTACTS,
                        null, LocalDate.now(), why));
        if (!(CheckedRecipient.check(f, id -> false) instanceof CheckedRecipient.Allowed ok)) {
            throw new ForbiddenResponse("destinataire fictif refusé");
        }
        return ok.recipient();
    }

    /** A test send to a given address, rendered for a fictional recipient (no one's data leaves). */
    private void testSend(Context ctx) {
        Draft d = draft(ctx);
        Map<?, ?> body = body(ctx);
        String to;
        try {
            to = Identifiers.email(String.valueOf(body.get("to")));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("adresse de test invalide");
        }
        IdentifierHasher hasher = hasher();
        if (store.jdbi().withHandle(h -> SuppressionList.containsAny(h, hasher, List.of(Identifiers.emailOf(to))))) {
            throw new BadRequestResponse("adresse de test sur la liste d'opposition : aucun message ne lui est envoyé, pas"
                    + " même de test");
        }
        Map<String, String> s = settings();
        SenderIdentity sender = SenderIdentity.fromSettings(s);
        if (!sender.missing().isEmpty()) {
            throw new BadRequestResponse("mentions obligatoires incomplètes, à régler : " + String.join(", ", sender.missing()));
        }
        RecipientRef ref = new RecipientRef(0, 0, "<test." + java.util.UUID.randomUUID() + "@" + sender.domain() + ">");
        MessageRenderer r = new MessageRenderer(d.template(), sender, LinkRewriter.NONE, Optional.empty());
        RenderedMessage m = r.render(fictional(to, "exemple fictif : envoi de test"), ref, "test");
        RenderedMessage test = new RenderedMessage(m.from(), m.to(), "[TEST] " + m.subject(), m.html(), m.text(), m.headers(),
                m.messageId(), m.unsubscribeLink());
        try {
            CampaignSender.sendOne(SmtpSettings.of(null, s, System.getenv()), test);
        } catch (Exception e) {
            throw new ServiceUnavailableResponse("envoi de test impossible : " + e.getMessage());
        }
        AuditLog.append(store, CurrentUser.of(ctx).name(), "campaign.test-send", "test", 1, "message de test envoyé");
        ctx.contentType(ContentType.APPLICATION_JSON).result(Json.write(Map.of("sent", true, "to", to)));
    }
}
