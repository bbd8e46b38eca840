package fr.terrain.territory;

import fr.terrain.election.Ordinal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an INSEE IRIS figure is, which decides how it is carried onto other zones:
 * <ul>
 * <li>census variables ({@code P16_POP75P}, {@code C16_POP15P_CS3}: a {@code P} or {@code C}, a
 * two-digit year, an underscore) are {@link Kind#COUNT counts} of people or dwellings, which add up
 * and are split in proportion;</li>
 * <li>Filosofi variables ({@code DISP_MED18}, {@code DISP_TP6018}: medians, deciles, rates, shares)
 * and any unknown column are {@link Kind#AVERAGE averages}: they do not add up, so a zone gets a
 * weighted mean of them; a mean is the safer default since it stays within the range of the data;</li>
 * <li>quality flags ({@code DISP_NOTE18}) are {@link Kind#NOT_INTERPOLATED not carried};</li>
 * <li>{@link Rate rates} are recomputed from interpolated counts ({@code P16_POP75P} over the sum
 * of the age bands), never averaged.</li>
 * </ul>
 */
public final class IndicatorCatalog {
    public enum Kind { COUNT, AVERAGE, NOT_INTERPOLATED, RATE }

    /** An indicator: its code as INSEE writes it, its kind and a French label for the UI. */
    public record Definition(String code, Kind kind, String label) {}

    /**
     * A proportion recomputed from counts: Σ numerator / Σ denominator.
     *
     * @param code a name of its own, {@code PART_<numerator>} ({@code PART_P16_POP75P})
     */
    public record Rate(String code, String label, List<String> numerator, List<String> denominator) {
        public Rate {
            numerator = List.copyOf(numerator);
            denominator = List.copyOf(denominator);
        }

        /** Every count the rate needs. */
        public Set<String> inputs() {
            Set<String> out = new TreeSet<>(numerator);
            out.addAll(denominator);
            return out;
        }

        /** The rate in [0, 1] from counts, empty when a count is missing or the denominator is 0. */
        public Optional<Double> of(Map<String, Double> counts) {
            double num = 0;
            double den = 0;
            for (String c : numerator) {
                Double v = counts.get(c);
                if (v == null) {
                    return Optional.empty();
                }
                num += v;
            }
            for (String c : denominator) {
                Double v = counts.get(c);
                if (v == null) {
                    return Optional.empty();
                }
                den += v;
            }
            return den > 0 ? Optional.of(num / den) : Optional.empty();
        }
    }

    private static final Pattern CENSUS = Pattern.compile("([PC])(\\d{2})_(.+)");
    private static final Pattern FILOSOFI = Pattern.compile("(DISP_.+?)(\\d{2})");
    private static final Pattern DECILE = Pattern.compile("DISP_D(\\d)");
    private static final Pattern SOCIAL_CATEGORY = Pattern.compile("(POP15P|PMEN)_CS([1-8])");

    private static final List<String> AGE_BANDS = List.of("POP0014", "POP1529", "POP3044", "POP4559", "POP6074", "POP75P");
    private static final Map<String, String> AGE_LABELS = Map.of("POP0014", "0 à 14 ans", "POP1529", "15 à 29 ans",
            "POP3044", "30 à 44 ans", "POP4559", "45 à 59 ans", "POP6074", "60 à 74 ans", "POP75P", "75 ans et plus");
    private static final List<String> CSP = List.of("agriculteurs exploitants",
            "artisans, commerçants et chefs d'entreprise", "cadres et professions intellectuelles supérieures",
            "professions intermédiaires", "employés", "ouvriers", "retraités", "autres personnes sans activité professionnelle");
    private static final List<String> HOUSEHOLD_TYPES = List.of("PMEN_MENSFAM", "PMEN_MENHSEUL", "PMEN_MENFSEUL",
            "PMEN_MENCOUPSENF", "PMEN_MENCOUPAENF", "PMEN_MENFAMMONO");

    private static final Map<String, String> CENSUS_LABELS = Map.ofEntries(
            Map.entry("POP", "Population"),
            Map.entry("POP15P", "Population de 15 ans et plus"),
            Map.entry("PMEN", "Population des ménages"),
            Map.entry("PMEN_MENSFAM", "Personnes des ménages sans famille (autres)"),
            Map.entry("PMEN_MENHSEUL", "Hommes vivant seuls"),
            Map.entry("PMEN_MENFSEUL", "Femmes vivant seules"),
            Map.entry("PMEN_MENCOUPSENF", "Personnes en couple sans enfant"),
            Map.entry("PMEN_MENCOUPAENF", "Personnes en couple avec enfant(s)"),
            Map.entry("PMEN_MENFAMMONO", "Personnes en famille monoparentale"),
            Map.entry("RP", "Résidences principales"),
            Map.entry("RPMAISON", "Résidences principales : maisons"),
            Map.entry("RPAPPART", "Résidences principales : appartements"),
            Map.entry("RP_LOCHLMV", "Résidences principales louées vides HLM"));

    private static final Map<String, String> FILOSOFI_LABELS = Map.ofEntries(
            Map.entry("DISP_MED", "Revenu disponible médian (€/UC)"),
            Map.entry("DISP_TP60", "Taux de pauvreté (%)"),
            Map.entry("DISP_Q1", "1er quartile du revenu disponible (€/UC)"),
            Map.entry("DISP_Q3", "3e quartile du revenu disponible (€/UC)"),
            Map.entry("DISP_EQ", "Écart interquartile rapporté à la médiane"),
            Map.entry("DISP_RD", "Rapport interdécile D9/D1"),
            Map.entry("DISP_S80S20", "Rapport S80/S20"),
            Map.entry("DISP_GI", "Indice de Gini"),
            Map.entry("DISP_PACT", "Part des revenus d'activité (%)"),
            Map.entry("DISP_PTSA", "Part des salaires et traitements (%)"),
            Map.entry("DISP_PCHO", "Part des indemnités de chômage (%)"),
            Map.entry("DISP_PBEN", "Part des revenus des activités non salariées (%)"),
            Map.entry("DISP_PPEN", "Part des pensions et retraites (%)"),
            Map.entry("DISP_PPAT", "Part des revenus du patrimoine (%)"),
            Map.entry("DISP_PPSOC", "Part des prestations sociales (%)"),
            Map.entry("DISP_PPFAM", "Part des prestations familiales (%)"),
            Map.entry("DISP_PPMINI", "Part des minima sociaux (%)"),
            Map.entry("DISP_PPLOGT", "Part des prestations logement (%)"),
            Map.entry("DISP_PIMPOT", "Part des impôts (%)"));

    private IndicatorCatalog() {}

    public static Kind kindOf(String code) {
        return describe(code).kind();
    }

    /** The definition of an INSEE column; an unknown one is an average labelled by its code. */
    public static Definition describe(String code) {
        Matcher c = CENSUS.matcher(code);
        if (c.matches()) {
            return new Definition(code, Kind.COUNT, censusLabel(c.group(3), c.group(2)));
        }
        Matcher f = FILOSOFI.matcher(code);
        if (f.matches()) {
            String stem = f.group(1);
            String year = " (20" + f.group(2) + ")";
            if (stem.equals("DISP_NOTE")) {
                return new Definition(code, Kind.NOT_INTERPOLATED, "Indicateur de qualité INSEE" + year);
            }
            Matcher decile = DECILE.matcher(stem);
            String label = decile.matches() ? Ordinal.of(Integer.parseInt(decile.group(1)))
                    + " décile du revenu disponible (€/UC)" : FILOSOFI_LABELS.getOrDefault(stem, code);
            return new Definition(code, Kind.AVERAGE, label + year);
        }
        return new Definition(code, Kind.AVERAGE, code);
    }

    private static String censusLabel(String stem, String yy) {
        String year = " (20" + yy + ")";
        if (AGE_LABELS.containsKey(stem)) {
            return "Population de " + AGE_LABELS.get(stem) + year;
        }
        Matcher cs = SOCIAL_CATEGORY.matcher(stem);
        if (cs.matches()) {
            String who = cs.group(1).equals("POP15P") ? "Population de 15 ans et plus : "
                    : "Population des ménages dont la personne de référence est : ";
            return who + CSP.get(Integer.parseInt(cs.group(2)) - 1) + year;
        }
        return CENSUS_LABELS.getOrDefault(stem, stem) + year;
    }

    /** The rates that can be recomputed from the given counts (every input present). */
    public static List<Rate> ratesFor(Set<String> counts) {
        Set<String> years = new TreeSet<>();
        for (String code : counts) {
            Matcher c = CENSUS.matcher(code);
            if (c.matches()) {
                years.add(c.group(2));
            }
        }
        List<Rate> out = new ArrayList<>();
        for (String yy : years) {
            List<String> ages = AGE_BANDS.stream().map(b -> "P" + yy + "_" + b).toList();
            for (String band : AGE_BANDS) {
                out.add(new Rate("PART_P" + yy + "_" + band, "Part des " + AGE_LABELS.get(band) + " (20" + yy + ")",
                        List.of("P" + yy + "_" + band), ages));
            }
            out.add(new Rate("PART_P" + yy + "_POP60P", "Part des 60 ans et plus (20" + yy + ")",
                    List.of("P" + yy + "_POP6074", "P" + yy + "_POP75P"), ages));
            for (String group : List.of("POP15P", "PMEN")) {
                List<String> all = new ArrayList<>();
                for (int k = 1; k <= 8; k++) {
                    all.add("C" + yy + "_" + group + "_CS" + k);
                }
                for (int k = 1; k <= 8; k++) {
                    String of = group.equals("POP15P") ? " parmi les 15 ans et plus" : " (personne de référence du ménage)";
                    out.add(new Rate("PART_C" + yy + "_" + group + "_CS" + k,
                            "Part des " + CSP.get(k - 1) + of + " (20" + yy + ")", List.of(all.get(k - 1)), all));
                }
            }
            List<String> households = HOUSEHOLD_TYPES.stream().map(h -> "C" + yy + "_" + h).toList();
            out.add(new Rate("PART_C" + yy + "_PMEN_SEUL", "Part des personnes vivant seules (20" + yy + ")",
                    List.of("C" + yy + "_PMEN_MENHSEUL", "C" + yy + "_PMEN_MENFSEUL"), households));
            out.add(new Rate("PART_C" + yy + "_PMEN_MENFAMMONO", "Part des personnes en famille monoparentale (20" + yy + ")",
                    List.of("C" + yy + "_PMEN_MENFAMMONO"), households));
            out.add(new Rate("PART_P" + yy + "_RP_LOCHLMV",
                    "Part des résidences principales louées vides HLM, parmi maisons et appartements (20" + yy + ")",
                    List.of("P" + yy + "_RP_LOCHLMV"), List.of("P" + yy + "_RPMAISON", "P" + yy + "_RPAPPART")));
        }
        return out.stream().filter(r -> counts.containsAll(r.inputs())).toList();
    }

    /**
     * The counts whose sum is the population, for weighting averages: {@code Pyy_POP} of the latest
     * census year when present, else its six age bands; empty when neither is there.
     */
    public static Optional<List<String>> populationCounts(Set<String> counts) {
        return counts.stream().map(CENSUS::matcher).filter(Matcher::matches).map(m -> m.group(2))
                .distinct().sorted(Comparator.reverseOrder())
                .map(yy -> counts.contains("P" + yy + "_POP") ? List.of("P" + yy + "_POP")
                        : AGE_BANDS.stream().map(b -> "P" + yy + "_" + b).toList())
                .filter(counts::containsAll)
                .findFirst();
    }
}
