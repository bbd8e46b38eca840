package fr.terrain.cli;

import fr.terrain.compliance.PrivacySettings;
import fr.terrain.compliance.RegisterFiles;
import fr.terrain.privacy.CampaignIdentity;
import fr.terrain.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code terrain register}: the GDPR art. 30 register and the AIPD template, from the real configuration. */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Écrit le registre des activités de traitement (RGPD art. 30) en Markdown et en PDF, et un modèle"
                + " d'analyse d'impact (AIPD) pré-rempli, à partir de la configuration réelle : sources importées,"
                + " politique de conservation, identité de la campagne (privacy.properties)."})
final class RegisterCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--out", paramLabel = "DIR", description = "Dossier de sortie (défaut : reports/ du répertoire des données).")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrivacySettings settings = PrivacySettings.read(store.home());
        RetentionCommand.policy(settings);
        try (Store st = store.openOrCreate()) {
            RegisterFiles.Written w = RegisterFiles.write(st, settings, out == null ? store.home().resolve("reports") : out,
                    fr.terrain.election.Paris.today());
            o.println("✔ registre : " + w.markdown() + " et " + w.pdf());
            o.println("✔ modèle d'AIPD : " + w.dpia());
            o.println("  sources importées : " + (w.uses().isEmpty() ? "aucune"
                    : String.join(", ", w.uses().stream().map(u -> u.category().id()).toList())));
            if (settings.identity().controller().equals(CampaignIdentity.MISSING)) {
                o.println("  à renseigner : campaign.controller, campaign.dpo… dans " + settings.file()
                        + " (terrain retention policy --init écrit le modèle)");
            }
        }
        return 0;
    }
}
