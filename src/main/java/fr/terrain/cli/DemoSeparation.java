package fr.terrain.cli;

import fr.terrain.demo.CityGenerator;
import fr.terrain.election.Election;
import fr.terrain.ingest.Importer;
import fr.terrain.store.Elections;
import fr.terrain.store.ImportLog;
import fr.terrain.store.ImportRecord;
import fr.terrain.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One database holds the synthetic demo city or real data, never both. They share the station codes ({@code 20-1}
 * is a station of both) and the vintages, so real contours imported next to the demo replace its own, its elections
 * are joined to the real découpage, and the demo's fictitious list loses the dry-run retention that keeps it: an
 * import that would mix them is refused before anything is written, naming the option that keeps them apart. Two
 * synthetic cities (another seed or scale) are kept apart likewise.
 */
final class DemoSeparation {
    private DemoSeparation() {}

    /**
     * Refuses, as a user error, an import of {@code territory} (the demo's, or any other for real data; null: data
     * without a territory, as contours or addresses, which are real data) into a store holding the other kind.
     */
    static void check(Store s, String territory) {
        check(s, territory, List.of());
    }

    /**
     * The same, and when {@code files} (or the files of those folders) are the demo's: refused unless they are the demo
     * city the store holds. The import log keeps each file's name and SHA-256, and the generator writes the same bytes
     * for the same scale and seed: a generated file ({@code demo_…}) already imported with other bytes comes from
     * another city. The same city again passes, and its files are skipped as unchanged.
     */
    static void check(Store s, String territory, List<Path> files) {
        boolean importingTheDemo = CityGenerator.TERRITORY.equals(territory);
        List<Election> elections = Elections.list(s);
        if (importingTheDemo) {
            elections.stream().filter(e -> !e.territory().equals(CityGenerator.TERRITORY)).findFirst().ifPresent(e -> {
                throw new Terrain.UserError("la base " + s.description() + " tient des données réelles (" + e.id()
                        + "…) : la ville de démonstration, fictive, s'y mêlerait (mêmes codes de bureaux, 20-1…)."
                        + " Rien n'a été importé ; donnez-lui un autre répertoire : ./terrain demo --home DIR"
                        + " (ou TERRAIN_HOME=DIR).");
            });
            otherDemoCity(s, files);
        } else {
            elections.stream().filter(e -> e.territory().equals(CityGenerator.TERRITORY)).findFirst().ifPresent(e -> {
                throw new Terrain.UserError("la base " + s.description() + " tient la ville de démonstration, fictive ("
                        + e.id() + "…) : des données réelles s'y mêleraient (mêmes codes de bureaux, 20-1…)."
                        + " Rien n'a été importé ; importez-les dans un autre répertoire : --home DIR (ou"
                        + " TERRAIN_HOME=DIR), par ex. ./terrain import folder ../shared/data --home .terrain-paris");
            });
        }
    }

    private static void otherDemoCity(Store s, List<Path> filesOrFolders) {
        List<ImportRecord> log = ImportLog.list(s);
        for (Path f : filesIn(filesOrFolders)) {
            String name = f.getFileName().toString();
            if (!name.startsWith(CityGenerator.FILE_PREFIX) || !Files.isRegularFile(f)) {
                continue;
            }
            List<ImportRecord> before = log.stream().filter(r -> r.fileName().equals(name)).toList();
            if (before.isEmpty()) {
                continue;
            }
            String sha = Importer.sha256(f);
            if (before.stream().noneMatch(r -> r.sha256().equals(sha))) {
                throw new Terrain.UserError("la base " + s.description() + " tient une autre ville de démonstration : "
                        + name + " y a été importé avec un autre contenu (autre graine ou autre échelle) ; deux villes"
                        + " fictives s'y mêleraient (mêmes codes de bureaux, 20-1…). Rien n'a été importé ; donnez à"
                        + " celle-ci un autre répertoire : --home DIR (ou TERRAIN_HOME=DIR), par ex. ./terrain demo"
                        + " --seed 2 --home .terrain-graine-2");
            }
        }
    }

    private static List<Path> filesIn(List<Path> filesOrFolders) {
        List<Path> files = new ArrayList<>();
        for (Path p : filesOrFolders) {
            if (!Files.isDirectory(p)) {
                files.add(p); // a missing file is the import's to report
                continue;
            }
            try (Stream<Path> walk = Files.walk(p)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }
}
