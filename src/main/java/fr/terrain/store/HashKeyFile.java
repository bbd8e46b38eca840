package fr.terrain.store;

import fr.terrain.privacy.IdentifierHasher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret key of the suppression list's hashes: a file in the data directory (TERRAIN_HOME),
 * created on first use, readable by its owner only, never in the database. Back it up with the
 * database: without it the stored hashes can no longer be matched.
 */
public final class HashKeyFile {
    /** The key's file name in the data directory. */
    public static final String NAME = "suppression.key";

    private HashKeyFile() {}

    /** The file name of the key that signs tracking links (see {@link #trackingKey}). */
    public static final String TRACKING_NAME = "tracking.key";

    /** The hasher of a suppression key file's content (as {@link #secrets} reads it). */
    static IdentifierHasher hasher(byte[] file) {
        try {
            return new IdentifierHasher(Base64.getDecoder().decode(new String(file, StandardCharsets.US_ASCII).strip()));
        } catch (IllegalArgumentException e) {
            throw new StoreException("clé de la liste d'opposition invalide : " + e.getMessage());
        }
    }

    /** The hasher keyed by {@code home/suppression.key}, creating a random 256-bit key the first time. */
    public static IdentifierHasher load(Path home) {
        Path file = home.resolve(NAME);
        try {
            return new IdentifierHasher(key(home, NAME, "clé de la liste d'opposition"));
        } catch (IllegalArgumentException e) {
            throw new StoreException("clé de la liste d'opposition invalide dans " + file + " : " + e.getMessage());
        }
    }

    /**
     * The key that signs tracking links, {@code home/tracking.key}, kept like the suppression key (a
     * separate key: one leaking does not give away the other). Created the first time.
     */
    public static byte[] trackingKey(Path home) {
        byte[] key = key(home, TRACKING_NAME, "clé de suivi des liens");
        if (key.length < 32) {
            throw new StoreException("clé de suivi des liens trop courte dans " + home.resolve(TRACKING_NAME));
        }
        return key;
    }

    private static byte[] key(Path home, String name, String what) {
        Path file = home.resolve(name);
        try {
            if (!Files.exists(file)) {
                create(home, file);
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(what + " illisible : " + file, e);
        } catch (IllegalArgumentException e) {
            throw new StoreException(what + " invalide dans " + file + " : " + e.getMessage());
        }
    }

    private static void create(Path home, Path file) throws IOException {
        Store.createHome(home);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String text = Base64.getEncoder().encodeToString(key) + "\n";
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            // another process created it first: use theirs
        }
    }

    /**
     * The keys as a backup stores them (the suppression key, absent when nothing was ever suppressed;
     * the tracking key, absent when no tracked message was ever rendered).
     */
    public static java.util.Map<String, byte[]> secrets(Path home) {
        java.util.Map<String, byte[]> out = new java.util.TreeMap<>();
        for (String name : new String[] {NAME, TRACKING_NAME}) {
            Path file = home.resolve(name);
            try {
                if (Files.exists(file)) {
                    out.put(name, Files.readAllBytes(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("clé illisible : " + file, e);
            }
        }
        return out;
    }

    /**
     * Puts back the key of a restored backup, so that its suppression hashes match again; a
     * different key already there is kept beside it as {@code suppression.key.avant-restauration}.
     */
    public static void install(Path home, java.util.Map<String, byte[]> secrets) {
        for (String name : new String[] {NAME, TRACKING_NAME}) {
            if (secrets.containsKey(name)) {
                install(home, name, secrets.get(name));
            }
        }
    }

    private static void install(Path home, String name, byte[] key) {
        Path file = home.resolve(name);
        try {
            Store.createHome(home);
            if (Files.exists(file)) {
                if (java.util.Arrays.equals(Files.readAllBytes(file), key)) {
                    return;
                }
                Files.move(file, home.resolve(name + ".avant-restauration"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.write(file, key, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("écriture de la clé de la liste d'opposition : " + file, e);
        }
    }
}
