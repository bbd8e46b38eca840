package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.election.Paris;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code terrain generate city}: files written, a summary for people, and refusals in French. */
class GenerateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Terrain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void writesTheChosenKindsAndSaysHowToLoadThem(@TempDir Path dir) {
        int code = run("generate", "city", "--out", dir.toString(), "--scale", "small", "--seed", "4",
                "--only", "results,stations");

        assertThat(code).isZero();
        assertThat(dir.resolve("demo_municipales_2026_t1_bv_long.csv")).exists();
        assertThat(dir.resolve("demo_bureaux_de_vote_2020.geojson")).exists();
        assertThat(dir.resolve("LISEZMOI.md")).exists();
        assertThat(dir.resolve("demo_liste_electorale_2026.csv")).doesNotExist();
        assertThat(out.toString()).contains("échelle small, graine 4 : 4 fichiers")
                .contains("demo-2026-t1 (municipales, 2026-03-15)")
                .contains("terrain import folder " + dir + " --territory demo");
    }

    @Test
    void writesAnElectoralListOfTheSizeAsked(@TempDir Path dir) throws Exception {
        int code = run("generate", "city", "--out", dir.toString(), "--voters", "5000");

        assertThat(code).isZero();
        try (var lines = Files.lines(dir.resolve("demo_liste_electorale_5000.csv"))) {
            assertThat(lines.count()).isEqualTo(5001);
        }
        assertThat(out.toString()).contains("5 000 électeurs");
    }

    @Test
    void refusesAFolderWithOtherFilesAndUnknownKinds(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("resultats_reels.csv"), "x");
        assertThat(run("generate", "city", "--out", dir.toString(), "--scale", "small")).isEqualTo(1);
        assertThat(err.toString()).contains("contient d'autres fichiers (resultats_reels.csv)");

        assertThat(run("generate", "city", "--out", dir.resolve("neuf").toString(), "--only", "bureaux"))
                .as("an option's value the command refuses: exit 2").isEqualTo(2);
        assertThat(err.toString()).contains("--only : type de fichier inconnu « bureaux »");
        assertThat(run("generate", "city", "--out", dir.resolve("neuf").toString(), "--scale", "monde")).isEqualTo(2);
        assertThat(err.toString()).contains("--scale : échelle inconnue « monde » ; échelles : paris, national, small, large");
    }

    /** {@code generate reu}: a file of the scale asked, said synthetic; an unknown scale or a file in the way, exit 2. */
    @Test
    void writesASyntheticReuTableAndRefusesAnUnknownScaleOrAFileInTheWay(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reu.csv");
        assertThat(run("generate", "reu", "--out", file.toString(), "--scale", "small", "--seed", "3")).isZero();
        try (var lines = Files.lines(file)) {
            long rows = lines.count() - 1;
            assertThat(out.toString()).contains("Table d'adresses du REU synthétique — échelle small, graine 3 : "
                    + Paris.count(rows) + " lignes, 40 communes, 80 bureaux");
        }
        assertThat(run("generate", "reu", "--out", file.toString(), "--scale", "small")).isEqualTo(2);
        assertThat(err.toString()).contains("le fichier " + file + " existe déjà ; --force pour le remplacer");
        assertThat(run("generate", "reu", "--out", dir.resolve("b.csv").toString(), "--scale", "monde")).isEqualTo(2);
        assertThat(err.toString()).contains("--scale : échelle inconnue « monde » ; échelles : national, departement,"
                + " small");
        assertThat(run("generate", "reu", "--help")).isZero();
        assertThat(out.toString()).contains("table-adresses-reu").contains("synthétique").contains("--communes");
    }

    @Test
    void helpIsInFrench() {
        assertThat(run("generate", "city", "--help")).isZero();
        assertThat(out.toString()).contains("--seed").contains("Graine").contains("--scale").contains("octet pour octet");
    }
}
