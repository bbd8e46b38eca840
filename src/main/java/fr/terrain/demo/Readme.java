package fr.terrain.demo;

import fr.terrain.demo.CityGenerator.Kind;
import fr.terrain.demo.CityGenerator.Scale;
import fr.terrain.demo.CityGenerator.Settings;
import fr.terrain.demo.CityGenerator.WrittenFile;
import fr.terrain.ingest.Progress;
import java.nio.file.Path;
import java.util.List;

/** The LISEZMOI.md written beside the data, so that nobody mistakes them for real ones. */
final class Readme {
    private Readme() {}

    /** @return lines written */
    static long write(Path file, Settings settings, List<WrittenFile> files, Progress progress) {
        boolean national = settings.scale() == Scale.NATIONAL;
        try (TextFile out = new TextFile(file, "\n", progress, 2_000)) {
            out.line("# " + (national ? "Électorat national synthétique (mesures de performance)"
                    : CityGenerator.CITY_NAME));
            out.line("");
            out.line("**Toutes les données de ce dossier sont synthétiques.** Elles ont été tirées au hasard par");
            out.line("`terrain generate city --scale " + settings.scale().name().toLowerCase(java.util.Locale.ROOT)
                    + " --seed " + settings.seed() + "`, qui les reproduit à l'identique (octet pour octet).");
            out.line("Aucune personne, aucun bureau de vote, aucune adresse, aucun résultat n'est réel : les noms et");
            out.line("prénoms sont combinés au hasard à partir de courtes listes inventées, les rues et les contours");
            out.line("sont dessinés par le programme, les votes suivent un modèle. Toute ressemblance avec des");
            out.line("personnes existantes serait fortuite. Les codes commune utilisent le département fictif 99");
            out.line("(`990xx`, où `xx` est " + (national ? "la zone" : "l'arrondissement") + ").");
            out.line("");
            out.line("Les fichiers suivent les formats officiels que Terrain lit (résultats longs de la Ville de Paris,");
            out.line("GeoJSON des bureaux et arrondissements, IRIS de l'INSEE, Base Adresse Nationale, liste");
            out.line("électorale de l'arrêté du 12 novembre 2013), pour essayer chaque commande sans données personnelles.");
            out.line("");
            out.line("## Fichiers");
            out.line("");
            out.line("| fichier | contenu | lignes ou objets |");
            out.line("|---|---|---|");
            for (WrittenFile f : files) {
                out.line("| `" + f.file().getFileName() + "` | " + f.kind().label() + " | " + f.records() + " |");
            }
            out.line("");
            out.line("## Charger");
            out.line("");
            out.line("```");
            if (national) {
                out.line("terrain import results " + Nation.RESULTS_FILE + " --territory " + CityGenerator.TERRITORY);
            } else {
                out.line("terrain import folder . --territory " + CityGenerator.TERRITORY);
            }
            if (settings.wants(Kind.ELECTORAL_LIST)) {
                String contest = national ? "demo-pres-2027" : "demo-2026";
                out.line("terrain import voters " + (national ? Nation.VOTERS_FILE : CityGenerator.VOTERS_FILE)
                        + " --source electoral-list --election " + contest + " --provider démo");
            }
            out.line("```");
            if (!national) {
                out.line("");
                out.line("La liste électorale n'est pas chargée par l'import de dossier (données personnelles) : elle");
                out.line("s'importe à part, pour l'élection demo-2026 que crée l'import des résultats de 2026.");
            }
            return out.lines();
        }
    }
}
