package fr.terrain.cli;

import fr.terrain.election.Ordinal;
import fr.terrain.election.SectorCodes;
import fr.terrain.election.SectorNames;
import fr.terrain.store.Geography;
import fr.terrain.store.Store;
import fr.terrain.store.StoreException;
import fr.terrain.store.Volunteers;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code terrain team add|list}: teams of volunteers, one sector (arrondissement or commune) each. */
@Command(name = "team", mixinStandardHelpOptions = true,
        description = "Gère les équipes de bénévoles (une par secteur ou plusieurs).",
        subcommands = {TeamCommand.Add.class, TeamCommand.ListTeams.class})
final class TeamCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Crée une équipe dans un secteur : un arrondissement ou une commune.")
    static final class Add implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "NOM", description = "Nom de l'équipe, par ex. « 12e Bel-Air ».")
        String name;

        @Option(names = "--sector", required = true, paramLabel = "S",
                description = "Secteur de l'équipe : " + SectorCodes.SPELLING + ".")
        String sector;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            int s;
            try {
                s = SectorCodes.parse(sector);
            } catch (IllegalArgumentException e) {
                throw new Terrain.UsageError("--sector : " + e.getMessage());
            }
            try (Store st = store.openOrCreate()) {
                Volunteers.Team t = Volunteers.addTeam(st, name, s, Instant.now(), Actor.current());
                spec.commandLine().getOut().println("✔ équipe n° " + t.id() + " « " + t.name() + " », "
                        + Geography.sectorNames(st, List.of(s)).of(s));
            } catch (StoreException e) {
                throw new Terrain.UserError(e.getMessage());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Liste les équipes et leurs bénévoles.")
    static final class ListTeams implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Store st = store.open()) {
                List<Volunteers.Team> teams = Volunteers.teams(st, Optional.empty());
                if (teams.isEmpty()) {
                    out.println("Aucune équipe : terrain team add NOM --sector N");
                }
                List<Volunteers.Volunteer> people = Volunteers.list(st, Optional.empty());
                SectorNames names = Geography.sectorNames(st, teams.stream().map(Volunteers.Team::arrondissement).toList());
                for (Volunteers.Team t : teams) {
                    long n = people.stream().filter(v -> v.team().map(x -> x.id() == t.id()).orElse(false)).count();
                    String sector = SectorCodes.isArrondissement(t.arrondissement())
                            ? String.format("%4s arr.", Ordinal.of(t.arrondissement())) : names.of(t.arrondissement());
                    out.printf("%-5d %-32s %s  %d bénévole(s)%n", t.id(), t.name(), sector, n);
                }
            }
            return 0;
        }
    }
}
