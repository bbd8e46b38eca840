package fr.terrain.web.map;

import static fr.terrain.account.Permission.READ_AGGREGATES;

import fr.terrain.atlas.Choropleth;
import fr.terrain.atlas.Counts;
import fr.terrain.atlas.Indicator;
import fr.terrain.atlas.Language;
import fr.terrain.atlas.StationInputs;
import fr.terrain.election.Election;
import fr.terrain.election.PollingStation;
import fr.terrain.election.SectorCodes;
import fr.terrain.election.StationCode;
import fr.terrain.election.StationResult;
import fr.terrain.election.law.SectorTable;
import fr.terrain.store.Store;
import fr.terrain.web.CurrentUser;
import fr.terrain.web.Json;
import fr.terrain.web.Pages;
import fr.terrain.web.SectorNameCache;
import fr.terrain.web.WebRoute;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The strategic map: its page and the API behind it (GeoJSON, figures, table, sectors, station detail). */
public final class MapRoutes {
    private static final String GEOJSON = "application/geo+json; charset=utf-8";
    private final MapData data;
    private final MapSettings settings;
    private final PlanRoutes plan;
    private final SectorNameCache sectorNames;

    /** @param sectorNames the communes' names, shared with the pages that show sectors */
    public MapRoutes(Store store, MapSettings settings, SectorNameCache sectorNames) {
        this.data = new MapData(store, sectorNames);
        this.settings = settings;
        this.plan = new PlanRoutes(data, store);
        this.sectorNames = sectorNames;
    }

    /** The map's routes and those of the targeting plan it shows. */
    public List<WebRoute> routes() {
        List<WebRoute> routes = new ArrayList<>(mapRoutes());
        routes.addAll(plan.routes());
        return routes;
    }

    private List<WebRoute> mapRoutes() {
        return List.of(
                WebRoute.get("/carte", READ_AGGREGATES, ctx -> Pages.send(ctx, "carte.html")),
                WebRoute.get("/api/settings", READ_AGGREGATES, ctx -> json(ctx, settings)),
                WebRoute.get("/api/elections", READ_AGGREGATES, this::elections),
                WebRoute.get("/api/indicators", READ_AGGREGATES, this::indicators),
                WebRoute.get("/api/arrondissements.geojson", READ_AGGREGATES, ctx -> ctx.contentType(GEOJSON)
                        .result(data.current().arrondissementsGeoJson)),
                WebRoute.get("/api/communes.geojson", READ_AGGREGATES, this::communesGeoJson),
                WebRoute.get("/api/stations.geojson", READ_AGGREGATES, this::stationsGeoJson),
                WebRoute.get("/api/figures", READ_AGGREGATES, this::figures),
                WebRoute.get("/api/stations/{code}", READ_AGGREGATES, this::station),
                WebRoute.get("/api/table", READ_AGGREGATES, ctx -> json(ctx, Table.of(query(ctx)))),
                WebRoute.get("/api/table.csv", READ_AGGREGATES, this::tableCsv),
                WebRoute.get("/api/sectors", READ_AGGREGATES, ctx -> json(ctx, SectorDashboard.of(query(ctx)))));
    }

    /**
     * Builds what the first map of the newest round needs (counts, geometry, INSEE figures), so
     * that the first visitor does not wait for it. Failures are left for the requests to report.
     */
    public void warmUp() {
        try {
            Snapshot s = data.current();
            if (!s.elections.isEmpty()) {
                Round r = s.round(s.elections.get(s.elections.size() - 1));
                s.layer(r).ifPresent(s::profiles);
            }
        } catch (RuntimeException e) {
            // The store may be closing; the next request rebuilds what it needs.
        }
    }

    private MapQuery query(Context ctx) {
        return MapQuery.parse(ctx, data.current(), CurrentUser.of(ctx), sectorNames);
    }

    static void json(Context ctx, Object value) {
        ctx.contentType(ContentType.APPLICATION_JSON).result(Json.compact(value));
    }

    private void elections(Context ctx) {
        Snapshot s = data.current();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Election e : s.elections) {
            Round r = s.round(e);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("contest", e.contest());
            m.put("kind", e.kind().label());
            m.put("round", e.round());
            m.put("date", e.date());
            m.put("vintage", r.vintage());
            m.put("map", s.layer(r).isPresent());
            m.put("stations", r.counts().size());
            m.put("lists", r.lists());
            m.put("sectors", sectors(e));
            out.add(m);
        }
        json(ctx, Map.of("elections", out, "arrondissements", s.arrondissements.stream()
                .filter(a -> CurrentUser.of(ctx).seesSector(a.number()))
                .map(a -> Map.of("number", a.number(), "name", a.name())).toList()));
    }

    /**
     * The electoral sectors grouping several arrondissements (Paris Centre from 2020), so that the
     * map can be filtered by sector as well as by arrondissement.
     */
    private static List<Map<String, Object>> sectors(Election e) {
        return SectorTable.ofTerritory(e.territory(), e.year()).stream().flatMap(t -> t.sectors().stream())
                .filter(s -> s.arrondissements().size() > 1)
                .map(s -> Map.<String, Object>of("name", s.name(), "arrondissements", s.arrondissements())).toList();
    }

    private void indicators(Context ctx) {
        Snapshot s = data.current();
        Language lang = Language.of(ctx.queryParam("lang"));
        Election e = s.election(Optional.ofNullable(ctx.queryParam("election")).orElse(""))
                .orElseThrow(() -> new BadRequestResponse("election : élection inconnue « " + ctx.queryParam("election")
                        + " »"));
        Round r = s.round(e);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Indicator.FromResult i : Indicator.FromResult.values()) {
            out.add(describe(i, lang, "result"));
        }
        Map<String, Object> share = new LinkedHashMap<>();
        share.put("id", "list-share");
        share.put("label", lang == Language.EN ? "Share of a list or bloc" : "Part d'une liste ou d'un bloc");
        share.put("unit", "PERCENT");
        share.put("group", "result");
        out.add(share);
        Snapshot.Profiles profiles = s.layer(r).map(s::profiles).orElse(Snapshot.Profiles.NONE);
        for (Indicator.FromProfile p : profiles.indicators()) {
            out.add(describe(p, lang, "iris"));
        }
        for (Indicator.FromPlan p : Plans.INDICATORS) {
            out.add(describe(p, lang, "plan"));
        }
        for (Indicator.FromField f : Plans.FIELD) {
            out.add(describe(f, lang, "field"));
        }
        json(ctx, Map.of("indicators", out, "profileMethod", profiles.method(), "profileNotes", profiles.notes()));
    }

    private static Map<String, Object> describe(Indicator i, Language lang, String group) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("label", i.label(lang));
        m.put("unit", i.unit());
        m.put("group", group);
        return m;
    }

    /** What every map answer says about its indicator: label, unit, scale, coverage. */
    static Map<String, Object> meta(MapQuery q, Choropleth c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("election", q.round().election().id());
        m.put("comparison", q.comparison().map(r -> r.election().id()).orElse(null));
        m.put("id", q.indicator().id());
        m.put("label", q.indicator().label(q.language()));
        m.put("unit", c.unit());
        m.put("difference", c.difference());
        m.put("scale", c.scale());
        m.put("vintage", q.round().vintage());
        List<StationCode> shown = q.stations();
        m.put("stations", shown.size());
        m.put("withValue", c.values().size());
        MapQuery.Contours contours = q.contours(shown);
        m.put("approximateContours", contours.drawn());
        m.put("contourNote", contours.drawn() == 0 ? null : contourNote(contours, q.language()));
        return m;
    }

    /** What the legend says of contours drawn from the REU's addresses (ADR 0028). */
    static String contourNote(MapQuery.Contours c, Language language) {
        boolean one = c.drawn() == 1;
        return language == Language.EN
                ? c.drawn() + " of " + c.withContour() + " contours " + (one ? "is" : "are") + " approximate: drawn by Terrain"
                        + " from the electors' addresses (INSEE's single electoral register), not published by the commune."
                : c.drawn() + (one ? " contour" : " contours") + " sur " + c.withContour() + (one ? " est approximatif : tracé"
                        : " sont approximatifs : tracés") + " par Terrain d'après les adresses des électeurs (répertoire"
                        + " électoral unique de l'INSEE), non " + (one ? "publié" : "publiés") + " par la commune.";
    }

    private Choropleth choropleth(MapQuery q) {
        return Choropleth.of(q.indicator(), q.inputs(), q.comparisonInputs());
    }

    private void stationsGeoJson(Context ctx) {
        MapQuery q = query(ctx);
        Layer layer = q.layer().orElseThrow(() -> new BadRequestResponse("election : aucun contour de bureau de vote"
                + " n'est chargé pour le découpage de " + q.round().election().id()
                + " (importez-les avec terrain import stations)"));
        Choropleth c = choropleth(q);
        StringBuilder out = new StringBuilder(512 * 1024);
        out.append("{\"type\":\"FeatureCollection\",\"indicator\":").append(Json.compact(meta(q, c)))
                .append(",\"features\":[");
        boolean first = true;
        for (StationCode code : q.stations()) {
            String geometry = layer.geometry.get(code);
            if (geometry == null) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            PollingStation s = layer.stations.get(code);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("code", code.toString());
            p.put("arrondissement", code.arrondissement());
            p.put("place", s.placeName());
            p.put("address", s.placeAddress());
            if (layer.drawn.contains(code)) {
                p.put("approximate", true);
            }
            Counts counts = q.round().counts().get(code);
            if (counts != null) {
                p.put("registered", counts.registered());
                p.put("voters", counts.voters());
                p.put("expressed", counts.expressed());
            }
            p.put("value", round(c.values().get(code)));
            out.append("{\"type\":\"Feature\",\"id\":").append(Json.compact(code.toString())).append(",\"properties\":")
                    .append(Json.compact(p)).append(",\"geometry\":").append(geometry).append('}');
        }
        out.append("]}");
        ctx.contentType(GEOJSON).result(out.toString());
    }

    /**
     * The communes' contours: of the sectors listed in {@code sectors} ({@code 29039,29046}, as a campaign report's
     * {@code bySector} keys give them; arrondissements ignored), or, without it, of every commune with stations — at
     * national scale 35,000 unions, which no page asks for any more.
     */
    private void communesGeoJson(Context ctx) {
        String asked = ctx.queryParam("sectors");
        if (asked == null) {
            ctx.contentType(GEOJSON).result(data.current().communesGeoJson());
            return;
        }
        List<Integer> sectors = new ArrayList<>();
        for (String text : asked.split(",")) {
            if (text.isBlank()) {
                continue;
            }
            try {
                sectors.add(SectorCodes.read(text));
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse("sectors : " + e.getMessage()); // « abc » n'est ni un arrondissement…
            }
        }
        ctx.contentType(GEOJSON).result(data.current().communesGeoJson(sectors));
    }

    private void figures(Context ctx) {
        MapQuery q = query(ctx);
        Choropleth c = choropleth(q);
        Map<String, Double> values = new TreeMap<>();
        c.values().forEach((code, v) -> values.put(code.toString(), round(v)));
        json(ctx, Map.of("indicator", meta(q, c), "values", values));
    }

    static Double round(Double v) {
        return v == null ? null : Math.round(v * 100) / 100.0;
    }

    private void station(Context ctx) {
        MapQuery q = query(ctx);
        StationCode code;
        try {
            code = StationCode.parse(ctx.pathParam("code"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("code : code de bureau invalide « " + ctx.pathParam("code") + " » ("
                    + e.getMessage() + ")");
        }
        if (!q.account().seesSector(code.arrondissement())) {
            throw new io.javalin.http.ForbiddenResponse("ce bureau est hors de vos secteurs");
        }
        StationResult r = q.round().results().get(code);
        Optional<PollingStation> s = q.layer().filter(l -> q.round().communes().holds(code))
                .map(l -> l.stations.get(code));
        if (r == null && s.isEmpty()) {
            throw new NotFoundResponse("bureau " + code + " inconnu pour " + q.round().election().id());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", code.toString());
        out.put("arrondissement", code.arrondissement());
        out.put("arrondissementName", q.snapshot().sectorName(code.arrondissement()).orElse(null));
        out.put("election", q.round().election().id());
        out.put("vintage", q.round().vintage());
        out.put("place", s.map(PollingStation::placeName).orElse(null));
        out.put("address", s.map(PollingStation::placeAddress).orElse(null));
        out.put("approximate", s.isPresent() && q.layer().get().drawn.contains(code));
        if (r != null) {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("registered", r.registered());
            counts.put("voters", r.voters());
            counts.put("abstentions", r.abstentions());
            counts.put("blank", r.blank());
            counts.put("invalid", r.invalid());
            counts.put("blankAndInvalid", r.blankAndInvalid());
            counts.put("expressed", r.expressed());
            counts.put("turnout", r.registered() == 0 ? null : round(100.0 * r.voters() / r.registered()));
            out.put("counts", counts);
            out.put("lists", r.votes().stream().sorted(Comparator.comparingInt(StationResult.ListVotes::votes).reversed())
                    .map(v -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("label", v.list().label());
                        m.put("nuance", v.list().nuance());
                        m.put("votes", v.votes());
                        m.put("share", r.expressed() == 0 ? null : round(100.0 * v.votes() / r.expressed()));
                        return m;
                    }).toList());
        }
        out.put("history", history(q.snapshot(), code));
        Snapshot.Profiles profiles = q.layer().map(q.snapshot()::profiles).orElse(Snapshot.Profiles.NONE);
        Map<String, Double> profile = profiles.of(code);
        out.put("profile", profiles.indicators().stream().filter(p -> profile.get(p.key()) != null).map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("label", p.label(q.language()));
            m.put("unit", p.unit());
            m.put("value", round(profile.get(p.key())));
            return m;
        }).toList());
        out.put("profileMethod", profiles.method());
        out.put("profileNotes", profiles.notes());
        json(ctx, out);
    }

    /**
     * The station's figures in every round loaded, by its code. Boundaries change between
     * vintages, so each line says which vintage its station is from.
     */
    private static List<Map<String, Object>> history(Snapshot s, StationCode code) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Election e : s.elections) {
            Round r = s.round(e);
            StationResult result = r.results().get(code);
            if (result == null) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("election", e.id());
            m.put("kind", e.kind().label());
            m.put("date", e.date());
            m.put("round", e.round());
            m.put("vintage", r.vintage());
            m.put("registered", result.registered());
            m.put("turnout", result.registered() == 0 ? null : round(100.0 * result.voters() / result.registered()));
            result.votes().stream().max(Comparator.comparingInt(StationResult.ListVotes::votes)).ifPresent(v -> {
                m.put("leader", v.list().label());
                m.put("leaderShare", result.expressed() == 0 ? null : round(100.0 * v.votes() / result.expressed()));
            });
            out.add(m);
        }
        return out;
    }

    private void tableCsv(Context ctx) {
        MapQuery q = query(ctx);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + q.round().election().id() + "-"
                + q.indicator().id().replaceAll("[^A-Za-z0-9_-]", "_") + ".csv\"");
        ctx.result(Table.of(q).csv(q.language()));
    }
}
