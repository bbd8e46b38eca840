package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.terrain.compliance.PrivacySettings;
import fr.terrain.field.Address;
import fr.terrain.field.AddressText;
import fr.terrain.privacy.CanvassNotice;
import fr.terrain.store.AuditLog;
import fr.terrain.store.Geography;
import fr.terrain.store.Store;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code terrain turfs … --pdf DIR} on the demo city: the walk lists are opened with PDFBox and read
 * back, against the JSON of the same cut and the store.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // one demo city; the later tests change settings and data
class WalkListTest {
    @TempDir
    static Path home;

    private static final ObjectMapper JSON = new ObjectMapper();

    static CommandRun run(String... args) {
        return CommandRun.of(List.of("--home", home.toString()), args);
    }

    @BeforeAll
    static void demo() {
        CommandRun demo = run("demo", "--scale", "small", "--no-serve");
        assertThat(demo.exit()).as(demo.err()).isZero();
        // a campaign that has not registered its notice yet (the demo registers one): the sheets print Terrain's text
        try (fr.terrain.store.Store store = fr.terrain.store.Store.h2(home)) {
            int deleted = store.jdbi().withHandle(h -> h.execute("DELETE FROM consent_notice WHERE version = ?",
                    DemoCommand.DEMO_NOTICE));
            assertThat(deleted).isEqualTo(1);
        }
    }

    private JsonNode turfs(Path pdf, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("turfs", "--stations", "20-1,20-2", "--doors-per-turf", "80", "--json"));
        if (pdf != null) {
            args.addAll(List.of("--pdf", pdf.toString()));
        }
        args.addAll(List.of(more));
        CommandRun r = run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private static List<String> pages(Path file) throws IOException {
        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            List<String> pages = new ArrayList<>();
            PDFTextStripper strip = new PDFTextStripper();
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                strip.setStartPage(p);
                strip.setEndPage(p);
                pages.add(strip.getText(doc));
            }
            return pages;
        }
    }

    private Map<String, Address> banById() {
        try (Store s = Store.h2(home)) {
            Map<String, Address> m = new HashMap<>();
            Geography.addresses(s).forEach(a -> m.put(a.banId(), a));
            return m;
        }
    }

    /** The address as a person writes it, built here from the BAN record (not by the code under test). */
    private static String label(Address a) {
        String suffix = a.suffix() == null ? "" : " " + switch (a.suffix()) {
            case "b" -> "bis";
            case "t" -> "ter";
            case "q" -> "quater";
            default -> a.suffix();
        };
        return a.number() + suffix + " " + a.street();
    }

    private static final Pattern ROW = Pattern.compile("(?m)^(\\d+) (\\d+.*?) (\\d+)$");

    @Test
    @Order(1)
    void oneWalkListPerTurfWithTheDoorsInTheJsonOrderTheNoticeAndNoName() throws IOException {
        Path dir = home.resolve("feuilles");
        JsonNode json = turfs(dir);
        Map<String, Address> ban = banById();
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList())
                .hasSize(json.size()).first().isEqualTo("tournee-01.pdf");
        String notice = CanvassNotice.defaultText(PrivacySettings.read(home).identity());
        List<String> surnames = new ArrayList<>();
        try (Store s = Store.h2(home)) {
            surnames.addAll(s.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT birth_name FROM voter"
                    + " WHERE station_code IN ('20-1', '20-2')").mapTo(String.class).list()));
        }
        assertThat(surnames).hasSizeGreaterThan(50);
        for (JsonNode turf : json) {
            Path file = dir.resolve(String.format("tournee-%02d.pdf", turf.get("turf").asInt()));
            List<String> pages = pages(file);
            String all = String.join("\n", pages);
            // every page says which of how many it is
            for (int p = 0; p < pages.size(); p++) {
                assertThat(pages.get(p)).contains("page " + (p + 1) + "/" + pages.size());
            }
            // ~75 doors: the first page holds the map, the notice and the first rows; the rest follow
            assertThat(pages).hasSizeBetween(2, 4);
            // rows "position address [complement] voters", in the JSON's walking order
            List<String> rows = new ArrayList<>();
            Matcher m = ROW.matcher(all);
            while (m.find()) {
                if (Integer.parseInt(m.group(1)) == rows.size() + 1) {
                    rows.add(m.group(2));
                }
            }
            JsonNode doors = turf.get("doors");
            assertThat(rows).hasSize(doors.size());
            for (int i = 0; i < doors.size(); i++) {
                String id = doors.get(i).asText();
                int slash = id.indexOf('/');
                Address a = ban.get(slash < 0 ? id : id.substring(0, slash));
                assertThat(rows.get(i)).as("ligne %d de %s", i + 1, file).startsWith(label(a));
                String complement = rows.get(i).substring(label(a).length()).strip();
                assertThat(AddressText.fold(complement).replace(' ', '-'))
                        .isEqualTo(slash < 0 ? "" : id.substring(slash + 1));
            }
            // the notice, whole, and its version
            assertThat(all.replaceAll("\\s+", " ")).contains("À lire avant de noter toute opinion (mention "
                    + CanvassNotice.DEFAULT_VERSION + ")").contains(notice.replaceAll("\\s+", " "));
            // the station's topic, as the JSON gives it
            assertThat(all.replaceAll("\\s+", " ")).contains("Thème à aborder : " + turf.get("topic").get("label").asText());
            // no voter's name without --with-names (surnames are upper case; streets and labels are not)
            for (String surname : surnames) {
                assertThat(all).doesNotContainPattern("\\b" + Pattern.quote(surname) + "\\b");
            }
        }
        // page 1 rendered for a person to look at: the map draws (dark pixels in its frame), so does the table
        try (PDDocument doc = Loader.loadPDF(dir.resolve("tournee-01.pdf").toFile())) {
            BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(0, 110);
            File png = new File("target/artefacts/walk-list-page1.png");
            png.getParentFile().mkdirs();
            ImageIO.write(image, "png", png);
            assertThat(darkPixels(image, 0.17, 0.50)).as("carte").isGreaterThan(500);
            assertThat(darkPixels(image, 0.68, 0.95)).as("tableau").isGreaterThan(2000);
        }
        try (Store s = Store.h2(home)) {
            var entry = AuditLog.all(s).stream().filter(e -> e.action().equals("voters.walk-list")).findFirst().orElseThrow();
            assertThat(entry.records()).isZero();
        }
    }

    private static long darkPixels(BufferedImage image, double fromHeight, double toHeight) {
        long n = 0;
        for (int y = (int) (image.getHeight() * fromHeight); y < image.getHeight() * toHeight; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 200) {
                    n++;
                }
            }
        }
        return n;
    }

    /** A new cut into the same folder leaves no sheet of the earlier one for a volunteer to print by mistake. */
    @Test
    @Order(2)
    void aSmallerCutIntoTheSameFolderRemovesTheEarlierCutsSheets() throws IOException {
        Path dir = home.resolve("feuilles-deux-fois");
        int before = turfs(dir).size();
        Files.writeString(dir.resolve("notes.txt"), "à moi");
        CommandRun again = run("turfs", "--stations", "20-1", "--doors-per-turf", "80", "--pdf", dir.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        try (var files = Files.list(dir)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            long sheets = names.stream().filter(n -> n.startsWith("tournee-")).count();
            assertThat(sheets).isLessThan(before);
            assertThat(names).contains("notes.txt");
            assertThat(again.out()).contains((before - sheets) + " feuille(s) d'un découpage précédent retirée(s)");
        }
    }

    /**
     * Sheets printed while {@code privacy.properties} names no controller read « Responsable du traitement : à
     * renseigner » at every door; the command now says so on standard error (the JSON on standard output stays whole),
     * naming the keys and the command that writes them, and says nothing once they are set.
     */
    @Test
    @Order(2)
    void anIncompleteLegalNoticeIsSaidOnStandardErrorUntilTheSettingsNameTheController() throws IOException {
        Path dir = home.resolve("mention-incomplete");
        CommandRun bare = run("turfs", "--stations", "20-1", "--pdf", dir.toString(), "--json");
        assertThat(bare.exit()).as(bare.err()).isZero();
        // the sheet does print the gap (read back from the PDF, not from the code that writes the warning)
        assertThat(String.join("\n", pages(dir.resolve("tournee-01.pdf"))).replaceAll("\\s+", " "))
                .contains("Responsable du traitement : à renseigner");
        assertThat(bare.err()).contains("Mention légale incomplète").contains("campaign.controller et campaign.contact")
                .contains(home.resolve(PrivacySettings.FILE_NAME).toString()).contains("terrain retention policy --init");
        JSON.readTree(bare.out());

        Files.writeString(home.resolve(PrivacySettings.FILE_NAME),
                "campaign.controller=Liste Demo\ncampaign.contact=droits@liste-demo.example\n");
        CommandRun complete = run("turfs", "--stations", "20-1", "--pdf", dir.toString());
        assertThat(complete.exit()).as(complete.err()).isZero();
        assertThat(complete.err()).doesNotContain("Mention légale incomplète")
                .contains("attention : Mention de porte-à-porte non enregistrée"); // the phone could note no opinion
        assertThat(String.join("\n", pages(dir.resolve("tournee-01.pdf"))).replaceAll("\\s+", " "))
                .contains("Responsable du traitement : Liste Demo");
        Files.delete(home.resolve(PrivacySettings.FILE_NAME));
    }

    @Test
    @Order(3)
    void namesOnlyWhenTheCampaignAllowsThemAndThenAudited() throws IOException {
        Path dir = home.resolve("avec-noms");
        CommandRun refused = run("turfs", "--stations", "20-1", "--pdf", dir.toString(), "--with-names");
        assertThat(refused.exit()).as("the campaign's settings refuse, not the command line").isEqualTo(1);
        assertThat(refused.err()).contains("n'autorise pas les noms").contains("walk-lists.names=true");
        assertThat(dir).doesNotExist();
        CommandRun withoutPdf = run("turfs", "--stations", "20-1", "--with-names");
        assertThat(withoutPdf.exit()).as("a command line wrong in itself").isEqualTo(2);
        assertThat(withoutPdf.err()).contains("--with-names ne sert qu'avec --pdf").contains("aide : terrain turfs --help");

        Files.writeString(home.resolve(PrivacySettings.FILE_NAME), "walk-lists.names=peut-être\n");
        assertThat(run("turfs", "--stations", "20-1", "--pdf", dir.toString(), "--with-names").err())
                .contains("walk-lists.names vaut true ou false");

        Files.writeString(home.resolve(PrivacySettings.FILE_NAME), "walk-lists.names=true\ncampaign.controller=Liste Demo\n");
        JsonNode json = turfs(dir, "--with-names");
        int voters = 0;
        for (JsonNode t : json) {
            voters += t.get("voters").asInt();
        }
        // the voters registered at one door of turf 1, read from the store, are printed together
        String first = json.get(0).get("doors").get(0).asText();
        Map<String, Address> ban = banById();
        Address a = ban.get(first.contains("/") ? first.substring(0, first.indexOf('/')) : first);
        List<String> listed;
        try (Store s = Store.h2(home)) {
            listed = s.jdbi().withHandle(h -> h.createQuery("SELECT COALESCE(usage_name, birth_name) FROM voter"
                    + " WHERE station_code IN ('20-1', '20-2') AND street_name IS NOT NULL ORDER BY id").mapTo(String.class)
                    .list());
        }
        String text = String.join("\n", pages(dir.resolve("tournee-01.pdf")));
        long printedSurnames = listed.stream().distinct().filter(n -> text.contains(n)).count();
        assertThat(printedSurnames).as("noms imprimés").isGreaterThan(20);
        assertThat(text).contains(label(a)).contains("Responsable du traitement : Liste Demo");
        try (Store s = Store.h2(home)) {
            var entry = AuditLog.all(s).stream().filter(e -> e.action().equals("voters.walk-list-names")).findFirst()
                    .orElseThrow();
            // one name per voter of the turfs: the JSON's voters, added up
            assertThat(entry.records()).isEqualTo(voters);
            assertThat(entry.detail()).contains(voters + " nom(s) imprimé(s)");
        }
    }

    @Test
    @Order(4)
    void aRegisteredNoticeReplacesTheDefaultText() throws IOException {
        Path text = home.resolve("mention.txt");
        Files.writeString(text, "Mention de la campagne : votre avis n'est noté qu'avec votre accord exprès. Œuvre commune.");
        CommandRun add = run("consent", "notice", "pap-2026-02", "--channel", "canvass-opinion", "--file", text.toString());
        assertThat(add.exit()).as(add.err()).isZero();
        Path dir = home.resolve("mention");
        turfs(dir);
        String all = String.join("\n", pages(dir.resolve("tournee-01.pdf"))).replaceAll("\\s+", " ");
        assertThat(all).contains("(mention pap-2026-02)").contains("Œuvre commune.")
                .doesNotContain(CanvassNotice.DEFAULT_VERSION);
    }

    @Test
    @Order(2)
    void eachTurfCarriesTheTopicTheTargetingPlanGivesItsStation() throws IOException {
        // a bloc of one nuance: any bloc gives the same topics (they come from INSEE figures only)
        Path bloc = home.resolve("bloc.json");
        Files.writeString(bloc, "{\"name\": \"test\", \"ours\": {\"demo-2026-t1\": [\"nuance:LDVG\"]}}");
        CommandRun plan = run("target", "--election", "demo-2026-t1", "--bloc", bloc.toString(), "--csv");
        assertThat(plan.exit()).as(plan.err()).isZero();
        Map<String, String> planTopic = new HashMap<>();
        for (String line : plan.out().split("\n")) {
            String[] f = line.split(";", -1);
            if (f.length > 10 && !f[0].equals("station")) {
                planTopic.put(f[0], f[f.length - 1].strip());
            }
        }
        CommandRun turfs = run("turfs", "--stations", "20-1,11-1,12-1", "--json");
        assertThat(turfs.exit()).as(turfs.err()).isZero();
        JsonNode json = JSON.readTree(turfs.out());
        assertThat(json.size()).isGreaterThanOrEqualTo(3);
        for (JsonNode t : json) {
            String station = t.get("stations").get(0).asText();
            assertThat(planTopic.get(station)).as(station).isNotBlank();
            assertThat(t.get("topic").get("label").asText()).as(station).isEqualTo(planTopic.get(station));
            assertThat(t.get("topic").get("evidence").asText()).contains("médiane");
        }
        CommandRun human = run("turfs", "--stations", "20-1");
        assertThat(human.out()).contains("thème : " + planTopic.get("20-1"));
    }

    @Test
    @Order(5)
    void withoutInseeFiguresTheTopicIsNullAndThePdfHasNoTopicLine() throws IOException {
        try (Store s = Store.h2(home)) {
            s.jdbi().useHandle(h -> h.execute("DELETE FROM iris_indicator"));
        }
        Path dir = home.resolve("sans-theme");
        JsonNode json = turfs(dir);
        json.forEach(t -> assertThat(t.get("topic").isNull()).isTrue());
        assertThat(String.join("\n", pages(dir.resolve("tournee-01.pdf")))).doesNotContain("Thème à aborder");
        assertThat(run("turfs", "--stations", "20-1").out()).contains("thèmes : aucun");
    }
}
