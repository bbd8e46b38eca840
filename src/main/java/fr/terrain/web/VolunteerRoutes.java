package fr.terrain.web;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.account.Account;
import fr.terrain.account.PasswordHasher;
import fr.terrain.account.Passwords;
import fr.terrain.account.Permission;
import fr.terrain.account.Role;
import fr.terrain.account.Secrets;
import fr.terrain.election.SectorCodes;
import fr.terrain.election.SectorNames;
import fr.terrain.field.Suggestions;
import fr.terrain.field.WeeklySlot;
import fr.terrain.json.JsonSyntax;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.Accounts;
import fr.terrain.store.AuditLog;
import fr.terrain.store.InvitationLinks;
import fr.terrain.store.LoginAttempts;
import fr.terrain.store.Store;
import fr.terrain.store.StoreException;
import fr.terrain.store.Volunteers;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Volunteers (issue 7, item 4): invitation links and the page that turns one into an account,
 * teams, weekly availability, the organizer's team page and the assignment page with its
 * suggestions. Organizers see the volunteers and turfs of their sectors; directors and
 * administrators see all. Reading volunteers' profiles is written to the audit log.
 */
final class VolunteerRoutes {
    static final String INVITATION = "/invitation/{token}";
    static final String INVITATION_CSRF_COOKIE = "terrain_invitation_csrf";
    /** Markers under which bad invitation tokens are counted with sign-in failures (same lockout). */
    static final String INVITATION_ATTEMPT = "(invitation)";
    static final int MAX_SLOTS = 50;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH)
            .withZone(PARIS);

    private final Store store;
    private final WebSessions sessions;
    private final PasswordHasher hasher;
    private final SectorNameCache sectorNames;

    VolunteerRoutes(Store store, WebSessions sessions, PasswordHasher hasher, SectorNameCache sectorNames) {
        this.store = store;
        this.sessions = sessions;
        this.hasher = hasher;
        this.sectorNames = sectorNames;
    }

    static List<WebRoute> routes(Store store, SectorNameCache sectorNames) {
        return new VolunteerRoutes(store, new WebSessions(store, java.time.Clock.systemUTC()), PasswordHasher.standard(),
                sectorNames).routes();
    }

    List<WebRoute> routes() {
        return List.of(
                WebRoute.open(HandlerType.GET, INVITATION, this::invitationPage),
                WebRoute.open(HandlerType.POST, INVITATION, this::acceptInvitation),
                WebRoute.post("/api/field/invitations", Permission.READ_PERSONAL_DATA, this::createInvitation),
                WebRoute.get("/api/field/teams", Permission.READ_PERSONAL_DATA, this::teams),
                WebRoute.post("/api/field/teams", Permission.READ_PERSONAL_DATA, this::addTeam),
                WebRoute.get("/api/field/volunteers", Permission.READ_PERSONAL_DATA, this::volunteers),
                put("/api/field/volunteers/{id}/team", Permission.READ_PERSONAL_DATA, this::setTeam),
                WebRoute.get("/api/field/suggestions", Permission.READ_PERSONAL_DATA, this::suggestions),
                WebRoute.get("/api/field/me", Permission.CANVASS_OWN_TURFS, this::me),
                put("/api/field/me", Permission.CANVASS_OWN_TURFS, this::setMe),
                WebRoute.get("/terrain/equipes", Permission.READ_PERSONAL_DATA, ctx -> Pages.send(ctx, "equipes.html")),
                WebRoute.get("/terrain/affectation", Permission.READ_PERSONAL_DATA, ctx -> Pages.send(ctx, "affectation.html")),
                WebRoute.get("/terrain/disponibilites", Permission.CANVASS_OWN_TURFS,
                        ctx -> Pages.send(ctx, "disponibilites.html")));
    }

    static WebRoute put(String path, Permission permission, io.javalin.http.Handler handler) {
        return new WebRoute(HandlerType.PUT, path, Optional.of(permission), handler);
    }

    /** The sectors an account works in: empty for roles that see them all. */
    static Optional<Set<Integer>> scope(Account a) {
        return a.role().seesAllSectors() ? Optional.empty() : Optional.of(a.sectors());
    }

    // ---- the invitation link ----

    private void invitationPage(Context ctx) {
        if (limited(ctx)) {
            return;
        }
        String token = ctx.pathParam("token");
        InvitationLinks.Invitation invitation;
        try {
            invitation = InvitationLinks.usable(store, hash(token), sessions.now());
        } catch (InvitationLinks.Refused e) {
            // said first, signed in or not: « sign out, then open the link again » would lead to this refusal
            refuse(ctx, e.refusal());
            return;
        }
        if (signedIn(ctx)) {
            return;
        }
        showForm(ctx, 200, invitation, "", "", "");
    }

    private void acceptInvitation(Context ctx) {
        if (signedIn(ctx) || limited(ctx)) {
            return;
        }
        String token = ctx.pathParam("token");
        Instant now = sessions.now();
        InvitationLinks.Invitation invitation;
        try {
            invitation = InvitationLinks.usable(store, hash(token), now);
        } catch (InvitationLinks.Refused e) {
            refuse(ctx, e.refusal());
            return;
        }
        String name = field(ctx, "name");
        String display = field(ctx, "display_name");
        String shownName = name.length() > 64 ? "" : name;
        String shownDisplay = display.length() > 100 ? "" : display;
        if (!Secrets.constantTimeEquals(ctx.formParam("_csrf"), ctx.cookie(INVITATION_CSRF_COOKIE))) {
            showForm(ctx, 403, invitation, shownName, shownDisplay, "Le formulaire a expiré : réessayez.");
            return;
        }
        String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
        String problem = null;
        try {
            Account.of(name, invitation.role(), invitation.sectors());
        } catch (IllegalArgumentException e) {
            problem = "Nom d'utilisateur invalide : 1 à 64 lettres, chiffres, point, tiret, _ ou @, sans espace.";
        }
        if (problem == null && (display.isEmpty() || display.length() > 100 || display.codePoints().anyMatch(Character::isISOControl))) {
            problem = "Indiquez le nom que verra votre organisateur (100 caractères au plus).";
        }
        if (problem == null && !password.equals(ctx.formParam("password2"))) {
            problem = "Les deux mots de passe diffèrent.";
        }
        if (problem == null) {
            try {
                Passwords.check(password, name);
            } catch (IllegalArgumentException e) {
                // Passwords' messages begin "mot de passe …": capitalised, they read as a sentence on their own
                problem = Character.toUpperCase(e.getMessage().charAt(0)) + e.getMessage().substring(1) + ".";
            }
        }
        if (problem != null) {
            showForm(ctx, 400, invitation, shownName, shownDisplay, problem);
            return;
        }
        AccountRecord user;
        try {
            user = InvitationLinks.accept(store, hash(token), name, display, hasher.hash(password), now);
        } catch (InvitationLinks.Refused e) {
            if (e.refusal() == InvitationLinks.Refusal.NAME_TAKEN) {
                showForm(ctx, 409, invitation, "", shownDisplay, e.getMessage());
            } else {
                refuse(ctx, e.refusal());
            }
            return;
        }
        LoginAttempts.record(store, name, ClientAddress.of(ctx), true, now);
        sessions.open(ctx, user);
        Cookies.clear(ctx, INVITATION_CSRF_COOKIE, "/invitation/");
        ctx.status(303).header("Location", "/terrain/disponibilites?bienvenue");
    }

    private static String field(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v.strip();
    }

    /** A signed-in browser may not take an invitation: it would sign up as someone while being someone else. */
    private boolean signedIn(Context ctx) {
        Optional<Account> me = CurrentUser.find(ctx);
        if (me.isEmpty()) {
            return false;
        }
        ctx.header("Cache-Control", "no-store");
        ctx.status(409).contentType(ContentType.TEXT_HTML).result(Replies.message(
                "Déjà connecté·e", "Vous êtes connecté·e en tant que « " + me.get().name() + " ». Pour accepter"
                        + " cette invitation, déconnectez-vous d'abord, puis rouvrez le lien.", true));
        return true;
    }

    /** Guessing links is slowed down like guessing passwords: the same count of failures per address. */
    private boolean limited(Context ctx) {
        Instant now = sessions.now();
        if (LoginAttempts.recentFailuresFrom(store, ClientAddress.of(ctx), now.minus(AuthRoutes.LOCKOUT)) < AuthRoutes.MAX_FAILURES_PER_ADDRESS) {
            return false;
        }
        ctx.header("Retry-After", String.valueOf(AuthRoutes.LOCKOUT.toSeconds()));
        ctx.status(429).contentType(ContentType.TEXT_HTML).result(Replies.message(
                "Trop de tentatives", "Trop de tentatives depuis cette adresse : réessayez dans "
                        + AuthRoutes.LOCKOUT.toMinutes() + " minutes.", true));
        return true;
    }

    private void refuse(Context ctx, InvitationLinks.Refusal refusal) {
        LoginAttempts.record(store, INVITATION_ATTEMPT, ClientAddress.of(ctx), false, sessions.now());
        int status = refusal == InvitationLinks.Refusal.UNKNOWN ? 404 : 410;
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).contentType(ContentType.TEXT_HTML).result(Replies.message(
                "Lien d'invitation refusé", refusal.message(), true));
    }

    private void showForm(Context ctx, int status, InvitationLinks.Invitation i, String name, String display, String error) {
        String csrf = Secrets.randomToken(32);
        Cookies.set(ctx, INVITATION_CSRF_COOKIE, csrf, "/invitation/", Duration.ofHours(2), "Strict");
        // the team line is the one value put in as markup: its name is escaped here
        String team = i.teamId().flatMap(id -> Volunteers.team(store, id))
                .map(t -> "<br>Équipe : <strong>" + Replies.escape(t.name()) + "</strong>").orElse("");
        ctx.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
        String html = Replies.page("invitation.html", Map.of("csrf", csrf, "role", roleLabel(i.role()),
                "sectors", sectorNames.list(i.sectors()),
                "expires", SHOWN.format(i.expiresAt()), "name", name, "display", display, "error", error,
                "hidden", error.isEmpty() ? "hidden" : ""));
        html = html.replace("{{team}}", team);
        ctx.status(status).contentType(ContentType.TEXT_HTML).result(html);
    }

    static String roleLabel(Role role) {
        return switch (role) {
            case CANVASSER -> "militant·e de porte-à-porte";
            case ORGANIZER -> "organisateur·rice de secteur";
            default -> role.label();
        };
    }

    /** The SHA-256 of a link's token; a value no link could hold hashes to nothing stored. */
    static String hash(String token) {
        if (token == null || token.length() > 100 || !token.matches("[A-Za-z0-9_-]+")) {
            return "-";
        }
        return Secrets.sha256(token);
    }

    // ---- invitations, teams, volunteers (organizers) ----

    private void createInvitation(Context ctx) {
        Account me = CurrentUser.of(ctx);
        JsonNode body = body(ctx);
        if (body == null) {
            return;
        }
        Role role = Role.find(body.path("role").asText("")).orElse(null);
        if (role == null) {
            Replies.error(ctx, 400, "role : canvasser ou organizer attendu");
            return;
        }
        Set<Integer> sectors = new TreeSet<>();
        try {
            for (JsonNode s : body.path("sectors")) {
                sectors.add(sector(s));
            }
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, "secteurs : " + e.getMessage());
            return;
        }
        int days = body.path("days").asInt(7);
        Optional<String> team = body.hasNonNull("team") ? Optional.of(body.get("team").asText()) : Optional.empty();
        String base = Invites.publicUrl().orElse((Cookies.secure(ctx) ? "https" : "http") + "://" + ctx.host());
        Invites.Issued issued;
        try {
            issued = Invites.issue(store, sectorNames::of, me, me.name(), role, sectors, team, days, base,
                    sessions.now());
        } catch (IllegalArgumentException | StoreException e) {
            Replies.error(ctx, e instanceof fr.terrain.account.InvitationRules.Beyond ? 403 : 400, e.getMessage());
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", issued.invitation().id());
        out.put("link", issued.link());
        out.put("role", role.label());
        out.put("sectors", issued.invitation().sectors());
        out.put("team", issued.team().map(this::team).orElse(null));
        out.put("expires_at", issued.invitation().expiresAt().toString());
        out.put("qr_svg", QrImages.svg(issued.link()));
        ctx.header("Cache-Control", "no-store");
        ctx.status(201).contentType(ContentType.APPLICATION_JSON).result(Json.compact(out));
    }

    private void teams(Context ctx) {
        Account me = CurrentUser.of(ctx);
        List<Volunteers.Team> teams = Volunteers.teams(store, scope(me));
        SectorNames names = sectorNames.of(teams.stream().map(Volunteers.Team::arrondissement).toList());
        json(ctx, teams.stream().map(t -> team(t, names)).toList());
    }

    private void addTeam(Context ctx) {
        Account me = CurrentUser.of(ctx);
        JsonNode body = body(ctx);
        if (body == null) {
            return;
        }
        int arrondissement;
        try {
            arrondissement = sector(body.path("arrondissement"));
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, "arrondissement : " + e.getMessage());
            return;
        }
        if (!me.seesSector(arrondissement)) {
            Replies.error(ctx, 403, "hors de vos secteurs : " + sectorNames.name(arrondissement));
            return;
        }
        try {
            Volunteers.Team t = Volunteers.addTeam(store, body.path("name").asText(""), arrondissement, sessions.now(), me.name());
            ctx.status(201).contentType(ContentType.APPLICATION_JSON).result(Json.compact(team(t)));
        } catch (StoreException e) {
            Replies.error(ctx, 400, e.getMessage());
        }
    }

    private void volunteers(Context ctx) {
        Account me = CurrentUser.of(ctx);
        List<Volunteers.Volunteer> list = Volunteers.list(store, scope(me));
        AuditLog.append(store, me.name(), "volunteers.view", "volunteers", list.size(),
                sectorNames.scope(me));
        ctx.header("Cache-Control", "no-store");
        SectorNames names = sectorNames.of(list.stream().flatMap(v -> v.team().stream())
                .map(Volunteers.Team::arrondissement).toList());
        json(ctx, list.stream().map(v -> volunteer(v.seenFrom(scope(me)), names)).toList());
    }

    private void setTeam(Context ctx) {
        Account me = CurrentUser.of(ctx);
        Optional<Volunteers.Volunteer> v = visibleVolunteer(ctx, me);
        if (v.isEmpty()) {
            return;
        }
        JsonNode body = body(ctx);
        if (body == null) {
            return;
        }
        Optional<Long> teamId = Optional.empty();
        if (body.hasNonNull("team_id")) {
            if (!body.get("team_id").canConvertToLong()) {
                Replies.error(ctx, 400, "team_id : numéro d'équipe ou null attendu");
                return;
            }
            // a team of another sector is answered as one that does not exist: its existence is not the caller's to learn
            Optional<Volunteers.Team> t = Volunteers.team(store, body.get("team_id").asLong())
                    .filter(x -> me.seesSector(x.arrondissement()));
            if (t.isEmpty()) {
                Replies.error(ctx, 404, "équipe inconnue dans vos secteurs : n° " + body.get("team_id").asLong());
                return;
            }
            teamId = Optional.of(t.get().id());
        }
        Volunteers.setTeam(store, v.get().userId(), teamId, sessions.now(), me.name());
        json(ctx, volunteer(Volunteers.find(store, v.get().userId()).orElseThrow().seenFrom(scope(me))));
    }

    private Optional<Volunteers.Volunteer> visibleVolunteer(Context ctx, Account me) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            Replies.error(ctx, 400, "numéro de bénévole invalide : " + ctx.pathParam("id"));
            return Optional.empty();
        }
        Optional<Volunteers.Volunteer> v = Volunteers.find(store, id).filter(x -> x.within(scope(me)));
        if (v.isEmpty()) {
            Replies.error(ctx, 404, "bénévole inconnu dans vos secteurs : n° " + id);
        }
        return v;
    }

    private void suggestions(Context ctx) {
        Account me = CurrentUser.of(ctx);
        Optional<Set<Integer>> scope = scope(me);
        List<Suggestions.OpenTurf> open = Volunteers.openTurfs(store, scope);
        List<Volunteers.Volunteer> people = Volunteers.list(store, scope).stream().filter(v -> !v.disabled()).toList();
        Map<Long, Volunteers.Volunteer> byId = people.stream().collect(Collectors.toMap(Volunteers.Volunteer::userId,
                Function.identity()));
        // a volunteer is offered only the turfs of the organizer's own sectors
        List<Suggestions.Volunteer> candidates = people.stream().map(v -> {
            Suggestions.Volunteer s = v.forSuggestion();
            Set<Integer> sectors = scope.map(sc -> s.sectors().stream().filter(sc::contains).collect(Collectors.toSet()))
                    .orElse(s.sectors());
            return new Suggestions.Volunteer(s.userId(), sectors, s.home(), s.slots(), s.turfsHeld(), s.minutesHeld());
        }).toList();
        List<Suggestions.Suggestion> suggested = Suggestions.suggest(open, candidates);
        Set<Long> covered = suggested.stream().map(Suggestions.Suggestion::turfId).collect(Collectors.toSet());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Suggestions.Suggestion s : suggested) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("turf_id", s.turfId());
            row.put("user_id", s.userId());
            row.put("display_name", byId.get(s.userId()).displayName());
            row.put("distance_metres", s.distanceMetres().isPresent() ? Math.round(s.distanceMetres().getAsDouble()) : null);
            rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("suggestions", rows);
        out.put("without_suggestion", open.stream().map(Suggestions.OpenTurf::id).filter(id -> !covered.contains(id)).toList());
        ctx.header("Cache-Control", "no-store");
        json(ctx, out);
    }

    // ---- the volunteer's own profile ----

    private void me(Context ctx) {
        Account me = CurrentUser.of(ctx);
        Optional<Volunteers.Volunteer> v = Accounts.find(store, me.name()).flatMap(u -> Volunteers.find(store, u.id()));
        if (v.isEmpty()) {
            Replies.error(ctx, 404, "pas de profil de bénévole pour ce compte");
            return;
        }
        ctx.header("Cache-Control", "no-store");
        json(ctx, volunteer(v.get()));
    }

    private void setMe(Context ctx) {
        Account me = CurrentUser.of(ctx);
        JsonNode body = body(ctx);
        if (body == null) {
            return;
        }
        List<WeeklySlot> slots = new ArrayList<>();
        JsonNode list = body.path("availability");
        if (!list.isArray() || list.size() > MAX_SLOTS) {
            Replies.error(ctx, 400, "availability : liste de créneaux {day, start, end} attendue (" + MAX_SLOTS + " au plus)");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String where = "availability[" + i + "]";
            int day = s.path("day").asInt(0);
            if (day < 1 || day > 7) {
                Replies.error(ctx, 400, where + ".day : jour de 1 (lundi) à 7 (dimanche) attendu");
                return;
            }
            try {
                slots.add(new WeeklySlot(DayOfWeek.of(day), time(s, "start", where), time(s, "end", where)));
            } catch (IllegalArgumentException e) {
                Replies.error(ctx, 400, where + " : " + e.getMessage());
                return;
            }
        }
        Optional<Suggestions.Point> home = Optional.empty();
        JsonNode h = body.path("home");
        if (!h.isMissingNode() && !h.isNull()) {
            if (!h.path("lon").isNumber() || !h.path("lat").isNumber()) {
                Replies.error(ctx, 400, "home : {lon, lat} en degrés attendu, ou null");
                return;
            }
            try {
                home = Optional.of(new Suggestions.Point(h.get("lon").asDouble(), h.get("lat").asDouble()));
            } catch (IllegalArgumentException e) {
                Replies.error(ctx, 400, "home : " + e.getMessage());
                return;
            }
        }
        AccountRecord user = Accounts.find(store, me.name()).orElseThrow();
        try {
            if (!Volunteers.setAvailability(store, user.id(), slots, home, sessions.now())) {
                Replies.error(ctx, 404, "pas de profil de bénévole pour ce compte");
                return;
            }
        } catch (StoreException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        json(ctx, volunteer(Volunteers.find(store, user.id()).orElseThrow()));
    }

    private static LocalTime time(JsonNode slot, String field, String where) {
        String text = slot.path(field).asText("");
        try {
            if (!text.matches("\\d{2}:\\d{2}")) {
                throw new DateTimeParseException("", text, 0);
            }
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " : heure invalide « " + text + " » (HH:MM attendu)");
        }
    }

    /**
     * A sector as the pages send it: text as the user typed it (« 12 », « 2A004 », read by {@link SectorCodes#parse}),
     * or a number (12, 29039; 1001 for the commune 01001: {@link SectorCodes#read}).
     *
     * @throws IllegalArgumentException in French, saying what to write (« « 75112 » est Paris 12e : écrivez 12 »)
     */
    private static int sector(JsonNode value) {
        if (value.isTextual()) {
            return SectorCodes.parse(value.asText());
        }
        if (value.isIntegralNumber()) {
            return SectorCodes.read(value.asText());
        }
        if (value.isMissingNode() || value.isNull()) {
            throw new IllegalArgumentException("manquant : " + SectorCodes.SPELLING + " attendu");
        }
        return SectorCodes.parse(value.toString()); // 12.5, true, [12]: refused, quoted as sent
    }

    // ---- JSON ----

    private Map<String, Object> team(Volunteers.Team t) {
        return team(t, sectorNames.of(List.of(t.arrondissement())));
    }

    /** @param names names of the commune sectors among the teams shown, one look-up for them all (ADR 0032) */
    private static Map<String, Object> team(Volunteers.Team t, SectorNames names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("arrondissement", t.arrondissement());
        m.put("sector_name", names.brief(t.arrondissement())); // « 12e », « Concarneau (29039) »
        return m;
    }

    private Map<String, Object> volunteer(Volunteers.Volunteer v) {
        return volunteer(v, sectorNames.of(v.team().stream().map(Volunteers.Team::arrondissement).toList()));
    }

    private static Map<String, Object> volunteer(Volunteers.Volunteer v, SectorNames names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.userId());
        m.put("login", v.account().name());
        m.put("role", v.account().role().label());
        m.put("display_name", v.displayName());
        m.put("sectors", v.sectors());
        m.put("team", v.team().map(t -> team(t, names)).orElse(null));
        m.put("home", v.home().map(p -> {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("lon", p.lon());
            h.put("lat", p.lat());
            return h;
        }).orElse(null));
        m.put("availability", v.slots().stream().map(s -> {
            Map<String, Object> slot = new LinkedHashMap<>();
            slot.put("day", s.day().getValue());
            slot.put("start", s.start().toString());
            slot.put("end", s.end().toString());
            return slot;
        }).toList());
        m.put("turfs_held", v.turfsHeld());
        m.put("minutes_held", Math.round(v.minutesHeld()));
        m.put("disabled", v.disabled());
        return m;
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType(ContentType.APPLICATION_JSON).result(Json.compact(value));
    }

    /** The request's JSON object, or null after answering 400. */
    private static JsonNode body(Context ctx) {
        try {
            JsonNode node = Json.MAPPER.readTree(ctx.body());
            if (node == null || !node.isObject()) {
                Replies.error(ctx, 400, "corps JSON (objet) attendu");
                return null;
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            Replies.error(ctx, 400, "corps JSON illisible, " + JsonSyntax.located(e));
            return null;
        }
    }
}
