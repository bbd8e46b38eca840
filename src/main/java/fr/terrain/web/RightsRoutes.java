package fr.terrain.web;

import fr.terrain.election.Paris;
import static fr.terrain.account.Permission.HANDLE_RIGHTS;
import static fr.terrain.account.Permission.READ_PERSONAL_DATA;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.account.Account;
import fr.terrain.privacy.ConsentChannel;
import fr.terrain.privacy.ConsentEvent;
import fr.terrain.privacy.ConsentHistory;
import fr.terrain.privacy.Identifier;
import fr.terrain.privacy.IdentifierHasher;
import fr.terrain.privacy.Identifiers;
import fr.terrain.privacy.ReceivedVia;
import fr.terrain.privacy.RightsRequest;
import fr.terrain.store.AuditLog;
import fr.terrain.store.ConsentLedger;
import fr.terrain.store.Erasure;
import fr.terrain.store.HashKeyFile;
import fr.terrain.store.PersonFile;
import fr.terrain.store.PersonRecord;
import fr.terrain.store.Persons;
import fr.terrain.store.Restrictions;
import fr.terrain.store.RightsRequests;
import fr.terrain.store.Store;
import fr.terrain.store.StoreException;
import fr.terrain.store.SuppressionList;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Handler;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rights requests, the suppression list and the consent ledger in the web app: the {@code /droits}
 * dashboard and its API. Every read of a person and every change is written to the audit log.
 */
public final class RightsRoutes {
    private final Store store;

    RightsRoutes(Store store) {
        this.store = store;
    }

    List<WebRoute> routes() {
        return List.of(
                WebRoute.get("/droits", HANDLE_RIGHTS, ctx -> Pages.send(ctx, "droits.html")),
                WebRoute.get("/droits/{id}/export", HANDLE_RIGHTS, guarded(this::exportPage)),
                WebRoute.get("/api/rights", HANDLE_RIGHTS, guarded(this::list)),
                WebRoute.post("/api/rights", HANDLE_RIGHTS, guarded(this::add)),
                WebRoute.post("/api/rights/{id}/start", HANDLE_RIGHTS, guarded(this::start)),
                WebRoute.post("/api/rights/{id}/extend", HANDLE_RIGHTS, guarded(this::extend)),
                WebRoute.post("/api/rights/{id}/close", HANDLE_RIGHTS, guarded(this::close)),
                WebRoute.post("/api/rights/{id}/erase", HANDLE_RIGHTS, guarded(this::erase)),
                WebRoute.post("/api/rights/{id}/lift", HANDLE_RIGHTS, guarded(this::lift)),
                WebRoute.get("/api/rights/{id}/export", HANDLE_RIGHTS, guarded(this::exportJson)),
                WebRoute.post("/api/suppressions", HANDLE_RIGHTS, guarded(this::suppress)),
                WebRoute.get("/api/persons/{id}/consents", READ_PERSONAL_DATA, guarded(this::consents)),
                WebRoute.post("/api/persons/{id}/consents", READ_PERSONAL_DATA, guarded(this::recordConsent)));
    }

    /** Store refusals and bad values become 400 with their message, never 500. */
    private static Handler guarded(Handler h) {
        return ctx -> {
            try {
                h.handle(ctx);
            } catch (StoreException | IllegalArgumentException | java.time.DateTimeException e) {
                throw new BadRequestResponse(e.getMessage());
            }
        };
    }

    private IdentifierHasher hasher() {
        return HashKeyFile.load(store.home().orElseThrow(() -> new io.javalin.http.ServiceUnavailableResponse(
                "pas de répertoire de données : la clé de la liste d'opposition est introuvable")));
    }

    private static String actor(Context ctx) {
        return CurrentUser.of(ctx).name();
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("numéro invalide : " + ctx.pathParam("id"));
        }
    }

    private static JsonNode body(Context ctx) {
        return Replies.jsonObject(ctx);
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText().strip();
    }

    private static String required(JsonNode body, String field) {
        String s = text(body, field);
        if (s == null) {
            throw new BadRequestResponse(FIELDS.getOrDefault(field, field) + " : requis");
        }
        return s;
    }

    /** The fields the rights page's forms fill, as their labels read (the field's name follows, for API users). */
    private static final Map<String, String> FIELDS = Map.of("firstNames", "Prénom (firstNames)", "postcode",
            "Code postal (postcode)", "reason", "Motif (reason)", "kind", "Type (kind)");

    private static LocalDate today() {
        return Paris.today();
    }

    /** The {@code asOf} day asked for, if any. */
    private static java.util.Optional<LocalDate> asOf(Context ctx) {
        String value = ctx.queryParam("asOf");
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(day(value, "asOf"));
    }

    /** A day written AAAA-MM-JJ; a 400 naming the field when it is not one. */
    private static LocalDate day(String value, String field) {
        try {
            return LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadRequestResponse(field + " : date attendue sous la forme AAAA-MM-JJ, pas « " + value + " »");
        }
    }

    private RightsRequest requireRequest(long id) {
        return RightsRequests.find(store, id).orElseThrow(() -> new NotFoundResponse("demande inconnue : n° " + id));
    }

    // ---- requests

    private void list(Context ctx) {
        LocalDate day = asOf(ctx).orElseGet(RightsRoutes::today);
        boolean overdueOnly = "true".equals(ctx.queryParam("overdue"));
        List<Map<String, Object>> out = new ArrayList<>();
        int persons = 0;
        for (RightsRequest r : RightsRequests.list(store)) {
            if (overdueOnly && !r.overdueOn(day)) {
                continue;
            }
            Map<String, Object> m = describe(r, day);
            if (r.kind() == RightsRequest.Kind.RESTRICTION) {
                m.put("restrictionInForce", store.jdbi().withHandle(h -> Restrictions.inForce(h, r.id())));
            }
            if (r.personId().isPresent()) {
                m.put("person", Persons.find(store, r.personId().get()).map(PersonRecord::display).orElse(null));
                persons++;
            }
            out.add(m);
        }
        AuditLog.append(store, actor(ctx), "rights.list", "/api/rights", persons, overdueOnly ? "en retard seulement" : "toutes");
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("asOf", day.toString());
        reply.put("overdue", out.stream().filter(m -> Boolean.TRUE.equals(m.get("overdue"))).count());
        reply.put("requests", out);
        // what an access answer needs and the settings do not say (it would read « à renseigner »)
        reply.put("settingsMissing", ComplianceRoutes.identity(store).missing());
        json(ctx, reply);
    }

    private static Map<String, Object> describe(RightsRequest r, LocalDate day) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("kind", r.kind().id());
        m.put("kindLabel", r.kind().label());
        m.put("personId", r.personId().orElse(null));
        m.put("receivedOn", r.receivedOn().toString());
        m.put("receivedVia", r.receivedVia());
        m.put("receivedViaWords", ReceivedVia.words(r.receivedVia()));
        m.put("dueOn", r.dueOn().toString());
        m.put("extendedDueOn", r.extendedDueOn() == null ? null : r.extendedDueOn().toString());
        m.put("deadline", r.deadline().toString());
        m.put("status", r.status().id());
        m.put("statusLabel", r.status().label());
        m.put("overdue", r.overdueOn(day));
        m.put("refusalReason", r.refusalReason());
        m.put("report", r.report());
        return m;
    }

    /** {"kind": "access", "receivedOn": "2026-02-14", "via": "letter", "person": {"id"|"voter"|"name", "firstNames", "birthDate", "commune"}}. */
    private void add(Context ctx) {
        JsonNode body = body(ctx);
        RightsRequest.Kind kind = RightsRequest.Kind.of(required(body, "kind"));
        String received = text(body, "receivedOn");
        LocalDate receivedOn = received == null ? today() : day(received, "receivedOn");
        String via = text(body, "via") == null ? "letter" : text(body, "via");
        RightsRequests.check(receivedOn, via); // before the person is found or created: a refusal leaves no identity
        // the person found or created, the request and its audit entry land together (one handle per thread)
        RightsRequest r = store.jdbi().inTransaction(h -> RightsRequests.add(store, kind,
                person(body.path("person"), CurrentUser.of(ctx)).id(), receivedOn, via, actor(ctx)));
        ctx.status(201);
        json(ctx, describe(r, today()));
    }

    /**
     * The person a request is about. By record or voter number only for a caller who may read personal data (the
     * staff who found the person in a list); the DPO names them as their request does — name, first names, birth
     * date — so that the role reaches no one who did not ask.
     */
    private PersonRecord person(JsonNode p, Account caller) {
        if ((p.hasNonNull("id") || p.hasNonNull("voter")) && !caller.has(READ_PERSONAL_DATA)) {
            throw new ForbiddenResponse("person : le rôle « " + caller.role().frenchName() + " » désigne la personne par"
                    + " son nom, ses prénoms et sa date de naissance (name, firstNames, birthDate), comme sa demande");
        }
        if (p.hasNonNull("id")) {
            return Persons.find(store, p.get("id").asLong()).orElseThrow(() -> new BadRequestResponse("personne inconnue"));
        }
        if (p.hasNonNull("voter")) {
            return Persons.forVoter(store, p.get("voter").asLong());
        }
        String name = text(p, "name");
        String first = text(p, "firstNames");
        String birth = text(p, "birthDate");
        if (name == null || first == null || birth == null) {
            throw new BadRequestResponse("person : " + (caller.has(READ_PERSONAL_DATA) ? "id, voter, ou " : "")
                    + "name + firstNames + birthDate");
        }
        return Persons.findOrCreate(store, name, first, day(birth, "person.birthDate"), text(p, "commune"));
    }

    private void start(Context ctx) {
        long id = id(ctx);
        requireRequest(id);
        RightsRequest r = RightsRequests.start(store, id, actor(ctx));
        json(ctx, describe(r, today()));
    }

    private void extend(Context ctx) {
        long id = id(ctx);
        requireRequest(id);
        RightsRequest r = RightsRequests.extend(store, id, required(body(ctx), "reason"), today(), actor(ctx));
        json(ctx, describe(r, today()));
    }

    /** {"note": "…"}: lifts a restriction (art. 18(3)), closing its request when still open. */
    private void lift(Context ctx) {
        long id = id(ctx);
        requireRequest(id);
        String note = text(body(ctx), "note");
        RightsRequest lifted = RightsRequests.lift(store, id, note, actor(ctx));
        json(ctx, describe(lifted, today()));
    }

    /** {"refuse": "motif"} refuses; otherwise done (an objection puts the person on the suppression list). */
    private void close(Context ctx) {
        long id = id(ctx);
        RightsRequest r = requireRequest(id);
        JsonNode body = body(ctx);
        String refuse = text(body, "refuse");
        String note = text(body, "note");
        RightsRequest closed;
        if (refuse != null) {
            closed = RightsRequests.close(store, id, RightsRequest.Status.REFUSED, refuse, actor(ctx));
        } else {
            if (r.kind() == RightsRequest.Kind.ERASURE) {
                throw new BadRequestResponse("un effacement se traite par POST /api/rights/" + id + "/erase");
            }
            closed = RightsRequests.closeDone(store, hasher(), id, note, actor(ctx));
        }
        json(ctx, describe(closed, today()));
    }

    private void erase(Context ctx) {
        long id = id(ctx);
        requireRequest(id);
        Erasure.Report report = Erasure.run(store, hasher(), id, actor(ctx), rep -> Json.write(rep.toMap()));
        json(ctx, report.toMap());
    }

    private Map<String, Object> personFile(Context ctx, String format) {
        long id = id(ctx);
        RightsRequest r = requireRequest(id);
        var settings = ComplianceRoutes.settings(store);
        Map<String, Object> file = PersonFile.of(store, hasher(), id, settings.identity(), settings.retention());
        if (r.status() == RightsRequest.Status.RECEIVED) {
            RightsRequests.start(store, id, actor(ctx));
        }
        AuditLog.append(store, actor(ctx), "rights.export", "request:" + id, PersonFile.items(file),
                "person:" + r.personId().orElseThrow() + " format=" + format);
        return file;
    }

    private void exportJson(Context ctx) {
        Map<String, Object> file = personFile(ctx, "json");
        ctx.header("Cache-Control", "no-store").header("Content-Disposition", "attachment; filename=\"acces-"
                + id(ctx) + ".json\"");
        json(ctx, file);
    }

    private void exportPage(Context ctx) {
        Map<String, Object> file = personFile(ctx, "html");
        ctx.header("Cache-Control", "no-store").contentType("text/html; charset=utf-8").result(AccessExportPage.html(file));
    }

    // ---- suppression list

    /** {"email", "phone", "name", "firstNames", "address", "postcode", "birthDate", "reason", "via"} or {"person": id}. */
    private void suppress(Context ctx) {
        JsonNode body = body(ctx);
        SuppressionList.Reason reason = SuppressionList.Reason.of(text(body, "reason") == null ? "objection"
                : text(body, "reason"));
        if (reason == SuppressionList.Reason.ERASURE) {
            throw new BadRequestResponse("un effacement passe par une demande d'effacement");
        }
        String via = text(body, "via") == null ? "phone" : text(body, "via");
        try {
            ReceivedVia.of(via, ReceivedVia.OBJECTIONS); // what Terrain writes itself (rights-request, one-click) excluded
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        SuppressionList.Added added;
        if (body.hasNonNull("person")) {
            PersonRecord p = Persons.find(store, body.get("person").asLong())
                    .orElseThrow(() -> new BadRequestResponse("personne inconnue"));
            added = SuppressionList.addPerson(store, hasher(), p, reason, via, actor(ctx));
        } else {
            List<Identifier> ids = new ArrayList<>();
            if (text(body, "email") != null) {
                ids.add(Identifiers.emailOf(text(body, "email")));
            }
            if (text(body, "phone") != null) {
                ids.add(Identifiers.phoneOf(text(body, "phone")));
            }
            if (text(body, "name") != null) {
                String first = required(body, "firstNames");
                if (text(body, "address") != null) {
                    ids.add(Identifiers.nameAddress(text(body, "name"), first, text(body, "address"),
                            required(body, "postcode")));
                }
                if (text(body, "birthDate") != null) {
                    ids.add(Identifiers.nameBirthDate(text(body, "name"), first,
                            day(text(body, "birthDate"), "birthDate")));
                }
            }
            if (ids.isEmpty()) {
                throw new BadRequestResponse("rien à inscrire : indiquez un courriel, un téléphone, ou le nom et le prénom avec"
                        + " l'adresse et le code postal ou avec la date de naissance (API : person, email, phone, ou name +"
                        + " firstNames avec address + postcode ou birthDate)");
            }
            added = SuppressionList.addIdentifiers(store, hasher(), ids, reason, via, actor(ctx));
        }
        ctx.status(201);
        json(ctx, Map.of("hashesAdded", added.hashes(), "alreadyListed", added.alreadyListed(), "voterRowsRemoved",
                added.voterRowsRemoved(), "consentsWithdrawn", added.consentsWithdrawn()));
    }

    // ---- consent ledger

    /** The person, if the caller may see them: every sector, or one of the sectors of the person's voter rows. */
    private PersonRecord visiblePerson(Context ctx) {
        PersonRecord p = Persons.find(store, id(ctx)).orElseThrow(() -> new NotFoundResponse("personne inconnue"));
        Account account = CurrentUser.of(ctx);
        if (!account.role().seesAllSectors()) {
            boolean inSector = store.jdbi().withHandle(h -> Persons.voterRows(h, p)).stream().map(v -> (String) v.get(
                    "station_code")).filter(c -> c != null && c.contains("-"))
                    .anyMatch(c -> account.seesSector(Integer.parseInt(c.substring(0, c.indexOf('-')))));
            if (!inSector) {
                throw new ForbiddenResponse("cette personne n'est pas dans vos secteurs");
            }
        }
        return p;
    }

    private void consents(Context ctx) {
        PersonRecord p = visiblePerson(ctx);
        Instant at = asOf(ctx).map(d -> d.plusDays(1).atStartOfDay(Paris.ZONE).toInstant().minusNanos(1000))
                .orElseGet(Instant::now);
        ConsentHistory h = ConsentLedger.history(store, p.id());
        AuditLog.append(store, actor(ctx), "consent.view", p.reference(), 1, "as-of " + at);
        Map<String, Object> states = new LinkedHashMap<>();
        h.statesAt(at).forEach((c, s) -> states.put(c.id(), s.status().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-')));
        List<Map<String, Object>> events = new ArrayList<>();
        for (ConsentEvent e : h.events()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("channel", e.channel().id());
            m.put("event", e.kind().id());
            m.put("effectiveAt", e.effectiveAt().toString());
            m.put("method", e.method());
            m.put("noticeVersion", e.noticeVersion());
            m.put("scope", e.scope());
            m.put("evidence", e.evidence());
            m.put("recordedBy", e.recordedBy());
            m.put("recordedAt", e.recordedAt().toString());
            events.add(m);
        }
        json(ctx, Map.of("person", p.id(), "asOf", at.toString(), "states", states, "history", events));
    }

    /** {"channel": "sms", "event": "given"|"withdrawn", "method": "canvass", "notice": "sms-v1", "at", "scope", "evidence"}. */
    private void recordConsent(Context ctx) {
        PersonRecord p = visiblePerson(ctx);
        JsonNode body = body(ctx);
        ConsentEvent.Kind kind = ConsentEvent.Kind.of(required(body, "event"));
        Instant at = text(body, "at") == null ? Instant.now() : Instant.parse(text(body, "at"));
        ConsentEvent e = ConsentLedger.append(store, p.id(), new ConsentEvent(0, ConsentChannel.of(required(body, "channel")),
                kind, at, required(body, "method"), text(body, "notice"), text(body, "scope"), text(body, "evidence"),
                actor(ctx), Instant.now()), actor(ctx));
        ctx.status(201);
        json(ctx, Map.of("id", e.id(), "channel", e.channel().id(), "event", e.kind().id()));
    }

    private static void json(Context ctx, Object value) {
        ctx.header("Cache-Control", "no-store").contentType(ContentType.APPLICATION_JSON).result(Json.write(value));
    }
}
