import fr.terrain.election.StationCode;
import fr.terrain.field.Door;
import fr.terrain.field.Turf;
import fr.terrain.field.TurfCutter;
import fr.terrain.field.TurfParameters;
import fr.terrain.privacy.CampaignIdentity;
import fr.terrain.privacy.CanvassNotice;
import fr.terrain.web.WalkListPdf;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A whole plan's walk lists in one PDF, as « Imprimer tout le plan » makes it: the stations of one arrondissement of the
 * demo city at Paris scale, each cut from its doors' centre into turfs of 80 doors (the default), one sheet per turf.
 * Baseline, in the same run: the same sheets with the font as PDFBox ships it (its glyph substitution table, which
 * PDFBox applies to every string, included). The two alternate, REPEATS times each, after one untimed run of each.
 *
 * Usage: WalkListBench BAN.csv LIST.csv ARRONDISSEMENT REPEATS; prints
 * {@code PDF|arrondissement|stations|turfs|doors|bytes|seconds|baseline seconds}.
 */
public final class WalkListBench {
    public static void main(String[] args) throws Exception {
        int arrondissement = Integer.parseInt(args[2]);
        int repeats = Integer.parseInt(args[3]);
        Map<StationCode, List<Door>> byStation = TurfBench.doorsByStation(Path.of(args[0]), Path.of(args[1])).byStation();
        CanvassNotice notice = CanvassNotice.standard(CampaignIdentity.fromSettings(Map.of()));
        List<WalkListPdf.Sheet> sheets = new ArrayList<>();
        int stations = 0;
        int doors = 0;
        for (var e : byStation.entrySet()) {
            if (e.getKey().arrondissement() != arrondissement) {
                continue;
            }
            stations++;
            doors += e.getValue().size();
            for (Turf t : TurfCutter.cut(e.getValue(), TurfCutter.centroid(e.getValue()), TurfParameters.DEFAULTS)) {
                sheets.add(new WalkListPdf.Sheet(t, "demo-2026", null, notice, Map.of(), LocalDate.of(2026, 11, 29),
                        "banc d'essai"));
            }
        }
        String title = "Feuilles de route — banc d'essai";
        int size = WalkListPdf.bytes(sheets, title).length;
        WalkListPdf.bytesWithTheShippedFont(sheets, title);
        double[] kept = new double[repeats];
        double[] shipped = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t = System.nanoTime();
            WalkListPdf.bytes(sheets, title);
            kept[r] = (System.nanoTime() - t) / 1e9;
            t = System.nanoTime();
            WalkListPdf.bytesWithTheShippedFont(sheets, title);
            shipped[r] = (System.nanoTime() - t) / 1e9;
        }
        Arrays.sort(kept);
        Arrays.sort(shipped);
        System.out.printf(Locale.ROOT, "PDF|%d|%d|%d|%d|%d|%.2f|%.2f%n", arrondissement, stations, sheets.size(), doors,
                size, kept[repeats / 2], shipped[repeats / 2]);
    }
}
