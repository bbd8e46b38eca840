package fr.terrain.ingest;

import fr.terrain.election.DerivedStation;
import fr.terrain.election.Election;
import fr.terrain.election.Paris;
import fr.terrain.election.PollingStation;
import fr.terrain.election.StationResult;
import fr.terrain.field.Voter;
import fr.terrain.privacy.IdentifierHasher;
import fr.terrain.privacy.Identifiers;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.AuditLog;
import fr.terrain.privacy.SourceDeclaration;
import fr.terrain.store.Elections;
import fr.terrain.store.Geography;
import fr.terrain.store.ImportRecord;
import fr.terrain.store.ImportWriter;
import fr.terrain.store.Store;
import fr.terrain.store.VoterIdentityIndex;
import fr.terrain.territory.Arrondissement;
import fr.terrain.territory.Iris;
import fr.terrain.territory.IrisIndicator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Imports one file into the store: read and check everything, then write in one transaction.
 * A file with any error changes nothing; a file already imported with the same options is
 * skipped; otherwise the rows the file covers are replaced, so a second import is a no-op.
 */
public final class Importer {
    private final Store store;
    private final Progress progress;
    private final boolean strict;
    /** SHA-256 of files this importer has just read whole, so that logging an import does not read it again. */
    private final Map<Path, String> digestsOfRead = new java.util.HashMap<>();
    /** Who the audit log names for imports of personal data. */
    private final String actor;
    /** Keys the suppression list's hashes; null when the caller has no data directory (no list to honour then). */
    private final IdentifierHasher hasher;

    public Importer(Store store, Progress progress, boolean strict) {
        this(store, progress, strict, "system", null);
    }

    public Importer(Store store, Progress progress, boolean strict, String actor) {
        this(store, progress, strict, actor, null);
    }

    /** An importer that honours the suppression list, whose hashes {@code hasher} keys. */
    public Importer(Store store, Progress progress, boolean strict, IdentifierHasher hasher) {
        this(store, progress, strict, "system", hasher);
    }

    public Importer(Store store, Progress progress, boolean strict, String actor, IdentifierHasher hasher) {
        this.store = store;
        this.progress = progress;
        this.strict = strict;
        this.actor = actor;
        this.hasher = hasher;
    }

    /** The context every import shares: its log line and its writer. */
    private record Job(ImportWriter writer, long importId) {}

    private record Outcome(long rowsRead, long rowsStored) {}

    /**
     * Runs the writes of one file in a transaction, unless the same file was the last import of
     * the same targets with the same options.
     */
    private ImportReport write(String kind, Path file, String format, List<String> targets, SourceDeclaration source,
            String options, List<Problem> warnings, List<String> notes, Function<Job, Outcome> writes) {
        if (strict && !warnings.isEmpty()) {
            throw new InputError(warnings);
        }
        String read = digestsOfRead.remove(file);
        String sha = read != null ? read : sha256(file);
        String target = String.join(",", targets);
        String fullOptions = options + (strict ? " --strict" : "");
        LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC);
        try {
            return transaction(kind, file, format, targets, source, warnings, notes, writes, sha, target,
                    fullOptions, start);
        } finally {
            digestsOfRead.remove(file); // the second pass of a streamed import read it again
        }
    }

    private ImportReport transaction(String kind, Path file, String format, List<String> targets,
            SourceDeclaration source, List<Problem> warnings, List<String> notes,
            Function<Job, Outcome> writes, String sha, String target, String fullOptions, LocalDateTime start) {
        return store.jdbi().inTransaction(h -> {
            ImportWriter writer = new ImportWriter(h, store.dialect());
            Optional<ImportReport> unchanged = unchanged(writer, writer.lastImport(target), kind, file.toString(), format, targets,
                    warnings, notes, sha, fullOptions);
            if (unchanged.isPresent()) {
                return unchanged.get();
            }
            long id = writer.startImport(kind, target, file.getFileName().toString(), sha, source, fullOptions, start);
            Outcome outcome = writes.apply(new Job(writer, id));
            return finish(h, writer, id, kind, file, format, targets, source, warnings, notes, outcome);
        });
    }

    /**
     * The report of a skipped import, when the same file was the last import of these targets with the same options.
     * Its rows may have been deleted since by the retention policy: the file is not imported again (its holding's
     * time is over), and the report says when they were. A target removed since (an election taken back) is imported
     * again.
     */
    private static Optional<ImportReport> unchanged(ImportWriter writer, Optional<ImportRecord> lastImport, String kind,
            String shown, String format, List<String> targets, List<Problem> warnings, List<String> notes, String sha,
            String fullOptions) {
        return lastImport
                .filter(last -> sameFile(last, sha, fullOptions))
                .filter(last -> !writer.removedSince(targets, last.startedAt()))
                .map(last -> new ImportReport(kind, shown, format, targets, last.rowsRead(),
                        last.rowsStored(), warnings, notes, true, writer.purgedSince(last.target(), last.startedAt())));
    }

    private static boolean sameFile(ImportRecord last, String sha, String fullOptions) {
        return last.sha256().equals(sha) && last.options().equals(fullOptions);
    }

    /** Whether {@link #write} would skip the file: it was the last import of these targets, with these options. */
    private boolean alreadyImported(List<String> targets, String sha, String options) {
        String fullOptions = options + (strict ? " --strict" : "");
        return store.jdbi().withHandle(h -> new ImportWriter(h, store.dialect()).lastImport(String.join(",", targets)))
                .filter(last -> sameFile(last, sha, fullOptions)).isPresent();
    }

    /** Completes the import's log line (and its audit entry for personal data) once its rows are written. */
    private ImportReport finish(org.jdbi.v3.core.Handle h, ImportWriter writer, long id, String kind, Path file,
            String format, List<String> targets, SourceDeclaration source, List<Problem> warnings, List<String> notes,
            Outcome outcome) {
        writer.finishImport(id, outcome.rowsRead(), outcome.rowsStored(), warnings.size(),
                LocalDateTime.now(ZoneOffset.UTC));
        return logged(h, id, kind, file, format, targets, source, warnings, notes, outcome);
    }

    /** The audit entry (for personal data) and the report of an import whose log line is complete. */
    private ImportReport logged(org.jdbi.v3.core.Handle h, long id, String kind, Path file, String format,
            List<String> targets, SourceDeclaration source, List<Problem> warnings, List<String> notes,
            Outcome outcome) {
        return logged(h, id, kind, file.toString(), file.getFileName().toString(), format, targets, source, warnings,
                notes, outcome);
    }

    private ImportReport logged(org.jdbi.v3.core.Handle h, long id, String kind, String shown, String name,
            String format, List<String> targets, SourceDeclaration source, List<Problem> warnings, List<String> notes,
            Outcome outcome) {
        String target = String.join(",", targets);
        if (source.category().personalData()) { // written last, in the import's transaction: no data without its entry
            AuditLog.append(h, java.time.Instant.now(), actor, kind + ".import", target, outcome.rowsStored(),
                    "import n° " + id + ", fichier " + name + ", source " + source.category().id()
                            + (source.provider() == null ? "" : ", fournisseur " + source.provider())
                            + " ; remplace les données précédentes de la même cible");
        }
        return new ImportReport(kind, shown, format, targets, outcome.rowsRead(), outcome.rowsStored(),
                warnings, notes, false, Optional.empty());
    }

    /** The declaration of a category without provider, or the rule it breaks located at the file. */
    private static SourceDeclaration declared(SourceCategory source, Path file) {
        try {
            return SourceDeclaration.of(source, null);
        } catch (SourceDeclaration.SourceRefused e) {
            throw InputError.of(file.getFileName().toString(), e.getMessage());
        }
    }

    private static final SourceDeclaration OPEN_DATA = SourceDeclaration.of(SourceCategory.OFFICIAL_OPEN_DATA, null);

    // ---- results

    /**
     * Writes results while it reads them: a second thread reads the file and hands each station's
     * count over as soon as its rows are read, and this one writes it in the import's transaction,
     * so that the database works while the file is parsed instead of after. The checks that need the
     * whole file (sums, the round's date, the skip of an unchanged file) come at the end, still
     * inside the transaction: a bad line anywhere rolls everything back (adr/0001).
     */
    public ImportReport results(Path file, ResultsOptions options, SourceCategory source) {
        return results(file, options, source, Set.of());
    }

    /**
     * As {@link #results(Path, ResultsOptions, SourceCategory)}, leaving out the rounds of {@code otherwise} (a folder
     * import holding them from another file already; each said in a note); when every round of the file is one of
     * them, nothing is written and {@link RoundsImportedOtherwise} is thrown. Which rounds a file holds is known once it
     * is read: with rounds to leave out, nothing is written while it is read.
     */
    public ImportReport results(Path file, ResultsOptions options, SourceCategory source, Set<String> otherwise) {
        SourceDeclaration declaration = declared(source, file);
        long size = CsvProgress.size(file);
        progress.start("lecture " + file.getFileName(), size);
        try (CsvTable table = CsvTable.open(TextInput.detect(file))) {
            ResultsFormat format = recognised(table);
            CountHandoff handoff = otherwise.isEmpty() ? new CountHandoff() : null;
            FutureTask<ResultsFile> reading = new FutureTask<>(() -> {
                try {
                    return format.read(table, options, handoff == null ? ResultsFormat.EarlyCounts.NONE : handoff);
                } finally {
                    if (handoff != null) {
                        handoff.end();
                    }
                }
            });
            Thread reader = Thread.ofPlatform().name("terrain-lecture-resultats").daemon(true).start(reading);
            CsvProgress.Ticker ticker = new CsvProgress.Ticker(progress, table);
            boolean readWhole = false; // as CsvProgress.read, the bytes end at the file's size then, not on an error
            try {
                String name = file.getFileName().toString();
                Supplier<String> sha = () -> table.sha256().orElseGet(() -> sha256(file));
                ImportReport report;
                try {
                    report = writeResults(file.toString(), name, sha, declaration, options, otherwise, handoff, reading);
                } catch (Rewrite e) {
                    report = writeResults(file.toString(), name, sha, declaration, options, otherwise, null, reading);
                }
                readWhole = true;
                return report;
            } catch (RoundsImportedOtherwise skipped) { // read whole, its rounds imported from another file: a skip
                readWhole = true;
                throw skipped;
            } finally {
                if (handoff != null) {
                    handoff.cancel();
                }
                join(reader);
                ticker.close();
                if (readWhole) {
                    progress.update(size);
                }
            }
        } finally {
            progress.finish();
        }
    }

    /**
     * Several files as one results import, as a publisher cuts one set of results (one file per arrondissement): each
     * is read whole, they are merged ({@link ResultsFile#merge}), then written in one transaction, as one file would
     * be. The import log names the files and keeps one SHA-256 over theirs: the same files again are skipped.
     */
    public ImportReport results(List<Path> files, ResultsOptions options, SourceCategory source, Set<String> otherwise) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no file");
        }
        if (files.size() == 1) {
            return results(files.get(0), options, source, otherwise);
        }
        Set<Path> seen = new java.util.HashSet<>();
        for (Path f : files) {
            if (!seen.add(f.toAbsolutePath().normalize())) {
                throw InputError.of(f.getFileName().toString(), "fichier donné deux fois");
            }
        }
        SourceDeclaration declaration = declared(source, files.get(0));
        long total = files.stream().mapToLong(CsvProgress::size).sum();
        progress.start("lecture de " + files.size() + " fichiers", total);
        try {
            List<ResultsFile> read = new java.util.ArrayList<>();
            StringBuilder digests = new StringBuilder();
            long done = 0;
            for (Path file : files) {
                try (CsvTable table = CsvTable.open(TextInput.detect(file))) {
                    read.add(recognised(table).read(table, options));
                    digests.append(file.getFileName()).append(' ')
                            .append(table.sha256().orElseGet(() -> sha256(file))).append('\n');
                }
                progress.update(done += CsvProgress.size(file));
            }
            ResultsFile merged = ResultsFile.merge(files, read);
            FutureTask<ResultsFile> reading = new FutureTask<>(() -> merged);
            reading.run();
            String name = groupName(files);
            // shown as their folder: the files of one set are usually all it holds
            String shown = files.get(0).toAbsolutePath().getParent() + " (" + files.size() + " fichiers)";
            return writeResults(shown, name, () -> sha256(digests.toString()), declaration, options, otherwise, null,
                    reading);
        } finally {
            progress.finish();
        }
    }

    /** The import log's name of several files: their names, shortened to the log's 300 characters. */
    private static String groupName(List<Path> files) {
        String all = files.stream().map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.joining(", "));
        String name = files.size() + " fichiers : " + all;
        return name.length() <= 300 ? name : name.substring(0, 299) + "…";
    }

    private static ResultsFormat recognised(CsvTable table) {
        return ResultsFormat.recognise(table).orElseThrow(() -> new InputError(new Problem(table.fileName(), 1, 0, null,
                "pas un fichier de résultats que cette version sait lire ; en-tête : "
                        + String.join(", ", table.header()))));
    }

    /**
     * Thrown, out of the import's transaction (nothing written), when every round a results file holds was to be
     * taken from another file.
     */
    public static final class RoundsImportedOtherwise extends RuntimeException {
        private final List<String> rounds;

        RoundsImportedOtherwise(List<String> rounds) {
            super(String.join(", ", rounds), null, false, false);
            this.rounds = List.copyOf(rounds);
        }

        public List<String> rounds() {
            return rounds;
        }
    }

    /** « 1 bureau de paris-2020-t1 absent du découpage 2020 (1-99) : ses résultats sont gardés, la carte ne le place pas ». */
    static String unplacedNote(String electionId, Geography.Unplaced u) {
        int n = u.codes().size();
        String codes = String.join(", ", u.codes().subList(0, Math.min(n, 5))) + (n > 5 ? ", …" : "");
        return n == 1 ? "1 bureau de " + electionId + " absent du découpage " + u.vintage() + " (" + codes
                + ") : ses résultats sont gardés, la carte ne le place pas"
                : Paris.count(n) + " bureaux de " + electionId + " absents du découpage " + u.vintage() + " (" + codes
                        + ") : leurs résultats sont gardés, la carte ne les place pas";
    }

    /**
     * The import's transaction: the counts handed over while the file is read (none without
     * {@code handoff}), then, once it is read whole, the checks and every count not yet written.
     */
    private ImportReport writeResults(String shown, String name, Supplier<String> digest,
            SourceDeclaration declaration, ResultsOptions options, Set<String> otherwise, CountHandoff handoff,
            Future<ResultsFile> reading) {
        LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC);
        try {
            return store.jdbi().inTransaction(h -> {
                ImportWriter writer = new ImportWriter(h, store.dialect());
                Early early = handoff == null ? null : writeEarly(writer, handoff, reading);
                ResultsFile results = outcome(reading);
                if (strict && !results.warnings().isEmpty()) {
                    throw new InputError(results.warnings());
                }
                // the rounds to write: those not taken from another file already (a folder import)
                List<ResultsFile.Round> kept = results.rounds().stream()
                        .filter(r -> !otherwise.contains(r.election().id())).toList();
                List<String> left = results.rounds().stream().map(r -> r.election().id())
                        .filter(otherwise::contains).toList();
                if (kept.isEmpty()) {
                    throw new RoundsImportedOtherwise(left); // rolls back what was written early
                }
                List<String> notes = new java.util.ArrayList<>(results.notes());
                left.forEach(id -> notes.add("tour " + id + " laissé : pris d'un fichier précédent"));
                List<String> targets = kept.stream().map(r -> "results:" + r.election().id()).toList();
                String target = String.join(",", targets);
                String sha = digest.get();
                String fullOptions = describe(options) + (strict ? " --strict" : "");
                Optional<ImportRecord> last = early != null && target.equals("results:" + early.electionId())
                        ? early.lastImport() : writer.lastImport(target);
                Optional<ImportReport> unchanged = unchanged(writer, last, "results", shown, results.format(), targets,
                        results.warnings(), notes, sha, fullOptions);
                if (unchanged.isPresent()) {
                    throw new Unchanged(unchanged.get()); // rolls back what was written early
                }
                long stored = 0;
                boolean earlyRoundFound = false;
                for (ResultsFile.Round round : kept) {
                    List<StationResult> rest = round.results();
                    ImportWriter.ResultsStream stream = null;
                    Election election;
                    if (early != null && early.electionId().equals(round.election().id())) {
                        earlyRoundFound = true;
                        election = early.settle(round.election(), name);
                        stream = early.stream();
                        // what was written early stays, except counts whose station's rows resumed further down
                        rest = round.results().stream().filter(r -> !early.stream().wrote(r)).toList();
                        stored += round.listRows() - rest.stream().mapToLong(r -> r.votes().size()).sum();
                    } else {
                        election = ensureElection(writer, round.election(), name);
                    }
                    stored += writer.replaceResults(election, round.candidacies(), rest, stream);
                    Geography.unplaced(h, election).filter(u -> !u.codes().isEmpty()).ifPresent(u -> notes.add(
                            unplacedNote(election.id(), u)));
                }
                if (early != null && !earlyRoundFound) {
                    throw new Rewrite(); // the round's election resolved otherwise at the end: its rows bear a wrong id
                }
                Outcome outcome = new Outcome(results.listRows(), stored);
                long id = writer.logImport("results", target, name, sha, declaration,
                        fullOptions, start, outcome.rowsRead(), outcome.rowsStored(), results.warnings().size(),
                        LocalDateTime.now(ZoneOffset.UTC));
                return logged(h, id, "results", shown, name, results.format(), targets, declaration, results.warnings(),
                        notes, outcome);
            });
        } catch (Unchanged e) {
            return e.report;
        }
    }

    /**
     * What the writing thread did while the file was read: the counts of the first round that came
     * (its stream), and the lookups that round needs at the end (its election, inserted then if the
     * store had none; the last import of its results), made while the reader was still busy.
     */
    private record Early(ImportWriter.ResultsStream stream, Election stored, boolean inserted,
            Optional<ImportRecord> lastImport) {
        String electionId() {
            return stream.electionId();
        }

        /** The round's election as the file settled it at its end, checked against the store. */
        Election settle(Election fromFile, String file) {
            if (inserted && !stored.equals(fromFile)) {
                throw new Rewrite(); // inserted as the file first declared it, settled otherwise further down
            }
            return inserted ? stored : sameElection(stored, fromFile, file);
        }
    }

    /** Writes the counts the reader hands over until it ends; the first round that came, if any. */
    private static Early writeEarly(ImportWriter writer, CountHandoff handoff, Future<ResultsFile> reading) {
        Early early = null;
        try {
            for (List<CountHandoff.Count> batch; (batch = handoff.take()) != null; ) {
                for (CountHandoff.Count c : batch) {
                    if (early == null) {
                        early = lookUp(writer, c.election());
                    }
                    if (early.electionId().equals(c.election().id())) { // another round waits for the end
                        early.stream().add(c.count());
                    }
                }
            }
            outcome(reading); // a bad line: nothing more to write
        } catch (RuntimeException | Error e) {
            if (early != null) {
                try {
                    early.stream().abort();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        if (early != null) {
            early.stream().close();
        }
        return early;
    }

    /** The first round's lookups, then its stream (no other statement may run while the stream is open). */
    private static Early lookUp(ImportWriter writer, Election election) {
        Optional<Election> stored = writer.findElection(election.id());
        if (stored.isEmpty()) {
            writer.insertElection(election);
        }
        Optional<ImportRecord> last = writer.lastImport("results:" + election.id());
        return new Early(writer.streamResults(election.id()), stored.orElse(election), stored.isEmpty(), last);
    }

    /** What the reader returned, or its error as it was thrown. */
    private static <T> T outcome(Future<T> reading) {
        try {
            return reading.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("import interrompu");
        }
    }

    private static void join(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Thrown out of the transaction to roll it back: the file was already imported. */
    private static final class Unchanged extends RuntimeException {
        final ImportReport report;

        Unchanged(ImportReport report) {
            super(null, null, false, false);
            this.report = report;
        }
    }

    /** Thrown out of the transaction to roll it back and write again, without writing early. */
    private static final class Rewrite extends RuntimeException {
        Rewrite() {
            super(null, null, false, false);
        }
    }

    private static Election ensureElection(ImportWriter writer, Election fromFile, String file) {
        Optional<Election> existing = writer.findElection(fromFile.id());
        if (existing.isEmpty()) {
            writer.insertElection(fromFile);
            return fromFile;
        }
        return sameElection(existing.get(), fromFile, file);
    }

    /** The stored election {@code e}, unless the file declares its round otherwise. */
    private static Election sameElection(Election e, Election fromFile, String file) {
        if (e.kind() != fromFile.kind() || !e.date().equals(fromFile.date()) || e.round() != fromFile.round()) {
            throw InputError.of(file, "l'élection " + e.id() + " existe comme " + e.kind().label()
                    + " tour " + e.round() + " du " + e.date() + ", mais le fichier est " + fromFile.kind().label()
                    + " tour " + fromFile.round() + " du " + fromFile.date() + " ; précisez --election ou --date");
        }
        return e;
    }

    /**
     * The options that shape what a results file means, as recorded in the import log and compared to skip an
     * unchanged file. Not {@code --election}: it only names the rounds, and the log's target holds the names they
     * got, so the same file named the same way with the option or without it is the same import.
     */
    private static String describe(ResultsOptions o) {
        Map<String, Object> m = new TreeMap<>();
        m.put("kind", o.kind() == null ? null : o.kind().label());
        m.put("date", o.date());
        m.put("year", o.year());
        m.put("arrondissement", o.arrondissement());
        m.put("territory", o.territory());
        StringBuilder s = new StringBuilder();
        m.forEach((k, v) -> {
            if (v != null) {
                s.append(s.isEmpty() ? "" : " ").append("--").append(k).append(' ').append(v);
            }
        });
        return s.toString();
    }

    // ---- geography

    public ImportReport stations(Path file, Integer vintage) {
        GeoFile<PollingStation> read = GeoReaders.stations(file, vintage, Geography.arrondissementNumbers(store));
        int v = read.values().get(0).vintage();
        return write("stations", file, read.layout(), List.of("stations:" + v + ":" + file.getFileName()),
                OPEN_DATA, "--vintage " + v, read.warnings(), read.notes(),
                job -> new Outcome(read.values().size(), job.writer().mergeStations(read.values())));
    }

    /**
     * INSEE's REU addresses with their bureaux: the stations of each commune, with contours Terrain draws from the
     * addresses (an approximation, marked as such in the store), in the vintage {@code vintage}, else the year in the
     * file's name, else {@link #REU_EXTRACT_YEAR}.
     */
    public ImportReport reu(Path file, Integer vintage) {
        return reu(file, vintage, Set.of());
    }

    /**
     * As {@link #reu(Path, Integer)}, keeping only the rows of the communes {@code chosen} (INSEE codes; empty: every
     * commune): a campaign's communes out of the national table. The stations of other communes already stored stay as
     * they are.
     *
     * @throws IllegalArgumentException for a code that is no commune's, or Paris, Lyon or Marseille's ({@link
     *     ReuAddressReader#communes})
     */
    public ImportReport reu(Path file, Integer vintage, Set<String> chosen) {
        Set<String> communes = ReuAddressReader.communes(chosen); // as the file writes them: 2a004 is 2A004
        String name = file.getFileName().toString();
        List<String> notes = new java.util.ArrayList<>();
        int v = reuVintage(name, vintage, notes);
        ReuStations.Read read = ReuStations.read(file, v, communes, progress, notes);
        keepDigestOfRead(file, read.sha256());
        String options = "--vintage " + v + (communes.isEmpty() ? ""
                : " --communes " + String.join(",", new java.util.TreeSet<>(communes)));
        return write("reu", file, "adresses du REU (INSEE)", List.of("reu:" + v + ":" + name), OPEN_DATA,
                options, List.of(), notes, job -> {
                    List<String> published = job.writer().replaceDerivedStations(v, read.stations());
                    if (!published.isEmpty()) {
                        notes.add(published.size() + " bureau(x) déjà donnés par un fichier publié dans le découpage " + v
                                + ", gardés tels quels : " + String.join(", ", published.subList(0, Math.min(10,
                                published.size()))) + (published.size() > 10 ? "…" : ""));
                    }
                    return new Outcome(read.rows(), read.stations().size() - published.size());
                });
    }

    /** The year of the REU extract INSEE published in 2023 (« daté de septembre 2022 »), the vintage by default. */
    public static final int REU_EXTRACT_YEAR = 2022;

    private static int reuVintage(String file, Integer vintage, List<String> notes) {
        if (vintage != null) {
            if (vintage < 1900 || vintage > 2100) {
                throw InputError.of(file, "découpage invraisemblable " + vintage + " : attendu une année");
            }
            return vintage;
        }
        var year = FileHints.year(file);
        if (year.isPresent()) {
            notes.add("découpage " + year.getAsInt() + " pris du nom du fichier");
            return year.getAsInt();
        }
        notes.add("découpage " + REU_EXTRACT_YEAR + " : l'extrait du REU publié par l'INSEE date de septembre "
                + REU_EXTRACT_YEAR + " (--vintage ANNÉE pour un autre)");
        return REU_EXTRACT_YEAR;
    }

    public ImportReport arrondissements(Path file) {
        GeoFile<Arrondissement> read = GeoReaders.arrondissements(file);
        return write("arrondissements", file, read.layout(), List.of("arrondissements"),
                OPEN_DATA, "", read.warnings(), read.notes(),
                job -> new Outcome(read.values().size(), job.writer().replaceArrondissements(read.values())));
    }

    /** An INSEE table by IRIS (CSV) or IRIS contours (GeoJSON), told apart by content. */
    public ImportReport iris(Path file, String datasetOrVintage) {
        if (GeoJsonFeatures.looksLikeJson(file)) {
            GeoFile<Iris> read = GeoReaders.irisContours(file, datasetOrVintage);
            return write("iris-contours", file, read.layout(), List.of("iris:" + read.vintage()),
                    OPEN_DATA, "--vintage " + read.vintage(), read.warnings(),
                    read.notes(), job -> new Outcome(read.values().size(),
                            job.writer().replaceIrisVintage(read.vintage(), read.values())));
        }
        CsvFile<IrisIndicator> read;
        try (CsvTable table = CsvTable.open(TextInput.detect(file))) {
            if (!IrisTableReader.recognises(table)) {
                throw new InputError(new Problem(table.fileName(), 1, 0, null,
                        "pas une table INSEE par IRIS : colonne IRIS attendue ; en-tête : " + String.join(", ", table.header())));
            }
            read = IrisTableReader.read(table, datasetOrVintage);
        }
        CsvFile<IrisIndicator> table = read;
        String columns = String.join("|", new java.util.TreeSet<>(table.columns()));
        // the import log's target column holds 2,000 characters: very wide tables are named by a digest
        String target = "iris-data:" + table.dataset() + ":"
                + (columns.length() <= 1_500 ? columns : "sha256-" + sha256(columns).substring(0, 16));
        return write("iris", file, table.layout(), List.of(target), OPEN_DATA,
                "--dataset " + table.dataset(), table.warnings(), table.notes(), job -> new Outcome(table.rows(),
                        job.writer().replaceIrisIndicators(table.dataset(), table.columns(), table.values())));
    }

    // ---- addresses and voters: streamed, never held in memory

    public ImportReport addresses(Path file) {
        // Read once to check every line, then once more to write: a bad line must change nothing,
        // and holding a département's addresses in memory is what streaming avoids.
        long rows = stream(file, "vérification", table -> BanAddressReader.read(table, a -> { }));
        return write("addresses", file, "Base Adresse Nationale", List.of("addresses:" + file.getFileName()),
                OPEN_DATA, "", List.of(), List.of(), job -> {
                    try (ImportWriter.AddressSink sink = job.writer().addresses()) {
                        long n = stream(file, "écriture", table -> BanAddressReader.read(table, sink::add));
                        sink.finish();
                        return new Outcome(rows, n);
                    }
                });
    }

    /**
     * An electoral list (or sign-in list) for one election. Personal data: the source category
     * must be declared and lawful, and every voter keeps it with the provider and collection date.
     */
    public ImportReport voters(Path file, String contest, SourceCategory source, String provider,
            LocalDate collectedOn, Map<String, String> mapping, Integer arrondissement) {
        SourceDeclaration declaration;
        try {
            declaration = SourceDeclaration.of(source, provider);
        } catch (SourceDeclaration.SourceRefused e) {
            throw InputError.of(file.getFileName().toString(), e.getMessage());
        }
        return voters(file, contest, declaration, collectedOn, mapping, arrondissement);
    }

    /** The same, with a complete source declaration (provider contact and consent channels kept with the import). */
    public ImportReport voters(Path file, String contest, SourceDeclaration declaration, LocalDate collectedOn,
            Map<String, String> mapping, Integer arrondissement) {
        String name = file.getFileName().toString();
        SourceCategory source = declaration.category();
        String provider = declaration.provider();
        if (source != SourceCategory.ELECTORAL_LIST && source != SourceCategory.SIGN_IN_LIST) {
            throw InputError.of(name, "--source " + source.id() + " : une liste d'électeurs vient d'une liste"
                    + " électorale (electoral-list) ou d'une liste d'émargement (sign-in-list)");
        }
        if (Elections.rounds(store, contest).isEmpty()) {
            throw InputError.of(name, "élection inconnue " + contest + " : déclarez-la d'abord avec terrain election add "
                    + contest + " --kind … --round1 …");
        }
        // without --collected-on the date is today's, and a re-import of the same file keeps the first one
        String options = "--election " + contest + (mapping.isEmpty() ? "" : " --map " + new TreeMap<>(mapping))
                + (arrondissement == null ? "" : " --arrondissement " + arrondissement)
                + (provider == null ? "" : " --provider " + provider)
                + (collectedOn == null ? "" : " --collected-on " + collectedOn);
        LocalDate collected = collectedOn == null ? LocalDate.now(ZoneOffset.UTC) : collectedOn;
        List<String> notes = new java.util.ArrayList<>();
        try (CsvTable header = CsvTable.open(TextInput.detect(file))) {
            ElectoralListReader.columns(header, mapping); // a wrong header fails here, before anything is touched
        }
        List<String> targets = List.of("voters:" + contest + ":" + source.id());
        String sha = sha256(file);
        digestsOfRead.put(file, sha); // write() takes it instead of reading the file again
        boolean indexSuspended = !alreadyImported(targets, sha, options) && VoterIdentityIndex.suspend(store);
        try {
            return write("voters", file, "liste électorale (arrêté du 12 novembre 2013)", targets, declaration,
                    options, List.of(), notes, job -> {
                        java.util.Set<String> suppressed = job.writer().suppressionHashes();
                        if (!suppressed.isEmpty() && hasher == null) {
                            throw InputError.of(name, "la liste d'opposition n'est pas vide mais sa clé n'est pas"
                                    + " disponible : import refusé pour ne ramener aucune personne opposée");
                        }
                        return writeVoters(file, contest, source.id(), provider, collected, mapping, arrondissement,
                                suppressed, job, notes);
                    });
        } finally {
            if (indexSuspended) {
                progress.start("index des dates de naissance", -1);
                try {
                    VoterIdentityIndex.restore(store);
                } finally {
                    progress.finish();
                }
            }
        }
    }

    /**
     * One pass: a second thread reads and checks the file and hands the voters over, this one
     * writes them in the import's transaction meanwhile. A bad line stops the hand-over; the
     * reader goes on collecting the file's errors and throws them at the end, which rolls the
     * transaction back (the previous voters stay as they were).
     */
    private Outcome writeVoters(Path file, String contest, String source, String provider, LocalDate collected,
            Map<String, String> mapping, Integer arrondissement, java.util.Set<String> suppressed, Job job,
            List<String> notes) {
        Handoff<Voter> handoff = new Handoff<>(1_000, 16);
        long[] skipped = {0};
        long[] withoutStation = {0};
        FutureTask<Long> reading = new FutureTask<>(() -> {
            try {
                return stream(file, "lecture", table -> ElectoralListReader.read(table, mapping, arrondissement,
                        (Voter v) -> {
                            if (!suppressed.isEmpty() && isSuppressed(v, suppressed)) {
                                skipped[0]++;
                            } else {
                                withoutStation[0] += v.station() == null ? 1 : 0;
                                handoff.add(v);
                            }
                        }));
            } finally {
                handoff.end();
            }
        });
        Thread reader = Thread.ofPlatform().name("terrain-lecture-electeurs").daemon(true).start(reading);
        try (ImportWriter.VoterSink sink = job.writer().replaceVoters(contest, source, provider, collected,
                job.importId())) {
            for (List<Voter> batch; (batch = handoff.take()) != null; ) {
                batch.forEach(sink::add);
            }
            long rows = outcome(reading);
            if (!suppressed.isEmpty()) {
                notes.add(skipped[0] == 0 ? "liste d'opposition consultée : aucun électeur de ce fichier n'y est inscrit"
                        : skipped[0] + " électeur(s) ignoré(s) : inscrits sur la liste d'opposition");
            }
            if (withoutStation[0] > 0) {
                notes.add(Paris.count(withoutStation[0]) + " électeur(s) sans bureau de vote situé par la liste (pas de"
                        + " numéro de bureau, ou le code de toute la ville sans --arrondissement) : terrain doors et"
                        + " terrain turfs placent ceux dont l'adresse BAN tombe dans le contour d'un bureau de leur"
                        + " commune, placement approché (docs/adr/0029)");
            }
            return new Outcome(rows, sink.rows());
        } finally {
            handoff.cancel();
            join(reader);
        }
    }

    /** Whether any identifier of the voter (name + birth date, name + address) is on the suppression list. */
    private boolean isSuppressed(Voter v, java.util.Set<String> suppressed) {
        return Identifiers.ofListedPerson(v.birthName(), v.usageName(), v.firstNames(), v.birthDate(), v.addressNumber(),
                v.streetType(), v.streetName(), v.postcode()).stream().anyMatch(i -> suppressed.contains(hasher.hash(i)));
    }

    /** Runs a reader over a CSV file, reporting progress in bytes read. */
    private <T> T stream(Path file, String phase, Function<CsvTable, T> reader) {
        CsvProgress.Read<T> read = CsvProgress.read(file, phase + " " + file.getFileName(), progress, reader);
        keepDigestOfRead(file, read.sha256());
        return read.value();
    }

    /** Keeps the SHA-256 a whole read of {@code file} gave (none when not read to its end) for {@link #write}. */
    private void keepDigestOfRead(Path file, String sha256) {
        if (sha256 != null) {
            digestsOfRead.put(file, sha256);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 of the file's bytes, in hexadecimal, as the import log keeps it. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw InputError.unreadable(file.getFileName().toString(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
