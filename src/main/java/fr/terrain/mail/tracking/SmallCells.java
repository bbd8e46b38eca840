package fr.terrain.mail.tracking;

import fr.terrain.mail.Segment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small-cell rule (secret statistique) for tracking figures: a figure about fewer than
 * {@link #MIN_RECIPIENTS} people is not shown. With one recipient in a sector, an open rate of
 * 100 % or 0 % says whether that person opened; with ten, it no longer says who did.
 * <p>
 * A breakdown published beside its total also gives away what it hides by subtraction: the total
 * minus the shown cells is the sum of the hidden cells and of the people in no cell (recipients
 * without a sector). {@link #breakdown} therefore hides further cells, smallest first, until that
 * hidden part is empty or holds at least {@link #MIN_RECIPIENTS} people itself. A hidden cell, whatever the
 * reason, hides its number of recipients too: a complement cell's, published, would give the small cell's number
 * back by the same subtraction. What this does not
 * prevent (figures crossed between reports, or read twice over time) is said in docs/privacy.md.
 */
public final class SmallCells {
    /** The fewest distinct recipients a figure may be about. */
    public static final int MIN_RECIPIENTS = 10;

    /** What a masked figure says in its place, in the page and the command line. */
    public static final String TOO_FEW_TEXT = "moins de " + MIN_RECIPIENTS + " destinataires : non affiché (secret statistique)";

    /** What a cell hidden so that a small one cannot be found by subtraction says in its place. */
    public static final String COMPLEMENT_TEXT = "non affiché pour qu'un groupe de moins de " + MIN_RECIPIENTS
            + " destinataires ne se déduise pas du total (secret statistique)";

    /**
     * What a cell that has recipients enough, but too few messages whose opens could be measured, says in its place
     * (messages sent without tracking, or to people who refused it, carry no tracking: a rate over the few others
     * is about them).
     */
    public static final String FEW_MEASURED_TEXT = "moins de " + MIN_RECIPIENTS + " messages mesurés (envoyés avec le"
            + " suivi, à des personnes qui ne l'ont pas refusé) : non affiché (secret statistique)";

    /** Whether a cell's figures are shown, and if not, why. */
    public enum Cell {
        SHOWN(null, null),
        /** Fewer than {@link #MIN_RECIPIENTS} recipients. */
        TOO_FEW("small-cell", TOO_FEW_TEXT),
        /** Large enough, hidden (its recipients too) so that the hidden part of the total is not a small cell. */
        COMPLEMENT("complement", COMPLEMENT_TEXT),
        /** Recipients enough, but fewer than {@link #MIN_RECIPIENTS} of their messages measured. */
        FEW_MEASURED("few-measured", FEW_MEASURED_TEXT);

        private final String id;
        private final String text;

        Cell(String id, String text) {
            this.id = id;
            this.text = text;
        }

        public boolean shown() {
            return this == SHOWN;
        }

        /** The reason's code in JSON ({@code small-cell}, {@code complement}, {@code few-measured}; null when shown). */
        public String id() {
            return id;
        }

        /** The reason whose code is {@code id} ({@code small-cell}…), if one has it. */
        public static java.util.Optional<Cell> ofId(Object id) {
            return java.util.Arrays.stream(values()).filter(c -> c.id != null && c.id.equals(id)).findFirst();
        }

        /** The French words said instead of the figures (null when shown). */
        public String text() {
            return text;
        }
    }

    private SmallCells() {}

    /** Whether a figure about {@code recipients} distinct people may be shown. */
    public static boolean shown(long recipients) {
        return recipients >= MIN_RECIPIENTS;
    }

    /**
     * Whether a count of a segment's people (a preview, a campaign's recipients and their sending states) is masked: a
     * segment that selects by behaviour ({@code engaged:}, {@link Segment#engaged}) makes its count a figure about what
     * those people did, so under {@link #MIN_RECIPIENTS} (none included) it is not shown. Other segments' counts say
     * who was written to, not what anyone did, and are shown. What is sent does not depend on it.
     */
    public static boolean masksCount(Segment segment, long people) {
        return segment.engaged() && !shown(people);
    }

    /** A figure about a whole population (a campaign): shown or too few; it is part of no published total. */
    public static Cell whole(long recipients) {
        return shown(recipients) ? Cell.SHOWN : Cell.TOO_FEW;
    }

    /**
     * A campaign's figures, {@code measured} of its {@code recipients}' messages having carried tracking: too few
     * recipients, or some but too few measured (none measured is a campaign sent without tracking: its figures are
     * zeros about nobody, and its report says nothing was measured).
     */
    public static Cell whole(long recipients, long measured) {
        return !shown(recipients) ? Cell.TOO_FEW : measured > 0 && !shown(measured) ? Cell.FEW_MEASURED : Cell.SHOWN;
    }

    /**
     * Which cells of a breakdown may be shown, given the recipients of each cell and the {@code total}
     * published beside them (every cell is part of it; the rest of it is people in no cell). Cells of fewer
     * than {@link #MIN_RECIPIENTS} are {@link Cell#TOO_FEW}; then, while the hidden part of the total is
     * between 1 and {@code MIN_RECIPIENTS − 1}, the smallest shown cell (the first in the map's order among
     * equals) becomes {@link Cell#COMPLEMENT}. When the total itself is too few, every cell is too.
     */
    public static <K> Map<K, Cell> breakdown(Map<K, Integer> recipients, long total) {
        return breakdown(recipients, total, recipients, total);
    }

    /**
     * The same with, beside each cell's recipients, how many of their messages were {@code measured} (carried
     * tracking; the rates are over them) and the measured total. A cell with recipients enough but fewer than
     * {@link #MIN_RECIPIENTS} measured is {@link Cell#FEW_MEASURED}; complements are then taken, smallest cell by
     * recipients first, until the hidden part is nobody or at least {@code MIN_RECIPIENTS} in both counts.
     */
    public static <K> Map<K, Cell> breakdown(Map<K, Integer> recipients, long total, Map<K, Integer> measured,
            long measuredTotal) {
        long inCells = 0;
        long measuredInCells = 0;
        Map<K, Cell> out = new LinkedHashMap<>();
        List<Map.Entry<K, Integer>> shown = new ArrayList<>();
        for (Map.Entry<K, Integer> e : recipients.entrySet()) {
            int m = measured.getOrDefault(e.getKey(), 0);
            if (e.getValue() < 0 || m < 0 || m > e.getValue()) {
                throw new IllegalArgumentException("nombre de destinataires négatif ou mesurés en trop : " + e.getKey());
            }
            inCells += e.getValue();
            measuredInCells += m;
            Cell cell = !shown(e.getValue()) ? Cell.TOO_FEW : !shown(m) ? Cell.FEW_MEASURED : Cell.SHOWN;
            out.put(e.getKey(), cell);
            if (cell.shown()) {
                shown.add(e);
            }
        }
        if (inCells > total || measuredInCells > measuredTotal) {
            throw new IllegalArgumentException("les cellules (" + inCells + ", " + measuredInCells + " mesurés) dépassent"
                    + " le total (" + total + ", " + measuredTotal + " mesurés)");
        }
        shown.sort(Comparator.comparingInt(Map.Entry::getValue)); // stable: the map's order among equals
        long hidden = total - shown.stream().mapToLong(Map.Entry::getValue).sum();
        long hiddenMeasured = measuredTotal - shown.stream().mapToLong(e -> measured.getOrDefault(e.getKey(), 0)).sum();
        for (int i = 0; (small(hidden) || small(hiddenMeasured)) && i < shown.size(); i++) {
            out.put(shown.get(i).getKey(), Cell.COMPLEMENT);
            hidden += shown.get(i).getValue();
            hiddenMeasured += measured.getOrDefault(shown.get(i).getKey(), 0);
        }
        return out;
    }

    /** Some people, but fewer than {@link #MIN_RECIPIENTS}. */
    private static boolean small(long people) {
        return people > 0 && !shown(people);
    }
}
