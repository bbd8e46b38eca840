package fr.terrain.web;

import fr.terrain.election.StationCode;
import fr.terrain.field.Door;
import fr.terrain.field.Turf;
import fr.terrain.privacy.CanvassNotice;
import fr.terrain.targeting.TopicRules;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;

/**
 * A turf's walk list as an A4 PDF: a vector map of the turf (doors numbered in walking order, the
 * route, the start, north up, a scale bar), the talking point, the notice to read before noting any
 * opinion, and the doors in walking order with their household size and boxes to tick for the
 * outcome. Names only when given ({@code terrain turfs --with-names}, when the campaign allows it).
 * The font is Liberation Sans (SIL Open Font License), the copy PDFBox ships, embedded as a subset:
 * every French accent, « », œ and € print.
 */
public final class WalkListPdf {
    /**
     * One sheet to print.
     *
     * @param contest the electoral list the doors come from
     * @param topic the turf's talking point, or null (then no topic line)
     * @param names door id → names of its voters; empty unless names are printed
     * @param plan the saved plan the turf belongs to, or null (a cut not saved): two plans' « Tournée 1 » differ
     */
    public record Sheet(Turf turf, String contest, TopicRules.TopicMatch topic, CanvassNotice notice,
            Map<String, List<String>> names, LocalDate printedOn, String plan) {
        public Sheet {
            names = Map.copyOf(names);
        }

        public Sheet(Turf turf, String contest, TopicRules.TopicMatch topic, CanvassNotice notice,
                Map<String, List<String>> names, LocalDate printedOn) {
            this(turf, contest, topic, notice, names, printedOn, null);
        }
    }

    /** Outcome columns: header, meaning (the outcome codes of the canvassing page). */
    static final List<String[]> OUTCOMES = List.of(new String[] {"Abs.", "absent"}, new String[] {"Ouv.", "ouvert"},
            new String[] {"Refus", "refus"}, new String[] {"Tract", "tract déposé"},
            new String[] {"Rev.", "revenir plus tard"}, new String[] {"Thème", "thème abordé"});

    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final float MARGIN = 36;
    private static final float PAGE_W = PDRectangle.A4.getWidth();
    private static final float PAGE_H = PDRectangle.A4.getHeight();
    private static final float WIDTH = PAGE_W - 2 * MARGIN;
    private static final float MAP_H = 330;
    private static final float ROW_H = 15;
    private static final float NAME_LINE = 9;
    private static final float[] COLUMNS = {24, 196, 112, 34}; // n°, adresse, complément, électeurs; then ticks
    private static final float TICK_W = (WIDTH - 24 - 196 - 112 - 34) / 6;
    private static final Color ROUTE = new Color(0x1f, 0x5f, 0xbf);
    private static final Color GREY = new Color(0x66, 0x66, 0x66);
    private static final Color LIGHT = new Color(0xf1, 0xf3, 0xf6);

    private final PDDocument doc;
    private final PDType0Font font;
    private final Map<Integer, Boolean> printable = new HashMap<>();
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream out;
    private float y;

    private WalkListPdf(PDDocument doc, byte[] font) throws IOException {
        this.doc = doc;
        this.font = PDType0Font.load(doc, new java.io.ByteArrayInputStream(font));
    }

    /** The font's bytes, read once, as {@link #withoutGlyphSubstitution} leaves them. */
    private static final class FontFile {
        static final byte[] BYTES = withoutGlyphSubstitution(read());

        private static byte[] read() {
            try (InputStream in = WalkListPdf.class.getResourceAsStream(FONT)) {
                if (in == null) {
                    throw new IllegalStateException("police introuvable : " + FONT);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /**
     * A TrueType font with its glyph substitution table (GSUB: ligatures and the like) hidden under another tag, so
     * that PDFBox no longer runs its substitution on every string it writes, where most of a plan's time went, for
     * French text that needs none (BENCHMARKS.md, « Feuilles de route »: the 20th's 453 sheets in 0.83 s, 14.9 s with
     * the font as shipped). The embedded subset never held the table anyway.
     */
    static byte[] withoutGlyphSubstitution(byte[] ttf) {
        byte[] copy = ttf.clone();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(copy);
        int tables = b.getShort(4) & 0xffff;
        for (int i = 0; i < tables; i++) {
            int record = 12 + 16 * i; // the table directory: tag, checksum, offset, length
            if (b.getInt(record) == 0x47535542) { // "GSUB"
                copy[record + 3] = 'b'; // "GSUb": still after GSUB's neighbours in the directory's order
            }
        }
        return copy;
    }

    /** The walk list as PDF bytes. */
    public static byte[] bytes(Sheet sheet) {
        return bytes(List.of(sheet), title(sheet));
    }

    /** Several walk lists in one PDF to print in one go (a plan's), each from a new page, numbered on its own. */
    public static byte[] bytes(List<Sheet> sheets, String title) {
        return bytes(sheets, title, FontFile.BYTES);
    }

    /**
     * The same PDF with the font as PDFBox ships it, glyph substitution table included: the baseline
     * {@code bench/WalkListBench} measures {@link #bytes(List, String)} against, in the same run.
     */
    public static byte[] bytesWithTheShippedFont(List<Sheet> sheets, String title) {
        return bytes(sheets, title, FontFile.read());
    }

    private static byte[] bytes(List<Sheet> sheets, String title, byte[] font) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Sheet current = null;
        try (PDDocument doc = new PDDocument()) {
            WalkListPdf pdf = new WalkListPdf(doc, font);
            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle(title);
            info.setCreator("Terrain");
            doc.setDocumentInformation(info);
            for (Sheet sheet : sheets) {
                current = sheet;
                pdf.pages.clear();
                pdf.out = null;
                pdf.write(sheet);
            }
            doc.save(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("impossible de produire la feuille de route de la tournée "
                    + (current == null ? "" : current.turf().number()), e);
        }
        return bytes.toByteArray();
    }

    static String title(Sheet s) {
        return "Tournée " + s.turf().number() + " — bureau" + (s.turf().stations().size() > 1 ? "x " : " ")
                + String.join(", ", s.turf().stations().stream().map(StationCode::toString).toList())
                + (s.plan() == null ? "" : " — plan « " + s.plan() + " »");
    }

    private void write(Sheet s) throws IOException {
        Turf t = s.turf();
        newPage();
        text(title(s), MARGIN, y - 16, 16, true, Color.BLACK);
        y -= 30;
        String duration = String.format(Locale.FRANCE, "%d h %02d", (int) t.minutes() / 60, Math.round(t.minutes()) % 60);
        text(String.format(Locale.FRANCE, "Liste %s · %d portes · %d électeurs · marche %.2f km · environ %s · imprimée le %s",
                s.contest(), t.doors(), t.voters(), t.walkingMetres() / 1000, duration,
                s.printedOn().format(DateTimeFormatter.ofPattern("dd/MM/yyyy"))), MARGIN, y, 9, false, Color.BLACK);
        y -= 12;
        text(String.format(Locale.FRANCE, "Départ et retour (D sur le plan) : %s — %.5f N, %.5f E", t.start().label(),
                t.start().lat(), t.start().lon()), MARGIN, y, 9, false, Color.BLACK);
        y -= 8;
        map(t, MARGIN, y - MAP_H, WIDTH, MAP_H);
        y -= MAP_H + 16;
        if (s.topic() != null) {
            y = paragraph("Thème à aborder : " + s.topic().label() + (s.topic().evidence().isBlank() ? ""
                    : " — " + s.topic().evidence()), MARGIN, y, WIDTH, 10,
                    true) - 6;
        }
        noticeBox(s.notice());
        table(s);
        out.close();
        footers(s);
    }

    private void newPage() throws IOException {
        if (out != null) {
            out.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        pages.add(page);
        out = new PDPageContentStream(doc, page);
        y = PAGE_H - MARGIN;
    }

    private void footers(Sheet s) throws IOException {
        for (int i = 0; i < pages.size(); i++) {
            try (PDPageContentStream c = new PDPageContentStream(doc, pages.get(i), PDPageContentStream.AppendMode.APPEND,
                    true, true)) {
                out = c;
                text(title(s) + " — page " + (i + 1) + "/" + pages.size() + " — aucune opinion sur ce papier : elle se note"
                        + " dans l'application, après la mention et l'accord de la personne.", MARGIN, 20, 7, false, GREY);
            }
        }
    }

    // ---------------------------------------------------------------- map

    /** Local projection (metres east and north of the turf's centre): north is up, scales are true. */
    private record Local(double lon0, double lat0) {
        double x(double lon) {
            return (lon - lon0) * 111_320 * Math.cos(Math.toRadians(lat0));
        }

        double y(double lat) {
            return (lat - lat0) * 110_574;
        }
    }

    private void map(Turf t, float x0, float y0, float w, float h) throws IOException {
        double minLon = t.start().lon();
        double maxLon = minLon;
        double minLat = t.start().lat();
        double maxLat = minLat;
        for (Door d : t.walk()) {
            minLon = Math.min(minLon, d.address().lon());
            maxLon = Math.max(maxLon, d.address().lon());
            minLat = Math.min(minLat, d.address().lat());
            maxLat = Math.max(maxLat, d.address().lat());
        }
        Local local = new Local((minLon + maxLon) / 2, (minLat + maxLat) / 2);
        double spanX = Math.max(local.x(maxLon) - local.x(minLon), 20);
        double spanY = Math.max(local.y(maxLat) - local.y(minLat), 20);
        float pad = 22;
        double scale = Math.min((w - 2 * pad) / spanX, (h - 2 * pad) / spanY); // points per metre
        float cx = x0 + w / 2;
        float cy = y0 + h / 2;
        java.util.function.DoubleUnaryOperator px = lon -> cx + local.x(lon) * scale;
        java.util.function.DoubleUnaryOperator py = lat -> cy + local.y(lat) * scale;

        out.setNonStrokingColor(new Color(0xfa, 0xfa, 0xf7));
        out.addRect(x0, y0, w, h);
        out.fill();
        out.setStrokingColor(GREY);
        out.setLineWidth(0.6f);
        out.addRect(x0, y0, w, h);
        out.stroke();

        // scale bar, bottom left: a round length near a quarter of the map; drawn first, under the route, the doors and
        // the start, which its white box would otherwise hide when they lie in that corner (a start south-west of its doors)
        double metres = niceLength(w / 4 / scale);
        float bar = (float) (metres * scale);
        float bx = x0 + 10;
        float by = y0 + 10;
        out.setNonStrokingColor(Color.WHITE);
        out.addRect(bx - 4, by - 4, bar + 50, 20);
        out.fill();
        out.setNonStrokingColor(Color.BLACK);
        out.addRect(bx, by, bar / 2, 4);
        out.fill();
        out.setStrokingColor(Color.BLACK);
        out.setLineWidth(0.6f);
        out.addRect(bx, by, bar, 4);
        out.stroke();
        text("0", bx - 2, by + 6, 7, false, Color.BLACK);
        text(metres >= 1000 ? String.format(Locale.FRANCE, "%.0f km", metres / 1000) : String.format("%.0f m", metres),
                bx + bar - 6, by + 6, 7, false, Color.BLACK);

        streetNames(t, px, py);

        // the route: start → doors in order → start
        out.setStrokingColor(ROUTE);
        out.setLineWidth(1.1f);
        out.moveTo((float) px.applyAsDouble(t.start().lon()), (float) py.applyAsDouble(t.start().lat()));
        for (Door d : t.walk()) {
            out.lineTo((float) px.applyAsDouble(d.address().lon()), (float) py.applyAsDouble(d.address().lat()));
        }
        out.lineTo((float) px.applyAsDouble(t.start().lon()), (float) py.applyAsDouble(t.start().lat()));
        out.stroke();

        // doors: one dot per building, labelled with the positions of its doors in the walk
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        Map<String, Door> firstDoor = new HashMap<>();
        for (int i = 0; i < t.walk().size(); i++) {
            Door d = t.walk().get(i);
            positions.computeIfAbsent(d.address().banId(), k -> new ArrayList<>()).add(i + 1);
            firstDoor.putIfAbsent(d.address().banId(), d);
        }
        out.setNonStrokingColor(Color.BLACK);
        for (Door d : firstDoor.values()) {
            circle((float) px.applyAsDouble(d.address().lon()), (float) py.applyAsDouble(d.address().lat()), 2.2f);
        }
        out.fill();
        // labels: the first of eight places around the dot that overlaps no dot nor label already placed
        List<float[]> taken = new ArrayList<>();
        for (Door d : firstDoor.values()) {
            float dx = (float) px.applyAsDouble(d.address().lon());
            float dy = (float) py.applyAsDouble(d.address().lat());
            taken.add(new float[] {dx - 2.5f, dy - 2.5f, dx + 2.5f, dy + 2.5f});
        }
        float size = 6.5f;
        for (var e : positions.entrySet()) {
            Door d = firstDoor.get(e.getKey());
            float dx = (float) px.applyAsDouble(d.address().lon());
            float dy = (float) py.applyAsDouble(d.address().lat());
            String label = ranges(e.getValue());
            float lw = font.getStringWidth(clean(label)) / 1000 * size;
            float lh = size * 0.75f;
            float[][] places = {{3, 2.5f}, {3, -2.5f - lh}, {-3 - lw, 2.5f}, {-3 - lw, -2.5f - lh}, {-lw / 2, 4},
                {-lw / 2, -4 - lh}, {4, -lh / 2}, {-4 - lw, -lh / 2}};
            float[] best = places[0];
            for (float[] p : places) {
                float[] box = {dx + p[0] - 0.5f, dy + p[1] - 0.5f, dx + p[0] + lw + 0.5f, dy + p[1] + lh + 0.5f};
                if (taken.stream().noneMatch(r -> r[0] < box[2] && box[0] < r[2] && r[1] < box[3] && box[1] < r[3])) {
                    best = p;
                    break;
                }
            }
            taken.add(new float[] {dx + best[0], dy + best[1], dx + best[0] + lw, dy + best[1] + lh});
            haloText(label, dx + best[0], dy + best[1], size, Color.BLACK);
        }

        // start
        float sx = (float) px.applyAsDouble(t.start().lon());
        float sy = (float) py.applyAsDouble(t.start().lat());
        out.setNonStrokingColor(new Color(0xc6, 0x28, 0x28));
        out.addRect(sx - 5, sy - 5, 10, 10);
        out.fill();
        text("D", sx - 2.6f, sy - 3.2f, 8, true, Color.WHITE);

        // north arrow, top right
        float nx = x0 + w - 16;
        float ny = y0 + h - 30;
        out.setNonStrokingColor(Color.BLACK);
        out.moveTo(nx, ny + 16);
        out.lineTo(nx - 5, ny);
        out.lineTo(nx, ny + 4);
        out.lineTo(nx + 5, ny);
        out.closePath();
        out.fill();
        text("N", nx - 3, ny + 19, 9, true, Color.BLACK);
    }

    /** Each street's name along the line of its doors in this turf, in grey under the route. */
    private void streetNames(Turf t, java.util.function.DoubleUnaryOperator px, java.util.function.DoubleUnaryOperator py)
            throws IOException {
        Map<String, List<float[]>> byStreet = new LinkedHashMap<>();
        for (Door d : t.walk()) {
            byStreet.computeIfAbsent(d.address().street(), k -> new ArrayList<>())
                    .add(new float[] {(float) px.applyAsDouble(d.address().lon()), (float) py.applyAsDouble(d.address().lat())});
        }
        for (var e : byStreet.entrySet()) {
            List<float[]> pts = e.getValue();
            float[] a = pts.get(0);
            float[] b = pts.get(0);
            double far = -1;
            for (float[] p : pts) {
                for (float[] q : pts) {
                    double dd = Math.hypot(p[0] - q[0], p[1] - q[1]);
                    if (dd > far) {
                        far = dd;
                        a = p;
                        b = q;
                    }
                }
            }
            double angle = Math.atan2(b[1] - a[1], b[0] - a[0]);
            if (angle > Math.PI / 2) {
                angle -= Math.PI;
            } else if (angle < -Math.PI / 2) {
                angle += Math.PI;
            }
            String name = clean(e.getKey());
            float size = 7f;
            float len = font.getStringWidth(name) / 1000 * size;
            float mx = (a[0] + b[0]) / 2;
            float my = (a[1] + b[1]) / 2;
            // centred on the street's middle, a little off the doors' line
            float ox = (float) (mx - Math.cos(angle) * len / 2 + Math.sin(angle) * 9);
            float oy = (float) (my - Math.sin(angle) * len / 2 - Math.cos(angle) * 9);
            for (boolean halo : new boolean[] {true, false}) {
                out.beginText();
                out.setFont(font, size);
                out.setRenderingMode(halo ? RenderingMode.STROKE : RenderingMode.FILL);
                out.setStrokingColor(Color.WHITE);
                out.setLineWidth(2f);
                out.setNonStrokingColor(new Color(0x5a, 0x5a, 0x5a));
                out.setTextMatrix(Matrix.getRotateInstance(angle, ox, oy));
                out.showText(name);
                out.endText();
            }
        }
    }

    static double niceLength(double metres) {
        double[] steps = {10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000};
        double best = steps[0];
        for (double s : steps) {
            if (s <= metres) {
                best = s;
            }
        }
        return best;
    }

    /** 3, 4, 5, 9 → « 3–5, 9 ». */
    static String ranges(List<Integer> positions) {
        StringBuilder s = new StringBuilder();
        int i = 0;
        while (i < positions.size()) {
            int j = i;
            while (j + 1 < positions.size() && positions.get(j + 1) == positions.get(j) + 1) {
                j++;
            }
            if (!s.isEmpty()) {
                s.append(", ");
            }
            s.append(positions.get(i));
            if (j > i) {
                s.append('–').append(positions.get(j));
            }
            i = j + 1;
        }
        return s.toString();
    }

    private void circle(float x, float y, float r) throws IOException {
        float k = 0.552f * r;
        out.moveTo(x + r, y);
        out.curveTo(x + r, y + k, x + k, y + r, x, y + r);
        out.curveTo(x - k, y + r, x - r, y + k, x - r, y);
        out.curveTo(x - r, y - k, x - k, y - r, x, y - r);
        out.curveTo(x + k, y - r, x + r, y - k, x + r, y);
        out.closePath();
    }

    // ---------------------------------------------------------------- notice and table

    private void noticeBox(CanvassNotice notice) throws IOException {
        String heading = "À lire avant de noter toute opinion (mention " + notice.version() + ")";
        List<String> lines = wrap(notice.text(), WIDTH - 16, 8.5f);
        float height = 14 + lines.size() * 10.5f + 8;
        out.setNonStrokingColor(new Color(0xff, 0xf6, 0xd8));
        out.addRect(MARGIN, y - height, WIDTH, height);
        out.fill();
        out.setStrokingColor(new Color(0xb0, 0x8a, 0x00));
        out.setLineWidth(0.8f);
        out.addRect(MARGIN, y - height, WIDTH, height);
        out.stroke();
        text(heading, MARGIN + 8, y - 12, 9.5f, true, Color.BLACK);
        float ly = y - 25;
        for (String l : lines) {
            text(l, MARGIN + 8, ly, 8.5f, false, Color.BLACK);
            ly -= 10.5f;
        }
        y -= height + 12;
    }

    private void table(Sheet s) throws IOException {
        Turf t = s.turf();
        StringBuilder legend = new StringBuilder("Cochez une case par porte : ");
        for (int i = 0; i < OUTCOMES.size(); i++) {
            legend.append(i == 0 ? "" : " · ").append(OUTCOMES.get(i)[0]).append(" ").append(OUTCOMES.get(i)[1]);
        }
        y = paragraph(legend + ".", MARGIN, y, WIDTH, 8, false) - 2;
        tableHeader();
        for (int i = 0; i < t.walk().size(); i++) {
            Door d = t.walk().get(i);
            List<String> names = s.names().getOrDefault(d.id(), List.of());
            List<String> nameLines = names.isEmpty() ? List.of()
                    : wrap(String.join(", ", names), COLUMNS[1] + COLUMNS[2] - 4, 7.5f);
            float h = ROW_H + nameLines.size() * NAME_LINE;
            if (y - h < MARGIN + 10) {
                newPage();
                tableHeader();
            }
            if (i % 2 == 1) {
                out.setNonStrokingColor(LIGHT);
                out.addRect(MARGIN, y - h, WIDTH, h);
                out.fill();
            }
            float base = y - 10.5f;
            float x = MARGIN;
            text(Integer.toString(i + 1), x + 2, base, 9, true, Color.BLACK);
            x += COLUMNS[0];
            fitText(d.streetAddress(), x + 2, base, COLUMNS[1] - 4, 9);
            x += COLUMNS[1];
            fitText(d.complement() == null ? "" : d.complement(), x + 2, base, COLUMNS[2] - 4, 8);
            x += COLUMNS[2];
            String voters = Integer.toString(d.voters());
            text(voters, x + COLUMNS[3] - 6 - font.getStringWidth(voters) / 1000 * 9, base, 9, false, Color.BLACK);
            x += COLUMNS[3];
            out.setStrokingColor(Color.BLACK);
            out.setLineWidth(0.6f);
            for (int k = 0; k < OUTCOMES.size(); k++) {
                out.addRect(x + k * TICK_W + (TICK_W - 9) / 2, y - 12.5f, 9, 9);
            }
            out.stroke();
            float ny = y - ROW_H - 6.5f;
            for (String l : nameLines) {
                text(l, MARGIN + COLUMNS[0] + 2, ny, 7.5f, false, GREY);
                ny -= NAME_LINE;
            }
            y -= h;
        }
        out.setStrokingColor(GREY);
        out.setLineWidth(0.5f);
        out.moveTo(MARGIN, y);
        out.lineTo(MARGIN + WIDTH, y);
        out.stroke();
    }

    private void tableHeader() throws IOException {
        float h = 14;
        out.setNonStrokingColor(new Color(0x33, 0x3d, 0x4d));
        out.addRect(MARGIN, y - h, WIDTH, h);
        out.fill();
        float base = y - 10;
        float x = MARGIN;
        String[] heads = {"N°", "Adresse", "Complément", "Élect."};
        for (int i = 0; i < heads.length; i++) {
            text(heads[i], x + 2, base, 8, true, Color.WHITE);
            x += COLUMNS[i];
        }
        for (String[] o : OUTCOMES) {
            float tw = font.getStringWidth(o[0]) / 1000 * 7.5f;
            text(o[0], x + (TICK_W - tw) / 2, base, 7.5f, true, Color.WHITE);
            x += TICK_W;
        }
        y -= h;
    }


    // ---------------------------------------------------------------- text

    private float paragraph(String s, float x, float top, float width, float size, boolean bold) throws IOException {
        float ly = top - size;
        for (String l : wrap(s, width, size)) {
            text(l, x, ly, size, bold, Color.BLACK);
            ly -= size * 1.25f;
        }
        return ly + size * 0.25f;
    }

    private void fitText(String s, float x, float base, float width, float size) throws IOException {
        String c = clean(s);
        float sz = size;
        while (sz > 6 && font.getStringWidth(c) / 1000 * sz > width) {
            sz -= 0.5f;
        }
        while (!c.isEmpty() && font.getStringWidth(c) / 1000 * sz > width) {
            c = c.substring(0, c.length() - 1);
        }
        text(c, x, base, sz, false, Color.BLACK);
    }

    private List<String> wrap(String s, float width, float size) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : clean(s).split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private void text(String s, float x, float base, float size, boolean bold, Color color) throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.setNonStrokingColor(color);
        if (bold) { // one regular face shipped: bold drawn as fill and a thin outline
            out.setRenderingMode(RenderingMode.FILL_STROKE);
            out.setStrokingColor(color);
            out.setLineWidth(size / 30);
        }
        out.newLineAtOffset(x, base);
        out.showText(clean(s));
        out.endText();
        if (bold) {
            out.beginText();
            out.setRenderingMode(RenderingMode.FILL);
            out.endText();
        }
    }

    /** A label readable over the route: a white outline under the black text. */
    private void haloText(String s, float x, float base, float size, Color color) throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.setRenderingMode(RenderingMode.STROKE);
        out.setStrokingColor(Color.WHITE);
        out.setLineWidth(1.8f);
        out.newLineAtOffset(x, base);
        out.showText(clean(s));
        out.endText();
        out.beginText();
        out.setRenderingMode(RenderingMode.FILL);
        out.setNonStrokingColor(color);
        out.newLineAtOffset(x, base);
        out.showText(clean(s));
        out.endText();
    }

    /** The text with any character the font lacks (and control characters) replaced, so printing never fails. */
    private String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || Character.isISOControl(cp)) {
                b.append(' ');
            } else if (printable.computeIfAbsent(cp, this::hasGlyph)) {
                b.appendCodePoint(cp);
            } else {
                b.append('?');
            }
        });
        return b.toString();
    }

    private boolean hasGlyph(int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
