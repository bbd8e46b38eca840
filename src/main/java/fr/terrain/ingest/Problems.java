package fr.terrain.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one file so that the user sees all of them (up to a limit) in one
 * run, instead of fixing one line per attempt.
 */
public final class Problems {
    static final int LIMIT = 50;
    private final List<Problem> problems = new ArrayList<>();
    private long suppressed;

    public void add(Problem p) {
        if (problems.size() < LIMIT) {
            problems.add(p);
        } else {
            suppressed++;
        }
    }

    public void addAll(InputError e) {
        e.problems().forEach(this::add);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public boolean full() {
        return problems.size() >= LIMIT;
    }

    /**
     * Warnings of an accepted file, as many as {@link #LIMIT}, then one line counting the rest: a file
     * whose every station breaks a check must not bury the report under thousands of lines.
     */
    public static List<Problem> capped(List<Problem> warnings) {
        if (warnings.size() <= LIMIT) {
            return warnings;
        }
        List<Problem> kept = new ArrayList<>(warnings.subList(0, LIMIT));
        kept.add(new Problem(warnings.get(0).file(), 0, 0, null,
                "… et " + (warnings.size() - LIMIT) + " autres avertissements"));
        return kept;
    }

    /** Throws the collected problems, if any. */
    public void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        List<Problem> all = new ArrayList<>(problems);
        if (suppressed > 0) {
            Problem last = problems.get(problems.size() - 1);
            all.add(new Problem(last.file(), 0, 0, null, "… et " + suppressed + " autres problèmes"));
        }
        throw new InputError(all);
    }
}
