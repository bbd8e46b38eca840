package fr.terrain.cli;

import fr.terrain.election.StationCode;
import fr.terrain.ingest.CsvCell;
import fr.terrain.ingest.TargetingFiles;
import fr.terrain.store.FieldStore;
import fr.terrain.store.Results;
import fr.terrain.store.Store;
import fr.terrain.store.TargetingData;
import fr.terrain.targeting.Bloc;
import fr.terrain.targeting.BlocCounts;
import fr.terrain.targeting.Budget;
import fr.terrain.targeting.Parameters;
import fr.terrain.targeting.Plan;
import fr.terrain.targeting.Targeting;
import fr.terrain.targeting.TopicRules;
import fr.terrain.web.PlanJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code terrain target}: where a canvassing hour wins most votes, and what to talk about there. */
@Command(name = "target", mixinStandardHelpOptions = true,
        description = {"Priorités de porte-à-porte par bureau de vote : estimations (participation, part du bloc,"
                + " abstentionnistes sympathisants, persuadables) avec intervalles, score, répartition des heures"
                + " de bénévoles et thèmes. Méthode et sources : docs/targeting.md."})
final class TargetCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--election", required = true, paramLabel = "ID", description = "Tour visé, par ex. paris-2020-t1.")
    String election;

    @Option(names = "--bloc", required = true, paramLabel = "FICHIER", description = "Définition du bloc (JSON).")
    Path bloc;

    @Option(names = "--hours", paramLabel = "H", defaultValue = "0", description = "Heures de bénévoles à répartir (défaut 0).")
    double hours;

    @Option(names = "--reference", paramLabel = "ID",
            description = {"Tour de référence, reporté sur le découpage du tour visé si besoin : les abstentionnistes"
                    + " sympathisants viennent alors des transitions de voix entre les deux tours (régression de Goodman"
                    + " bornée), et la volatilité s'ajoute aux persuadables. Sans lui : modèle à une élection."})
    String reference;

    @Option(names = "--params", paramLabel = "FICHIER", description = "Paramètres du score (JSON, champs de docs/targeting.md).")
    Path params;

    @Option(names = "--doors-per-hour", paramLabel = "N",
            description = "Portes frappées par heure de bénévole (défaut 12 ; l'emporte sur --params).") Double doorsPerHour;
    @Option(names = "--contact-rate", paramLabel = "P",
            description = "Part des portes frappées qui s'ouvrent sur une conversation, entre 0 et 1 (défaut 0,45 ;"
                    + " l'emporte sur --params).") Double contactRate;
    @Option(names = "--persuasion-effect", paramLabel = "P",
            description = "Probabilité qu'un persuadable rencontré vote pour le bloc, entre 0 et 1 (défaut 0,03 ;"
                    + " l'emporte sur --params).") Double persuasion;
    @Option(names = "--mobilisation-effect", paramLabel = "P",
            description = "Probabilité qu'un abstentionniste sympathisant rencontré aille voter pour le bloc, entre 0 et 1"
                    + " (défaut 0,01 ; l'emporte sur --params).") Double mobilisation;

    @Option(names = "--sector-weights", paramLabel = "FICHIER",
            description = "Poids par secteur {\"5\": 1.8, …} (valeur marginale d'une voix ; 1 par défaut).")
    Path sectorWeights;

    @Option(names = "--seat-weights", paramLabel = "SIMULATION.json",
            description = "Poids des secteurs tirés d'une simulation (terrain simulate --json) : la probabilité que le"
                    + " secteur décide de la majorité, ramenée à une moyenne de 1 (remplace --sector-weights).")
    Path seatWeights;

    @Option(names = "--sector-caps", paramLabel = "FICHIER", description = "Plafond d'heures par secteur {\"12\": 300, …}.")
    Path sectorCaps;

    @Option(names = "--sector-hours", paramLabel = "FICHIER",
            description = "Heures fixées par secteur {\"12\": 300, …} (remplace --hours).")
    Path sectorHours;

    @Option(names = "--topics", paramLabel = "FICHIER", description = "Règles de thèmes (JSON ; défaut : règles livrées).")
    Path topics;

    @Option(names = "--json", description = "Tableau JSON, un bureau par ligne (contrat : docs/targeting.md).")
    boolean json;

    @Option(names = "--csv", description = "CSV (séparateur ;, point décimal, en-têtes anglais : le contrat de docs/targeting.md).")
    boolean csv;

    @Option(names = "--spreadsheet", description = "CSV pour un tableur en français (Excel, LibreOffice) : séparateur ;,"
            + " virgule décimale, en-têtes en français, marque BOM ; les bureaux dans l'ordre de la page Plan (comme"
            + " GET /api/plan.csv). terrain turfs --from-plan le relit.")
    boolean spreadsheet;

    @Option(names = "--top", defaultValue = "25", paramLabel = "N", description = "Bureaux affichés (sortie lisible),"
            + " dans l'ordre de la page Plan : le plus d'heures d'abord, le meilleur score à heures égales.")
    int top;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * A list the bloc names that the election does not have is refused (a typo would leave the bloc empty, every
     * share 0 %), as the web's « Blocs » page refuses it; a nuance no list carries is only said (a bloc file may name
     * nuances for elections whose files carry none).
     */
    static void checkNames(Bloc b, String election, java.util.Collection<fr.terrain.election.Candidacy> lists,
            PrintWriter err) {
        List<String> missing = b.unmatched(election, lists);
        List<String> labels = missing.stream().filter(n -> !n.regionMatches(true, 0, Bloc.NUANCE_PREFIX, 0,
                Bloc.NUANCE_PREFIX.length())).toList();
        if (!labels.isEmpty()) {
            // Paris has 182 lists in 2020: the first eight by name would not show the one meant, the nearest do
            List<String> known = lists.stream().map(fr.terrain.election.Candidacy::label)
                    .sorted(Comparator.comparingInt((String l) -> labels.stream()
                            .mapToInt(n -> UsageMistakes.distance(plain(n), plain(l))).min().orElse(0))
                            .thenComparing(Comparator.naturalOrder()))
                    .limit(5).toList();
            throw new Terrain.UserError("le bloc « " + b.name() + " » nomme " + labels.stream().map(l -> "« " + l + " »")
                    .collect(java.util.stream.Collectors.joining(", ")) + ", qui n'est pas une liste de " + election
                    + " (ses listes les plus proches : " + String.join(", ", known)
                    + (lists.size() > known.size() ? ", …" : "") + ")");
        }
        for (String n : missing) {
            err.println("attention : aucune liste de " + election + " n'a la " + n.replace(Bloc.NUANCE_PREFIX, "nuance ")
                    + " que le bloc « " + b.name() + " » nomme");
        }
    }

    /** A label as one would type it: no accents, no case, single spaces (« M. GREGOIRE » is near « M. GRÉGOIRE »). */
    private static String plain(String label) {
        return java.text.Normalizer.normalize(label, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }

    /** Sector names in reading order: 1, 5, 6 … 20 (not 1, 10, 11 …). */
    private static final Comparator<String> SECTOR_ORDER = Comparator.comparing(String::length)
            .thenComparing(Comparator.naturalOrder());

    /**
     * A sector file naming a sector without stations would be ignored silently (its hours left unallocated, say).
     *
     * @param named option → the sectors its file named, for the sector files given
     */
    private void warnUnknownSectors(Plan plan, Map<String, Set<String>> named, PrintWriter err) {
        Set<String> sectors = new TreeSet<>(SECTOR_ORDER);
        plan.stations().forEach(st -> sectors.add(st.estimate().sector()));
        named.forEach((option, names) -> {
            Set<String> unknown = new TreeSet<>(SECTOR_ORDER);
            unknown.addAll(names);
            unknown.removeAll(sectors);
            if (!unknown.isEmpty()) {
                err.println("Attention : " + option + " nomme le(s) secteur(s) " + String.join(", ", unknown) + ", où "
                        + election + " n'a aucun bureau (secteurs : " + String.join(", ", sectors) + ") : ignoré(s)");
            }
        });
    }

    /** What {@code make} builds from an option's value; the model refusing it is a usage error naming the option. */
    private static <T> T option(String name, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new Terrain.UsageError(name + " : " + e.getMessage());
        }
    }

    @Override
    public Integer call() {
        if ((json ? 1 : 0) + (csv ? 1 : 0) + (spreadsheet ? 1 : 0) > 1) {
            throw new Terrain.UsageError("--json, --csv et --spreadsheet : un seul format de sortie à la fois");
        }
        if (top < 0) {
            throw new Terrain.UsageError("--top " + top + " : un nombre de bureaux ≥ 0");
        }
        Bloc b = TargetingFiles.readBloc(bloc);
        Parameters p = params == null ? Parameters.DEFAULTS : TargetingFiles.readParameters(params, Parameters.DEFAULTS);
        // the model's own checks of a value given on the command line: a usage error (exit 2), not an internal one
        if (doorsPerHour != null) {
            Parameters given = p;
            p = option("--doors-per-hour", () -> given.withDoorsPerHour(doorsPerHour));
        }
        if (contactRate != null) {
            Parameters given = p;
            p = option("--contact-rate", () -> given.withContactRate(contactRate));
        }
        if (persuasion != null || mobilisation != null) {
            Parameters given = p;
            p = option(persuasion == null ? "--mobilisation-effect" : mobilisation == null ? "--persuasion-effect"
                    : "--persuasion-effect, --mobilisation-effect", () -> given.withEffects(
                    persuasion != null ? persuasion : given.persuasionEffect(),
                    mobilisation != null ? mobilisation : given.mobilisationEffect()));
        }
        Map<String, Set<String>> named = new LinkedHashMap<>(); // the sectors each sector file names
        Budget budget = sectorHours != null ? Budget.perSector(TargetingFiles.readSectorNumbers(sectorHours, "heures"))
                : option("--hours", () -> Budget.total(hours));
        if (sectorHours != null) {
            named.put("--sector-hours", budget.perSector().keySet());
        }
        if (sectorCaps != null) {
            budget = budget.withSectorCaps(TargetingFiles.readSectorNumbers(sectorCaps, "plafond d'heures"));
            named.put("--sector-caps", budget.sectorCaps().keySet());
        }
        Map<String, Double> weights = Map.of();
        if (seatWeights != null) {
            weights = TargetingFiles.readSeatWeights(seatWeights);
        } else if (sectorWeights != null) {
            weights = TargetingFiles.readSectorNumbers(sectorWeights, "poids");
            named.put("--sector-weights", weights.keySet());
        }
        TopicRules rules = topics == null ? TargetingFiles.defaultTopicRules() : TargetingFiles.readTopicRules(topics);
        var err = spec.commandLine().getErr();
        long start = System.nanoTime();
        TargetingData.Stations stations;
        Map<StationCode, BlocCounts> ref = Map.of();
        Map<StationCode, Long> done; // voters behind each station's doors canvassed already: its reservoir shrinks
        Map<StationCode, List<fr.terrain.targeting.FieldTopics.Heard>> heard; // topics discussed at its doors
        try (Store s = store.open()) {
            if (!json && !csv && !spreadsheet) {
                err.println("Lecture des résultats et report des IRIS sur les bureaux…");
                err.flush();
            }
            stations = TargetingData.stations(s, election);
            if (reference != null) {
                ref = TargetingData.reference(s, reference, stations, b);
            }
            done = FieldStore.votersReachedByStation(s);
            heard = FieldStore.heardByStation(s);
            for (String id : reference == null ? List.of(election) : List.of(election, reference)) {
                checkNames(b, id, Results.candidacies(s, id).values(), err);
            }
        }
        if (!b.covers(election)) {
            throw new Terrain.UserError("le bloc « " + b.name() + " » ne nomme aucune liste pour " + election
                    + " (élections du fichier : " + b.ours().keySet() + ")");
        }
        long loaded = System.nanoTime();
        Plan plan;
        try {
            plan = Targeting.plan(election, b, stations.stations(), reference, ref, weights, budget, rules, p, done, heard);
        } catch (IllegalArgumentException e) {
            throw new Terrain.UserError(e.getMessage());
        }
        long planned = System.nanoTime();
        warnUnknownSectors(plan, named, err);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println("[");
            for (int i = 0; i < plan.stations().size(); i++) {
                out.print(fr.terrain.web.Json.compact(PlanJson.row(plan.stations().get(i))));
                out.println(i + 1 < plan.stations().size() ? "," : "");
            }
            out.println("]");
        } else if (csv) {
            csv(plan, out);
        } else if (spreadsheet) {
            out.print(fr.terrain.web.PlanCsv.spreadsheet(plan.stations().stream()
                    .sorted(Plan.StationPlan.MOST_HOURS_FIRST).toList()));
        } else {
            human(plan, stations.notes(), out);
            if (reference != null && ref.isEmpty()) {
                err.println("Attention : aucun bureau de " + reference + " reporté sur ceux de " + election
                        + " (découpages sans recouvrement ?) : modèle à une élection.");
            }
            if (!done.isEmpty()) {
                err.println("Porte-à-porte déjà fait dans " + done.size() + " bureau(x) : leur réservoir de portes est réduit"
                        + " de la part de leurs inscrits dont la porte a été frappée (docs/targeting.md).");
            }
            err.printf(Locale.ROOT, "Lecture %d ms, plan %d ms.%n", (loaded - start) / 1_000_000, (planned - loaded) / 1_000_000);
        }
        out.flush();
        return 0;
    }

    private static void csv(Plan plan, PrintWriter out) {
        out.println("station;sector;registered;turnout;bloc_share;abstainers;sympathetic_abstainers;sympathetic_low;"
                + "sympathetic_high;persuadables;score;hours;expected_gain;marginal_value;top_topic");
        for (Plan.StationPlan r : plan.stations()) {
            var e = r.estimate();
            out.printf(Locale.ROOT, "%s;%s;%d;%.4f;%.4f;%.0f;%.1f;%.1f;%.1f;%.1f;%.4f;%.2f;%.3f;%.4f;%s%n", e.station(),
                    e.sector(), e.registered(), e.turnout().value(), e.blocShare().value(), e.abstainers().value(),
                    e.sympatheticAbstainers().value(), e.sympatheticAbstainers().low(), e.sympatheticAbstainers().high(),
                    e.persuadables().value(), r.score(), r.hours(), r.expectedGain(), r.marginalValue(),
                    r.topics().isEmpty() ? "" : CsvCell.text(r.topics().get(0).label(), ';'));
        }
    }

    /** Which model gave the sympathetic abstainers, and the fitted transition rates when it is the two-round one. */
    static String sympatheticModel(Plan plan) {
        var t = plan.transitions();
        if (t == null) {
            return "Abstentionnistes sympathisants : modèle à une élection (les abstentionnistes penchent comme les"
                    + " votants semblables ; hypothèse, pas inférence — donner --reference pour les transitions).";
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.FRANCE, "Abstentionnistes sympathisants : transitions depuis %s (régression de Goodman"
                + " bornée sur %d bureaux, %d tirages bootstrap ; %d bureaux sur %d) — électeurs du bloc en %s abstenus"
                + " en %s : %.1f %% [%.1f–%.1f].%n", plan.referenceId(), t.stations(), t.replicates(),
                plan.stationsWithTransitions(), plan.stations().size(), plan.referenceId(), plan.electionId(),
                100 * t.oursToAbstention(), 100 * t.low()[0][4], 100 * t.high()[0][4]));
        s.append(String.format("  %-14s", "de ↓ vers →"));
        List<String> to = List.of("bloc", "voisins", "autres", "blancs-nuls", "abstention");
        List<String> from = List.of("bloc", "voisins", "autres", "abstention");
        to.forEach(c -> s.append(String.format("%12s", c)));
        for (int k = 0; k < from.size(); k++) {
            s.append(String.format("%n  %-14s", from.get(k)));
            for (int j = 0; j < to.size(); j++) {
                s.append(String.format(Locale.FRANCE, "%11.1f%%", 100 * t.rates()[k][j]));
            }
        }
        return s.toString();
    }

    private void human(Plan plan, List<String> notes, PrintWriter out) {
        out.printf(Locale.FRANCE, "Bloc « %s », %s : %d bureaux, %.0f heures réparties sur %.0f, gain attendu %.0f voix.%n",
                plan.bloc(), plan.electionId(), plan.stations().size(), plan.hoursAllocated(), plan.hoursGiven(),
                plan.expectedGain());
        notes.forEach(n -> out.println("  note : " + n));
        out.println(sympatheticModel(plan));
        out.println();
        out.printf("%-7s %-4s %8s %7s %13s %17s %12s %7s %6s %7s  %s%n", "bureau", "sect", "inscrits", "partic.",
                "bloc % expr.", "abst. sympath.", "persuadables", "score", "heures", "gain", "thème");
        plan.stations().stream().sorted(Plan.StationPlan.MOST_HOURS_FIRST).limit(top)
                .forEach(r -> {
                    var e = r.estimate();
                    out.printf(Locale.FRANCE, "%-7s %-4s %8d %6.1f %% %6.1f %% ±%3.1f %6.0f [%4.0f–%4.0f] %12.0f %7.2f %6.1f %7.1f  %s%n",
                            e.station(), e.sector(), e.registered(), 100 * e.turnout().value(), 100 * e.blocShare().value(),
                            50 * (e.blocShare().high() - e.blocShare().low()), e.sympatheticAbstainers().value(),
                            e.sympatheticAbstainers().low(), e.sympatheticAbstainers().high(), e.persuadables().value(),
                            r.score(), r.hours(), r.expectedGain(), r.topics().isEmpty() ? "" : CsvCell.text(r.topics().get(0).label(), ';'));
                });
        out.println();
        out.println("Par secteur");
        out.printf("%-6s %8s %9s %8s %8s %12s%n", "secteur", "bureaux", "inscrits", "heures", "gain", "heure suiv.");
        for (Plan.SectorPlan s : plan.sectors()) {
            out.printf(Locale.FRANCE, "%-6s %8d %9.0f %8.1f %8.1f %12.3f%n", s.sector(), s.stations(), s.registered(),
                    s.hours(), s.expectedGain(), s.bestMarginalValue());
        }
        out.println();
        out.println("Score = voix nettes attendues par heure de porte-à-porte ; intervalles à "
                + Math.round(100 * plan.parameters().confidence()) + " %. Méthode : docs/targeting.md.");
    }
}
