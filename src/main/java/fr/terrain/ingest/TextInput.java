package fr.terrain.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How a text file is encoded and separated, guessed from its first bytes: UTF-8 with or without
 * BOM, else Windows-1252 (a superset of Latin-1, what French spreadsheets export); {@code ;},
 * {@code ,} or tab, whichever the header line uses most outside quotes.
 */
public record TextInput(Path path, Charset charset, int bomLength, char separator) {

    private static final int SAMPLE = 64 * 1024;
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    public static TextInput detect(Path path) {
        byte[] sample;
        try (InputStream in = Files.newInputStream(path)) {
            sample = in.readNBytes(SAMPLE);
        } catch (IOException e) {
            throw InputError.unreadable(path.toString(), e);
        }
        int bom = 0;
        Charset cs;
        if (sample.length >= 3 && (sample[0] & 0xff) == 0xEF && (sample[1] & 0xff) == 0xBB && (sample[2] & 0xff) == 0xBF) {
            bom = 3;
            cs = StandardCharsets.UTF_8;
        } else if (sample.length >= 2 && (sample[0] & 0xff) == 0xFF && (sample[1] & 0xff) == 0xFE) {
            bom = 2;
            cs = StandardCharsets.UTF_16LE;
        } else if (sample.length >= 2 && (sample[0] & 0xff) == 0xFE && (sample[1] & 0xff) == 0xFF) {
            bom = 2;
            cs = StandardCharsets.UTF_16BE;
        } else {
            cs = isUtf8(sample, sample.length == SAMPLE) ? StandardCharsets.UTF_8 : WINDOWS_1252;
        }
        String head = new String(sample, bom, sample.length - bom, cs);
        return new TextInput(path, cs, bom, separatorOf(firstLine(head)));
    }

    /** The first line of the text, or all of it. */
    static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static boolean isUtf8(byte[] sample, boolean truncated) {
        // A sample cut mid-file may end inside a multi-byte character: ignore its last 3 bytes.
        int length = truncated ? Math.max(0, sample.length - 3) : sample.length;
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Arrays.copyOf(sample, length)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static char separatorOf(String headerLine) {
        int semicolons = 0;
        int commas = 0;
        int tabs = 0;
        boolean quoted = false;
        for (char c : headerLine.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (c) {
                    case ';' -> semicolons++;
                    case ',' -> commas++;
                    case '\t' -> tabs++;
                    default -> { }
                }
            }
        }
        if (tabs > semicolons && tabs > commas) {
            return '\t';
        }
        return semicolons >= commas && semicolons > 0 ? ';' : ',';
    }

    /**
     * A reader that fails (with a {@link CharacterCodingException}) on bytes that are not valid in
     * the detected encoding, rather than silently replacing them.
     */
    public Reader openReader() throws IOException {
        InputStream in = Files.newInputStream(path);
        in.skipNBytes(bomLength);
        return new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    public String fileName() {
        return path.getFileName().toString();
    }
}
