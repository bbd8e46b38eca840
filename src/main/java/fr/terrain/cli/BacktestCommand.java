package fr.terrain.cli;

import fr.terrain.election.StationCode;
import fr.terrain.ingest.TargetingFiles;
import fr.terrain.store.Results;
import fr.terrain.store.Store;
import fr.terrain.store.TargetingData;
import fr.terrain.targeting.Backtest;
import fr.terrain.targeting.Bloc;
import fr.terrain.targeting.BlocCounts;
import fr.terrain.targeting.Parameters;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code terrain backtest}: how well the model predicts held-out stations, against two baselines. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Validation croisée sur les bureaux de --test : part du bloc et participation prédites pour les"
                + " bureaux mis de côté, par le modèle et par deux références (moyenne de l'arrondissement ;"
                + " swing uniforme depuis --train). Erreur absolue moyenne en points."})
final class BacktestCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--train", required = true, paramLabel = "ID",
            description = "Élection de référence (reportée sur le découpage de --test) ; égale à --test : sans référence.")
    String train;

    @Option(names = "--test", required = true, paramLabel = "ID", description = "Élection dont on prédit les bureaux.")
    String test;

    @Option(names = "--bloc", required = true, paramLabel = "FICHIER", description = "Définition du bloc (JSON), pour les deux élections.")
    Path bloc;

    @Option(names = "--folds", defaultValue = "10", paramLabel = "K",
            description = "Nombre de plis de la validation croisée (défaut ${DEFAULT-VALUE}).") int folds;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Graine du tirage des plis : la même graine redonne les mêmes plis (défaut ${DEFAULT-VALUE}).") long seed;

    @Option(names = "--params", paramLabel = "FICHIER",
            description = "Paramètres des modèles (JSON, champs de docs/targeting.md).") Path params;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Bloc b = TargetingFiles.readBloc(bloc);
        Parameters p = params == null ? Parameters.DEFAULTS : TargetingFiles.readParameters(params, Parameters.DEFAULTS);
        if (!b.covers(test)) {
            throw new Terrain.UserError("le bloc « " + b.name() + " » ne nomme aucune liste pour " + test);
        }
        TargetingData.Stations stations;
        Map<StationCode, BlocCounts> ref = Map.of();
        try (Store s = store.open()) {
            stations = TargetingData.stations(s, test);
            if (!train.equals(test)) {
                ref = TargetingData.reference(s, train, stations, b);
            }
            // a list name with a typo would drop that list from the bloc: errors of another bloc, printed without a word
            for (String id : train.equals(test) ? List.of(test) : List.of(test, train)) {
                TargetCommand.checkNames(b, id, Results.candidacies(s, id).values(), spec.commandLine().getErr());
            }
        }
        Backtest.Result r;
        try {
            r = Backtest.run(test, b, stations.stations(), train.equals(test) ? null : train, ref, folds, seed, p);
        } catch (IllegalArgumentException e) {
            throw new Terrain.UserError(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Validation croisée en %d plis sur %s%s%n", r.folds(), test,
                r.reference() == null ? " (sans élection de référence)" : ", référence " + r.reference());
        out.printf("%-20s %8s %8s %14s %14s %12s%n", "cible", "bureaux", "modèle", "moy. arrond.", "swing uniforme",
                "transitions");
        for (Backtest.Score s : r.scores()) {
            out.printf(Locale.FRANCE, "%-20s %8d %8.2f %14.2f %14s %12s%n",
                    s.target() == Backtest.Target.BLOC_SHARE ? "part du bloc" : "participation", s.stations(), s.model(),
                    s.arrondissementMean(), orDash(s.uniformSwing()), orDash(s.transitions()));
        }
        out.println("Erreur absolue moyenne, en points de pourcentage. « transitions » : la matrice de Goodman des"
                + " abstentionnistes sympathisants, ajustée sur les autres plis (contrôle, sans covariables).");
        out.flush();
        return 0;
    }

    private static String orDash(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.FRANCE, "%.2f", v);
    }
}
