package fr.terrain.cli;

import fr.terrain.election.simulation.Camps;
import fr.terrain.election.simulation.Simulation;
import fr.terrain.election.simulation.SimulationResult;
import fr.terrain.election.simulation.Transfers;
import fr.terrain.store.Store;
import fr.terrain.web.Json;
import fr.terrain.web.simulation.SimulationJson;
import fr.terrain.web.simulation.SimulationSetup;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code terrain simulate}: Monte Carlo of the council seats from a round 1. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simule le conseil municipal à partir d'un premier tour importé : un mouvement d'ensemble par"
                + " camp et un écart propre à chaque secteur sont tirés au hasard, chaque secteur est décidé selon le"
                + " Code électoral (second tour entre les listes qualifiées, avec des reports de voix), et les sièges"
                + " sont additionnés par camp.", ""},
        footer = {"",
            "Sortie : sièges par camp (moyenne, intervalle à 90 %%, probabilité de majorité",
            "absolue), et par secteur la probabilité de victoire de chaque camp, la",
            "probabilité d'être le « secteur pivot » (donner le secteur au second change",
            "qui détient la majorité) et les voix à déplacer de la liste gagnante vers un",
            "camp pour qu'il l'emporte (résultat attendu).",
            "",
            "--camps FICHIER.json : {\"gauche\": [\"Mme X\", \"nuance:LUG\"], \"autres\": [\"*\"]}.",
            "  Sans lui, chaque tête de liste est son propre camp. Exemple :",
            "  docs/examples/camps-paris-2020.json",
            "--transfers FICHIER.json : {\"eelv\": {\"gauche\": 0.85}} part des électeurs",
            "  d'un camp reportée sur un autre au second tour, le reste s'abstient (ou",
            "  FICHIER.csv : en-tête from;to;share puis une ligne par report,",
            "  eelv;gauche;0,85) ; sans règle pour un camp, une liste qualifiée garde ses",
            "  électeurs, une liste éliminée en donne 80 %% à son camp s'il reste qualifié,",
            "  sinon 40 %% aux qualifiées au prorata de leurs voix.",
            "--swing et --sector-noise : écarts-types en points (pour une liste à 50 %%) ;",
            "  par défaut ajustés sur le premier tour précédent du même type s'il est",
            "  importé, sinon 3 et 2.",
            "",
            "--system paris-2025 (loi du 11 août 2025) : le conseil de Paris (163) est élu",
            "  sur toute la ville, chaque camp étant une liste municipale (voix de ses",
            "  listes additionnées), prime d'un quart (art. L.272-4-1) ; les secteurs",
            "  n'élisent que leur conseil d'arrondissement (sièges, probabilités de",
            "  victoire et voix à déplacer de ce scrutin ; jamais pivots).",
            "",
            "Exemples :",
            "  terrain simulate --system paris-1982 --election paris-2020-t1 --draws 100000",
            "  terrain simulate --system paris-2025 --election paris-2020-t1 \\",
            "      --camps docs/examples/camps-paris-2020.json",
            "  terrain simulate --system paris-1982 --election paris-2020-t1 --draws 100000 \\",
            "      --camps docs/examples/camps-paris-2020.json --json",
            "Modèle, hypothèses et limites : docs/simulation.md"})
final class SimulateCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--system", required = true, paramLabel = "SYSTÈME", description = "paris-1982 ou paris-2025.")
    String system;

    @Option(names = "--election", required = true, paramLabel = "ID", description = "Premier tour importé, par ex. paris-2020-t1.")
    String election;

    @Option(names = "--draws", defaultValue = "100000", paramLabel = "N", description = "Nombre de tirages (défaut 100 000).")
    int draws;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Graine du hasard (défaut 1) : même graine, même résultat.")
    long seed;

    @Option(names = "--camps", paramLabel = "FICHIER.json", description = "Camps : camp → têtes de liste ou nuance:XXX.")
    Path camps;

    @Option(names = "--transfers", paramLabel = "FICHIER", description = "Reports de voix au second tour, par camp (JSON ou CSV from;to;share).")
    Path transfers;

    @Option(names = "--swing", paramLabel = "POINTS", description = "Écart-type du mouvement d'ensemble de chaque camp.")
    Double swing;

    @Option(names = "--sector-noise", paramLabel = "POINTS", description = "Écart-type de l'écart propre à chaque liste et secteur.")
    Double sectorNoise;

    @Option(names = "--json", description = "Sortie JSON.")
    boolean json;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (draws < 1 || draws > Simulation.MAX_DRAWS) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--draws doit être entre 1 et " + Simulation.MAX_DRAWS + ", trouvé " + draws);
        }
        if (!SimulationSetup.SYSTEMS.contains(system)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--system : système non simulé « " + system
                    + " » (simulés : " + String.join(", ", SimulationSetup.SYSTEMS) + ")");
        }
        for (Double sd : new Double[] {swing, sectorNoise}) {
            if (sd != null && !(sd >= 0 && sd <= 50)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--swing et --sector-noise : un écart-type entre 0 et 50 points, trouvé " + sd);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Store s = store.open()) {
            Camps campFile = camps == null ? Camps.byLabel() : SimulationJson.camps(read(camps), camps.toString());
            Transfers transferFile = transfers == null ? Transfers.DEFAULT
                    : SimulationJson.transfersAnyFormat(read(transfers), transfers.toString());
            SimulationSetup.Setup setup = SimulationSetup.build(s, system, election, campFile, swing, sectorNoise);
            SimulationResult r = Simulation.run(setup.model(), transferFile, draws, seed);
            out.println(json ? Json.write(SimulationJson.of(r, setup.warnings())) : report(r, setup.warnings()));
        } catch (IllegalArgumentException e) {
            throw new Terrain.UserError(e.getMessage());
        }
        out.flush();
        return 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Terrain.UserError("fichier introuvable : " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pct(double p) {
        return String.format(Locale.FRANCE, "%5.1f %%", 100 * p);
    }

    static String report(SimulationResult r, List<String> warnings) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.FRANCE, "Simulation %s — %s tirages, graine %d ; mouvement d'ensemble %.2f pts,"
                + " écart de secteur %.2f pts (%s)%n", r.system(), Reports.n(r.draws()), r.seed(), r.swing(),
                r.sectorNoise(), r.parameterSource()));
        warnings.forEach(w -> b.append("attention : ").append(w).append('\n'));
        b.append(String.format(Locale.FRANCE, "Conseil : %d sièges, majorité absolue %d ; aucune majorité dans %s des tirages%n%n",
                r.councilSeats(), r.majority(), pct(r.pNoMajority()).strip()));
        int width = Math.max(4, r.camps().stream().mapToInt(c -> c.camp().length()).max().orElse(4));
        b.append(String.format("  %-" + width + "s %8s %9s %10s %10s%n", "camp", "attendu", "moyenne", "5–95 %", "majorité"));
        for (SimulationResult.CampResult c : r.camps()) {
            if (c.meanSeats() == 0 && c.expectedSeats() == 0) {
                continue;
            }
            b.append(String.format(Locale.FRANCE, "  %-" + width + "s %8d %9.1f %10s %10s%n", c.camp(), c.expectedSeats(),
                    c.meanSeats(), c.seatsAtQuantile(0.05) + "–" + c.seatsAtQuantile(0.95), pct(c.pMajority())));
        }
        b.append(r.system().equals("paris-2025")
                ? "\nSecteurs (conseils d'arrondissement ; le conseil est élu sur toute la ville) :\n"
                : "\nSecteurs, du plus au moins souvent pivot :\n");
        List<SimulationResult.SectorResult> sectors = r.sectors().stream()
                .sorted(Comparator.comparingDouble(SimulationResult.SectorResult::tippingPointProbability).reversed())
                .toList();
        for (SimulationResult.SectorResult s : sectors) {
            b.append(String.format(Locale.FRANCE, "  secteur %-3s %2d sièges  pivot %s  attendu : %s%n", s.sector(), s.seats(),
                    pct(s.tippingPointProbability()), s.expectedWinner() == null ? "égalité" : s.expectedWinner()));
            for (Map.Entry<String, Double> w : s.winProbability().entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(4).toList()) {
                Long needed = s.votesNeeded().get(w.getKey());
                b.append(String.format(Locale.FRANCE, "      %-" + width + "s gagne %s   voix à déplacer : %s%n", w.getKey(),
                        pct(w.getValue()), needed == null ? "hors de portée" : Reports.n(needed)));
            }
        }
        return b.toString();
    }
}
