package fr.terrain.compliance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Prints the small Markdown Terrain writes (headings, paragraphs, bullets, tables) as an A4 PDF
 * with the standard Helvetica fonts: enough for a register a person reads and signs, with no
 * font file to ship. Characters the fonts cannot encode print as « ? ».
 */
final class MarkdownPdf {
    private static final float MARGIN = 56;
    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private final PDDocument doc = new PDDocument();
    private final Map<Character, Boolean> encodable = new HashMap<>();
    private PDPageContentStream page;
    private float y;

    private MarkdownPdf() {}

    static void write(String markdown, String title, Path file) {
        try {
            java.nio.file.Files.write(file, bytes(markdown, title));
        } catch (IOException e) {
            throw new UncheckedIOException("impossible d'écrire " + file, e);
        }
    }

    /** The PDF as bytes, for a file or an HTTP answer. */
    static byte[] bytes(String markdown, String title) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        MarkdownPdf pdf = new MarkdownPdf();
        try (PDDocument doc = pdf.doc) {
            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle(title);
            info.setCreator("Terrain");
            doc.setDocumentInformation(info);
            pdf.newPage();
            for (String line : markdown.split("\n", -1)) {
                pdf.line(line);
            }
            pdf.page.close();
            doc.save(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("impossible de produire le PDF « " + title + " »", e);
        }
        return bytes.toByteArray();
    }

    private void line(String raw) throws IOException {
        String text = raw.replace("`", "").replace("**", "");
        if (text.isBlank()) {
            y -= 6;
        } else if (text.startsWith("# ")) {
            paragraph(text.substring(2), BOLD, 17, 0, 10);
        } else if (text.startsWith("## ")) {
            paragraph(text.substring(3), BOLD, 13, 0, 8);
        } else if (text.startsWith("### ")) {
            paragraph(text.substring(4), BOLD, 11, 0, 6);
        } else if (text.startsWith("- ")) {
            paragraph("• " + text.substring(2), REGULAR, 10, 10, 0);
        } else if (text.startsWith("|")) {
            if (!text.matches("\\|[-| :]+\\|?")) {
                String row = String.join("  ·  ", List.of(text.substring(1, text.endsWith("|") ? text.length() - 1
                        : text.length()).split("\\|")).stream().map(String::strip).toList());
                paragraph(row, REGULAR, 9, 4, 0);
            }
        } else {
            paragraph(text, REGULAR, 10, 0, 0);
        }
    }

    private void paragraph(String text, PDType1Font font, float size, float indent, float spaceBefore) throws IOException {
        y -= spaceBefore;
        float width = PDRectangle.A4.getWidth() - 2 * MARGIN - indent;
        for (String l : wrap(printable(text, font), font, size, width)) {
            if (y - size * 1.35f < MARGIN) {
                page.close();
                newPage();
            }
            y -= size * 1.35f;
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(MARGIN + indent, y);
            page.showText(l);
            page.endText();
        }
    }

    private List<String> wrap(String text, PDType1Font font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (current.isEmpty() || font.getStringWidth(candidate) / 1000 * size <= width) {
                current.setLength(0);
                current.append(candidate);
            } else {
                lines.add(current.toString());
                current.setLength(0);
                current.append(word);
            }
        }
        lines.add(current.toString());
        return lines;
    }

    private String printable(String text, PDType1Font font) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            boolean ok = encodable.computeIfAbsent(c, ch -> {
                try {
                    font.encode(String.valueOf(ch));
                    return true;
                } catch (IllegalArgumentException | IOException e) {
                    return false;
                }
            });
            b.append(ok ? c : '?');
        }
        return b.toString();
    }

    private void newPage() throws IOException {
        PDPage p = new PDPage(PDRectangle.A4);
        doc.addPage(p);
        page = new PDPageContentStream(doc, p);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }
}
