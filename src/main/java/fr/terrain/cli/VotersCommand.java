package fr.terrain.cli;

import fr.terrain.election.Election;
import fr.terrain.ingest.CsvCell;
import fr.terrain.privacy.VoterSelection;
import fr.terrain.store.AuditLog;
import fr.terrain.store.Elections;
import fr.terrain.store.Store;
import fr.terrain.store.VoterSelections;
import fr.terrain.web.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code terrain voters count|select}: the lawful selections on the electoral list (age, sex,
 * polling station, arrondissement), the same rules as {@code GET /api/voters}.
 */
@Command(name = "voters", mixinStandardHelpOptions = true,
        description = {"Sélections sur la liste électorale, limitées à l'âge, au sexe, au bureau de vote et à la"
                + " géographie (Code électoral L.37). Aucun tri ni filtre par nom, prénoms, lieu de naissance ou"
                + " nationalité : ils sont refusés. Chaque sélection est inscrite au journal d'audit."},
        subcommands = {VotersCommand.Count.class, VotersCommand.Select.class})
final class VotersCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The criteria both subcommands take, turned into the parameters {@link VoterSelection#parse} checks. */
    abstract static class Criteria {
        @Mixin
        StoreOptions store;

        @Option(names = "--election", required = true, paramLabel = "ID", description = "L'élection (paris-2026).")
        String contest;

        @Option(names = "--station", paramLabel = "CODE,…", description = "Bureaux de vote (15-12,15-13).")
        List<String> stations = new ArrayList<>();

        @Option(names = "--arrondissement", paramLabel = "N,…",
                description = "Secteurs : arrondissements (11,12) ou communes (29039, 2A004).")
        List<String> arrondissements = new ArrayList<>();

        @Option(names = "--age-min", paramLabel = "ANS", description = "Âge minimal, en années révolues.")
        String ageMin;

        @Option(names = "--age-max", paramLabel = "ANS", description = "Âge maximal, en années révolues.")
        String ageMax;

        @Option(names = "--sex", paramLabel = "M|F", description = "Sexe inscrit sur la liste.")
        String sex;

        @Option(names = "--as-of", paramLabel = "AAAA-MM-JJ", description = "Jour où l'âge est compté : aujourd'hui"
                + " (défaut) ou le jour d'un tour du scrutin (un autre jour permettrait de retrouver les dates de naissance).")
        String asOf;

        /** Whatever else was typed: checked against the rule, so that --birth-name is refused with it. */
        @Unmatched
        List<String> unmatched = new ArrayList<>();

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        Map<String, List<String>> params() {
            Map<String, List<String>> p = new LinkedHashMap<>();
            put(p, "contest", contest);
            stations.forEach(s -> put(p, "station", s));
            arrondissements.forEach(a -> put(p, "arrondissement", a));
            put(p, "age_min", ageMin);
            put(p, "age_max", ageMax);
            put(p, "sex", sex);
            put(p, "as_of", asOf);
            for (int i = 0; i < unmatched.size(); i++) {
                String token = unmatched.get(i);
                String name = token.replaceFirst("^-+", "");
                String value = "";
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (i + 1 < unmatched.size() && !unmatched.get(i + 1).startsWith("-")) {
                    value = unmatched.get(++i);
                }
                put(p, name.replace('-', '_'), value);
            }
            return p;
        }

        static void put(Map<String, List<String>> p, String key, String value) {
            if (value != null) {
                p.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }

        VoterSelection selection(Map<String, List<String>> params) {
            try {
                return VoterSelection.parse(params, LocalDate.now(ZoneOffset.UTC));
            } catch (VoterSelection.Refused e) { // the command line itself is refused, whatever the list holds: exit 2
                throw new Terrain.UsageError(optionWords(e.getMessage()));
            }
        }

        /** The selection's day, today or a round of its election ({@link VoterSelection#checkDay}), as the web's. */
        static void checkDay(Store st, VoterSelection s) {
            try {
                s.checkDay(LocalDate.now(ZoneOffset.UTC), Elections.rounds(st, s.contest()).stream().map(Election::date)
                        .toList());
            } catch (VoterSelection.Refused e) {
                throw new Terrain.UsageError(optionWords(e.getMessage()));
            }
        }

        /** The options of these commands, by the selection parameter each fills. */
        private static final Map<String, String> OPTIONS = Map.of("contest", "--election", "station", "--station",
                "arrondissement", "--arrondissement", "age_min", "--age-min", "age_max", "--age-max", "sex", "--sex",
                "as_of", "--as-of", "sort", "--sort", "page", "--page", "page_size", "--page-size");
        private static final Pattern VALUE = Pattern.compile("(?<![\\w-])(" + String.join("|", OPTIONS.keySet()) + ")=");
        private static final Pattern UNKNOWN = Pattern.compile("paramètre « ([^»]+) » inconnu ; paramètres permis : [^(]*");
        private static final Pattern NAMED = Pattern.compile("(paramètre|critère) « ([^»]+) »( inconnu)?");

        /**
         * A refusal of the selection in this command line's words: it speaks the web API's parameters (« page_size=600 :
         * 500 au plus », « paramètre « nom » inconnu ; paramètres permis : contest, … »), typed here as options.
         */
        static String optionWords(String refusal) {
            String m = UNKNOWN.matcher(refusal).replaceAll(r -> Matcher.quoteReplacement("option « --"
                    + r.group(1).replace('_', '-') + " » inconnue ; options permises : "
                    + OPTIONS.values().stream().sorted().collect(Collectors.joining(", ")) + " "));
            m = NAMED.matcher(m).replaceAll(r -> Matcher.quoteReplacement((r.group(1).equals("critère") ? "critère"
                    : "option") + " « --" + r.group(2).replace('_', '-') + " »" + (r.group(3) == null ? "" : " inconnue")));
            return VALUE.matcher(m).replaceAll(r -> OPTIONS.get(r.group(1)) + " ");
        }

        static String describe(Map<String, List<String>> params) {
            StringBuilder b = new StringBuilder();
            params.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(k).append('=').append(String.join(",", v)));
            return b.toString();
        }
    }

    @Command(name = "count", mixinStandardHelpOptions = true,
            description = "Compte les électeurs d'une sélection : total, par sexe, par tranche d'âge, par bureau.")
    static final class Count extends Criteria implements Callable<Integer> {
        @Option(names = "--json", description = "Sortie JSON (mêmes champs que GET /api/voters).")
        boolean json;

        @Override
        public Integer call() {
            Map<String, List<String>> params = params();
            VoterSelection s = selection(params);
            PrintWriter out = spec.commandLine().getOut();
            try (Store st = store.open()) {
                List<String> lists = fr.terrain.store.FieldData.contests(st);
                if (!lists.contains(s.contest())) { // a mistyped id read « 0 électeurs », as an empty list would
                    throw new Terrain.UserError(fr.terrain.store.FieldData.noSuchList(s.contest(), "", lists));
                }
                checkDay(st, s);
                VoterSelections.Counts c = VoterSelections.count(st, s);
                AuditLog.append(st, BackupCommand.actor(), "voters.count", "voters:" + s.contest(), c.total(),
                        describe(params));
                if (json) {
                    out.println(Json.write(c));
                } else {
                    out.println("Électeurs sélectionnés : " + Reports.n(c.total()));
                    out.println("Par sexe : " + counts(c.bySex()));
                    out.println("Par tranche d'âge (ans) : " + counts(c.byAgeBand()));
                    out.println("Par bureau : " + c.byStation().size() + " bureaux");
                    c.byStation().forEach((k, v) -> out.printf("  %-8s %s%n", k, Reports.n(v)));
                }
                // a station the list does not have counted 0 without a word, as a real one with nobody selected (crawl)
                var listed = new java.util.HashSet<>(fr.terrain.store.FieldData.listedStations(st, s.contest(),
                        s.stations().stream().map(fr.terrain.election.StationCode::arrondissement).toList()));
                List<String> unknown = s.stations().stream().filter(code -> !listed.contains(code)).map(Object::toString)
                        .toList();
                if (!unknown.isEmpty()) {
                    spec.commandLine().getErr().println("attention : bureau(x) " + String.join(", ", unknown)
                            + " : aucun électeur de la liste « " + s.contest() + " » (faute de frappe ?) ; terrain voters"
                            + " count --election " + s.contest() + " donne les bureaux qu'elle couvre");
                }
            }
            return 0;
        }
    }

    @Command(name = "select", mixinStandardHelpOptions = true,
            description = {"Liste les électeurs d'une sélection (bureau, sexe, âge, nom et adresse pour une liste de"
                    + " porte-à-porte ; ni date ni lieu de naissance, ni nationalité), par pages ou en entier (--all).",
                "Tri : station (défaut), age ou sex."})
    static final class Select extends Criteria implements Callable<Integer> {
        @Option(names = "--sort", paramLabel = "CLÉ", description = "station, age ou sex.")
        String sort;

        @Option(names = "--page", paramLabel = "N", description = "Page à afficher, à partir de 1 (défaut 1).")
        String page;

        @Option(names = "--page-size", paramLabel = "N", description = "Électeurs par page (défaut 50, au plus 500).")
        String pageSize;

        @Option(names = "--all", description = "Toute la sélection (un export, inscrit comme tel au journal).")
        boolean all;

        @Option(names = "--format", paramLabel = "csv|json", defaultValue = "csv",
                description = "csv (séparateur ;) ou json (défaut ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--out", paramLabel = "FICHIER", description = "Fichier à écrire (défaut : la sortie standard).")
        Path outFile;

        @Override
        public Integer call() throws IOException {
            Map<String, List<String>> params = params();
            put(params, "sort", sort);
            put(params, "page", page);
            put(params, "page_size", pageSize);
            VoterSelection s = selection(params);
            if (all) {
                s = s.unpaged();
            }
            if (!format.equals("csv") && !format.equals("json")) {
                throw new Terrain.UsageError("--format " + format + " : csv ou json");
            }
            try (Store st = store.open()) {
                checkDay(st, s);
                Writer w;
                try {
                    w = outFile == null ? spec.commandLine().getOut() : Files.newBufferedWriter(outFile, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw Terrain.cannotWrite(outFile, e);
                }
                long[] n = {0};
                try {
                    if (format.equals("json")) {
                        List<VoterSelections.Listed> persons = VoterSelections.page(st, s);
                        n[0] = persons.size();
                        w.write(Json.write(persons));
                        w.write('\n');
                    } else {
                        w.write("id;station;sex;age;name;address\n");
                        VoterSelections.each(st, s, p -> {
                            n[0]++;
                            try {
                                w.write(p.id() + ";" + csv(p.station()) + ";" + p.sex() + ";" + p.age() + ";"
                                        + csv(p.name()) + ";" + csv(p.address()) + "\n");
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                    }
                } finally {
                    if (outFile != null) {
                        w.close();
                    } else {
                        w.flush();
                    }
                }
                AuditLog.append(st, BackupCommand.actor(), all || outFile != null ? "voters.export" : "voters.view",
                        "voters:" + s.contest(), n[0], describe(params) + (all ? " --all" : "")
                                + (outFile == null ? "" : " --out " + outFile.getFileName()));
                if (outFile != null) {
                    spec.commandLine().getErr().println("✔ " + Reports.n(n[0]) + " électeurs écrits dans " + outFile);
                }
                long total = n[0] == 0 ? VoterSelections.count(st, s).total() : -1;
                if (total == 0) {
                    // an empty answer from a mistyped station or another list's contest should not pass unnoticed
                    spec.commandLine().getErr().println("attention : aucun électeur de la liste « " + s.contest()
                            + " » ne répond à cette sélection" + (s.stations().isEmpty() ? "" : " (bureau(x) "
                            + String.join(", ", s.stations().stream().map(Object::toString).toList())
                            + " : inconnu(s) de cette liste ?)") + " ; terrain voters count --election " + s.contest()
                            + " donne les bureaux qu'elle couvre");
                } else if (total > 0) { // a page past the last: the header alone said nothing (found by a crawl)
                    spec.commandLine().getErr().println("attention : la page " + s.page() + " est au-delà de la dernière ("
                            + Reports.n(total) + " électeur(s), " + Reports.n((total + s.pageSize() - 1) / s.pageSize())
                            + " page(s) de " + s.pageSize() + ")");
                }
            }
            return 0;
        }

        private static String csv(String s) {
            return CsvCell.text(s, ';');
        }
    }

    /** {@code F : 2 ; M : 1}: a count per key, in French, never a Java map's {@code {F=2, M=1}}. */
    static String counts(java.util.Map<String, Long> byKey) {
        return byKey.isEmpty() ? "aucun" : String.join(" ; ", byKey.entrySet().stream()
                .map(e -> e.getKey() + " : " + Reports.n(e.getValue())).toList());
    }
}
