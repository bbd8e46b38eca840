package fr.terrain.web;

import de.siegmar.fastcsv.writer.CsvWriter;
import fr.terrain.atlas.Language;
import fr.terrain.ingest.CsvCell;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table as CSV for a spreadsheet. In French: semicolons, decimal commas and a byte-order mark, what a French Excel
 * or LibreOffice opens directly with numbers as numbers; in English: commas and points. Numbers are written as given
 * (round them first), without thousands separators; text cells can never run as formulas ({@link CsvCell#neutral}).
 */
public final class Spreadsheet {
    private Spreadsheet() {}

    /** The CSV of these rows under this header; a cell is a {@link Number}, a text, or null (empty). */
    public static String csv(Language language, List<String> header, List<? extends List<?>> rows) {
        boolean french = language == Language.FR;
        DecimalFormat number = new DecimalFormat("0.######", DecimalFormatSymbols.getInstance(french ? Locale.FRANCE : Locale.UK));
        StringWriter out = new StringWriter();
        if (french) {
            out.write('\uFEFF');
        }
        try (CsvWriter csv = CsvWriter.builder().fieldSeparator(french ? ';' : ',').build(out)) {
            csv.writeRecord(header.stream().map(CsvCell::neutral).toList());
            for (List<?> row : rows) {
                List<String> cells = new ArrayList<>(row.size());
                for (Object cell : row) {
                    cells.add(cell == null ? "" : cell instanceof Number n ? number.format(n) : CsvCell.neutral(cell.toString()));
                }
                csv.writeRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
