import fr.terrain.election.StationCode;
import fr.terrain.field.Door;
import fr.terrain.field.Start;
import fr.terrain.field.Turf;
import fr.terrain.field.TurfCutter;
import fr.terrain.field.TurfParameters;
import fr.terrain.field.WalkProblem;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A quick loop for work on the cut: TurfBench's station and arrondissement (same doors, start and cap), cut by
 * Terrain only, with the cut's invariants checked (every door once, sizes within bounds) and its intruding doors.
 * A list of one arrondissement's voters gives the same doors there as the whole list, in seconds.
 *
 * Usage: TurfQuick BAN.csv LIST.csv STATION [RUNS [AREA: yes|no [JSPRIT_ITERATIONS]]]; STATION {@code paris} cuts
 * every station of the list as TurfBench's last table does (turfs of 80 doors from each station's centre), RUNS times.
 */
public final class TurfQuick {
    public static void main(String[] args) throws Exception {
        Map<StationCode, List<Door>> byStation = TurfBench.doorsByStation(Path.of(args[0]), Path.of(args[1])).byStation();
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        if (args[2].equals("paris")) {
            for (int r = 0; r < runs; r++) {
                long t = System.nanoTime();
                long cpu = cpu();
                TurfBench.ParisCut paris = TurfBench.cutEveryStation(byStation);
                System.out.printf(Locale.ROOT, "paris: %d stations, %d turfs, %.1f km, %.1f s, process CPU %.1f s%n",
                        byStation.size(), paris.turfs(), paris.metres() / 1000, TurfBench.seconds(t),
                        (cpu() - cpu) / 1e9);
            }
            return;
        }
        StationCode station = StationCode.parse(args[2]);
        boolean area = args.length <= 4 || args[4].equals("yes");
        int jsprit = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        TurfParameters p = TurfParameters.DEFAULTS.withCap(TurfBench.CAP);
        run("station " + station, byStation.get(station), p, runs, jsprit);
        if (area) {
            run(TurfBench.areaLabel(byStation, station.area()), TurfBench.area(byStation, station.area()), p, runs, 0);
        }
    }

    /** CPU time of the whole process so far (every thread), in nanoseconds. */
    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static void run(String label, List<Door> doors, TurfParameters p, int runs, int jspritIterations) {
        Start start = TurfCutter.centroid(doors);
        double[] times = new double[runs];
        double[] cpus = new double[runs];
        List<Turf> turfs = null;
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            long cpu = cpu();
            turfs = TurfCutter.cut(doors, start, p);
            times[r] = TurfBench.seconds(t);
            cpus[r] = (cpu() - cpu) / 1e9;
        }
        Arrays.sort(cpus);
        Arrays.sort(times);
        double metres = turfs.stream().mapToDouble(Turf::walkingMetres).sum();
        int[] bounds = TurfCutter.bounds(doors.size(), p);
        Set<String> seen = new HashSet<>();
        int walked = 0;
        boolean inBounds = true;
        for (Turf t : turfs) {
            inBounds &= t.doors() >= bounds[0] && t.doors() <= bounds[1];
            for (Door d : t.walk()) {
                seen.add(d.id());
                walked++;
            }
        }
        boolean once = walked == doors.size() && seen.size() == doors.size();
        WalkProblem problem = TurfCutter.problem(doors, start, p);
        int intruding = TurfCutter.intrudingDoors(problem, TurfCutter.routes(problem, p));
        System.out.printf(Locale.ROOT, "%s: %d doors, %d stops, %d turfs, %.0f m, best %.3f s, median %.3f s, process CPU %.3f s (least), "
                        + "intruding %d, every door once %b, sizes in [%d, %d] %b%n", label, doors.size(), problem.size(),
                turfs.size(), metres, times[0], times[runs / 2], cpus[0], intruding, once, bounds[0], bounds[1], inBounds);
        if (jspritIterations > 0) {
            long t = System.nanoTime();
            double[] js = TurfBench.jsprit(problem, 0, jspritIterations);
            System.out.printf(Locale.ROOT, "  jsprit: %.0f m after %d iterations, %.1f s; ratio %.4f%n", js[0], (int) js[1],
                    TurfBench.seconds(t), metres / js[0]);
        }
    }
}
