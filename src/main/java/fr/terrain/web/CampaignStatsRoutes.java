package fr.terrain.web;

import fr.terrain.account.Account;
import fr.terrain.account.Permission;
import fr.terrain.store.AbTests;
import fr.terrain.store.AuditLog;
import fr.terrain.store.CampaignTracking;
import fr.terrain.store.Store;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The campaign report page ({@code /campagnes/{name}/suivi}: opens and clicks over time, the
 * heatmap, sectors, shares, the A/B result and the send-time recommendation) and its JSON. All of
 * it is aggregates, readable with READ_AGGREGATES; the top sharers' addresses are shown only to
 * those who may read personal data, an organizer only for the sectors assigned, and the viewing is
 * audited.
 */
final class CampaignStatsRoutes {
    private final Store store;
    private final SectorNameCache sectorNames;

    /** @param sectorNames the communes' names, shared with the pages that show sectors */
    CampaignStatsRoutes(Store store, SectorNameCache sectorNames) {
        this.store = store;
        this.sectorNames = sectorNames;
    }

    List<WebRoute> routes() {
        return List.of(WebRoute.get("/campagnes/{name}/suivi", Permission.READ_AGGREGATES,
                        ctx -> Pages.send(ctx, "campagne-suivi.html")),
                WebRoute.get("/api/campaigns/{name}/tracking", Permission.READ_AGGREGATES, this::report),
                WebRoute.get("/api/campaigns/{name}/ab", Permission.READ_AGGREGATES, this::ab),
                WebRoute.get("/api/send-time", Permission.READ_AGGREGATES, this::sendTime));
    }

    private void report(Context ctx) {
        String name = ctx.pathParam("name");
        CampaignTracking.Report r = CampaignTracking.report(store, name)
                .orElseThrow(() -> new NotFoundResponse("campagne inconnue : " + name));
        Account user = CurrentUser.of(ctx);
        Set<Integer> named = !user.has(Permission.READ_PERSONAL_DATA) ? Set.of()
                : user.role().seesAllSectors() ? null : user.sectors();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("campaign", name);
        fr.terrain.store.MailStore.campaign(store, name).ifPresent(c -> m.put("segment", c.segment().text()));
        m.putAll(CampaignTracking.json(r, named));
        m.put("abTest", AbTests.of(store, r.campaignId()).isPresent()); // the page asks /ab only then (no 404 to log)
        if (!user.role().seesAllSectors()) {
            // the campaigns' list counts an organizer's sectors only; the report is the whole campaign's: said on the page
            List<Integer> mine = user.sectors().stream().sorted().toList();
            fr.terrain.election.SectorNames names = sectorNames.of(mine);
            m.put("yourSectors", mine.stream().map(names::of).toList());
        }
        m.computeIfPresent("bySector", (k, sectors) -> withNames(sectors));
        long shown = r.topSharers().stream().filter(s -> named == null || (s.sector() != null && named.contains(s.sector())))
                .count();
        if (shown > 0 && user.has(Permission.READ_PERSONAL_DATA)) {
            AuditLog.append(store, user.name(), "campaign.sharers", "campaign:" + name, shown,
                    "adresses des personnes dont les messages ont été le plus transférés");
        }
        send(ctx, m);
    }

    /**
     * The report's sectors, each with its {@code name} as lists write it (« 12e », « Concarneau (29039) »), for the
     * chart, the map and the list of masked sectors. A masked sector keeps its name: it is public geography, and the
     * list of masked sectors named it by its number already; its figures are what the small-cell rule hides. Added
     * here, not by {@link CampaignTracking#json}, so that a report frozen by the retention policy is named too.
     */
    private Map<String, Object> withNames(Object bySector) {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> sectors = (Map<String, Map<String, Object>>) bySector;
        fr.terrain.election.SectorNames names = sectorNames.of(sectors.keySet().stream().map(Integer::parseInt).toList());
        Map<String, Object> out = new LinkedHashMap<>();
        sectors.forEach((sector, figures) -> {
            Map<String, Object> named = new LinkedHashMap<>(figures);
            named.put("name", names.brief(Integer.parseInt(sector)));
            out.put(sector, named);
        });
        return out;
    }

    private void ab(Context ctx) {
        String name = ctx.pathParam("name");
        long id = fr.terrain.store.MailStore.campaign(store, name).orElseThrow(() -> new NotFoundResponse(
                "campagne inconnue : " + name)).id();
        AbTests.Test t = AbTests.of(store, id).orElseThrow(() -> new NotFoundResponse("pas de test A/B pour « " + name + " »"));
        send(ctx, AbTests.report(store, t, Instant.now()));
    }

    private void sendTime(Context ctx) {
        String segment = Optional.ofNullable(ctx.queryParam("segment")).filter(s -> !s.isBlank())
                .orElseThrow(() -> new BadRequestResponse("paramètre segment attendu (all, sector:12…)"));
        boolean clicks = "click".equals(ctx.queryParam("metric"));
        Map<String, Object> m;
        try {
            m = CampaignTracking.json(CampaignTracking.sendTime(store, segment, clicks));
        } catch (IllegalArgumentException e) {
            // nothing to learn from yet (no past sending, or none large enough): an answer the page shows, not an error
            m = new LinkedHashMap<>();
            m.put("recommendedHour", null);
            m.put("reason", "segment « " + segment + " » : " + e.getMessage());
        }
        send(ctx, m);
    }

    private static void send(Context ctx, Object value) {
        ctx.header("Cache-Control", "no-store").contentType(io.javalin.http.ContentType.APPLICATION_JSON)
                .result(Json.write(value));
    }
}
