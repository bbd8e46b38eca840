package fr.terrain.web;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.account.Account;
import fr.terrain.account.PasswordHasher;
import fr.terrain.account.Permission;
import fr.terrain.account.Role;
import fr.terrain.account.Secrets;
import fr.terrain.election.SectorCodes;
import fr.terrain.election.SectorNames;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.Accounts;
import fr.terrain.store.Store;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The accounts page ({@code /comptes}, MANAGE_USERS: the administrator), the web side of {@code terrain user}: the
 * accounts with their role and sectors, creating one, disabling one, resetting a password. A password is generated
 * by the server and shown once in the reply (never stored in clear, never sent again); every change is audited in the
 * transaction that makes it. An administrator cannot disable their own account (the campaign would be left without
 * anyone to manage accounts but from the server's shell).
 */
final class AccountRoutes {
    static final String PAGE = "/comptes";

    private final Store store;
    private final SectorNameCache sectorNames;
    private final PasswordHasher hasher;

    private AccountRoutes(Store store, SectorNameCache sectorNames, PasswordHasher hasher) {
        this.store = store;
        this.sectorNames = sectorNames;
        this.hasher = hasher;
    }

    static List<WebRoute> routes(Store store, SectorNameCache sectorNames) {
        AccountRoutes r = new AccountRoutes(store, sectorNames, PasswordHasher.standard());
        return List.of(WebRoute.get(PAGE, Permission.MANAGE_USERS, ctx -> Pages.send(ctx, "comptes.html")),
                WebRoute.get("/api/accounts", Permission.MANAGE_USERS, r::list),
                WebRoute.post("/api/accounts", Permission.MANAGE_USERS, r::add),
                WebRoute.post("/api/accounts/{name}/disable", Permission.MANAGE_USERS, r::disable),
                WebRoute.post("/api/accounts/{name}/password", Permission.MANAGE_USERS, r::password));
    }

    /** {@code accounts} (name, role, roleName, sectors by name, createdAt, disabled, self) and the {@code roles}. */
    private void list(Context ctx) {
        String me = CurrentUser.of(ctx).name();
        List<AccountRecord> all = Accounts.list(store);
        Set<Integer> sectors = new TreeSet<>();
        all.forEach(a -> sectors.addAll(a.account().sectors()));
        SectorNames names = sectorNames.of(sectors);
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (AccountRecord a : all) {
            Role role = a.account().role();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            m.put("role", role.label());
            m.put("roleName", role.frenchName());
            m.put("allSectors", role.seesAllSectors());
            m.put("sectors", a.account().sectors().stream().sorted().map(names::of).toList());
            m.put("createdAt", a.createdAt().toString());
            m.put("disabled", a.disabled());
            m.put("self", a.name().equals(me));
            accounts.add(m);
        }
        List<Map<String, Object>> roles = Arrays.stream(Role.values()).map(r -> Map.<String, Object>of("id", r.label(),
                "name", r.frenchName(), "allSectors", r.seesAllSectors())).toList();
        send(ctx, Map.of("accounts", accounts, "roles", roles));
    }

    /** {"name", "role", "sectors": "11,12"}: the account, with its generated password (shown once). */
    private void add(Context ctx) {
        JsonNode body = Replies.jsonObject(ctx);
        String name = text(body, "name");
        Role role = Role.find(text(body, "role")).orElseThrow(() -> new BadRequestResponse("rôle inconnu « "
                + text(body, "role") + " »"));
        Set<Integer> sectors = sectors(text(body, "sectors"));
        if (!role.seesAllSectors() && sectors.isEmpty()) {
            throw new BadRequestResponse("un " + role.frenchName() + " ne voit que ses secteurs : indiquez-en au moins un");
        }
        Account account;
        try {
            account = Account.of(name, role, role.seesAllSectors() ? Set.of() : sectors);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        if (Accounts.find(store, name).isPresent()) {
            throw new BadRequestResponse("le compte « " + name + " » existe déjà");
        }
        String password = Secrets.generatePassword();
        Accounts.add(store, account, hasher.hash(password), Instant.now(), CurrentUser.of(ctx).name());
        send(ctx, Map.of("name", name, "password", password));
    }

    private void disable(Context ctx) {
        String name = ctx.pathParam("name");
        if (name.equals(CurrentUser.of(ctx).name())) {
            throw new BadRequestResponse("vous ne pouvez pas désactiver votre propre compte");
        }
        if (!Accounts.disable(store, name, CurrentUser.of(ctx).name())) {
            throw new NotFoundResponse("compte inconnu : " + name);
        }
        send(ctx, Map.of("name", name, "disabled", true));
    }

    /** A new generated password (shown once); the account's sessions end. */
    private void password(Context ctx) {
        String name = ctx.pathParam("name");
        String password = Secrets.generatePassword();
        if (!Accounts.setPassword(store, name, hasher.hash(password), CurrentUser.of(ctx).name())) {
            throw new NotFoundResponse("compte inconnu : " + name);
        }
        send(ctx, Map.of("name", name, "password", password));
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? "" : n.asText().strip();
    }

    private static Set<Integer> sectors(String list) {
        try {
            return SectorCodes.parseList(list);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("sectors : " + e.getMessage());
        }
    }

    private static void send(Context ctx, Object value) {
        // a generated password is in some replies: never kept by a cache
        ctx.header("Cache-Control", "no-store").contentType(io.javalin.http.ContentType.APPLICATION_JSON)
                .result(Json.write(value));
    }
}
