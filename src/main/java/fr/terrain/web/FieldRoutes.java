package fr.terrain.web;

import static fr.terrain.account.Permission.CANVASS_OWN_TURFS;
import static fr.terrain.account.Permission.READ_AGGREGATES;
import static fr.terrain.account.Permission.READ_PERSONAL_DATA;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.account.Account;
import fr.terrain.account.Permission;
import fr.terrain.election.SectorNames;
import fr.terrain.field.DoorOutcome;
import fr.terrain.field.OutcomeReport;
import fr.terrain.field.Tally;
import fr.terrain.field.TurfScope;
import fr.terrain.privacy.CanvassNotice;
import fr.terrain.store.AuditLog;
import fr.terrain.store.ConsentLedger;
import fr.terrain.store.FieldStore;
import fr.terrain.store.Store;
import fr.terrain.store.Volunteers;
import fr.terrain.store.StoreException;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The field API (contract: docs/field.md, "API"): a canvasser's turfs, the outcomes phones sync,
 * assignment, and headquarters progress with its live stream and page.
 */
public final class FieldRoutes {
    static final List<String> TOPIC_LABELS = fr.terrain.ingest.TargetingFiles.defaultTopicRules().topics().stream()
            .map(fr.terrain.targeting.TopicRules.Topic::label).toList();

    /**
     * « Autre sujet », the page's choice for a conversation about none of the campaign's topics: a fixed word, not a
     * note, which topic feedback ({@code FieldTopics}) leaves aside since no rule has it.
     */
    static final String OTHER_TOPIC = "autre";

    /** A phone clock this close to the server's is taken as right: the difference is the time the batch took. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(2);

    private final Store store;
    private final FieldEvents events;
    /** The communes' names of the turfs' sectors, shared with the other pages that show sectors. */
    final SectorNameCache sectorNames;

    public FieldRoutes(Store store) {
        this.store = store;
        this.events = new FieldEvents();
        this.sectorNames = new SectorNameCache(store);
    }

    /** Ends the headquarters' live streams (the server is stopping; their pages reconnect to the next one). */
    void closeStreams() {
        events.closeAll();
    }

    public List<WebRoute> routes() {
        return List.of(
                WebRoute.get("/api/field/turfs", CANVASS_OWN_TURFS, this::turfs),
                WebRoute.get("/api/field/turfs/{id}", CANVASS_OWN_TURFS, this::turf),
                WebRoute.get("/api/field/turfs/{id}/feuille.pdf", CANVASS_OWN_TURFS, this::walkList),
                WebRoute.get("/api/field/notice", CANVASS_OWN_TURFS, this::notice),
                WebRoute.post("/api/field/outcomes", CANVASS_OWN_TURFS, this::outcomes),
                WebRoute.post("/api/field/corrections", CANVASS_OWN_TURFS, this::corrections),
                new WebRoute(HandlerType.PUT, "/api/field/turfs/{id}/assignee", Optional.of(READ_PERSONAL_DATA), this::assign),
                WebRoute.get("/api/field/progress", READ_AGGREGATES, this::progress),
                WebRoute.get("/api/field/progress.csv", READ_AGGREGATES, this::progressCsv),
                WebRoute.get("/api/field/progress/stream", READ_AGGREGATES, this::stream),
                WebRoute.get("/terrain/progression", READ_AGGREGATES, ctx -> Pages.send(ctx, "progression.html")));
    }

    /** The caller's scope: an account without a row (impossible once signed in) sees nothing. */
    private Caller caller(Context ctx) {
        Account a = CurrentUser.of(ctx);
        long id = userId(store, a);
        return new Caller(a, id, TurfScope.of(a, id));
    }

    /** The account's row id (a signed-in account without one, disabled meanwhile, is refused). */
    static long userId(Store store, Account a) {
        return FieldStore.userId(store, a.name()).orElseThrow(() -> new ForbiddenResponse("compte inconnu ou désactivé"));
    }

    private record Caller(Account account, long id, TurfScope scope) {}

    private void turfs(Context ctx) {
        List<FieldStore.SavedTurf> turfs = FieldStore.turfs(store, caller(ctx).scope());
        SectorNames names = sectorNames.of(turfs.stream().map(FieldStore.SavedTurf::arrondissement).toList());
        Replies.json(ctx, turfs.stream().map(t -> turfJson(t, names)).toList());
    }

    private void turf(Context ctx) {
        Caller c = caller(ctx);
        long id = id(ctx);
        FieldStore.TurfDetail d = FieldStore.turf(store, c.scope(), id)
                .orElseThrow(() -> new NotFoundResponse("tournée n° " + id + " introuvable"));
        // the doors are the addresses of the list's households (no names): a view of personal data
        AuditLog.append(store, c.account().name(), "field.turf.view", "turf:" + id, d.doors().size(),
                "portes de la tournée (adresses et nombre d'électeurs, sans nom)");
        Map<String, Object> m = turfJson(d.turf());
        m.put("doors", d.doors().stream().map(door -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("position", door.position());
            o.put("door_id", door.doorId());
            o.put("label", door.label());
            o.put("lon", degrees(door.lon()));
            o.put("lat", degrees(door.lat()));
            o.put("voters", door.voters());
            o.put("station", door.station());
            return o;
        }).toList());
        m.put("outcomes", d.outcomes().stream().map(o -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("client_id", o.clientId());
            x.put("door_id", o.doorId());
            x.put("outcome", o.outcome());
            x.put("topic", o.topic());
            x.put("recorded_at", o.recordedAt().toString());
            return x;
        }).toList());
        Replies.json(ctx, m);
    }

    /**
     * The saved turf's walk list (the PDF {@code terrain turfs --pdf} prints), for the turfs the caller may see:
     * never a name (printing names stays a command-line decision, audited there); audited as a view of its doors.
     */
    private void walkList(Context ctx) {
        Caller c = caller(ctx);
        long id = id(ctx);
        FieldStore.TurfDetail d = FieldStore.turf(store, c.scope(), id)
                .orElseThrow(() -> new NotFoundResponse("tournée n° " + id + " introuvable"));
        byte[] pdf = WalkListPdf.bytes(sheet(store, d, ConsentLedger.canvassNotice(store,
                ComplianceRoutes.settings(store).identity())));
        AuditLog.append(store, c.account().name(), "voters.walk-list", "turf:" + id, d.doors().size(),
                "feuille de route PDF de la tournée " + d.turf().number() + " du plan « " + d.turf().plan()
                        + " » (adresses et nombre d'électeurs, sans nom)");
        pdf(ctx, "tournee-" + id + ".pdf", pdf);
    }

    /** A saved turf's sheet, printed today, without names. */
    static WalkListPdf.Sheet sheet(Store store, FieldStore.TurfDetail d, CanvassNotice notice) {
        FieldStore.Printable p = FieldStore.printable(store, d);
        return new WalkListPdf.Sheet(p.turf(), p.contest(), p.topic(), notice, Map.of(),
                LocalDate.now(ZoneId.of("Europe/Paris")), p.plan());
    }

    static void pdf(Context ctx, String fileName, byte[] pdf) {
        ctx.header("Cache-Control", "no-store").header("Content-Disposition", "inline; filename=\"" + fileName + "\"")
                .contentType("application/pdf").result(pdf);
    }

    private Map<String, Object> turfJson(FieldStore.SavedTurf t) {
        return turfJson(t, sectorNames.of(List.of(t.arrondissement())));
    }

    /**
     * @param names names of the commune sectors among the turfs shown, one look-up for them all (ADR 0032): the
     *     canvassing page keeps this JSON for offline use, so the turf carries its sector's name
     */
    private static Map<String, Object> turfJson(FieldStore.SavedTurf t, SectorNames names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("plan", t.plan());
        m.put("number", t.number());
        m.put("arrondissement", t.arrondissement());
        m.put("sector_name", names.brief(t.arrondissement())); // « 12e », « Concarneau (29039) »
        m.put("stations", t.stations());
        m.put("door_count", t.doorCount());
        m.put("voters", t.voters());
        m.put("walking_metres", t.walkingMetres());
        m.put("minutes", t.minutes());
        m.put("topic", t.topic());
        // the campaign's topics, for the canvassing page's "topic discussed" (what resonated feeds targeting)
        m.put("topics", TOPIC_LABELS);
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("label", t.startLabel());
        start.put("lon", degrees(t.startLon()));
        start.put("lat", degrees(t.startLat()));
        m.put("start", start);
        if (t.assigneeId() == null) {
            m.put("assigned_to", null);
        } else {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", t.assigneeId());
            a.put("name", t.assigneeName());
            a.put("login", t.assigneeLogin()); // what /api/me calls name: the page knows its own turfs by it
            m.put("assigned_to", a);
        }
        m.put("done", t.done());
        return m;
    }

    /** Six decimals: about 10 cm, as {@code terrain turfs --json} writes them. */
    private static double degrees(double d) {
        return Math.round(d * 1e6) / 1e6;
    }

    /**
     * The notice canvassers read before noting an opinion. None registered is an answer, not an error (the phone keeps
     * it offline and says why no opinion can be noted): {@code version} and {@code text} null, {@code reason} saying
     * how to register one.
     */
    private void notice(Context ctx) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        FieldStore.canvassNotice(store).ifPresentOrElse(n -> {
            m.put("version", n.version());
            m.put("text", n.text());
        }, () -> {
            m.put("version", null);
            m.put("text", null);
            m.put("reason", "aucune mention d'information pour recueillir une opinion au porte-à-porte (terrain consent"
                    + " notice VERSION --channel canvass-opinion --file mention.txt) : les champs d'opinion restent"
                    + " verrouillés");
        });
        Replies.json(ctx, m);
    }

    /** The request's JSON body (null when empty). */
    private static JsonNode body(Context ctx) {
        return Replies.readBody(ctx.body());
    }

    /** The body's array {@code field} of at most {@link FieldStore#MAX_BATCH} items, each item of {@code shape}. */
    private static JsonNode batch(JsonNode body, String field, String shape) {
        JsonNode items = body == null ? null : body.get(field);
        if (items == null || !items.isArray()) {
            throw new BadRequestResponse(field + " : tableau attendu, {\"" + field + "\": [{" + shape + "}]}");
        }
        if (items.size() > FieldStore.MAX_BATCH) {
            throw new BadRequestResponse(field + " : au plus " + FieldStore.MAX_BATCH + " par envoi, reçu " + items.size());
        }
        return items;
    }

    private void outcomes(Context ctx) {
        Caller c = caller(ctx);
        JsonNode body = body(ctx);
        JsonNode items = batch(body, "outcomes", "client_id, turf_id, door_id, outcome, recorded_at…");
        Instant received = Instant.now();
        Duration lag = phoneClockLag(body, received);
        List<FieldStore.Result> results = new ArrayList<>();
        List<OutcomeReport> valid = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        Set<Long> turfIds = new TreeSet<>();
        for (JsonNode item : items) {
            if (item != null && item.path("turf_id").canConvertToLong()) {
                turfIds.add(item.get("turf_id").asLong());
            }
        }
        Map<Long, FieldStore.TurfFacts> turfs = FieldStore.facts(store, turfIds);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            try {
                OutcomeReport r = report(item);
                checkTopic(r, turfs.get(r.turfId()));
                valid.add(corrected(r, lag));
                where.add(i);
                results.add(null);
            } catch (IllegalArgumentException e) {
                String clientId = item.hasNonNull("client_id") ? item.get("client_id").asText() : null;
                results.add(new FieldStore.Result(clientId, FieldStore.Status.REJECTED, "outcomes[" + i + "] : "
                        + e.getMessage(), false));
            }
        }
        List<FieldStore.Result> recorded = FieldStore.record(store, c.scope(), c.id(), c.account().name(), valid,
                received);
        List<Long> storedTurfs = new ArrayList<>();
        for (int k = 0; k < recorded.size(); k++) {
            results.set(where.get(k), recorded.get(k));
            if (recorded.get(k).status() == FieldStore.Status.STORED) {
                storedTurfs.add(valid.get(k).turfId());
            }
        }
        if (!storedTurfs.isEmpty()) {
            // the live stream tells each page of its own sectors only
            Map<Integer, Integer> byArrondissement = new TreeMap<>();
            storedTurfs.forEach(t -> byArrondissement.merge(turfs.get(t).arrondissement(), 1, Integer::sum));
            events.stored(byArrondissement);
        }
        Replies.json(ctx, Map.of("results", results.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("client_id", r.clientId());
            m.put("status", r.status().name().toLowerCase(Locale.ROOT));
            if (r.error() != null) {
                m.put("error", r.error());
            }
            m.put("duplicate_door", r.duplicateDoor());
            return m;
        }).toList()));
    }

    /**
     * « Corriger la dernière porte » (docs/field.md, "Corrections"): {@code {"sent_at", "corrections": [{client_id,
     * corrects, recorded_at}]}}, one answer per item as for outcomes ({@code stored} = the outcome is now superseded,
     * {@code already}, {@code rejected} with the reason in French, which the page shows).
     */
    private void corrections(Context ctx) {
        Caller c = caller(ctx);
        JsonNode body = body(ctx);
        JsonNode items = batch(body, "corrections", "client_id, corrects, recorded_at");
        Instant received = Instant.now();
        Duration lag = phoneClockLag(body, received);
        List<FieldStore.Result> results = new ArrayList<>();
        List<FieldStore.Correction> valid = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            try {
                if (item == null || !item.isObject()) {
                    throw new IllegalArgumentException("objet attendu");
                }
                Instant at = instant(text(item, "recorded_at", true), "recorded_at");
                valid.add(new FieldStore.Correction(text(item, "client_id", true), text(item, "corrects", true),
                        lag.isZero() ? at : at.plus(lag)));
                where.add(i);
                results.add(null);
            } catch (IllegalArgumentException e) {
                String clientId = item != null && item.hasNonNull("client_id") ? item.get("client_id").asText() : null;
                results.add(new FieldStore.Result(clientId, FieldStore.Status.REJECTED, "corrections[" + i + "] : "
                        + e.getMessage(), false));
            }
        }
        List<FieldStore.Corrected> done = FieldStore.correct(store, c.id(), c.account().name(), valid, received);
        Map<Integer, Integer> byArrondissement = new TreeMap<>();
        for (int k = 0; k < done.size(); k++) {
            results.set(where.get(k), done.get(k).result());
            if (done.get(k).arrondissement() != null) {
                byArrondissement.merge(done.get(k).arrondissement(), 1, Integer::sum);
            }
        }
        if (!byArrondissement.isEmpty()) {
            events.stored(byArrondissement); // progress changed: the pages read it again
        }
        Replies.json(ctx, Map.of("results", results.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("client_id", r.clientId());
            m.put("status", r.status().name().toLowerCase(Locale.ROOT));
            if (r.error() != null) {
                m.put("error", r.error());
            }
            return m;
        }).toList()));
    }

    /**
     * How far behind the server's clock the phone's is (negative: ahead), from the batch's {@code sent_at}, the phone's
     * clock when it sent the batch; zero without it, or within {@link #CLOCK_TOLERANCE} (the time the request took).
     */
    static Duration phoneClockLag(JsonNode body, Instant received) {
        JsonNode sent = body.get("sent_at");
        if (sent == null || sent.isNull()) {
            return Duration.ZERO;
        }
        if (!sent.isTextual()) {
            throw new BadRequestResponse("sent_at : date ISO 8601 en UTC attendue, par ex. 2026-03-01T10:15:00Z");
        }
        Duration lag;
        try {
            lag = Duration.between(Instant.parse(sent.asText()), received);
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse("sent_at : date ISO 8601 en UTC attendue, par ex. 2026-03-01T10:15:00Z");
        }
        return lag.abs().compareTo(CLOCK_TOLERANCE) <= 0 ? Duration.ZERO : lag;
    }

    /** The phone's times of a report moved by its clock's lag: when it happened by the server's clock. */
    static OutcomeReport corrected(OutcomeReport r, Duration lag) {
        if (lag.isZero()) {
            return r;
        }
        return new OutcomeReport(r.clientId(), r.turfId(), r.doorId(), r.outcome(), r.topic(), r.supportLevel(),
                r.noticeVersion(), r.consentGivenAt() == null ? null : r.consentGivenAt().plus(lag), r.recordedAt().plus(lag));
    }

    /**
     * The topic discussed is one of the campaign's topics, the turf's own talking point or « autre », as the page offers
     * them: never free text, which would be a note about the person at the door (PRIVACY.md: no free-text notes about
     * people). A turf that does not exist is left to the store, which refuses it.
     */
    static void checkTopic(OutcomeReport r, FieldStore.TurfFacts turf) {
        if (r.topic() == null || TOPIC_LABELS.contains(r.topic()) || r.topic().equals(OTHER_TOPIC) || turf == null
                || r.topic().equals(turf.topic())) {
            return;
        }
        throw new IllegalArgumentException("topic : « " + r.topic() + " » n'est pas un sujet de la campagne (sujets : "
                + String.join(", ", TOPIC_LABELS) + (turf.topic() == null ? "" : ", ou celui de la tournée : "
                + turf.topic()) + ", ou « " + OTHER_TOPIC + " ») ; aucune note libre sur une personne");
    }

    /** One outcome of the body, or an exception naming the field at fault. */
    static OutcomeReport report(JsonNode item) {
        if (item == null || !item.isObject()) {
            throw new IllegalArgumentException("objet attendu");
        }
        String clientId = text(item, "client_id", true);
        JsonNode turf = item.get("turf_id");
        if (turf == null || !turf.canConvertToLong() || !turf.isIntegralNumber()) {
            throw new IllegalArgumentException("turf_id : numéro de tournée attendu");
        }
        String door = text(item, "door_id", true);
        String code = text(item, "outcome", true);
        DoorOutcome outcome = DoorOutcome.find(code).orElseThrow(() -> new IllegalArgumentException("outcome : « " + code
                + " » inconnu ; codes : " + DoorOutcome.codes()));
        Integer support = null;
        if (item.hasNonNull("support_level")) {
            if (!item.get("support_level").isIntegralNumber()) {
                throw new IllegalArgumentException("support_level : entier de 1 à 5");
            }
            support = item.get("support_level").asInt();
        }
        String notice = null;
        Instant given = null;
        JsonNode consent = item.get("consent");
        if (support != null && consent != null && consent.isObject()) { // a consent matters only with an opinion
            notice = text(consent, "notice_version", false);
            String at = text(consent, "given_at", false);
            given = at == null ? null : instant(at, "consent.given_at");
        }
        return new OutcomeReport(clientId, turf.asLong(), door, outcome, text(item, "topic", false), support, notice, given,
                instant(text(item, "recorded_at", true), "recorded_at"));
    }

    private static String text(JsonNode item, String field, boolean required) {
        JsonNode v = item.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException(field + " : obligatoire");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + " : texte attendu");
        }
        String s = v.asText();
        if (s.length() > 300) {
            throw new IllegalArgumentException(field + " : trop long");
        }
        return s;
    }

    private static Instant instant(String s, String field) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " : date ISO 8601 en UTC attendue, par ex. 2026-03-01T10:15:00Z");
        }
    }

    private void assign(Context ctx) {
        Caller c = caller(ctx);
        long id = id(ctx);
        JsonNode body = Replies.readBody(ctx.body());
        if (body == null || !body.isObject() || !body.has("user_id")
                || !(body.get("user_id").isNull() || body.get("user_id").isIntegralNumber())) {
            throw new BadRequestResponse("user_id : numéro de compte, ou null pour retirer l'attribution");
        }
        Long user = body.get("user_id").isNull() ? null : body.get("user_id").asLong();
        JsonNode seen = body.get("expected_user_id"); // who the page saw holding it: a change since is refused (409)
        if (seen != null && !(seen.isNull() || seen.isIntegralNumber())) {
            throw new BadRequestResponse("expected_user_id : numéro du compte qui tenait la tournée, ou null si personne");
        }
        Optional<FieldStore.Holder> expected = seen == null ? Optional.empty()
                : Optional.of(new FieldStore.Holder(seen.isNull() ? null : seen.asLong()));
        if (user != null && !c.account().role().seesAllSectors()) {
            // an organizer gives turfs to the volunteers of their sectors, as « Affectation » lists them; whether an
            // account outside exists is not theirs to learn
            Optional<Set<Integer>> sectors = Optional.of(c.account().sectors());
            if (Volunteers.find(store, user).filter(v -> v.within(sectors)).isEmpty()) {
                throw new BadRequestResponse("user_id : aucun militant n° " + user + " dans vos secteurs");
            }
        }
        boolean found;
        try {
            found = FieldStore.assign(store, c.scope(), id, user, expected, c.account().name());
        } catch (FieldStore.HolderChanged e) {
            throw new io.javalin.http.ConflictResponse(e.getMessage());
        } catch (StoreException e) {
            throw new BadRequestResponse("user_id : " + e.getMessage());
        }
        if (!found) {
            throw new NotFoundResponse("tournée n° " + id + " introuvable");
        }
        Replies.json(ctx, turfJson(FieldStore.turfs(store, c.scope()).stream().filter(t -> t.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundResponse("tournée n° " + id + " introuvable (son plan vient d'être supprimé)"))));
    }

    private void progress(Context ctx) {
        String byText = Optional.ofNullable(ctx.queryParam("by")).orElse("station");
        List<Tally> rows = progressRows(ctx, byText);
        auditVolunteers(ctx, byText, rows, false);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("by", byText);
        out.put("rows", rows.stream().map(FieldRoutes::tallyJson).toList());
        out.put("total", tallyJson(total(ctx, byText, rows)));
        Replies.json(ctx, out);
    }

    /**
     * The total line: each door once. By turf a door cut in two plans, by volunteer a door two canvassers knocked at,
     * is in two rows; the stations' rows count it once (a total of rows by volunteer read 4 doors knocked of 3).
     */
    private Tally total(Context ctx, String byText, List<Tally> rows) {
        return Tally.total("total", byText.equals("turf") || byText.equals("volunteer") ? progressRows(ctx, "station")
                : rows);
    }

    /** The first column of the progress CSV, by grouping. */
    private static final Map<String, String> GROUP_COLUMN = Map.of("station", "bureau", "sector", "secteur", "turf", "tournée",
            "volunteer", "militant");

    /**
     * The progress table as {@code ;} CSV (UTF-8), the page's columns with headers that say what each counts: doors
     * once each (« portes frappées ») or visits (every outcome noted: a door found absent then opened is one door
     * knocked and two visits), so that a spreadsheet never shows 2 outcomes for 1 door without the reason.
     */
    private void progressCsv(Context ctx) {
        String byText = Optional.ofNullable(ctx.queryParam("by")).orElse("station");
        List<Tally> rows = progressRows(ctx, byText);
        auditVolunteers(ctx, byText, rows, true);
        StringBuilder csv = new StringBuilder(GROUP_COLUMN.get(byText)).append(";portes des tournées;portes frappées (chacune une"
                + " fois);visites (chaque résultat noté);contacts (visites);refus (visites);tracts déposés (visites);absents"
                + " (visites);à revoir (visites);couverture (portes frappées / portes, %)\n");
        List<Tally> all = new ArrayList<>(rows);
        all.add(total(ctx, byText, rows));
        for (int i = 0; i < all.size(); i++) {
            Tally t = all.get(i);
            csv.append(fr.terrain.ingest.CsvCell.text(i == rows.size() ? "Total" : t.label(), ';')).append(';').append(t.doors()).append(';')
                    .append(t.knocked()).append(';').append(t.visits()).append(';').append(t.opened()).append(';')
                    .append(t.refused()).append(';').append(t.leaflets()).append(';').append(t.absent()).append(';')
                    .append(t.comeBack()).append(';')
                    .append(t.coverage() == null ? "" : String.format(Locale.FRANCE, "%.1f", 100 * t.coverage())).append('\n');
        }
        ctx.header("Cache-Control", "no-store")
                .header("Content-Disposition", "attachment; filename=\"progression-" + byText + ".csv\"")
                .contentType("text/csv; charset=utf-8").result(csv.toString());
    }

    /** Tallies by volunteer name people: who viewed or exported them goes to the audit log (PRIVACY.md), as for other personal data. */
    private void auditVolunteers(Context ctx, String byText, List<Tally> rows, boolean csv) {
        if ("volunteer".equals(byText) && !rows.isEmpty() && (csv || !viewedLately(CurrentUser.of(ctx).name(), rows.size()))) {
            AuditLog.append(store, CurrentUser.of(ctx).name(), csv ? "field.progress.volunteers.export" : "field.progress.volunteers",
                    "progress:volunteer", rows.size(), csv ? "bilans par militant exportés en CSV" : "bilans par militant consultés");
        }
    }

    /** How long one view of the tallies by volunteer stands for the page's live refreshes of it (one entry, not one per batch). */
    static final java.time.Duration VIEW_AUDITED_FOR = java.time.Duration.ofMinutes(10);

    /** Whether that account's view of at least that many volunteers' tallies is in the log within {@link #VIEW_AUDITED_FOR}. */
    private boolean viewedLately(String actor, int volunteers) {
        return AuditLog.list(store, Optional.of(Instant.now().minus(VIEW_AUDITED_FOR)), Optional.of(actor), 200).stream()
                .anyMatch(e -> e.action().equals("field.progress.volunteers") && e.records() >= volunteers);
    }

    private List<Tally> progressRows(Context ctx, String byText) {
        Account a = CurrentUser.of(ctx);
        FieldStore.By by = switch (byText) {
            case "station" -> FieldStore.By.STATION;
            case "sector" -> FieldStore.By.SECTOR;
            case "turf" -> FieldStore.By.TURF;
            case "volunteer" -> FieldStore.By.VOLUNTEER;
            default -> throw new BadRequestResponse("by : « " + byText + " » inconnu ; station, sector, turf ou volunteer");
        };
        if (by == FieldStore.By.VOLUNTEER && !a.has(Permission.READ_PERSONAL_DATA)) {
            throw new ForbiddenResponse("by : le regroupement par militant montre des données personnelles, que le rôle"
                    + " « " + a.role().frenchName() + " » ne voit pas ; regroupez par bureau, secteur ou tournée");
        }
        Set<Integer> sectors = a.role().seesAllSectors() ? Set.of() : a.sectors();
        if (!a.role().seesAllSectors() && sectors.isEmpty()) {
            sectors = Set.of(0); // an organizer without sector sees nothing
        }
        return FieldStore.progress(store, by, sectors);
    }

    static Map<String, Object> tallyJson(Tally t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", t.key());
        m.put("label", t.label());
        m.put("doors", t.doors());
        m.put("knocked", t.knocked());
        m.put("contacts", t.opened());
        m.put("refusals", t.refused());
        m.put("leaflets", t.leaflets());
        m.put("absent", t.absent());
        m.put("come_back", t.comeBack());
        m.put("visits", t.visits());
        m.put("coverage", t.coverage() == null ? null : Math.round(t.coverage() * 10_000) / 10_000.0);
        return m;
    }

    /**
     * Server-sent events: one {@code progress} event per stored batch. A client that does not ask
     * for {@code text/event-stream} (a script, a test) gets 406 instead of a stream that never ends.
     */
    private void stream(Context ctx) throws Exception {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            ctx.status(406).contentType(ContentType.APPLICATION_JSON).result(Json.write(Map.of("error",
                    "flux d'événements : envoyez Accept: text/event-stream (EventSource) ; l'état courant est à"
                            + " /api/field/progress")));
            return;
        }
        events.handler().handle(ctx);
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("tournée « " + ctx.pathParam("id") + " » introuvable");
        }
    }
}
