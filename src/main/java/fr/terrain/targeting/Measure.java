package fr.terrain.targeting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A figure read from a station's INSEE indicators: either one indicator ({@code DISP_MED{yy}}) or a
 * ratio of sums of counts ({@code P{yy}_POP0014} over the six age bands). {@code {yy}} stands for
 * the two-digit year of the census or Filosofi vintage, so one rule works on RP 2016 and RP 2021:
 * the newest year for which every code exists is used.
 *
 * @param numerator indicator codes added up (one code for a plain indicator)
 * @param denominator codes added up below the line; empty for a plain indicator
 * @param unit how the value reads: {@code %} (ratio × 100, or an INSEE rate already in %), {@code €}, or empty
 */
public record Measure(String id, String label, List<String> numerator, List<String> denominator, String unit) {
    private static final Pattern YEAR = Pattern.compile("\\{yy\\}");

    public Measure {
        Objects.requireNonNull(id, "id");
        label = label == null ? id : label;
        numerator = List.copyOf(numerator);
        denominator = List.copyOf(denominator);
        unit = unit == null ? "" : unit;
        if (numerator.isEmpty()) {
            throw new IllegalArgumentException("la mesure " + id + " n'a pas de numérateur");
        }
    }

    public boolean isRatio() {
        return !denominator.isEmpty();
    }

    /**
     * The codes this measure reads among those available, for the newest year having them all;
     * empty when some code is missing.
     */
    public Optional<Resolved> resolve(Collection<String> available) {
        List<String> all = new ArrayList<>(numerator);
        all.addAll(denominator);
        boolean templated = all.stream().anyMatch(c -> c.contains("{yy}"));
        if (!templated) {
            return available.containsAll(all) ? Optional.of(new Resolved(this, numerator, denominator)) : Optional.empty();
        }
        TreeSet<String> years = new TreeSet<>();
        String template = all.stream().filter(c -> c.contains("{yy}")).findFirst().orElseThrow();
        String[] parts = YEAR.split(template, -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            regex.append(Pattern.quote(parts[i]));
            if (i < parts.length - 1) {
                regex.append("(\\d{2})");
            }
        }
        Pattern first = Pattern.compile(regex.toString());
        for (String code : available) {
            Matcher m = first.matcher(code);
            if (m.matches()) {
                years.add(m.group(1));
            }
        }
        for (String yy : years.descendingSet()) {
            List<String> num = numerator.stream().map(c -> c.replace("{yy}", yy)).toList();
            List<String> den = denominator.stream().map(c -> c.replace("{yy}", yy)).toList();
            if (available.containsAll(num) && available.containsAll(den)) {
                return Optional.of(new Resolved(this, num, den));
            }
        }
        return Optional.empty();
    }

    /** A measure with its codes fixed to one vintage. */
    public record Resolved(Measure measure, List<String> numerator, List<String> denominator) {
        /** The value at one station, NaN when a figure is missing (withheld) or the denominator is 0. */
        public double valueOf(Map<String, Double> figures) {
            double num = sum(numerator, figures);
            if (denominator.isEmpty()) {
                return num;
            }
            double den = sum(denominator, figures);
            return den > 0 ? 100 * num / den : Double.NaN;
        }

        private static double sum(List<String> codes, Map<String, Double> figures) {
            double s = 0;
            for (String c : codes) {
                Double v = figures.get(c);
                if (v == null || v.isNaN()) {
                    return Double.NaN;
                }
                s += v;
            }
            return s;
        }
    }

    private static final List<String> AGES = List.of("P{yy}_POP0014", "P{yy}_POP1529", "P{yy}_POP3044",
            "P{yy}_POP4559", "P{yy}_POP6074", "P{yy}_POP75P");
    private static final List<String> CS = List.of("C{yy}_POP15P_CS1", "C{yy}_POP15P_CS2", "C{yy}_POP15P_CS3",
            "C{yy}_POP15P_CS4", "C{yy}_POP15P_CS5", "C{yy}_POP15P_CS6", "C{yy}_POP15P_CS7", "C{yy}_POP15P_CS8");
    private static final List<String> HOUSEHOLDS = List.of("C{yy}_PMEN_MENSFAM", "C{yy}_PMEN_MENHSEUL",
            "C{yy}_PMEN_MENFSEUL", "C{yy}_PMEN_MENCOUPSENF", "C{yy}_PMEN_MENCOUPAENF", "C{yy}_PMEN_MENFAMMONO");

    /** The socio-demographic covariates of the models (those the INSEE tables of Paris provide). */
    public static final List<Measure> COVARIATES = List.of(
            new Measure("children", "Part des 0-14 ans", List.of("P{yy}_POP0014"), AGES, "%"),
            new Measure("young_adults", "Part des 15-29 ans", List.of("P{yy}_POP1529"), AGES, "%"),
            new Measure("over_75", "Part des 75 ans et plus", List.of("P{yy}_POP75P"), AGES, "%"),
            new Measure("managers", "Part des cadres (15 ans et plus)", List.of("C{yy}_POP15P_CS3"), CS, "%"),
            new Measure("workers_employees", "Part des ouvriers et employés (15 ans et plus)",
                    List.of("C{yy}_POP15P_CS5", "C{yy}_POP15P_CS6"), CS, "%"),
            new Measure("retired", "Part des retraités (15 ans et plus)", List.of("C{yy}_POP15P_CS7"), CS, "%"),
            new Measure("social_housing", "Part des résidences principales HLM louées vides", List.of("P{yy}_RP_LOCHLMV"),
                    List.of("P{yy}_RPAPPART", "P{yy}_RPMAISON"), "%"),
            new Measure("couples_children", "Part des personnes en couple avec enfants", List.of("C{yy}_PMEN_MENCOUPAENF"),
                    HOUSEHOLDS, "%"),
            new Measure("single_parents", "Part des personnes en famille monoparentale", List.of("C{yy}_PMEN_MENFAMMONO"),
                    HOUSEHOLDS, "%"),
            new Measure("alone", "Part des personnes vivant seules", List.of("C{yy}_PMEN_MENHSEUL", "C{yy}_PMEN_MENFSEUL"),
                    HOUSEHOLDS, "%"),
            new Measure("median_income", "Revenu disponible médian par UC", List.of("DISP_MED{yy}"), List.of(), "€"),
            new Measure("poverty", "Taux de pauvreté", List.of("DISP_TP60{yy}"), List.of(), "%"));
}
