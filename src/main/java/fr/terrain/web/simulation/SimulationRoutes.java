package fr.terrain.web.simulation;

import static fr.terrain.account.Permission.READ_AGGREGATES;

import fr.terrain.election.simulation.Camps;
import fr.terrain.election.simulation.Simulation;
import fr.terrain.election.simulation.SimulationResult;
import fr.terrain.election.simulation.Transfers;
import fr.terrain.store.Geography;
import fr.terrain.store.Store;
import fr.terrain.web.Json;
import fr.terrain.web.Pages;
import fr.terrain.web.QueryParams;
import fr.terrain.web.WebRoute;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulation page and its API,
 * {@code GET /api/simulation?election=&system=&draws=&seed=&camps=&transfers=&swing=&sector_noise=},
 * answering the JSON of {@code terrain simulate --json}. {@code system} is {@code paris-1982} (the
 * default) or {@code paris-2025}. {@code camps} is {@code label} (each head of list its own camp,
 * the default), the name of a shipped example ({@code paris-2020}) or a camp file's JSON;
 * {@code transfers} is empty (the default rule), the name of a shipped example ({@code paris-2020})
 * or a transfer file's text, JSON or CSV (the formats of {@code terrain simulate --transfers}). The last answers
 * are kept while the data does not change.
 */
public final class SimulationRoutes {
    public static final int MAX_DRAWS = 200_000;
    static final int DEFAULT_DRAWS = 20_000;
    private static final int CACHED = 16;
    static final int MAX_TRANSFERS = 20_000;

    private final Store store;
    private final Map<String, String> cache = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CACHED;
        }
    });

    public SimulationRoutes(Store store) {
        this.store = store;
    }

    public List<WebRoute> routes() {
        return List.of(
                WebRoute.get("/simulation", READ_AGGREGATES, ctx -> Pages.send(ctx, "simulation.html")),
                WebRoute.get("/api/simulation", READ_AGGREGATES, this::simulate));
    }

    private void simulate(Context ctx) {
        String election = required(ctx, "election");
        int draws = QueryParams.integer(ctx, "draws", DEFAULT_DRAWS, 1, MAX_DRAWS);
        long seed = QueryParams.integer(ctx, "seed", 1, 0, Integer.MAX_VALUE);
        Double swing = deviation(ctx, "swing");
        Double noise = deviation(ctx, "sector_noise");
        String campsParam = ctx.queryParam("camps") == null || ctx.queryParam("camps").isBlank() ? "label"
                : ctx.queryParam("camps").strip();
        String system = ctx.queryParam("system") == null || ctx.queryParam("system").isBlank() ? "paris-1982"
                : ctx.queryParam("system").strip();
        if (!SimulationSetup.SYSTEMS.contains(system)) {
            throw new BadRequestResponse("system : attendu " + String.join(" ou ", SimulationSetup.SYSTEMS) + ", trouvé « "
                    + system + " »");
        }
        String transfersParam = ctx.queryParam("transfers") == null ? "" : ctx.queryParam("transfers").strip();
        if (transfersParam.length() > MAX_TRANSFERS) {
            throw new BadRequestResponse("transfers : " + MAX_TRANSFERS + " caractères au plus");
        }
        String key = Geography.dataVersion(store) + "|" + election + "|" + system + "|" + draws + "|" + seed + "|" + swing
                + "|" + noise + "|" + campsParam + "|" + transfersParam;
        String answer = cache.get(key);
        if (answer == null) {
            Camps camps = camps(campsParam);
            Transfers transfers = transfers(transfersParam);
            SimulationSetup.Setup setup;
            SimulationResult result;
            fr.terrain.election.Election e = fr.terrain.store.Elections.find(store, election).orElseThrow(
                    () -> new BadRequestResponse("election : élection inconnue « " + election + " »"));
            if (e.round() != 1) {
                throw new BadRequestResponse("election : un premier tour est attendu, " + e.id() + " est un tour " + e.round());
            }
            if (!fr.terrain.store.Results.electionsWithResults(store).contains(e.id())) {
                throw new BadRequestResponse("election : aucun résultat importé pour " + e.id());
            }
            try {
                setup = SimulationSetup.build(store, system, election, camps, swing, noise);
            } catch (IllegalArgumentException bad) {
                throw new BadRequestResponse("camps : " + bad.getMessage());
            }
            try {
                result = Simulation.run(setup.model(), transfers, draws, seed);
            } catch (IllegalArgumentException bad) {
                throw new BadRequestResponse((bad.getMessage().startsWith("report") ? "transfers : " : "election : ")
                        + bad.getMessage());
            }
            answer = Json.compact(SimulationJson.of(result, setup.warnings()));
            cache.put(key, answer);
        }
        ctx.contentType(ContentType.APPLICATION_JSON).result(answer);
    }

    /** Transfers: none given (the default rule), a shipped example, or a transfer file's JSON. */
    private static Transfers transfers(String value) {
        if (value.isEmpty()) {
            return Transfers.DEFAULT;
        }
        if (value.startsWith("{") || value.contains("\n") || value.contains(";")) {
            try {
                return SimulationJson.transfersAnyFormat(value, "transfers");
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse(e.getMessage());
            }
        }
        return SimulationJson.transferExample(value).map(json -> SimulationJson.transfers(json, "transfers"))
                .orElseThrow(() -> new BadRequestResponse("transfers : attendu vide (règle par défaut), "
                        + String.join(", ", SimulationJson.EXAMPLES) + ", un objet JSON camp → {camp: part} ou un CSV"
                        + " from;to;share, trouvé « "
                        + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + " »"));
    }

    private static Camps camps(String value) {
        if (value.equals("label")) {
            return Camps.byLabel();
        }
        if (value.startsWith("{")) {
            try {
                return SimulationJson.camps(value, "camps");
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse(e.getMessage());
            }
        }
        return SimulationJson.example(value).map(json -> SimulationJson.camps(json, "camps"))
                .orElseThrow(() -> new BadRequestResponse("camps : attendu label, " + String.join(", ", SimulationJson.EXAMPLES)
                        + " ou un objet JSON camp → [listes], trouvé « " + value + " »"));
    }

    private static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw new BadRequestResponse(name + " : paramètre obligatoire");
        }
        return v.strip();
    }

    private static Double deviation(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.strip().replace(',', '.'));
            if (!(d >= 0 && d <= 50)) {
                throw new BadRequestResponse(name + " : écart-type entre 0 et 50 points attendu, trouvé " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new BadRequestResponse(name + " : nombre attendu, trouvé « " + v + " »");
        }
    }
}
