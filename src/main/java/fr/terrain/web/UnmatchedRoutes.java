package fr.terrain.web;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.account.Account;
import fr.terrain.account.Permission;
import fr.terrain.field.Address;
import fr.terrain.field.AddressCorrection;
import fr.terrain.field.AddressMatcher;
import fr.terrain.field.Match;
import fr.terrain.field.VoterAddress;
import fr.terrain.store.AddressCorrections;
import fr.terrain.store.AuditLog;
import fr.terrain.store.FieldData;
import fr.terrain.store.Geography;
import fr.terrain.store.Store;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The electoral list's records whose address matches no BAN address, for a person to correct:
 * {@code /adresses/non-rapprochees}. Addresses only, never names (as {@code terrain doors match
 * --unmatched}); organizers see the records of their sectors only; every view and correction is
 * audited. A correction is stored by the listed address ({@code address_correction}, V12) and applies
 * to every later matching; it is kept only when the corrected address matches.
 */
final class UnmatchedRoutes {
    static final String PAGE = "/adresses/non-rapprochees";
    static final String API = "/api/addresses/unmatched";

    private record Cached(long version, AddressMatcher matcher) {}

    private final Store store;
    private volatile Cached cached;

    private UnmatchedRoutes(Store store) {
        this.store = store;
    }

    static List<WebRoute> routes(Store store) {
        UnmatchedRoutes r = new UnmatchedRoutes(store);
        return List.of(
                WebRoute.get(PAGE, Permission.READ_PERSONAL_DATA, ctx -> Pages.send(ctx, "non-rapprochees.html")),
                WebRoute.get(API, Permission.READ_PERSONAL_DATA, r::list),
                WebRoute.post(API + "/{voterId}/correction", Permission.READ_PERSONAL_DATA, r::correct));
    }

    private AddressMatcher matcher() {
        long version = Geography.dataVersion(store);
        Cached c = cached;
        if (c == null || c.version() != version) {
            c = new Cached(version, AddressMatcher.of(Geography.addresses(store)));
            cached = c;
        }
        return c.matcher();
    }

    private static boolean inScope(Account account, VoterAddress v) {
        if (account.role().seesAllSectors()) {
            return true;
        }
        return v.station() != null && account.seesSector(v.station().arrondissement());
    }

    private void list(Context ctx) {
        Account account = CurrentUser.of(ctx);
        List<String> contests = FieldData.contests(store);
        String contest = ctx.queryParam("contest") != null ? ctx.queryParam("contest") : contests.isEmpty() ? null
                : contests.get(0);
        ctx.header("Cache-Control", "no-store");
        if (contest == null || !contests.contains(contest)) {
            Replies.error(ctx, 404, contest == null ? "aucune liste électorale importée"
                    : "aucun électeur importé pour « " + contest + " » ; scrutins : " + String.join(", ", contests));
            return;
        }
        Map<String, AddressCorrection> corrections = AddressCorrections.all(store);
        AddressMatcher matcher = matcher();
        long voters = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (VoterAddress listed : FieldData.voterAddresses(store, contest, List.of())) {
            if (!inScope(account, listed)) {
                continue;
            }
            voters++;
            AddressCorrection c = corrections.get(AddressCorrection.key(listed));
            VoterAddress v = c == null ? listed : c.apply(listed);
            Match m = matcher.match(v);
            if (m.matched()) {
                continue;
            }
            byReason.merge(m.quality().label(), 1L, Long::sum);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("voterId", v.voterId());
            row.put("importId", v.importId());
            row.put("station", v.station() == null ? null : v.station().toString());
            row.put("number", v.number());
            row.put("streetType", v.streetType());
            row.put("streetName", v.streetName());
            row.put("complement", v.complement());
            row.put("postcode", v.postcode());
            row.put("commune", v.communeCode());
            row.put("reason", m.quality().name().toLowerCase(Locale.ROOT));
            row.put("reasonLabel", m.quality().label());
            row.put("corrected", c != null);
            rows.add(row);
        }
        AuditLog.append(store, account.name(), "voters.unmatched.view", "voters:unmatched-addresses:" + contest, rows.size(),
                account.role().seesAllSectors() ? "tous secteurs" : "secteurs " + account.sectors());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("contest", contest);
        answer.put("contests", contests);
        answer.put("voters", voters);
        answer.put("byReason", byReason);
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
        Match m = matcher().match(correction.apply(listed));
        if (!m.matched()) {
            Replies.error(ctx, 422, "adresse corrigée toujours sans correspondance dans la BAN (" + m.quality().label()
                    + ") : rien n'est enregistré");
            return;
        }
        String key = AddressCorrection.key(listed);
        long same = FieldData.voterAddresses(store, contest, List.of()).stream()
                .filter(v -> AddressCorrection.key(v).equals(key)).count();
        AddressCorrections.save(store, listed, correction, account.name(), same);
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
