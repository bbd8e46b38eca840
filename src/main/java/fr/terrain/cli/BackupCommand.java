package fr.terrain.cli;

import fr.terrain.store.AuditLog;
import fr.terrain.store.HashKeyFile;
import fr.terrain.store.Backup;
import fr.terrain.store.BackupCipher;
import fr.terrain.store.Store;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code terrain backup --out FILE}: every table, encrypted with a passphrase. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Écrit une sauvegarde chiffrée de toute la base (chaque table, y compris les comptes et le journal"
                + " d'audit), restaurable sur H2 comme sur PostgreSQL par terrain restore.",
            "Chiffrement AES-256-GCM, clé dérivée de la phrase de passe par PBKDF2-HMAC-SHA256 (600 000 itérations) ;"
                    + " la phrase de passe vient de TERRAIN_BACKUP_PASSPHRASE, sinon d'une ligne de l'entrée standard"
                    + " (12 caractères au moins). Format : docs/privacy.md."})
final class BackupCommand implements Callable<Integer> {
    static final String PASSPHRASE_VARIABLE = "TERRAIN_BACKUP_PASSPHRASE";
    static final int MIN_PASSPHRASE = 12;

    @Mixin
    StoreOptions store;

    @Option(names = "--out", required = true, paramLabel = "FICHIER", description = "Fichier de sauvegarde à écrire.")
    Path out;

    @Option(names = "--force", description = "Remplace le fichier s'il existe.")
    boolean force;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter print = spec.commandLine().getOut();
        if (Files.isDirectory(out)) { // --force would not help: a file is written, not a directory
            throw new Terrain.UsageError("--out " + out + " est un répertoire : donnez le fichier à écrire, par ex. "
                    + out.resolve("terrain-" + java.time.LocalDate.now() + ".bak"));
        }
        if (Files.exists(out) && !force) {
            throw new Terrain.UserError("le fichier " + out + " existe déjà (--force pour le remplacer)");
        }
        char[] passphrase = passphrase();
        if (passphrase.length < MIN_PASSPHRASE) {
            throw new Terrain.UserError("phrase de passe trop courte : " + MIN_PASSPHRASE + " caractères au moins");
        }
        Path dir = out.toAbsolutePath().getParent();
        Path partial;
        try {
            Files.createDirectories(dir);
            partial = Files.createTempFile(dir, ".terrain-backup-", ".part");
        } catch (IOException e) {
            throw Terrain.cannotWrite(dir, e);
        }
        try (Store s = store.open()) {
            Backup.Summary summary;
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial));
                    OutputStream sealed = BackupCipher.encrypt(file, passphrase)) {
                summary = Backup.write(s, sealed, HashKeyFile.secrets(store.home()));
            }
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            AuditLog.append(s, actor(), "backup.write", out.getFileName().toString(), summary.totalRows(),
                    summary.rows().size() + " tables, schéma v" + summary.schemaVersion() + ", AES-256-GCM");
            print.printf("✔ sauvegarde chiffrée %s : %d tables, %s lignes (schéma v%s)%n", out, summary.rows().size(),
                    Reports.n(summary.totalRows()), summary.schemaVersion());
        } finally {
            java.util.Arrays.fill(passphrase, '\0');
            Files.deleteIfExists(partial);
        }
        return 0;
    }

    /** Who runs the command, for the audit log. */
    static String actor() {
        return "cli:" + System.getProperty("user.name", "?");
    }

    /** TERRAIN_BACKUP_PASSPHRASE, else one line of standard input. */
    static char[] passphrase() {
        String env = System.getenv(PASSPHRASE_VARIABLE);
        if (env != null && !env.isEmpty()) {
            return env.toCharArray();
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new Terrain.UserError("aucune phrase de passe : définissez " + PASSPHRASE_VARIABLE
                        + " ou donnez-la sur une ligne de l'entrée standard");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
