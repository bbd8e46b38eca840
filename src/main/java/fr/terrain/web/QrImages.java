package fr.terrain.web;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.nayuki.qrcodegen.QrCode;
import io.nayuki.qrcodegen.QrSegment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * QR codes of invitation links, as SVG (for the page) or PNG (for print), drawn from the modules
 * Nayuki's encoder computes, with error correction M (15 % of the code may be smudged) and the
 * four-module quiet zone readers need.
 *
 * <p>Each code is read back with ZXing, the decoder of many Android scanner apps, before it is handed out. About one
 * invitation link in 400 gets from the encoder a mask (the pattern XOR-ed over the data, chosen by the standard's
 * penalty score) whose modules ZXing's locator takes for extra finder patterns: the code is valid, but that
 * reader does not find it even drawn perfectly. Such a code is drawn again with the first other mask that reads.
 */
public final class QrImages {
    static final int QUIET_ZONE = 4;

    private QrImages() {}

    /** The modules of the text's code: {@code [y][x]}, true for dark, without the quiet zone. */
    public static boolean[][] modules(String text) {
        return modules(readable(text));
    }

    /** The encoder's code for the text, or, when ZXing cannot read it back, the same with another mask that it reads. */
    static QrCode readable(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        if (readsBack(qr, text)) {
            return qr;
        }
        for (int mask = 0; mask < 8; mask++) {
            if (mask != qr.mask) {
                QrCode other = QrCode.encodeSegments(QrSegment.makeSegments(text), qr.errorCorrectionLevel, qr.version,
                        qr.version, mask, false);
                if (readsBack(other, text)) {
                    return other;
                }
            }
        }
        return qr; // no mask reads (never seen): the standard's choice
    }

    /**
     * Whether ZXing finds and decodes the code drawn 4, 6 and 8 pixels per module with its quiet zone (a screen, the
     * tests' drawing of the SVG, the printed PNG): its locator's misreadings depend a little on the size.
     */
    static boolean readsBack(QrCode qr, String text) {
        boolean[][] m = modules(qr);
        for (int scale : new int[] {4, 6, 8}) {
            int side = (m.length + 2 * QUIET_ZONE) * scale;
            int[] pixels = new int[side * side];
            for (int py = 0; py < side; py++) {
                for (int px = 0; px < side; px++) {
                    pixels[py * side + px] = dark(m, px / scale - QUIET_ZONE, py / scale - QUIET_ZONE) ? 0xff000000 : 0xffffffff;
                }
            }
            try {
                if (!text.equals(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                        new RGBLuminanceSource(side, side, pixels)))).getText())) {
                    return false;
                }
            } catch (ReaderException e) {
                return false;
            }
        }
        return true;
    }

    private static boolean dark(boolean[][] m, int x, int y) {
        return x >= 0 && y >= 0 && x < m.length && y < m.length && m[y][x];
    }

    private static boolean[][] modules(QrCode qr) {
        boolean[][] m = new boolean[qr.size][qr.size];
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                m[y][x] = qr.getModule(x, y);
            }
        }
        return m;
    }

    /** An SVG image, one unit per module, scalable: one path of unit squares. */
    public static String svg(String text) {
        boolean[][] m = modules(text);
        int side = m.length + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < m.length; y++) {
            for (int x = 0; x < m.length; x++) {
                if (m[y][x]) {
                    path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side
                + "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code du lien d'invitation\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"" + path + "\" fill=\"#000\"/></svg>\n";
    }

    /** A black-and-white PNG, {@code scale} pixels per module. */
    public static byte[] png(String text, int scale) {
        boolean[][] m = modules(text);
        int side = (m.length + 2 * QUIET_ZONE) * scale;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
        for (int py = 0; py < side; py++) {
            for (int px = 0; px < side; px++) {
                image.setRGB(px, py, dark(m, px / scale - QUIET_ZONE, py / scale - QUIET_ZONE) ? 0xff000000 : 0xffffffff);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
