package fr.terrain.cli;

import fr.terrain.field.Households;
import fr.terrain.field.Match;
import fr.terrain.field.MatchReport;
import fr.terrain.ingest.CsvCell;
import fr.terrain.store.AuditLog;
import fr.terrain.store.FieldData;
import fr.terrain.store.FieldInputs;
import fr.terrain.store.Store;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code terrain doors}: voters' addresses as doors. */
@Command(name = "doors", mixinStandardHelpOptions = true, subcommands = DoorsCommand.MatchCommand.class,
        description = "Portes : les adresses des électeurs rapprochées de la Base Adresse Nationale.")
final class DoorsCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "match", mixinStandardHelpOptions = true,
            description = {"Rapproche les adresses des électeurs d'un scrutin des adresses BAN (types de voie et"
                    + " abréviations, accents, bis/ter, plages de numéros) : taux par import, portes et foyers,"
                    + " liste des non-rapprochés. Les électeurs sans bureau sur la liste (ou d'un bureau absent des"
                    + " contours) sont placés dans le bureau de leur commune dont le contour contient leur adresse :"
                    + " contours du découpage de l'élection, ou, pour une commune qu'il n'a pas, du plus récent qui l'a"
                    + " (approché ; le bureau de la liste l'emporte toujours). Règles : docs/field.md."})
    static final class MatchCommand implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = {"--contest", "--election"}, paramLabel = "ID",
                description = "Scrutin des électeurs, par ex. paris-2026 (défaut : la dernière liste importée) ; --election"
                        + " comme pour terrain voters et import voters.")
        String contest;

        @Option(names = "--unmatched", paramLabel = "FICHIER",
                description = "Écrit les électeurs non rapprochés (adresse seulement, sans nom) en CSV, pour correction.")
        Path unmatched;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Store s = store.open()) {
                long start = System.nanoTime();
                FieldInputs.Matched m = FieldInputs.match(s, contest, List.of());
                List<MatchReport> reports = MatchReport.perImport(m.matches());
                Map<Long, String> files = FieldData.importFiles(s, reports.stream().map(MatchReport::importId).toList());
                out.printf(java.util.Locale.FRANCE, "Rapprochement des électeurs de %s avec la BAN (%s adresses), %.1f s :%n",
                        m.contest(),
                        Reports.n(m.addresses()), (System.nanoTime() - start) / 1e9);
                for (MatchReport r : reports) {
                    out.printf("  import %d (%s) : %s électeurs, %s rapprochés (%s)%n", r.importId(),
                            files.getOrDefault(r.importId(), "?"), Reports.n(r.voters()), percent(r.rate()),
                            Reports.n(r.matched()));
                    for (Match.Quality q : Match.Quality.values()) {
                        if (r.count(q) > 0) {
                            out.printf("      %s %-28s %10s  %s%n", q.matched() ? "✔" : "✘", q.label(),
                                    Reports.n(r.count(q)), percent((double) r.count(q) / r.voters()));
                        }
                    }
                }
                var doors = Households.doors(m.matches(), m.placedByContour());
                long matched = m.matches().stream().filter(Match::matched).count();
                out.printf("  portes : %s ; %s électeurs par porte en moyenne%n", Reports.n(doors.size()),
                        String.format(Locale.FRANCE, "%.2f", doors.isEmpty() ? 0.0 : (double) matched / doors.size()));
                if (!m.placedByContour().isEmpty()) {
                    out.printf("  %s électeur(s) placé(s) par contour : sans bureau sur la liste (ou d'un bureau absent des"
                            + " découpages %s), leur adresse BAN tombe dans le contour d'un bureau de leur commune ;"
                            + " placement approché, comme les contours (docs/adr/0029)%n",
                            Reports.n(m.placedByContour().size()), m.vintages().stream().map(String::valueOf)
                                    .collect(java.util.stream.Collectors.joining(", ")));
                }
                if (unmatched != null) {
                    long rows = writeUnmatched(m.matches(), unmatched);
                    AuditLog.append(s, "cli:" + System.getProperty("user.name"), "export",
                            "voters:unmatched-addresses:" + m.contest(), rows, unmatched.getFileName().toString());
                    out.printf("  non rapprochés : %s ligne(s) écrites dans %s (export consigné au journal d'audit)%n",
                            Reports.n(rows), unmatched);
                }
            }
            return 0;
        }

        private static String percent(double share) {
            return String.format(Locale.FRANCE, "%.2f %%", 100 * share);
        }

        /** One line per unmatched voter: ids and the address as listed, never a name. */
        static long writeUnmatched(List<Match> matches, Path file) {
            long rows = 0;
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    w.write("voter_id;import_id;bureau;numero;type_voie;libelle_voie;complement;code_postal;"
                            + "code_commune;motif\n");
                    for (Match m : matches) {
                        if (m.matched()) {
                            continue;
                        }
                        var v = m.voter();
                        w.write(String.join(";", Long.toString(v.voterId()), Long.toString(v.importId()),
                                v.station() == null ? "" : v.station().toString(), c(v.number()), c(v.streetType()),
                                c(v.streetName()), c(v.complement()), c(v.postcode()), c(v.communeCode()),
                                m.quality().name().toLowerCase(Locale.ROOT)));
                        w.write('\n');
                        rows++;
                    }
                }
            } catch (IOException e) {
                throw Terrain.cannotWrite(file, e);
            }
            return rows;
        }

        private static String c(String s) {
            return s == null ? "" : CsvCell.neutral(s.replace(';', ',').replace('\n', ' '));
        }
    }
}
