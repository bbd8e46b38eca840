package fr.terrain.cli;

import fr.terrain.ingest.Progress;
import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on a terminal; on a pipe or in a log, one plain line per 10 % instead. Phases
 * shorter than two seconds show nothing.
 */
final class ConsoleProgress implements Progress {
    private final PrintStream log;
    private final boolean terminal;
    private final long quietMillis;
    private ProgressBar bar;
    private String label;
    /** What the phase counts; null: bytes, shown in megabytes. */
    private String unit;
    private long total;
    private long startedAt;
    private int lastDecile;

    ConsoleProgress(PrintStream log) {
        this(log, isTerminal(), 2_000);
    }

    ConsoleProgress(PrintStream log, boolean terminal, long quietMillis) {
        this.log = log;
        this.terminal = terminal;
        this.quietMillis = quietMillis;
    }

    private static boolean isTerminal() {
        var console = System.console();
        if (console == null) {
            return false;
        }
        try { // Java 22+: a Console exists even on a pipe, isTerminal() tells
            return (Boolean) console.getClass().getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public void start(String label, long total) {
        start(label, total, null);
    }

    @Override
    public void start(String label, long total, String unit) {
        this.label = label;
        this.unit = unit;
        this.total = total;
        this.startedAt = System.currentTimeMillis();
        this.lastDecile = 0;
    }

    @Override
    public void update(long done) {
        if (total <= 0 || System.currentTimeMillis() - startedAt < quietMillis) {
            return;
        }
        if (terminal) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(total)
                        .setUnit(unit == null ? " Mo" : " " + unit, unit == null ? 1 << 20 : 1)
                        .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(log))
                        .build();
            }
            bar.stepTo(Math.min(done, total));
        } else {
            int decile = (int) (10 * Math.min(done, total) / total);
            if (decile > lastDecile) {
                lastDecile = decile;
                log.printf("%s : %d %%%n", label, decile * 10);
            }
        }
    }

    @Override
    public void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
