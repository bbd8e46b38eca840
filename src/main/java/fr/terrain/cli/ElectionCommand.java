package fr.terrain.cli;

import fr.terrain.election.Election;
import fr.terrain.election.ElectionKind;
import fr.terrain.store.Elections;
import fr.terrain.store.Store;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code terrain election add|list|remove}. */
@Command(name = "election", mixinStandardHelpOptions = true, description = "Déclare, liste et supprime les élections.",
        subcommands = {ElectionCommand.Add.class, ElectionCommand.ListElections.class, ElectionCommand.Remove.class})
final class ElectionCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code --kind}'s value; an unknown kind is a usage error (exit 2), said with the kinds there are. */
    static ElectionKind kind(String text) {
        return ElectionKind.find(text).orElseThrow(() -> new Terrain.UsageError("--kind : type d'élection inconnu « "
                + text + " » ; types : " + Arrays.stream(ElectionKind.values()).map(ElectionKind::label)
                        .collect(Collectors.joining(", "))));
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Déclare une élection et ses tours : paris-2026 crée paris-2026-t1 (et paris-2026-t2).",
                "Les listes électorales s'importent pour une élection déclarée."})
    static final class Add implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "ID", description = "Identifiant : <ville>-<année>, par ex. paris-2026.")
        String id;

        @Option(names = "--kind", required = true, paramLabel = "TYPE", description = "municipales, presidentielle, legislatives, europeennes…")
        String kind;

        @Option(names = "--round1", required = true, paramLabel = "AAAA-MM-JJ", description = "Date du premier tour.")
        LocalDate round1;

        @Option(names = "--round2", paramLabel = "AAAA-MM-JJ", description = "Date du second tour, s'il y en a un.")
        LocalDate round2;

        @Option(names = "--territory", paramLabel = "VILLE", description = "Ville (défaut : le début de l'identifiant).")
        String territory;

        @Option(names = "--vintage", paramLabel = "AAAA",
                description = "Découpage des bureaux utilisé (défaut : le plus récent qui ne dépasse pas l'année).")
        Integer vintage;

        @Option(names = "--replace", description = {"Remplace les valeurs d'un tour déjà déclaré autrement (une date mal"
                + " tapée) au lieu de refuser ; consigné au journal d'audit. La conservation de la liste électorale se"
                + " compte depuis la date du dernier tour : la changer déplace son échéance."})
        boolean replace;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ElectionKind k = kind(kind);
            if (id.matches(".*-t[12]")) {
                throw new Terrain.UserError("donnez l'identifiant de l'élection sans le tour : "
                        + Election.contestOf(id));
            }
            Election.idMistake(id, round1).ifPresent(problem -> {
                throw new Terrain.UserError(id + " : " + problem);
            });
            if (round2 != null && !round2.isAfter(round1)) {
                throw new Terrain.UserError("le second tour (" + round2 + ") doit suivre le premier (" + round1 + ")");
            }
            String t = territory != null ? territory : id.replaceFirst("-.*", "");
            List<Election> rounds = new ArrayList<>();
            try {
                rounds.add(new Election(id + "-t1", id, k, t, 1, round1, vintage));
                if (round2 != null) {
                    rounds.add(new Election(id + "-t2", id, k, t, 2, round2, vintage));
                }
            } catch (IllegalArgumentException e) {
                throw new Terrain.UserError(e.getMessage());
            }
            java.util.Map<String, Election> replaced;
            try (Store s = store.openOrCreate()) {
                replaced = Elections.add(s, rounds, replace, Actor.current());
            }
            rounds.forEach(e -> spec.commandLine().getOut().printf("✔ %s : %s, tour %d, %s%s%n", e.id(), e.kind().label(),
                    e.round(), e.date(), replaced.containsKey(e.id()) ? " (remplace : " + Elections.words(replaced.get(e.id()))
                            + ")" : ""));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Liste les tours d'élection connus.")
    static final class ListElections implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Store s = store.open()) {
                List<Election> elections = Elections.list(s);
                if (elections.isEmpty()) {
                    spec.commandLine().getOut().println("Aucune élection (terrain election add …, ou terrain import results …).");
                }
                for (Election e : elections) {
                    spec.commandLine().getOut().printf("%-24s %-15s tour %d  %s  %s%n", e.id(), e.kind().label(),
                            e.round(), e.date(), e.territory());
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Supprime une élection importée ou déclarée par erreur (un fichier de résultats importé sous un"
                    + " --election mal tapé), avec ses listes et ses résultats par bureau ; consigné au journal d'audit.",
                "ID est un tour (paris-2020-t2) ou une élection entière (paris-2026 : tous ses tours). Refusé quand la"
                        + " liste électorale ou des plans de tournées de l'élection en dépendent (leur conservation se"
                        + " compte depuis son dernier tour ; une date se corrige par election add … --replace). Les"
                        + " imports restent dans l'historique (terrain status), les blocs qui la nomment tels quels."})
    static final class Remove implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "ID", description = "Le tour ou l'élection à supprimer (terrain election list).")
        String id;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Store s = store.open()) {
                Elections.Removal r = Elections.remove(s, id, Actor.current()).orElseThrow(() -> new Terrain.UserError(
                        "aucune élection ni aucun tour « " + id + " » (terrain election list)"));
                PrintWriter out = spec.commandLine().getOut();
                for (Election e : r.rounds()) {
                    out.printf("✔ %s supprimé (%s, tour %d, %s)%n", e.id(), e.kind().label(), e.round(), e.date());
                }
                out.printf("  %s liste(s), %s résultat(s) par bureau supprimés ; consigné au journal d'audit%n",
                        Reports.n(r.lists()), Reports.n(r.results()));
                if (!r.blocsNamingThem().isEmpty()) {
                    out.println("  blocs qui la nomment encore, laissés tels quels : " + String.join(", ", r.blocsNamingThem()));
                }
            }
            return 0;
        }
    }
}
