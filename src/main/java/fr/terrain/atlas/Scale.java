package fr.terrain.atlas;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The colour classes of a map: {@code breaks} are the upper bounds of every class but the last,
 * so there is one more colour than breaks. Sequential scales (counts, rates) cut the figures into
 * classes of equal size (quantiles), which keeps every colour in use on a skewed distribution;
 * diverging scales (differences) are symmetric around zero, so that white means "no change".
 * Colours are ColorBrewer's YlGnBu and PuOr, readable by most colour-blind people.
 */
public record Scale(Kind kind, List<Double> breaks, List<String> colours, List<String> labels) {
    public enum Kind { SEQUENTIAL, DIVERGING, CATEGORICAL }

    static final List<String> SEQUENTIAL_COLOURS = List.of("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0",
            "#225ea8", "#0c2c84");
    static final List<String> DIVERGING_COLOURS = List.of("#b35806", "#f1a340", "#fee0b6", "#f7f7f7", "#d8daeb",
            "#998ec3", "#542788");
    /** ColorBrewer's Dark2, for categories. */
    static final List<String> CATEGORY_COLOURS = List.of("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e",
            "#e6ab02", "#a6761d", "#666666");

    /** @param labels the category of each colour, for a categorical scale; empty otherwise */
    public Scale {
        breaks = List.copyOf(breaks);
        colours = List.copyOf(colours);
        labels = List.copyOf(labels);
        if (kind == Kind.CATEGORICAL && labels.size() != colours.size()) {
            throw new IllegalArgumentException("une échelle de catégories a un libellé par couleur");
        }
        if (colours.size() != breaks.size() + 1) {
            throw new IllegalArgumentException("une échelle a une couleur de plus que de seuils");
        }
        for (int i = 1; i < breaks.size(); i++) {
            if (!(breaks.get(i) > breaks.get(i - 1))) {
                throw new IllegalArgumentException("les seuils d'une échelle doivent croître");
            }
        }
    }

    /** The colour of a figure. */
    public String colour(double value) {
        int i = 0;
        while (i < breaks.size() && value > breaks.get(i)) {
            i++;
        }
        return colours.get(i);
    }

    /** Seven quantile classes of the figures; fewer when the figures take fewer distinct values. */
    public static Scale sequential(Collection<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        List<Double> breaks = new ArrayList<>();
        int classes = SEQUENTIAL_COLOURS.size();
        for (int k = 1; k < classes && sorted.length > 0; k++) {
            double q = nice(sorted[Math.max(0, (int) Math.ceil(k * sorted.length / (double) classes) - 1)]);
            if ((breaks.isEmpty() || q > breaks.get(breaks.size() - 1)) && q < sorted[sorted.length - 1]) {
                breaks.add(q);
            }
        }
        return new Scale(Kind.SEQUENTIAL, breaks, spread(SEQUENTIAL_COLOURS, breaks.size() + 1), List.of());
    }

    /**
     * A percentage of a whole done (the canvassing coverage): fixed classes — nothing, up to a quarter, a half, three
     * quarters, more — so that a colour means the same whatever stations are shown. Quantiles of the few stations with
     * saved turfs drew a station at 0.8 % like one at 100 % (one break, at 0.833, the second station's own figure
     * rounded).
     */
    public static Scale shares() {
        List<Double> breaks = List.of(0.0, 25.0, 50.0, 75.0);
        return new Scale(Kind.SEQUENTIAL, breaks, spread(SEQUENTIAL_COLOURS, breaks.size() + 1), List.of());
    }

    /**
     * Seven classes symmetric around zero, reaching the 95th percentile of the absolute
     * differences, so that a few extreme stations do not wash out the rest.
     */
    public static Scale diverging(Collection<Double> values) {
        double[] magnitudes = values.stream().mapToDouble(v -> Math.abs(v)).sorted().toArray();
        double reach = magnitudes.length == 0 ? 1 : magnitudes[(int) Math.floor(0.95 * (magnitudes.length - 1))];
        if (reach <= 0) {
            reach = magnitudes.length == 0 || magnitudes[magnitudes.length - 1] == 0 ? 1 : magnitudes[magnitudes.length - 1];
        }
        double step = nice(2 * reach / 7);
        List<Double> breaks = Arrays.stream(new double[] {-2.5, -1.5, -0.5, 0.5, 1.5, 2.5}).map(f -> f * step).boxed()
                .toList();
        return new Scale(Kind.DIVERGING, breaks, DIVERGING_COLOURS, List.of());
    }

    /**
     * One colour per category, the figure being the category's index; categories beyond the
     * palette share its last colour (grey).
     */
    public static Scale categorical(List<String> labels) {
        if (labels.isEmpty()) {
            return new Scale(Kind.CATEGORICAL, List.of(), List.of("#d9d9d9"), List.of("—"));
        }
        List<Double> breaks = new ArrayList<>();
        List<String> colours = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            colours.add(CATEGORY_COLOURS.get(Math.min(i, CATEGORY_COLOURS.size() - 1)));
            if (i > 0) {
                breaks.add(i - 0.5);
            }
        }
        return new Scale(Kind.CATEGORICAL, breaks, colours, labels);
    }

    /** A figure rounded to three significant digits, so that a legend reads well. */
    static double nice(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).doubleValue();
    }

    /** {@code n} colours picked evenly along a palette, ends included. */
    private static List<String> spread(List<String> palette, int n) {
        if (n == palette.size()) {
            return palette;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(palette.get(n == 1 ? palette.size() - 1 : Math.round(i * (palette.size() - 1) / (float) (n - 1))));
        }
        return out;
    }
}
