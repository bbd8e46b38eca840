package fr.terrain.cli;

import fr.terrain.demo.CityGenerator;
import fr.terrain.election.Election;
import fr.terrain.store.Elections;
import fr.terrain.store.Store;
import java.util.List;

/**
 * One database holds the synthetic demo city or real data, never both. They share the station codes ({@code 20-1}
 * is a station of both) and the vintages, so real contours imported next to the demo replace its own, its elections
 * are joined to the real découpage, and the demo's fictitious list loses the dry-run retention that keeps it: an
 * import that would mix them is refused before anything is written, naming the option that keeps them apart.
 */
final class DemoSeparation {
    private DemoSeparation() {}

    /**
     * Refuses, as a user error, an import of {@code territory} (the demo's, or any other for real data; null: data
     * without a territory, as contours or addresses, which are real data) into a store holding the other kind.
     */
    static void check(Store s, String territory) {
        boolean importingTheDemo = CityGenerator.TERRITORY.equals(territory);
        List<Election> elections = Elections.list(s);
        if (importingTheDemo) {
            elections.stream().filter(e -> !e.territory().equals(CityGenerator.TERRITORY)).findFirst().ifPresent(e -> {
                throw new Terrain.UserError("la base " + s.description() + " tient des données réelles (" + e.id()
                        + "…) : la ville de démonstration, fictive, s'y mêlerait (mêmes codes de bureaux, 20-1…)."
                        + " Rien n'a été importé ; donnez-lui un autre répertoire : ./terrain demo --home DIR"
                        + " (ou TERRAIN_HOME=DIR).");
            });
        } else {
            elections.stream().filter(e -> e.territory().equals(CityGenerator.TERRITORY)).findFirst().ifPresent(e -> {
                throw new Terrain.UserError("la base " + s.description() + " tient la ville de démonstration, fictive ("
                        + e.id() + "…) : des données réelles s'y mêleraient (mêmes codes de bureaux, 20-1…)."
                        + " Rien n'a été importé ; importez-les dans un autre répertoire : --home DIR (ou"
                        + " TERRAIN_HOME=DIR), par ex. ./terrain import folder ../shared/data --home .terrain-paris");
            });
        }
    }
}
