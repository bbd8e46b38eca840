package fr.terrain.web;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Reads a QR code back with ZXing (another implementation than the one that drew it). */
public final class QrReader {
    private QrReader() {}

    public static String read(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels))))
                    .getText();
        } catch (com.google.zxing.ReaderException e) {
            throw new IllegalStateException("QR code illisible : " + e, e);
        }
    }

    /** Draws an SVG of unit squares ({@code M x,y h1v1h-1z}) as a PNG, then reads it. */
    public static String readSvg(String svg) throws IOException {
        java.util.regex.Matcher size = java.util.regex.Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        if (!size.find()) {
            throw new IllegalStateException("SVG sans viewBox");
        }
        int side = Integer.parseInt(size.group(1));
        int scale = 6;
        BufferedImage image = new BufferedImage(side * scale, side * scale, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, side * scale, side * scale);
        g.setColor(java.awt.Color.BLACK);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("M(\\d+),(\\d+)h1v1h-1z").matcher(svg);
        while (m.find()) {
            g.fillRect(Integer.parseInt(m.group(1)) * scale, Integer.parseInt(m.group(2)) * scale, scale, scale);
        }
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return read(out.toByteArray());
    }
}
