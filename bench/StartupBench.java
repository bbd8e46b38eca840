import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How long a {@code terrain} command takes to start, each measured in a new JVM as a user's command runs: the command
 * tree built whole (every command's annotations read, as before) or only the command typed (as {@code Terrain.execute}
 * does), and whole commands ({@code -V}, {@code status} on a small store) with their process CPU time. Runs alternate
 * between the variants; medians. Usage: {@code StartupBench JAR REPEATS}; prints Markdown rows.
 */
public final class StartupBench {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--probe")) {
            probe(args[1]);
            return;
        }
        String jar = args[0];
        int repeats = Integer.parseInt(args[1]);
        Path home = Files.createTempDirectory("startup-bench");
        // the store made once, untimed (status only reads: it refuses a directory without one)
        run(List.of("-jar", jar, "election", "add", "bench-2026", "--kind", "municipales", "--round1", "2026-03-15",
                "--home", home.toString()));
        String cp = jar + java.io.File.pathSeparator + System.getProperty("java.class.path");
        List<List<String>> variants = List.of(
                List.of("-cp", cp, "StartupBench", "--probe", "whole"),
                List.of("-cp", cp, "StartupBench", "--probe", "typed"),
                List.of("-jar", jar, "-V"),
                List.of("-jar", jar, "status", "--home", home.toString()));
        List<List<double[]>> samples = new ArrayList<>();
        variants.forEach(v -> samples.add(new ArrayList<>()));
        for (int r = 0; r < repeats + 1; r++) {
            for (int v = 0; v < variants.size(); v++) {
                double[] s = run(variants.get(v));
                if (r > 0) { // the first round warms the file cache
                    samples.get(v).add(s);
                }
            }
        }
        String[] labels = {"command tree, whole (29 commands)", "command tree, the command typed (status)",
            "`terrain -V` (process)", "`terrain status` (process)"};
        for (int v = 0; v < variants.size(); v++) {
            System.out.printf("| %s | %.0f | %.0f |%n", labels[v], median(samples.get(v), 0), median(samples.get(v), 1));
        }
    }

    /**
     * {wall ms, CPU ms}: for a probe, of building the tree, as it reports; else of the whole process, as GNU time
     * reports it on its last line of standard error (user + system seconds).
     */
    private static double[] run(List<String> variant) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(variant);
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " : " + out + err);
        }
        String[] f = (variant.contains("--probe") ? out : err.substring(err.stripTrailing().lastIndexOf('\n') + 1))
                .strip().split(" ");
        return variant.contains("--probe") ? new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])}
                : new double[] {Double.parseDouble(f[0]) * 1000, (Double.parseDouble(f[1]) + Double.parseDouble(f[2])) * 1000};
    }

    /** Builds the command line cold and prints its wall and this JVM's CPU milliseconds for it. */
    private static void probe(String variant) throws Exception {
        var terrain = Class.forName("fr.terrain.cli.Terrain");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        if (variant.equals("whole")) {
            var m = terrain.getDeclaredMethod("commandLine");
            m.setAccessible(true);
            m.invoke(null);
        } else {
            var m = terrain.getDeclaredMethod("commandLineFor", String[].class);
            m.setAccessible(true);
            m.invoke(null, (Object) new String[] {"status"});
        }
        System.out.printf("%.1f %.1f%n", (System.nanoTime() - t0) / 1e6, (os.getProcessCpuTime() - cpu0) / 1e6);
    }

    private static double median(List<double[]> xs, int i) {
        double[] v = xs.stream().mapToDouble(x -> x[i]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
