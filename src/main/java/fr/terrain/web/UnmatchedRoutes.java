package fr.terrain.web;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.account.Account;
import fr.terrain.account.Permission;
import fr.terrain.election.StationCode;
import fr.terrain.field.Address;
import fr.terrain.field.AddressCorrection;
import fr.terrain.field.AddressMatcher;
import fr.terrain.field.Match;
import fr.terrain.field.UnmatchedAddresses;
import fr.terrain.field.VoterAddress;
import fr.terrain.store.AddressCorrections;
import fr.terrain.store.AuditLog;
import fr.terrain.store.FieldData;
import fr.terrain.store.Geography;
import fr.terrain.store.Store;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The electoral list's addresses that match no BAN address, for a person to correct:
 * {@code /adresses/non-rapprochees}, one row per listed address ({@link UnmatchedAddresses}) with its number
 * of voters, a page at a time. Addresses only, never names (as {@code terrain doors match --unmatched});
 * organizers see the voters of their sectors only; every view and correction is audited. A correction is
 * stored by the listed address ({@code address_correction}, V12) and applies to every later matching; it
 * is kept only when the corrected address matches.
 */
final class UnmatchedRoutes {
    static final String PAGE = "/adresses/non-rapprochees";
    static final String API = "/api/addresses/unmatched";

    /**
     * A contest's unmatched voters, worked out from every voter's address (seconds on a list of a million): kept
     * while the imports, the voter rows ({@link FieldData#votersVersion}) and the corrections stay as they were.
     * Addresses and row ids only, like the answers made from it.
     */
    private record Survey(String version, String contest, Map<String, AddressCorrection> corrections,
            List<UnmatchedAddresses.Unmatched> unmatched, Map<StationCode, Long> votersByStation, long withoutStation) {

        long voters(Account account) {
            long n = account.role().seesAllSectors() ? withoutStation : 0;
            for (var e : votersByStation.entrySet()) {
                if (account.role().seesAllSectors() || account.seesSector(e.getKey().arrondissement())) {
                    n += e.getValue();
                }
            }
            return n;
        }

        /** The same after a correction of this listed address that matches: its voters leave the list. */
        Survey corrected(String key, AddressCorrection c) {
            Map<String, AddressCorrection> more = new HashMap<>(corrections);
            more.put(key, c);
            return new Survey(version, contest, Map.copyOf(more),
                    unmatched.stream().filter(u -> !u.key().equals(key)).toList(), votersByStation, withoutStation);
        }
    }

    private final Store store;
    private final ByDataVersion<AddressMatcher> matchers;
    /** By contest: a campaign may hold the lists of two elections, viewed in turn. */
    private final Map<String, Survey> surveys = new HashMap<>();

    private final SectorNameCache sectorNames;

    private UnmatchedRoutes(Store store, ByDataVersion<AddressMatcher> matchers, SectorNameCache sectorNames) {
        this.store = store;
        this.matchers = matchers;
        this.sectorNames = sectorNames;
    }

    /**
     * @param matchers the BAN addresses' matcher, shared by the pages that match voters' addresses
     * @param sectorNames names the viewer's sectors in the audit log
     */
    static List<WebRoute> routes(Store store, ByDataVersion<AddressMatcher> matchers, SectorNameCache sectorNames) {
        UnmatchedRoutes r = new UnmatchedRoutes(store, matchers, sectorNames);
        return List.of(
                WebRoute.get(PAGE, Permission.READ_PERSONAL_DATA, ctx -> Pages.send(ctx, "non-rapprochees.html")),
                WebRoute.get(API, Permission.READ_PERSONAL_DATA, r::list),
                WebRoute.post(API + "/{voterId}/correction", Permission.READ_PERSONAL_DATA, r::correct));
    }

    /** The contest's survey, worked out again only when what it was made from changed (one at a time). */
    private synchronized Survey survey(String contest) {
        String version = Geography.dataVersion(store) + ":" + FieldData.votersVersion(store);
        Map<String, AddressCorrection> corrections = AddressCorrections.all(store);
        Survey s = surveys.get(contest);
        if (s != null && s.version().equals(version) && s.corrections().equals(corrections)) {
            return s;
        }
        List<VoterAddress> listed = FieldData.voterAddresses(store, contest, List.of());
        Map<StationCode, Long> byStation = new HashMap<>();
        long without = 0;
        for (VoterAddress v : listed) {
            if (v.station() == null) {
                without++;
            } else {
                byStation.merge(v.station(), 1L, Long::sum);
            }
        }
        s = new Survey(version, contest, Map.copyOf(corrections),
                UnmatchedAddresses.find(listed, corrections, matchers.current()), Map.copyOf(byStation), without);
        surveys.put(contest, s);
        return s;
    }

    private synchronized void corrected(String contest, String key, AddressCorrection c) {
        surveys.computeIfPresent(contest, (k, s) -> s.corrected(key, c));
    }

    private static boolean inScope(Account account, VoterAddress v) {
        if (account.role().seesAllSectors()) {
            return true;
        }
        return v.station() != null && account.seesSector(v.station().arrondissement());
    }

    /** Addresses a page shows by default, and at most. */
    static final int PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    private void list(Context ctx) {
        Account account = CurrentUser.of(ctx);
        // an organizer's lists are those with voters in their sectors (a Concarneau organizer was shown Paris's list)
        boolean all = account.role().seesAllSectors();
        List<String> contests = all ? FieldData.contests(store) : FieldData.contestsIn(store, account.sectors());
        String contest = ctx.queryParam("contest") != null ? ctx.queryParam("contest") : contests.isEmpty() ? null
                : contests.get(0);
        ctx.header("Cache-Control", "no-store");
        if (contest == null || !contests.contains(contest)) {
            Replies.error(ctx, 404, contest == null ? "aucune liste électorale importée" + (all ? "" : " pour vos secteurs")
                    : "aucun électeur importé pour « " + contest + " »" + (all ? "" : " dans vos secteurs")
                            + " ; scrutins : " + (contests.isEmpty() ? "aucun" : String.join(", ", contests)));
            return;
        }
        int offset = QueryParams.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = QueryParams.integer(ctx, "limit", PAGE_SIZE, 1, MAX_PAGE_SIZE);
        Survey survey = survey(contest);
        long voters = survey.voters(account);
        List<UnmatchedAddresses.Group> groups = UnmatchedAddresses.group(survey.unmatched(), v -> inScope(account, v));
        List<UnmatchedAddresses.Group> page = groups.subList(Math.min(offset, groups.size()),
                (int) Math.min(groups.size(), (long) offset + limit));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (UnmatchedAddresses.Group g : page) {
            VoterAddress v = g.first();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("voterId", v.voterId());
            row.put("voters", g.voters());
            row.put("station", g.stations().isEmpty() ? null : g.stations().get(0).toString());
            row.put("stations", g.stations().stream().map(Object::toString).toList());
            row.put("number", v.number());
            row.put("streetType", v.streetType());
            row.put("streetName", v.streetName());
            row.put("complements", g.complements());
            row.put("postcode", v.postcode());
            row.put("commune", v.communeCode());
            row.put("reason", g.quality().name().toLowerCase(Locale.ROOT));
            row.put("reasonLabel", g.quality().label());
            row.put("corrected", g.corrected());
            rows.add(row);
        }
        int shown = page.stream().mapToInt(UnmatchedAddresses.Group::voters).sum();
        AuditLog.append(store, account.name(), "voters.unmatched.view", "voters:unmatched-addresses:" + contest, shown,
                sectorNames.scope(account)
                        + (page.isEmpty() ? " ; aucune adresse affichée sur " : " ; adresses " + Replies.count(offset + 1) + "–"
                                + Replies.count(offset + page.size()) + " sur ") + Replies.count(groups.size()));
        Map<String, Object> byReason = new LinkedHashMap<>();
        UnmatchedAddresses.byReason(groups).forEach((q, n) -> byReason.put(q.label(), n));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("contest", contest);
        answer.put("contests", contests);
        answer.put("voters", voters);
        answer.put("allSectors", all);
        // the voters the list places in no station are the direction's to see (their address may be in any sector):
        // an organizer is told how many there are, so that « 0 sur 0 » is not read as an empty list
        answer.put("votersWithoutStationHidden", all ? 0 : survey.withoutStation());
        answer.put("unmatchedVoters", groups.stream().mapToInt(UnmatchedAddresses.Group::voters).sum());
        answer.put("addresses", groups.size());
        answer.put("byReason", byReason);
        answer.put("offset", offset);
        answer.put("limit", limit);
        answer.put("unmatched", rows);
        ctx.contentType(ContentType.APPLICATION_JSON).result(Json.write(answer));
    }

    private void correct(Context ctx) {
        Account account = CurrentUser.of(ctx);
        long voterId;
        try {
            voterId = Long.parseLong(ctx.pathParam("voterId"));
        } catch (NumberFormatException e) {
            Replies.error(ctx, 400, "électeur : un numéro est attendu, pas « " + ctx.pathParam("voterId") + " »");
            return;
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(ctx.body());
        } catch (Exception e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            Replies.error(ctx, 400, "corps JSON attendu : {\"number\": \"12\", \"street\": \"Rue de Charonne\"}");
            return;
        }
        AddressCorrection correction;
        try {
            correction = new AddressCorrection(text(body, "number"), text(body, "street"));
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        var found = FieldData.voterAddress(store, voterId);
        if (found.isEmpty() || !inScope(account, found.get().getValue())) {
            // the same answer outside one's sectors: whether a record exists there is not for this account to know
            Replies.error(ctx, 404, "électeur " + voterId + " introuvable" + (account.role().seesAllSectors() ? ""
                    : " dans vos secteurs"));
            return;
        }
        String contest = found.get().getKey();
        VoterAddress listed = found.get().getValue();
        Match m = matchers.current().match(correction.apply(listed));
        if (!m.matched()) {
            Replies.error(ctx, 422, "adresse corrigée toujours sans correspondance dans la BAN (" + m.quality().label()
                    + ") : rien n'est enregistré");
            return;
        }
        String key = AddressCorrection.key(listed);
        long same = survey(contest).unmatched().stream().filter(u -> u.key().equals(key)).count();
        if (same == 0) { // a voter that matched already (the API takes any): count every voter written this way
            same = FieldData.voterAddresses(store, contest, List.of()).stream()
                    .filter(v -> AddressCorrection.key(v).equals(key)).count();
        }
        AddressCorrections.save(store, listed, correction, account.name(), same);
        corrected(contest, key, correction);
        Address a = m.address();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("voterId", voterId);
        answer.put("matched", true);
        answer.put("quality", m.quality().name().toLowerCase(Locale.ROOT));
        answer.put("qualityLabel", m.quality().label());
        answer.put("banId", a.banId());
        answer.put("address", a.number() + (a.suffix() == null ? "" : " " + a.suffix()) + " " + a.street() + ", "
                + a.postcode() + " " + a.commune());
        answer.put("votersCorrected", same);
        ctx.contentType(ContentType.APPLICATION_JSON).result(Json.write(answer));
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
