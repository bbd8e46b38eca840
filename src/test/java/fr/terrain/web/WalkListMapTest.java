package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.election.StationCode;
import fr.terrain.field.Address;
import fr.terrain.field.Door;
import fr.terrain.field.Start;
import fr.terrain.field.Turf;
import fr.terrain.privacy.CampaignIdentity;
import fr.terrain.privacy.CanvassNotice;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;

/** The walk list's map as a canvasser reads it on paper: what the sheet's text points to is on the map. */
class WalkListMapTest {
    private static final StationCode STATION = StationCode.parse("12-3");

    /**
     * A turf of one street running north-east of its start, as wide as the map is for its height: the start is the map's
     * south-west corner, where the scale bar is drawn.
     */
    private static Turf turfStartingSouthWestOfItsDoors() {
        List<Door> walk = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Address a = new Address("75112_0001_" + (10 + i), null, 10 + i, null, "Rue des Essais", "75012", "75112",
                    "Paris", 2.4000 + i * 0.00084, 48.8600 + i * 0.0003);
            walk.add(new Door(a.banId(), a, null, STATION, 2));
        }
        return new Turf(1, List.of(STATION), walk, 24, 500, 25, new Start("point de rendez-vous", 2.3990, 48.8590));
    }

    /** Pixels of the start marker's red on the sheet's first page, drawn at 72 dpi (one pixel a point). */
    private static int startMarkerPixels(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 72);
            int red = 0;
            for (int y = 0; y < page.getHeight(); y++) {
                for (int x = 0; x < page.getWidth(); x++) {
                    int rgb = page.getRGB(x, y);
                    int r = (rgb >> 16) & 0xff;
                    int g = (rgb >> 8) & 0xff;
                    int b = rgb & 0xff;
                    if (Math.abs(r - 0xc6) < 24 && Math.abs(g - 0x28) < 24 && Math.abs(b - 0x28) < 24) {
                        red++;
                    }
                }
            }
            return red;
        }
    }

    @Test
    void theStartMarkerIsNotHiddenByTheScaleBarWhenTheStartIsTheMapsSouthWestCorner() throws IOException {
        byte[] pdf = WalkListPdf.bytes(new WalkListPdf.Sheet(turfStartingSouthWestOfItsDoors(), "paris-2026", null,
                CanvassNotice.standard(CampaignIdentity.fromSettings(Map.of())), Map.of(), LocalDate.of(2026, 3, 1)));
        // « Départ et retour (D sur le plan) »: the red square of 10 × 10 points, less the white « D » inside it
        assertThat(startMarkerPixels(pdf)).as("red pixels of the start marker « D »").isGreaterThan(60);
    }
}
