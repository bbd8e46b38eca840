package fr.terrain.cli;

import fr.terrain.election.StationCode;
import fr.terrain.geo.Crosswalk;
import fr.terrain.ingest.DerivedRoundReader;
import fr.terrain.ingest.TargetingFiles;
import fr.terrain.store.Geography;
import fr.terrain.store.Results;
import fr.terrain.store.Store;
import fr.terrain.store.TargetingData;
import fr.terrain.targeting.Backtest;
import fr.terrain.targeting.Bloc;
import fr.terrain.targeting.BlocCounts;
import fr.terrain.targeting.Forecast;
import fr.terrain.targeting.Parameters;
import fr.terrain.territory.StationCrosswalk;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.locationtech.jts.geom.Geometry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code terrain backtest}: how well the model predicts held-out stations, against two baselines. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Validation croisée sur les bureaux de --test : part du bloc et participation prédites pour les"
                + " bureaux mis de côté, par le modèle et par deux références (moyenne de l'arrondissement ;"
                + " swing uniforme depuis --train). Erreur absolue moyenne en points.",
            "Avec --forecast : de plus, les estimations de --test reportées sur les bureaux d'un scrutin ultérieur"
                + " (table dérivée : inscrits, abstentions, parts pct_NOM des exprimés) et comparées à ce qu'ils ont"
                + " voté, sans tenir compte du niveau de la ville (corrélation de rang, erreur hors décalage moyen,"
                + " bureaux en tête retrouvés). Si --train nomme une autre élection, les abstentionnistes sympathisants"
                + " du modèle de transitions (comme terrain target --reference) sont comparés aussi."})
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

    @Option(names = "--forecast", paramLabel = "FICHIER",
            description = "Table dérivée d'un scrutin ultérieur (GeoJSON : contours, inscrits, abstentions, pct_NOM ;"
                    + " ex. paris-municipales-2026-t1) : lue pour comparer, jamais importée.") Path forecast;

    @Option(names = "--forecast-bloc", split = ",", paramLabel = "LISTE",
            description = "Listes du bloc dans ce fichier, par leur nom sans pct_ (ex. gregoire,chikirou) ; requis avec"
                    + " --forecast.") List<String> forecastBloc;

    @Option(names = "--top", defaultValue = "100", paramLabel = "K",
            description = "Avec --forecast : nombre de bureaux en tête comparés (défaut ${DEFAULT-VALUE}).") int top;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (String option : List.of("--forecast-bloc", "--top")) {
            if (forecast == null && spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        option + " ne sert qu'avec --forecast FICHIER");
            }
        }
        if (forecast != null && (forecastBloc == null || forecastBloc.isEmpty())) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--forecast demande --forecast-bloc : les listes du bloc dans ce fichier (ex. gregoire,chikirou)");
        }
        if (forecastBloc != null) { // a list named twice would count its share twice
            java.util.Set<String> named = new java.util.HashSet<>();
            for (String list : forecastBloc) {
                if (!named.add(list.strip().toLowerCase(Locale.ROOT))) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--forecast-bloc : la liste « "
                            + list.strip().toLowerCase(Locale.ROOT) + " » est donnée deux fois");
                }
            }
        }
        if (top < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--top doit être au moins 1, trouvé " + top);
        }
        Bloc b = TargetingFiles.readBloc(bloc);
        List<DerivedRoundReader.Station> later = null;
        if (forecast != null) {
            var file = DerivedRoundReader.read(forecast);
            // repaired contours, said as an import says them: on standard error, the table staying on standard output
            Reports.warnings(file.warnings(), "en lisant " + forecast.getFileName(), spec.commandLine().getErr());
            later = file.values();
        }
        List<Forecast.Observed> observed = later == null ? null : observed(forecast, forecastBloc, later);
        Parameters p = params == null ? Parameters.DEFAULTS : TargetingFiles.readParameters(params, Parameters.DEFAULTS);
        if (!b.covers(test)) {
            throw new Terrain.UserError("le bloc « " + b.name() + " » ne nomme aucune liste pour " + test);
        }
        TargetingData.Stations stations;
        Map<StationCode, BlocCounts> ref = Map.of();
        Crosswalk<StationCode, StationCode> onto = null;
        try (Store s = store.open()) {
            stations = TargetingData.stations(s, test);
            if (later != null) {
                if (stations.vintage() == null) {
                    throw new Terrain.UserError("aucun découpage de bureaux importé pour " + test
                            + " : impossible de reporter ses estimations sur les bureaux de " + forecast.getFileName()
                            + " (terrain import stations)");
                }
                Map<StationCode, Geometry> contours = new LinkedHashMap<>();
                later.forEach(st -> contours.put(st.code(), st.contour()));
                onto = StationCrosswalk.between(Geography.stations(s, stations.vintage()), contours).crosswalk();
            }
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
        if (onto != null) {
            Map<StationCode, BlocCounts> reference = ref;
            Crosswalk<StationCode, StationCode> crosswalk = onto;
            printForecast(out, forecast(forecast, () -> Forecast.run(test, b, stations.stations(),
                    train.equals(test) ? null : train, reference, crosswalk, observed, top, p)), stations.stations().size());
        }
        out.flush();
        return 0;
    }

    /**
     * {@code run}, its refusal of the file's stations ({@link Forecast.Refusal}) said as a user error naming
     * {@code file}; any other exception is a bug, not the file's fault, and is left as it is.
     */
    static Forecast.Result forecast(Path file, java.util.function.Supplier<Forecast.Result> run) {
        try {
            return run.get();
        } catch (Forecast.Refusal e) {
            throw new Terrain.UserError(file.getFileName() + " : " + e.getMessage());
        }
    }

    /**
     * The stations of {@code forecast} as they voted: votants from the official counts, the share of the bloc's
     * {@code lists} from the percentages.
     */
    static List<Forecast.Observed> observed(Path forecast, List<String> lists, List<DerivedRoundReader.Station> later) {
        List<Forecast.Observed> out = new ArrayList<>();
        for (DerivedRoundReader.Station st : later) {
            double share = 0;
            for (String list : lists) {
                // the file's names as it spells them (pct_Gregoire): a list is found whatever its case
                Double pct = st.shares().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(list.strip()))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                if (pct == null) {
                    throw new Terrain.UserError(forecast.getFileName() + " : bureau " + st.code() + " : pas de liste « "
                            + list.strip() + " » (--forecast-bloc) ; listes du fichier : " + String.join(", ",
                            st.shares().keySet()));
                }
                share += pct;
            }
            // the percentages are rounded to 0.01: two lists can pass 100 by a hair
            out.add(new Forecast.Observed(st.code(), st.registered(), st.voters(), Math.min(1, share / 100)));
        }
        return out;
    }

    private void printForecast(PrintWriter out, Forecast.Result r, int earlierStations) {
        out.println();
        out.printf("Prévision : estimations de %s reportées sur les bureaux de %s (%d comparés, %d laissé(s) de côté :"
                + " couverts à moins de %.0f %%), comparées à ce qu'ils ont voté%n", r.election(), forecast.getFileName(),
                r.compared().size(), r.leftOut().size(), 100 * Forecast.MIN_COVERAGE);
        out.printf("%-20s %-22s %9s %9s %12s %8s%n", "cible", "estimation", "Spearman", "décalage", "EAM décalée",
                "top " + r.topK());
        for (Forecast.Score sc : r.scores()) {
            // an estimate equal everywhere has no ranks: Spearman is undefined there
            out.printf(Locale.FRANCE, "%-20s %-22s %9s %+9.2f %12.2f %7.0f %%%n", label(sc.target()),
                    label(sc.estimate()), Double.isNaN(sc.spearman()) ? "—" : String.format(Locale.FRANCE, "%.3f",
                    sc.spearman()), sc.meanShift(), sc.maeAfterShift(), 100 * sc.topHits());
        }
        out.println("Spearman : corrélation de rang entre l'estimation et le réel. Décalage : réel − estimation en"
                + " moyenne sur les bureaux (points), ce que le premier scrutin ne pouvait pas savoir. EAM décalée :"
                + " erreur absolue moyenne une fois ce décalage ajouté à l'estimation (points). Top " + r.topK()
                + " : part des " + r.topK() + " bureaux en tête selon l'estimation (participation la plus basse ; part"
                + " du bloc, abstentionnistes sympathisants par inscrit les plus hauts) qui sont en tête dans le réel"
                + (r.topK() < top ? " (--top " + top + " : seulement " + r.topK() + (r.topK() == 1 ? " bureau comparé)."
                : " bureaux comparés).") : "."));
        out.println("target (lissage) : ce que calcule terrain target sans référence — participation telle quelle (target"
                + " ne la lisse pas), soutien du bloc du modèle hiérarchique (secteur, covariables INSEE, mise en commun"
                + " partielle). Covariables + voisins : le modèle de la validation croisée ajusté sur tous les bureaux,"
                + " sans le chiffre propre du bureau.");
        out.println("Part du bloc du fichier : somme de ses pourcentages des exprimés (arrondis à 0,01), pas des voix."
                + " Abstentionnistes sympathisants réels : abstentions × part du bloc, même hypothèse que le modèle.");
        if (r.reference() != null) {
            out.printf("target --reference : ce que calcule terrain target --reference %s — les abstentionnistes de %s"
                    + " estimés avoir voté pour le bloc en %s (transitions de Goodman), pour %d bureaux sur %d (les autres :"
                    + " modèle à une élection). Le réel auquel on le compare suit l'hypothèse de l'autre modèle"
                    + " (abstentions × part du bloc) : lire surtout le rang (Spearman, top) ; son EAM décalée dépend aussi"
                    + " de l'écart entre bureaux, que le décalage ne corrige pas.%n", r.reference(), r.election(),
                    r.reference(), r.transitionStations(), earlierStations);
        }
    }

    private static String label(Forecast.Target t) {
        return switch (t) {
            case TURNOUT -> "participation";
            case BLOC_SHARE -> "part du bloc";
            case SYMPATHETIC -> "abst. sympathisants";
        };
    }

    private static String label(Forecast.Estimate e) {
        return switch (e) {
            case RAW -> "chiffre tel quel";
            case ARRONDISSEMENT -> "moy. arrondissement";
            case TARGET -> "target (lissage)";
            case SMOOTHED -> "covariables + voisins";
            case TRANSITIONS -> "target --reference";
        };
    }

    private static String orDash(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.FRANCE, "%.2f", v);
    }
}
