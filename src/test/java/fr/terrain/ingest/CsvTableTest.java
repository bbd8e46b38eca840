package fr.terrain.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.ingest.CsvTable.Column;
import fr.terrain.ingest.CsvTable.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one CSV reader of the importers: what a cell reads as, wherever it sits in the line. */
class CsvTableTest {
    @TempDir
    Path tmp;

    private List<Row> rows(String content) throws IOException {
        Path file = tmp.resolve("t.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>();
        try (CsvTable t = CsvTable.open(TextInput.detect(file))) {
            t.forEach(rows::add);
        }
        return rows;
    }

    private static final Column A = new Column(0, "a");
    private static final Column B = new Column(1, "b");
    private static final Column C = new Column(2, "c");

    @Test
    void quotedCellsKeepSeparatorsQuotesAndLineBreaksAndRowsKeepTheirOwnValues() throws IOException {
        List<Row> rows = rows("a;b;c\n\"x;y\";\"il a dit \"\"oui\"\"\";\"deux\nlignes\"\n  z  ;  ; 7 \n");
        assertThat(rows).hasSize(2);
        Row first = rows.get(0);
        assertThat(first.text(A)).isEqualTo("x;y");
        assertThat(first.text(B)).isEqualTo("il a dit \"oui\"");
        assertThat(first.text(C)).isEqualTo("deux\nlignes");
        assertThat(first.line()).isEqualTo(2);
        Row second = rows.get(1); // read after the first, which still reads the same
        assertThat(second.line()).isEqualTo(4);
        assertThat(second.text(A)).isEqualTo("z");
        assertThat(second.text(B)).isNull(); // blank: missing, never ""
        assertThat(second.integer(C)).isEqualTo(7);
        assertThat(first.text(A)).isEqualTo("x;y");
    }

    @Test
    void numbersAreReadInPlaceOrAsSpreadsheetsSpellThem() throws IOException {
        List<Row> rows = rows("a;b;c\n-12;1 234;12.0\n+5; ;\"3\"\n");
        assertThat(rows.get(0).integer(A)).isEqualTo(-12);
        assertThat(rows.get(0).integer(B)).isEqualTo(1234);
        assertThat(rows.get(0).optionalInteger(C)).isEqualTo(12);
        assertThat(rows.get(1).integer(A)).isEqualTo(5);
        assertThat(rows.get(1).optionalInteger(B)).isNull();
        assertThat(rows.get(1).count(C)).isEqualTo(3);
        assertThatThrownBy(() -> rows.get(1).integer(B)).isInstanceOf(InputError.class)
                .hasMessageContaining("t.csv:3:2").hasMessageContaining("valeur vide");
        assertThatThrownBy(() -> rows.get(0).count(A)).isInstanceOf(InputError.class)
                .hasMessageContaining("t.csv:2:1").hasMessageContaining("-12");
    }

    @Test
    void aShortLineIsLocatedAndExtraCellsMustBeEmpty() throws IOException {
        List<Row> rows = rows("a;b;c\n1;2\n1;2;3;;\n1;2;3;x\n");
        assertThat(rows.get(0).text(C)).isNull();
        assertThatThrownBy(() -> rows.get(0).integer(C)).isInstanceOf(InputError.class)
                .hasMessageContaining("t.csv:2:3").hasMessageContaining("la ligne a 2 champs");
        assertThatThrownBy(rows.get(0)::requireWidth).isInstanceOf(InputError.class).hasMessageContaining("t.csv:2:3");
        rows.get(1).requireWidth();
        assertThatThrownBy(rows.get(2)::requireWidth).isInstanceOf(InputError.class).hasMessageContaining("t.csv:4:4");
    }

    @Test
    void aRepeatingColumnReadsEachSpellingAsOneStringAndOtherColumnsDoNot() throws IOException {
        List<Row> rows = rows("a;b;c\nMme X;1;Mme X\n Mme X ;2;Mme X\nM. Y;3;M. Y\n");
        Column label = A.repeating();
        assertThat(rows.get(0).text(label)).isEqualTo("Mme X").isSameAs(rows.get(1).text(label));
        assertThat(rows.get(2).text(label)).isEqualTo("M. Y");
        assertThat(rows.get(0).text(C)).isEqualTo("Mme X").isNotSameAs(rows.get(1).text(C));
        assertThat(rows.get(1).textEquals(A, "Mme X")).isTrue();
        assertThat(rows.get(2).textEquals(A, "Mme X")).isFalse();
        assertThat(rows.get(0).textEquals(new Column(5, "absente"), null)).isTrue();
    }

    @Test
    void aNulCharacterIsAnErrorInARepeatingColumnToo() throws IOException {
        List<Row> rows = rows("a;b\nx\0y;1\n");
        assertThatThrownBy(() -> rows.get(0).text(A.repeating())).isInstanceOf(InputError.class)
                .hasMessageContaining("t.csv:2:1").hasMessageContaining("caractère nul");
        assertThat(rows.get(0).integer(B)).isEqualTo(1);
    }
}
