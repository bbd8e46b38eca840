package fr.terrain.web.map;

import static fr.terrain.account.Permission.MANAGE_DATA;
import static fr.terrain.account.Permission.READ_AGGREGATES;

import fr.terrain.election.Election;
import fr.terrain.ingest.InputError;
import fr.terrain.ingest.TargetingFiles;
import fr.terrain.store.Blocs;
import fr.terrain.store.Store;
import fr.terrain.targeting.Bloc;
import fr.terrain.targeting.Plan;
import fr.terrain.web.CurrentUser;
import fr.terrain.web.Json;
import fr.terrain.web.Pages;
import fr.terrain.web.PlanCsv;
import fr.terrain.web.PlanJson;
import fr.terrain.web.WebRoute;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The targeting plan in the web app: the page that tags lists into blocs, the plan page (hours
 * by sector and station), and their API. The map colours stations by the plan's figures through
 * the {@code plan:*} indicators.
 */
public final class PlanRoutes {
    private final MapData data;
    private final Store store;

    PlanRoutes(MapData data, Store store) {
        this.data = data;
        this.store = store;
    }

    public List<WebRoute> routes() {
        return List.of(
                WebRoute.get("/plan", READ_AGGREGATES, ctx -> Pages.send(ctx, "plan.html")),
                WebRoute.get("/blocs", READ_AGGREGATES, ctx -> Pages.send(ctx, "blocs.html")),
                WebRoute.get("/api/blocs", READ_AGGREGATES, this::blocs),
                WebRoute.post("/api/blocs", MANAGE_DATA, this::saveBloc),
                WebRoute.get("/api/plan", READ_AGGREGATES, this::plan),
                WebRoute.get("/api/plan.csv", READ_AGGREGATES, this::planCsv));
    }

    private void blocs(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Blocs.Saved b : Blocs.list(store)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", b.name());
            m.put("updatedAt", b.updatedAt());
            m.put("updatedBy", b.updatedBy());
            try {
                m.put("definition", Json.MAPPER.readTree(b.definition()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                m.put("definition", null);
            }
            out.add(m);
        }
        MapRoutes.json(ctx, Map.of("blocs", out));
    }

    /**
     * Saves a bloc sent as the JSON of a bloc file. Every election it names must be loaded and
     * every list it names must be a list of that election (or a {@code nuance:} code).
     */
    private void saveBloc(Context ctx) {
        String body = ctx.body();
        if (body.length() > 200_000) {
            throw new BadRequestResponse("bloc : définition trop longue");
        }
        Bloc bloc;
        try {
            bloc = TargetingFiles.parseBloc(body, "bloc");
        } catch (InputError e) {
            throw new BadRequestResponse(e.getMessage());
        }
        if (!bloc.name().matches("[\\p{L}\\p{N} ._'-]{1,60}")) {
            throw new BadRequestResponse("name : 1 à 60 lettres, chiffres, espaces ou . _ ' -");
        }
        Snapshot s = data.current();
        check(s, bloc.ours(), "ours");
        check(s, bloc.neighbours(), "neighbours");
        Blocs.save(store, bloc.name(), body, Instant.now(), CurrentUser.of(ctx).name());
        ctx.status(201);
        MapRoutes.json(ctx, Map.of("name", bloc.name()));
    }

    private static void check(Snapshot s, Map<String, List<String>> lists, String field) {
        for (var e : lists.entrySet()) {
            Election election = s.election(e.getKey()).orElseThrow(() -> new BadRequestResponse(field
                    + " : élection inconnue « " + e.getKey() + " »"));
            Round round = s.round(election);
            for (String label : e.getValue()) {
                if (!label.startsWith(Bloc.NUANCE_PREFIX) && round.list(label).isEmpty()) {
                    throw new BadRequestResponse(field + " : « " + label + " » n'est pas une liste de " + e.getKey());
                }
            }
        }
    }

    /** The plan the query asks for, and its stations the user may see, most hours first (the page's order). */
    private record Asked(Snapshot snapshot, Election election, Plans.Request request, Plan plan,
            List<Plan.StationPlan> stations) {}

    private Asked asked(Context ctx) {
        Snapshot s = data.current();
        String id = ctx.queryParam("election");
        Election e = s.election(id == null ? "" : id).orElseThrow(() -> new BadRequestResponse("election : élection"
                + " inconnue « " + id + " »"));
        Plans.Request request = PlanQuery.parse(ctx, s, e);
        Plan plan = s.plans.plan(request);
        var account = CurrentUser.of(ctx);
        return new Asked(s, e, request, plan, plan.stations().stream()
                .filter(p -> account.seesSector(p.estimate().station().arrondissement()))
                .sorted(Plan.StationPlan.MOST_HOURS_FIRST).toList());
    }

    /** The stations of the plan as a French spreadsheet (PlanCsv), the ones the user may see. */
    private void planCsv(Context ctx) {
        Asked a = asked(ctx);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"plan-" + (a.election().id() + "-" + a.plan().bloc())
                .replaceAll("[^A-Za-z0-9_-]", "_") + ".csv\"");
        ctx.result(PlanCsv.spreadsheet(a.stations()));
    }

    private void plan(Context ctx) {
        Asked a = asked(ctx);
        Snapshot s = a.snapshot();
        Election e = a.election();
        Plans.Request request = a.request();
        Plan plan = a.plan();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("election", e.id());
        out.put("bloc", plan.bloc());
        out.put("reference", request.reference().map(Election::id).orElse(null));
        out.put("hoursGiven", plan.hoursGiven());
        out.put("hoursAllocated", PlanJson.round(plan.hoursAllocated(), 1));
        out.put("expectedGain", PlanJson.round(plan.expectedGain(), 1));
        out.put("parameters", plan.parameters());
        out.put("sympatheticModel", plan.transitions() == null ? "one-election" : "transitions");
        out.put("notes", s.plans.notes(e));
        out.put("sectors", plan.sectors().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sector", p.sector());
            m.put("stations", p.stations());
            m.put("registered", p.registered());
            m.put("hours", PlanJson.round(p.hours(), 1));
            m.put("expectedGain", PlanJson.round(p.expectedGain(), 2));
            m.put("bestMarginalValue", PlanJson.round(p.bestMarginalValue(), 4));
            m.put("topTopics", p.topTopics());
            return m;
        }).toList());
        out.put("stations", a.stations().stream().map(PlanJson::row).toList());
        // the plan is the campaign's; an organizer reads too what of it falls in their sectors (often nothing: the hours
        // go where the gain is, and « 1 000 heures réparties » said nothing of the 12th's 0)
        if (!CurrentUser.of(ctx).role().seesAllSectors()) {
            Map<String, Object> yours = new LinkedHashMap<>();
            yours.put("stations", a.stations().size());
            yours.put("hours", PlanJson.round(a.stations().stream().mapToDouble(Plan.StationPlan::hours).sum(), 1));
            yours.put("expectedGain", PlanJson.round(a.stations().stream().mapToDouble(Plan.StationPlan::expectedGain)
                    .sum(), 1));
            out.put("yourSectors", yours);
        }
        MapRoutes.json(ctx, out);
    }
}
