package fr.terrain.web;

import io.nayuki.qrcodegen.QrCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * QR codes of invitation links, as SVG (for the page) or PNG (for print), drawn from the modules
 * Nayuki's encoder computes, with error correction M (15 % of the code may be smudged) and the
 * four-module quiet zone readers need.
 */
public final class QrImages {
    static final int QUIET_ZONE = 4;

    private QrImages() {}

    /** The modules of the text's code: {@code [y][x]}, true for dark, without the quiet zone. */
    public static boolean[][] modules(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
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
                int x = px / scale - QUIET_ZONE;
                int y = py / scale - QUIET_ZONE;
                boolean dark = x >= 0 && y >= 0 && x < m.length && y < m.length && m[y][x];
                image.setRGB(px, py, dark ? 0xff000000 : 0xffffffff);
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
