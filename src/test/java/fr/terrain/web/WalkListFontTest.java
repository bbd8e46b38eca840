package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.fontbox.ttf.model.GsubData;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The walk lists' font: its glyph substitution hidden (PDFBox's slow path), every glyph French needs still there. */
class WalkListFontTest {

    private static byte[] shipped() throws IOException {
        try (InputStream in = WalkListPdf.class.getResourceAsStream(
                "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
            return in.readAllBytes();
        }
    }

    private static TrueTypeFont parse(byte[] bytes) throws IOException {
        return new TTFParser().parse(new RandomAccessReadBuffer(bytes));
    }

    @Test
    void theGlyphSubstitutionTableIsHiddenAndEveryOtherTableKept() throws IOException {
        byte[] original = shipped();
        byte[] edited = WalkListPdf.withoutGlyphSubstitution(original);
        try (TrueTypeFont before = parse(original); TrueTypeFont after = parse(edited)) {
            assertThat(before.getGsubData()).isNotSameAs(GsubData.NO_DATA_FOUND); // the slow path ran before
            assertThat(after.getGsubData()).isSameAs(GsubData.NO_DATA_FOUND);
            Set<String> renamed = new HashSet<>(before.getTableMap().keySet());
            renamed.remove("GSUB");
            renamed.add("GSUb");
            assertThat(after.getTableMap().keySet()).isEqualTo(renamed);
            assertThat(after.getNumberOfGlyphs()).isEqualTo(before.getNumberOfGlyphs());
        }
        assertThat(original).isEqualTo(shipped()); // the shipped bytes are not changed in place
    }

    @Test
    void frenchTextPrintsAndReadsBack() throws IOException {
        String text = "Éléonore, cœur, 12 €, « fin » œuvre — Île-de-France";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            PDType0Font font = PDType0Font.load(doc, new ByteArrayInputStream(
                    WalkListPdf.withoutGlyphSubstitution(shipped())));
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                s.beginText();
                s.setFont(font, 12);
                s.newLineAtOffset(50, 700);
                s.showText(text);
                s.endText();
            }
            doc.save(out);
        }
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            assertThat(new PDFTextStripper().getText(doc).strip()).isEqualTo(text);
        }
    }
}
