package fr.terrain.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@code terrain} command run in-process as a user would type it: its exit code and what it printed. */
record CommandRun(int exit, String out, String err) {

    /** Runs {@code args} followed by {@code store} (the {@code --home}/{@code --db} options). */
    static CommandRun of(List<String> store, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(store);
        String[] line = Terrain.storeOptionsAfterTheCommand(all.toArray(String[]::new));
        var cli = Terrain.commandLineFor(line); // as main builds it: only the command typed
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(line);
        return new CommandRun(exit, out.toString(), err.toString());
    }

    /** {@link #of} in the data directory {@code home}, which must exit 0 (its output in the failure message). */
    static CommandRun ok(java.nio.file.Path home, String... args) {
        CommandRun r = of(List.of("--home", home.toString()), args);
        org.assertj.core.api.Assertions.assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
        return r;
    }

    /**
     * The person number a command printed (« personne n° 4826… »): drawn at random (docs/adr/0030), it is read from the
     * output as a user copies it, never assumed.
     */
    static String personNumber(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("personne n° (\\d+)").matcher(out);
        org.assertj.core.api.Assertions.assertThat(m.find()).as("« personne n° … » dans :\n" + out).isTrue();
        return m.group(1);
    }

    /** Runs the words exactly as typed, as {@link Terrain#main} does. */
    static CommandRun typed(String... args) {
        return of(List.of(), args);
    }

    /** The same with this text on standard input (not a terminal), as {@code echo … | terrain …} would. */
    static CommandRun withInput(String stdin, List<String> store, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return of(store, args);
        } finally {
            System.setIn(saved);
        }
    }
}
