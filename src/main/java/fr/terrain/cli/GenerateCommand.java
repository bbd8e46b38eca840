package fr.terrain.cli;

import fr.terrain.demo.CityGenerator;
import fr.terrain.demo.CityGenerator.Kind;
import fr.terrain.demo.CityGenerator.Manifest;
import fr.terrain.demo.CityGenerator.Scale;
import fr.terrain.demo.CityGenerator.Settings;
import fr.terrain.demo.ReuTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code terrain generate …}: synthetic data, for the demo and for benchmarks. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Génère des données synthétiques dans les formats officiels, pour la démonstration et les mesures"
                + " de performance. Aucune personne, aucun bureau de vote réel.",
        subcommands = {GenerateCommand.City.class, GenerateCommand.Reu.class})
final class GenerateCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "city", mixinStandardHelpOptions = true,
            description = {"Écrit une ville synthétique complète : contours des arrondissements et des bureaux, résultats"
                    + " des municipales 2020 et 2026, IRIS et tables INSEE, adresses, liste électorale, et une note"
                    + " LISEZMOI.md. La même graine redonne les mêmes fichiers, octet pour octet.",
                "Le dossier s'importe ensuite avec terrain import folder DIR --territory demo."})
    static final class City implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Dossier où écrire (créé au besoin).")
        Path out;

        @Option(names = "--scale", paramLabel = "ÉCHELLE", defaultValue = "paris",
                description = "paris : la ville de démo, ~900 bureaux et 1,35 million d'électeurs, quelques secondes ;"
                        + " national : 69 000 bureaux, 49 millions d'électeurs, 26 millions d'adresses, plusieurs Go,"
                        + " sans contours ; small : ~60 bureaux, pour essayer ; large : la carte de la ville de démo"
                        + " découpée en 10 000 bureaux (10 millions d'électeurs), pour éprouver la carte."
                        + " Défaut : ${DEFAULT-VALUE}.")
        String scale;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
                description = "Graine du tirage (défaut : ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--only", split = ",", paramLabel = "TYPE",
                description = "N'écrit que ces types de fichiers : arrondissements, stations, results, iris-contours,"
                        + " iris-incomes, iris-census, addresses, voters (défaut : tous). Un fichier est identique qu'il"
                        + " soit écrit seul ou avec les autres ; la note LISEZMOI.md est toujours écrite.")
        List<String> only;

        @Option(names = "--voters", paramLabel = "N",
                description = "N'écrit qu'une liste électorale de N électeurs répartis sur les bureaux de la ville de"
                        + " démo (mesures de performance), dans DIR/demo_liste_electorale_N.csv.")
        Long voters;

        @Option(names = "--force", description = "Écrit même si le dossier contient déjà d'autres fichiers.")
        boolean force;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            requireEmptyOrGenerated();
            PrintWriter stdout = spec.commandLine().getOut();
            long start = System.nanoTime();
            if (voters != null) {
                if (voters < 1) {
                    throw new Terrain.UsageError("--voters : il faut au moins un électeur");
                }
                Path file = CityGenerator.writeElectoralList(out.resolve("demo_liste_electorale_" + voters + ".csv"),
                        voters, seed, new ConsoleProgress(System.err));
                stdout.printf("Liste électorale synthétique de %s électeurs (graine %d) en %s : %s (%s)%n",
                        Reports.n(voters), seed, seconds(start), file, size(bytes(file)));
                return 0;
            }
            Manifest manifest = CityGenerator.generate(out, new Settings(scale(), seed, kinds()),
                    new ConsoleProgress(System.err));
            print(manifest, seconds(start), stdout);
            return 0;
        }

        private Scale scale() {
            return Arrays.stream(Scale.values()).filter(s -> s.name().equalsIgnoreCase(scale)).findFirst()
                    .orElseThrow(() -> new Terrain.UsageError("--scale : échelle inconnue « " + scale
                            + " » ; échelles : paris, national, small, large"));
        }

        private EnumSet<Kind> kinds() {
            if (only == null || only.isEmpty()) {
                return EnumSet.allOf(Kind.class);
            }
            EnumSet<Kind> kinds = EnumSet.noneOf(Kind.class);
            for (String id : only) {
                kinds.add(Kind.find(id.strip()).orElseThrow(() -> new Terrain.UsageError("--only : type de fichier inconnu « "
                        + id + " » ; types : " + Arrays.stream(Kind.values()).filter(k -> k != Kind.README)
                                .map(Kind::id).collect(Collectors.joining(", ")))));
            }
            return kinds;
        }

        /** A folder holding other files would mix real and synthetic data at the next folder import. */
        private void requireEmptyOrGenerated() {
            if (force || !Files.isDirectory(out)) {
                return;
            }
            try (Stream<Path> files = Files.list(out)) {
                List<String> others = files.map(f -> f.getFileName().toString())
                        .filter(n -> !n.startsWith("demo_") && !n.equals(CityGenerator.README_FILE)).sorted().toList();
                if (!others.isEmpty()) {
                    throw new Terrain.UserError("le dossier " + out + " contient d'autres fichiers ("
                            + String.join(", ", others.subList(0, Math.min(3, others.size())))
                            + (others.size() > 3 ? "…" : "") + ") qu'un import de dossier mêlerait aux données"
                            + " synthétiques ; choisissez un dossier vide, ou --force");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void print(Manifest m, String elapsed, PrintWriter out) {
            Settings s = m.settings();
            out.printf("%s — échelle %s, graine %d : %d fichiers, %s en %s dans %s%n",
                    s.scale() == Scale.NATIONAL ? "Électorat national synthétique" : CityGenerator.CITY_NAME,
                    s.scale().name().toLowerCase(Locale.ROOT), s.seed(), m.files().size(), size(m.bytes()), elapsed,
                    m.directory());
            for (CityGenerator.WrittenFile f : m.files()) {
                out.printf("  %-42s %-46s %12s %9s%n", f.file().getFileName(), f.kind().label(), Reports.n(f.records()),
                        size(f.bytes()));
            }
            if (!m.rounds().isEmpty()) {
                out.println("Élections : " + m.rounds().stream().map(r -> r.election() + " (" + r.kind().label() + ", "
                        + r.date() + ")").collect(Collectors.joining(", ")));
            }
            out.println("Pour charger :");
            if (s.scale() == Scale.NATIONAL) {
                m.files(Kind.RESULTS).forEach(f -> out.printf("  terrain import results %s --territory %s%n", f.file(),
                        CityGenerator.TERRITORY));
            } else {
                out.printf("  terrain import folder %s --territory %s%n", m.directory(), CityGenerator.TERRITORY);
            }
            for (CityGenerator.WrittenFile f : m.files(Kind.ELECTORAL_LIST)) {
                out.printf("  terrain import voters %s --source electoral-list --election %s --provider démo%n",
                        f.file(), f.rounds().get(0).contest());
            }
        }

        static String seconds(long start) {
            return String.format(Locale.FRANCE, "%.1f s", (System.nanoTime() - start) / 1e9);
        }

        private static long bytes(Path file) {
            try {
                return Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static String size(long bytes) {
            if (bytes < 1 << 20) {
                return String.format(Locale.FRANCE, "%.0f Ko", bytes / 1024.0);
            }
            if (bytes < 1L << 30) {
                return String.format(Locale.FRANCE, "%.1f Mo", bytes / (double) (1 << 20));
            }
            return String.format(Locale.FRANCE, "%.2f Go", bytes / (double) (1L << 30));
        }
    }

    @Command(name = "reu", mixinStandardHelpOptions = true,
            description = {"Écrit une table synthétique au format de la table « Bureaux de vote et adresses de leurs"
                    + " électeurs » de l'INSEE (table-adresses-reu, que l'INSEE publie pour toute la France en un seul"
                    + " fichier) : communes, bureaux, adresses et positions inventés, aux codes de commune vraisemblables"
                    + " (29039 est la 39e commune synthétique du département 29). Écrite commune par commune, sans"
                    + " mémoire à la mesure de sa taille. La même graine redonne le même fichier, octet pour octet.",
                "S'importe avec terrain import reu FICHIER (--communes 29039,29046 pour quelques communes)."})
    static final class Reu implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "FICHIER", description = "Fichier CSV à écrire.")
        Path out;

        @Option(names = "--scale", paramLabel = "ÉCHELLE", defaultValue = "national",
                description = "national : 35 000 communes, 69 000 bureaux, environ 20 millions de lignes (2,1 Go) ;"
                        + " departement : 370 communes, 730 bureaux, environ 210 000 lignes ; small : 40 communes,"
                        + " environ 4 000 lignes. Défaut : ${DEFAULT-VALUE}.")
        String scale;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
                description = "Graine du tirage (défaut : ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--force", description = "Remplace le fichier s'il existe.")
        boolean force;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ReuTable.Size size = ReuTable.Size.find(scale).orElseThrow(() -> new Terrain.UsageError("--scale :"
                    + " échelle inconnue « " + scale + " » ; échelles : national, departement, small"));
            if (Files.exists(out) && !force) {
                throw new Terrain.UsageError("le fichier " + out + " existe déjà ; --force pour le remplacer");
            }
            long start = System.nanoTime();
            ReuTable.Written w = ReuTable.write(out, size, seed, new ConsoleProgress(System.err));
            spec.commandLine().getOut().printf("Table d'adresses du REU synthétique — échelle %s, graine %d : %s lignes,"
                    + " %s communes, %s bureaux, %s en %s : %s%n", size.name(), seed, Reports.n(w.rows()),
                    Reports.n(w.communes()), Reports.n(w.bureaux()), City.size(w.bytes()), City.seconds(start), out);
            return 0;
        }
    }
}
