package fr.terrain.web;

import fr.terrain.account.Account;
import fr.terrain.account.Permission;
import fr.terrain.election.SectorNames;
import fr.terrain.privacy.VoterSelection;
import fr.terrain.store.AuditLog;
import fr.terrain.store.Store;
import fr.terrain.store.VoterSelections;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * {@code GET /api/voters}: lawful selections on the electoral list (age, sex, polling station,
 * arrondissement). Counts by default, for every role with aggregates; {@code view=list} gives a
 * page of persons, with the fields a walk list needs, only to roles with personal data and only in
 * their sectors. Every answer is written to the audit log.
 */
final class VoterRoutes {
    static final String PATH = "/api/voters";

    private final Store store;
    private final SectorNameCache sectorNames;

    private VoterRoutes(Store store, SectorNameCache sectorNames) {
        this.store = store;
        this.sectorNames = sectorNames;
    }

    /** @param sectorNames the communes' names, shared with the pages that show sectors (the 403 names them) */
    static List<WebRoute> routes(Store store, SectorNameCache sectorNames) {
        return List.of(WebRoute.get(PATH, Permission.READ_AGGREGATES, new VoterRoutes(store, sectorNames)::select));
    }

    private void select(Context ctx) {
        Account account = CurrentUser.of(ctx);
        VoterSelection selection;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try {
            selection = VoterSelection.parse(ctx.queryParamMap(), today);
        } catch (VoterSelection.Refused e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        String view = ctx.queryParam("view") == null ? "counts" : ctx.queryParam("view");
        if (!view.equals("counts") && !view.equals("list")) {
            Replies.error(ctx, 400, "view=" + view + " inconnu : counts (défaut) ou list");
            return;
        }
        boolean list = view.equals("list");
        if (list && !account.has(Permission.READ_PERSONAL_DATA)) {
            Replies.error(ctx, 403, "accès refusé : le rôle « " + account.role().frenchName() + " » ("
                    + account.role().label() + ") n'a que des agrégats (view=counts) ; une liste de personnes demande"
                    + " l'accès " + Permission.READ_PERSONAL_DATA.accessTo() + " (" + Permission.READ_PERSONAL_DATA + ")");
            return;
        }
        if (!account.role().seesAllSectors()) {
            SortedSet<Integer> outside = new TreeSet<>(selection.namedArrondissements());
            outside.removeAll(account.sectors());
            if (account.sectors().isEmpty() || !outside.isEmpty()) {
                SortedSet<Integer> named = new TreeSet<>(outside);
                named.addAll(account.sectors());
                SectorNames names = sectorNames.of(named); // one look-up for both lists
                Replies.error(ctx, 403, "accès refusé : hors de vos secteurs (" + (account.sectors().isEmpty() ? "aucun"
                        : names.list(account.sectors())) + ")" + (outside.isEmpty() ? "" : " : " + names.list(outside)));
                return;
            }
            if (selection.namedArrondissements().isEmpty()) {
                selection = selection.within(account.sectors());
            }
        }
        List<String> lists = account.role().seesAllSectors() ? fr.terrain.store.FieldData.contests(store)
                : fr.terrain.store.FieldData.contestsIn(store, account.sectors());
        if (!lists.contains(selection.contest())) { // a mistyped id read « total: 0 », as an empty list would
            Replies.error(ctx, 404, fr.terrain.store.FieldData.noSuchList(selection.contest(),
                    account.role().seesAllSectors() ? "" : " dans vos secteurs", lists));
            return;
        }
        try {
            selection.checkDay(today, fr.terrain.store.Elections.rounds(store, selection.contest()).stream()
                    .map(fr.terrain.election.Election::date).toList());
        } catch (VoterSelection.Refused e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        String query = ctx.queryString() == null ? "" : ctx.queryString();
        ctx.header("Cache-Control", "no-store");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("contest", selection.contest());
        answer.put("asOf", selection.asOf().toString());
        answer.put("arrondissements", selection.arrondissements());
        answer.put("stations", selection.stations().stream().map(Object::toString).toList());
        if (list) {
            // the pages' total: a person whose processing is restricted (GDPR art. 18) is on none of them
            answer.put("total", VoterSelections.listed(store, selection));
            List<VoterSelections.Listed> persons = VoterSelections.page(store, selection);
            AuditLog.append(store, account.name(), "voters.view", "voters:" + selection.contest(), persons.size(), query);
            answer.put("page", selection.page());
            answer.put("pageSize", selection.pageSize());
            answer.put("sort", selection.sort().id());
            answer.put("persons", persons);
        } else {
            VoterSelections.Counts counts = VoterSelections.count(store, selection);
            answer.put("total", counts.total());
            AuditLog.append(store, account.name(), "voters.count", "voters:" + selection.contest(), counts.total(), query);
            answer.put("bySex", counts.bySex());
            answer.put("byAgeBand", counts.byAgeBand());
            answer.put("byStation", counts.byStation());
        }
        ctx.contentType(ContentType.APPLICATION_JSON).result(Json.write(answer));
    }
}
