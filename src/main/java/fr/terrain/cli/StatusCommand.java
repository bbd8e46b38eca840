package fr.terrain.cli;

import fr.terrain.store.Status;
import fr.terrain.store.Store;
import fr.terrain.web.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code terrain status}: what is loaded. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Ce qui est chargé : élections, bureaux, résultats, IRIS, adresses, électeurs.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--json", description = "Sortie JSON (mêmes champs que /api/status).")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Status status;
        try (Store s = store.open()) {
            status = Status.read(s);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(status));
        } else {
            print(status, out);
        }
        return 0;
    }

    static void print(Status s, PrintWriter out) {
        out.println("Base : " + s.database());
        out.println();
        out.println("Élections (" + s.elections().size() + ")");
        for (var e : s.elections()) {
            out.printf("  %-22s %-14s %s tour %d : %s bureaux, %s lignes de résultats, %s listes ; découpage %s, %s bureaux reliés%n",
                    e.election().id(), e.election().kind().label(), e.election().date(), e.election().round(),
                    Reports.n(e.stations()), Reports.n(e.resultRows()), Reports.n(e.lists()),
                    e.vintage() == null ? "aucun" : e.vintage(), Reports.n(e.joinedStations()));
        }
        out.println("Bureaux de vote par découpage");
        if (s.stations().isEmpty()) {
            out.println("  aucun");
        }
        for (var v : s.stations()) {
            out.printf("  %d : %s bureaux (%s avec contour%s, %s avec lieu de vote, %s avec inscrits%s)%n", v.vintage(),
                    Reports.n(v.stations()), Reports.n(v.withContour()), v.derivedContours() == 0 ? ""
                            : " dont " + Reports.n(v.derivedContours()) + " approché(s) d'après les adresses du REU,"
                                    + " pas officiel(s)",
                    Reports.n(v.withPlace()), Reports.n(v.withRegistered()), v.electorAddresses() == 0 ? ""
                            : ", " + Reports.n(v.electorAddresses()) + " adresses d'électeurs du REU");
        }
        out.println("Arrondissements : " + s.arrondissements());
        out.println("IRIS");
        for (var i : s.irisContours()) {
            out.printf("  contours %s : %s IRIS%n", i.vintage(), Reports.n(i.iris()));
        }
        for (var d : s.irisDatasets()) {
            out.printf("  table %s : %s IRIS × %d indicateurs (%s valeurs sous secret statistique)%n", d.dataset(),
                    Reports.n(d.iris()), d.indicators(), Reports.n(d.withheld()));
        }
        if (s.irisContours().isEmpty() && s.irisDatasets().isEmpty()) {
            out.println("  aucun");
        }
        out.println("Adresses (BAN) : " + Reports.n(s.addresses()));
        out.println("Électeurs : " + (s.voters().isEmpty() ? "0" : ""));
        for (var v : s.voters()) {
            out.printf("  %s (%s) : %s%n", v.contest(), v.sourceCategory(), Reports.n(v.voters()));
        }
        out.println("Imports : " + s.imports());
    }
}
