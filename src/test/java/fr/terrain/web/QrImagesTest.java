package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.account.Secrets;
import io.nayuki.qrcodegen.QrCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Invitation QR codes are read back by ZXing (another implementation than the encoder) whatever their link. */
class QrImagesTest {
    /**
     * Found by drawing 2,000 random invitation links (a probe outside the project): with the mask the encoder picks
     * (mask 2 here), ZXing's locator does not find this code even drawn perfectly; it decodes it when told the image
     * is the bare code (PURE_BARCODE hint), so the modules are right. Any other mask reads.
     */
    static final String UNLUCKY = "https://terrain.parisdemain.fr/invitation/zezv8cNphrcfD2eaPsZDLOgNau6BigHnT8Gv08vD2VM";

    @Test
    void aCodeZxingCannotFindIsDrawnWithAnotherMaskThatItReads() throws IOException {
        QrCode standard = QrCode.encodeText(UNLUCKY, QrCode.Ecc.MEDIUM);
        assertThat(QrImages.readsBack(standard, UNLUCKY)).as("the encoder's own choice is unreadable to ZXing").isFalse();
        QrCode drawn = QrImages.readable(UNLUCKY);
        assertThat(drawn.mask).isNotEqualTo(standard.mask);
        assertThat(drawn.version).isEqualTo(standard.version);
        assertThat(drawn.errorCorrectionLevel).isEqualTo(standard.errorCorrectionLevel);
        assertThat(QrReader.readSvg(QrImages.svg(UNLUCKY))).isEqualTo(UNLUCKY);
        assertThat(QrReader.read(QrImages.png(UNLUCKY, 8))).isEqualTo(UNLUCKY);
    }

    /** About one link in 400 needs another mask: 1,000 random links, each SVG and PNG read back to its link. */
    @Test
    void everyInvitationLinkReadsBack() throws IOException {
        List<String> unreadable = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            String link = Invites.link("https://terrain.parisdemain.fr", Secrets.randomToken(32));
            try {
                if (!link.equals(QrReader.readSvg(QrImages.svg(link))) || !link.equals(QrReader.read(QrImages.png(link, 8)))) {
                    unreadable.add(link);
                }
            } catch (IllegalStateException e) { // QrReader: not found
                unreadable.add(link);
            }
        }
        assertThat(unreadable).isEmpty();
    }
}
