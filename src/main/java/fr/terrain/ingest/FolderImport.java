package fr.terrain.ingest;

import fr.terrain.privacy.SourceCategory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Imports every file of a folder laid out like {@code shared/data}, recognising each by its
 * content (CSV header signature, GeoJSON property names), never by its name. Each file is its
 * own atomic import, except results a publisher splits into one file per arrondissement: those of
 * one folder are one import. Unrecognised files are listed as skipped with the reason, failed files
 * with their problems, and the others are imported. A round of results comes from the first file (in
 * path order) that holds it: a later file's rounds already taken are left out, and a file holding only
 * such rounds is skipped, naming where they came from.
 */
public final class FolderImport {

    /** The fate of one file. */
    public sealed interface Entry permits Imported, Skipped, Failed {
        Path file();
    }

    public record Imported(Path file, ImportReport report) implements Entry {}

    public record Skipped(Path file, String reason) implements Entry {}

    public record Failed(Path file, InputError error) implements Entry {}

    private static final Set<String> DOCUMENTATION = Set.of("md", "pdf", "html", "doc", "docx", "odt", "rtf");

    private final Importer importer;
    private final String territory;
    /** Per round id, the file (or folder of files) of this run that holds it. */
    private final Map<String, Path> roundsFrom = new HashMap<>();
    /** Files already imported as part of their folder's set. */
    private final Set<Path> inASet = new HashSet<>();
    private Path root;

    public FolderImport(Importer importer, String territory) {
        this.importer = importer;
        this.territory = territory;
    }

    public List<Entry> run(Path dir, java.util.function.Consumer<Entry> onEach) {
        if (!Files.isDirectory(dir)) {
            throw InputError.of(dir.toString(), "pas un dossier");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw InputError.of(dir.toString(), "impossible de lister le dossier : " + e.getMessage());
        }
        root = dir;
        roundsFrom.clear();
        inASet.clear();
        List<Entry> out = new ArrayList<>();
        for (Path f : files) {
            if (inASet.contains(f)) {
                continue;
            }
            Entry e = importOne(f);
            out.add(e);
            onEach.accept(e);
        }
        return out;
    }

    Entry importOne(Path file) {
        String skip = notData(file);
        if (skip != null) {
            return new Skipped(file, skip);
        }
        if (extension(file).equals("txt") && !knownTable(file)) {
            return new Skipped(file, "documentation");
        }
        try {
            return GeoJsonFeatures.looksLikeJson(file) ? json(file) : csv(file);
        } catch (InputError e) {
            return new Failed(file, e);
        }
    }

    /** Why a file is no data to read (documentation, hidden, binary), or null. */
    private static String notData(Path file) {
        if (DOCUMENTATION.contains(extension(file))) {
            return "documentation";
        }
        if (file.getFileName().toString().startsWith(".")) {
            return "fichier caché";
        }
        if (binary(file)) {
            return "fichier binaire";
        }
        return null;
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        return name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
    }

    /** Whether a {@code .txt} file is a table Terrain reads (the Ministry publishes its results so), not a text. */
    private static boolean knownTable(Path file) {
        try (CsvTable t = CsvTable.open(TextInput.detect(file))) {
            return ResultsFormat.recognise(t).isPresent() || IrisTableReader.recognises(t)
                    || BanAddressReader.recognises(t) || ElectoralListReader.recognises(t) || ReuAddressReader.recognises(t);
        } catch (InputError e) {
            return false;
        }
    }

    private static boolean binary(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4096);
            for (byte b : head) {
                if (b == 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private Entry json(Path file) {
        Set<String> properties;
        try {
            properties = GeoJsonFeatures.propertyNames(file, 5);
        } catch (InputError e) {
            return new Skipped(file, "JSON qui n'est pas une FeatureCollection GeoJSON (" + e.problems().get(0).message() + ")");
        }
        GeoReaders.Layout layout = GeoReaders.recognise(properties);
        if (layout == null) {
            return new Skipped(file, "GeoJSON aux propriétés non reconnues : " + String.join(", ", properties));
        }
        return switch (layout) {
            case STATIONS -> new Imported(file, importer.stations(file, null));
            case ARRONDISSEMENTS -> new Imported(file, importer.arrondissements(file));
            case IRIS_CONTOURS -> new Imported(file, importer.iris(file, null));
            case DERIVED_STATION_TABLE -> new Skipped(file, "table dérivée en pourcentages (pct_*, taux_*), pas des"
                    + " comptes officiels ; importez ses contours avec terrain import stations si besoin");
        };
    }

    private enum CsvKind { RESULTS, IRIS_TABLE, ADDRESSES }

    private Entry csv(Path file) {
        CsvKind kind;
        ResultsFormat results;
        try (CsvTable table = CsvTable.open(TextInput.detect(file))) {
            results = ResultsFormat.recognise(table).orElse(null);
            kind = results != null ? CsvKind.RESULTS
                    : IrisTableReader.recognises(table) ? CsvKind.IRIS_TABLE
                    : BanAddressReader.recognises(table) ? CsvKind.ADDRESSES
                    : null;
            if (ReuAddressReader.recognises(table)) {
                // every commune of the table would join the stations of its vintage, beside the campaign's own (a
                // Paris round of that year would draw them on its map), and a national table is millions of rows
                return new Skipped(file, "adresses des électeurs du REU (INSEE) : bureaux de toutes les communes du"
                        + " fichier ; importez-les à part, si c'est voulu, avec terrain import reu FICHIER --vintage AAAA");
            }
            if (kind == null) {
                return new Skipped(file, skipReason(table));
            }
        }
        return switch (kind) {
            case RESULTS -> results(file, results);
            case IRIS_TABLE -> new Imported(file, importer.iris(file, null));
            case ADDRESSES -> new Imported(file, importer.addresses(file));
        };
    }

    /**
     * A results file, or the set of its folder's files in its layout when the publisher splits a round into files;
     * skipped when every round it holds came from an earlier file of this run.
     */
    private Entry results(Path file, ResultsFormat format) {
        List<Path> set = format.splitIntoFiles() ? sameLayoutBeside(file, format) : List.of(file);
        inASet.addAll(set);
        Path shown = set.size() == 1 ? file : file.getParent();
        try {
            ImportReport report = importer.results(set, new ResultsOptions(null, null, null, null, null, territory),
                    SourceCategory.OFFICIAL_OPEN_DATA, roundsFrom.keySet());
            report.targets().forEach(t -> roundsFrom.putIfAbsent(t.substring(t.indexOf(':') + 1), shown));
            return new Imported(shown, report);
        } catch (InputError e) {
            return new Failed(shown, e); // a set's refusal under its folder: its errors name the files
        } catch (Importer.RoundsImportedOtherwise e) {
            Path from = roundsFrom.get(e.rounds().get(0));
            return new Skipped(shown, "résultats de " + String.join(", ", e.rounds()) + " déjà pris plus haut dans "
                    + root.relativize(from) + " (un tour ne vient que de la première source du dossier) ; pour prendre"
                    + " plutôt celle-ci : terrain import results " + (set.size() == 1 ? "FICHIER" : "FICHIERS…"));
        }
    }

    /**
     * The files of {@code file}'s folder (not below) in the same results layout, in name order; what the folder's walk
     * skips (documentation, hidden or binary files) is left out here too.
     */
    private static List<Path> sameLayoutBeside(Path file, ResultsFormat format) {
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            return siblings.filter(Files::isRegularFile).sorted().filter(f -> {
                if (f.equals(file)) {
                    return true;
                }
                if (notData(f) != null) {
                    return false;
                }
                try (CsvTable t = CsvTable.open(TextInput.detect(f))) {
                    return ResultsFormat.recognise(t).filter(format::equals).isPresent();
                } catch (InputError e) {
                    return false; // not a CSV this reader opens: imported or skipped on its own
                }
            }).toList();
        } catch (IOException e) {
            throw InputError.of(file.getParent().toString(), "impossible de lister le dossier : " + e.getMessage());
        }
    }

    private static String skipReason(CsvTable table) {
        if (ElectoralListReader.recognises(table)) {
            return "liste électorale (données personnelles) : importez-la avec terrain import voters FICHIER"
                    + " --source electoral-list --election ID";
        }
        if (table.hasColumn("colonne") && table.hasColumn("ordre")) {
            return "description d'un format (documentation)";
        }
        String header = String.join(", ", table.header());
        return "en-tête non reconnu : " + (header.length() > 120 ? header.substring(0, 120) + "…" : header);
    }
}
