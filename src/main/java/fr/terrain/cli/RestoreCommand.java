package fr.terrain.cli;

import fr.terrain.compliance.AuditCheck;
import fr.terrain.store.Backup;
import fr.terrain.store.HashKeyFile;
import fr.terrain.store.BackupCipher;
import fr.terrain.store.Store;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code terrain restore FILE}: a backup back into a store, all or nothing. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restaure une sauvegarde de terrain backup dans une base vide (H2 ou PostgreSQL), en une seule"
                + " transaction : une phrase de passe fausse, un fichier altéré ou tronqué ne changent rien.",
            "Avec --replace, la liste d'opposition de la base remplacée est gardée : les oppositions et effacements"
                    + " faits après la sauvegarde sont appliqués aux données restaurées (personne effacée de nouveau,"
                    + " lignes de liste électorale retirées, consentements retirés) ; les demandes de droits reçues"
                    + " ou traitées depuis la sauvegarde, les retraits de consentement, les refus du suivi des"
                    + " courriels et les adresses non distribuables sont gardés ; les portes corrigées depuis le restent"
                    + " (une opinion effacée par une correction ne revient pas). Ce qui est perdu est dit (⚠) :"
                    + " rectifications faites depuis (à refaire), consentements donnés depuis.",
            "Phrase de passe : TERRAIN_BACKUP_PASSPHRASE, sinon une ligne de l'entrée standard."})
final class RestoreCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "FICHIER", description = "Sauvegarde chiffrée écrite par terrain backup.")
    Path file;

    @Option(names = "--replace", description = "Remplace tout le contenu d'une base qui n'est pas vide.")
    boolean replace;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new Terrain.UserError("fichier introuvable : " + file);
        }
        char[] passphrase = BackupCommand.passphrase();
        try (Store s = store.openOrCreate();
                InputStream in = BackupCipher.decrypt(new BufferedInputStream(Files.newInputStream(file)), passphrase)) {
            Backup.Summary summary = Backup.restore(s, in, replace, HashKeyFile.secrets(store.home()),
                    BackupCommand.actor(), file.getFileName().toString());
            HashKeyFile.install(store.home(), summary.secrets());
            spec.commandLine().getOut().printf("✔ sauvegarde restaurée depuis %s : %d tables, %s lignes (schéma v%s)%n",
                    file, summary.rows().size(), Reports.n(summary.totalRows()), summary.schemaVersion());
            if (!summary.reapplied().isEmpty()) {
                spec.commandLine().getOut().println("✔ " + summary.reapplied());
            }
            summary.lost().forEach(l -> spec.commandLine().getOut().println("⚠ " + l));
            spec.commandLine().getOut().println(checkpointAfter(s));
        } catch (fr.terrain.store.StoreException e) {
            throw new Terrain.UserError(e.getMessage() + " ; rien n'a été modifié");
        } catch (BackupCipher.BackupException e) {
            throw new Terrain.UserError(e.getMessage() + " ; rien n'a été modifié");
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BackupCipher.BackupException b) {
                throw new Terrain.UserError(b.getMessage() + " ; rien n'a été modifié");
            }
            throw e;
        } finally {
            java.util.Arrays.fill(passphrase, '\0');
        }
        return 0;
    }

    /** The audit checkpoint moved to the restored log, in a line; the data stays restored whatever it says. */
    private String checkpointAfter(Store s) {
        try {
            AuditCheck.Result audit = AuditCheck.restart(s, store.home());
            return audit.intact()
                    ? "✔ point de contrôle du journal d'audit placé après la restauration (entrée n° " + audit.head().seq() + ")"
                    : "⚠ journal d'audit de la sauvegarde altéré : " + audit.broken().orElseThrow().reason()
                            + " ; point de contrôle inchangé";
        } catch (AuditCheck.UnreadableCheckpoint e) {
            return "⚠ point de contrôle du journal d'audit illisible, laissé tel quel : " + e.getMessage()
                    + " ; terrain audit verify le signalera tant qu'il n'est pas remis d'une copie ou supprimé";
        }
    }
}
