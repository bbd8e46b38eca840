package fr.terrain.ingest;

import fr.terrain.election.Candidacy;
import fr.terrain.election.Election;
import fr.terrain.election.ElectionCalendar;
import fr.terrain.election.ElectionKind;
import fr.terrain.election.Ordinal;
import fr.terrain.election.ResultChecks;
import fr.terrain.election.StationCode;
import fr.terrain.election.StationResult;
import fr.terrain.ingest.CsvTable.Column;
import fr.terrain.ingest.CsvTable.Row;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Results by polling station, in long layout (one row per station × list, the station's totals
 * repeated on each row) or in wide layout (one row per station, one column per list, the list named
 * by its column's header). One class reads the layouts Paris publishes;
 * each is a set of header spellings and a way to find a row's lists.
 */
public final class StationResultsFormat implements ResultsFormat {

    /** Ville de Paris open data, municipales 2020 (and later): {@code id_bvote;...;tete_de_liste;nb_voix}. */
    public static final StationResultsFormat PARIS_MUNICIPALES = new StationResultsFormat(
            "résultats Ville de Paris par bureau et par liste", ElectionKind.MUNICIPALES, null,
            new String[][] {{"id_bvote", "id_bv"}, {"tete_de_liste", "liste"}, {"nb_voix"}});

    /** Paris 2014 per-arrondissement results with nuance codes: {@code tour;num_bv;...;code_nuance;voix}. */
    public static final StationResultsFormat PARIS_2014 = new StationResultsFormat(
            "résultats municipales 2014 par bureau avec nuances", ElectionKind.MUNICIPALES, 2014,
            new String[][] {{"num_bv"}, {"code_nuance"}, {"tete_de_liste"}, {"voix"}});

    /** Presidential results per bureau, one row per candidate: {@code id_bv;...;candidat;voix}. */
    public static final StationResultsFormat PRESIDENTIELLE_BV = new StationResultsFormat(
            "résultats par bureau et par candidat", ElectionKind.PRESIDENTIELLE, null,
            new String[][] {{"candidat", "nom_candidat"}, {"voix"}, {"inscrits"}});

    /**
     * The Ville de Paris originals ({@code DDCT_BERP_municipales_2020_tour1_Ardt_NN}): one file per
     * arrondissement, one row per station, the totals then one column per list headed by its head of list
     * ({@code ID_BVOTE,...,NB_EXPRIM,"M. WEIL Ariel",...}).
     */
    public static final StationResultsFormat PARIS_MUNICIPALES_WIDE = new StationResultsFormat(
            "résultats Ville de Paris par bureau, une colonne par liste", ElectionKind.MUNICIPALES, null,
            new String[][] {{"id_bvote", "id_bv"}, {"nb_exprim", "exprimes"}}, true);

    private static final String[] STATION = {"id_bvote", "id_bv", "code_bv", "bureau"};
    private static final String[] ARRONDISSEMENT = {"num_arrond", "arrondissement", "arrondissement_bv", "arr"};
    private static final String[] NUMBER = {"num_bureau", "num_bv", "numero_bv", "no_bureau"};
    private static final String[] ROUND = {"tour", "num_tour"};
    private static final String[] DATE = {"date", "date_scrutin"};
    private static final String[] YEAR = {"annee", "year"};
    private static final String[] KIND = {"scrutin", "type_scrutin"};
    private static final String[] REGISTERED = {"nb_inscr", "inscrits", "nb_inscrits"};
    private static final String[] VOTERS = {"nb_votant", "votants", "nb_votants"};
    private static final String[] BLANK = {"nb_blanc", "blancs", "nb_blancs"};
    private static final String[] INVALID = {"nb_nul", "nuls", "nb_nuls"};
    private static final String[] BLANK_AND_INVALID = {"blancs_nuls", "blancs_et_nuls", "nb_bl_nul"};
    private static final String[] EXPRESSED = {"nb_exprim", "exprimes", "nb_exprimes"};
    private static final String[] PROXIES = {"nb_procu", "procurations"};
    private static final String[] LABEL = {"tete_de_liste", "candidat", "liste", "nom_candidat"};
    private static final String[] NUANCE = {"code_nuance", "nuance"};
    private static final String[] PANEL = {"numero_du_depot_de_la_liste", "numero_panneau", "num_panneau"};
    private static final String[] VOTES = {"nb_voix", "voix"};
    /** Width of {@code candidacy.label}. */
    private static final int LABEL_WIDTH = 300;
    /** From this many lists in a station, a duplicate list is found by hashing rather than by a scan. */
    private static final int MANY_LISTS = 32;

    private static final DateTimeFormatter[] DATE_FORMATS = {
        DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("yyyy/MM/dd"),
        DateTimeFormatter.ofPattern("dd/MM/yyyy")};

    private final String name;
    private final ElectionKind defaultKind;
    private final Integer impliedYear;
    private final String[][] signature;
    /** One row per station, one column per list (else one row per station × list). */
    private final boolean wide;

    private StationResultsFormat(String name, ElectionKind defaultKind, Integer impliedYear, String[][] signature) {
        this(name, defaultKind, impliedYear, signature, false);
    }

    private StationResultsFormat(String name, ElectionKind defaultKind, Integer impliedYear, String[][] signature,
            boolean wide) {
        this.name = name;
        this.defaultKind = defaultKind;
        this.impliedYear = impliedYear;
        this.signature = signature;
        this.wide = wide;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean recognises(CsvTable table) {
        for (String[] spellings : signature) {
            if (!table.hasColumn(spellings)) {
                return false;
            }
        }
        if (wide) {
            return !table.hasColumn(VOTES) && !table.hasColumn(LABEL)
                    && table.header().stream().anyMatch(StationResultsFormat::namesAList);
        }
        return true;
    }

    /**
     * Columns of a wide file that are not lists: the station, the round, its totals, and the Ville's extras. In a
     * holder, made when first used: this class's own initialisation must not need the CSV library's.
     */
    private static final class NotLists {
        static final Set<String> SPELLINGS = java.util.stream.Stream.of(STATION, ARRONDISSEMENT, NUMBER, ROUND, DATE,
                        YEAR, KIND, REGISTERED, VOTERS, BLANK, INVALID, BLANK_AND_INVALID, EXPRESSED, PROXIES,
                        new String[] {"num_circ", "num_quartier", "nb_emarg", "emargements", "circonscription",
                            "quartier"})
                .flatMap(java.util.Arrays::stream).map(CsvTable::normalize)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Whether a wide file's column is a list's: any column not known as something else (its votes are checked). */
    private static boolean namesAList(String header) {
        return !header.isEmpty() && !NotLists.SPELLINGS.contains(CsvTable.normalize(header));
    }

    /** The columns of a wide file without a header: empty, as a spreadsheet's trailing separators leave them. */
    private static List<Column> unnamedColumns(CsvTable t) {
        List<Column> unnamed = new ArrayList<>();
        for (int i = 0; i < t.header().size(); i++) {
            if (t.header().get(i).isEmpty()) {
                unnamed.add(new Column(i, ""));
            }
        }
        return unnamed;
    }

    /** The wide files Paris publishes are one per arrondissement. */
    @Override
    public boolean splitIntoFiles() {
        return wide;
    }

    /** A list of a wide file: its column, and the list its header names. */
    private record ListColumn(Column votes, Candidacy list) {}

    /**
     * The lists of a wide file, one per column that is not a station's, its round's or its totals' (wherever the
     * column is: the publisher puts them after the exprimés), named by their headers. A column taken for a list that
     * is not one shows in the sums' check (the lists' votes add up to the exprimés).
     */
    private static List<ListColumn> listColumns(CsvTable t) {
        List<ListColumn> lists = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < t.header().size(); i++) {
            String label = t.header().get(i);
            if (!namesAList(label)) {
                continue;
            }
            if (label.length() > LABEL_WIDTH) {
                throw new InputError(new Problem(t.fileName(), 1, i + 1, null,
                        "nom de liste de plus de " + LABEL_WIDTH + " caractères"));
            }
            Integer before = seen.put(label, i);
            if (before != null) {
                throw new InputError(new Problem(t.fileName(), 1, i + 1, label,
                        "la liste \"" + label + "\" a déjà la colonne " + (before + 1)));
            }
            lists.add(new ListColumn(new Column(i, label), new Candidacy(label, null, null)));
        }
        if (lists.isEmpty()) {
            throw InputError.of(t.fileName(), "aucune colonne de liste : après les totaux, une colonne par liste est"
                    + " attendue, nommée par sa tête de liste");
        }
        return lists;
    }

    /** Totals of one station in one round, with the lists seen so far. */
    private static final class StationRows {
        final long line;
        final int registered;
        final int voters;
        final Integer blank;
        final Integer invalid;
        final Integer blankAndInvalid;
        final int expressed;
        final Integer proxies;
        /** The lists read so far while the station's rows go on; null once its count is sealed. */
        List<StationResult.ListVotes> votes = new ArrayList<>();
        /** The station's count once its rows have ended (until they resume), else null. */
        StationResult count;
        /** Its count was handed over early. */
        boolean handedOver;
        /** Rows of this station came again after it was handed over: it is counted only at the end. */
        boolean resumed;
        /** The labels of {@link #votes}, made only for a station with many lists (a scan is cheaper below). */
        Set<String> labels;

        StationRows(long line, int registered, int voters, Integer blank, Integer invalid, Integer blankAndInvalid,
                int expressed, Integer proxies) {
            this.line = line;
            this.registered = registered;
            this.voters = voters;
            this.blank = blank;
            this.invalid = invalid;
            this.blankAndInvalid = blankAndInvalid;
            this.expressed = expressed;
            this.proxies = proxies;
        }

        /** Its rows have ended, for now: the count is made once, and the lists' working copy let go. */
        StationResult seal(StationCode code) {
            if (count == null) {
                count = new StationResult(code, registered, voters, blank, invalid, blankAndInvalid, expressed, proxies,
                        votes);
                votes = null;
                labels = null;
            }
            return count;
        }

        /** Its rows resume further down the file: a count handed over early is no longer the whole station. */
        void resume() {
            if (count != null) {
                votes = new ArrayList<>(count.votes());
                count = null;
            }
            resumed |= handedOver;
        }

        /** Adds a list's votes, unless a list of the same label was already read for the station. */
        boolean add(StationResult.ListVotes listVotes) {
            String label = listVotes.list().label();
            if (votes.size() < MANY_LISTS) {
                for (StationResult.ListVotes v : votes) {
                    if (v.list().label().equals(label)) {
                        return false;
                    }
                }
            } else {
                if (labels == null) {
                    labels = new HashSet<>();
                    votes.forEach(v -> labels.add(v.list().label()));
                }
                if (!labels.add(label)) {
                    return false;
                }
            }
            votes.add(listVotes);
            return true;
        }

        boolean sameTotals(int registered, int voters, Integer blank, Integer invalid, Integer blankAndInvalid,
                int expressed) {
            return this.registered == registered && this.voters == voters && this.expressed == expressed
                    && Objects.equals(this.blank, blank) && Objects.equals(this.invalid, invalid)
                    && Objects.equals(this.blankAndInvalid, blankAndInvalid);
        }
    }

    @Override
    public ResultsFile read(CsvTable t, ResultsOptions options, EarlyCounts early) {
        Problems problems = new Problems();
        List<String> notes = new ArrayList<>();
        String file = t.fileName();

        Column station = t.column(STATION).orElse(null);
        Column arrondissement = t.column(ARRONDISSEMENT).orElse(null);
        Column number = t.column(NUMBER).orElse(null);
        Integer implicitArrondissement = options.arrondissement();
        if (station == null && arrondissement == null && implicitArrondissement == null) {
            implicitArrondissement = FileHints.arrondissement(file).orElse(null);
            if (implicitArrondissement != null) {
                notes.add("arrondissement " + implicitArrondissement + " pris du nom du fichier");
            }
        }
        if (station == null && number == null) {
            t.requireColumn("id_bvote", "id_bv", "num_bureau", "num_bv"); // reports the missing column
        }
        if (station == null && arrondissement == null && implicitArrondissement == null) {
            throw InputError.of(file, "le fichier n'a pas de colonne d'arrondissement : précisez --arrondissement N");
        }
        Column round = t.column(ROUND).orElse(null);
        Column date = t.column(DATE).map(Column::repeating).orElse(null);
        Column year = t.column(YEAR).orElse(null);
        Column kind = t.column(KIND).map(Column::repeating).orElse(null);
        Column registered = t.requireColumn(REGISTERED);
        Column voters = t.requireColumn(VOTERS);
        Column blank = t.column(BLANK).orElse(null);
        Column invalid = t.column(INVALID).orElse(null);
        Column blankAndInvalid = t.column(BLANK_AND_INVALID).orElse(null);
        Column expressed = t.requireColumn(EXPRESSED);
        Column proxies = t.column(PROXIES).orElse(null);
        List<ListColumn> wideLists = wide ? listColumns(t) : null;
        List<Column> unnamed = wide ? unnamedColumns(t) : List.of();
        Column label = wide ? null : t.requireColumn(LABEL).repeating();
        Column nuance = wide ? null : t.column(NUANCE).map(Column::repeating).orElse(null);
        Column panel = wide ? null : t.column(PANEL).map(Column::repeating).orElse(null);
        Column votes = wide ? null : t.requireColumn(VOTES);

        // round → station → rows, in file order
        Map<Integer, Map<StationCode, StationRows>> byRound = new TreeMap<>();
        Map<Integer, Map<String, Candidacy>> listsByRound = new TreeMap<>();
        // per round, each date in the order met, with the line it first appears on
        Map<Integer, Map<LocalDate, Long>> datesByRound = new TreeMap<>();
        Set<Integer> years = new LinkedHashSet<>();
        Set<String> kinds = new LinkedHashSet<>();
        // Station codes, dates and lists repeat on many lines: parse each spelling once.
        Map<String, StationCode> codes = new java.util.HashMap<>();
        Map<String, LocalDate> parsedDates = new java.util.HashMap<>();
        Map<String, Candidacy> parsedLists = new java.util.HashMap<>();

        // The election of each round as the rows read so far resolve it, for the counts handed over early.
        Map<Integer, Optional<Election>> provisional = new HashMap<>();

        // Rows of one station usually follow each other: the previous row's lookups are reused, and
        // a station's count is sealed (and handed over early) when the next station begins.
        String previousStationText = null;
        String previousKey = null;
        StationCode previousCode = null;
        StationRows previousRows = null;
        int previousRound = 0;
        LocalDate previousDate = null;

        for (Row row : t) {
            if (problems.full()) {
                break;
            }
            try {
                row.requireWidth();
                // a code like 15-12 says it all (see stationCode); else the three columns together
                String stationText = previousStationText != null && row.textEquals(station, previousStationText)
                        ? previousStationText : row.text(station);
                String codeKey = stationText != null && stationText.indexOf('-') >= 0 ? stationText
                        : stationText + "|" + row.text(arrondissement) + "|" + row.text(number);
                boolean sameStation = codeKey.equals(previousKey);
                StationCode code = sameStation ? previousCode : codes.get(codeKey);
                if (code == null) {
                    code = stationCode(row, station, arrondissement, number, implicitArrondissement);
                    checkArrondissement(options, code, row, arrondissement != null ? arrondissement : station);
                    codes.put(codeKey, code);
                }
                int r = round == null ? 1 : row.integer(round);
                if (r < 1 || r > 2) {
                    throw row.error(round, "attendu le tour 1 ou 2, trouvé " + r);
                }
                if (date != null) {
                    String dateText = row.text(date);
                    LocalDate d = dateText == null ? null : parsedDates.get(dateText);
                    if (dateText != null && d == null) {
                        d = parseDate(row, date);
                        parsedDates.put(dateText, d);
                    }
                    if (d != null && (d != previousDate || r != previousRound)) {
                        datesByRound.computeIfAbsent(r, k -> new LinkedHashMap<>()).putIfAbsent(d, row.line());
                    }
                    previousDate = d;
                }
                if (year != null) {
                    Integer y = row.optionalInteger(year);
                    if (y != null) {
                        years.add(y);
                    }
                }
                if (kind != null && row.text(kind) != null) {
                    kinds.add(row.text(kind));
                }
                int registeredCount = row.count(registered);
                int votersCount = row.count(voters);
                Integer blankCount = row.optionalCount(blank);
                Integer invalidCount = row.optionalCount(invalid);
                Integer blankAndInvalidCount = row.optionalCount(blankAndInvalid);
                int expressedCount = row.count(expressed);
                Integer proxiesCount = row.optionalCount(proxies);
                Candidacy list = null;
                int v = 0;
                if (!wide) {
                    String labelText = row.requiredText(label, LABEL_WIDTH);
                    String listKey = nuance == null && panel == null ? labelText
                            : labelText + '\u0000' + row.text(nuance) + '\u0000' + row.text(panel);
                    list = parsedLists.get(listKey);
                    if (list == null) {
                        try {
                            list = new Candidacy(labelText, nuance == null ? null : row.text(nuance),
                                    row.optionalCount(panel));
                        } catch (IllegalArgumentException e) {
                            throw row.error(nuance, e.getMessage());
                        }
                        parsedLists.put(listKey, list);
                    }
                    v = row.count(votes);
                }
                StationRows stationRows = sameStation && r == previousRound ? previousRows
                        : byRound.computeIfAbsent(r, k -> new LinkedHashMap<>()).get(code);
                if (stationRows == null) {
                    stationRows = new StationRows(row.line(), registeredCount, votersCount, blankCount, invalidCount,
                            blankAndInvalidCount, expressedCount, proxiesCount);
                    byRound.get(r).put(code, stationRows);
                } else if (!stationRows.sameTotals(registeredCount, votersCount, blankCount, invalidCount,
                        blankAndInvalidCount, expressedCount)) {
                    throw row.error(registered, "bureau " + code + " a des totaux différents de la ligne "
                            + stationRows.line
                            + " (inscrits, votants, blancs, nuls et exprimés se répètent à chaque ligne d'un bureau)");
                }
                if (stationRows != previousRows) {
                    if (previousRows != null) {
                        previousRows.seal(previousCode);
                        if (problems.isEmpty() && early != EarlyCounts.NONE) {
                            handOver(previousRows, provisional.computeIfAbsent(previousRound,
                                    k -> provisionalElection(file, options, kinds, k, datesByRound, years)), early);
                        }
                    }
                    stationRows.resume();
                }
                previousStationText = stationText;
                previousKey = codeKey;
                previousCode = code;
                previousRows = stationRows;
                previousRound = r;
                Map<String, Candidacy> lists = listsByRound.computeIfAbsent(r, k -> new LinkedHashMap<>());
                if (wide) {
                    for (Column c : unnamed) {
                        if (row.text(c) != null) {
                            throw row.error(c, "valeur dans une colonne sans en-tête : une colonne de liste porte le"
                                    + " nom de sa liste");
                        }
                    }
                    for (ListColumn c : wideLists) {
                        add(row, stationRows, lists, c.list(), row.count(c.votes()), code, r, c.votes(), null);
                    }
                } else {
                    add(row, stationRows, lists, list, v, code, r, label, nuance);
                }
            } catch (InputError e) {
                problems.addAll(e);
            }
        }
        problems.throwIfAny();
        if (previousRows != null) {
            previousRows.seal(previousCode);
            if (early != EarlyCounts.NONE) {
                handOver(previousRows, provisional.computeIfAbsent(previousRound,
                        k -> provisionalElection(file, options, kinds, k, datesByRound, years)), early);
            }
        }
        if (byRound.isEmpty()) {
            throw InputError.of(file, "aucune ligne de résultats après l'en-tête");
        }

        ElectionKind electionKind = resolveKind(file, options, kinds);
        List<ResultsFile.Round> rounds = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        for (var entry : byRound.entrySet()) {
            int r = entry.getKey();
            LocalDate d = resolveDate(file, options, electionKind, r, datesByRound.getOrDefault(r, Map.of()), years,
                    notes, warnings);
            checkCalendar(file, electionKind, r, d, warnings);
            Election election = election(file, options, electionKind, r, d);
            List<StationResult> results = new ArrayList<>();
            for (var s : entry.getValue().entrySet()) {
                StationRows rows = s.getValue();
                StationResult result = rows.seal(s.getKey());
                for (String v : ResultChecks.violations(result)) {
                    warnings.add(new Problem(file, rows.line, 0, null, v));
                }
                results.add(result);
            }
            rounds.add(new ResultsFile.Round(election, List.copyOf(listsByRound.get(r).values()), results));
            if (wide) {
                mixedArrondissements(file, entry.getValue(), warnings);
            }
        }
        return new ResultsFile(name, rounds, Problems.capped(warnings), notes);
    }

    /**
     * A wide file is one arrondissement's: a station of another (a mistyped code would replace that station's count)
     * is said, with its line.
     */
    private static void mixedArrondissements(String file, Map<StationCode, StationRows> stations, List<Problem> warnings) {
        Map<Integer, Long> counts = new TreeMap<>();
        stations.keySet().forEach(c -> counts.merge(c.arrondissement(), 1L, Long::sum));
        if (counts.size() < 2) {
            return;
        }
        int main = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        stations.forEach((code, rows) -> {
            if (code.arrondissement() != main) {
                warnings.add(new Problem(file, rows.line, 0, null, "bureau " + code + " dans un fichier des bureaux du "
                        + Ordinal.of(main) + " arrondissement (un fichier par arrondissement dans ce"
                        + " format) : faute de frappe ?"));
            }
        });
    }

    /** Adds one list's votes to a station's count, once per station, the list's nuance the same on every row. */
    private static void add(Row row, StationRows stationRows, Map<String, Candidacy> lists, Candidacy list, int votes,
            StationCode code, int round, Column label, Column nuance) {
        Candidacy known = lists.putIfAbsent(list.label(), list);
        if (!stationRows.add(new StationResult.ListVotes(known == null ? list : known, votes))) {
            throw row.error(label, "la liste \"" + list.label() + "\" apparaît deux fois pour le bureau " + code
                    + " au tour " + round);
        }
        if (known != null && !Objects.equals(known.nuance(), list.nuance())) {
            throw row.error(nuance, "la liste \"" + list.label() + "\" a la nuance " + list.nuance()
                    + " ici mais " + known.nuance() + " plus haut");
        }
    }

    /**
     * Hands a sealed station's count over, unless its rows resumed after an earlier hand-over or its round has no
     * election yet.
     */
    private static void handOver(StationRows rows, Optional<Election> election, EarlyCounts early) {
        if (rows.resumed || election.isEmpty()) {
            return;
        }
        rows.handedOver = true;
        early.station(election.get(), rows.count);
    }

    /**
     * The election of a round from the rows read so far, as {@link #read} resolves it at the end: the
     * first date of the round, else the year; empty when those rows do not settle it (no date yet).
     */
    private Optional<Election> provisionalElection(String file, ResultsOptions options, Set<String> kinds, int round,
            Map<Integer, Map<LocalDate, Long>> datesByRound, Set<Integer> years) {
        try {
            ElectionKind kind = resolveKind(file, options, kinds);
            LocalDate date = resolveDate(file, options, kind, round, datesByRound.getOrDefault(round, Map.of()), years,
                    new ArrayList<>(), new ArrayList<>());
            return Optional.of(election(file, options, kind, round, date));
        } catch (InputError e) {
            return Optional.empty();
        }
    }

    /** Paris has twenty arrondissements: a station of the 21st is a typo that would fit no sector. */
    static void checkArrondissement(ResultsOptions options, StationCode code, Row row, Column column) {
        if (options.territoryOrDefault().equals("paris") && code.arrondissement() > 20) {
            throw row.error(column, "Paris a 20 arrondissements ; bureau " + code + " : arrondissement "
                    + code.arrondissement() + " ?");
        }
    }

    /**
     * A round the official calendar knows, dated otherwise by the file or {@code --date}: said (a row of round 2 in
     * a round-1 file takes the file's date, not round 2's).
     */
    static void checkCalendar(String file, ElectionKind kind, int round, LocalDate date, List<Problem> warnings) {
        ElectionCalendar.roundDate(kind, date.getYear(), round).filter(official -> !official.equals(date))
                .ifPresent(official -> warnings.add(new Problem(file, 0, 0, null, "le " + Ordinal.of(round)
                        + " tour (" + kind.label() + " " + date.getYear() + ") a eu lieu le " + official
                        + " (calendrier officiel) ; le fichier le date du " + date)));
    }

    private static StationCode stationCode(Row row, Column station, Column arrondissement, Column number,
            Integer implicitArrondissement) {
        try {
            if (station != null && row.text(station) != null && row.text(station).contains("-")) {
                return StationCode.parse(row.text(station));
            }
            Column numberColumn = number != null ? number : station;
            int n = row.integer(numberColumn);
            if (arrondissement == null && implicitArrondissement == null) {
                // a file with a station-code column but no arrondissement column: only 15-12 codes say it
                String code = row.text(station);
                throw row.error(station, "attendu un code de bureau comme 15-12, trouvé "
                        + (code == null ? "une valeur vide" : "\"" + code + "\"")
                        + " ; le fichier n'a pas de colonne d'arrondissement : précisez --arrondissement N");
            }
            int a = arrondissement != null ? row.integer(arrondissement) : implicitArrondissement;
            try {
                return new StationCode(a, n);
            } catch (IllegalArgumentException e) {
                throw row.error(numberColumn, e.getMessage());
            }
        } catch (IllegalArgumentException e) {
            throw row.error(station, e.getMessage());
        }
    }

    private static LocalDate parseDate(Row row, Column c) {
        String v = row.text(c);
        if (v == null) {
            return null;
        }
        for (DateTimeFormatter f : DATE_FORMATS) {
            try {
                return LocalDate.parse(v, f);
            } catch (DateTimeParseException e) {
                // try the next spelling
            }
        }
        throw row.error(c, "attendu une date (2020-03-15 ou 15/03/2020), trouvé \"" + v + "\"");
    }

    private ElectionKind resolveKind(String file, ResultsOptions options, Set<String> kinds) {
        if (options.kind() != null) {
            return options.kind();
        }
        if (kinds.size() > 1) {
            throw InputError.of(file, "plusieurs types d'élection dans un même fichier : " + kinds);
        }
        if (kinds.size() == 1) {
            String k = kinds.iterator().next();
            return ElectionKind.find(k).orElseThrow(() -> InputError.of(file, "type d'élection inconnu \"" + k
                    + "\" dans la colonne scrutin ; précisez --kind"));
        }
        return defaultKind;
    }

    private LocalDate resolveDate(String file, ResultsOptions options, ElectionKind kind, int round,
            Map<LocalDate, Long> dates, Set<Integer> years, List<String> notes, List<Problem> warnings) {
        if (options.date() != null) {
            return options.date();
        }
        if (!dates.isEmpty()) {
            // the first date of the round, or the first of the year the file states, when it states one (a spoilt
            // first row must not make the round another election)
            Integer stated = options.year() != null ? options.year() : years.size() == 1 ? years.iterator().next() : null;
            LocalDate kept = dates.keySet().stream().filter(d -> stated == null || d.getYear() == stated).findFirst()
                    .orElse(dates.keySet().iterator().next());
            dates.forEach((other, line) -> {
                if (!other.equals(kept)) {
                    warnings.add(new Problem(file, line, 0, null, "date " + other + " au tour " + round
                            + ", daté du " + kept + " (ligne " + dates.get(kept) + ") : cette date-là est retenue"));
                }
            });
            return kept;
        }
        Integer year = options.year() != null ? options.year()
                : years.size() == 1 ? years.iterator().next()
                : impliedYear;
        if (year == null && FileHints.year(file).isPresent()) {
            year = FileHints.year(file).getAsInt();
            notes.add("année " + year + " prise du nom du fichier");
        }
        if (year == null) {
            throw InputError.of(file, "le fichier ne donne pas la date du tour " + round + " : précisez --date AAAA-MM-JJ");
        }
        final int y = year;
        LocalDate d = ElectionCalendar.roundDate(kind, y, round).orElseThrow(() -> InputError.of(file,
                "pas de date officielle connue pour " + kind.label() + " " + y + " tour " + round + " : précisez --date"));
        notes.add("date du tour " + round + " (" + d + ") prise du calendrier officiel");
        return d;
    }

    /** The round's election, named by {@code --election} when given (a contest or this very round). */
    static Election election(String file, ResultsOptions options, ElectionKind kind, int round, LocalDate date) {
        String territory = options.territoryOrDefault();
        String requested = options.election();
        try {
            if (requested == null) {
                return Election.of(kind, territory, round, date);
            }
            Election.idMistake(requested, date).ifPresent(problem -> {
                throw InputError.of(file, "--election " + requested + " : " + problem);
            });
            if (requested.matches(".*-t[12]")) {
                if (!requested.endsWith("-t" + round)) {
                    throw InputError.of(file, "--election " + requested + " désigne un tour mais le fichier contient le tour "
                            + round + " ; donnez plutôt l'élection (" + Election.contestOf(requested) + ")");
                }
                return new Election(requested, Election.contestOf(requested), kind, territory, round, date, null);
            }
            return new Election(requested + "-t" + round, requested, kind, territory, round, date, null);
        } catch (IllegalArgumentException e) {
            throw InputError.of(file, e.getMessage());
        }
    }
}
