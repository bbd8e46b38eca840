package fr.terrain.store;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encryption of a backup file (format in docs/privacy.md): a clear header, then the content
 * cut into segments of at most 1 MiB, each sealed with AES-256-GCM under a key derived from the
 * passphrase with PBKDF2-HMAC-SHA256. Each segment's nonce carries its number and its
 * authenticated data the header and whether it is the last, so a segment cannot be altered,
 * dropped, reordered or cut off without the read failing. Segments keep memory flat whatever the
 * size of the store (one GCM message would have to be held whole to be checked).
 */
public final class BackupCipher {
    static final byte[] MAGIC = "TERRAIN\u0001".getBytes(StandardCharsets.ISO_8859_1);
    static final byte KDF_PBKDF2_SHA256 = 1;
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int ITERATIONS = 600_000;
    static final int SEGMENT = 1 << 20;
    private static final int TAG_BITS = 128;
    private static final int HEADER = MAGIC.length + 1 + 4 + 16 + 8;

    private BackupCipher() {}

    /** A stream whose bytes are written encrypted to {@code out}; closing it writes the last segment. */
    public static OutputStream encrypt(OutputStream out, char[] passphrase) throws IOException {
        return encrypt(out, passphrase, ITERATIONS);
    }

    static OutputStream encrypt(OutputStream out, char[] passphrase, int iterations) throws IOException {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        byte[] prefix = new byte[8];
        random.nextBytes(salt);
        random.nextBytes(prefix);
        ByteBuffer header = ByteBuffer.allocate(HEADER).put(MAGIC).put(KDF_PBKDF2_SHA256).putInt(iterations).put(salt)
                .put(prefix);
        byte[] h = header.array();
        out.write(h);
        return new Sealer(new DataOutputStream(out), key(passphrase, salt, iterations), h, prefix);
    }

    /** The decrypted content of {@code in}; a wrong passphrase or an altered file fails at the first segment read. */
    public static InputStream decrypt(InputStream in, char[] passphrase) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] h = new byte[HEADER];
        try {
            data.readFully(h);
        } catch (EOFException e) {
            throw new BackupException("ce fichier n'est pas une sauvegarde Terrain (trop court)");
        }
        ByteBuffer header = ByteBuffer.wrap(h);
        byte[] magic = new byte[MAGIC.length];
        header.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new BackupException("ce fichier n'est pas une sauvegarde Terrain chiffrée (en-tête inconnu)");
        }
        byte kdf = header.get();
        int iterations = header.getInt();
        if (kdf != KDF_PBKDF2_SHA256 || iterations < 1 || iterations > 100_000_000) {
            throw new BackupException("sauvegarde d'un format inconnu (dérivation de clé " + kdf + ")");
        }
        byte[] salt = new byte[16];
        byte[] prefix = new byte[8];
        header.get(salt).get(prefix);
        return new Opener(data, key(passphrase, salt, iterations), h, prefix);
    }

    private static SecretKeySpec key(char[] passphrase, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            return new SecretKeySpec(key, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] nonce(byte[] prefix, int counter) {
        return ByteBuffer.allocate(12).put(prefix).putInt(counter).array();
    }

    private static byte[] aad(byte[] header, int counter, boolean last) {
        return ByteBuffer.allocate(header.length + 5).put(header).putInt(counter).put((byte) (last ? 1 : 0)).array();
    }

    private static final class Sealer extends FilterOutputStream {
        private final DataOutputStream out;
        private final SecretKeySpec key;
        private final byte[] header;
        private final byte[] prefix;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(SEGMENT);
        private int counter;
        private boolean closed;

        Sealer(DataOutputStream out, SecretKeySpec key, byte[] header, byte[] prefix) {
            super(out);
            this.out = out;
            this.key = key;
            this.header = header;
            this.prefix = prefix;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, SEGMENT - buffer.size());
                buffer.write(b, off, n);
                off += n;
                len -= n;
                if (buffer.size() == SEGMENT) {
                    seal(false);
                }
            }
        }

        private void seal(boolean last) throws IOException {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(prefix, counter)));
                cipher.updateAAD(aad(header, counter, last));
                byte[] sealed = cipher.doFinal(buffer.toByteArray());
                out.writeByte(last ? 1 : 0);
                out.writeInt(sealed.length);
                out.write(sealed);
                buffer.reset();
                counter++;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                seal(true);
                out.close();
            }
        }
    }

    private static final class Opener extends InputStream {
        private final DataInputStream in;
        private final SecretKeySpec key;
        private final byte[] header;
        private final byte[] prefix;
        private byte[] plain = new byte[0];
        private int position;
        private int counter;
        private boolean last;

        Opener(DataInputStream in, SecretKeySpec key, byte[] header, byte[] prefix) {
            this.in = in;
            this.key = key;
            this.header = header;
            this.prefix = prefix;
        }

        /** Reads and checks the next segment; false at the end of the last one. */
        private boolean next() throws IOException {
            while (position == plain.length) {
                if (last) {
                    return false;
                }
                int flag;
                int length;
                try {
                    flag = in.readUnsignedByte();
                    length = in.readInt();
                } catch (EOFException e) {
                    throw new BackupException("sauvegarde tronquée : le fichier s'arrête avant sa fin (segment "
                            + counter + ")");
                }
                if (flag > 1 || length < TAG_BITS / 8 || length > SEGMENT + TAG_BITS / 8) {
                    throw new BackupException("sauvegarde altérée : segment " + counter + " mal formé");
                }
                byte[] sealed = new byte[length];
                try {
                    in.readFully(sealed);
                } catch (EOFException e) {
                    throw new BackupException("sauvegarde tronquée au segment " + counter);
                }
                try {
                    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(prefix, counter)));
                    cipher.updateAAD(aad(header, counter, flag == 1));
                    plain = cipher.doFinal(sealed);
                } catch (AEADBadTagException e) {
                    throw new BackupException(counter == 0
                            ? "phrase de passe incorrecte (ou fichier altéré) : la sauvegarde ne peut pas être déchiffrée"
                            : "sauvegarde altérée : le segment " + counter + " ne passe pas la vérification");
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
                position = 0;
                counter++;
                last = flag == 1;
                if (last && in.read() != -1) {
                    throw new BackupException("sauvegarde altérée : des octets suivent le dernier segment");
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return next() ? plain[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!next()) {
                return -1;
            }
            int n = Math.min(len, plain.length - position);
            System.arraycopy(plain, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A backup that cannot be read: wrong passphrase, altered or truncated file, unknown format. */
    public static final class BackupException extends IOException {
        public BackupException(String message) {
            super(message);
        }
    }
}
