package fr.terrain.web.map;

import fr.terrain.election.Election;
import fr.terrain.ingest.InputError;
import fr.terrain.ingest.TargetingFiles;
import fr.terrain.store.Blocs;
import fr.terrain.targeting.Bloc;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.Optional;

/** The parameters of a targeting plan in a request: {@code bloc}, {@code hours}, {@code reference}. */
final class PlanQuery {
    static final double DEFAULT_HOURS = 1000;
    static final double MAX_HOURS = 1_000_000;

    private PlanQuery() {}

    static Plans.Request parse(Context ctx, Snapshot snapshot, Election election) {
        String name = ctx.queryParam("bloc");
        if (name == null || name.isBlank()) {
            throw new BadRequestResponse("bloc : choisissez un bloc de listes (page Blocs) pour les indicateurs du plan");
        }
        Blocs.Saved saved = snapshot.bloc(name).orElseThrow(() -> new BadRequestResponse("bloc : bloc inconnu « " + name
                + " » ; créez-le sur la page Blocs"));
        Bloc bloc;
        try {
            bloc = TargetingFiles.parseBloc(saved.definition(), "bloc " + name);
        } catch (InputError e) {
            throw new BadRequestResponse("bloc : « " + name + " » est illisible : " + e.getMessage());
        }
        if (!bloc.covers(election.id())) {
            throw new BadRequestResponse("bloc : « " + name + " » ne classe aucune liste de " + election.id()
                    + " ; cochez ses listes sur la page Blocs");
        }
        double hours = DEFAULT_HOURS;
        String h = ctx.queryParam("hours");
        if (h != null && !h.isBlank()) {
            try {
                hours = Double.parseDouble(h.strip().replace(',', '.'));
            } catch (NumberFormatException e) {
                throw new BadRequestResponse("hours : nombre d'heures attendu, trouvé « " + h + " »");
            }
            if (!(hours > 0 && hours <= MAX_HOURS)) {
                throw new BadRequestResponse("hours : entre 0 et " + (long) MAX_HOURS + " heures, trouvé " + h);
            }
        }
        Optional<Election> reference = Optional.ofNullable(ctx.queryParam("reference")).filter(r -> !r.isBlank())
                .map(r -> snapshot.election(r).orElseThrow(() -> new BadRequestResponse("reference : élection inconnue « "
                        + r + " »")));
        if (reference.isPresent() && !bloc.covers(reference.get().id())) {
            throw new BadRequestResponse("reference : le bloc « " + name + " » ne classe aucune liste de "
                    + reference.get().id());
        }
        return new Plans.Request(election, bloc, saved.definition(), hours, reference);
    }
}
