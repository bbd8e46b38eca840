package fr.terrain.web;

import com.fasterxml.jackson.databind.JsonNode;
import fr.terrain.account.Account;
import fr.terrain.election.StationCode;
import fr.terrain.field.Start;
import fr.terrain.field.TurfParameters;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ForbiddenResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What the page « Découper des tournées » asks to cut (and, for a save, under which name): the JSON of
 * {@code POST /api/field/cuts} and {@code /api/field/plans} read and checked, numbers given as JSON numbers
 * or as the form's text (« 2,3969 » too). Contract: docs/field.md.
 *
 * @param dataVersion for a save, the {@code data_version} of the preview it saves (null: none given)
 */
record CutRequest(String contest, List<StationCode> stations, TurfParameters parameters, OptionalDouble minutesPerTurf,
        Optional<Start> meetingPoint, String name, String dataVersion) {

    /**
     * The request in a body of JSON, for a preview or, {@code named}, a save; a 400 or 403 naming the field.
     *
     * @param sectorNames names the account's sectors in the 403 (« hors de vos secteurs (Concarneau (29039)) »)
     */
    static CutRequest of(String json, Account account, boolean named, SectorNameCache sectorNames) {
        JsonNode body = Replies.readBody(json);
        if (body == null || !body.isObject()) {
            throw new BadRequestResponse("objet JSON attendu : {\"stations\": [\"20-1\", …], \"doors_per_turf\": 80}");
        }
        JsonNode list = body.get("stations");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new BadRequestResponse("stations : au moins un bureau, par ex. [\"20-1\", \"20-2\"]");
        }
        Set<StationCode> codes = new LinkedHashSet<>();
        for (JsonNode n : list) {
            if (!n.isTextual()) {
                throw new BadRequestResponse("stations : des codes de bureau entre guillemets, par ex. \"20-1\"");
            }
            try {
                codes.add(StationCode.parse(n.asText().strip()));
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse("stations : " + e.getMessage());
            }
        }
        if (codes.size() > TurfCutRoutes.MAX_STATIONS) {
            throw new BadRequestResponse("stations : au plus " + TurfCutRoutes.MAX_STATIONS + " bureaux par découpage, reçu "
                    + codes.size() + " (pour toute la ville : terrain turfs)");
        }
        for (StationCode c : codes) {
            if (!TurfCutRoutes.sees(account, c)) {
                throw new ForbiddenResponse("bureau " + c + " hors de vos secteurs ("
                        + sectorNames.list(account.sectors()) + ")");
            }
        }
        TurfParameters p = TurfParameters.DEFAULTS;
        OptionalDouble minutes = OptionalDouble.empty();
        boolean byDoors = present(body, "doors_per_turf");
        if (byDoors && present(body, "minutes_per_turf")) {
            throw new BadRequestResponse("doors_per_turf ou minutes_per_turf, pas les deux");
        }
        if (byDoors) {
            p = p.withDoorsPerTurf(integer(body, "doors_per_turf", 5, 500));
        } else if (present(body, "minutes_per_turf")) {
            minutes = OptionalDouble.of(number(body, "minutes_per_turf", 15, 600));
        }
        if (present(body, "max_doors")) {
            int cap = integer(body, "max_doors", 5, 500);
            if (byDoors && cap < p.doorsPerTurf()) {
                throw new BadRequestResponse("max_doors : au moins doors_per_turf (" + p.doorsPerTurf() + ")");
            }
            p = p.withCap(cap);
        }
        Optional<Start> meeting = Optional.empty();
        if (present(body, "meeting_point")) {
            JsonNode m = body.get("meeting_point");
            if (!m.isObject()) {
                throw new BadRequestResponse("meeting_point : {\"lon\": 2.3969, \"lat\": 48.8631} attendu");
            }
            meeting = Optional.of(new Start("point de rendez-vous", number(m, "lon", -180, 180, "meeting_point.lon"),
                    number(m, "lat", -90, 90, "meeting_point.lat")));
        }
        if (present(body, "contest") && !body.get("contest").isTextual()) {
            throw new BadRequestResponse("contest : le nom d'une liste électorale importée, entre guillemets");
        }
        String contest = present(body, "contest") ? body.get("contest").asText() : null;
        String name = null;
        if (named) {
            name = present(body, "name") ? body.get("name").asText().strip() : "";
            if (name.isEmpty()) {
                throw new BadRequestResponse("name : le nom du plan, par ex. « 20e samedi 14 mars »");
            }
        }
        String dataVersion = named && present(body, "data_version") ? body.get("data_version").asText() : null;
        return new CutRequest(contest, List.copyOf(codes), p, minutes, meeting, name, dataVersion);
    }

    private static boolean present(JsonNode body, String field) {
        return body.hasNonNull(field) && !(body.get(field).isTextual() && body.get(field).asText().isBlank());
    }

    private static int integer(JsonNode body, String field, int min, int max) {
        double v = number(body, field, min, max, field);
        if (v != Math.rint(v)) {
            throw new BadRequestResponse(field + " : un nombre entier entre " + min + " et " + max + ", reçu " + body.get(field));
        }
        return (int) v;
    }

    private static double number(JsonNode body, String field, int min, int max) {
        return number(body, field, min, max, field);
    }

    /** A number given as a JSON number or as text (the form's fields, « 1,5 » too), within [min, max]. */
    private static double number(JsonNode body, String field, int min, int max, String name) {
        JsonNode n = body.get(field);
        String text = n == null ? "" : n.isNumber() ? n.asText() : n.isTextual() ? n.asText().strip().replace(',', '.') : "";
        if (!text.matches("-?\\d+(\\.\\d+)?([eE]-?\\d+)?")) {
            throw new BadRequestResponse(name + " : un nombre attendu, reçu " + (n == null ? "rien" : n));
        }
        double v = Double.parseDouble(text);
        if (!(v >= min && v <= max)) {
            throw new BadRequestResponse(name + " : entre " + min + " et " + max + ", reçu " + n.asText());
        }
        return v;
    }
}
