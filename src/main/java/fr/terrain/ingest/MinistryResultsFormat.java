package fr.terrain.ingest;

import fr.terrain.election.Candidacy;
import fr.terrain.election.Election;
import fr.terrain.election.ElectionCalendar;
import fr.terrain.election.ElectionKind;
import fr.terrain.election.Paris;
import fr.terrain.election.ResultChecks;
import fr.terrain.election.StationCode;
import fr.terrain.election.StationResult;
import fr.terrain.ingest.CsvTable.Column;
import fr.terrain.ingest.CsvTable.Row;
import fr.terrain.election.Text;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Ministry of the Interior's results by polling station for all of France (data.gouv.fr,
 * {@code resultats-par-niveau-burvot-t1-france-entiere.txt}, {@code PR17_BVot_T1_FE.txt}): one row
 * per station, its commune and totals, then one group of columns per candidate or list. Only the
 * header's first group is named ({@code N°Panneau;Sexe;Nom;Prénom;Voix;% Voix/Ins;% Voix/Exp}, with
 * {@code Nuance} for the législatives, {@code Code Nuance} and {@code Liste} for the municipales);
 * the other groups follow it unnamed, as many as the station has candidates, so rows are longer
 * than the header and of different lengths.
 *
 * <p>The file holds neither the kind of election (it follows from the group's columns), nor the
 * round, nor the date: the round comes from {@code --election …-tN} or the file name ({@code -t1},
 * {@code _T2_}), the date from {@code --date} or from the year ({@code --year}, the election id or
 * the file name) and the official calendar. Terrain keeps the rows of its city, whose stations
 * are coded by arrondissement: Paris (département 75, commune 056), its code {@code 0101}–{@code
 * 2076} read as arrondissement and number.
 */
public final class MinistryResultsFormat implements ResultsFormat {

    public static final MinistryResultsFormat INSTANCE = new MinistryResultsFormat();

    private static final String[] DEPARTMENT = {"code_du_departement", "code_departement"};
    private static final String[] COMMUNE = {"code_de_la_commune", "code_commune"};
    private static final String[] STATION = {"code_du_b_vote", "code_b_vote", "code_bv"};
    private static final String[] REGISTERED = {"inscrits"};
    private static final String[] VOTERS = {"votants"};
    private static final String[] BLANK = {"blancs"};
    private static final String[] INVALID = {"nuls"};
    private static final String[] BLANK_AND_INVALID = {"blancs_et_nuls", "blancs_nuls"};
    private static final String[] EXPRESSED = {"exprimes"};
    // A candidate's group: the first column, then the others wherever they are in it. In the layout of 2024 and
    // after, every group is named, its number at the end (Voix 1, Voix 2…): spellings are compared without it.
    private static final String[] PANEL = {"n_panneau", "n_pan", "n_liste", "numero_de_panneau"};
    private static final String[] VOTES = {"voix"};
    private static final String[] SEX = {"sexe", "sexe_candidat", "sexe_tete_de_liste"};
    private static final String[] SURNAME = {"nom", "nom_candidat", "nom_tete_de_liste"};
    private static final String[] FIRST_NAME = {"prenom", "prenom_candidat", "prenom_tete_de_liste"};
    private static final String[] NUANCE = {"nuance", "code_nuance", "nuance_candidat", "nuance_liste"};
    /** A municipal list's name (its head names it in Terrain, as the Ville de Paris does). */
    private static final String[] MUNICIPAL_LIST = {"liste"};
    /** A list's short label: it names the list when no head of list is given. */
    private static final String[] LIST_LABEL = {"libelle_abrege_liste", "libelle_abrege_de_liste"};
    /** The cities whose stations the Ministry codes by arrondissement and number, with their INSEE code. */
    private static final Map<String, String> CITIES = Map.of("paris", "75056");
    private static final Pattern ROUND_IN_NAME = Pattern.compile("(?i)(?<![a-z0-9])(?:t|tour[_-]?)([12])(?![0-9])");
    private static final Pattern ROUND_IN_ID = Pattern.compile(".*-t([12])");
    private static final Pattern YEAR_IN_ID = Pattern.compile("(?<!\\d)((?:19|20)\\d\\d)(?!\\d)");
    /** Width of {@code candidacy.label}. */
    private static final int LABEL_WIDTH = 300;

    private MinistryResultsFormat() {}

    @Override
    public String name() {
        return "résultats du ministère de l'Intérieur par bureau (France entière)";
    }

    @Override
    public boolean recognises(CsvTable table) {
        return table.hasColumn(STATION) && table.hasColumn(COMMUNE) && table.hasColumn(EXPRESSED)
                && Group.find(table) != null;
    }

    /**
     * Where, in a candidate's group, each of its values is (null when the layout has none).
     *
     * @param numbered every group is named in the header, with its number (the layout of 2024 and after)
     */
    private record Group(int start, int width, boolean numbered, int votes, Integer sex, Integer surname,
            Integer firstName, Integer nuance, Integer municipalList, Integer listLabel) {

        /** The header's first group, or null when the header has none. */
        static Group find(CsvTable t) {
            List<String> names = t.header().stream().map(CsvTable::normalize).toList();
            int start = indexOf(names, PANEL, "");
            boolean numbered = start < 0;
            if (numbered) {
                start = indexOf(names, PANEL, "1");
            }
            if (start < 0) {
                return null;
            }
            int end = numbered ? indexOf(names, PANEL, "2") : -1;
            if (end <= start) {
                end = names.size();
                while (end > start + 1 && names.get(end - 1).isEmpty()) {
                    end--; // a separator ending the header (and the rows) leaves an empty column, no candidate's
                }
            }
            List<String> group = new ArrayList<>();
            for (String n : names.subList(start, end)) {
                group.add(numbered && n.endsWith("1") ? n.substring(0, n.length() - 1) : n);
            }
            Integer votes = offset(group, VOTES);
            if (votes == null) {
                return null;
            }
            return new Group(start, end - start, numbered, votes, offset(group, SEX), offset(group, SURNAME),
                    offset(group, FIRST_NAME), offset(group, NUANCE), offset(group, MUNICIPAL_LIST),
                    offset(group, LIST_LABEL));
        }

        private static int indexOf(List<String> names, String[] spellings, String suffix) {
            for (String s : spellings) {
                int i = names.indexOf(CsvTable.normalize(s) + suffix);
                if (i >= 0) {
                    return i;
                }
            }
            return -1;
        }

        private static Integer offset(List<String> group, String[] spellings) {
            for (String s : spellings) {
                int i = group.indexOf(CsvTable.normalize(s));
                if (i >= 0) {
                    return i;
                }
            }
            return null;
        }

        /**
         * The kind of election a candidate's group says, if it settles it: lists (municipales or, with a short label,
         * européennes, in the older layout), candidates with a nuance (législatives) or without (présidentielle).
         * Lists in the newer layout could be either: empty.
         */
        java.util.Optional<ElectionKind> kind() {
            if (listLabel != null || municipalList != null) {
                return numbered ? java.util.Optional.empty() : java.util.Optional.of(
                        listLabel != null ? ElectionKind.EUROPEENNES : ElectionKind.MUNICIPALES);
            }
            return java.util.Optional.of(nuance != null ? ElectionKind.LEGISLATIVES : ElectionKind.PRESIDENTIELLE);
        }
    }

    @Override
    public ResultsFile read(CsvTable t, ResultsOptions options, EarlyCounts early) {
        String file = t.fileName();
        String city = CITIES.get(options.territoryOrDefault());
        if (city == null) {
            throw InputError.of(file, "le fichier du ministère couvre toute la France ; Terrain en lit les bureaux de "
                    + String.join(", ", CITIES.keySet()) + " (codés par arrondissement), pas ceux de "
                    + options.territoryOrDefault());
        }
        Column department = t.column(DEPARTMENT).orElse(null); // needed only where the commune's code is short
        Column commune = t.requireColumn(COMMUNE);
        Column station = t.requireColumn(STATION);
        Column registered = t.requireColumn(REGISTERED);
        Column voters = t.requireColumn(VOTERS);
        Column blank = t.column(BLANK).orElse(null);
        Column invalid = t.column(INVALID).orElse(null);
        Column blankAndInvalid = t.column(BLANK_AND_INVALID).orElse(null);
        Column expressed = t.requireColumn(EXPRESSED);
        Group group = Group.find(t);
        if (group == null) {
            throw InputError.of(file, "pas de groupe de colonnes de candidat (N°Panneau … Voix, ou Numéro de panneau 1 …"
                    + " Voix 1) dans l'en-tête");
        }

        List<String> notes = new ArrayList<>();
        ElectionKind kind = kind(file, options, group, notes);
        int round = round(file, options, notes);
        LocalDate date = date(file, options, kind, round, notes);
        List<Problem> warnings = new ArrayList<>();
        StationResultsFormat.checkCalendar(file, kind, round, date, warnings);
        Election election = StationResultsFormat.election(file, options, kind, round, date);

        Problems problems = new Problems();
        Map<StationCode, Long> lines = new HashMap<>();
        Map<String, Candidacy> lists = new LinkedHashMap<>();
        List<StationResult> results = new ArrayList<>();
        // columns of the unnamed groups, made once per group number
        List<Column[]> groupColumns = new ArrayList<>();
        long otherRows = 0;
        for (Row row : t) {
            if (problems.full()) {
                break;
            }
            try {
                if (!city.equals(inseeCode(row, department, commune))) {
                    otherRows++;
                    continue;
                }
                StationCode code = stationCode(row, station);
                StationResultsFormat.checkArrondissement(options, code, row, station);
                Long before = lines.putIfAbsent(code, row.line());
                if (before != null) {
                    throw row.error(station, "bureau " + code + " déjà lu ligne " + before);
                }
                List<StationResult.ListVotes> votes = new ArrayList<>();
                int groups = groups(row, group);
                for (int g = 0; g < groups; g++) {
                    Column[] c = columns(t, group, groupColumns, g);
                    if (emptyGroup(row, c)) {
                        continue; // a shorter row padded with empty groups
                    }
                    Candidacy list = candidacy(row, group, c);
                    Candidacy known = lists.putIfAbsent(list.label(), list);
                    if (known != null && !Objects.equals(known.nuance(), list.nuance())) {
                        throw row.error(c[group.nuance()], "le candidat \"" + list.label() + "\" a la nuance "
                                + list.nuance() + " ici mais " + known.nuance() + " plus haut");
                    }
                    Candidacy kept = known == null ? list : known;
                    if (votes.stream().anyMatch(v -> v.list() == kept)) {
                        throw row.error(c[0], "le candidat \"" + list.label() + "\" apparaît deux fois pour le bureau "
                                + code);
                    }
                    votes.add(new StationResult.ListVotes(kept, row.count(c[group.votes()])));
                }
                if (votes.isEmpty()) {
                    throw row.error(null, "aucun candidat pour le bureau " + code);
                }
                StationResult count = new StationResult(code, row.count(registered), row.count(voters),
                        row.optionalCount(blank), row.optionalCount(invalid), row.optionalCount(blankAndInvalid),
                        row.count(expressed), null, votes);
                for (String v : ResultChecks.violations(count)) {
                    warnings.add(new Problem(file, row.line(), 0, null, v));
                }
                results.add(count);
                if (problems.isEmpty()) {
                    early.station(election, count);
                }
            } catch (InputError e) {
                problems.addAll(e);
            }
        }
        problems.throwIfAny();
        if (results.isEmpty()) {
            throw InputError.of(file, "aucun bureau de " + cityName(options) + " (commune " + city
                    + ") dans le fichier, " + Paris.count(otherRows) + " ligne(s) d'autres communes");
        }
        if (otherRows > 0) {
            notes.add(Paris.count(results.size()) + " bureaux de " + cityName(options) + " lus, "
                    + Paris.count(otherRows) + " ligne(s) d'autres communes ignorées");
        }
        return new ResultsFile(name(), List.of(new ResultsFile.Round(election, List.copyOf(lists.values()), results)),
                Problems.capped(warnings), notes);
    }


    private static String cityName(ResultsOptions options) {
        String t = options.territoryOrDefault();
        return t.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + t.substring(1);
    }

    /** The commune's INSEE code: given whole ({@code 75056}) or as département and commune ({@code 75}, {@code 56}). */
    private static String inseeCode(Row row, Column department, Column commune) {
        String c = row.text(commune);
        if (c != null && c.length() == 5) {
            return c;
        }
        if (department == null) {
            throw row.error(commune, "code de commune sur moins de 5 chiffres et pas de colonne « Code du département » :"
                    + " attendu le code INSEE entier (75056)");
        }
        String d = row.text(department);
        if (c == null || d == null) {
            return null;
        }
        return (d.length() == 1 ? "0" + d : d) + "0".repeat(Math.max(0, 3 - c.length())) + c;
    }

    /** {@code 0101} or {@code 101}: arrondissement, then the station's number on two digits. */
    private static StationCode stationCode(Row row, Column station) {
        String text = row.text(station);
        if (text == null || !text.matches("\\d{3,4}")) {
            throw row.error(station, "attendu un code de bureau de 3 ou 4 chiffres (arrondissement puis numéro,"
                    + " 0101), trouvé " + (text == null ? "une valeur vide" : "\"" + text + "\""));
        }
        int split = text.length() - 2;
        try {
            return new StationCode(Integer.parseInt(text.substring(0, split)), Integer.parseInt(text.substring(split)));
        } catch (IllegalArgumentException e) {
            throw row.error(station, e.getMessage());
        }
    }

    /** How many candidate groups the row holds; fields past the last whole group must be empty. */
    private static int groups(Row row, Group group) {
        int fields = row.fieldCount() - group.start();
        if (fields < group.width()) {
            throw row.error(null, "attendu au moins " + (group.start() + group.width()) + " champs (un candidat),"
                    + " trouvé " + row.fieldCount());
        }
        int whole = fields / group.width();
        for (int i = group.start() + whole * group.width(); i < row.fieldCount(); i++) {
            Column past = new Column(i, null);
            if (row.text(past) != null) {
                throw row.error(past, "groupe de candidat incomplet : chaque candidat a " + group.width()
                        + " colonnes");
            }
        }
        return whole;
    }

    /**
     * The columns of group {@code g}: named by the header where it names them, else after the header's first group
     * ({@code Voix (candidat 3)}).
     */
    private static Column[] columns(CsvTable t, Group group, List<Column[]> made, int g) {
        while (made.size() <= g) {
            int n = made.size();
            Column[] c = new Column[group.width()];
            for (int i = 0; i < group.width(); i++) {
                int index = group.start() + n * group.width() + i;
                String name = index < t.header().size() ? t.header().get(index)
                        : t.header().get(group.start() + i) + " (candidat " + (n + 1) + ")";
                c[i] = new Column(index, name);
            }
            made.add(c);
        }
        return made.get(g);
    }

    private static boolean emptyGroup(Row row, Column[] columns) {
        for (Column c : columns) {
            if (row.text(c) != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * A candidate, or a list by its head, as the Ville de Paris names one ({@code Mme ARTHAUD Nathalie}: civility,
     * surname, first name), or a list without a head by its short label; with its nuance and panel number.
     */
    private static Candidacy candidacy(Row row, Group group, Column[] c) {
        String label;
        if (group.surname() == null && group.listLabel() != null) {
            label = row.requiredText(c[group.listLabel()], LABEL_WIDTH);
        } else {
            String surname = group.surname() == null ? null : row.text(c[group.surname()]);
            if (surname == null) {
                throw row.error(group.surname() == null ? c[0] : c[group.surname()], "candidat sans nom");
            }
            String first = group.firstName() == null ? null : row.text(c[group.firstName()]);
            String sex = group.sex() == null ? null : row.text(c[group.sex()]);
            String folded = sex == null ? "" : Text.fold(sex);
            String civility = folded.equals("f") || folded.equals("feminin") ? "Mme "
                    : folded.equals("m") || folded.equals("masculin") ? "M. " : "";
            label = civility + surname + (first == null ? "" : " " + first);
            if (label.length() > LABEL_WIDTH) {
                throw row.error(c[group.surname()], "nom de plus de " + LABEL_WIDTH + " caractères");
            }
        }
        try {
            return new Candidacy(label, group.nuance() == null ? null : row.text(c[group.nuance()]),
                    row.optionalCount(c[0]));
        } catch (IllegalArgumentException e) {
            throw row.error(group.nuance() == null ? c[0] : c[group.nuance()], e.getMessage());
        }
    }

    /** {@code --kind}, else a kind the file's name spells out ({@code municipales-2026-…}), else what its columns say. */
    private static ElectionKind kind(String file, ResultsOptions options, Group group, List<String> notes) {
        if (options.kind() != null) {
            return options.kind();
        }
        for (String word : Text.fold(file).split("[^a-z]+")) {
            for (ElectionKind k : ElectionKind.values()) {
                if (k.label().equals(word)) {
                    notes.add("élection " + k.label() + " prise du nom du fichier");
                    return k;
                }
            }
        }
        return group.kind().orElseThrow(() -> InputError.of(file, "des listes, mais ni le fichier ni son nom ne disent"
                + " l'élection : précisez --kind (municipales, europeennes, regionales…)"));
    }

    private static int round(String file, ResultsOptions options, List<String> notes) {
        Matcher named = ROUND_IN_NAME.matcher(file);
        Integer inName = named.find() ? Integer.valueOf(named.group(1)) : null;
        if (options.election() != null) {
            Matcher m = ROUND_IN_ID.matcher(options.election());
            if (m.matches()) {
                int r = Integer.parseInt(m.group(1));
                if (inName != null && inName.intValue() != r) {
                    throw InputError.of(file, "--election " + options.election() + " dit le tour " + r
                            + ", le nom du fichier le tour " + inName);
                }
                return r;
            }
        }
        if (inName != null) {
            notes.add("tour " + inName + " pris du nom du fichier");
            return inName;
        }
        throw InputError.of(file, "le fichier du ministère ne dit pas le tour : précisez --election <élection>-t1"
                + " (ou -t2)");
    }

    private static LocalDate date(String file, ResultsOptions options, ElectionKind kind, int round,
            List<String> notes) {
        if (options.date() != null) {
            return options.date();
        }
        OptionalInt year = options.year() != null ? OptionalInt.of(options.year()) : OptionalInt.empty();
        if (year.isEmpty() && options.election() != null) {
            Matcher m = YEAR_IN_ID.matcher(options.election());
            if (m.find()) {
                year = OptionalInt.of(Integer.parseInt(m.group(1)));
            }
        }
        if (year.isEmpty()) {
            year = FileHints.year(file);
            year.ifPresent(y -> notes.add("année " + y + " prise du nom du fichier"));
        }
        if (year.isEmpty()) {
            throw InputError.of(file, "le fichier du ministère ne dit pas l'année : précisez --year AAAA, --date"
                    + " AAAA-MM-JJ ou --election (paris-pres-2022-t1)");
        }
        int y = year.getAsInt();
        LocalDate d = ElectionCalendar.roundDate(kind, y, round).orElseThrow(() -> InputError.of(file,
                "pas de date officielle connue pour " + kind.label() + " " + y + " tour " + round
                        + " : précisez --date"));
        notes.add("date du tour " + round + " (" + d + ") prise du calendrier officiel");
        return d;
    }
}
