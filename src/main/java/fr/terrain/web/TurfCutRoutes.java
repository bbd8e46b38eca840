package fr.terrain.web;

import fr.terrain.account.Account;
import fr.terrain.account.Permission;
import fr.terrain.election.SectorCodes;
import fr.terrain.election.SectorNames;
import fr.terrain.election.StationCode;
import fr.terrain.field.AddressMatcher;
import fr.terrain.field.StationCuts;
import fr.terrain.field.Turf;
import fr.terrain.field.TurfParameters;
import fr.terrain.field.TurfScope;
import fr.terrain.ingest.TargetingFiles;
import fr.terrain.store.AuditLog;
import fr.terrain.store.ConsentLedger;
import fr.terrain.store.FieldData;
import fr.terrain.store.FieldInputs;
import fr.terrain.store.FieldStore;
import fr.terrain.store.Geography;
import fr.terrain.store.Store;
import fr.terrain.store.StoreException;
import fr.terrain.targeting.TopicRules;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * « Découper des tournées » ({@code /terrain/tournees}): an organizer chooses stations of their sectors (or
 * arrives from the targeting plan with its top stations), sees the turfs {@code terrain turfs} would cut on a
 * map, and saves them as a plan to assign; the page also lists the plans of those sectors, prints a plan's walk
 * lists in one PDF and deletes a plan nobody canvasses yet. The same inputs and cut as the command ({@link FieldInputs},
 * {@link StationCuts}); door addresses and household sizes only, never names; each cut shown or saved is
 * written to the audit log. Contract: docs/field.md, "Cutting turfs from the web".
 */
final class TurfCutRoutes {
    static final String WALK_LIST_WARNING = "/api/field/walk-lists/warning";
    static final String PAGE = "/terrain/tournees";
    /** Stations one cut may take: an arrondissement has up to ~70; all of Paris is the command's work. */
    static final int MAX_STATIONS = 150;
    /**
     * Stations the form's options list at most: a whole national REU import has 73,000 (4.7 MB, a select of 35,000
     * sectors, for the direction); above it, the page asks for one sector's stations ({@code ?sector=29039}).
     */
    static final int OPTIONS_MAX_STATIONS = 3000;
    /** {@link #OPTIONS_MAX_STATIONS}, lowered by tests to search among a few stations. */
    static volatile int optionsMaxStations = OPTIONS_MAX_STATIONS;
    /** How long a cut waits for the one before it (a whole arrondissement takes seconds of both cores). */
    private static final int WAIT_SECONDS = 60;

    private final Store store;
    private final ByDataVersion<AddressMatcher> matchers;
    private final SectorNameCache sectorNames;
    /** Every commune's newest stations, read only after an import (every row of the table: seconds, once national). */
    private final ByDataVersion<List<Geography.StationPlace>> newestStations;
    private final TopicRules rules = TargetingFiles.defaultTopicRules();
    /** One cut at a time: they use both cores, and a few at once would hold up every page. */
    private final Semaphore cutting = new Semaphore(1, true);

    private TurfCutRoutes(Store store, ByDataVersion<AddressMatcher> matchers, SectorNameCache sectorNames) {
        this.store = store;
        this.matchers = matchers;
        this.sectorNames = sectorNames;
        this.newestStations = new ByDataVersion<>(store, (s, version) -> List.copyOf(
                Geography.newestStationsByCommune(s)));
    }

    /**
     * @param matchers the BAN addresses' matcher, shared by the pages that match voters' addresses
     * @param sectorNames the communes' names, shared by the pages that show sectors
     */
    static List<WebRoute> routes(Store store, ByDataVersion<AddressMatcher> matchers, SectorNameCache sectorNames) {
        TurfCutRoutes r = new TurfCutRoutes(store, matchers, sectorNames);
        return List.of(
                WebRoute.get(PAGE, Permission.READ_PERSONAL_DATA, ctx -> Pages.send(ctx, "tournees.html")),
                WebRoute.get("/api/field/cut-options", Permission.READ_PERSONAL_DATA, r::options),
                WebRoute.post("/api/field/cuts", Permission.READ_PERSONAL_DATA, r::preview),
                WebRoute.post("/api/field/plans", Permission.READ_PERSONAL_DATA, r::save),
                WebRoute.get("/api/field/plans", Permission.READ_PERSONAL_DATA, r::plans),
                new WebRoute(HandlerType.DELETE, "/api/field/plans/{id}", Optional.of(Permission.READ_PERSONAL_DATA), r::delete),
                WebRoute.get("/api/field/plans/{id}/feuilles.pdf", Permission.READ_PERSONAL_DATA, r::walkLists),
                WebRoute.get(WALK_LIST_WARNING, Permission.READ_PERSONAL_DATA, r::walkListWarning));
    }

    /**
     * What the form offers: the lists of voters and the stations of the caller's sectors (each commune's latest
     * contours: Paris's and those a REU import drew for other communes, whatever their vintages). Above {@link
     * #optionsMaxStations} stations, none is listed ({@code sectors_search}: the page asks for a sector); {@code
     * ?sector=29039} lists that sector's stations only, whatever their number.
     */
    private void options(Context ctx) {
        Account account = CurrentUser.of(ctx);
        Integer asked = askedSector(ctx, account);
        List<Geography.StationPlace> mine = asked != null ? Geography.newestStationsByCommune(store, asked)
                : newestStations.current().stream().filter(st -> sees(account, st.code())).toList();
        boolean search = asked == null && mine.size() > optionsMaxStations;
        List<Map<String, Object>> stations = new ArrayList<>();
        java.util.SortedSet<Integer> sectors = new java.util.TreeSet<>();
        if (!search) {
            for (Geography.StationPlace st : mine) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("code", st.code().toString());
                m.put("arrondissement", st.code().arrondissement());
                m.put("place", st.placeName());
                stations.add(m);
                sectors.add(st.code().arrondissement());
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        // an organizer's lists are those with voters in their sectors: a Concarneau organizer was offered Paris's first
        answer.put("contests", account.role().seesAllSectors() ? FieldData.contests(store)
                : FieldData.contestsIn(store, account.sectors()));
        answer.put("stations", stations);
        if (search) { // 73,000 stations of 35,000 sectors after a national REU import: 4.7 MB for each visit
            answer.put("station_count", mine.size());
            answer.put("sectors_search", true);
        }
        answer.put("sectors", account.role().seesAllSectors() ? null : account.sectors().stream().sorted().toList());
        // each sector of these stations as the pages write it (« 12e », « Concarneau (29039) »): one look-up (ADR 0032)
        SectorNames names = sectorNames.of(sectors);
        Map<String, String> named = new LinkedHashMap<>();
        sectors.forEach(s -> named.put(String.valueOf(s), names.brief(s)));
        answer.put("sector_names", named);
        answer.put("doors_per_turf", TurfParameters.DEFAULTS.doorsPerTurf());
        answer.put("max_stations", MAX_STATIONS);
        Replies.json(ctx, answer);
    }

    /** {@code ?sector=}: one of the caller's sectors ({@link SectorCodes#read}), null when none is asked for. */
    private Integer askedSector(Context ctx, Account account) {
        String text = ctx.queryParam("sector");
        if (text == null || text.isBlank()) {
            return null;
        }
        int sector;
        try {
            sector = SectorCodes.read(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("secteur : " + e.getMessage());
        }
        if (!account.seesSector(sector)) { // as CutRequest refuses a station of it
            throw new ForbiddenResponse("secteur " + sectorNames.of(List.of(sector)).brief(sector)
                    + " hors de vos secteurs (" + sectorNames.list(account.sectors()) + ")");
        }
        return sector;
    }

    static boolean sees(Account account, StationCode code) {
        return account.role().seesAllSectors() || account.seesSector(code.arrondissement());
    }

    /**
     * @param version what the cut was made from ({@link FieldInputs.Stations#fingerprint}): a save refuses to cut again
     *     from inputs that changed since the preview, and only those (a change elsewhere in the city leaves it)
     */
    private record Cut(FieldInputs.Stations inputs, List<Turf> turfs, double seconds, String version) {}

    private void preview(Context ctx) {
        Account account = CurrentUser.of(ctx);
        CutRequest r = CutRequest.of(ctx.body(), account, false, sectorNames);
        Cut cut = cut(r);
        AuditLog.append(store, account.name(), "field.turfs.cut", "voters:" + cut.inputs().contest(), doors(cut),
                "aperçu d'un découpage de " + stations(r) + " : " + cut.turfs().size() + " tournée(s), " + doors(cut)
                        + " portes (adresses et nombre d'électeurs, sans nom)");
        Replies.json(ctx, answer(r, cut, null));
    }

    private void save(Context ctx) {
        Account account = CurrentUser.of(ctx);
        CutRequest r = CutRequest.of(ctx.body(), account, true, sectorNames);
        Cut cut = cut(r);
        if (r.dataVersion() != null && !r.dataVersion().equals(cut.version())) {
            throw new ConflictResponse("les données de ces bureaux ont changé depuis l'aperçu (import, correction"
                    + " d'adresse, électeur retiré) : refaites l'aperçu avant d'enregistrer");
        }
        FieldStore.SavedPlan saved;
        try {
            saved = FieldStore.savePlan(store, r.name(), cut.inputs().contest(), parameters(r), account.name(),
                    cut.turfs(), cut.inputs().talkingPoints(cut.turfs()), scope(account));
        } catch (StoreException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        ctx.status(201);
        Replies.json(ctx, answer(r, cut, saved));
    }

    /** The caller's turfs: an organizer's sectors, or all. */
    private TurfScope scope(Account account) {
        return TurfScope.of(account, FieldRoutes.userId(store, account));
    }

    /**
     * The saved plans with turfs in the caller's sectors, counted over those: listed, printed (those turfs) and deleted
     * here (a plan with turfs elsewhere too, {@code turfs_elsewhere}, only by whoever sees them all).
     */
    private void plans(Context ctx) {
        Replies.json(ctx, FieldStore.planSummaries(store, scope(CurrentUser.of(ctx))).stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("name", p.name());
            m.put("contest", p.contest());
            m.put("created_by", p.createdBy());
            m.put("created_at", p.createdAt().toString());
            m.put("turfs", p.turfs());
            m.put("doors", p.doors());
            m.put("assigned", p.assigned());
            m.put("outcomes", p.outcomes());
            m.put("turfs_elsewhere", p.turfsElsewhere());
            return m;
        }).toList());
    }

    private static long planId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("plan « " + ctx.pathParam("id") + " » introuvable");
        }
    }

    /**
     * Whether the walk lists would print an incomplete legal notice (« Responsable du traitement : à renseigner »), or
     * one the campaign has not registered (no opinion can then be noted on the phone): {@code {"warning": "…" | null}},
     * shown by « Découpage » and « Affectation » where the sheets are printed.
     */
    private void walkListWarning(Context ctx) {
        var settings = ComplianceRoutes.settings(store);
        var notice = ConsentLedger.canvassNotice(store, settings.identity());
        Map<String, Object> m = new LinkedHashMap<>();
        // the file and the command are the administrator's: others are asked to turn to them
        m.put("warning", notice.warning(settings.identity(), CurrentUser.of(ctx).has(Permission.MANAGE_USERS)
                ? settings.file().toString() : null).orElse(null));
        Replies.json(ctx, m);
    }

    /** Every walk list of a plan in one PDF, turf after turf, to print before a day out (names never). */
    private void walkLists(Context ctx) {
        Account account = CurrentUser.of(ctx);
        long id = planId(ctx);
        TurfScope scope = scope(account);
        FieldStore.PlanSummary plan = FieldStore.planSummaries(store, scope).stream().filter(p -> p.id() == id)
                .findFirst().orElseThrow(() -> new NotFoundResponse("plan n° " + id + " introuvable"));
        var notice = ConsentLedger.canvassNotice(store, ComplianceRoutes.settings(store).identity());
        List<WalkListPdf.Sheet> sheets = new ArrayList<>();
        // by the plan's id: plans of other sectors may bear the same name
        for (long turfId : FieldStore.turfIdsOfPlan(store, id)) {
            FieldStore.turf(store, scope, turfId).ifPresent(d -> sheets.add(FieldRoutes.sheet(store, d, notice)));
        }
        byte[] pdf = WalkListPdf.bytes(sheets, "Feuilles de route — plan « " + plan.name() + " »");
        AuditLog.append(store, account.name(), "voters.walk-list", "plan:" + id, plan.doors(), sheets.size()
                + " feuille(s) de route PDF du plan « " + plan.name() + " » (adresses et nombre d'électeurs, sans nom)");
        FieldRoutes.pdf(ctx, "plan-" + id + ".pdf", pdf);
    }

    private void delete(Context ctx) {
        Account account = CurrentUser.of(ctx);
        long id = planId(ctx);
        boolean deleted;
        try {
            deleted = FieldStore.deletePlan(store, scope(account), id, account.name());
        } catch (StoreException e) {
            throw new ConflictResponse(e.getMessage());
        }
        if (!deleted) {
            throw new NotFoundResponse("plan n° " + id + " introuvable");
        }
        ctx.status(204);
    }

    private Cut cut(CutRequest r) {
        try {
            if (!cutting.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new ServiceUnavailableResponse("d'autres découpages sont en cours : réessayez dans un moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableResponse("découpage interrompu : réessayez");
        }
        try {
            String version = FieldInputs.version(store);
            FieldInputs.Stations in;
            try {
                in = FieldInputs.stations(store, r.contest(), r.stations(), rules, matchers.current());
            } catch (StoreException e) {
                throw new BadRequestResponse(e.getMessage());
            }
            if (!version.equals(FieldInputs.version(store))) { // an import or a correction landed while reading
                throw new ConflictResponse("les données changent en ce moment (import, correction) : réessayez");
            }
            if (in.empty().size() == r.stations().size()) {
                throw new BadRequestResponse("aucune porte dans " + stations(r) + " pour " + in.contest() + " (bureaux"
                        + " inconnus, ou sans électeur rapproché d'une adresse BAN : voir la page des adresses non"
                        + " rapprochées)");
            }
            long started = System.nanoTime();
            if (r.meetingPoint().isPresent()) {
                try {
                    StationCuts.checkMeetingPoint(in.doors(), r.meetingPoint().get());
                } catch (IllegalArgumentException e) {
                    throw new BadRequestResponse("meeting_point : " + e.getMessage());
                }
            }
            List<Turf> turfs = StationCuts.cut(in.doors(), in.starts(), r.meetingPoint(), r.parameters(), r.minutesPerTurf());
            return new Cut(in, turfs, (System.nanoTime() - started) / 1e9, in.fingerprint());
        } finally {
            cutting.release();
        }
    }

    private static int doors(Cut cut) {
        return cut.turfs().stream().mapToInt(Turf::doors).sum();
    }

    private static String stations(CutRequest r) {
        return String.join(",", r.stations().stream().map(StationCode::toString).toList());
    }

    /** The cut's options as the command would take them, kept with a saved plan (as {@code --save} keeps its line). */
    private static String parameters(CutRequest r) {
        StringBuilder b = new StringBuilder("page " + PAGE + " : --stations " + stations(r));
        if (r.minutesPerTurf().isPresent()) {
            b.append(" --minutes-per-turf ").append(r.minutesPerTurf().getAsDouble());
        } else {
            b.append(" --doors-per-turf ").append(r.parameters().doorsPerTurf());
        }
        if (r.parameters().maxDoors() > 0) {
            b.append(" --max-doors ").append(r.parameters().maxDoors());
        }
        r.meetingPoint().ifPresent(m -> b.append(" --meeting-point ").append(m.lon()).append(',').append(m.lat()));
        if (r.contest() != null) {
            b.append(" --contest ").append(r.contest());
        }
        return b.toString();
    }

    private static Map<String, Object> answer(CutRequest r, Cut cut, FieldStore.SavedPlan saved) {
        FieldInputs.Stations in = cut.inputs();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("contest", in.contest());
        m.put("data_version", cut.version());
        if (saved != null) {
            m.put("plan", Map.of("id", saved.id(), "name", saved.name(), "turf_ids", saved.turfIds()));
        }
        m.put("seconds", Math.round(cut.seconds() * 100) / 100.0);
        m.put("door_count", doors(cut));
        m.put("unmatched_voters", in.unmatched());
        m.put("stations_without_doors", in.empty().stream().map(StationCode::toString).toList());
        m.put("meeting_point_warning", r.meetingPoint().flatMap(p -> StationCuts.meetingPointWarning(in.doors(), p,
                r.parameters())).orElse(null));
        List<Map<String, Object>> turfs = new ArrayList<>();
        for (Turf t : cut.turfs()) {
            Map<String, Object> o = TurfJson.turf(t, in.topicOf(t), in.placedByContour(t));
            o.remove("doors"); // the door ids, half the answer: the saved plan's turfs give them
            o.put("from", t.walk().get(0).label());
            o.put("to", t.walk().get(t.walk().size() - 1).label());
            o.put("path", t.walk().stream().map(d -> List.of(degrees(d.address().lon()), degrees(d.address().lat())))
                    .toList());
            turfs.add(o);
        }
        m.put("turfs", turfs);
        return m;
    }

    private static double degrees(double d) {
        return Math.round(d * 1e6) / 1e6;
    }
}
