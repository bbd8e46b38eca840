package fr.terrain.ingest;

import fr.terrain.ingest.CsvTable.Column;
import fr.terrain.ingest.CsvTable.Row;
import fr.terrain.territory.IrisCode;
import fr.terrain.territory.IrisIndicator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * INSEE tables by IRIS (Filosofi incomes, census "bases infracommunales"): a column {@code IRIS}
 * and numeric indicator columns; empty cells are figures INSEE withholds (secret statistique)
 * and are kept as missing, never as zero. Label columns ({@code LIBCOM}, {@code TYP_IRIS}) are skipped.
 */
public final class IrisTableReader {
    private static final Pattern FILOSOFI = Pattern.compile("DISP_.*?(\\d{2})");
    private static final Pattern CENSUS = Pattern.compile("[PC](\\d{2})_.*");
    /** Normalised names of the label columns INSEE tables carry besides their figures. */
    private static final List<String> LABELS = List.of("libcom", "libiris", "typiris", "com", "dep", "reg",
            "uu2010", "grdquart", "modifiris", "labiris", "nomiris", "nomcom");
    /** Width of {@code iris_indicator.indicator}. */
    private static final int INDICATOR_WIDTH = 64;

    private IrisTableReader() {}

    public static boolean recognises(CsvTable t) {
        return t.hasColumn("IRIS", "CODE_IRIS", "DCOMIRIS") && t.header().size() >= 2;
    }

    /** A dataset name from the column prefixes: {@code filosofi-2018}, {@code rp-2016}, else the file name. */
    static String datasetOf(CsvTable t) {
        for (String h : t.header()) {
            Matcher f = FILOSOFI.matcher(h);
            if (f.matches()) {
                return "filosofi-20" + f.group(1);
            }
        }
        for (String h : t.header()) {
            Matcher c = CENSUS.matcher(h);
            if (c.matches()) {
                return "rp-20" + c.group(1);
            }
        }
        return t.fileName().replaceFirst("\\.[^.]*$", "");
    }

    public static CsvFile<IrisIndicator> read(CsvTable t, String datasetOption) {
        String dataset = datasetOption != null ? datasetOption : datasetOf(t);
        if (dataset.isBlank() || dataset.length() > 64) {
            throw InputError.of(t.fileName(), "nom de jeu de données vide ou de plus de 64 caractères : précisez --dataset");
        }
        Column iris = t.requireColumn("IRIS", "CODE_IRIS", "DCOMIRIS");
        List<Column> indicators = new ArrayList<>();
        Problems problems = new Problems();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < t.header().size(); i++) {
            String name = t.header().get(i);
            if (i != iris.index() && !LABELS.contains(CsvTable.normalize(name))) {
                // the column's name is the indicator's: it must exist, fit and be unique
                String wrong = name.isEmpty() ? "colonne sans nom : chaque indicateur doit avoir un nom"
                        : name.length() > INDICATOR_WIDTH ? "nom d'indicateur trop long : " + name.length()
                                + " caractères, au plus " + INDICATOR_WIDTH
                        : !names.add(name) ? "colonne en double : " + name
                        : null;
                if (wrong != null) {
                    problems.add(new Problem(t.fileName(), 1, i + 1, null, wrong));
                }
                indicators.add(new Column(i, name));
            }
        }
        problems.throwIfAny();
        if (indicators.isEmpty()) {
            throw InputError.of(t.fileName(), "aucune colonne d'indicateur à côté de IRIS");
        }
        List<IrisIndicator> out = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        long rows = 0;
        for (Row row : t) {
            if (problems.full()) {
                break;
            }
            try {
                row.requireWidth();
                String code = row.requiredText(iris);
                if (!IrisCode.isValid(code)) {
                    throw row.error(iris, "attendu un code IRIS de 9 caractères (751010201), trouvé \"" + code + "\"");
                }
                Long first = seen.putIfAbsent(code, row.line());
                if (first != null) {
                    warnings.add(new Problem(t.fileName(), row.line(), iris.index() + 1, iris.name(),
                            "IRIS " + code + " déjà donné ligne " + first + " ; cette ligne est ignorée"));
                    continue;
                }
                List<IrisIndicator> values = new ArrayList<>(indicators.size());
                for (Column c : indicators) {
                    values.add(new IrisIndicator(dataset, code, c.name(), row.optionalDecimal(c)));
                }
                out.addAll(values);
                rows++;
            } catch (InputError e) {
                problems.addAll(e);
            }
        }
        problems.throwIfAny();
        if (rows == 0) {
            throw InputError.of(t.fileName(), "aucune ligne IRIS après l'en-tête");
        }
        return new CsvFile<>("table INSEE par IRIS", dataset, indicators.stream().map(Column::name).toList(), out, rows,
                warnings, List.of());
    }
}
